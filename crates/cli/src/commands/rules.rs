//! `mumstrong rules`: every screening rule with its source.

use crate::*;

pub(crate) fn rules_cmd(format: Format) -> Result<Done, AppError> {
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
