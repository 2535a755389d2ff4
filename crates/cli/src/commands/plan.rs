//! `mumstrong plan`: the programme (text, JSON or a calendar), adapted to a training log when given.

use crate::*;

/// `--weeks`: a whole number of weeks from 1 to 52.
pub(crate) fn parse_weeks(text: &str) -> Result<u8, String> {
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
pub(crate) const MAX_LOG_BYTES: u64 = 5 * 1024 * 1024;

pub(crate) fn read_log(path: &Path, library: &Library) -> Result<TrainingLog, AppError> {
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

pub(crate) fn plan_cmd(
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
