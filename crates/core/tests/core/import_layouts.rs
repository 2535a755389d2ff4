//! The real layouts beyond the classic ones: Strong in German, French, Spanish (and Italian,
//! Portuguese, Dutch), Strong's `Note` rows, its older headers with units, CRLF and set orders
//! from 0, Strong without `Duration`, FitNotes with a `Weight Unit` column and names with
//! unquoted commas; the message for a header it does not know; dates worth a second look.
//!
//! Every fixture's counts are checked against an independent reading of the same file with the
//! `csv` crate, which knows the columns from this test alone (not from the importer's tables).

use std::collections::BTreeSet;

use mumstrong_core::import::{
    EARLIEST_LIKELY_DATE, Import, ImportErrorKind, ImportFormat, ImportOptions, ImportedSession,
    KG_PER_LB, WeightUnit, detect, parse,
};
use mumstrong_core::library::Library;
use time::macros::{date, datetime};

const STRONG_GERMAN: &str = include_str!("../../../../examples/imports/strong-german.csv");
const STRONG_FRENCH: &str = include_str!("../../../../examples/imports/strong-french.csv");
const STRONG_SPANISH: &str = include_str!("../../../../examples/imports/strong-spanish.csv");
const STRONG_NOTES: &str = include_str!("../../../../examples/imports/strong-note-rows.csv");
const STRONG_OLD_CRLF: &str =
    include_str!("../../../../examples/imports/strong-old-units-crlf.csv");
const STRONG_NO_DURATION: &str =
    include_str!("../../../../examples/imports/strong-no-duration.csv");
const FITNOTES_UNITS: &str = include_str!("../../../../examples/imports/fitnotes-unit-column.csv");

fn kg() -> ImportOptions {
    ImportOptions {
        unit: Some(WeightUnit::Kg),
        ..ImportOptions::default()
    }
}

fn read(text: &str, options: &ImportOptions) -> Import {
    let format = detect(text).unwrap_or_else(|e| panic!("{e}"));
    parse(text, format, options, Library::builtin()).unwrap_or_else(|e| panic!("{e}"))
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

/// Where a fixture keeps what the independent reader needs, by column position.
struct Layout {
    date: usize,
    /// The workout's name, if the layout has one (FitNotes groups by day alone).
    workout: Option<usize>,
    exercise: usize,
    /// `Set Order`, if any: rows whose value is in `not_sets` are rest timers or notes.
    set_order: Option<usize>,
    /// How many fields follow the exercise name: a row with more fields than the header has
    /// its name split by unquoted commas, and the name is what lies between.
    after_name: usize,
}

/// Rest-timer and note words of the fixtures, written here from the files themselves.
const NOT_SETS: [&str; 7] = [
    "Rest Timer",
    "Note",
    "Ruhezeit",
    "Notiz",
    "Minuteur de repos",
    "Temporizador de descanso",
    "Nota",
];

/// Sessions, sets, distinct exercise names and rows that are not sets, read with `csv` alone.
fn independent(text: &str, layout: &Layout) -> (usize, usize, usize, usize) {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut sessions = BTreeSet::new();
    let mut names = BTreeSet::new();
    let (mut sets, mut skipped) = (0, 0);
    for record in reader.records() {
        let record = record.unwrap();
        let order = layout.set_order.map(|i| &record[i]);
        if order.is_some_and(|o| NOT_SETS.contains(&o)) {
            skipped += 1;
            continue;
        }
        let end = record.len() - layout.after_name;
        let name: Vec<&str> = (layout.exercise..end).map(|i| &record[i]).collect();
        names.insert(name.join(","));
        let workout = layout.workout.map(|i| record[i].to_owned());
        sessions.insert((record[layout.date].to_owned(), workout));
        sets += 1;
    }
    (sessions.len(), sets, names.len(), skipped)
}

const STRONG_CLASSIC_LAYOUT: Layout = Layout {
    date: 0,
    workout: Some(1),
    exercise: 3,
    set_order: Some(4),
    after_name: 8,
};

const STRONG_NO_DURATION_LAYOUT: Layout = Layout {
    date: 0,
    workout: Some(1),
    exercise: 2,
    set_order: Some(3),
    after_name: 8,
};

#[test]
fn every_new_fixture_counts_as_an_independent_reader_does() {
    let old_crlf = Layout {
        after_name: 7,
        ..STRONG_NO_DURATION_LAYOUT
    };
    let fitnotes = Layout {
        date: 0,
        workout: None,
        exercise: 1,
        set_order: None,
        after_name: 7,
    };
    let cases: [(&str, &str, &Layout, ImportFormat, ImportOptions); 7] = [
        (
            "german",
            STRONG_GERMAN,
            &STRONG_CLASSIC_LAYOUT,
            ImportFormat::StrongClassic,
            kg(),
        ),
        (
            "french",
            STRONG_FRENCH,
            &STRONG_CLASSIC_LAYOUT,
            ImportFormat::StrongClassic,
            kg(),
        ),
        (
            "spanish",
            STRONG_SPANISH,
            &STRONG_CLASSIC_LAYOUT,
            ImportFormat::StrongClassic,
            kg(),
        ),
        (
            "notes",
            STRONG_NOTES,
            &STRONG_CLASSIC_LAYOUT,
            ImportFormat::StrongClassic,
            kg(),
        ),
        (
            "old crlf",
            STRONG_OLD_CRLF,
            &old_crlf,
            ImportFormat::StrongClassic,
            ImportOptions::default(),
        ),
        (
            "no duration",
            STRONG_NO_DURATION,
            &STRONG_NO_DURATION_LAYOUT,
            ImportFormat::StrongClassic,
            kg(),
        ),
        (
            "fitnotes units",
            FITNOTES_UNITS,
            &fitnotes,
            ImportFormat::FitNotesUnits,
            ImportOptions::default(),
        ),
    ];
    for (what, text, layout, format, options) in cases {
        assert_eq!(detect(text), Ok(format), "{what}");
        let import = read(text, &options);
        let summary = import.summary();
        let (sessions, sets, exercises, skipped) = independent(text, layout);
        assert!(sets > 0, "{what}");
        assert_eq!(summary.sessions, sessions, "{what}: sessions");
        assert_eq!(summary.sets, sets, "{what}: sets");
        assert_eq!(summary.exercises.len(), exercises, "{what}: exercises");
        assert_eq!(summary.rows_skipped, skipped, "{what}: rows skipped");
        assert_eq!(summary.rows_read, sets + skipped, "{what}: rows read");
    }
}

fn session<'i>(import: &'i Import, name: &str) -> &'i ImportedSession {
    import
        .sessions
        .iter()
        .find(|s| s.name.as_deref() == Some(name))
        .unwrap_or_else(|| panic!("no session {name}"))
}

