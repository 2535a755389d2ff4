//! The records the store reads and writes. Timestamps are unix seconds; dates are calendar days.

use serde::Serialize;
use time::Date;

/// What an account may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// A mum: sees and changes only her own data.
    Member,
    /// A trainer or physio: reads the data of members who granted access.
    Coach,
}

impl Role {
    /// The word stored in the database and shown in the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Member => "member",
            Role::Coach => "coach",
        }
    }

    pub(crate) fn parse(s: &str) -> Role {
        if s == "coach" {
            Role::Coach
        } else {
            Role::Member
        }
    }
}

/// Read from the stored word (anything but `coach` is a member), so rows derive `FromRow`.
impl From<String> for Role {
    fn from(s: String) -> Role {
        Role::parse(&s)
    }
}

/// An account, without its password hash.
#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct User {
    /// Stable id.
    pub id: i64,
    /// Login email, lower case.
    pub email: String,
    /// Member or coach.
    #[sqlx(try_from = "String")]
    pub role: Role,
    /// The name shown to her coach.
    pub display_name: String,
    /// When the account was made.
    pub created_at: i64,
}

/// The signed-in account a request acts for.
#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct AuthUser {
    /// Account id.
    pub id: i64,
    /// Login email.
    pub email: String,
    /// Member or coach.
    #[sqlx(try_from = "String")]
    pub role: Role,
    /// Display name.
    pub display_name: String,
}

#[derive(sqlx::FromRow)]
pub(crate) struct UserWithHash {
    #[sqlx(flatten)]
    pub(crate) user: User,
    pub(crate) password_hash: String,
}

#[derive(sqlx::FromRow)]
pub(crate) struct SessionRow {
    #[sqlx(flatten)]
    pub(crate) user: AuthUser,
    pub(crate) expires_at: i64,
}

#[derive(sqlx::FromRow)]
pub(crate) struct SessionDayRow {
    pub(crate) id: i64,
    pub(crate) email: String,
    pub(crate) role: String,
    pub(crate) display_name: String,
    pub(crate) expires_at: i64,
    pub(crate) day_on: Option<Date>,
    pub(crate) kind: Option<String>,
    pub(crate) day_json: Option<String>,
}

/// A new account.
#[derive(Debug, Clone)]
pub struct NewUser<'a> {
    /// Login email, lower case.
    pub email: &'a str,
    /// argon2id PHC string.
    pub password_hash: &'a str,
    /// Member or coach.
    pub role: Role,
    /// Display name.
    pub display_name: &'a str,
}

/// A personal API token's record (the secret itself is never stored).
#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct ApiToken {
    /// Id, to delete it by.
    pub id: i64,
    /// What she called it ("export script").
    pub name: String,
    /// When it was made.
    pub created_at: i64,
    /// When it stops working, if ever.
    pub expires_at: Option<i64>,
    /// When it was last used (to the hour).
    pub last_used_at: Option<i64>,
}

/// One saved version of a profile.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ProfileVersion {
    /// 1, 2, 3… per member.
    pub version: i64,
    /// The profile as JSON (`mumstrong-core`'s `ProfileInput`).
    pub profile_json: String,
    /// When it was saved.
    pub created_at: i64,
}

/// A screening decision to keep.
#[derive(Debug, Clone)]
pub struct NewScreening<'a> {
    /// The profile version screened.
    pub profile_version: i64,
    /// The day it was screened for.
    pub screened_on: Date,
    /// `urgent`, `refer` or `clear`.
    pub outcome: &'a str,
    /// The decision as JSON.
    pub screening_json: &'a str,
}

/// A kept screening decision.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ScreeningRow {
    /// The profile version screened.
    pub profile_version: i64,
    /// The day it was screened for.
    pub screened_on: Date,
    /// `urgent`, `refer` or `clear`.
    pub outcome: String,
    /// The decision as JSON.
    pub screening_json: String,
    /// When it was kept.
    pub created_at: i64,
}

/// A programme to store.
#[derive(Debug, Clone)]
pub struct NewProgramme<'a> {
    /// The profile version it was made from.
    pub profile_version: i64,
    /// The exercise library version it was made with.
    pub library_version: &'a str,
    /// Its first day.
    pub start_on: Date,
    /// How many weeks.
    pub weeks: i64,
    /// `ready`, or `urgent` (no plan: stop and get help).
    pub status: &'a str,
    /// Why it was made: "requested", "adapted after …".
    pub reason: &'a str,
    /// The plan (or the urgent stop) as JSON.
    pub plan_json: &'a str,
}

