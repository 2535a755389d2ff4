//! The words a localised export writes, as data: for each language the app ships, its header
//! words for each [`Field`], and its `Set Order` words for rows that are not sets (the rest timer,
//! an exercise's note). Strong translates its CSV header and these words into the phone's
//! language; Hevy's header is made of fixed machine keys (`start_time`, `weight_kg`) and
//! FitNotes writes its header in English, so only Strong has tables beyond English.
//!
//! The German header and its `Ruhezeit`/`Notiz` words are the ones recorded for this importer;
//! the other languages are written from Strong's English layout in each language's usual terms,
//! not read from real exports, so each lists the plausible variants of a word. A header is
//! compared ignoring case, runs of spaces and the kind of apostrophe.

use super::columns::Field;

/// One language of one app's export.
pub(super) struct Language {
    /// Its name in English, for messages ("Strong (classic) in German").
    pub(super) name: &'static str,
    /// Header words by field, beside the English ones (which every language also accepts:
    /// `RPE` is `RPE` everywhere).
    pub(super) words: &'static [(Field, &'static str)],
    /// Whether numbers may be written with a decimal comma (`62,5`), quoted in a comma file.
    pub(super) decimal_comma: bool,
}

impl Language {
    /// The language's header words for `field`.
    pub(super) fn words_for(&self, field: Field) -> impl Iterator<Item = &'static str> + '_ {
        self.words
            .iter()
            .filter(move |(f, _)| *f == field)
            .map(|(_, w)| *w)
    }

    /// Whether this is English, whose words are the formats' own.
    pub(super) fn is_english(&self) -> bool {
        self.words.is_empty()
    }
}

/// English: the formats' own column names, nothing beside them.
pub(super) const ENGLISH: Language = Language {
    name: "English",
    words: &[],
    decimal_comma: false,
};

/// Strong in German, as recorded:
/// `Datum,Workout-Name,Dauer,Name der Übung,Reihenfolge festlegen,Gewicht,Wiederh.,Entfernung,
/// Sekunden,Notizen,Workout-Notizen,RPE`.
const STRONG_GERMAN: Language = Language {
    name: "German",
    words: &[
        (Field::Date, "Datum"),
        (Field::Name, "Workout-Name"),
        (Field::Name, "Workoutname"),
        (Field::Duration, "Dauer"),
        (Field::Duration, "Workout-Dauer"),
        (Field::Exercise, "Name der Übung"),
        (Field::Exercise, "Übungsname"),
        (Field::SetOrder, "Reihenfolge festlegen"),
        (Field::SetOrder, "Satzreihenfolge"),
        (Field::Weight, "Gewicht"),
        (Field::WeightUnit, "Gewichtseinheit"),
        (Field::Reps, "Wiederh."),
        (Field::Reps, "Wdh."),
        (Field::Reps, "Wiederholungen"),
        (Field::Distance, "Entfernung"),
        (Field::Distance, "Distanz"),
        (Field::DistanceUnit, "Entfernungseinheit"),
        (Field::Seconds, "Sekunden"),
        (Field::Notes, "Notizen"),
        (Field::WorkoutNotes, "Workout-Notizen"),
    ],
    decimal_comma: true,
};

/// Strong in French.
const STRONG_FRENCH: Language = Language {
    name: "French",
    words: &[
        (Field::Date, "Date"),
        (Field::Name, "Nom de l'entraînement"),
        (Field::Name, "Nom de la séance"),
        (Field::Duration, "Durée"),
        (Field::Exercise, "Nom de l'exercice"),
        (Field::SetOrder, "Ordre des séries"),
        (Field::SetOrder, "Ordre de la série"),
        (Field::Weight, "Poids"),
        (Field::WeightUnit, "Unité de poids"),
        (Field::Reps, "Répétitions"),
        (Field::Reps, "Rép."),
        (Field::Distance, "Distance"),
        (Field::DistanceUnit, "Unité de distance"),
        (Field::Seconds, "Secondes"),
        (Field::Notes, "Notes"),
        (Field::WorkoutNotes, "Notes de l'entraînement"),
        (Field::WorkoutNotes, "Notes de la séance"),
    ],
    decimal_comma: true,
};

/// Strong in Spanish.
const STRONG_SPANISH: Language = Language {
    name: "Spanish",
    words: &[
        (Field::Date, "Fecha"),
        (Field::Name, "Nombre del entrenamiento"),
        (Field::Duration, "Duración"),
        (Field::Exercise, "Nombre del ejercicio"),
        (Field::SetOrder, "Orden de la serie"),
        (Field::SetOrder, "Orden de series"),
        (Field::Weight, "Peso"),
        (Field::WeightUnit, "Unidad de peso"),
        (Field::Reps, "Repeticiones"),
        (Field::Reps, "Reps."),
        (Field::Distance, "Distancia"),
        (Field::DistanceUnit, "Unidad de distancia"),
        (Field::Seconds, "Segundos"),
        (Field::Notes, "Notas"),
        (Field::WorkoutNotes, "Notas del entrenamiento"),
    ],
    decimal_comma: true,
};

