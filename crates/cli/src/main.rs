//! `mumstrong`: safe, progressive strength training after childbirth, on the command line.
//!
//! A thin layer over `mumstrong-core`: it reads files, reads the clock once ("today") and prints.
//! Exit codes: 0 done (whatever the screening says), 2 bad input (the message names the field),
//! 1 internal error.
#![forbid(unsafe_code)]

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod service;

use clap::{Parser, Subcommand, ValueEnum};
use mumstrong_core::library::{Library, Pattern};
use mumstrong_core::log::{LogFormat, TrainingLog};
use mumstrong_core::plan::{self, PlanOptions, PlanOutcome};
use mumstrong_core::profile::{ProfileFormat, ProfileInput, parse_iso_date};
use mumstrong_core::{Profile, render, render_plan, screening};
use time::{Date, OffsetDateTime};

/// Largest profile file accepted; a real one is a few hundred bytes.
const MAX_PROFILE_BYTES: u64 = 1024 * 1024;

/// An annotated profile to start from, printed by `mumstrong template`.
const TEMPLATE: &str = include_str!("../../../examples/profiles/template.toml");

#[derive(Parser)]
#[command(
    name = "mumstrong",
    version,
    about = "Safe, progressive strength training after childbirth, with a core and pelvic-floor focus.",
    long_about = "mumstrong reads a short postnatal profile (birth date, delivery, symptoms, screening \
answers, goals, time and equipment) and tells you, by published guidelines, what exercise is safe \
now, what must wait, and who to see.\n\nThis is exercise guidance, not a medical diagnosis.",
    after_help = "Start with:\n  mumstrong template > me.toml      (fill it in)\n  mumstrong screen --profile me.toml\n\nExit codes: 0 done, 2 bad input (the message names the field), 1 internal error."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Screen a postnatal profile: what is safe now, what waits, who to see, and why.
    Screen {
        /// The profile file, TOML (.toml) or JSON (.json). See `mumstrong template`.
        #[arg(long, short, value_name = "FILE")]
        profile: PathBuf,
        /// Output: a plain-English summary, or the JSON decision for other programs.
        #[arg(long, short, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Screen as of this date (YYYY-MM-DD) instead of the profile's `as_of` or today.
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
    },
    /// List every screening rule with the guideline it comes from.
    Rules {
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Print an annotated profile to fill in (TOML), with every allowed word.
    Template,
    /// Make a phased, progressive programme from a profile (and adapt it to a training log).
    #[command(
        after_help = "Exit codes: 0 plan made, 2 bad input, 3 urgent: no plan, get help now (the output says where).\n\nThe log is CSV or JSON with columns date, exercise, sets, reps, and optionally target_reps, load_kg, rpe, symptoms, symptoms_after. See `mumstrong exercises` for the ids."
    )]
    Plan {
        /// The profile file, TOML (.toml) or JSON (.json).
        #[arg(long, short, value_name = "FILE")]
        profile: PathBuf,
        /// Number of weeks, 1 to 52.
        #[arg(long, short, default_value_t = 12, allow_negative_numbers = true, value_parser = parse_weeks)]
        weeks: u8,
        /// First day of week 1 (YYYY-MM-DD); default: the profile's `as_of`, or today.
        #[arg(long, value_name = "DATE")]
        start: Option<String>,
        /// Sessions done so far (.csv or .json), to adapt the plan to.
        #[arg(long, value_name = "FILE")]
        log: Option<PathBuf>,
        /// Output: a printable plan, JSON for programs, or an iCalendar file of the sessions.
        #[arg(long, short, value_enum, default_value_t = PlanFormat::Text)]
        format: PlanFormat,
        /// The car seat's weight in kg (default: the profile's `training.car_seat_kg`, or 3.5).
        #[arg(long, value_name = "KG", allow_negative_numbers = true)]
        car_seat_kg: Option<f64>,
    },
    /// List the exercise library: ids, patterns, equipment and ladders.
    Exercises {
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Only this movement pattern (e.g. squat, hinge, carry, pelvic_floor).
        #[arg(long, value_name = "PATTERN")]
        pattern: Option<String>,
    },
    /// Run the web service: the JSON API under /api/v1 (SQLite by default, or PostgreSQL).
    #[command(
        after_help = "Settings, lowest first: defaults, a TOML file (--config), MUMSTRONG_* environment variables, flags.\nStops gracefully on SIGTERM or Ctrl-C, finishing requests in flight."
    )]
    Serve(service::ServeArgs),
    /// Apply pending database migrations (serve does this at start too).
    Migrate(service::DbArgs),
    /// Write a consistent copy of the live SQLite database to a new file.
    Backup {
        /// The backup file to write (must not exist).
        #[arg(long, value_name = "FILE")]
        to: PathBuf,
        /// Database and settings file.
        #[command(flatten)]
        db: service::DbArgs,
    },
    /// Import a workout history exported from Strong, Hevy, FitNotes or mumstrong into a member's
    /// account (preview with --dry-run; undo with --undo ID).
    Import {
        /// The exported file (CSV or JSON).
        #[arg(value_name = "FILE")]
        file: Option<PathBuf>,
        /// The member's email.
        #[arg(long, value_name = "EMAIL")]
        user: String,
        /// Weight unit for Strong exports that do not say: kg or lb.
        #[arg(long, value_name = "UNIT")]
        unit: Option<String>,
        /// Show the preview only; store nothing.
        #[arg(long)]
        dry_run: bool,
        /// Undo an earlier import by its id.
        #[arg(long, value_name = "ID")]
        undo: Option<i64>,
        /// Database and settings file.
        #[command(flatten)]
        db: service::DbArgs,
    },
    /// Write a member's report for her coach or physio (HTML, or PDF through Chromium).
    Report {
        /// The member's email.
        #[arg(long, value_name = "EMAIL")]
        user: String,
        /// First day (YYYY-MM-DD; default 12 weeks before --to).
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Last day (YYYY-MM-DD; default today).
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// html or pdf.
        #[arg(long, value_enum, default_value_t = ReportFormat::Html)]
        format: ReportFormat,
        /// The file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Database and settings file.
        #[command(flatten)]
        db: service::DbArgs,
    },
    /// Manage accounts (an admin's job).
    #[command(subcommand)]
    User(service::UserCommand),
}