fn notes_of<'i>(session: &'i ImportedSession, exercise: &str) -> Vec<Option<&'i str>> {
    session
        .sets
        .iter()
        .filter(|s| s.exercise_name == exercise)
        .map(|s| s.notes.as_deref())
        .collect()
}

#[test]
fn strong_in_german_reads_decimal_commas_rest_and_note_rows() {
    let import = read(STRONG_GERMAN, &kg());
    assert_eq!(import.format, ImportFormat::StrongClassic);
    let a = session(&import, "Rückbildung A");
    assert_eq!(a.started, datetime!(2025-05-06 09:00));
    assert_eq!(a.duration_seconds, Some(40 * 60));
    assert_eq!(a.notes.as_deref(), Some("Woche 12, gut geschlafen"));
    let squats: Vec<Option<f64>> = a
        .sets
        .iter()
        .filter(|s| s.exercise_name == "Goblet Squat (Kettlebell)")
        .map(|s| s.weight_kg)
        .collect();
    assert_eq!(squats, vec![Some(8.0), Some(12.5), Some(12.5)]);
    // The `Notiz` row before the sets becomes their note.
    assert_eq!(
        notes_of(a, "Goblet Squat (Kettlebell)"),
        vec![Some("Fersen auf einer Scheibe"); 3]
    );
    assert!(a.sets.iter().all(|s| s.exercise_name != "Ruhezeit"));
    let b = session(&import, "Rückbildung B");
    assert_eq!(b.duration_seconds, Some(3900));
    // A note after the sets, too; and `"0,04"` km is 40 m.
    let walk = b
        .sets
        .iter()
        .find(|s| s.exercise_name == "Farmer Walk")
        .unwrap();
    assert_eq!(walk.notes.as_deref(), Some("Schultern tief"));
    assert!(close(walk.distance_m, 40.0), "{:?}", walk.distance_m);
    assert_eq!(walk.seconds, Some(45));
    // Without a unit chosen it asks, as in English.
    let e = parse(
        STRONG_GERMAN,
        ImportFormat::StrongClassic,
        &ImportOptions::default(),
        Library::builtin(),
    )
    .unwrap_err();
    assert_eq!(
        (e.kind, e.column.as_str()),
        (ImportErrorKind::UnitNeeded, "Gewicht")
    );
}

