//! The Vietnamese deadline engine.
//!
//! A task's `due` is free Vietnamese text written by civil servants: "Tháng 9/2025",
//! "Quý III-IV/2025", "chậm nhất 15 giờ, ngày 06/5/2026", "Thường xuyên", "Trước ngày 10 của
//! tháng cuối quý", "Sau khi có hướng dẫn của Bộ Nông nghiệp và Môi trường" … (the forms are listed in
//! `docs/format.md`, "Deadlines").
//! [`Deadline::parse`] understands it well enough to sort, filter, mark overdue and export a
//! calendar. It always keeps the words as written, and what it cannot understand is
//! [`DeadlineKind::Unknown`]: it never guesses a date.
//!
//! # How a phrase is read
//!
//! 1. The text is cleaned ([`clean`]) for display and folded ([`fold`]) for reading: lowercase,
//!    no diacritics, đ → d, every dash as `-` with the spaces around it removed. "Quý III – IV/2025",
//!    "quy iii-iv/2025" and an NFD "QUÝ III—IV/2025" are the same to the parser.
//! 2. A small tokenizer splits the folded text into words, numbers and punctuation; letters and
//!    digits split, so "15h00" is `15 h 00` and "T9/2025" is `t 9 / 2025`.
//! 3. Pattern functions, tried in a fixed order, must consume every token:
//!    `conditional` ("Sau khi …", "Theo yêu cầu …"), `ongoing` ("Thường xuyên"), `recurring`
//!    ("hằng quý", "Trước ngày 10 của tháng cuối quý") and `dated` (optional prefixes, one point
//!    or a range of points, an optional condition). Each documents the phrases it accepts.
//! 4. Anything else — a leftover word, an impossible date, a missing year — is Unknown.
//!
//! No regex, no backtracking beyond a few tokens: the parser is linear in the length of the text
//! and, besides cleaning and folding, allocates one token vector. A parse takes about 3 µs in a
//! release build.
//!
//! # Decisions
//!
//! - **Periods end on their last day.** "Tháng 9/2025" is due by 30/09/2025, "Quý III/2025" by
//!   30/09/2025, "6 tháng đầu năm 2026" by 30/06/2026, "Năm 2026" by 31/12/2026; `start` is the
//!   first day of the period. A plain date has no `start`.
//! - **Lists of periods are ranges.** "Quý III, IV/2025" and "Quý II và III/2026" run from the
//!   first period's first day to the last period's last day. The elements must go forward in
//!   time; "Quý IV-II/2025" is Unknown.
//! - **Two-digit years** are 20xx: "T9/25", "Quý III/25".
//! - **"trước" only before a day.** "trước ngày 10/12/2025" and "trước 30/6/2026" are dates;
//!   "trước tháng 9/2025" could mean "before September starts" or "by September", so it is
//!   Unknown. "chậm nhất", "đến", "trong", "hoàn thành" … accept any period.
//! - **No year, no date.** "Tháng 12", "Quý IV", "ngày 20/5" are Unknown — unless a later element
//!   of a range gives the year ("từ tháng 3 đến tháng 6/2026").
//! - **"Hằng năm" without a date is Recurring** (`Yearly { day: None, month: None }`), like
//!   "hằng tháng" and "hằng quý": it repeats, it is never overdue.
//! - **Daily and weekly work is Ongoing.** "hằng ngày", "hằng tuần" have no place in
//!   [`Recurrence`] and no calendar value; they behave like "Thường xuyên".
//! - **Conditional deadlines never get a date from the engine** — except the year they name:
//!   "Theo lộ trình năm 2025 của thành phố" is Conditional with `start`/`end` = 2025, so that it
//!   files under 2025, but it is never overdue and has no `next_due`. Only a phrase with exactly
//!   one "năm YYYY" gets a year; "Nghị định 151/2025/NĐ-CP" does not count.
//! - **Conditions after a date are kept in the original words**: "Tháng 12/2025 (Sau khi có quy
//!   định …)", "Tháng 12/2025, sau khi có hướng dẫn". A bracketed note is accepted when it opens
//!   like a condition or holds no number ("(dự kiến)"); a note with numbers ("(hoặc tháng
//!   1/2026)") may change the date, so the whole phrase is Unknown.
//! - **A conditional opener wins.** "Theo yêu cầu, chậm nhất ngày 15/5/2026" is Conditional (the
//!   whole phrase as condition, no date): the engine does not decide which half matters.
//! - **Starts without ends are Unknown**: "từ 01/01/2026", "từ ngày 01/7/2025 đến nay".
//! - **Relative and vague phrases are Unknown**: "trong vòng 15 ngày kể từ …", "đầu năm 2026",
//!   "năm học 2025-2026", a lone "-".

use chrono::{Datelike, NaiveDate};
use unicode_normalization::char::is_combining_mark;

use crate::vi::fold::{clean, fold, is_dash};

/// What kind of deadline a phrase is. The order is the declaration order (for `Ord`), which is
/// not the display order: use [`Deadline::sort_key`] to sort tasks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// No deadline written.
    None,
    /// A day, maybe with a time: "trước ngày 10/12/2025", "chậm nhất 15 giờ, ngày 06/5/2026".
    Date,
    /// A calendar month: "Tháng 9/2025".
    Month,
    /// A quarter: "Quý III/2025".
    Quarter,
    /// Half a year: "6 tháng cuối năm 2025".
    HalfYear,
    /// A year: "Năm 2026", "Cả năm 2025".
    Year,
    /// From one day or period to another: "Quý III-IV/2025", "giai đoạn 2026–2030".
    Range,
    /// Continuous work, never overdue: "Thường xuyên".
    Ongoing,
    /// Repeats: "hằng tháng", "Trước ngày 10 của tháng cuối quý".
    Recurring,
    /// Depends on something else: "Sau khi có hướng dẫn …", "Theo yêu cầu …".
    Conditional,
    /// Written, but not understood. Shown as written and flagged by `check`.
    Unknown,
}

impl DeadlineKind {
    /// Kinds that name a last day and can therefore be overdue.
    pub fn is_dated(self) -> bool {
        matches!(
            self,
            DeadlineKind::Date
                | DeadlineKind::Month
                | DeadlineKind::Quarter
                | DeadlineKind::HalfYear
                | DeadlineKind::Year
                | DeadlineKind::Range
        )
    }
}

/// How a recurring deadline repeats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recurrence {
    /// "hằng tháng", "hàng tháng", optionally "trước ngày 25 hằng tháng"
    Monthly { day: Option<u8> },
    /// "hằng quý", "Trước ngày 10 của tháng cuối quý" -> Quarterly { day: Some(10), month_of_quarter: Some(3) }
    Quarterly {
        day: Option<u8>,
        month_of_quarter: Option<u8>,
    },
    /// "6 tháng một lần", "hằng 6 tháng", "định kỳ 6 tháng"
    HalfYearly { day: Option<u8> },
    /// "hằng năm" with or without a date ("trước ngày 15/12 hằng năm")
    Yearly { day: Option<u8>, month: Option<u8> },
}

impl Recurrence {
    /// A short Vietnamese explanation: "Hằng quý, trước ngày 10 của tháng cuối quý".
    pub fn describe(&self) -> String {
        match *self {
            Recurrence::Monthly { day: None } => "Hằng tháng".to_string(),
            Recurrence::Monthly { day: Some(d) } => format!("Hằng tháng, trước ngày {d}"),
            Recurrence::Quarterly {
                day,
                month_of_quarter,
            } => {
                let month = match month_of_quarter {
                    Some(1) => "tháng đầu quý",
                    Some(2) => "tháng giữa quý",
                    Some(_) => "tháng cuối quý",
                    None => "",
                };
                match (day, month_of_quarter) {
                    (Some(d), Some(_)) => format!("Hằng quý, trước ngày {d} của {month}"),
                    (Some(d), None) => format!("Hằng quý, trước ngày {d}"),
                    (None, Some(_)) => format!("Hằng quý, trong {month}"),
                    (None, None) => "Hằng quý".to_string(),
                }
            }
            Recurrence::HalfYearly { day: None } => "6 tháng một lần".to_string(),
            Recurrence::HalfYearly { day: Some(d) } => format!("6 tháng một lần, trước ngày {d}"),
            Recurrence::Yearly { day, month } => match (day, month) {
                (Some(d), Some(m)) => format!("Hằng năm, trước ngày {d}/{m}"),
                (None, Some(m)) => format!("Hằng năm, trong tháng {m}"),
                _ => "Hằng năm".to_string(),
            },
        }
    }

    /// The next occurrence on or after `today`, when the phrase names the day (and, for
    /// quarterly and yearly deadlines, the month). A day past the end of a month falls on the
    /// month's last day ("ngày 31 hằng tháng" is 30 April in April).
    pub fn next_on_or_after(&self, today: NaiveDate) -> Option<NaiveDate> {
        let (y, m) = (today.year(), today.month());
        let first_on_or_after = |candidates: &mut dyn Iterator<Item = Option<NaiveDate>>| {
            candidates.flatten().find(|d| *d >= today)
        };
        match *self {
            Recurrence::Monthly { day: Some(d) } => {
                let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
                first_on_or_after(&mut [clamped_day(y, m, d), clamped_day(ny, nm, d)].into_iter())
            }
            Recurrence::Quarterly {
                day: Some(d),
                month_of_quarter: Some(q),
            } => {
                let q = u32::from(q);
                first_on_or_after(
                    &mut [y, y + 1]
                        .into_iter()
                        .flat_map(|year| (0..4).map(move |k| clamped_day(year, k * 3 + q, d))),
                )
            }
            Recurrence::Yearly {
                day: Some(d),
                month: Some(mo),
            } => first_on_or_after(
                &mut [
                    clamped_day(y, u32::from(mo), d),
                    clamped_day(y + 1, u32::from(mo), d),
                ]
                .into_iter(),
            ),
            _ => None,
        }
    }
}

/// A task's deadline: the words as written and what they mean.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    /// the words as written (cleaned with `clean`: NFC, single spaces, trimmed)
    pub text: String,
    pub kind: DeadlineKind,
    /// first day, for ranges and periods (month/quarter/half/year have start = first day of the period)
    pub start: Option<NaiveDate>,
    /// the last day: the task is due by the end of this day
    pub end: Option<NaiveDate>,
    /// a time of day on `end`, e.g. (15, 0) for "chậm nhất 15 giờ, ngày 06/5/2026"
    pub time: Option<(u8, u8)>,
    pub recurrence: Option<Recurrence>,
    /// a condition kept in the original words: "(Sau khi có quy định của Chính phủ, hướng dẫn của Bộ Nội vụ)" -> "Sau khi có quy định của Chính phủ, hướng dẫn của Bộ Nội vụ"; for Conditional deadlines the whole phrase
    pub condition: Option<String>,
}

impl Deadline {
    /// Understands a deadline phrase. Never fails and never panics: what it cannot read is
    /// [`DeadlineKind::Unknown`], an empty text is [`DeadlineKind::None`].
    pub fn parse(text: &str) -> Deadline {
        let text = clean(text);
        let mut deadline = Deadline {
            kind: DeadlineKind::None,
            start: None,
            end: None,
            time: None,
            recurrence: None,
            condition: None,
            text,
        };
        if deadline.text.is_empty() {
            return deadline;
        }
        let folded = fold(&deadline.text);
        let toks = tokenize(&folded);
        match understand(&toks, &deadline.text) {
            Some(m) => {
                deadline.kind = m.kind;
                deadline.start = m.start;
                deadline.end = m.end;
                deadline.time = m.time;
                deadline.recurrence = m.recurrence;
                deadline.condition = m.condition;
            }
            None => deadline.kind = DeadlineKind::Unknown,
        }
        deadline
    }

    /// true when `end` is before `today` and the kind can be overdue (Date, Month, Quarter, HalfYear, Year, Range). Ongoing, Recurring, Conditional, Unknown, None: never overdue.
    ///
    /// The last day itself is not past: "Tháng 9/2025" is overdue from 01/10/2025.
    pub fn is_past(&self, today: NaiveDate) -> bool {
        self.kind.is_dated() && self.end.is_some_and(|end| end < today)
    }