#[derive(Clone, Copy, ValueEnum)]
enum ReportFormat {
    /// A printable web page.
    Html,
    /// A PDF, printed from the web page by headless Chromium.
    Pdf,
}

#[derive(Clone, Copy, ValueEnum)]
enum PlanFormat {
    /// A printable programme for people.
    Text,
    /// JSON for programs.
    Json,
    /// iCalendar (RFC 5545): the sessions as calendar events.
    Ics,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// Plain English for people.
    Text,
    /// JSON for programs.
    Json,
}

/// What a command prints, and whether it is an urgent stop (exit 3).
enum Done {
    /// Normal output.
    Print(String),
    /// Urgent guidance instead of a plan.
    Urgent(String),
    /// Urgent guidance, on stderr, where stdout would be a file for programs (a calendar).
    UrgentToStderr(String),
}

/// The CLI's one error type: each kind maps to an exit code.
#[derive(Debug)]
enum AppError {
    /// The user's input is wrong; the message says which field and what was expected.
    BadInput(String),
    /// Our fault.
    Internal(String),
}

impl AppError {
    fn exit_code(&self) -> ExitCode {
        match self {
            AppError::BadInput(_) => ExitCode::from(2),
            AppError::Internal(_) => ExitCode::from(1),
        }
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AppError::BadInput(m) => write!(f, "error: {m}"),
            AppError::Internal(m) => write!(
                f,
                "internal error: {m}\nPlease report this; it is not your fault."
            ),
        }
    }
}

fn today() -> Date {
    OffsetDateTime::now_local()
        .unwrap_or_else(|_| OffsetDateTime::now_utc())
        .date()
}

fn read_profile_text(path: &Path) -> Result<(String, ProfileFormat), AppError> {
    let format = ProfileFormat::from_file_name(&path.to_string_lossy()).ok_or_else(|| {
        AppError::BadInput(format!(
            "--profile: `{}` must end in .toml or .json so mumstrong knows how to read it",
            path.display()
        ))
    })?;
    let text = read_small_text(
        path,
        SmallFile {
            flag: "--profile",
            what: "a profile",
            max_bytes: MAX_PROFILE_BYTES,
            not_a_file: "is not a file",
            save_as: "save it as UTF-8 (in most editors: Save As, Encoding: UTF-8)",
        },
    )?;
    Ok((text.trim_start_matches('\u{feff}').to_owned(), format))
}