#[test]
fn strong_in_french_and_spanish() {
    let fr = read(STRONG_FRENCH, &kg());
    let a = session(&fr, "Séance A");
    assert_eq!(a.notes.as_deref(), Some("semaine 12"));
    let squat = &a.sets[1];
    assert_eq!(
        (squat.weight_kg, squat.reps, squat.rpe),
        (Some(12.5), Some(10), Some(6.0))
    );
    // The exercise's note goes to the set without its own; the set's own note stays.
    assert_eq!(
        notes_of(a, "Pont fessier"),
        vec![Some("pousser par les talons"), Some("sans fuite")]
    );
    assert_eq!(session(&fr, "Séance B").sets[1].seconds, Some(30));

    let es = read(STRONG_SPANISH, &kg());
    let a = session(&es, "Posparto A");
    assert_eq!(a.sets[0].weight_kg, Some(10.5));
    assert_eq!(
        notes_of(a, "Remo con mancuerna"),
        vec![Some("espalda neutra")]
    );
    assert_eq!(es.rows_skipped, 2);
    assert_eq!(session(&es, "Posparto B").sets[0].seconds, Some(40));
}

#[test]
fn strong_in_italian_portuguese_and_dutch() {
    let headers = [
        "Data,Nome allenamento,Durata,Nome esercizio,Ordine serie,Peso,Ripetizioni,Distanza,Secondi,Note,Note allenamento,RPE",
        "Data,Nome do treino,Duração,Nome do exercício,Ordem da série,Peso,Repetições,Distância,Segundos,Notas,Notas do treino,RPE",
        "Datum,Workoutnaam,Duur,Naam oefening,Setvolgorde,Gewicht,Herhalingen,Afstand,Seconden,Notities,Workoutnotities,RPE",
    ];
    for header in headers {
        let text = format!(
            "{header}\n2025-05-06 09:00:00,A,30m,Plank,1,0,0,0,30,,,\n\
             2025-05-06 09:00:00,A,30m,Goblet Squat (Kettlebell),1,\"7,5\",10,0,0,,,6\n"
        );
        assert_eq!(detect(&text), Ok(ImportFormat::StrongClassic), "{header}");
        let import = read(&text, &kg());
        assert_eq!(import.sessions.len(), 1, "{header}");
        assert_eq!(import.sessions[0].sets[1].weight_kg, Some(7.5), "{header}");
        assert_eq!(import.sessions[0].sets[0].seconds, Some(30), "{header}");
    }
}

#[test]
fn strong_note_rows_are_the_exercises_notes_not_sets() {
    let import = read(STRONG_NOTES, &kg());
    assert_eq!((import.rows_read, import.rows_skipped), (9, 4));
    let a = session(&import, "Postnatal A");
    assert_eq!(
        notes_of(a, "Goblet Squat (Kettlebell)"),
        vec![
            Some("heels on a plate, knees out"),
            Some("slight leak, stopped")
        ]
    );
    assert_eq!(
        notes_of(a, "Dead Bug"),
        vec![Some("exhale on the reach"); 2]
    );
    // A note whose exercise has no set makes no set.
    assert!(import.sets().all(|(_, s)| s.exercise_name != "Side Plank"));
    // The note stays in its workout.
    let b = session(&import, "Postnatal B");
    assert_eq!(notes_of(b, "Goblet Squat (Kettlebell)"), vec![None]);
    // Set numbers skip no place for the note row.
    let places: Vec<u16> = a.sets.iter().map(|s| s.set_index).collect();
    assert_eq!(places, vec![1, 2, 1, 2]);
}

#[test]
fn strong_old_header_with_units_crlf_and_set_order_from_zero() {
    assert!(STRONG_OLD_CRLF.contains("\r\n"));
    // The header says kg: no unit needs choosing.
    let import = read(STRONG_OLD_CRLF, &ImportOptions::default());
    let morning = session(&import, "Morning");
    assert!(morning.duration_seconds.is_none());
    let squats: Vec<(usize, u16, Option<f64>)> = morning
        .sets
        .iter()
        .filter(|s| s.exercise_name == "Goblet Squat (Kettlebell)")
        .map(|s| (s.line, s.set_index, s.weight_kg))
        .collect();
    assert_eq!(
        squats,
        vec![(2, 1, Some(10.0)), (3, 2, Some(10.0)), (4, 3, Some(12.5))]
    );
    assert_eq!(morning.sets[2].notes.as_deref(), Some("last one slow"));
    let walk = &morning.sets[3];
    assert!(close(walk.distance_m, 500.0), "{:?}", walk.distance_m);
    assert_eq!(walk.seconds, Some(240));
    assert_eq!(morning.notes.as_deref(), Some("pram walk after"));
    // In pounds and miles, the header's units convert.
    let text = STRONG_OLD_CRLF
        .replace("Weight (kg)", "Weight (lbs)")
        .replace("Distance (km)", "Distance (mi)");
    let import = read(&text, &kg());
    let morning = session(&import, "Morning");
    assert!(close(morning.sets[2].weight_kg, 12.5 * KG_PER_LB));
    assert!(close(morning.sets[3].distance_m, 0.5 * 1609.344));
    // A unit the header gives that is no unit is a header it does not know.
    let bad = STRONG_OLD_CRLF.replace("Weight (kg)", "Weight (stone)");
    let e = detect(&bad).unwrap_err();
    assert!(
        e.message.contains("unexpected column `Weight (stone)`"),
        "{e}"
    );
}

