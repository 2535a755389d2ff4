//! Invitation codes a person can read out: 8 characters of Crockford base32 (no I, L, O or U, so
//! nothing looks like something else), shown in two groups as `K7QX-2M9D`. A member may type one
//! in any case, with or without the dash or spaces, and the look-alikes O, I and L are read as
//! the digits 0 and 1, as Crockford intends. 40 random bits: with codes that expire, work once and
//! a handful open per coach, guessing one is hopeless.

use crate::error::{AppError, AppResult};

/// Crockford's base32 alphabet: digits, then letters without I, L, O and U.
pub const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Characters in a code (without the dash).
pub const CODE_LEN: usize = 8;

/// How a code looks, for error messages and hints.
pub const EXAMPLE: &str = "K7QX-2M9D";

/// The code for 5 random bytes (40 bits, 5 a character, so every character is equally likely):
/// the normal form, 8 characters without the dash.
pub fn from_bytes(bytes: [u8; 5]) -> String {
    let bits = bytes.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b));
    (0..CODE_LEN)
        .rev()
        .map(|i| char::from(ALPHABET[((bits >> (i * 5)) & 31) as usize]))
        .collect()
}

/// A new random code, in its normal form.
///
/// # Errors
/// 500 when the system has no randomness to give.
pub fn new_code() -> AppResult<String> {
    let mut bytes = [0u8; 5];
    getrandom::fill(&mut bytes).map_err(AppError::internal)?;
    Ok(from_bytes(bytes))
}

/// A code as typed, in its normal form: upper case, no dash or spaces, O read as 0 and I or L
/// as 1.
///
/// # Errors
/// 422 naming `code` when it is empty, the wrong length, or has a character no code has.
pub fn normalise(typed: &str) -> AppResult<String> {
    let mut code = String::with_capacity(CODE_LEN);
    for c in typed.chars() {
        if c.is_whitespace() || matches!(c, '-' | '‐' | '‑' | '–' | '—') {
            continue;
        }
        let up = match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            up => up,
        };
        if !up.is_ascii() || !ALPHABET.contains(&(up as u8)) {
            return Err(AppError::invalid(
                "code",
                format!(
                    "“{c}” is not in an invitation code: expected {CODE_LEN} letters and digits \
                     like {EXAMPLE} (there is no U)"
                ),
            ));
        }
        code.push(up);
    }
    match code.len() {
        0 => Err(AppError::invalid(
            "code",
            "enter the invitation code your coach gave you",
        )),
        CODE_LEN => Ok(code),
        n => Err(AppError::invalid(
            "code",
            format!(
                "an invitation code has {CODE_LEN} letters and digits, like {EXAMPLE}; this has {n}"
            ),
        )),
    }
}

/// A code in its normal form as people read it: two groups of four, `K7QX-2M9D`.
pub fn grouped(code: &str) -> String {
    match code.split_at_checked(CODE_LEN / 2) {
        Some((a, b)) if code.len() == CODE_LEN => format!("{a}-{b}"),
        _ => code.to_owned(),
    }
}

