//! The published guidelines behind every rule, cited the way a physio would cite them.
//!
//! Kept in one place so that each reason names its source in exactly the same words, and so that
//! `mumstrong rules` can list them. The facts come from `docs/clinical-facts.md` in this repository.

/// Goom, Donnelly & Brockwell (2019), the UK return-to-running postnatal guideline.
pub const GOOM_2019: &str = "Goom, Donnelly & Brockwell 2019";
/// The BJSM 2020 infographic of the return-to-running guideline (Table 1).
pub const BJSM_2020: &str = "Donnelly, Brockwell & Goom, Br J Sports Med 2020";
/// UK Chief Medical Officers' physical activity guidance for women after childbirth.
pub const CMO_2019: &str =
    "UK Chief Medical Officers' Physical Activity Guidelines 2019 (birth to 12 months)";
/// AWHONN POST-BIRTH warning signs, with NICE 2015 / RCOG as restated by the NHS and BabyCentre UK.
pub const POST_BIRTH_WARNING_SIGNS: &str =
    "AWHONN POST-BIRTH warning signs; NICE postnatal care 2015 / RCOG";
/// Caesarean recovery advice from HSE Ireland and Cardiff & Vale University Health Board.
pub const HSE_CAESAREAN: &str = "HSE Ireland and Cardiff & Vale UHB caesarean recovery advice";
/// Edinburgh Postnatal Depression Scale.
pub const EPDS: &str = "Cox, Holden & Sagovsky, Br J Psychiatry 1987 (EPDS)";
/// Patient Health Questionnaire 9.
pub const PHQ9: &str = "Kroenke, Spitzer & Williams, J Gen Intern Med 2001 (PHQ-9)";
/// NICE guideline on antenatal and postnatal mental health: the Whooley questions, and a full
/// assessment (or referral) after a yes.
pub const NICE_CG192: &str =
    "NICE CG192 Antenatal and postnatal mental health 2014 (Whooley questions)";
/// Generalised Anxiety Disorder 7.
pub const GAD7: &str = "Spitzer, Kroenke, Williams & Lowe, Arch Intern Med 2006 (GAD-7)";
/// Diastasis recti by palpation.
pub const SPERSTAD_2016: &str =
    "Sperstad et al., Br J Sports Med 2016; Goom, Donnelly & Brockwell 2019";
/// IOC expert group on exercise in the postpartum period.
pub const IOC_2017: &str = "IOC expert group (Bø et al.), Br J Sports Med 2017, part 3";
/// NHS pelvic floor muscle training advice (SNEE, Somerset FT) and NICE.
pub const NHS_PFMT: &str =
    "NHS SNEE 'After Birth' pelvic floor advice; NICE (PFMT for urinary incontinence)";
/// Duration before intensity after the walk-run: the 2024 Delphi consensus on returning to running
/// postpartum ("gradual increases in duration and then intensity").
pub const RUN_PROGRESSION: &str =
    "Christopher, Donnelly, Brockwell, Bø et al., Br J Sports Med 2024 (Delphi consensus)";
/// Buggy running from six months.
pub const BUGGY_RUNNING: &str =
    "Moving Medicine (movingmedicine.ac.uk); Goom, Donnelly & Brockwell 2019";
/// RCOG guidance after obstetric anal sphincter injury.
pub const RCOG_OASI: &str =
    "RCOG Green-top Guideline No. 29 (2015); Goom, Donnelly & Brockwell 2019";
/// Breastfeeding and activity: the CMO leaflet and the return-to-running infographic.
pub const BREASTFEEDING: &str = "UK Chief Medical Officers' Physical Activity Guidelines 2019; Donnelly, Brockwell & Goom, Br J Sports Med 2020";