/// A stored programme.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ProgrammeRow {
    /// Id.
    pub id: i64,
    /// The profile version it was made from.
    pub profile_version: i64,
    /// The library version it was made with.
    pub library_version: String,
    /// Its first day.
    pub start_on: Date,
    /// How many weeks.
    pub weeks: i64,
    /// `ready` or `urgent`.
    pub status: String,
    /// Why it was made.
    pub reason: String,
    /// The plan as JSON.
    pub plan_json: String,
    /// When it was made.
    pub created_at: i64,
}

/// A stored programme without its plan.
#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct ProgrammeSummary {
    /// Id.
    pub id: i64,
    /// The profile version it was made from.
    pub profile_version: i64,
    /// The library version it was made with.
    pub library_version: String,
    /// Its first day.
    #[serde(serialize_with = "iso_date")]
    pub start_on: Date,
    /// How many weeks.
    pub weeks: i64,
    /// `ready` or `urgent`.
    pub status: String,
    /// Why it was made.
    pub reason: String,
    /// When it was made.
    pub created_at: i64,
}

/// One day of a programme, ready to serve as "today".
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ProgrammeDay {
    /// The day.
    pub day_on: Date,
    /// `session`, `run` or `rest`.
    pub kind: String,
    /// The day as JSON, served as it is.
    pub day_json: String,
}

/// A set to log.
#[derive(Debug, Clone)]
pub struct NewSet {
    /// The day it was done.
    pub done_on: Date,
    /// Library id.
    pub exercise: String,
    /// Which set of the exercise that day (1-based), if known.
    pub set_number: Option<i64>,
    /// Reps, seconds or metres done.
    pub reps: i64,
    /// What the plan asked for.
    pub target_reps: Option<i64>,
    /// External load.
    pub load_kg: Option<f64>,
    /// Effort 1-10.
    pub rpe: Option<i64>,
    /// Symptom words during the set, as a JSON array.
    pub symptoms: String,
    /// Red-flag words, as a JSON array.
    pub red_flags: String,
    /// The client's own id for this set, making retries safe.
    pub client_ref: Option<String>,
}

/// A logged set.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct SetRow {
    /// Id.
    pub id: i64,
    /// The day it was done.
    pub done_on: Date,
    /// Library id.
    pub exercise: String,
    /// Which set that day.
    pub set_number: Option<i64>,
    /// Reps, seconds or metres done.
    pub reps: i64,
    /// What the plan asked for.
    pub target_reps: Option<i64>,
    /// External load.
    pub load_kg: Option<f64>,
    /// Effort 1-10.
    pub rpe: Option<i64>,
    /// Symptom words (JSON array).
    pub symptoms: String,
    /// Red-flag words (JSON array).
    pub red_flags: String,
    /// The client's id for it.
    pub client_ref: Option<String>,
    /// When it was logged.
    pub created_at: i64,
}

/// A check-in to log.
#[derive(Debug, Clone)]
pub struct NewCheckIn {
    /// The day it is about.
    pub done_on: Date,
    /// Symptom words (JSON array).
    pub symptoms: String,
    /// Red-flag words (JSON array).
    pub red_flags: String,
    /// Session effort 1-10.
    pub rpe: Option<i64>,
    /// Mood 1-5.
    pub mood: Option<i64>,
    /// Hours slept.
    pub sleep_hours: Option<f64>,
    /// Her own words.
    pub notes: String,
}

/// A logged check-in.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct CheckInRow {
    /// Id.
    pub id: i64,
    /// The day it is about.
    pub done_on: Date,
    /// Symptom words (JSON array).
    pub symptoms: String,
    /// Red-flag words (JSON array).
    pub red_flags: String,
    /// Session effort 1-10.
    pub rpe: Option<i64>,
    /// Mood 1-5.
    pub mood: Option<i64>,
    /// Hours slept.
    pub sleep_hours: Option<f64>,
    /// Her own words.
    pub notes: String,
    /// When it was logged.
    pub created_at: i64,
}

/// One ticked pelvic-floor set.
#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct PelvicFloorTick {
    /// The day.
    #[serde(serialize_with = "iso_date")]
    pub done_on: Date,
    /// Which of the day's sets (1-3).
    pub set_number: i64,
    /// When it was ticked.
    pub created_at: i64,
}