/// How long a code still works, in words: `in 14 days`, `in 1 day`, `in 5 hours`, `within the
/// hour`, or `has expired`.
pub fn expiry_words(now: i64, expires_at: i64) -> String {
    let left = expires_at - now;
    let plural = |n: i64, one: &str| format!("in {n} {one}{}", if n == 1 { "" } else { "s" });
    match left {
        l if l <= 0 => "has expired".to_owned(),
        // To the nearest: a code made a moment ago works "in 14 days", not 13.
        l if l >= 86_400 => plural((l + 43_200) / 86_400, "day"),
        l if l >= 3_600 => plural((l + 1_800) / 3_600, "hour"),
        _ => "within the hour".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expiry_in_words() {
        assert_eq!(expiry_words(0, 14 * 86_400), "in 14 days");
        assert_eq!(expiry_words(0, 86_400 + 5), "in 1 day");
        assert_eq!(expiry_words(3, 14 * 86_400), "in 14 days");
        assert_eq!(expiry_words(0, 86_400 * 3 / 2), "in 2 days");
        assert_eq!(expiry_words(0, 5 * 3_600 + 1), "in 5 hours");
        assert_eq!(expiry_words(0, 3_600), "in 1 hour");
        assert_eq!(expiry_words(0, 59), "within the hour");
        assert_eq!(expiry_words(10, 10), "has expired");
    }

    fn field_and_message(typed: &str) -> (Option<String>, String) {
        let e = normalise(typed).expect_err(typed);
        (e.field, e.message)
    }

    #[test]
    fn a_code_is_eight_characters_of_the_alphabet_spread_over_all_bits() {
        assert_eq!(from_bytes([0; 5]), "00000000");
        assert_eq!(from_bytes([0xff; 5]), "ZZZZZZZZ");
        // 0x08 0x42 0x10 0x84 0x21 is 00001 repeated: eight ones.
        assert_eq!(from_bytes([0x08, 0x42, 0x10, 0x84, 0x21]), "11111111");
        assert_eq!(from_bytes([0, 0, 0, 0, 31]), "0000000Z");
        assert_eq!(from_bytes([0xf8, 0, 0, 0, 0]), "Z0000000");
        let made = new_code().unwrap();
        assert_eq!(made.len(), CODE_LEN);
        assert!(made.bytes().all(|b| ALPHABET.contains(&b)), "{made}");
    }

    #[test]
    fn round_trip_through_the_grouped_form() {
        for bytes in [
            [0u8; 5],
            [1, 2, 3, 4, 5],
            [0xde, 0xad, 0xbe, 0xef, 0x42],
            [0xff; 5],
        ] {
            let code = from_bytes(bytes);
            let shown = grouped(&code);
            assert_eq!(shown.len(), 9);
            assert_eq!(&shown[4..5], "-");
            assert_eq!(normalise(&shown).unwrap(), code);
        }
        assert_eq!(grouped("K7QX2M9D"), "K7QX-2M9D");
    }

    #[test]
    fn any_case_dash_or_spaces() {
        for typed in [
            "K7QX-2M9D",
            "k7qx-2m9d",
            "k7qx2m9d",
            " K7QX 2M9D ",
            "k7 qx – 2m 9d",
            "K7QX\t2M9D\n",
        ] {
            assert_eq!(normalise(typed).unwrap(), "K7QX2M9D", "{typed:?}");
        }
    }

    #[test]
    fn look_alikes_read_as_digits() {
        assert_eq!(normalise("O0IL-1abc").unwrap(), "00111ABC");
        assert_eq!(normalise("oil0-ilo1").unwrap(), "01101101");
    }

    #[test]
    fn a_wrong_length_or_character_names_the_field_and_what_is_expected() {
        let (field, message) = field_and_message("K7QX-2M9");
        assert_eq!(field.as_deref(), Some("code"));
        assert!(
            message.contains("8 letters and digits") && message.contains("this has 7"),
            "{message}"
        );
        let (field, message) = field_and_message("K7QX-2M9DD");
        assert_eq!(field.as_deref(), Some("code"));
        assert!(message.contains("this has 9"), "{message}");
        let (field, message) = field_and_message("K7QU-2M9D");
        assert_eq!(field.as_deref(), Some("code"));
        assert!(
            message.contains("“U”") && message.contains("K7QX-2M9D"),
            "{message}"
        );
        let (_, message) = field_and_message("K7Q*-2M9D");
        assert!(message.contains("“*”"), "{message}");
        let (_, message) = field_and_message("K7QÉ-2M9D");
        assert!(message.contains("“É”"), "{message}");
        let (field, message) = field_and_message(" - ");
        assert_eq!(field.as_deref(), Some("code"));
        assert!(message.contains("enter the invitation code"), "{message}");
    }
}
