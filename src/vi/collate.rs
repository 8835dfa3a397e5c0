//! Vietnamese alphabetical order (a ă â b c d đ e ê …, then tones), from ICU's CLDR data.

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use icu_locale_core::locale;
use std::cmp::Ordering;
use std::sync::LazyLock;

static COLLATOR: LazyLock<Option<CollatorBorrowed<'static>>> =
    LazyLock::new(|| Collator::try_new(locale!("vi").into(), CollatorOptions::default()).ok());

/// Compares two names in Vietnamese order. Equal under the collator means equal under our
/// matching key too, so that sorting never depends on NFC/NFD or tone placement.
pub fn cmp(a: &str, b: &str) -> Ordering {
    let (ka, kb) = (crate::vi::clean(a), crate::vi::clean(b));
    let primary = match COLLATOR.as_ref() {
        Some(c) => c.compare(&ka, &kb),
        None => Ordering::Equal,
    };
    primary
        .then_with(|| crate::vi::key(a).cmp(&crate::vi::key(b)))
        .then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_alphabet() {
        let mut v = vec!["Đội", "Dân", "Ấp", "Anh", "Ăn", "Ba", "Zê"];
        v.sort_by(|a, b| cmp(a, b));
        assert_eq!(v, ["Anh", "Ăn", "Ấp", "Ba", "Dân", "Đội", "Zê"]);
    }

    #[test]
    fn tone_placement_and_nfd_do_not_change_order() {
        use unicode_normalization::UnicodeNormalization;
        let nfd: String = "Văn hóa".nfd().collect();
        assert_eq!(
            cmp("Văn hoá", "Văn hóa").then(Ordering::Equal),
            cmp("Văn hoá", &nfd).then(Ordering::Equal)
        );
        assert_eq!(cmp("Phòng Văn hoá", "Phòng Y tế"), Ordering::Less);
        assert_eq!(cmp("Phòng Văn hóa", "Phòng Y tế"), Ordering::Less);
    }
}