    /// the next due day on or after `today`: `end` for dated kinds; the next occurrence for Recurring with a known day (e.g. quarterly day 10 of month 3 of the quarter -> 10 Mar/Jun/Sep/Dec), None otherwise.
    ///
    /// A dated deadline whose `end` is before `today` has no next due day (it is past).
    pub fn next_due(&self, today: NaiveDate) -> Option<NaiveDate> {
        if self.kind.is_dated() {
            return self.end.filter(|end| *end >= today);
        }
        match (&self.kind, &self.recurrence) {
            (DeadlineKind::Recurring, Some(r)) => r.next_on_or_after(today),
            _ => None,
        }
    }

    /// the year the deadline falls in (end's year), for facets
    pub fn year(&self) -> Option<i32> {
        self.end.map(|end| end.year())
    }

    /// Sorts tasks: dated deadlines first by `end`, then Ongoing, Recurring, Conditional,
    /// Unknown and None.
    pub fn sort_key(&self) -> (u8, Option<NaiveDate>) {
        let rank = match self.kind {
            k if k.is_dated() => 0,
            DeadlineKind::Ongoing => 1,
            DeadlineKind::Recurring => 2,
            DeadlineKind::Conditional => 3,
            DeadlineKind::Unknown => 4,
            _ => 5,
        };
        (rank, if rank == 0 { self.end } else { None })
    }

    /// a short Vietnamese explanation for the portal, e.g. "Hạn: 31/12/2025", "Thường xuyên", "Hằng quý, trước ngày 10 của tháng cuối quý", "Khi có hướng dẫn", "Chưa xác định được thời hạn"
    pub fn describe(&self) -> String {
        const UNKNOWN: &str = "Chưa xác định được thời hạn";
        let Some(end) = self.end else {
            return match (self.kind, &self.recurrence) {
                (DeadlineKind::None, _) => "Không có thời hạn".to_string(),
                (DeadlineKind::Ongoing, _) => self.with_condition("Thường xuyên".to_string()),
                (DeadlineKind::Recurring, Some(r)) => self.with_condition(r.describe()),
                (DeadlineKind::Conditional, _) => self.conditional_summary(),
                _ => UNKNOWN.to_string(),
            };
        };
        let day = dmy(end);
        let (y, m) = (end.year(), end.month());
        let s = match self.kind {
            DeadlineKind::Date => match self.time {
                Some((h, mi)) => format!("Hạn: {h} giờ {mi:02}, ngày {day}"),
                None => format!("Hạn: {day}"),
            },
            DeadlineKind::Month => format!("Hạn: hết tháng {m}/{y} ({day})"),
            DeadlineKind::Quarter => {
                let q = ["I", "II", "III", "IV"][((m - 1) / 3) as usize];
                format!("Hạn: hết quý {q}/{y} ({day})")
            }
            DeadlineKind::HalfYear => {
                let half = if m <= 6 { "đầu" } else { "cuối" };
                format!("Hạn: hết 6 tháng {half} năm {y} ({day})")
            }
            DeadlineKind::Year => format!("Hạn: hết năm {y} ({day})"),
            DeadlineKind::Range => match self.start {
                Some(start) => format!("Từ {} đến {day}", dmy(start)),
                None => format!("Hạn: {day}"),
            },
            DeadlineKind::Ongoing => format!("Thường xuyên trong năm {y}"),
            DeadlineKind::Conditional => return self.conditional_summary(),
            _ => return UNKNOWN.to_string(),
        };
        self.with_condition(s)
    }

    fn with_condition(&self, mut s: String) -> String {
        if self.condition.is_some() {
            s.push_str(", kèm điều kiện");
        }
        s
    }

    fn conditional_summary(&self) -> String {
        let folded = fold(self.condition.as_deref().unwrap_or(&self.text));
        let mut s = if folded.contains("yeu cau") {
            "Khi có yêu cầu".to_string()
        } else if folded.contains("lo trinh") {
            "Theo lộ trình".to_string()
        } else {
            "Khi có hướng dẫn".to_string()
        };
        if let Some(y) = self.year() {
            s.push_str(&format!(" (năm {y})"));
        }
        s
    }
}

fn dmy(d: NaiveDate) -> String {
    format!("{:02}/{:02}/{}", d.day(), d.month(), d.year())
}

/// The day `day` of a month, or the month's last day when the month is shorter.
fn clamped_day(year: i32, month: u32, day: u8) -> Option<NaiveDate> {
    let (_, last) = month_bounds(year, month)?;
    let day = u32::from(day).clamp(1, last.day());
    NaiveDate::from_ymd_opt(year, month, day)
}

/// First and last day of a month; None for an impossible month.
fn month_bounds(year: i32, month: u32) -> Option<(NaiveDate, NaiveDate)> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    Some((first, next.pred_opt()?))
}

// ---------------------------------------------------------------------------------------------
// Tokens

/// A token of folded (or original) text. Letters and digits split: "15h00" is three tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok<'a> {
    Word(&'a str),
    Num { value: u32, digits: u8 },
    Punct(char),
}

#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    tok: Tok<'a>,
    /// byte offset of the token in the text it came from
    start: usize,
}

/// Splits text into words (alphabetic runs), numbers (ASCII digit runs) and single punctuation
/// characters; whitespace separates, combining marks are transparent. Run on the folded text to
/// parse, and on the cleaned original to find where a condition starts in the editor's words:
/// folding changes letters but never the sequence of tokens.
fn tokenize(s: &str) -> Vec<Token<'_>> {
    let mut out = Vec::with_capacity(s.len() / 4 + 2);
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() || is_combining_mark(c) {
            continue;
        }
        let tok = if c.is_ascii_digit() {
            let mut value = c.to_digit(10).unwrap_or(0);
            let mut digits: u8 = 1;
            while let Some(&(_, d)) = chars.peek() {
                if let Some(v) = d.to_digit(10).filter(|_| d.is_ascii_digit()) {
                    value = value.saturating_mul(10).saturating_add(v);
                    digits = digits.saturating_add(1);
                } else if !is_combining_mark(d) {
                    break;
                }
                chars.next();
            }
            Tok::Num { value, digits }
        } else if c.is_alphabetic() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if !(d.is_alphabetic() || is_combining_mark(d)) {
                    break;
                }
                end = j + d.len_utf8();
                chars.next();
            }
            Tok::Word(&s[i..end])
        } else {
            Tok::Punct(c)
        };
        out.push(Token { tok, start: i });
    }
    out
}

/// A cursor over tokens. Every matcher either consumes what it matched and returns
/// `true`/`Some`, or consumes nothing; [`attempt`] restores the position for larger patterns.
struct Cur<'t, 'a> {
    toks: &'t [Token<'a>],
    i: usize,
}

impl<'t, 'a> Cur<'t, 'a> {
    fn new(toks: &'t [Token<'a>]) -> Self {
        Cur { toks, i: 0 }
    }

    fn peek(&self) -> Option<Tok<'a>> {
        self.toks.get(self.i).map(|t| t.tok)
    }

    fn done(&self) -> bool {
        self.i >= self.toks.len()
    }

    fn rest(&self) -> &'t [Token<'a>] {
        self.toks.get(self.i..).unwrap_or(&[])
    }

    fn word(&mut self, w: &str) -> bool {
        let hit = matches!(self.peek(), Some(Tok::Word(x)) if x == w);
        self.i += usize::from(hit);
        hit
    }

    /// All the words in order, or nothing.
    fn words(&mut self, ws: &[&str]) -> bool {
        let hit = ws.iter().enumerate().all(
            |(k, w)| matches!(self.toks.get(self.i + k), Some(Token { tok: Tok::Word(x), .. }) if x == w),
        );
        if hit {
            self.i += ws.len();
        }
        hit
    }

    fn punct(&mut self, c: char) -> bool {
        let hit = self.peek() == Some(Tok::Punct(c));
        self.i += usize::from(hit);
        hit
    }

    /// A number of at most `max_digits` digits.
    fn num(&mut self, max_digits: u8) -> Option<u32> {
        match self.peek()? {
            Tok::Num { value, digits } if digits <= max_digits => {
                self.i += 1;
                Some(value)
            }
            _ => None,
        }
    }

    fn num_is(&mut self, n: u32) -> bool {
        matches!(self.peek(), Some(Tok::Num { value, digits }) if value == n && digits <= 2)
            && self.num(2).is_some()
    }

    /// A year: four digits, or two digits meaning 20xx ("T9/25").
    fn year(&mut self) -> Option<i32> {
        match self.peek()? {
            Tok::Num { value, digits: 2 } => {
                self.i += 1;
                Some(2000 + value as i32)
            }
            Tok::Num { .. } => self.year4(),
            _ => None,
        }
    }

    fn year4(&mut self) -> Option<i32> {
        match self.peek()? {
            Tok::Num { value, digits: 4 } => {
                self.i += 1;
                i32::try_from(value).ok()
            }
            _ => None,
        }
    }
}

/// Runs a pattern; on failure the cursor is where it was.
fn attempt<'t, 'a, T>(
    c: &mut Cur<'t, 'a>,
    f: impl FnOnce(&mut Cur<'t, 'a>) -> Option<T>,
) -> Option<T> {
    let save = c.i;
    let r = f(c);
    if r.is_none() {
        c.i = save;
    }
    r
}

// ---------------------------------------------------------------------------------------------
// The phrase families

/// What a phrase means, without its text.
struct Meaning {
    kind: DeadlineKind,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    time: Option<(u8, u8)>,
    recurrence: Option<Recurrence>,
    condition: Option<String>,
}

impl Meaning {
    fn new(kind: DeadlineKind) -> Self {
        Meaning {
            kind,
            start: None,
            end: None,
            time: None,
            recurrence: None,
            condition: None,
        }
    }
}

/// The original words behind folded tokens.
struct Original<'a> {
    text: &'a str,
    folded: &'a [Token<'a>],
}

impl Original<'_> {
    /// The editor's words from the folded token starting at byte `from` up to the folded token
    /// starting at `until` (or the end), trimmed of spaces and trailing punctuation.
    fn words(&self, from: usize, until: Option<usize>) -> Option<String> {
        let index = |at: usize| self.folded.binary_search_by_key(&at, |t| t.start).ok();
        let i = index(from)?;
        let j = match until {
            Some(u) => Some(index(u)?),
            None => None,
        };
        if i == 0 && j.is_none() {
            // The whole phrase: nothing to align.
            return trimmed(self.text);
        }
        let original = tokenize(self.text);
        let last = j.unwrap_or(i);
        // Folding keeps the token sequence; check it rather than trust it.
        let aligned = original.len() > last
            && self.folded[..=last]
                .iter()
                .zip(&original)
                .all(|(f, o)| match (f.tok, o.tok) {
                    (Tok::Word(_), Tok::Word(_)) => true,
                    (Tok::Num { value: a, .. }, Tok::Num { value: b, .. }) => a == b,
                    (Tok::Punct('-'), Tok::Punct(b)) => is_dash(b),
                    (Tok::Punct(a), Tok::Punct(b)) => a == b,
                    _ => false,
                });
        if !aligned {
            return None;
        }
        let a = original[i].start;
        let b = j.map_or(self.text.len(), |j| original[j].start);
        trimmed(self.text.get(a..b)?)
    }
}

/// Words without surrounding spaces and trailing punctuation; None when nothing is left.
fn trimmed(s: &str) -> Option<String> {
    let s = s.trim().trim_end_matches([' ', '.', ';', ',', ':']);
    (!s.is_empty()).then(|| s.to_string())
}

/// Reads a whole token stream, or returns None (Unknown).
fn understand(all: &[Token<'_>], text: &str) -> Option<Meaning> {
    let original = Original { text, folded: all };
    // A leading bullet ("- Tháng 9/2025", "+ Quý III/2025") is layout, not meaning.
    let skip = all
        .iter()
        .take_while(|t| matches!(t.tok, Tok::Punct('-' | '+' | '*' | '•')))
        .count();
    let toks = &all[skip..];
    let first = toks.first()?;
    if is_conditional_start(toks) {
        let phrase = original.words(first.start, None);
        return Some(conditional(
            toks,
            phrase.unwrap_or_else(|| text.to_string()),
        ));
    }
    let (core, note) = split_note(toks)?;
    if core.is_empty() {
        return None;
    }
    let mut meaning = ongoing(core)
        .or_else(|| recurring(core))
        .or_else(|| dated(core, &original))?;
    // A bracketed note is kept as the condition when it reads like one or holds no number;
    // a condition already found after a comma ends the text and holds the note.
    let pending = |(inner, _): &Note<'_, '_>| !inner.is_empty() && meaning.condition.is_none();
    if let Some((inner, close)) = note.filter(pending) {
        let plain = !inner.iter().any(|t| matches!(t.tok, Tok::Num { .. }));
        if !(plain || is_conditional_start(inner)) {
            return None;
        }
        meaning.condition = Some(original.words(inner[0].start, close)?);
    }
    Some(meaning)
}

/// The tokens inside a trailing bracket, and the byte offset of the closing bracket if any.
type Note<'t, 'a> = (&'t [Token<'a>], Option<usize>);

