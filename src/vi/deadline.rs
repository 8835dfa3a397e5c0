//! Stub until the deadline engine lands.
use chrono::NaiveDate;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
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
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recurrence {
    Monthly { day: Option<u8> },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    pub text: String,
    pub kind: DeadlineKind,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub time: Option<(u8, u8)>,
    pub recurrence: Option<Recurrence>,
    pub condition: Option<String>,
}

impl Deadline {
    pub fn parse(text: &str) -> Deadline {
        let text = crate::vi::clean(text);
        let kind = if text.is_empty() {
            DeadlineKind::None
        } else {
            DeadlineKind::Unknown
        };
        Deadline {
            text,
            kind,
            start: None,
            end: None,
            time: None,
            recurrence: None,
            condition: None,
        }
    }
    pub fn is_past(&self, today: NaiveDate) -> bool {
        self.end.is_some_and(|e| e < today)
    }
    pub fn next_due(&self, _today: NaiveDate) -> Option<NaiveDate> {
        self.end
    }
    pub fn year(&self) -> Option<i32> {
        None
    }
    pub fn describe(&self) -> String {
        self.text.clone()
    }
}
