//! `mumstrong screen`: the screening decision for a profile, as text or JSON.

use crate::*;

pub(crate) fn screen_cmd(
    path: &Path,
    format: Format,
    as_of: Option<String>,
) -> Result<Done, AppError> {
    let profile = load_profile(path, as_of, "--as-of")?;
    let screening = screening::screen(&profile);
    Ok(Done::Print(match format {
        Format::Text => render::screening_text(&profile, &screening),
        Format::Json => to_json(&screening)?,
    }))
}
