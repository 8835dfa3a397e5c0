//! References between documents: "Kế hoạch số 261/KH-UBND ngày 25/9/2025 …" in a plan's
//! basis or prose names another document by its kind and number (số ký hiệu). When the site
//! holds that document, the words link to it, and the cited plan lists the plans that cite it
//! ("Văn bản triển khai"). A number names one document only with its issuer and year (two
//! communes may both issue a 66/KH-UBND), so a reference resolves only to exactly one plan of
//! the site: the one with that number, or, when several have it, the one of the date the
//! reference gives. Anything else stays plain text.

use super::Site;
use chrono::NaiveDate;
use std::collections::HashMap;

/// The kinds of document a reference names, as Vietnamese writes them before "số" (at the
/// start of a sentence and within one).
const KINDS: &[&str] = &[
    "Kế hoạch",
    "kế hoạch",
    "Nghị quyết",
    "nghị quyết",
    "Quyết định",
    "quyết định",
    "Chỉ thị",
    "chỉ thị",
    "Công văn",
    "công văn",
    "Thông báo",
    "thông báo",
    "Chương trình",
    "chương trình",
    "Đề án",
    "đề án",
    "Báo cáo",
    "báo cáo",
    "Hướng dẫn",
    "hướng dẫn",
    "Công điện",
    "công điện",
    "Thông tư",
    "thông tư",
    "Nghị định",
    "nghị định",
];

/// A reference found in a text: the bytes `start..end` ("Kế hoạch số 261/KH-UBND"), the
/// number as written and the date that follows it, when one does ("ngày 25/9/2025").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ref {
    pub start: usize,
    pub end: usize,
    pub number: String,
    pub date: Option<NaiveDate>,
}

/// The references in the basis and then the prose of `plan`.
pub fn plan_refs(plan: &crate::content::Plan) -> Vec<Ref> {
    plan.basis
        .iter()
        .map(String::as_str)
        .chain([plan.body.as_str()])
        .flat_map(find)
        .collect()
}

/// The references in `text`, in order. Linear in the length of `text`.
pub fn find(text: &str) -> Vec<Ref> {
    const SO: &str = " số ";
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(k) = text[from..].find(SO) {
        let at = from + k;
        from = at + SO.len();
        // The kind just before " số ", as written or with a lower-case first letter.
        let before = &text[..at];
        let Some(kind_len) = KINDS
            .iter()
            .find(|k| before.ends_with(**k))
            .map(|k| k.len())
        else {
            continue;
        };
        let start = at - kind_len;
        // Not the end of a longer word ("…Kế hoạch" is fine, "XKế hoạch" is not).
        if before[..start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        let rest = &text[from..];
        let len = rest
            .char_indices()
            .find(|&(_, c)| !(c.is_alphanumeric() || matches!(c, '/' | '-' | '.' | '–')))
            .map_or(rest.len(), |(i, _)| i);
        let number = rest[..len].trim_end_matches(['.', '-', '–']);
        // A number: digits, a slash, then letters (66/KH-UBND, 268/NQ-CP).
        let Some((digits, sign)) = number.split_once('/') else {
            continue;
        };
        if digits.is_empty()
            || !digits.chars().all(|c| c.is_ascii_digit())
            || !sign.chars().any(char::is_alphabetic)
        {
            continue;
        }
        let end = from + number.len();
        out.push(Ref {
            start,
            end,
            number: number.to_string(),
            date: date_after(&text[end..]),
        });
        from = end;
    }
    out
}

/// " ngày 25/9/2025" at the start of `text`.
fn date_after(text: &str) -> Option<NaiveDate> {
    let t = text.strip_prefix(" ngày ")?;
    let len = t
        .find(|c: char| !(c.is_ascii_digit() || c == '/'))
        .unwrap_or(t.len());
    let mut parts = t[..len].split('/').map(|p| p.parse::<u32>().ok());
    let (d, m, y) = (parts.next()??, parts.next()??, parts.next()??);
    NaiveDate::from_ymd_opt(y as i32, m, d)
}

/// A number compared as a key: composed, upper case, without spaces.
fn key(number: &str) -> String {
    crate::vi::clean(number)
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

/// The references between the plans of a site.
#[derive(Debug, Default)]
pub struct Links {
    /// For each plan, the plans it cites (positions in `site.plans`), each once.
    pub cites: Vec<Vec<usize>>,
    /// For each plan, the plans that cite it, each once, in site order.
    pub cited_by: Vec<Vec<usize>>,
    by_number: HashMap<String, Vec<usize>>,
}

impl Links {
    /// Resolves every reference in the basis and prose of every plan (found when each plan
    /// was read, [`super::Index::refs`]).
    pub fn of(site: &Site) -> Links {
        let mut by_number: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, p) in site.plans.iter().enumerate() {
            if let Some(n) = p.number.as_deref().filter(|n| !n.trim().is_empty()) {
                by_number.entry(key(n)).or_default().push(i);
            }
        }
        let mut links = Links {
            cites: vec![Vec::new(); site.plans.len()],
            cited_by: vec![Vec::new(); site.plans.len()],
            by_number,
        };
        if links.by_number.is_empty() {
            return links;
        }
        for (i, refs) in site.index.refs.iter().enumerate() {
            let mut cites = Vec::new();
            for r in refs.iter() {
                if let Some(t) = links.resolve(site, i, r)
                    && !cites.contains(&t)
                {
                    cites.push(t);
                }
            }
            for &t in &cites {
                links.cited_by[t].push(i);
            }
            links.cites[i] = cites;
        }
        links
    }

    /// The plan of the site that reference `r` (in plan `from`) names, if exactly one.
    pub fn resolve(&self, site: &Site, from: usize, r: &Ref) -> Option<usize> {
        let found: Vec<usize> = self
            .by_number
            .get(&key(&r.number))?
            .iter()
            .copied()
            .filter(|&p| p != from)
            .collect();
        let dated = |p: &usize| match (&site.plans[*p].date, r.date) {
            (Some(d), Some(want)) => {
                d.day
                    .and_then(|day| NaiveDate::from_ymd_opt(d.year, d.month, day))
                    == Some(want)
            }
            _ => false,
        };
        match found.as_slice() {
            [one] if r.date.is_none() || site.plans[*one].date.is_none() || dated(one) => {
                Some(*one)
            }
            _ => {
                let mut by_date = found.iter().filter(|p| dated(p));
                match (by_date.next(), by_date.next()) {
                    (Some(&p), None) => Some(p),
                    _ => None,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_found_with_their_number_and_date() {
        let t = "Thực hiện Kế hoạch số 261/KH-UBND ngày 25/9/2025 của UBND thành phố; theo nghị quyết số 268/NQ-CP.";
        let r = find(t);
        assert_eq!(r.len(), 2);
        assert_eq!(&t[r[0].start..r[0].end], "Kế hoạch số 261/KH-UBND");
        assert_eq!(r[0].date, NaiveDate::from_ymd_opt(2025, 9, 25));
        assert_eq!(&t[r[1].start..r[1].end], "nghị quyết số 268/NQ-CP");
        assert_eq!(r[1].number, "268/NQ-CP");
        assert_eq!(r[1].date, None);
        // Not a document number: "số 5 nhiệm vụ", "số liệu", "Kế hoạch số" at the end.
        assert!(find("Kế hoạch số 5 nhiệm vụ; số liệu; Kế hoạch số").is_empty());
        assert!(find("XKế hoạch số 1/KH").is_empty());
    }
}
