//! The equipment she owns: the words `kettlebell:8`, `dumbbells:4,6,8`, `band` parsed and checked.

use std::collections::BTreeMap;

use super::vocab::EquipmentKind;
use super::{MAX_ECHO_CHARS, shorten};

/// The equipment she owns (or uses at her gym), with the weights of kettlebells, dumbbells and the
/// barbell loads she can make. Bodyweight is always there.
#[derive(Debug, Clone, PartialEq)]
pub struct Equipment {
    items: BTreeMap<EquipmentKind, Vec<f64>>,
}

/// Heaviest kettlebell or dumbbell accepted, in kg.
pub const MAX_OWNED_WEIGHT_KG: f64 = 100.0;
/// Lightest kettlebell or dumbbell accepted, in kg (the lightest sold are 0.5 kg).
pub const MIN_OWNED_WEIGHT_KG: f64 = 0.5;
/// Heaviest barbell load accepted, in kg (bar and plates together).
pub const MAX_BARBELL_KG: f64 = 250.0;

/// The heaviest weight accepted for a kind that takes weights.
pub fn max_owned_weight_kg(kind: EquipmentKind) -> f64 {
    if kind == EquipmentKind::Barbell {
        MAX_BARBELL_KG
    } else {
        MAX_OWNED_WEIGHT_KG
    }
}

impl Equipment {
    /// Parses equipment words such as `band`, `kettlebell:8`, `dumbbells:4,6,8`, `barbell:20,30,40`
    /// or `cable`. Errors are
    /// `(index, message)` so the caller can name the entry.
    pub fn parse<S: AsRef<str>>(words: &[S]) -> Result<Self, (usize, String)> {
        let mut items: BTreeMap<EquipmentKind, Vec<f64>> = BTreeMap::new();
        items.insert(EquipmentKind::Bodyweight, Vec::new());
        for (index, word) in words.iter().enumerate() {
            let word = word.as_ref().trim();
            let (name, weights) = match word.split_once(':') {
                Some((name, weights)) => (name.trim(), Some(weights)),
                None => (word, None),
            };
            let kind = EquipmentKind::from_word(name).ok_or_else(|| {
                (
                    index,
                    format!(
                        "unknown equipment `{name}`; expected {} (kettlebell, dumbbells and barbell with their weights in kg, e.g. `kettlebell:8`, `dumbbells:4,6,8` or `barbell:20,30,40`)",
                        EquipmentKind::allowed()
                    ),
                )
            })?;
            let owned = items.entry(kind).or_default();
            match (kind.takes_weights(), weights) {
                (true, None) => {
                    return Err((
                        index,
                        format!(
                            "`{name}` needs its weights in kg, e.g. `{name}:8` or `{name}:4,6,8`"
                        ),
                    ));
                }
                (false, Some(_)) => {
                    return Err((
                        index,
                        format!(
                            "`{name}` takes no weights; only kettlebell, dumbbells and barbell do"
                        ),
                    ));
                }
                (false, None) => {}
                (true, Some(weights)) => {
                    owned.extend(parse_weights(kind, name, weights).map_err(|m| (index, m))?);
                }
            }
        }
        for weights in items.values_mut() {
            weights.sort_by(f64::total_cmp);
            weights.dedup();
        }
        Ok(Equipment { items })
    }

    /// Owns this kind of equipment (bodyweight always).
    pub fn has(&self, kind: EquipmentKind) -> bool {
        self.items.contains_key(&kind)
    }

    /// The owned weights of a kind, lightest first (empty for kinds without weights).
    pub fn weights_kg(&self, kind: EquipmentKind) -> &[f64] {
        self.items.get(&kind).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The kinds owned.
    pub fn kinds(&self) -> impl Iterator<Item = EquipmentKind> + '_ {
        self.items.keys().copied()
    }

    /// The equipment as profile words again (`kettlebell:8,12`).
    pub fn to_words(&self) -> Vec<String> {
        self.items
            .iter()
            .map(|(kind, weights)| {
                if weights.is_empty() {
                    kind.as_str().to_owned()
                } else {
                    let w: Vec<String> = weights.iter().map(|w| format!("{w}")).collect();
                    format!("{}:{}", kind.as_str(), w.join(","))
                }
            })
            .collect()
    }
}

/// The kilograms after `name:` (`4,6,8`, `8kg`), each in range for `kind`.
fn parse_weights(kind: EquipmentKind, name: &str, weights: &str) -> Result<Vec<f64>, String> {
    let mut owned = Vec::new();
    for w in weights.split(',') {
        let w = w.trim();
        if w.is_empty() {
            return Err(format!(
                "a weight is missing after `{name}:`; expected kilograms separated by commas, e.g. `{name}:4,6,8`"
            ));
        }
        let lower = w.to_ascii_lowercase();
        let number = lower.strip_suffix("kg").unwrap_or(&lower).trim_end();
        let kg: f64 = number.parse().map_err(|_| {
            format!("`{}` is not a weight; expected kilograms as a number, e.g. `{name}:8` or `{name}:4,6,8`", shorten(w, MAX_ECHO_CHARS))
        })?;
        let max = max_owned_weight_kg(kind);
        if !(kg.is_finite() && (MIN_OWNED_WEIGHT_KG..=max).contains(&kg)) {
            return Err(format!(
                "{number} kg is out of range; expected a weight from {MIN_OWNED_WEIGHT_KG} to {max} kg"
            ));
        }
        owned.push(kg);
    }
    Ok(owned)
}