/// Strong in Italian.
const STRONG_ITALIAN: Language = Language {
    name: "Italian",
    words: &[
        (Field::Date, "Data"),
        (Field::Name, "Nome allenamento"),
        (Field::Name, "Nome dell'allenamento"),
        (Field::Duration, "Durata"),
        (Field::Exercise, "Nome esercizio"),
        (Field::Exercise, "Nome dell'esercizio"),
        (Field::SetOrder, "Ordine serie"),
        (Field::SetOrder, "Ordine delle serie"),
        (Field::Weight, "Peso"),
        (Field::WeightUnit, "Unità di peso"),
        (Field::Reps, "Ripetizioni"),
        (Field::Reps, "Rip."),
        (Field::Distance, "Distanza"),
        (Field::DistanceUnit, "Unità di distanza"),
        (Field::Seconds, "Secondi"),
        (Field::Notes, "Note"),
        (Field::WorkoutNotes, "Note allenamento"),
        (Field::WorkoutNotes, "Note dell'allenamento"),
    ],
    decimal_comma: true,
};

/// Strong in Portuguese.
const STRONG_PORTUGUESE: Language = Language {
    name: "Portuguese",
    words: &[
        (Field::Date, "Data"),
        (Field::Name, "Nome do treino"),
        (Field::Duration, "Duração"),
        (Field::Exercise, "Nome do exercício"),
        (Field::SetOrder, "Ordem da série"),
        (Field::SetOrder, "Ordem das séries"),
        (Field::Weight, "Peso"),
        (Field::WeightUnit, "Unidade de peso"),
        (Field::Reps, "Repetições"),
        (Field::Reps, "Reps."),
        (Field::Distance, "Distância"),
        (Field::DistanceUnit, "Unidade de distância"),
        (Field::Seconds, "Segundos"),
        (Field::Notes, "Notas"),
        (Field::WorkoutNotes, "Notas do treino"),
    ],
    decimal_comma: true,
};

/// Strong in Dutch.
const STRONG_DUTCH: Language = Language {
    name: "Dutch",
    words: &[
        (Field::Date, "Datum"),
        (Field::Name, "Workoutnaam"),
        (Field::Name, "Naam workout"),
        (Field::Duration, "Duur"),
        (Field::Exercise, "Naam oefening"),
        (Field::Exercise, "Oefeningnaam"),
        (Field::SetOrder, "Setvolgorde"),
        (Field::SetOrder, "Volgorde set"),
        (Field::Weight, "Gewicht"),
        (Field::WeightUnit, "Gewichtseenheid"),
        (Field::Reps, "Herhalingen"),
        (Field::Reps, "Herh."),
        (Field::Distance, "Afstand"),
        (Field::DistanceUnit, "Afstandseenheid"),
        (Field::Seconds, "Seconden"),
        (Field::Notes, "Notities"),
        (Field::WorkoutNotes, "Workoutnotities"),
    ],
    decimal_comma: true,
};

/// Strong's languages, English first (a header that fits English is read as English).
pub(super) const STRONG_LANGUAGES: &[&Language] = &[
    &ENGLISH,
    &STRONG_GERMAN,
    &STRONG_FRENCH,
    &STRONG_SPANISH,
    &STRONG_ITALIAN,
    &STRONG_PORTUGUESE,
    &STRONG_DUTCH,
];

/// Only English: apps whose header does not change with the phone's language.
pub(super) const ENGLISH_ONLY: &[&Language] = &[&ENGLISH];

/// `Set Order` (and, for the rest timer, `Exercise Name`) words of a rest-timer row, in every
/// language: it holds the rest after the set before, not a set. Lowercase.
pub(super) const REST_WORDS: &[&str] = &[
    "rest timer",
    "rest",
    "ruhezeit",
    "pausenzeit",
    "minuteur de repos",
    "temps de repos",
    "repos",
    "temporizador de descanso",
    "descanso",
    "timer di recupero",
    "recupero",
    "cronômetro de descanso",
    "temporizador de descanso",
    "rusttimer",
    "rusttijd",
    "rust",
];

/// `Set Order` words of a note row, in every language: the exercise's note, whose text is in
/// `Notes`. Lowercase.
pub(super) const NOTE_WORDS: &[&str] = &["note", "notiz", "nota", "notitie", "notes"];

#[cfg(test)]
mod tests {
    use super::*;

    fn normal(word: &str) -> String {
        word.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    }

    /// Every language names every column Strong classic needs (RPE aside, which is the same
    /// everywhere), and no word of a language stands for two fields: a header is then read one
    /// way only.
    #[test]
    fn every_language_names_each_field_once() {
        let needed = [
            Field::Date,
            Field::Name,
            Field::Duration,
            Field::Exercise,
            Field::SetOrder,
            Field::Weight,
            Field::Reps,
            Field::Distance,
            Field::Seconds,
            Field::Notes,
            Field::WorkoutNotes,
        ];
        for language in STRONG_LANGUAGES.iter().filter(|l| !l.is_english()) {
            for field in needed {
                assert!(
                    language.words_for(field).next().is_some(),
                    "{}: no word for {field:?}",
                    language.name
                );
            }
            for (i, (field, word)) in language.words.iter().enumerate() {
                for (other, again) in &language.words[i + 1..] {
                    assert!(
                        normal(word) != normal(again) || field == other,
                        "{}: `{word}` is both {field:?} and {other:?}",
                        language.name
                    );
                }
            }
        }
    }

    /// A rest word is never a note word, nor a set marker.
    #[test]
    fn rest_and_note_words_are_apart() {
        for word in REST_WORDS {
            assert!(!NOTE_WORDS.contains(word), "{word}");
            assert_eq!(*word, word.to_lowercase());
        }
        for word in NOTE_WORDS {
            assert!(!["w", "d", "f", "ss"].contains(word), "{word}");
            assert_eq!(*word, word.to_lowercase());
        }
    }
}