#[test]
fn strong_without_duration() {
    let import = read(STRONG_NO_DURATION, &kg());
    assert_eq!(import.format, ImportFormat::StrongClassic);
    assert!(import.sessions.iter().all(|s| s.duration_seconds.is_none()));
    let rows: Vec<(&str, u16, Option<f64>)> = import.sessions[0]
        .sets
        .iter()
        .map(|s| (s.exercise_name.as_str(), s.set_index, s.weight_kg))
        .collect();
    assert_eq!(
        rows,
        vec![
            ("Squat (Bodyweight)", 1, None),
            ("Squat (Bodyweight)", 2, None),
            ("Bent Over Row (Dumbbell)", 1, Some(7.5)),
            ("Bent Over Row (Dumbbell)", 2, Some(7.5)),
        ]
    );
    assert_eq!(import.sessions[0].notes.as_deref(), Some("first week back"));
    let e = parse(
        STRONG_NO_DURATION,
        ImportFormat::StrongClassic,
        &ImportOptions::default(),
        Library::builtin(),
    )
    .unwrap_err();
    assert_eq!(e.kind, ImportErrorKind::UnitNeeded);
}

#[test]
fn fitnotes_with_a_unit_column_and_commas_in_names() {
    let import = read(FITNOTES_UNITS, &ImportOptions::default());
    assert_eq!(import.format, ImportFormat::FitNotesUnits);
    let sets: Vec<(&str, Option<f64>, Option<u16>)> = import
        .sets()
        .map(|(_, s)| (s.exercise_name.as_str(), s.weight_kg, s.reps))
        .collect();
    let hammer = 15.0 * KG_PER_LB;
    assert_eq!(
        sets,
        vec![
            ("Goblet Squat", Some(12.0), Some(10)),
            ("Goblet Squat", Some(12.0), Some(10)),
            ("Curl, Hammer (Dumbbell)", Some(hammer), Some(12)),
            ("Curl, Hammer (Dumbbell)", Some(hammer), Some(10)),
            ("Farmer Walk", Some(10.0), None),
            ("Glute Bridge", None, Some(15)),
            ("Row, Bent Over, Single Arm", Some(8.0), Some(10)),
            ("Plank", None, None),
        ]
    );
    assert!((hammer - 6.803_885_55).abs() < 1e-8);
    let (_, walk) = import.sets().nth(4).unwrap();
    assert!(close(walk.distance_m, 40.0));
    assert_eq!(walk.seconds, Some(45));
    let (_, plank) = import.sets().last().unwrap();
    assert_eq!(plank.seconds, Some(60));
    let starts: Vec<_> = import.sessions.iter().map(|s| s.started).collect();
    assert_eq!(
        starts,
        vec![datetime!(2025-06-02 0:00), datetime!(2025-06-04 0:00)]
    );

    // A row whose fields after the name do not read is still the wrong shape.
    let head = FITNOTES_UNITS.lines().next().unwrap();
    let e = parse(
        &format!("{head}\n2025-06-02,Curl, Hammer,Biceps,15.0,stone,12,,,\n"),
        ImportFormat::FitNotesUnits,
        &ImportOptions::default(),
        Library::builtin(),
    )
    .unwrap_err();
    assert_eq!(
        (e.kind, e.line, e.column.as_str()),
        (ImportErrorKind::Shape, Some(2), "row")
    );
    // With `Comment`, a comma could be in the name or the comment: not guessed.
    let text = "Date,Exercise,Category,Weight (kgs),Reps,Distance,Distance Unit,Time,Comment\n\
                2025-06-02,Curl, Hammer,Biceps,7,12,,,,\n";
    let e = parse(
        text,
        ImportFormat::FitNotesKg,
        &ImportOptions::default(),
        Library::builtin(),
    )
    .unwrap_err();
    assert_eq!(e.kind, ImportErrorKind::Shape);
    // Without it, the older FitNotes layouts join the name too.
    let text = "Date,Exercise,Category,Weight (kgs),Reps,Distance,Distance Unit,Time\n\
                2025-06-02,Curl, Hammer,Biceps,7,12,,,\n";
    let import = read(text, &ImportOptions::default());
    assert_eq!(import.sessions[0].sets[0].exercise_name, "Curl, Hammer");
    assert_eq!(import.sessions[0].sets[0].weight_kg, Some(7.0));
}

