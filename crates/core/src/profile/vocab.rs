//! The closed vocabularies of the profile: delivery, symptoms, red flags, goals, equipment.
//!
//! Each word is what a user writes in her profile file (snake_case) and carries a plain-English
//! explanation, so the CLI, the web pages and error messages all describe it the same way.

use serde::{Deserialize, Serialize};

/// Generates a closed vocabulary: a snake_case serde enum with `ALL`, `as_str` and `describe`.
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $name:ident { $( $(#[$vmeta:meta])* $variant:ident = $word:literal : $text:literal ),+ $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        pub enum $name {
            $( $(#[$vmeta])* #[doc = $text] #[serde(rename = $word)] $variant ),+
        }

        impl $name {
            /// Every value, in the order the profile documentation lists them.
            pub const ALL: &'static [$name] = &[ $( $name::$variant ),+ ];

            /// The word used in profile files and JSON.
            pub fn as_str(self) -> &'static str {
                match self { $( $name::$variant => $word ),+ }
            }

            /// A one-line plain-English explanation for people.
            pub fn describe(self) -> &'static str {
                match self { $( $name::$variant => $text ),+ }
            }

            /// Looks a word up, as written in a profile file.
            pub fn from_word(word: &str) -> Option<$name> {
                match word { $( $word => Some($name::$variant), )+ _ => None }
            }

            /// The allowed words, for error messages: "`a`, `b` or `c`".
            pub fn allowed() -> String {
                crate::vocab::list_words(Self::ALL.iter().map(|v| v.as_str()))
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct WordVisitor;
                impl serde::de::Visitor<'_> for WordVisitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(f, "one of {}", $name::allowed())
                    }
                    fn visit_str<E: serde::de::Error>(self, word: &str) -> Result<$name, E> {
                        $name::from_word(word).ok_or_else(|| E::custom(crate::vocab::unknown_word(word, $name::from_word(&word.trim().to_lowercase()).map($name::as_str), &$name::allowed())))
                    }
                }
                deserializer.deserialize_str(WordVisitor)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

/// The message for a word outside a vocabulary, with a hint when only its case or spaces are off.
pub(crate) fn unknown_word(word: &str, near: Option<&str>, allowed: &str) -> String {
    let shown = crate::text::shorten(word, crate::text::MAX_ECHO_CHARS);
    match near {
        Some(near) => {
            format!("unknown value `{shown}`; write it as `{near}` (words are lowercase)")
        }
        None => format!("unknown value `{shown}`; expected one of {allowed}"),
    }
}

pub(crate) use crate::text::quoted_or as list_words;

vocabulary! {
    /// How the baby was born. Caesarean births carry extra lifting and effort limits.
    Delivery {
        Vaginal = "vaginal": "vaginal birth",
        AssistedVaginal = "assisted_vaginal": "vaginal birth assisted by forceps or ventouse",
        PlannedCaesarean = "planned_caesarean": "planned (elective) caesarean section",
        EmergencyCaesarean = "emergency_caesarean": "emergency caesarean section",
    }
}

impl Delivery {
    /// True for both kinds of caesarean section.
    pub fn is_caesarean(self) -> bool {
        matches!(
            self,
            Delivery::PlannedCaesarean | Delivery::EmergencyCaesarean
        )
    }
}

vocabulary! {
    /// Degree of perineal tear at the birth, if any.
    PerinealTear {
        None = "none": "no tear",
        First = "first": "first-degree tear (skin only)",
        Second = "second": "second-degree tear (skin and muscle)",
        Third = "third": "third-degree tear (into the anal sphincter)",
        Fourth = "fourth": "fourth-degree tear (through the anal sphincter into the bowel lining)",
    }
}

impl PerinealTear {
    /// Third- and fourth-degree tears are obstetric anal sphincter injuries (OASI).
    pub fn is_sphincter_injury(self) -> bool {
        matches!(self, PerinealTear::Third | PerinealTear::Fourth)
    }
}

vocabulary! {
    /// The baby's sex, used to pick the WHO growth curve.
    BabySex {
        Female = "female": "girl",
        Male = "male": "boy",
    }
}

vocabulary! {
    /// Symptoms a mum may have now. Most are signs of pelvic-floor or abdominal-wall dysfunction.
    Symptom {
        UrinaryLeakage = "urinary_leakage": "leaking urine, e.g. when you cough, sneeze, laugh, lift or jump",
        UrinaryUrgency = "urinary_urgency": "sudden urges to pass urine that are hard to put off",
        FaecalIncontinence = "faecal_incontinence": "leaking stool or wind that you cannot control",
        FaecalUrgency = "faecal_urgency": "sudden urges to open your bowels that are hard to put off",
        PelvicHeaviness = "pelvic_heaviness": "heaviness, dragging or a bulge in the vagina or pelvis",
        PainfulIntercourse = "painful_intercourse": "pain during or after sex",
        ObstructedDefecation = "obstructed_defecation": "difficulty emptying your bowels, or needing to strain or press to do so",
        PelvicPain = "pelvic_pain": "pain in the pelvis or lower tummy",
        PerinealPain = "perineal_pain": "pain in the perineum (between the vagina and the anus)",
        PelvicGirdlePain = "pelvic_girdle_pain": "pain at the front or back of the pelvis, e.g. at the pubic bone or buttocks",
        LowBackPain = "low_back_pain": "low back pain",
        AbdominalDoming = "abdominal_doming": "a ridge or dome along the middle of your tummy when you sit up or strain",
        PendularAbdomen = "pendular_abdomen": "a tummy that hangs forward and cannot be drawn in",
        BleedingBeyond8Weeks = "bleeding_beyond_8_weeks": "vaginal bleeding that continues or returns beyond 8 weeks after birth and is not your period",
        CaesareanScarPain = "caesarean_scar_pain": "pain, pulling or numbness at your caesarean scar",
    }
}

impl Symptom {
    /// Signs of pelvic-floor dysfunction or musculoskeletal lumbopelvic pain (Goom, Donnelly &
    /// Brockwell 2019): each one means "see a pelvic-health physio, no impact yet".
    pub fn is_pelvic_floor_sign(self) -> bool {
        matches!(
            self,
            Symptom::UrinaryLeakage
                | Symptom::UrinaryUrgency
                | Symptom::FaecalIncontinence
                | Symptom::FaecalUrgency
                | Symptom::PelvicHeaviness
                | Symptom::PainfulIntercourse
                | Symptom::ObstructedDefecation
                | Symptom::PelvicPain
                | Symptom::PerinealPain
                | Symptom::PelvicGirdlePain
                | Symptom::LowBackPain
        )
    }

    /// Signs that the abdominal wall is not yet managing load (doming, pendular abdomen).
    pub fn is_abdominal_wall_sign(self) -> bool {
        matches!(self, Symptom::AbdominalDoming | Symptom::PendularAbdomen)
    }
}

vocabulary! {
    /// Warning signs after birth that stop exercise and need medical help now.
    RedFlag {
        HeavyBleeding = "heavy_bleeding": "heavy or sudden bleeding: soaking more than one pad an hour, or clots bigger than a 50p coin",
        ChestPain = "chest_pain": "chest pain or a racing, pounding heart",
        SuddenBreathlessness = "sudden_breathlessness": "sudden shortness of breath or trouble breathing",
        CalfPainSwelling = "calf_pain_swelling": "pain, swelling, redness or warmth in one calf",
        SevereHeadache = "severe_headache": "a severe or persistent headache, or changes in your vision",
        Fever = "fever": "a temperature of 38 °C (100.4 °F) or more",
        WoundInfection = "wound_infection": "a caesarean or perineal wound that is red, swollen, oozing or opening",
        Mastitis = "mastitis": "a red, hot, painful breast, often with a fever",
        ThoughtsOfSelfHarm = "thoughts_of_self_harm": "thoughts of harming yourself or your baby",
    }
}

vocabulary! {
    /// How much strength training she has done before.
    Experience {
        Beginner = "beginner": "new to strength training",
        Returning = "returning": "trained before, returning after a break",
        Experienced = "experienced": "trained regularly until recently",
    }
}

vocabulary! {
    /// What she wants from training.
    Goal {
        Strength = "strength": "get stronger for everyday life with a baby",
        Running = "running": "return to running",
        PainRelief = "pain_relief": "ease aches and pains",
        PelvicFloor = "pelvic_floor": "a stronger pelvic floor and better continence",
        GeneralFitness = "general_fitness": "general fitness and energy",
    }
}

vocabulary! {
    /// Kinds of equipment a session may use. Kettlebells, dumbbells and a barbell carry their weights.
    EquipmentKind {
        Bodyweight = "bodyweight": "no equipment",
        Band = "band": "resistance band",
        Kettlebell = "kettlebell": "kettlebell(s), with weights in kg",
        Dumbbells = "dumbbells": "dumbbells, with weights in kg",
        Baby = "baby": "your baby (as a load, e.g. squats holding baby)",
        CarSeat = "car_seat": "the baby's car seat, as a carry load",
        Buggy = "buggy": "a buggy or pram, for walks (and running from 6 months)",
        Chair = "chair": "a sturdy chair",
        Wall = "wall": "a clear wall",
        Step = "step": "a step or low stair",
        Mat = "mat": "an exercise mat",
        Barbell = "barbell": "a barbell (gym), with the loads you can put on it in kg, bar included",
        Cable = "cable": "a cable station (gym): cable rows, pulldowns, presses",
        Machines = "machines": "gym resistance machines: leg press, lat pulldown, chest press",
        Bench = "bench": "a weight bench (gym or home)",
        Box = "box": "a sturdy box or gym step, knee height or lower, for step-ups",
    }
}

impl EquipmentKind {
    /// Kinds whose entry must list the owned weights, e.g. `kettlebell:8` or `barbell:20,30,40`.
    pub fn takes_weights(self) -> bool {
        matches!(
            self,
            EquipmentKind::Kettlebell | EquipmentKind::Dumbbells | EquipmentKind::Barbell
        )
    }

    /// The short name a person reads in a list: "Kettlebell", "Cable station".
    pub fn label(self) -> &'static str {
        match self {
            EquipmentKind::Bodyweight => "Bodyweight",
            EquipmentKind::Band => "Resistance band",
            EquipmentKind::Kettlebell => "Kettlebell",
            EquipmentKind::Dumbbells => "Dumbbells",
            EquipmentKind::Baby => "Your baby",
            EquipmentKind::CarSeat => "Car seat",
            EquipmentKind::Buggy => "Buggy or pram",
            EquipmentKind::Chair => "Chair",
            EquipmentKind::Wall => "Wall",
            EquipmentKind::Step => "Step",
            EquipmentKind::Mat => "Mat",
            EquipmentKind::Barbell => "Barbell",
            EquipmentKind::Cable => "Cable station",
            EquipmentKind::Machines => "Gym machines",
            EquipmentKind::Bench => "Bench",
            EquipmentKind::Box => "Box",
        }
    }

    /// The example entry for this kind in error messages and the profile template.
    pub fn example(self) -> &'static str {
        match self {
            EquipmentKind::Kettlebell => "kettlebell:8",
            EquipmentKind::Dumbbells => "dumbbells:4,6,8",
            EquipmentKind::Barbell => "barbell:20,30,40",
            other => other.as_str(),
        }
    }

    /// Gym kit: a programme that uses it is done at a gym.
    pub fn is_gym(self) -> bool {
        matches!(
            self,
            EquipmentKind::Barbell | EquipmentKind::Cable | EquipmentKind::Machines
        )
    }
}

