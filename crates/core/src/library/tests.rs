use super::*;

#[test]
fn edit_distance_counts_edits() {
    assert_eq!(edit_distance("bridge", "bridge"), 0);
    assert_eq!(edit_distance("brige", "bridge"), 1);
    assert_eq!(edit_distance("", "abc"), 3);
}

#[test]
fn a_broken_link_names_the_exercise_and_field() {
    let text = r#"
version = "test"
[[exercise]]
id = "a"
name = "A"
pattern = "squat"
focus = ["legs"]
equipment = ["bodyweight"]
impact = "none"
pressure = "low"
level = 1
earliest_weeks = 0
earliest_weeks_caesarean = 0
dose = "reps"
range = [8, 12]
cues = ["Exhale as you stand", "Knees over toes"]
progressions = ["missing"]
"#;
    let err = Library::parse(text).unwrap_err();
    assert_eq!(
        err,
        LibraryError::Invalid {
            id: "a".into(),
            field: "progressions",
            message: "`missing` is not an exercise".into()
        }
    );
}
