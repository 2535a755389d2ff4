//! SQLite specifics of the store: the WAL is checkpointed under a stream of writes, backups are
//! whole databases, and URLs are checked and redacted.

use mumstrong_store::{Backend, NewSet, NewUser, Role, Store, StoreOptions, redact_url};

fn temp_db(name: &str) -> (std::path::PathBuf, String) {
    let dir = std::env::temp_dir().join(format!("mumstrong-store-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("store.db");
    let url = format!("sqlite://{}", path.display());
    (path, url)
}

#[tokio::test]
async fn the_wal_is_checkpointed_while_sets_stream_in() {
    let (path, url) = temp_db("wal");
    let store = Store::open(&url, &StoreOptions::default()).await.unwrap();
    let user = store
        .create_user(
            &NewUser {
                email: "w@example.org",
                password_hash: "x",
                role: Role::Member,
                display_name: "w",
            },
            0,
        )
        .await
        .unwrap();
    let day = time::macros::date!(2026 - 11 - 20);
    for i in 0..3000 {
        let set = NewSet {
            done_on: day,
            exercise: "goblet_squat".to_owned(),
            set_number: Some(1),
            reps: 10,
            target_reps: Some(10),
            load_kg: Some(8.0),
            rpe: Some(7),
            symptoms: "[]".to_owned(),
            red_flags: "[]".to_owned(),
            client_ref: Some(format!("set-{i}")),
        };
        store.insert_set(user.id, &set, i).await.unwrap();
    }
    let wal = std::fs::metadata(path.with_extension("db-wal"))
        .map(|m| m.len())
        .unwrap_or(0);
    // 3000 commits without a checkpoint would leave ~40 MB of WAL; autocheckpoint keeps it near
    // its 1000-page (4 MB) threshold.
    assert!(
        wal < 8 * 1024 * 1024,
        "WAL is {wal} bytes: checkpoints are not running"
    );
    let all = store.sets_between(user.id, day, day, 10_000).await.unwrap();
    assert_eq!(all.len(), 3000);
    // A repeated client_ref returns the stored set instead of a copy.
    let again = NewSet {
        client_ref: Some("set-7".to_owned()),
        ..all_as_new(&all[7])
    };
    assert_eq!(
        store.insert_set(user.id, &again, 99).await.unwrap().0.id,
        all[7].id
    );
    assert_eq!(
        store
            .sets_between(user.id, day, day, 10_000)
            .await
            .unwrap()
            .len(),
        3000
    );

    let backup = path.with_file_name("backup.db");
    store.backup_to(&backup).await.unwrap();
    assert!(store.backup_to(&backup).await.is_err(), "never overwrites");
    let copy = Store::open(
        &format!("sqlite://{}", backup.display()),
        &StoreOptions::default(),
    )
    .await
    .unwrap();
    assert_eq!(
        copy.sets_between(user.id, day, day, 10_000)
            .await
            .unwrap()
            .len(),
        3000
    );
    copy.close().await;
    store.close().await;
    let _ = std::fs::remove_dir_all(path.parent().unwrap());
}

fn all_as_new(row: &mumstrong_store::SetRow) -> NewSet {
    NewSet {
        done_on: row.done_on,
        exercise: row.exercise.clone(),
        set_number: row.set_number,
        reps: row.reps,
        target_reps: row.target_reps,
        load_kg: row.load_kg,
        rpe: row.rpe,
        symptoms: row.symptoms.clone(),
        red_flags: row.red_flags.clone(),
        client_ref: row.client_ref.clone(),
    }
}

#[test]
fn urls_are_checked_and_passwords_never_shown() {
    assert_eq!(Backend::of_url("sqlite://x.db").unwrap(), Backend::Sqlite);
    assert_eq!(
        Backend::of_url("postgresql://u@h/db").unwrap(),
        Backend::Postgres
    );
    let err = Backend::of_url("mysql://root:hunter2@db/x")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("sqlite://") && !err.contains("hunter2"),
        "{err}"
    );
    assert_eq!(
        redact_url("postgres://app:s3cret@db:5432/m"),
        "postgres://app:***@db:5432/m"
    );
    assert_eq!(
        redact_url("sqlite:///var/lib/m.db"),
        "sqlite:///var/lib/m.db"
    );
}