/// A recorded baby weight.
#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct BabyWeight {
    /// Id.
    pub id: i64,
    /// The day it was measured.
    #[serde(serialize_with = "iso_date")]
    pub measured_on: Date,
    /// Weight in kg.
    pub weight_kg: f64,
    /// When it was recorded.
    pub created_at: i64,
}

/// Why an invitation code did not work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RedeemError {
    /// No such code.
    Unknown,
    /// Already used.
    Used,
    /// Past its expiry.
    Expired,
    /// A coach's own code.
    Own,
    /// Revoked by the coach.
    Revoked,
}

/// An open invitation, as its coach sees it again.
#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct InvitationRow {
    /// The code in its normal form (8 characters, no dash).
    pub code: String,
    /// When it was made (Unix seconds).
    pub created_at: i64,
    /// When it stops working (Unix seconds).
    pub expires_at: i64,
}

/// A grant seen from one side: the other person and when.
#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct GrantRow {
    /// The coach's id (for a member) or the member's (for a coach).
    pub id: i64,
    /// Their email.
    pub email: String,
    /// Their name.
    pub display_name: String,
    /// When access was granted.
    pub created_at: i64,
    /// When it was withdrawn, if it was.
    pub revoked_at: Option<i64>,
}

/// One read of someone's data by someone else.
#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct AuditEntry {
    /// Who read it (None once their account is deleted).
    pub actor_id: Option<i64>,
    /// Their email at the time.
    pub actor_email: String,
    /// What was read (`GET /api/v1/clients/{id}/profile`).
    pub action: String,
    /// When.
    pub at: i64,
}

fn iso_date<S: serde::Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(d)
}

/// A set from another app's export, with what the import keeps beside the set itself.
#[derive(Debug, Clone)]
pub struct ImportedSetRow {
    /// The set (its `client_ref` identifies it within her history, so re-imports skip it).
    pub set: NewSet,
    /// `normal`, `warmup`, `drop` or `failure`.
    pub set_type: String,
    /// The exercise's name as the other app wrote it.
    pub exercise_name: String,
}

/// What mumstrong's own export brings back beside sets: check-ins, pelvic-floor ticks, baby
/// weights and profile versions (JSON, oldest first). Each is added only if the same entry is
/// not already there, so importing an export twice adds nothing.
#[derive(Debug, Clone, Default)]
pub struct ImportExtras {
    /// Check-ins.
    pub checkins: Vec<NewCheckIn>,
    /// Pelvic-floor ticks: day and which of the day's sets.
    pub pelvic_floor: Vec<(Date, i64)>,
    /// Baby weights: day and kg.
    pub baby_weights: Vec<(Date, f64)>,
    /// Profile versions as JSON, oldest first.
    pub profiles: Vec<String>,
}

impl ImportExtras {
    /// How many entries in all.
    pub fn len(&self) -> usize {
        self.checkins.len()
            + self.pelvic_floor.len()
            + self.baby_weights.len()
            + self.profiles.len()
    }

    /// Whether there is nothing beside sets.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Where an import came from: the format read and the file's SHA-256 (hex).
#[derive(Debug, Clone, Copy)]
pub struct ImportSource<'a> {
    /// `strong`, `hevy_metric`, `mumstrong_json`, …
    pub format: &'a str,
    /// The file's SHA-256, hex.
    pub file_sha256: &'a str,
}

/// What an import stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ImportCounts {
    /// The import's id, to undo it by; 0 when nothing was new, so no import was recorded.
    pub id: i64,
    /// New sets.
    pub sets_added: u64,
    /// Sets already there.
    pub sets_skipped: u64,
    /// New check-ins.
    pub checkins_added: u64,
    /// New pelvic-floor ticks.
    pub pelvic_floor_added: u64,
    /// New baby weights.
    pub baby_weights_added: u64,
    /// New profile versions.
    pub profiles_added: u64,
}

/// One import of another app's export.
#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct ImportRow {
    /// Id, to undo it by.
    pub id: i64,
    /// The format detected (`strong`, `hevy`, …).
    pub format: String,
    /// The file's SHA-256, hex.
    pub file_sha256: String,
    /// Sets added.
    pub sets_added: i64,
    /// Sets already there, skipped.
    pub sets_skipped: i64,
    /// Check-ins, pelvic-floor ticks, baby weights and profile versions added (our own export).
    pub others_added: i64,
    /// When.
    pub created_at: i64,
    /// When it was undone, if it was.
    pub undone_at: Option<i64>,
}
