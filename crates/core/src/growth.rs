//! WHO growth standards: how heavy a baby probably is, as a training load.
//!
//! Squats holding the baby and car-seat carries load her with the baby's weight, which rises
//! every week. Few mums weigh their baby before a session, so the plan estimates it from the WHO
//! Child Growth Standards (weight-for-age, birth to 60 months; see `data/README.md` for the
//! table's source). The estimate never judges the baby's growth: it only sizes a load.
//!
//! The table gives, for each sex and each age in completed days, the LMS parameters of the
//! weight distribution: L (Box-Cox power), M (median, kg) and S (coefficient of variation).

use std::sync::OnceLock;

use crate::vocab::BabySex;

/// The WHO weight-for-age LMS table shipped in the binary (`data/who-weight-for-age.csv`).
pub const WHO_WEIGHT_FOR_AGE_CSV: &str = include_str!("../../../data/who-weight-for-age.csv");

/// The oldest age in the table, in completed days (60 months); older ages use this row.
pub const MAX_AGE_DAYS: i64 = 1826;

/// The widest z-score returned: beyond it the LMS curve is no longer a sensible estimate, and
/// within it `1 + L·S·z` stays positive for every row of the WHO table.
pub const MAX_ABS_Z: f64 = 5.0;

/// The LMS parameters of the weight distribution at one age, for one sex.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Lms {
    /// Box-Cox power: the skewness of the distribution.
    pub l: f64,
    /// The median weight, in kg.
    pub m: f64,
    /// The coefficient of variation.
    pub s: f64,
}

impl Lms {
    /// The z-score of a weight: ((y/M)^L − 1)/(L·S), or ln(y/M)/S when L is 0.
    fn z(self, weight_kg: f64) -> f64 {
        let ratio = weight_kg / self.m;
        if self.l.abs() < 1e-12 {
            ratio.ln() / self.s
        } else {
            (ratio.powf(self.l) - 1.0) / (self.l * self.s)
        }
    }

    /// The weight at a z-score: M·(1 + L·S·z)^(1/L), or M·e^(S·z) when L is 0.
    fn weight(self, z: f64) -> f64 {
        if self.l.abs() < 1e-12 {
            self.m * (self.s * z).exp()
        } else {
            self.m * (1.0 + self.l * self.s * z).powf(1.0 / self.l)
        }
    }
}

/// A growth table: LMS parameters for each sex and each day of age from 0 to [`MAX_AGE_DAYS`].
#[derive(Debug, Clone, PartialEq)]
pub struct GrowthTable {
    /// Rows by day of age, girls.
    female: Vec<Lms>,
    /// Rows by day of age, boys.
    male: Vec<Lms>,
}

/// The WHO weight-for-age table compiled into the binary, parsed once.
///
/// # Panics
/// Only if the shipped `data/who-weight-for-age.csv` is malformed, which the tests rule out.
pub fn who_weight_for_age() -> &'static GrowthTable {
    static TABLE: OnceLock<GrowthTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        GrowthTable::parse(WHO_WEIGHT_FOR_AGE_CSV).expect("the shipped WHO table is valid")
    })
}

