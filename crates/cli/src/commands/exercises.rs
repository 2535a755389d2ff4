//! `mumstrong exercises`: the exercise library, filtered by pattern.

use crate::*;

pub(crate) fn exercises_cmd(format: Format, pattern: Option<String>) -> Result<Done, AppError> {
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