/// How to name a small input file in errors.
struct SmallFile {
    flag: &'static str,
    what: &'static str,
    max_bytes: u64,
    not_a_file: &'static str,
    save_as: &'static str,
}

/// Reads a small user file as text: a file, not too big, UTF-8 (or UTF-16 with a BOM). Every
/// error names the flag and says what was expected.
fn read_small_text(path: &Path, f: SmallFile) -> Result<String, AppError> {
    let shown = path.display();
    let flag = f.flag;
    let meta = std::fs::metadata(path)
        .map_err(|e| AppError::BadInput(format!("{flag}: cannot read `{shown}`: {e}")))?;
    if !meta.is_file() {
        return Err(AppError::BadInput(format!(
            "{flag}: `{shown}` {}",
            f.not_a_file
        )));
    }
    if meta.len() > f.max_bytes {
        return Err(AppError::BadInput(format!(
            "{flag}: `{shown}` is {} bytes; {} is at most {} bytes",
            meta.len(),
            f.what,
            f.max_bytes
        )));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| AppError::BadInput(format!("{flag}: cannot read `{shown}`: {e}")))?;
    decode_text(bytes).map_err(|line| {
        AppError::BadInput(format!(
            "{flag}: `{shown}` is not UTF-8 text (the first unreadable character is on line {line}); {}",
            f.save_as
        ))
    })
}

/// Reads UTF-8, or UTF-16 with a byte-order mark (as some Windows editors save). On failure,
/// gives the line of the first byte that is not UTF-8.
fn decode_text(bytes: Vec<u8>) -> Result<String, usize> {
    let utf16 = |bytes: &[u8], from: fn([u8; 2]) -> u16| {
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|pair| from([pair[0], pair[1]]))
            .collect();
        String::from_utf16(&units).map_err(|_| 1usize)
    };
    match bytes.as_slice() {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes),
        _ => String::from_utf8(bytes).map_err(|e| {
            let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            1 + good.iter().filter(|&&b| b == b'\n').count()
        }),
    }
}

/// Reads and validates a profile; `as_of` (from a flag) overrides the file's date.
fn load_profile(path: &Path, as_of: Option<String>, flag: &str) -> Result<Profile, AppError> {
    let (text, profile_format) = read_profile_text(path)?;
    let in_file = |e: mumstrong_core::ProfileError| {
        AppError::BadInput(format!("in profile `{}`:\n  {e}", path.display()))
    };
    let mut input = ProfileInput::from_str(&text, profile_format).map_err(in_file)?;
    let flag_date = as_of.is_some();
    if let Some(date) = as_of {
        parse_iso_date(&date).map_err(|m| AppError::BadInput(format!("{flag}: {m}")))?;
        input.as_of = Some(date);
    }
    input.validate(today()).map_err(|e| match e.field() {
        // The date came from the flag, not the file: say so.
        Some("as_of") if flag_date => AppError::BadInput(format!(
            "{flag}: {}",
            e.to_string().trim_start_matches("as_of: ")
        )),
        Some("birth.date") if flag_date => AppError::BadInput(format!(
            "in profile `{}`:\n  {e}\n  (the date comes from {flag})",
            path.display()
        )),
        _ => in_file(e),
    })
}

fn screen_cmd(path: &Path, format: Format, as_of: Option<String>) -> Result<Done, AppError> {
    let profile = load_profile(path, as_of, "--as-of")?;
    let screening = screening::screen(&profile);
    Ok(Done::Print(match format {
        Format::Text => render::screening_text(&profile, &screening),
        Format::Json => to_json(&screening)?,
    }))
}

/// `--weeks`: a whole number of weeks from 1 to 52.
fn parse_weeks(text: &str) -> Result<u8, String> {
    match text.trim().parse::<i64>() {
        Ok(n) if (1..=i64::from(plan::MAX_WEEKS)).contains(&n) => Ok(n as u8),
        Ok(n) => Err(format!("expected 1 to {} weeks, got {n}", plan::MAX_WEEKS)),
        Err(_) => Err(format!(
            "expected a whole number of weeks from 1 to {}",
            plan::MAX_WEEKS
        )),
    }
}

/// Largest training log accepted.
const MAX_LOG_BYTES: u64 = 5 * 1024 * 1024;