vocabulary! {
    /// Body areas that ache, so a programme can go easy on them.
    Ache {
        Back = "back": "back",
        Knees = "knees": "knees",
        Shoulders = "shoulders": "shoulders",
        Neck = "neck": "neck",
        Wrists = "wrists": "wrists",
        Hips = "hips": "hips",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip_through_serde_and_from_word() {
        for s in Symptom::ALL {
            let json = serde_json::to_string(s).unwrap();
            assert_eq!(json, format!("\"{}\"", s.as_str()));
            assert_eq!(Symptom::from_word(s.as_str()), Some(*s));
        }
        for r in RedFlag::ALL {
            assert_eq!(RedFlag::from_word(r.as_str()), Some(*r));
        }
        assert_eq!(Symptom::ALL.len(), 15);
        assert_eq!(RedFlag::ALL.len(), 9);
    }

    #[test]
    fn every_symptom_but_bleeding_and_scar_is_pelvic_floor_or_abdominal_wall() {
        for s in Symptom::ALL {
            let other = matches!(
                s,
                Symptom::BleedingBeyond8Weeks | Symptom::CaesareanScarPain
            );
            assert_eq!(
                s.is_pelvic_floor_sign() || s.is_abdominal_wall_sign(),
                !other,
                "{s}"
            );
        }
    }

    #[test]
    fn every_equipment_kind_has_a_label_and_an_example_that_parses() {
        for kind in EquipmentKind::ALL {
            assert!(!kind.label().is_empty(), "{kind}");
            assert!(!kind.describe().is_empty(), "{kind}");
            let eq = crate::profile::Equipment::parse(&[kind.example()]);
            assert!(eq.is_ok(), "{kind}: {eq:?}");
            assert_eq!(kind.takes_weights(), kind.example().contains(':'), "{kind}");
        }
        assert!(EquipmentKind::Barbell.takes_weights());
        assert!(!EquipmentKind::Cable.takes_weights());
    }

    #[test]
    fn allowed_lists_words_readably() {
        assert_eq!(BabySex::allowed(), "`female` or `male`");
        assert!(Delivery::allowed().starts_with("`vaginal`, `assisted_vaginal`"));
    }
}