/// Splits a trailing bracketed note off: "Tháng 12/2025 (Sau khi có quy định …)" gives the
/// tokens of "Tháng 12/2025" and of "Sau khi có quy định …". An unclosed bracket runs to the end.
/// None when text follows the closing bracket.
fn split_note<'t, 'a>(toks: &'t [Token<'a>]) -> Option<(&'t [Token<'a>], Option<Note<'t, 'a>>)> {
    let Some(open) = toks.iter().position(|t| t.tok == Tok::Punct('(')) else {
        return Some((toks, None));
    };
    let mut depth = 0usize;
    for (j, t) in toks.iter().enumerate().skip(open) {
        match t.tok {
            Tok::Punct('(') => depth += 1,
            Tok::Punct(')') => {
                depth -= 1;
                if depth == 0 {
                    let note = (&toks[open + 1..j], Some(t.start));
                    return (j + 1 == toks.len()).then_some((&toks[..open], Some(note)));
                }
            }
            _ => {}
        }
    }
    Some((&toks[..open], Some((&toks[open + 1..], None))))
}

/// Words that name a period.
const PERIOD_WORDS: [&str; 7] = ["ngay", "thang", "quy", "nam", "tuan", "gio", "nay"];

/// Whether the word at `k` names a period ("quý III", "tháng 9", "năm 2025", "ngày 15",
/// "theo tuần", "sau này") rather than opening another word ("quy định", "quy chế", "ngày ban
/// hành"). "Theo quý" or "sau ngày 15/5/2026" are not conditions.
fn names_period(toks: &[Token<'_>], k: usize) -> bool {
    match toks.get(k).map(|t| t.tok) {
        Some(Tok::Word(w)) if PERIOD_WORDS.contains(&w) => match toks.get(k + 1).map(|t| t.tok) {
            Some(Tok::Word(next)) => roman(next).is_some(),
            _ => true,
        },
        _ => false,
    }
}

/// Whether tokens open a condition or an on-request deadline:
/// "Sau khi có hướng dẫn …", "ngay sau khi …", "sau hội nghị …", "Khi có yêu cầu",
/// "Theo yêu cầu …", "Theo hướng dẫn …", "Theo lộ trình …", "Theo chỉ đạo …" (any "theo" + a
/// word that is not a period), "tùy theo …", "tùy thuộc …", "phụ thuộc …", "căn cứ …",
/// "chờ hướng dẫn/chỉ đạo/ý kiến/quy định/kết quả/văn bản …", "Đột xuất", "nếu …",
/// "trong trường hợp …".
fn is_conditional_start(toks: &[Token<'_>]) -> bool {
    let w = |i: usize| match toks.get(i).map(|t| t.tok) {
        Some(Tok::Word(w)) => Some(w),
        _ => None,
    };
    match (w(0), w(1)) {
        (Some("sau" | "theo"), Some(_)) => !names_period(toks, 1),
        (Some("ngay"), Some("sau")) => w(2) == Some("khi"),
        (Some("khi" | "neu"), Some(_)) => true,
        (Some("tuy"), Some("theo" | "thuoc")) | (Some("phu"), Some("thuoc")) => true,
        (Some("can"), Some("cu")) | (Some("dot"), Some("xuat")) => true,
        (Some("cho"), Some("huong" | "chi" | "y" | "quy" | "ket" | "van")) => true,
        (Some("trong"), Some("truong")) => w(2) == Some("hop"),
        _ => false,
    }
}

/// Conditional and on-request deadlines, the whole phrase kept as the condition:
/// "Sau khi có hướng dẫn của Bộ Nông nghiệp và Môi trường", "Theo yêu cầu của Trung ương",
/// "Theo yêu cầu các Sở, ngành liên quan", "Khi có yêu cầu",
/// "Theo hướng dẫn và lộ trình triển khai của bộ, ngành Trung ương".
/// A phrase naming exactly one year ("Theo lộ trình năm 2025 của thành phố") gets that year as
/// `start`/`end`, for the year facet only: Conditional is never overdue.
fn conditional(toks: &[Token<'_>], phrase: String) -> Meaning {
    let tok = |k: usize| toks.get(k).map(|t| t.tok);
    let mut year = None;
    let mut years = 0;
    for k in 1..toks.len() {
        if let (Some(Tok::Word("nam")), Some(Tok::Num { value, digits: 4 })) = (tok(k - 1), tok(k))
        {
            // "năm 2025-2026" is not one year.
            let is_range = matches!(tok(k + 1), Some(Tok::Punct('-' | '/')))
                && matches!(tok(k + 2), Some(Tok::Num { .. }));
            if !is_range && year != Some(value) {
                year = Some(value);
                years += 1;
            }
        }
    }
    let mut m = Meaning::new(DeadlineKind::Conditional);
    m.condition = Some(phrase);
    if years == 1 {
        let bounds = year
            .and_then(|y| i32::try_from(y).ok())
            .and_then(|y| bounds(Point::new(Unit::Year, Some(y))));
        if let Some((s, e)) = bounds {
            m.start = Some(s);
            m.end = Some(e);
        }
    }
    m
}

/// Ongoing work, never overdue: "Thường xuyên", "Thường xuyên, liên tục", "Liên tục",
/// "thường xuyên và liên tục", "hằng ngày", "hàng tuần", "mỗi ngày"; optionally within a year,
/// which only serves the year facet: "Thường xuyên trong năm 2025", "Thường xuyên, năm 2025".
fn ongoing(toks: &[Token<'_>]) -> Option<Meaning> {
    let mut c = Cur::new(toks);
    let mut n = 0;
    loop {
        let found = attempt(&mut c, |c| {
            if n > 0 {
                let _ = c.punct(',') || c.punct('-') || c.punct(';') || c.word("va");
            }
            let hit = c.words(&["thuong", "xuyen"])
                || c.words(&["lien", "tuc"])
                || ((c.word("hang") || c.word("moi")) && (c.word("ngay") || c.word("tuan")));
            hit.then_some(())
        });
        if found.is_none() {
            break;
        }
        n += 1;
    }
    if n == 0 {
        return None;
    }
    let year = attempt(&mut c, |c| {
        c.punct(',');
        let _ = c.word("trong") || c.word("ca");
        if c.word("nam") { c.year() } else { None }
    });
    if !c.done() {
        return None;
    }
    let mut m = Meaning::new(DeadlineKind::Ongoing);
    if let Some(y) = year {
        let (s, e) = bounds(Point::new(Unit::Year, Some(y)))?;
        m.start = Some(s);
        m.end = Some(e);
    }
    Some(m)
}

/// How often a recurring deadline comes back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Every {
    Month,
    /// with the month of the quarter, 1–3, when named
    Quarter(Option<u8>),
    Half,
    Year,
}

/// A period word: "hằng tháng", "hàng tháng", "mỗi tháng", "hằng quý", "mỗi quý", "hằng năm",
/// "mỗi năm", "hằng 6 tháng", "6 tháng một lần", "6 tháng 1 lần", "6 tháng/lần", "6 tháng" after
/// "định kỳ"; "(của) tháng cuối/đầu/giữa quý" (a month of every quarter, optionally followed by
/// "hằng quý").
fn every(c: &mut Cur<'_, '_>, periodic: bool) -> Option<Every> {
    attempt(c, |c| {
        if c.word("hang") || c.word("moi") {
            return if c.word("thang") {
                Some(Every::Month)
            } else if c.word("quy") {
                Some(Every::Quarter(None))
            } else if c.word("nam") {
                Some(Every::Year)
            } else if c.num_is(6) && c.word("thang") {
                Some(Every::Half)
            } else {
                None
            };
        }
        if c.num_is(6) && c.word("thang") {
            let once = c.words(&["mot", "lan"])
                || attempt(c, |c| (c.num_is(1) && c.word("lan")).then_some(())).is_some()
                || attempt(c, |c| (c.punct('/') && c.word("lan")).then_some(())).is_some();
            return (once || periodic).then_some(Every::Half);
        }
        c.word("cua");
        if c.word("thang") {
            let m = if c.word("cuoi") {
                3
            } else if c.word("dau") {
                1
            } else if c.word("giua") {
                2
            } else {
                return None;
            };
            if !c.word("quy") {
                return None;
            }
            let _ = c.words(&["hang", "quy"]) || c.words(&["moi", "quy"]);
            return Some(Every::Quarter(Some(m)));
        }
        None
    })
}

/// The day of a recurring deadline: "trước ngày 25", "ngày 25", "chậm nhất ngày 10",
/// "trước ngày 15/12", "ngày 15 tháng 12", "trước 15/12", "tháng 12", "vào tháng 12".
/// Returns (day, month), at least one of them.
fn day_clause(c: &mut Cur<'_, '_>) -> Option<(Option<u8>, Option<u8>)> {
    attempt(c, |c| {
        let _ = c.word("truoc") || c.words(&["cham", "nhat"]) || c.word("vao") || c.word("han");
        let (day, month) = if c.word("ngay") {
            let d = c.num(2)?;
            let m = attempt(c, |c| {
                let sep = c.punct('/') || c.punct('-') || c.punct('.') || c.word("thang");
                if sep { c.num(2) } else { None }
            });
            (Some(d), m)
        } else if c.word("thang") {
            (None, Some(c.num(2)?))
        } else {
            let d = c.num(2)?;
            if !c.punct('/') {
                return None;
            }
            (Some(d), Some(c.num(2)?))
        };
        // An impossible day or month is not a clause at all; the phrase ends up Unknown.
        let day = match day {
            Some(d) => Some(u8::try_from(d).ok().filter(|d| (1..=31).contains(d))?),
            None => None,
        };
        let month = match month {
            Some(m) => Some(u8::try_from(m).ok().filter(|m| (1..=12).contains(m))?),
            None => None,
        };
        Some((day, month))
    })
}

/// Recurring deadlines — a period word, optionally with a day, in either order, optionally after
/// "định kỳ":
/// "hằng tháng", "hàng tháng", "Trước ngày 25 hằng tháng", "ngày 25 hằng tháng",
/// "hằng tháng, trước ngày 25"; "hằng quý", "định kỳ hằng quý", "Trước ngày 10 của tháng cuối
/// quý", "Hằng quý, trước ngày 10 của tháng cuối quý", "trước ngày 15 hằng quý";
/// "6 tháng một lần", "hằng 6 tháng", "định kỳ 6 tháng"; "hằng năm", "trước ngày 15/12 hằng năm",
/// "ngày 15 tháng 12 hằng năm", "tháng 12 hằng năm", "Hằng năm, trước ngày 15/12".
fn recurring(toks: &[Token<'_>]) -> Option<Meaning> {
    let mut c = Cur::new(toks);
    let periodic = c.words(&["dinh", "ky"]);
    let lead = every(&mut c, periodic);
    if lead.is_some() {
        let _ = c.punct(',') || c.punct('-') || c.punct(':');
    }
    let when = day_clause(&mut c);
    if when.is_some() {
        c.punct(',');
    }
    let trail = every(&mut c, periodic);
    if !c.done() {
        return None;
    }
    let every = match (lead, trail) {
        (Some(a), None) | (None, Some(a)) => a,
        (Some(Every::Quarter(None)), Some(Every::Quarter(m))) => Every::Quarter(m),
        (Some(a), Some(b)) if a == b => a,
        _ => return None,
    };
    let (day, month) = when.unwrap_or((None, None));
    let recurrence = match every {
        _ if month.is_some() && every != Every::Year => return None,
        Every::Month => Recurrence::Monthly { day },
        Every::Quarter(month_of_quarter) => Recurrence::Quarterly {
            day,
            month_of_quarter,
        },
        Every::Half => Recurrence::HalfYearly { day },
        Every::Year => {
            match (day, month) {
                // "ngày 15 hằng năm": the 15th of which month?
                (Some(_), None) => return None,
                // 2024 is a leap year: "29/2 hằng năm" is a real date.
                (Some(d), Some(m)) => {
                    NaiveDate::from_ymd_opt(2024, u32::from(m), u32::from(d))?;
                }
                _ => {}
            }
            Recurrence::Yearly { day, month }
        }
    };
    let mut m = Meaning::new(DeadlineKind::Recurring);
    m.recurrence = Some(recurrence);
    Some(m)
}

// ---------------------------------------------------------------------------------------------
// Dated deadlines: points, ranges, prefixes

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Day {
        day: u32,
        month: Option<u32>,
    },
    Month(u32),
    Quarter(u32),
    /// 1: first half, 2: second half
    Half(u32),
    Year,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum UnitKind {
    Day,
    Month,
    Quarter,
    Half,
    Year,
}

impl Unit {
    fn kind(self) -> UnitKind {
        match self {
            Unit::Day { .. } => UnitKind::Day,
            Unit::Month(_) => UnitKind::Month,
            Unit::Quarter(_) => UnitKind::Quarter,
            Unit::Half(_) => UnitKind::Half,
            Unit::Year => UnitKind::Year,
        }
    }
}

/// A day or period as written; the year (and a day's month) may come from a later element of a
/// range. Numbers are kept raw and checked by [`bounds`].
#[derive(Debug, Clone, Copy)]
struct Point {
    unit: Unit,
    year: Option<i32>,
    time: Option<(u8, u8)>,
}

impl Point {
    fn new(unit: Unit, year: Option<i32>) -> Self {
        Point {
            unit,
            year,
            time: None,
        }
    }
}

/// First and last day of a point, or None when it is impossible or incomplete
/// ("31/2/2026", "Tháng 13/2025", "Quý V/2025", a missing year).
fn bounds(p: Point) -> Option<(NaiveDate, NaiveDate)> {
    let y = p.year.filter(|y| (1900..=2199).contains(y))?;
    let ymd = |m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d);
    match p.unit {
        Unit::Day {
            day,
            month: Some(m),
        } => ymd(m, day).map(|d| (d, d)),
        Unit::Day { month: None, .. } => None,
        Unit::Month(m) => month_bounds(y, m),
        Unit::Quarter(q @ 1..=4) => {
            Some((month_bounds(y, 3 * q - 2)?.0, month_bounds(y, 3 * q)?.1))
        }
        Unit::Half(1) => Some((ymd(1, 1)?, ymd(6, 30)?)),
        Unit::Half(2) => Some((ymd(7, 1)?, ymd(12, 31)?)),
        Unit::Year => Some((ymd(1, 1)?, ymd(12, 31)?)),
        Unit::Quarter(_) | Unit::Half(_) => None,
    }
}

/// The year after a month, quarter or day: "/2025", "/25", ".2025", "-2025" (four digits only,
/// so that "Tháng 10-12/2025" stays a range), "năm 2025", ", năm 2025".
fn year_tail(c: &mut Cur<'_, '_>) -> Option<i32> {
    attempt(c, |c| {
        if c.punct('/') || c.punct('.') {
            c.year()
        } else if c.punct('-') {
            c.year4()
        } else {
            c.punct(',');
            if c.word("nam") { c.year() } else { None }
        }
    })
}

/// A time of day: "15 giờ", "15 giờ 30", "8 giờ 30 phút", "15h", "15h00", "15h30'", "17g00",
/// "15:30". Hours 0–23, minutes 0–59; anything else is not a time.
fn time(c: &mut Cur<'_, '_>) -> Option<(u8, u8)> {
    attempt(c, |c| {
        let h = c.num(2)?;
        let m = if c.word("gio") || c.word("h") || c.word("g") {
            // "15 giờ 06/5/2026" has no minutes: 06 starts the date.
            let date_follows = matches!(
                c.toks.get(c.i + 1).map(|t| t.tok),
                Some(Tok::Punct('/' | '.' | '-'))
            );
            let m = if date_follows { None } else { c.num(2) };
            if m.is_some() {
                let _ = c.word("phut") || c.punct('\'');
            }
            m.unwrap_or(0)
        } else if c.punct(':') {
            c.num(2)?
        } else {
            return None;
        };
        let h = u8::try_from(h).ok().filter(|h| *h <= 23)?;
        let m = u8::try_from(m).ok().filter(|m| *m <= 59)?;
        Some((h, m))
    })
}

/// A time written before its day: "15 giờ, ngày 06/5/2026", "lúc 8 giờ 30 ngày 06/5/2026",
/// "15h00 ngày 06/5/2026".
fn timed_day(c: &mut Cur<'_, '_>) -> Option<Point> {
    let _ = c.word("luc") || c.words(&["vao", "luc"]);
    let t = time(c)?;
    c.punct(',');
    let p = day(c)?;
    if p.time.is_some() {
        return None;
    }
    Some(Point { time: Some(t), ..p })
}

/// A day: "ngày 20/5/2026", "20/5/2026", "20-5-2026", "20.5.2026", "ngày 06 tháng 5 năm 2026",
/// "ngày 6 tháng 5/2026", ISO "2026-05-20"; partial days whose month or year comes from a later
/// element of a range: "ngày 15", "01/4", "ngày 01/4" ("từ 01/4 đến 15/4/2026").
/// A time may follow: "ngày 06/5/2026, lúc 15 giờ", "06/5/2026 15h00".
fn day(c: &mut Cur<'_, '_>) -> Option<Point> {
    let ngay = c.word("ngay");
    let mut p = if let Some(p) = attempt(c, iso_day) {
        p
    } else {
        let d = c.num(2)?;
        if c.word("thang") {
            let m = c.num(2)?;
            Point::new(
                Unit::Day {
                    day: d,
                    month: Some(m),
                },
                year_tail(c),
            )
        } else if let Some(sep @ ('/' | '-' | '.')) = match c.peek() {
            Some(Tok::Punct(s)) => Some(s),
            _ => None,
        } {
            c.i += 1;
            let m = c.num(2)?;
            let year = attempt(c, |c| if c.punct(sep) { c.year() } else { None });
            if year.is_none() && sep != '/' && !ngay {
                return None;
            }
            Point::new(
                Unit::Day {
                    day: d,
                    month: Some(m),
                },
                year,
            )
        } else if ngay {
            Point::new(
                Unit::Day {
                    day: d,
                    month: None,
                },
                None,
            )
        } else {
            return None;
        }
    };
    p.time = attempt(c, |c| {
        c.punct(',');
        let _ = c.word("luc") || c.words(&["vao", "luc"]);
        time(c)
    });
    Some(p)
}

/// An ISO date, "2026-05-20" or "2026/05/20".
fn iso_day(c: &mut Cur<'_, '_>) -> Option<Point> {
    let y = c.year4()?;
    let sep = if c.punct('-') {
        '-'
    } else if c.punct('/') {
        '/'
    } else {
        return None;
    };
    let m = c.num(2)?;
    if !c.punct(sep) {
        return None;
    }
    let d = c.num(2)?;
    Some(Point::new(
        Unit::Day {
            day: d,
            month: Some(m),
        },
        Some(y),
    ))
}

/// A month: "Tháng 9/2025", "tháng 09/2025", "T9/2025", "Th9/2025", "tháng 9 năm 2025",
/// "tháng 9-2025", "tháng 9.2025", "tháng 9" (year from a later element).
fn month(c: &mut Cur<'_, '_>) -> Option<Point> {
    if !(c.word("thang") || c.word("t") || c.word("th")) {
        return None;
    }
    let m = c.num(2)?;
    Some(Point::new(Unit::Month(m), year_tail(c)))
}

/// A quarter number: Roman "I".."IV" or Arabic "1".."4" (other numbers are read, then rejected).
fn quarter_number(c: &mut Cur<'_, '_>) -> Option<u32> {
    match c.peek()? {
        Tok::Word(w) => {
            let q = roman(w)?;
            c.i += 1;
            Some(q)
        }
        Tok::Num { .. } => c.num(2),
        Tok::Punct(_) => None,
    }
}

/// A quarter in Roman numerals: "i" to "iv" are 1 to 4; any other short word of i, v and x
/// ("v", "vi", "iiii") is a numeral but no quarter, 0, which [`bounds`] rejects. None for other
/// words.
fn roman(w: &str) -> Option<u32> {
    match w {
        "i" => Some(1),
        "ii" => Some(2),
        "iii" => Some(3),
        "iv" => Some(4),
        _ if (1..=5).contains(&w.len()) && w.chars().all(|c| matches!(c, 'i' | 'v' | 'x')) => {
            Some(0)
        }
        _ => None,
    }
}

/// A quarter: "Quý III/2025", "Quý 3/2025", "quý IV năm 2025", "Quý I/2026", "Q3/2025",
/// "Quý III/25", "Quý III" (year from a later element).
fn quarter(c: &mut Cur<'_, '_>) -> Option<Point> {
    if !(c.word("quy") || c.word("q")) {
        return None;
    }
    let q = quarter_number(c)?;
    Some(Point::new(Unit::Quarter(q), year_tail(c)))
}

/// Half a year: "6 tháng đầu năm 2026", "06 tháng cuối năm 2025", "nửa đầu năm 2026",
/// "nửa cuối năm 2025".
fn half(c: &mut Cur<'_, '_>) -> Option<Point> {
    if !((c.num_is(6) && c.word("thang")) || c.word("nua")) {
        return None;
    }
    let h = if c.word("dau") {
        1
    } else if c.word("cuoi") {
        2
    } else {
        return None;
    };
    if !c.word("nam") {
        return None;
    }
    Some(Point::new(Unit::Half(h), c.year()))
}

/// A year: "Năm 2026", "năm 2025", "Cả năm 2025" (bare "2026" is [`bare_year`]).
fn year(c: &mut Cur<'_, '_>) -> Option<Point> {
    c.word("ca");
    if !c.word("nam") {
        return None;
    }
    Some(Point::new(Unit::Year, Some(c.year()?)))
}

/// A month without its word: "9/2025", "12-2025" (the year must have four digits, or "9/25"
/// would be a day).
fn bare_month(c: &mut Cur<'_, '_>) -> Option<Point> {
    let m = c.num(2)?;
    if !(c.punct('/') || c.punct('.') || c.punct('-')) {
        return None;
    }
    Some(Point::new(Unit::Month(m), Some(c.year4()?)))
}

/// A year without its word: "2026".
fn bare_year(c: &mut Cur<'_, '_>) -> Option<Point> {
    Some(Point::new(Unit::Year, Some(c.year4()?)))
}

/// A later element of a range may drop the unit word of the first: "Quý III-IV/2025",
/// "Quý 3-4/2025", "Tháng 10-12/2025", "năm 2025-2026", "Quý II và III/2026".
fn bare_of(c: &mut Cur<'_, '_>, kind: UnitKind) -> Option<Point> {
    match kind {
        UnitKind::Month => {
            let m = c.num(2)?;
            Some(Point::new(Unit::Month(m), year_tail(c)))
        }
        UnitKind::Quarter => {
            let q = quarter_number(c)?;
            Some(Point::new(Unit::Quarter(q), year_tail(c)))
        }
        UnitKind::Year => Some(Point::new(Unit::Year, Some(c.year()?))),
        UnitKind::Day => day(c),
        UnitKind::Half => None,
    }
}

type PointFn = for<'t, 'a> fn(&mut Cur<'t, 'a>) -> Option<Point>;

/// One day or period, trying the forms with a unit word first. `inherit` is the unit of the
/// previous element of a range, which a bare number takes ("Quý 3-4/2025": 4 is a quarter).
fn point(c: &mut Cur<'_, '_>, inherit: Option<UnitKind>) -> Option<Point> {
    fn day_with_word(c: &mut Cur<'_, '_>) -> Option<Point> {
        if matches!(c.peek(), Some(Tok::Word("ngay"))) {
            day(c)
        } else {
            None
        }
    }
    const WORDED: [PointFn; 6] = [timed_day, day_with_word, month, quarter, half, year];
    const BARE: [PointFn; 3] = [day, bare_month, bare_year];
    for f in WORDED {
        if let Some(p) = attempt(c, f) {
            return Some(p);
        }
    }
    match inherit {
        // A later element without a unit word has the unit of the one before: "Tháng 9/2025 -
        // 2026" is not read as September 2025 to the end of 2026.
        Some(kind) => attempt(c, |c| bare_of(c, kind)),
        None => BARE.iter().find_map(|f| attempt(c, f)),
    }
}

/// At most this many elements in a list of periods.
const MAX_POINTS: usize = 8;

/// One point, or a range or list of points:
/// "Quý III/2025"; "từ tháng 3 đến tháng 6/2026", "từ ngày 01/4/2026 đến ngày 15/4/2026",
/// "giai đoạn 2026–2030", "2026-2030", "năm 2025-2026", "Tháng 10-12/2025",
/// "Tháng 10 - tháng 12/2025", "Quý III-IV/2025", "Quý III, IV/2025", "Quý II và III/2026",
/// "từ tháng 3 đến hết tháng 6/2026". Separators: "-", "đến (hết)", "tới", "và", ",", ";".
/// "từ X" without an end is not a deadline.
fn span(c: &mut Cur<'_, '_>) -> Option<([Point; MAX_POINTS], usize)> {
    let from = if c.words(&["giai", "doan"]) {
        c.word("tu");
        true
    } else {
        c.word("tu")
    };
    let first = point(c, None)?;
    let mut points = [first; MAX_POINTS];
    let mut n = 1;
    while n < MAX_POINTS {
        let prev = points[n - 1].unit.kind();
        let next = attempt(c, |c| {
            let sep = c.punct('-')
                || c.words(&["den", "het"])
                || c.word("den")
                || c.word("toi")
                || c.word("va")
                || ((c.punct(',') || c.punct(';')) && {
                    c.word("va");
                    true
                });
            if sep { point(c, Some(prev)) } else { None }
        });
        let Some(p) = next else { break };
        points[n] = p;
        n += 1;
    }
    if from && n == 1 {
        return None;
    }
    Some((points, n))
}

/// Fills in what later elements give (the year, a day's month), checks every element and their
/// order, and gives the kind, first day, last day and time.
fn resolve(points: &mut [Point]) -> Option<Meaning> {
    for i in (0..points.len().saturating_sub(1)).rev() {
        let next = points[i + 1];
        if points[i].year.is_none() {
            points[i].year = next.year;
        }
        if let (Unit::Day { day, month: None }, Unit::Day { month: Some(m), .. }) =
            (points[i].unit, next.unit)
        {
            points[i].unit = Unit::Day {
                day,
                month: Some(m),
            };
        }
    }
    let mut first = None;
    let mut last: Option<NaiveDate> = None;
    for p in points.iter() {
        let (s, e) = bounds(*p)?;
        if last.is_some_and(|prev_end| s < prev_end) {
            return None;
        }
        first.get_or_insert(s);
        last = Some(e);
    }
    let (first, last) = (first?, last?);
    let lone = points.len() == 1;
    let kind = match points[0].unit {
        _ if !lone => DeadlineKind::Range,
        Unit::Day { .. } => DeadlineKind::Date,
        Unit::Month(_) => DeadlineKind::Month,
        Unit::Quarter(_) => DeadlineKind::Quarter,
        Unit::Half(_) => DeadlineKind::HalfYear,
        Unit::Year => DeadlineKind::Year,
    };
    let mut m = Meaning::new(kind);
    m.start = (kind != DeadlineKind::Date).then_some(first);
    m.end = Some(last);
    m.time = points[points.len() - 1].time;
    Some(m)
}

/// Words that may open a dated deadline without changing it, longest first; each may be
/// followed by ":". "trước" is handled apart: it only goes before a day.
const PREFIXES: [&[&str]; 23] = [
    &["hoan", "thanh"],
    &["thuc", "hien"],
    &["cham", "nhat", "la"],
    &["cham", "nhat", "vao"],
    &["cham", "nhat"],
    &["muon", "nhat", "la"],
    &["muon", "nhat"],
    &["tu", "nay", "den", "het"],
    &["tu", "nay", "den"],
    &["den", "het"],
    &["den"],
    &["het"],
    &["trong"],
    &["cuoi"],
    &["han", "chot"],
    &["thoi", "han"],
    &["thoi", "gian"],
    &["tien", "do"],
    &["han"],
    &["du", "kien"],
    &["xong"],
    &["vao"],
    &["ket", "thuc"],
];

/// Consumes prefixes; returns whether "trước" was among them.
fn prefixes(c: &mut Cur<'_, '_>) -> bool {
    let mut truoc = false;
    'next: for _ in 0..8 {
        if c.word("truoc") {
            truoc = true;
            c.punct(':');
            continue;
        }
        for p in PREFIXES {
            if c.words(p) {
                c.punct(':');
                continue 'next;
            }
        }
        break;
    }
    truoc
}

/// Dated deadlines — optional prefixes, one point or a range, an optional condition:
/// "Tháng 9/2025", "Quý III-IV/2025", "6 tháng đầu năm 2026", "Cả năm 2025",
/// "hoàn thành trong năm 2025", "trước ngày 10/12/2025", "chậm nhất 15 giờ, ngày 06/5/2026",
/// "Hạn: 31/12/2025", "từ nay đến hết năm 2025";
/// with a condition after a comma, semicolon, dash, colon, full stop or nothing:
/// "Tháng 12/2025, sau khi có quy định của Chính phủ".
fn dated(toks: &[Token<'_>], original: &Original<'_>) -> Option<Meaning> {
    let mut c = Cur::new(toks);
    let truoc = prefixes(&mut c);
    let (mut points, n) = span(&mut c)?;
    let mut condition = None;
    if !c.done() {
        let _ = c.punct(',') || c.punct(';') || c.punct('-') || c.punct(':') || c.punct('.');
        if !is_conditional_start(c.rest()) {
            return None;
        }
        condition = Some(original.words(c.rest()[0].start, None)?);
    }
    let mut m = resolve(&mut points[..n])?;
    if truoc && m.kind != DeadlineKind::Date {
        return None;
    }
    m.condition = condition;
    Some(m)
}

#[cfg(test)]
mod tests {
    use super::DeadlineKind as K;
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    // The phrase tables, one phrase a line:
    //     text | kind | start | end | time | condition
    // Trailing fields may be left out; an empty field is None. `\n` in a text is a line break
    // (cells hard-wrapped by the PDF extraction).

    /// Every distinct deadline phrase of the five real plans of the demo (`content/plans/`),
    /// as it appears in the signed document's table cell — with the line breaks of the
    /// hard-wrapped cells of the Đại Sơn plans — plus the deadline-like phrases of the prose.
    const SEEDS: &str = r"
        # 000 — Đại Sơn, NQ 268 (PDF text, cells hard-wrapped)
        Thường xuyên | ongoing
        Tháng 9/2025 | month | 2025-09-01 | 2025-09-30
        Tháng 3/2026 | month | 2026-03-01 | 2026-03-31
        Sau khi có \nhướng dẫn của \nBộ Nông \nnghiệp và Môi \ntrường | conditional | | | | Sau khi có hướng dẫn của Bộ Nông nghiệp và Môi trường
        Tháng 12/2026 | month | 2026-12-01 | 2026-12-31
        Sau khi có quy \nđịnh của Chính \nphủ | conditional | | | | Sau khi có quy định của Chính phủ
        Tháng 10/2025 | month | 2025-10-01 | 2025-10-31
        Theo yêu cầu \ncác Sở, ngành \nliên quan | conditional | | | | Theo yêu cầu các Sở, ngành liên quan
        Năm 2026 | year | 2026-01-01 | 2026-12-31
        Tháng 12/2025 | month | 2025-12-01 | 2025-12-31
        hoàn thành trong năm 2025 | year | 2025-01-01 | 2025-12-31
        ngày 31/8/2025 | date | | 2025-08-31
        ngày 25 tháng 9 năm 2025 | date | | 2025-09-25
        # the draft's blank day is never guessed
        ngày     tháng 10 năm 2025 | unknown
        # 001 — An Thành, 66/KH-UBND
        Tháng 11/2025 | month | 2025-11-01 | 2025-11-30
        Sau khi có hướng dẫn của Bộ Nông nghiệp và Môi trường | conditional | | | | Sau khi có hướng dẫn của Bộ Nông nghiệp và Môi trường
        Sau khi có quy định của Chính phủ, hướng dẫn của Bộ Nội vụ | conditional | | | | Sau khi có quy định của Chính phủ, hướng dẫn của Bộ Nội vụ
        Tháng 12/2025 (Sau khi có quy định của Chính phủ, hướng dẫn của Bộ Nội vụ) | month | 2025-12-01 | 2025-12-31 | | Sau khi có quy định của Chính phủ, hướng dẫn của Bộ Nội vụ
        Tháng 10/2025 (sau khi Chính phủ ban hành Nghị định về Quy chế làm việc mẫu) | month | 2025-10-01 | 2025-10-31 | | sau khi Chính phủ ban hành Nghị định về Quy chế làm việc mẫu
        Theo yêu cầu của Trung ương | conditional | | | | Theo yêu cầu của Trung ương
        Theo hướng dẫn và lộ trình triển khai của bộ, ngành Trung ương | conditional | | | | Theo hướng dẫn và lộ trình triển khai của bộ, ngành Trung ương
        trong năm 2025 | year | 2025-01-01 | 2025-12-31
        ngày 07 tháng 10 năm 2025 | date | | 2025-10-07
        từ 01/01/2026 | unknown
        năm học 2025 - 2026 | unknown
        ngày tháng năm 2025 | unknown
        # 002 — Hưng Đạo, OCR without diacritics
        ngay 13 thang 10nam 2025 | date | | 2025-10-13
        ngay 31/8/2025 | date | | 2025-08-31
        nam 2025 | year | 2025-01-01 | 2025-12-31
        hang nim | unknown
        # 003 — An Thành, one-year review
        chậm nhất 15 giờ, ngày 06/5/2026 | date | | 2026-05-06 | 15:00
        từ ngày 01/7/2025 đến nay | unknown
        ngày 21/4/2026 | date | | 2026-04-21
        ngày tháng 5 năm 2026 | unknown
        # 004 — Đại Sơn, administrative reform, second half of 2025
        Tháng 7/2025 | month | 2025-07-01 | 2025-07-31
        Quý III, IV/2025 | range | 2025-07-01 | 2025-12-31
        Quý IV/2025 | quarter | 2025-10-01 | 2025-12-31
        Cả năm 2025 | year | 2025-01-01 | 2025-12-31
        trước ngày 10/12/2025 | date | | 2025-12-10
        Quý III/2025 | quarter | 2025-07-01 | 2025-09-30
        Quý III-IV/2025 | range | 2025-07-01 | 2025-12-31
        Quý III-\nIV/2025 | range | 2025-07-01 | 2025-12-31
        Theo lộ trình năm 2025 của thành phố | conditional | 2025-01-01 | 2025-12-31 | | Theo lộ trình năm 2025 của thành phố
         | none
        6 tháng cuối năm 2025 | half_year | 2025-07-01 | 2025-12-31
        năm 2025 | year | 2025-01-01 | 2025-12-31
        ngày 26/7/2025 | date | | 2025-07-26
    ";

    /// The families of deadlines that `docs/format.md` lists, in several spellings.
    const FAMILIES: &str = r"
        # months
        tháng 09/2025 | month | 2025-09-01 | 2025-09-30
        T9/2025 | month | 2025-09-01 | 2025-09-30
        T9/25 | month | 2025-09-01 | 2025-09-30
        Th9/2025 | month | 2025-09-01 | 2025-09-30
        tháng 9 năm 2025 | month | 2025-09-01 | 2025-09-30
        tháng 9, năm 2025 | month | 2025-09-01 | 2025-09-30
        Tháng 9 - 2025 | month | 2025-09-01 | 2025-09-30
        tháng 9.2025 | month | 2025-09-01 | 2025-09-30
        9/2025 | month | 2025-09-01 | 2025-09-30
        chậm nhất tháng 9/2025 | month | 2025-09-01 | 2025-09-30
        trong tháng 9/2025 | month | 2025-09-01 | 2025-09-30
        đến hết tháng 9/2025 | month | 2025-09-01 | 2025-09-30
        Hoàn thành trong tháng 9/2025. | month | 2025-09-01 | 2025-09-30
        Tháng 9/2025; | month | 2025-09-01 | 2025-09-30
        Tiến độ: Tháng 9/2025 | month | 2025-09-01 | 2025-09-30
        - Tháng 9/2025 | month | 2025-09-01 | 2025-09-30
        Tháng 2/2028 | month | 2028-02-01 | 2028-02-29
        Tháng 2/2026 | month | 2026-02-01 | 2026-02-28
        thang 9/2025 | month | 2025-09-01 | 2025-09-30
        # quarters
        Quý 3/2025 | quarter | 2025-07-01 | 2025-09-30
        quý IV năm 2025 | quarter | 2025-10-01 | 2025-12-31
        Quý I/2026 | quarter | 2026-01-01 | 2026-03-31
        Quý II/2026 | quarter | 2026-04-01 | 2026-06-30
        Quý III/25 | quarter | 2025-07-01 | 2025-09-30
        Q3/2025 | quarter | 2025-07-01 | 2025-09-30
        quy iii/2025 | quarter | 2025-07-01 | 2025-09-30
        QUÝ IV/2025 | quarter | 2025-10-01 | 2025-12-31
        hoàn thành trong Quý I/2026 | quarter | 2026-01-01 | 2026-03-31
        # quarter ranges
        Quý III – IV/2025 | range | 2025-07-01 | 2025-12-31
        Quý III—IV/2025 | range | 2025-07-01 | 2025-12-31
        Quý II và III/2026 | range | 2026-04-01 | 2026-09-30
        Quý I, II, III/2026 | range | 2026-01-01 | 2026-09-30
        Quý 3-4/2025 | range | 2025-07-01 | 2025-12-31
        từ quý III đến quý IV/2025 | range | 2025-07-01 | 2025-12-31
        Quý IV/2025 - Quý I/2026 | range | 2025-10-01 | 2026-03-31
        quy iii-iv/25 | range | 2025-07-01 | 2025-12-31
        # half years
        6 tháng đầu năm 2026 | half_year | 2026-01-01 | 2026-06-30
        06 tháng cuối năm 2025 | half_year | 2025-07-01 | 2025-12-31
        nửa đầu năm 2026 | half_year | 2026-01-01 | 2026-06-30
        trong 6 tháng cuối năm 2025 | half_year | 2025-07-01 | 2025-12-31
        6 tháng cuối năm 2025 và 6 tháng đầu năm 2026 | range | 2025-07-01 | 2026-06-30
        # years
        Hết năm 2025 | year | 2025-01-01 | 2025-12-31
        đến năm 2030 | year | 2030-01-01 | 2030-12-31
        cả năm 2025 | year | 2025-01-01 | 2025-12-31
        2026 | year | 2026-01-01 | 2026-12-31
        từ nay đến hết năm 2025 | year | 2025-01-01 | 2025-12-31
        # dates
        trước 30/6/2026 | date | | 2026-06-30
        ngày 20/5/2026 | date | | 2026-05-20
        20/5/2026 | date | | 2026-05-20
        20-5-2026 | date | | 2026-05-20
        20.5.2026 | date | | 2026-05-20
        20/5/26 | date | | 2026-05-20
        2026-05-20 | date | | 2026-05-20
        ngày 06 tháng 5 năm 2026 | date | | 2026-05-06
        ngày 6 tháng 5/2026 | date | | 2026-05-06
        chậm nhất ngày 15/5/2026 | date | | 2026-05-15
        chậm nhất là ngày 15/5/2026 | date | | 2026-05-15
        đến ngày 30/6/2026 | date | | 2026-06-30
        đến 30/6/2026 | date | | 2026-06-30
        hoàn thành trước ngày 30/6/2026 | date | | 2026-06-30
        Hạn: 31/12/2025 | date | | 2025-12-31
        hạn chót 31/12/2025 | date | | 2025-12-31
        từ nay đến 31/12/2025 | date | | 2025-12-31
        Trước ngày 10/12/2025. | date | | 2025-12-10
        ngày 29/2/2028 | date | | 2028-02-29
        TRƯỚC NGÀY 10/12/2025 | date | | 2025-12-10
        truoc ngay 10/12/2025 | date | | 2025-12-10
        # times
        15 giờ, ngày 06/5/2026 | date | | 2026-05-06 | 15:00
        15h00 ngày 06/5/2026 | date | | 2026-05-06 | 15:00
        8 giờ 30 ngày 06/5/2026 | date | | 2026-05-06 | 8:30
        8 giờ 30 phút, ngày 06/5/2026 | date | | 2026-05-06 | 8:30
        trước 17h ngày 10/5/2026 | date | | 2026-05-10 | 17:00
        ngày 06/5/2026, lúc 15 giờ | date | | 2026-05-06 | 15:00
        lúc 14:30 ngày 06/5/2026 | date | | 2026-05-06 | 14:30
        16h30' ngày 06/5/2026 | date | | 2026-05-06 | 16:30
        15 giờ 06/5/2026 | date | | 2026-05-06 | 15:00
        cham nhat 15 gio, ngay 06/5/2026 | date | | 2026-05-06 | 15:00
        # ranges
        từ tháng 3 đến tháng 6/2026 | range | 2026-03-01 | 2026-06-30
        Từ tháng 3/2026 đến tháng 6/2026 | range | 2026-03-01 | 2026-06-30
        từ tháng 3 đến hết tháng 6/2026 | range | 2026-03-01 | 2026-06-30
        từ ngày 01/4/2026 đến ngày 15/4/2026 | range | 2026-04-01 | 2026-04-15
        từ 01/4 đến 15/4/2026 | range | 2026-04-01 | 2026-04-15
        từ ngày 1 đến ngày 15/4/2026 | range | 2026-04-01 | 2026-04-15
        từ 8 giờ ngày 01/4/2026 đến 17 giờ ngày 15/4/2026 | range | 2026-04-01 | 2026-04-15 | 17:00
        giai đoạn 2026–2030 | range | 2026-01-01 | 2030-12-31
        Giai đoạn 2026 - 2030 | range | 2026-01-01 | 2030-12-31
        2026-2030 | range | 2026-01-01 | 2030-12-31
        năm 2025-2026 | range | 2025-01-01 | 2026-12-31
        Năm 2025 – 2026 | range | 2025-01-01 | 2026-12-31
        từ năm 2026 đến năm 2030 | range | 2026-01-01 | 2030-12-31
        Tháng 10-12/2025 | range | 2025-10-01 | 2025-12-31
        Tháng 10 - tháng 12/2025 | range | 2025-10-01 | 2025-12-31
        Tháng 10/2025 - 3/2026 | range | 2025-10-01 | 2026-03-31
        từ tháng 10/2025 đến tháng 3/2026 | range | 2025-10-01 | 2026-03-31
        tháng 9, 10 và 11/2025 | range | 2025-09-01 | 2025-11-30
        T10-T12/25 | range | 2025-10-01 | 2025-12-31
        # ongoing
        Thường xuyên, liên tục | ongoing
        Liên tục | ongoing
        thường xuyên và liên tục | ongoing
        Hằng ngày | ongoing
        hàng tuần | ongoing
        THƯỜNG XUYÊN | ongoing
        thuong xuyen | ongoing
        Thường xuyên. | ongoing
        Thường xuyên trong năm 2025 | ongoing | 2025-01-01 | 2025-12-31
        Thường xuyên (theo chỉ đạo của UBND thành phố) | ongoing | | | | theo chỉ đạo của UBND thành phố
        # conditional or on request
        Khi có yêu cầu | conditional | | | | Khi có yêu cầu
        Đột xuất | conditional | | | | Đột xuất
        Theo chỉ đạo của UBND thành phố | conditional | | | | Theo chỉ đạo của UBND thành phố
        Theo quy định | conditional | | | | Theo quy định
        Ngay sau khi có hướng dẫn | conditional | | | | Ngay sau khi có hướng dẫn
        Tùy theo tình hình thực tế | conditional | | | | Tùy theo tình hình thực tế
        Theo lộ trình năm 2025-2026 | conditional | | | | Theo lộ trình năm 2025-2026
        Sau khi có Nghị định số 151/2025/NĐ-CP | conditional | | | | Sau khi có Nghị định số 151/2025/NĐ-CP
        Theo Kế hoạch năm 2026 (của Sở Nội vụ). | conditional | 2026-01-01 | 2026-12-31 | | Theo Kế hoạch năm 2026 (của Sở Nội vụ)
        theo yeu cau cua Trung uong | conditional | | | | theo yeu cau cua Trung uong
        Theo yêu cầu, chậm nhất ngày 15/5/2026 | conditional | | | | Theo yêu cầu, chậm nhất ngày 15/5/2026
        # a date followed by a condition
        Tháng 12/2025, sau khi có hướng dẫn của Sở Nội vụ | month | 2025-12-01 | 2025-12-31 | | sau khi có hướng dẫn của Sở Nội vụ
        Quý IV/2025 – Sau khi có quy định của Chính phủ | quarter | 2025-10-01 | 2025-12-31 | | Sau khi có quy định của Chính phủ
        31/12/2025 (theo yêu cầu của thành phố) | date | | 2025-12-31 | | theo yêu cầu của thành phố
        Tháng 12/2025, sau khi có Nghị định (số 151/2025/NĐ-CP) | month | 2025-12-01 | 2025-12-31 | | sau khi có Nghị định (số 151/2025/NĐ-CP)
        Tháng 12/2025 (dự kiến) | month | 2025-12-01 | 2025-12-31 | | dự kiến
        Quý I/2026 (Sau khi có Nghị định số 151/2025/NĐ-CP) | quarter | 2026-01-01 | 2026-03-31 | | Sau khi có Nghị định số 151/2025/NĐ-CP
        Tháng 12/2025 (Sau khi có quy định của Chính phủ | month | 2025-12-01 | 2025-12-31 | | Sau khi có quy định của Chính phủ
        chậm nhất 15 giờ, ngày 06/5/2026 (theo yêu cầu của thành phố) | date | | 2026-05-06 | 15:00 | theo yêu cầu của thành phố
        # nothing written
        \t\u{a0} \n | none
    ";

    /// Phrases that must not be understood: impossible dates, missing years, ambiguous or
    /// relative words, extra words.
    const UNKNOWN: &[&str] = &[
        "31/2/2026",
        "29/2/2026",
        "32/1/2026",
        "0/1/2026",
        "Tháng 13/2025",
        "tháng 0/2025",
        "Quý V/2025",
        "Quý 5/2025",
        "Quý 0/2025",
        "Quý VI/2025",
        "Quý IIII/2025",
        "quý IIV/2025",
        "Tháng 12",
        "Quý IV",
        "ngày 20/5",
        "20/5",
        "6 tháng đầu năm",
        "trước tháng 9/2025",
        "trước quý IV/2025",
        "trước năm 2026",
        "trước ngày 01/4 - 15/4/2026",
        "từ ngày 01/7/2025",
        "giai đoạn 2026",
        "đầu năm 2026",
        "giữa năm 2026",
        "Tháng 9/2025 tổ chức hội nghị",
        "Tổ chức hội nghị tháng 9/2025",
        "Quý IV/2025 (hoặc tháng 1/2026)",
        "Tháng 12/2025 hoặc sau khi có hướng dẫn",
        "Tháng 12/2025 (dự kiến) và tháng 3/2026",
        "Quý IV-II/2025",
        "Tháng 6-3/2026",
        "từ tháng 10 đến tháng 3/2026",
        "giai đoạn 2030-2026",
        "Quý III/2025, IV",
        "25 giờ, ngày 06/5/2026",
        "15 giờ 61, ngày 06/5/2026",
        "15 giờ",
        "trong vòng 15 ngày kể từ ngày ban hành",
        "sau 15 ngày",
        "theo quý",
        "sau ngày 15/5/2026",
        "Tháng 9/202",
        "Tháng 9/12025",
        "Tháng 9/2025/2026",
        "tháng 999/2025",
        "1/1/1800",
        "năm 2500",
        "-",
        "—",
        "…",
        "()",
        "(Tháng 9/2025)",
        "định kỳ",
        "hằng quý, 6 tháng, năm",
        "hằng tháng, hằng quý",
        "trước ngày 32 hằng tháng",
        "ngày 30/2 hằng năm",
        "trước ngày 15/12 hằng tháng",
        "ngày 15 hằng năm",
        "ngày 20/5/2026 và",
        "Tháng 9 2025",
        "quý ba năm 2025",
        "tháng mười hai năm 2025",
        "lorem ipsum",
        "12345678901234567890/2025",
        "Tháng 9/2025 (a) b",
        "Quý III-",
        "Tháng 9/2025 - 2026",
        "Quý III/2025 - 12/2025",
        "Quý III/2025 (Quý IV/2025 nếu chưa có hướng dẫn)",
        "xyz Thường xuyên",
        "Thường xuyên xyz",
    ];

    /// Recurring phrases: text | monthly|quarterly|half_yearly|yearly [numbers, "-" for None]
    const RECURRING: &str = r"
        Trước ngày 10 của tháng cuối quý | quarterly 10 3
        trước ngày 05 của tháng cuối quý | quarterly 5 3
        trước ngày 10 tháng cuối quý | quarterly 10 3
        Hằng quý, trước ngày 10 của tháng cuối quý | quarterly 10 3
        trước ngày 15 tháng đầu quý | quarterly 15 1
        tháng cuối quý | quarterly - 3
        trước ngày 15 hằng quý | quarterly 15 -
        hằng quý | quarterly - -
        định kỳ hằng quý | quarterly - -
        Hàng quý | quarterly - -
        HẰNG QUÝ | quarterly - -
        hằng tháng | monthly -
        hàng tháng | monthly -
        Hàng tháng. | monthly -
        hang thang | monthly -
        mỗi tháng | monthly -
        định kỳ hằng tháng | monthly -
        Trước ngày 25 hằng tháng | monthly 25
        ngày 25 hàng tháng | monthly 25
        hằng tháng, trước ngày 25 | monthly 25
        chậm nhất ngày 5 hằng tháng | monthly 5
        6 tháng một lần | half_yearly -
        6 tháng 1 lần | half_yearly -
        6 tháng/lần | half_yearly -
        hằng 6 tháng | half_yearly -
        định kỳ 6 tháng | half_yearly -
        định kỳ 6 tháng một lần | half_yearly -
        hằng năm | yearly - -
        Hàng năm | yearly - -
        định kỳ hằng năm | yearly - -
        trước ngày 15/12 hằng năm | yearly 15 12
        ngày 15 tháng 12 hằng năm | yearly 15 12
        Hằng năm, trước ngày 15/12 | yearly 15 12
        tháng 12 hằng năm | yearly - 12
        ngày 29/2 hằng năm | yearly 29 2
    ";

    /// A parsed table line.
    struct Row {
        text: String,
        kind: DeadlineKind,
        start: Option<NaiveDate>,
        end: Option<NaiveDate>,
        time: Option<(u8, u8)>,
        condition: Option<String>,
    }

    /// The non-comment lines of a table, split on `|` and trimmed; `\n`, `\t` and `\u{a0}` in
    /// the text are unescaped.
    fn lines(table: &str) -> Vec<Vec<String>> {
        table
            .lines()
            .map(str::trim_start)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| {
                let mut fields: Vec<String> = l.split('|').map(|f| f.trim().to_string()).collect();
                fields[0] = fields[0]
                    .replace("\\n", "\n")
                    .replace("\\t", "\t")
                    .replace("\\u{a0}", "\u{a0}");
                fields
            })
            .collect()
    }

    fn rows(table: &str) -> Vec<Row> {
        lines(table)
            .into_iter()
            .map(|f| {
                let field = |k: usize| f.get(k).map(String::as_str).filter(|s| !s.is_empty());
                let kind = match field(1).expect("kind") {
                    "none" => K::None,
                    "date" => K::Date,
                    "month" => K::Month,
                    "quarter" => K::Quarter,
                    "half_year" => K::HalfYear,
                    "year" => K::Year,
                    "range" => K::Range,
                    "ongoing" => K::Ongoing,
                    "recurring" => K::Recurring,
                    "conditional" => K::Conditional,
                    "unknown" => K::Unknown,
                    other => panic!("kind {other}"),
                };
                let time = field(4).map(|t| {
                    let (h, m) = t.split_once(':').expect("h:mm");
                    (h.parse().expect("hour"), m.parse().expect("minute"))
                });
                Row {
                    text: f[0].clone(),
                    kind,
                    start: field(2).and_then(date),
                    end: field(3).and_then(date),
                    time,
                    condition: field(5).map(str::to_string),
                }
            })
            .collect()
    }

    fn recurring_rows() -> Vec<(String, Recurrence)> {
        lines(RECURRING)
            .into_iter()
            .map(|f| {
                let spec: Vec<&str> = f[1].split_whitespace().collect();
                let n = |k: usize| spec.get(k).and_then(|s| s.parse::<u8>().ok());
                let rec = match spec[0] {
                    "monthly" => Recurrence::Monthly { day: n(1) },
                    "quarterly" => Recurrence::Quarterly {
                        day: n(1),
                        month_of_quarter: n(2),
                    },
                    "half_yearly" => Recurrence::HalfYearly { day: n(1) },
                    "yearly" => Recurrence::Yearly {
                        day: n(1),
                        month: n(2),
                    },
                    other => panic!("recurrence {other}"),
                };
                (f[0].clone(), rec)
            })
            .collect()
    }

    fn date(s: &str) -> Option<NaiveDate> {
        Some(s.parse().expect("test date"))
    }

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("test date")
    }

    fn assert_row(input: &str, row: &Row, exact_condition: bool) {
        let got = Deadline::parse(input);
        let ctx = format!("{input:?} -> {got:?}");
        assert_eq!(got.text, clean(input), "{ctx}");
        assert_eq!(got.kind, row.kind, "kind of {ctx}");
        assert_eq!(got.start, row.start, "start of {ctx}");
        assert_eq!(got.end, row.end, "end of {ctx}");
        assert_eq!(got.time, row.time, "time of {ctx}");
        assert_eq!(got.recurrence, None, "recurrence of {ctx}");
        if exact_condition {
            assert_eq!(got.condition, row.condition, "condition of {ctx}");
        } else {
            let folded = |c: &Option<String>| c.as_deref().map(fold);
            assert_eq!(
                folded(&got.condition),
                folded(&row.condition),
                "condition of {ctx}"
            );
        }
    }

    /// The spellings editors produce for the same phrase.
    fn variants(s: &str) -> Vec<String> {
        let upper = s.to_uppercase();
        vec![
            s.nfd().collect(),
            upper.clone(),
            upper.nfd().collect(),
            fold(s),
            s.replace('-', "–"),
            s.replace('-', " — "),
            format!("  {}  ", s.replace(' ', "\u{a0} ")),
        ]
    }

    #[test]
    fn seed_phrases() {
        for row in rows(SEEDS) {
            assert_row(&row.text, &row, true);
        }
    }

    #[test]
    fn families() {
        for row in rows(FAMILIES) {
            assert_row(&row.text, &row, true);
        }
    }

    #[test]
    fn any_case_diacritics_normalisation_and_dash() {
        for row in rows(SEEDS).iter().chain(&rows(FAMILIES)) {
            for v in variants(&row.text) {
                assert_row(&v, row, false);
            }
        }
    }

    #[test]
    fn conditions_keep_the_editors_words_in_nfc() {
        let nfd: String = "Tháng 12/2025 (Sau khi có quy định của Chính phủ)"
            .nfd()
            .collect();
        let d = Deadline::parse(&nfd);
        assert_eq!(
            d.condition.as_deref(),
            Some("Sau khi có quy định của Chính phủ")
        );
        let d = Deadline::parse("Tháng 12/2025 – sau khi có hướng dẫn của HĐND-UBND xã");
        assert_eq!(
            d.condition.as_deref(),
            Some("sau khi có hướng dẫn của HĐND-UBND xã")
        );
        let d = Deadline::parse("15h00 ngày 06/5/2026; sau khi ≠ có ý kiến ①");
        assert_eq!(d.kind, K::Date);
        assert_eq!(d.condition.as_deref(), Some("sau khi ≠ có ý kiến ①"));
    }

    #[test]
    fn unknown_is_never_a_guess() {
        for text in UNKNOWN {
            for v in std::iter::once(text.to_string()).chain(variants(text)) {
                let d = Deadline::parse(&v);
                assert_eq!(d.kind, K::Unknown, "{v:?} -> {d:?}");
                assert_eq!((d.start, d.end, d.time), (None, None, None), "{v:?}");
                assert_eq!(d.recurrence, None, "{v:?}");
                assert_eq!(d.condition, None, "{v:?}");
                assert_eq!(d.text, clean(&v));
                assert_eq!(d.describe(), "Chưa xác định được thời hạn");
            }
        }
    }

    #[test]
    fn recurring_phrases() {
        for (text, rec) in recurring_rows() {
            for v in std::iter::once(text.clone()).chain(variants(&text)) {
                let d = Deadline::parse(&v);
                assert_eq!(d.kind, K::Recurring, "{v:?} -> {d:?}");
                assert_eq!(d.recurrence.as_ref(), Some(&rec), "{v:?}");
                assert_eq!((d.start, d.end, d.time), (None, None, None), "{v:?}");
                assert_eq!(d.condition, None, "{v:?}");
            }
        }
    }

    #[test]
    fn at_least_a_hundred_phrases() {
        let seeds = rows(SEEDS).len();
        let n = seeds + rows(FAMILIES).len() + UNKNOWN.len() + recurring_rows().len();
        assert!(seeds >= 45 && n >= 250, "{seeds} {n}");
    }

    #[test]
    fn the_last_day_is_not_past() {
        let d = Deadline::parse("Tháng 9/2025");
        assert!(!d.is_past(ymd(2025, 9, 1)));
        assert!(!d.is_past(ymd(2025, 9, 30)));
        assert!(d.is_past(ymd(2025, 10, 1)));
        let d = Deadline::parse("trước ngày 10/12/2025");
        assert!(!d.is_past(ymd(2025, 12, 10)));
        assert!(d.is_past(ymd(2025, 12, 11)));
        let d = Deadline::parse("chậm nhất 15 giờ, ngày 06/5/2026");
        assert!(!d.is_past(ymd(2026, 5, 6)));
        assert!(d.is_past(ymd(2026, 5, 7)));
        let d = Deadline::parse("Quý III-IV/2025");
        assert!(!d.is_past(ymd(2025, 12, 31)));
        assert!(d.is_past(ymd(2026, 1, 1)));
        let d = Deadline::parse("Tháng 12/2025 (Sau khi có quy định của Chính phủ)");
        assert!(d.is_past(ymd(2026, 1, 1)));
        let d = Deadline::parse("6 tháng đầu năm 2026");
        assert!(!d.is_past(ymd(2026, 6, 30)));
        assert!(d.is_past(ymd(2026, 7, 1)));
    }

    #[test]
    fn undated_kinds_are_never_past() {
        let far = ymd(2100, 1, 1);
        for text in [
            "Thường xuyên",
            "Thường xuyên trong năm 2025",
            "Trước ngày 10 của tháng cuối quý",
            "hằng năm",
            "Theo lộ trình năm 2025 của thành phố",
            "Sau khi có hướng dẫn",
            "Tháng 13/2025",
            "",
        ] {
            let d = Deadline::parse(text);
            assert!(!d.is_past(far), "{text:?}");
        }
        // A conditional deadline that names a year files under that year but has no due day.
        let d = Deadline::parse("Theo lộ trình năm 2025 của thành phố");
        assert_eq!(d.year(), Some(2025));
        assert_eq!(d.next_due(ymd(2025, 1, 1)), None);
    }

    #[test]
    fn next_due_for_dated_kinds_is_the_end_until_it_passes() {
        let d = Deadline::parse("Tháng 9/2025");
        assert_eq!(d.next_due(ymd(2025, 1, 1)), Some(ymd(2025, 9, 30)));
        assert_eq!(d.next_due(ymd(2025, 9, 30)), Some(ymd(2025, 9, 30)));
        assert_eq!(d.next_due(ymd(2025, 10, 1)), None);
        let d = Deadline::parse("giai đoạn 2026–2030");
        assert_eq!(d.next_due(ymd(2027, 5, 5)), Some(ymd(2030, 12, 31)));
        assert_eq!(
            Deadline::parse("Thường xuyên").next_due(ymd(2025, 1, 1)),
            None
        );
        assert_eq!(
            Deadline::parse("Khi có yêu cầu").next_due(ymd(2025, 1, 1)),
            None
        );
        assert_eq!(Deadline::parse("xyz").next_due(ymd(2025, 1, 1)), None);
        assert_eq!(Deadline::parse("").next_due(ymd(2025, 1, 1)), None);
    }

    #[test]
    fn next_due_for_recurring_deadlines() {
        let q = Deadline::parse("Trước ngày 10 của tháng cuối quý");
        assert_eq!(q.next_due(ymd(2026, 1, 1)), Some(ymd(2026, 3, 10)));
        assert_eq!(q.next_due(ymd(2026, 3, 10)), Some(ymd(2026, 3, 10)));
        assert_eq!(q.next_due(ymd(2026, 3, 11)), Some(ymd(2026, 6, 10)));
        assert_eq!(q.next_due(ymd(2026, 9, 30)), Some(ymd(2026, 12, 10)));
        assert_eq!(q.next_due(ymd(2026, 12, 11)), Some(ymd(2027, 3, 10)));
        let first = Deadline::parse("trước ngày 15 tháng đầu quý");
        assert_eq!(first.next_due(ymd(2026, 1, 16)), Some(ymd(2026, 4, 15)));
        let m = Deadline::parse("Trước ngày 25 hằng tháng");
        assert_eq!(m.next_due(ymd(2026, 4, 25)), Some(ymd(2026, 4, 25)));
        assert_eq!(m.next_due(ymd(2026, 4, 26)), Some(ymd(2026, 5, 25)));
        assert_eq!(m.next_due(ymd(2026, 12, 26)), Some(ymd(2027, 1, 25)));
        let end = Deadline::parse("ngày 31 hằng tháng");
        assert_eq!(end.next_due(ymd(2026, 4, 15)), Some(ymd(2026, 4, 30)));
        assert_eq!(end.next_due(ymd(2026, 2, 1)), Some(ymd(2026, 2, 28)));
        assert_eq!(end.next_due(ymd(2026, 12, 31)), Some(ymd(2026, 12, 31)));
        let y = Deadline::parse("trước ngày 15/12 hằng năm");
        assert_eq!(y.next_due(ymd(2025, 12, 15)), Some(ymd(2025, 12, 15)));
        assert_eq!(y.next_due(ymd(2025, 12, 16)), Some(ymd(2026, 12, 15)));
        let leap = Deadline::parse("ngày 29/2 hằng năm");
        assert_eq!(leap.next_due(ymd(2026, 1, 1)), Some(ymd(2026, 2, 28)));
        assert_eq!(leap.next_due(ymd(2028, 1, 1)), Some(ymd(2028, 2, 29)));
        for text in [
            "hằng tháng",
            "hằng quý",
            "trước ngày 15 hằng quý",
            "6 tháng một lần",
            "hằng năm",
            "tháng 12 hằng năm",
        ] {
            assert_eq!(
                Deadline::parse(text).next_due(ymd(2026, 1, 1)),
                None,
                "{text}"
            );
        }
        // far ends of the calendar do not panic
        let _ = q.next_due(NaiveDate::MAX);
        let _ = m.next_due(NaiveDate::MIN);
        let _ = y.next_due(NaiveDate::MAX);
    }

    #[test]
    fn years_for_facets() {
        assert_eq!(Deadline::parse("Tháng 9/2025").year(), Some(2025));
        assert_eq!(
            Deadline::parse("Quý IV/2025 - Quý I/2026").year(),
            Some(2026)
        );
        assert_eq!(
            Deadline::parse("Thường xuyên trong năm 2025").year(),
            Some(2025)
        );
        assert_eq!(Deadline::parse("Thường xuyên").year(), None);
        assert_eq!(Deadline::parse("hằng năm").year(), None);
        assert_eq!(Deadline::parse("Sau khi có hướng dẫn").year(), None);
    }

    #[test]
    fn sort_order() {
        let mut v: Vec<Deadline> = [
            "",
            "xyz",
            "Sau khi có hướng dẫn",
            "hằng quý",
            "Thường xuyên",
            "Năm 2026",
            "trước ngày 10/12/2025",
            "Tháng 9/2025",
            "Quý IV/2025",
        ]
        .iter()
        .map(|t| Deadline::parse(t))
        .collect();
        v.sort_by_key(Deadline::sort_key);
        let order: Vec<&str> = v.iter().map(|d| d.text.as_str()).collect();
        assert_eq!(
            order,
            [
                "Tháng 9/2025",
                "trước ngày 10/12/2025",
                "Quý IV/2025",
                "Năm 2026",
                "Thường xuyên",
                "hằng quý",
                "Sau khi có hướng dẫn",
                "xyz",
                "",
            ]
        );
    }

    #[test]
    fn descriptions() {
        let cases = [
            ("", "Không có thời hạn"),
            ("trước ngày 31/12/2025", "Hạn: 31/12/2025"),
            (
                "chậm nhất 15 giờ, ngày 06/5/2026",
                "Hạn: 15 giờ 00, ngày 06/05/2026",
            ),
            ("Tháng 9/2025", "Hạn: hết tháng 9/2025 (30/09/2025)"),
            ("Quý III/2025", "Hạn: hết quý III/2025 (30/09/2025)"),
            (
                "6 tháng cuối năm 2025",
                "Hạn: hết 6 tháng cuối năm 2025 (31/12/2025)",
            ),
            (
                "6 tháng đầu năm 2026",
                "Hạn: hết 6 tháng đầu năm 2026 (30/06/2026)",
            ),
            ("Cả năm 2025", "Hạn: hết năm 2025 (31/12/2025)"),
            ("Quý III-IV/2025", "Từ 01/07/2025 đến 31/12/2025"),
            ("Thường xuyên", "Thường xuyên"),
            ("Thường xuyên trong năm 2025", "Thường xuyên trong năm 2025"),
            (
                "Trước ngày 10 của tháng cuối quý",
                "Hằng quý, trước ngày 10 của tháng cuối quý",
            ),
            ("hằng tháng", "Hằng tháng"),
            ("Trước ngày 25 hằng tháng", "Hằng tháng, trước ngày 25"),
            ("6 tháng một lần", "6 tháng một lần"),
            ("trước ngày 15/12 hằng năm", "Hằng năm, trước ngày 15/12"),
            ("tháng 12 hằng năm", "Hằng năm, trong tháng 12"),
            ("hằng năm", "Hằng năm"),
            (
                "Sau khi có hướng dẫn của Bộ Nông nghiệp và Môi trường",
                "Khi có hướng dẫn",
            ),
            ("Theo yêu cầu của Trung ương", "Khi có yêu cầu"),
            (
                "Theo lộ trình năm 2025 của thành phố",
                "Theo lộ trình (năm 2025)",
            ),
            (
                "Tháng 12/2025 (Sau khi có quy định của Chính phủ)",
                "Hạn: hết tháng 12/2025 (31/12/2025), kèm điều kiện",
            ),
            ("Quý V/2025", "Chưa xác định được thời hạn"),
        ];
        for (text, want) in cases {
            assert_eq!(Deadline::parse(text).describe(), want, "{text:?}");
        }
    }

    #[test]
    fn dated_kinds() {
        use DeadlineKind::*;
        let dated = [Date, Month, Quarter, HalfYear, Year, Range];
        for k in [
            None,
            Date,
            Month,
            Quarter,
            HalfYear,
            Year,
            Range,
            Ongoing,
            Recurring,
            Conditional,
            Unknown,
        ] {
            assert_eq!(k.is_dated(), dated.contains(&k), "{k:?}");
        }
    }

    /// A tiny deterministic generator (xorshift64*), no external crates.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    const JUNK: &[&str] = &[
        "tháng",
        "quý",
        "năm",
        "ngày",
        "giờ",
        "h",
        "T",
        "Q",
        "/",
        "-",
        "–",
        "—",
        ".",
        ",",
        ";",
        ":",
        "(",
        ")",
        " ",
        "0",
        "1",
        "2",
        "3",
        "4",
        "6",
        "9",
        "10",
        "12",
        "13",
        "25",
        "29",
        "31",
        "99",
        "2025",
        "2026",
        "0000",
        "99999999999999999999",
        "i",
        "ii",
        "iii",
        "iv",
        "v",
        "x",
        "xiv",
        "từ",
        "đến",
        "và",
        "hết",
        "trước",
        "chậm nhất",
        "hằng",
        "hàng",
        "mỗi",
        "lần",
        "định kỳ",
        "đầu",
        "cuối",
        "của",
        "thường xuyên",
        "sau khi",
        "theo",
        "khi",
        "giai đoạn",
        "cả",
        "nửa",
        "lúc",
        "phút",
        "'",
        "\u{301}",
        "\u{323}",
        "\u{300}\u{301}\u{302}",
        "\u{345}",
        "🙂",
        "đ",
        "Đ",
        "\u{0}",
        "\u{feff}",
        "\u{200b}",
        "ǅ",
        "İ",
        "ß",
        "٣",
        "①",
        "²",
        "≠",
        "Ⅳ",
        "\n",
        "\u{a0}",
        "\u{2028}",
        "ﬁ",
        "῭",
        "a\u{334}b",
    ];

    fn check_invariants(s: &str) {
        let d = Deadline::parse(s);
        assert_eq!(d.text, clean(s));
        if let (Some(a), Some(b)) = (d.start, d.end) {
            assert!(a <= b, "{s:?} -> {d:?}");
        }
        match d.kind {
            k if k.is_dated() => assert!(d.end.is_some(), "{s:?} -> {d:?}"),
            K::Unknown | K::None => {
                assert_eq!(
                    (d.start, d.end, d.time, &d.recurrence, &d.condition),
                    (None, None, None, &None, &None)
                )
            }
            K::Recurring => assert!(d.recurrence.is_some()),
            _ => {}
        }
        if d.time.is_some() {
            assert!(matches!(d.kind, K::Date | K::Range), "{s:?} -> {d:?}");
        }
        if let Some(c) = &d.condition {
            assert!(
                !c.is_empty() && d.text.contains(c.as_str()),
                "{s:?} -> {d:?}"
            );
        }
        let _ = d.describe();
        let _ = d.sort_key();
        let _ = d.year();
        for today in [NaiveDate::MIN, ymd(2025, 12, 31), NaiveDate::MAX] {
            let _ = d.is_past(today);
            let _ = d.next_due(today);
        }
    }

    #[test]
    fn parse_never_panics() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for _ in 0..20_000 {
            let n = rng.below(24);
            let mut s = String::new();
            for _ in 0..n {
                s.push_str(JUNK[rng.below(JUNK.len())]);
                if rng.below(3) == 0 {
                    s.push(' ');
                }
            }
            check_invariants(&s);
        }
        // very long strings
        for _ in 0..20 {
            let mut s = String::new();
            for _ in 0..5_000 {
                s.push_str(JUNK[rng.below(JUNK.len())]);
            }
            check_invariants(&s);
        }
        check_invariants(&"Quý III-".repeat(10_000));
        check_invariants(&"(".repeat(10_000));
        check_invariants(&")".repeat(10_000));
        check_invariants(&"tháng 9/2025 và ".repeat(1_000));
        check_invariants(&"\u{301}".repeat(1_000));
        check_invariants("\u{301}");
        check_invariants(" \u{323}Tháng 9/2025");
        // every table phrase cut at every character
        let texts = rows(SEEDS)
            .into_iter()
            .chain(rows(FAMILIES))
            .map(|r| r.text);
        for text in texts.chain(recurring_rows().into_iter().map(|r| r.0)) {
            let chars: Vec<char> = text.chars().collect();
            for k in 0..chars.len() {
                check_invariants(&chars[..k].iter().collect::<String>());
                check_invariants(&chars[k..].iter().collect::<String>());
            }
        }
    }
}