fn read_log(path: &Path, library: &Library) -> Result<TrainingLog, AppError> {
    let format = LogFormat::from_file_name(&path.to_string_lossy()).ok_or_else(|| {
        AppError::BadInput(format!(
            "--log: `{}` must end in .csv or .json so mumstrong knows how to read it",
            path.display()
        ))
    })?;
    let text = read_small_text(
        path,
        SmallFile {
            flag: "--log",
            what: "a log",
            max_bytes: MAX_LOG_BYTES,
            not_a_file: "is not a file (a directory?); give the log file itself",
            save_as: "save it as UTF-8",
        },
    )?;
    TrainingLog::parse(&text, format, library)
        .map_err(|e| AppError::BadInput(format!("in log `{}`:\n  {e}", path.display())))
}

fn plan_cmd(
    path: &Path,
    weeks: u8,
    start: Option<String>,
    log: Option<PathBuf>,
    format: PlanFormat,
    car_seat_kg: Option<f64>,
) -> Result<Done, AppError> {
    let profile = load_profile(path, None, "--start")?;
    let start = match start {
        Some(text) => {
            parse_iso_date(&text).map_err(|m| AppError::BadInput(format!("--start: {m}")))?
        }
        None => profile.as_of,
    };
    let library = Library::builtin();
    let log_path = log;
    let log = match &log_path {
        Some(p) => read_log(p, library)?,
        None => TrainingLog::default(),
    };
    if let Some(kg) = car_seat_kg
        && !(kg.is_finite() && (0.5..=20.0).contains(&kg))
    {
        let shown = if kg.is_finite() && kg.abs() < 1e6 {
            kg.to_string()
        } else {
            format!("{kg:e}")
        };
        return Err(AppError::BadInput(format!(
            "--car-seat-kg: expected the car seat's weight, 0.5 to 20 kg; got {shown}"
        )));
    }
    let defaults = PlanOptions::for_profile(&profile);
    let options = PlanOptions {
        start,
        weeks,
        car_seat_kg: car_seat_kg.unwrap_or(defaults.car_seat_kg),
    };
    let outcome = plan::generate(&profile, library, &options, &log).map_err(|e| {
        match (&log_path, e.field.starts_with("log line")) {
            (Some(path), true) => {
                AppError::BadInput(format!("in log `{}`:\n  {e}", path.display()))
            }
            _ => AppError::BadInput(e.to_string()),
        }
    })?;
    match outcome {
        PlanOutcome::Urgent(stop) => Ok((if matches!(format, PlanFormat::Ics) {
            Done::UrgentToStderr
        } else {
            Done::Urgent
        })(match format {
            PlanFormat::Json => to_json(&serde_json::json!({
                "urgent": true,
                "screening": stop.screening,
                "from_log": stop.from_log,
            }))?,
            _ => {
                let logged: String = stop
                    .from_log
                    .iter()
                    .map(|f| format!("{}\n", f.text))
                    .collect();
                format!(
                    "{logged}{}\nNo programme: exercise stops until you have had help.\n",
                    render::screening_text(&profile, &stop.screening)
                )
            }
        })),
        PlanOutcome::Ready(plan) => Ok(Done::Print(match format {
            PlanFormat::Text => render_plan::plan_text(&profile, &plan),
            PlanFormat::Json => to_json(&plan)?,
            PlanFormat::Ics => render_plan::plan_ics(&plan, OffsetDateTime::now_utc()),
        })),
    }
}

fn exercises_cmd(format: Format, pattern: Option<String>) -> Result<Done, AppError> {
    let library = Library::builtin();
    let pattern = match pattern {
        None => None,
        Some(word) => Some(
            Pattern::ALL
                .into_iter()
                .find(|p| p.as_str() == word.trim())
                .ok_or_else(|| {
                    let all: Vec<&str> = Pattern::ALL.iter().map(|p| p.as_str()).collect();
                    AppError::BadInput(format!(
                        "--pattern: unknown pattern `{word}`; expected one of {}",
                        all.join(", ")
                    ))
                })?,
        ),
    };
    let chosen: Vec<_> = library
        .exercises()
        .iter()
        .filter(|e| pattern.is_none_or(|p| e.pattern == p))
        .collect();
    Ok(Done::Print(match format {
        Format::Json => to_json(&chosen.iter().map(|e| e.listing()).collect::<Vec<_>>())?,
        Format::Text => {
            let mut out = format!(
                "mumstrong exercise library {} ({} exercises)\n",
                library.version(),
                chosen.len()
            );
            let mut current = None;
            for e in chosen {
                if current != Some(e.pattern) {
                    out.push_str(&format!(
                        "\n{}\n",
                        e.pattern.as_str().replace('_', " ").to_uppercase()
                    ));
                    current = Some(e.pattern);
                }
                let needs: Vec<&str> = e.needs().map(|k| k.label()).collect();
                out.push_str(&format!(
                    "  {:<32} level {:>2}  {}{}{}\n",
                    e.id,
                    e.level,
                    e.name,
                    if needs.is_empty() {
                        String::new()
                    } else {
                        format!(" [{}]", needs.join(", "))
                    },
                    match &e.regression {
                        Some(r) => format!(" (easier: {r})"),
                        None => String::new(),
                    }
                ));
            }
            out
        }
    }))
}

