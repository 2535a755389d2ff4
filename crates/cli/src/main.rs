//! `mumstrong`: safe, progressive strength training after childbirth, on the command line.
//!
//! A thin layer over `mumstrong-core`: it reads files, reads the clock once ("today") and prints.
//! Exit codes: 0 done (whatever the screening says), 2 bad input (the message names the field),
//! 1 internal error.
#![forbid(unsafe_code)]

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod commands;

use commands::*;

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
    Serve(commands::ServeArgs),
    /// Apply pending database migrations (serve does this at start too).
    Migrate(commands::DbArgs),
    /// Write a consistent copy of the live SQLite database to a new file.
    Backup {
        /// The backup file to write (must not exist).
        #[arg(long, value_name = "FILE")]
        to: PathBuf,
        /// Database and settings file.
        #[command(flatten)]
        db: commands::DbArgs,
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
        db: commands::DbArgs,
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
        /// The paper it is laid out for: a4 or letter.
        #[arg(long, value_enum, default_value_t = PaperArg::A4)]
        paper: PaperArg,
        /// The file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Database and settings file.
        #[command(flatten)]
        db: commands::DbArgs,
    },
    /// Manage accounts (an admin's job).
    #[command(subcommand)]
    User(commands::UserCommand),
}

#[derive(Clone, Copy, ValueEnum)]
enum ReportFormat {
    /// A printable web page.
    Html,
    /// A PDF, printed from the web page by headless Chromium.
    Pdf,
}

#[derive(Clone, Copy, ValueEnum)]
enum PaperArg {
    /// 210 × 297 mm (most of the world).
    A4,
    /// US Letter, 8.5 × 11 in.
    Letter,
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

fn service_exit(result: Result<ExitCode, commands::Failure>) -> ExitCode {
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
        Command::Serve(args) => return service_exit(commands::serve(&args)),
        Command::Migrate(db) => return service_exit(commands::migrate(&db)),
        Command::Backup { to, db } => return service_exit(commands::backup(&db, &to)),
        Command::User(command) => return service_exit(commands::user(&command)),
        Command::Import {
            file,
            user,
            unit,
            dry_run,
            undo,
            db,
        } => {
            return service_exit(commands::import(
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
            paper,
            out,
            db,
        } => {
            return service_exit(commands::report(
                &user,
                from.as_deref(),
                to.as_deref(),
                matches!(format, ReportFormat::Pdf),
                match paper {
                    PaperArg::A4 => mumstrong_core::report::Paper::A4,
                    PaperArg::Letter => mumstrong_core::report::Paper::Letter,
                },
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
