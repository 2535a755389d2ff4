//! Reading a JSON log: an array of entry objects, every key checked (repeats included).

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::check::check_entry;
use super::raw::{Cell, RawEntry, too_many, unknown_column};
use super::{COLUMNS, LogEntry, LogError, MAX_LOG_ENTRIES, REQUIRED_COLUMNS};
use crate::library::Library;
use crate::profile::{MAX_ECHO_CHARS, shorten};

/// A JSON value that keeps every key of an object in order, repeats included: serde_json's
/// `Value` keeps only the last of a repeated key, which would hide a mistake in an entry.
pub(crate) enum Json {
    Scalar(Value),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    /// The first key this object gives twice, if it is an object and does.
    pub(crate) fn repeated_key(&self) -> Option<&str> {
        let Json::Object(pairs) = self else {
            return None;
        };
        pairs
            .iter()
            .enumerate()
            .find(|(i, (key, _))| pairs[..*i].iter().any(|(k, _)| k == key))
            .map(|(_, (key, _))| key.as_str())
    }

    /// The plain value; of a repeated key deeper down, the last is kept.
    pub(crate) fn into_value(self) -> Value {
        match self {
            Json::Scalar(value) => value,
            Json::Array(items) => Value::Array(items.into_iter().map(Json::into_value).collect()),
            Json::Object(pairs) => Value::Object(
                pairs
                    .into_iter()
                    .map(|(key, value)| (key, value.into_value()))
                    .collect(),
            ),
        }
    }
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Json, E> {
        Ok(Json::Scalar(Value::Bool(v)))
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Json, E> {
        Ok(Json::Scalar(v.into()))
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Json, E> {
        Ok(Json::Scalar(v.into()))
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Json, E> {
        Ok(Json::Scalar(v.into()))
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Json, E> {
        Ok(Json::Scalar(v.into()))
    }

    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Json, E> {
        Ok(Json::Scalar(v.into()))
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Json, E> {
        Ok(Json::Scalar(Value::Null))
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Json, E> {
        Ok(Json::Scalar(Value::Null))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let mut pairs = Vec::new();
        while let Some(pair) = map.next_entry()? {
            pairs.push(pair);
        }
        Ok(Json::Object(pairs))
    }
}

/// An unknown JSON key; one that differs from a known key only in case says how to write it.
fn unknown_key(line: usize, key: &str) -> LogError {
    let lower = key.to_lowercase();
    match COLUMNS.iter().find(|c| **c == lower) {
        Some(column) => LogError::new(
            Some(line),
            key,
            format!(
                "unknown key `{}`; write it as `{column}` (keys are lowercase)",
                shorten(key, MAX_ECHO_CHARS)
            ),
        ),
        None => unknown_column(Some(line), key, "key"),
    }
}

pub(super) fn parse_json(text: &str, library: &Library) -> Result<Vec<LogEntry>, LogError> {
    let value: Json = serde_json::from_str(text).map_err(|e| {
        let line = (e.line() > 0).then_some(e.line());
        LogError::new(
            line,
            "file",
            format!("not valid JSON: {}", shorten(&e.to_string(), 200)),
        )
    })?;
    let Json::Array(items) = value else {
        return Err(LogError::new(
            None,
            "file",
            "expected a JSON array of entries, e.g. [{\"date\": \"2026-11-24\", \"exercise\": \
             \"bodyweight_squat\", \"sets\": 3, \"reps\": 10}]",
        ));
    };
    if items.len() > MAX_LOG_ENTRIES {
        return Err(too_many(MAX_LOG_ENTRIES + 1));
    }
    let mut entries = Vec::with_capacity(items.len());
    for (index, item) in items.into_iter().enumerate() {
        let line = index + 1;
        let Json::Object(pairs) = item else {
            return Err(LogError::new(
                Some(line),
                "entry",
                format!(
                    "expected an object with the keys {}, got `{}`",
                    crate::vocab::list_words(REQUIRED_COLUMNS.iter().copied()),
                    Cell::Json(&item.into_value()).shown()
                ),
            ));
        };
        let pairs: Vec<(String, Value)> = pairs
            .into_iter()
            .map(|(key, value)| (key, value.into_value()))
            .collect();
        let mut raw = RawEntry::default();
        for (index, (key, value)) in pairs.iter().enumerate() {
            let Some(slot) = raw.slot(key) else {
                return Err(unknown_key(line, key));
            };
            if slot.is_some() {
                let message = if pairs[..index].iter().any(|(k, _)| k == key) {
                    "appears twice in this entry"
                } else {
                    "`symptoms` and `symptoms_during` are the same key; expected only one of them"
                };
                return Err(LogError::new(Some(line), key, message));
            }
            *slot = Some(Cell::Json(value));
        }
        entries.push(check_entry(line, &raw, library, false)?);
    }
    Ok(entries)
}