impl GrowthTable {
    /// Parses `sex,age_days,L,M,S` rows; each sex must run from day 0 to [`MAX_AGE_DAYS`] in
    /// order with no gaps, so a lookup is a plain index.
    fn parse(text: &str) -> Result<GrowthTable, String> {
        let mut lines = text.lines().enumerate();
        let header = lines.next().map(|(_, h)| h.trim()).unwrap_or_default();
        if header != "sex,age_days,L,M,S" {
            return Err(format!(
                "line 1: expected the header `sex,age_days,L,M,S`, got `{header}`"
            ));
        }
        let mut female = Vec::new();
        let mut male = Vec::new();
        for (index, line) in lines {
            let line_no = index + 1;
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            let fields: Vec<&str> = line.split(',').map(str::trim).collect();
            let [sex, age, l, m, s] = fields[..] else {
                return Err(format!(
                    "line {line_no}: expected 5 fields, got {}",
                    fields.len()
                ));
            };
            let rows = match sex {
                "female" => &mut female,
                "male" => &mut male,
                _ => {
                    return Err(format!(
                        "line {line_no}: expected `female` or `male`, got `{sex}`"
                    ));
                }
            };
            let age: usize = age
                .parse()
                .map_err(|_| format!("line {line_no}: `{age}` is not an age in days"))?;
            if age != rows.len() {
                return Err(format!(
                    "line {line_no}: expected age {} for {sex}, got {age}",
                    rows.len()
                ));
            }
            let number = |text: &str, name: &str| -> Result<f64, String> {
                text.parse::<f64>()
                    .ok()
                    .filter(|v| v.is_finite())
                    .ok_or_else(|| format!("line {line_no}: `{text}` is not a number for {name}"))
            };
            let lms = Lms {
                l: number(l, "L")?,
                m: number(m, "M")?,
                s: number(s, "S")?,
            };
            if lms.m <= 0.0 || lms.s <= 0.0 {
                return Err(format!("line {line_no}: M and S must be positive"));
            }
            rows.push(lms);
        }
        let expected = usize::try_from(MAX_AGE_DAYS).unwrap_or(0) + 1;
        for (name, rows) in [("female", &female), ("male", &male)] {
            if rows.len() != expected {
                return Err(format!(
                    "expected {expected} rows for {name} (days 0 to {MAX_AGE_DAYS}), got {}",
                    rows.len()
                ));
            }
        }
        Ok(GrowthTable { female, male })
    }

    fn rows(&self, sex: BabySex) -> &[Lms] {
        match sex {
            BabySex::Female => &self.female,
            BabySex::Male => &self.male,
        }
    }

    /// The LMS parameters for a sex at an age in completed days. Ages are clamped to
    /// 0..=[`MAX_AGE_DAYS`], so a toddler past 5 years uses the 5-year row instead of failing.
    pub fn lms(&self, sex: BabySex, age_days: i64) -> Lms {
        let rows = self.rows(sex);
        let day = usize::try_from(age_days.clamp(0, MAX_AGE_DAYS)).unwrap_or(0);
        rows[day.min(rows.len() - 1)]
    }

    /// The median weight in kg at an age; with the sex unknown (`None`), the mean of the girls'
    /// and boys' medians, so a plan can still size a baby load.
    pub fn median_kg(&self, sex: Option<BabySex>, age_days: i64) -> f64 {
        match sex {
            Some(sex) => self.lms(sex, age_days).m,
            None => {
                (self.lms(BabySex::Female, age_days).m + self.lms(BabySex::Male, age_days).m) / 2.0
            }
        }
    }

    /// The z-score of a weight at an age: where the baby sits on the WHO curves, which is what
    /// stays roughly constant as she grows. Plain LMS (without WHO's adjustment beyond ±3, which
    /// a load estimate does not need), clamped to ±[`MAX_ABS_Z`]. A weight of 0 kg or less gives
    /// −5; a NaN weight gives NaN.
    pub fn z_score(&self, sex: BabySex, age_days: i64, weight_kg: f64) -> f64 {
        let z = self.lms(sex, age_days).z(weight_kg.max(0.0));
        if z.is_nan() {
            z
        } else {
            z.clamp(-MAX_ABS_Z, MAX_ABS_Z)
        }
    }

    /// The weight in kg at a z-score and age: the inverse of [`GrowthTable::z_score`], used to
    /// follow a baby's curve forward. `z` is clamped to ±[`MAX_ABS_Z`] like the z-scores.
    pub fn weight_at_z(&self, sex: BabySex, age_days: i64, z: f64) -> f64 {
        let z = if z.is_nan() {
            z
        } else {
            z.clamp(-MAX_ABS_Z, MAX_ABS_Z)
        };
        self.lms(sex, age_days).weight(z)
    }
}

