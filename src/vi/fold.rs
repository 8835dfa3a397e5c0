//! Vietnamese text normalisation: the one place that decides when two spellings are "the same".
//!
//! Three levels, from strict to loose:
//! - [`clean`]: what we store and show — NFC, single spaces, trimmed. The editor's words stay.
//! - [`key`]: what names are matched by (units, topics) — insensitive to NFC/NFD, old/new tone
//!   placement (hoá = hóa, thuỷ = thủy), dash variants and the spaces around them, spaces around
//!   `&`, case, repeated spaces and trailing punctuation, but it keeps the letters' identity
//!   (a ≠ ă ≠ â, d ≠ đ, hà ≠ hạ).
//! - [`fold`]: what search and slugs use — every mark removed, đ → d, so "van hoa" finds
//!   "Văn hóa".

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The five Vietnamese tone marks as combining characters (huyền, sắc, hỏi, ngã, nặng).
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{309}', '\u{303}', '\u{323}'];

/// True for every dash-like character editors type or paste from Word.
pub fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'
            | '\u{2011}'
            | '\u{2012}'
            | '\u{2013}'
            | '\u{2014}'
            | '\u{2015}'
            | '\u{2212}'
    )
}

/// NFC, every run of whitespace (including non-breaking spaces) turned into one space, trimmed.
pub fn clean(s: &str) -> String {
    // Most text is already NFC with single spaces: checked in one pass, copied as is.
    // U+F8FD–U+F8FF are the renderer's placeholders (never typed by an editor): dropped.
    let private = |c: char| ('\u{F8FD}'..='\u{F8FF}').contains(&c);
    let tidy = !s.starts_with(' ')
        && !s.chars().any(private)
        && !s.ends_with(' ')
        && !s.contains("  ")
        && !s.chars().any(|c| c.is_whitespace() && c != ' ')
        && unicode_normalization::is_nfc_quick(s.chars())
            == unicode_normalization::IsNormalized::Yes;
    if tidy {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for word in s
        .nfc()
        .filter(|&c| !private(c))
        .collect::<String>()
        .split(|c: char| c.is_whitespace())
    {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The matching key of a name. See the module documentation for what it ignores.
pub fn key(s: &str) -> String {
    let decomposed: String = s.nfd().flat_map(char::to_lowercase).collect();
    let mut out = String::with_capacity(decomposed.len());
    let mut word = String::new();
    let mut tones: Vec<char> = Vec::new();
    let flush = |out: &mut String, word: &mut String, tones: &mut Vec<char>| {
        out.push_str(word);
        // One tone per syllable in well-formed text; keep every mark in a canonical order
        // so that malformed input still compares deterministically.
        tones.sort_unstable();
        out.extend(tones.iter());
        word.clear();
        tones.clear();
    };
    for c in decomposed.chars() {
        if TONES.contains(&c) {
            tones.push(c);
        } else if c.is_alphanumeric() || is_combining_mark(c) {
            word.push(c);
        } else {
            flush(&mut out, &mut word, &mut tones);
            if c.is_whitespace() {
                if !out.ends_with(' ') && !out.is_empty() {
                    out.push(' ');
                }
            } else if is_dash(c) || c == '&' || c == '/' {
                let sep = if is_dash(c) { '-' } else { c };
                while out.ends_with(' ') {
                    out.pop();
                }
                out.push(sep);
            } else {
                out.push(c);
            }
        }
    }
    flush(&mut out, &mut word, &mut tones);
    // "a - b" → "a-b": drop the spaces that followed a separator.
    let mut tidy = String::with_capacity(out.len());
    for c in out.chars() {
        if c == ' ' && tidy.ends_with(['-', '&', '/']) {
            continue;
        }
        tidy.push(c);
    }
    let trimmed = tidy
        .trim_end_matches([' ', '.', ';', ',', ':'])
        .trim_start();
    trimmed.to_string()
}

/// The loosest form: no marks at all, đ → d, lowercase, dashes as `-`, single spaces.
pub fn fold(s: &str) -> String {
    key(s)
        .chars()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect()
}

/// A URL slug: folded, ASCII letters and digits joined by single `-`.
pub fn slugify(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in fold(s).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_normalises_and_collapses() {
        assert_eq!(clean("  Phòng\u{a0}Văn   hoá \n"), "Phòng Văn hoá");
        let nfd: String = "Văn hóa".nfd().collect();
        assert_eq!(clean(&nfd), "Văn hóa");
    }

    #[test]
    fn key_ignores_tone_placement_case_dashes_and_spaces() {
        let a = key("Phòng Văn hoá- Xã hội");
        assert_eq!(a, key("Phòng Văn hóa - Xã hội"));
        assert_eq!(a, key("PHÒNG VĂN HOÁ – XÃ HỘI"));
        assert_eq!(a, key("phòng  văn hóa—xã hội."));
        let nfd: String = "Phòng Văn hóa - Xã hội".nfd().collect();
        assert_eq!(a, key(&nfd));
        assert_eq!(key("thuỷ lợi"), key("thủy lợi"));
        assert_eq!(
            key("Văn phòng HĐND&UBND xã"),
            key("Văn phòng HĐND & UBND xã")
        );
    }

    #[test]
    fn key_keeps_letter_identity() {
        assert_ne!(key("Hà"), key("Hạ"));
        assert_ne!(key("đa"), key("da"));
        assert_ne!(key("tân"), key("tan"));
    }

    #[test]
    fn fold_removes_everything() {
        assert_eq!(fold("Đất đai"), "dat dai");
        assert_eq!(fold("Văn hoá – Xã hội"), "van hoa-xa hoi");
        assert_eq!(fold("THỦY"), "thuy");
    }

    #[test]
    fn slugs_are_ascii() {
        assert_eq!(slugify("Phòng Văn hóa - Xã hội"), "phong-van-hoa-xa-hoi");
        assert_eq!(slugify("66/KH-UBND"), "66-kh-ubnd");
        assert_eq!(slugify("Đảng ủy"), "dang-uy");
        assert_eq!(slugify("  --  "), "");
    }
}
