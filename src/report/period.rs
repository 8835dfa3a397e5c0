//! Reporting periods: a quarter, six months or a year, as a commune office reports upward.

use chrono::{Datelike, NaiveDate};
use std::fmt;

/// A quarter (1–4), a half year (1–2) or a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    Quarter(i32, u32),
    Half(i32, u32),
    Year(i32),
}

impl Period {
    /// Reads `2025-Q4`, `2025-H2` or `2025` (case does not matter).
    pub fn parse(s: &str) -> Option<Period> {
        let s = s.trim().to_ascii_uppercase();
        let (y, rest) = match s.split_once('-') {
            Some((y, r)) => (y, Some(r)),
            None => (s.as_str(), None),
        };
        let year: i32 = y.parse().ok().filter(|y| (1900..=2200).contains(y))?;
        match rest {
            None => Some(Period::Year(year)),
            Some(r) => {
                let (kind, n) = r.split_at(1);
                let n: u32 = n.parse().ok()?;
                match kind {
                    "Q" if (1..=4).contains(&n) => Some(Period::Quarter(year, n)),
                    "H" if (1..=2).contains(&n) => Some(Period::Half(year, n)),
                    _ => None,
                }
            }
        }
    }

    /// Its code in addresses and on the command line: `2025-q4`, `2025-h2`, `2025`.
    pub fn code(self) -> String {
        match self {
            Period::Quarter(y, q) => format!("{y}-q{q}"),
            Period::Half(y, h) => format!("{y}-h{h}"),
            Period::Year(y) => format!("{y}"),
        }
    }

    /// As a report names it: "Quý IV năm 2025", "6 tháng cuối năm 2025", "năm 2025".
    pub fn label(self) -> String {
        match self {
            Period::Quarter(y, q) => {
                format!("quý {} năm {y}", crate::content::plan::roman(q as usize))
            }
            Period::Half(y, 1) => format!("6 tháng đầu năm {y}"),
            Period::Half(y, _) => format!("6 tháng cuối năm {y}"),
            Period::Year(y) => format!("năm {y}"),
        }
    }

    /// Its first and last day.
    pub fn range(self) -> (NaiveDate, NaiveDate) {
        let (y, first, last) = match self {
            Period::Quarter(y, q) => (y, 3 * q - 2, 3 * q),
            Period::Half(y, h) => (y, 6 * h - 5, 6 * h),
            Period::Year(y) => (y, 1, 12),
        };
        let start = NaiveDate::from_ymd_opt(y, first, 1).unwrap_or_default();
        let end = NaiveDate::from_ymd_opt(if last == 12 { y + 1 } else { y }, last % 12 + 1, 1)
            .and_then(|d| d.pred_opt())
            .unwrap_or_default();
        (start, end)
    }

    pub fn contains(self, day: NaiveDate) -> bool {
        let (a, b) = self.range();
        a <= day && day <= b
    }

    /// The period of the same length before it.
    pub fn previous(self) -> Period {
        match self {
            Period::Quarter(y, 1) => Period::Quarter(y - 1, 4),
            Period::Quarter(y, q) => Period::Quarter(y, q - 1),
            Period::Half(y, 1) => Period::Half(y - 1, 2),
            Period::Half(y, _) => Period::Half(y, 1),
            Period::Year(y) => Period::Year(y - 1),
        }
    }

    /// The periods of a year: the year, its halves, its quarters.
    pub fn of_year(year: i32) -> [Period; 7] {
        [
            Period::Year(year),
            Period::Half(year, 1),
            Period::Half(year, 2),
            Period::Quarter(year, 1),
            Period::Quarter(year, 2),
            Period::Quarter(year, 3),
            Period::Quarter(year, 4),
        ]
    }

    /// The quarter a day falls in.
    pub fn quarter_of(day: NaiveDate) -> Period {
        Period::Quarter(day.year(), (day.month() - 1) / 3 + 1)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn periods_parse_name_and_span_their_days() {
        assert_eq!(Period::parse("2025-Q4"), Some(Period::Quarter(2025, 4)));
        assert_eq!(Period::parse("2025-h2"), Some(Period::Half(2025, 2)));
        assert_eq!(Period::parse("2025"), Some(Period::Year(2025)));
        for bad in ["2025-Q5", "2025-H3", "25", "2025-X1", "", "2025-Q"] {
            assert_eq!(Period::parse(bad), None, "{bad}");
        }
        assert_eq!(
            Period::Quarter(2025, 4).range(),
            (d("2025-10-01"), d("2025-12-31"))
        );
        assert_eq!(
            Period::Quarter(2024, 1).range(),
            (d("2024-01-01"), d("2024-03-31"))
        );
        assert_eq!(
            Period::Half(2025, 1).range(),
            (d("2025-01-01"), d("2025-06-30"))
        );
        assert_eq!(
            Period::Year(2026).range(),
            (d("2026-01-01"), d("2026-12-31"))
        );
        assert_eq!(
            Period::Quarter(2026, 1).previous(),
            Period::Quarter(2025, 4)
        );
        assert_eq!(Period::Half(2026, 1).previous(), Period::Half(2025, 2));
        assert_eq!(Period::Quarter(2025, 4).label(), "quý IV năm 2025");
        assert_eq!(Period::Half(2025, 2).code(), "2025-h2");
        assert_eq!(
            Period::quarter_of(d("2025-11-30")),
            Period::Quarter(2025, 4)
        );
    }
}