/// Pretty JSON with a final newline; failing to serialise is our fault, not the user's.
fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> Result<String, AppError> {
    serde_json::to_string_pretty(value)
        .map(|s| s + "\n")
        .map_err(|e| AppError::Internal(e.to_string()))
}

fn rules_cmd(format: Format) -> Result<Done, AppError> {
    Ok(Done::Print(match format {
        Format::Json => to_json(screening::RULES)?,
        Format::Text => {
            let mut out =
                String::from("mumstrong screening rules, in the order they are applied\n\n");
            for r in screening::RULES {
                out.push_str(&format!(
                    "{}\n  {}\n  Source: {}\n\n",
                    r.id, r.title, r.source
                ));
            }
            out.push_str(screening::DISCLAIMER);
            out.push('\n');
            out
        }
    }))
}

fn service_exit(result: Result<ExitCode, service::Failure>) -> ExitCode {
    match result {
        Ok(code) => code,
        Err(failure) => {
            eprintln!("{}", failure.message);
            ExitCode::from(failure.code)
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Screen {
            profile,
            format,
            as_of,
        } => screen_cmd(&profile, format, as_of),
        Command::Rules { format } => rules_cmd(format),
        Command::Template => Ok(Done::Print(TEMPLATE.to_owned())),
        Command::Plan {
            profile,
            weeks,
            start,
            log,
            format,
            car_seat_kg,
        } => plan_cmd(&profile, weeks, start, log, format, car_seat_kg),
        Command::Exercises { format, pattern } => exercises_cmd(format, pattern),
        Command::Serve(args) => return service_exit(service::serve(&args)),
        Command::Migrate(db) => return service_exit(service::migrate(&db)),
        Command::Backup { to, db } => return service_exit(service::backup(&db, &to)),
        Command::User(command) => return service_exit(service::user(&command)),
        Command::Import {
            file,
            user,
            unit,
            dry_run,
            undo,
            db,
        } => {
            return service_exit(service::import(
                file.as_deref(),
                &user,
                unit.as_deref(),
                dry_run,
                undo,
                &db,
            ));
        }
        Command::Report {
            user,
            from,
            to,
            format,
            out,
            db,
        } => {
            return service_exit(service::report(
                &user,
                from.as_deref(),
                to.as_deref(),
                matches!(format, ReportFormat::Pdf),
                &out,
                &db,
            ));
        }
    };
    match result {
        Ok(Done::Print(out)) => emit(std::io::stdout().lock(), &out, ExitCode::SUCCESS),
        Ok(Done::Urgent(out)) => emit(std::io::stdout().lock(), &out, ExitCode::from(3)),
        Ok(Done::UrgentToStderr(out)) => emit(std::io::stderr().lock(), &out, ExitCode::from(3)),
        Err(e) => emit(std::io::stderr().lock(), &format!("{e}\n"), e.exit_code()),
    }
}

/// Writes the output and returns the decided exit code. A reader that stops early
/// (`mumstrong plan ... | head`) closes the pipe: that is not an error, so the rest is dropped
/// quietly instead of panicking as `print!` would. Any other write failure exits 1.
fn emit(mut to: impl std::io::Write, out: &str, code: ExitCode) -> ExitCode {
    match to.write_all(out.as_bytes()).and_then(|()| to.flush()) {
        Ok(()) => code,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => code,
        Err(e) => {
            // stderr may be the broken one; there is nowhere left to say more.
            let _ = writeln!(
                std::io::stderr(),
                "mumstrong: could not write the output: {e}"
            );
            ExitCode::from(1)
        }
    }
}