#[test]
fn an_unknown_header_names_the_nearest_layout_and_how_it_differs() {
    // German, one column misspelt and one missing.
    let text = "Datum,Workout-Name,Dauer,Name der Uebung,Reihenfolge festlegen,Gewicht,Entfernung,\
                Sekunden,Notizen,Workout-Notizen,RPE\n";
    let e = detect(text).unwrap_err();
    assert_eq!(e.kind, ImportErrorKind::UnknownFormat);
    assert_eq!((e.line, e.column.as_str()), (Some(1), "header"));
    assert!(
        e.message.ends_with(
            "the nearest is Strong (classic) in German, but this header lacks `Name der Übung` \
             and `Wiederh.` and has the unexpected column `Name der Uebung`"
        ),
        "{e}"
    );
    // FitNotes with a unit column, with one column renamed.
    let text = "Date,Exercise,Category,Weight,Unit,Reps,Distance,Distance Unit,Time\n";
    let e = detect(text).unwrap_err();
    assert!(
        e.message.ends_with(
            "the nearest is FitNotes (a weight unit on every row), but this header lacks \
             `Weight Unit` and has the unexpected column `Unit`"
        ),
        "{e}"
    );
    // Asked for a format, the misfit is named in the header's language.
    let e = parse(
        STRONG_GERMAN,
        ImportFormat::StrongShort,
        &kg(),
        Library::builtin(),
    )
    .unwrap_err();
    assert!(
        e.message.starts_with(
            "this is not the header of a Strong (short, without notes) export: it has the \
             unexpected columns `Notizen` and `Workout-Notizen` (nearest in German)"
        ),
        "{e}"
    );
    assert!(e.message.ends_with("it looks like Strong (classic)"), "{e}");
}

#[test]
fn dates_after_today_or_before_1990_are_worth_a_second_look() {
    let head =
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,RPE";
    let text = format!(
        "{head}\n\
         1987-03-04 09:00:00,Old,20m,Plank,1,0,0,0,30,\n\
         2026-12-04 07:00:00,Today,20m,Plank,1,0,0,0,30,\n\
         2026-12-04 07:00:00,Today,20m,Dead Bug,1,0,10,0,0,\n\
         2027-01-03 07:00:00,Ahead,20m,Dead Bug,1,0,10,0,0,\n"
    );
    let options = ImportOptions {
        today: Some(date!(2026 - 12 - 04)),
        ..kg()
    };
    let import = read(&text, &options);
    // Flagged, not refused: every session is there.
    assert_eq!(import.sessions.len(), 3);
    let summary = import.summary();
    let dates: Vec<(usize, &str, &str, f64)> = summary
        .suspicious
        .iter()
        .map(|s| (s.line, s.field, s.exercise_name.as_str(), s.value))
        .collect();
    assert_eq!(
        dates,
        vec![
            (2, "started", "Plank", 1987.0),
            (5, "started", "Dead Bug", 30.0)
        ]
    );
    assert!(
        summary.suspicious[1]
            .message
            .contains("dated 2027-01-03, 30 days after today (2026-12-04)"),
        "{}",
        summary.suspicious[1].message
    );
    assert!(summary.suspicious[0].message.contains("before 1990-01-01"));
    assert_eq!(EARLIEST_LIKELY_DATE, date!(1990 - 01 - 01));
    // Without her today only the early date can be judged.
    let import = read(&text, &kg());
    let fields: Vec<usize> = import.summary().suspicious.iter().map(|s| s.line).collect();
    assert_eq!(fields, vec![2]);
    // FitNotes' day-only dates: today itself is not ahead.
    let text = "Date,Exercise,Category,Weight (kgs),Reps\n2026-12-04,Plank,Abs,,\n2026-12-05,Plank,Abs,,\n";
    let import = read(text, &options);
    let lines: Vec<usize> = import.summary().suspicious.iter().map(|s| s.line).collect();
    assert_eq!(lines, vec![3]);
}