/// The baby's estimated weight in kg at an age in days, for sizing baby and car-seat loads.
///
/// Without a birth weight: the WHO median for the age (the mean of the sexes when the sex is
/// unknown). With one: her z-score at birth, followed along the curve to `age_days` ("scaled
/// along the curve"), since a small baby tends to stay smaller than the median; with the sex
/// unknown, the mean of the girl and boy results. A birth weight that is not a positive finite
/// number is ignored. Nothing is rounded here; the caller rounds for display.
pub fn estimated_baby_weight_kg(
    birth_weight_kg: Option<f64>,
    sex: Option<BabySex>,
    age_days: i64,
) -> f64 {
    let table = who_weight_for_age();
    let Some(birth) = birth_weight_kg.filter(|w| w.is_finite() && *w > 0.0) else {
        return table.median_kg(sex, age_days);
    };
    let along = |sex: BabySex| table.weight_at_z(sex, age_days, table.z_score(sex, 0, birth));
    match sex {
        Some(sex) => along(sex),
        None => (along(BabySex::Female) + along(BabySex::Male)) / 2.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tolerance: f64) -> bool {
        (a - b).abs() <= tolerance
    }

    #[test]
    fn sanity_values_match_the_published_medians() {
        let t = who_weight_for_age();
        assert_eq!(t.lms(BabySex::Male, 0).m, 3.3464);
        assert_eq!(t.lms(BabySex::Female, 0).m, 3.2322);
        assert_eq!(t.lms(BabySex::Female, 365).m, 8.9462);
        assert_eq!(t.lms(BabySex::Male, 365).m, 9.646);
        assert!(close(t.lms(BabySex::Male, 730).m, 12.1482, 1e-9));
        assert_eq!(t.lms(BabySex::Male, 1826).m, 18.3352);
        assert_eq!(
            t.lms(BabySex::Male, 0),
            Lms {
                l: 0.3487,
                m: 3.3464,
                s: 0.14602
            }
        );
    }

    #[test]
    fn the_table_has_every_day_for_both_sexes() {
        let t = GrowthTable::parse(WHO_WEIGHT_FOR_AGE_CSV).unwrap();
        assert_eq!(t.female.len(), 1827);
        assert_eq!(t.male.len(), 1827);
        assert_eq!(WHO_WEIGHT_FOR_AGE_CSV.lines().count(), 1 + 2 * 1827);
        // Ages in the file run 0..=1826 with no gaps, in order, per sex.
        for sex in ["female", "male"] {
            let ages: Vec<i64> = WHO_WEIGHT_FOR_AGE_CSV
                .lines()
                .skip(1)
                .filter(|l| l.starts_with(&format!("{sex},")))
                .map(|l| l.split(',').nth(1).unwrap().parse().unwrap())
                .collect();
            assert_eq!(ages, (0..=MAX_AGE_DAYS).collect::<Vec<_>>(), "{sex}");
        }
    }

    #[test]
    fn the_median_never_decreases_after_day_1() {
        let t = who_weight_for_age();
        for sex in BabySex::ALL {
            for day in 1..MAX_AGE_DAYS {
                assert!(
                    t.lms(*sex, day + 1).m >= t.lms(*sex, day).m,
                    "{sex} day {day}"
                );
            }
        }
    }

    #[test]
    fn the_median_has_z_zero_and_weight_at_z_inverts_z_score() {
        let t = who_weight_for_age();
        for sex in BabySex::ALL {
            for day in [0, 1, 30, 182, 365, 730, 1826] {
                let m = t.lms(*sex, day).m;
                assert!(close(t.z_score(*sex, day, m), 0.0, 1e-12));
                for z in [-3.0, -1.5, 0.0, 0.7, 2.0, 4.0] {
                    let w = t.weight_at_z(*sex, day, z);
                    assert!(close(t.z_score(*sex, day, w), z, 1e-9), "{sex} {day} {z}");
                }
                for w in [2.0, 5.5, 12.0] {
                    let z = t.z_score(*sex, day, w);
                    if z.abs() < MAX_ABS_Z {
                        assert!(close(t.weight_at_z(*sex, day, z), w, 1e-9));
                    }
                }
            }
        }
    }

    #[test]
    fn a_12_kg_boy_at_one_year_is_about_two_sd_above() {
        let z = who_weight_for_age().z_score(BabySex::Male, 365, 12.0);
        assert!(close(z, 2.01, 0.02), "{z}");
    }

    #[test]
    fn z_scores_are_clamped() {
        let t = who_weight_for_age();
        assert_eq!(t.z_score(BabySex::Female, 0, 40.0), MAX_ABS_Z);
        assert_eq!(t.z_score(BabySex::Female, 0, 0.0), -MAX_ABS_Z);
        assert_eq!(t.z_score(BabySex::Female, 0, -1.0), -MAX_ABS_Z);
        assert!(t.weight_at_z(BabySex::Male, 100, 50.0).is_finite());
    }

    #[test]
    fn a_small_girl_stays_below_the_median() {
        let t = who_weight_for_age();
        let six_months = 183;
        let w = estimated_baby_weight_kg(Some(2.5), Some(BabySex::Female), six_months);
        assert!(w < t.median_kg(Some(BabySex::Female), six_months), "{w}");
        assert!(w > 4.0, "{w}");
    }

    #[test]
    fn a_median_baby_follows_the_median() {
        let t = who_weight_for_age();
        for sex in BabySex::ALL {
            let birth = t.median_kg(Some(*sex), 0);
            for day in [0, 42, 183, 365, 1000] {
                let w = estimated_baby_weight_kg(Some(birth), Some(*sex), day);
                assert!(close(w, t.median_kg(Some(*sex), day), 1e-9), "{sex} {day}");
            }
        }
    }

    #[test]
    fn without_a_birth_weight_the_estimate_is_the_median() {
        let t = who_weight_for_age();
        assert_eq!(
            estimated_baby_weight_kg(None, Some(BabySex::Male), 365),
            9.646
        );
        let mean = (8.9462 + 9.646) / 2.0;
        assert!(close(
            estimated_baby_weight_kg(None, None, 365),
            mean,
            1e-12
        ));
        assert!(close(t.median_kg(None, 365), mean, 1e-12));
        // Sex unknown with a birth weight: the mean of the girl and boy curves.
        let girl = estimated_baby_weight_kg(Some(3.0), Some(BabySex::Female), 200);
        let boy = estimated_baby_weight_kg(Some(3.0), Some(BabySex::Male), 200);
        let either = estimated_baby_weight_kg(Some(3.0), None, 200);
        assert!(close(either, (girl + boy) / 2.0, 1e-12));
        // A nonsense birth weight is ignored.
        assert_eq!(
            estimated_baby_weight_kg(Some(f64::NAN), Some(BabySex::Male), 365),
            9.646
        );
    }

    #[test]
    fn ages_outside_the_table_clamp() {
        let t = who_weight_for_age();
        for sex in BabySex::ALL {
            assert_eq!(t.lms(*sex, 1827), t.lms(*sex, MAX_AGE_DAYS));
            assert_eq!(t.lms(*sex, i64::MAX), t.lms(*sex, MAX_AGE_DAYS));
            assert_eq!(t.lms(*sex, -1), t.lms(*sex, 0));
            assert_eq!(t.lms(*sex, i64::MIN), t.lms(*sex, 0));
        }
        assert_eq!(
            estimated_baby_weight_kg(None, Some(BabySex::Female), 5000),
            18.2179
        );
        assert_eq!(
            estimated_baby_weight_kg(Some(3.0), None, -10),
            estimated_baby_weight_kg(Some(3.0), None, 0)
        );
    }

    #[test]
    fn malformed_tables_are_refused() {
        assert!(GrowthTable::parse("").is_err());
        assert!(GrowthTable::parse("sex,age_days,L,M,S\nmale,0,1,3,0.1\n").is_err());
        assert!(GrowthTable::parse("sex,age_days,L,M,S\nmale,1,1,3,0.1\n").is_err());
        assert!(GrowthTable::parse("sex,age_days,L,M,S\nboy,0,1,3,0.1\n").is_err());
        assert!(GrowthTable::parse("sex,age_days,L,M,S\nmale,0,1,x,0.1\n").is_err());
        assert!(GrowthTable::parse("sex,age_days,L,M,S\nmale,0,1,3\n").is_err());
    }
}
