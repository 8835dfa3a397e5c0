//! Reading a site's content: plan files, the units registry, free pages.
//!
//! Everything the editor wrote is parsed once into the types below; later stages never look
//! at raw YAML again.

pub mod edit;
pub mod plan;
pub mod reader;
pub mod units;
pub mod yaml;

use crate::diag::Pos;
use crate::vi::deadline::Deadline;
use chrono::NaiveDate;
use serde::Serialize;
use std::path::PathBuf;

/// The date a plan was issued: the day may still be blank in a draft ("ngày   tháng 10 năm 2025").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocDate {
    pub year: i32,
    pub month: u32,
    pub day: Option<u32>,
}

impl DocDate {
    /// "ngày 07 tháng 10 năm 2025", or "ngày … tháng 10 năm 2025" when the day is blank. As
    /// Nghị định 30/2020 writes a date: a day under 10 and the months 1 and 2 with a leading
    /// zero ("ngày 05 tháng 02 năm 2026"), the other months without ("ngày 05 tháng 4 năm 2026").
    pub fn long_vi(&self) -> String {
        let month = if self.month <= 2 {
            format!("{:02}", self.month)
        } else {
            self.month.to_string()
        };
        match self.day {
            Some(d) => format!("ngày {d:02} tháng {month} năm {}", self.year),
            None => format!("ngày … tháng {month} năm {}", self.year),
        }
    }
    /// "07/10/2025" or "10/2025".
    pub fn short_vi(&self) -> String {
        match self.day {
            Some(d) => format!("{d:02}/{:02}/{}", self.month, self.year),
            None => format!("{:02}/{}", self.month, self.year),
        }
    }
    /// ISO 8601: "2025-10-07" or "2025-10".
    pub fn iso(&self) -> String {
        match self.day {
            Some(d) => format!("{}-{:02}-{d:02}", self.year, self.month),
            None => format!("{}-{:02}", self.year, self.month),
        }
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Signer {
    pub on_behalf: Option<String>,
    pub authority: Option<String>,
    pub title: Option<String>,
    pub name: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Attachment {
    pub title: String,
    /// Site-absolute path as written (`/files/x.pdf`), checked to stay inside the site.
    pub file: String,
    /// Its size in bytes, when the file was found under `static/` (as the plan was read).
    pub size: Option<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Numbering {
    #[default]
    PerGroup,
    Continuous,
}

/// A unit as a plan names it, resolved against the registry when possible.
#[derive(Debug, Clone)]
pub struct UnitMention {
    /// As written in the plan (cleaned); shared with the registry when it is a registered
    /// spelling.
    pub text: std::sync::Arc<str>,
    /// Where it is written, in the plan file's own lines.
    pub pos: Pos,
    /// Index into the registry, when the name is known.
    pub unit: Option<usize>,
}

/// What an update says about a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    NotStarted,
    InProgress,
    Done,
    Cancelled,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::NotStarted,
        Status::InProgress,
        Status::Done,
        Status::Cancelled,
    ];
    pub fn code(self) -> &'static str {
        match self {
            Status::NotStarted => "not_started",
            Status::InProgress => "in_progress",
            Status::Done => "done",
            Status::Cancelled => "cancelled",
        }
    }
    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|st| st.code() == s)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Update {
    pub date: NaiveDate,
    /// Where `date` is written (where the update starts when it has none).
    #[serde(skip)]
    pub date_pos: Pos,
    pub status: Status,
    pub percent: Option<u8>,
    pub note: Option<String>,
    pub link: Option<String>,
    /// Where `link` is written, to report a link to a plan that does not exist.
    #[serde(skip)]
    pub link_pos: Option<crate::diag::Pos>,
    /// The day the task was completed, when it is not the update's own date (`completed:`,
    /// on an update that says `done`).
    pub completed: Option<NaiveDate>,
    /// A new deadline set by a document (`extended_to:`, in any form the deadline engine
    /// reads: gia hạn).
    /// (Boxed: few updates have one, and every update would otherwise hold its size.)
    #[serde(skip)]
    pub extended_to: Option<Box<Deadline>>,
    /// The number of the document that set it (`document: 25/QĐ-UBND`).
    pub document: Option<String>,
}

/// A deadline moved by an update (gia hạn): the deadline before, the one after, and the
/// document that moved it.
#[derive(Debug, Clone, Copy)]
pub struct Extension<'a> {
    pub date: NaiveDate,
    pub from: &'a Deadline,
    pub to: &'a Deadline,
    pub document: Option<&'a str>,
    pub link: Option<&'a str>,
}

#[derive(Debug, Clone)]
pub struct Task {
    /// The number shown in the document ("1", "4", "17").
    pub no: String,
    /// The anchor on the plan page, unique within the plan.
    pub id: String,
    pub content: String,
    pub lead: Vec<UnitMention>,
    pub support: Vec<UnitMention>,
    pub due: Deadline,
    pub output: Option<String>,
    pub leader: Option<String>,
    pub updates: Vec<Update>,
    pub pos: Pos,
}

impl Task {
    /// Its lead units as written, joined by "; " ("Phòng Kinh tế; Văn phòng HĐND và UBND").
    pub fn lead_text(&self) -> String {
        self.lead
            .iter()
            .map(|m| &*m.text)
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// The deadline in force: that of the latest extension, else the deadline as written.
    pub fn due_now(&self) -> &Deadline {
        due_in_force(&self.due, &self.updates)
    }

    /// The extensions of the deadline, oldest first.
    pub fn extensions(&self) -> impl Iterator<Item = Extension<'_>> {
        let mut from = &self.due;
        self.updates.iter().filter_map(move |u| {
            let to = u.extended_to.as_deref()?;
            let e = Extension {
                date: u.date,
                from,
                to,
                document: u.document.as_deref(),
                link: u.link.as_deref(),
            };
            from = to;
            Some(e)
        })
    }

    /// The day the task was completed, when its latest update says `done` (see
    /// [`completed_on`]).
    pub fn completed_on(&self) -> Option<NaiveDate> {
        completed_on(&self.updates)
    }

    /// The updates known on `day`: those dated on or before it (the history as a report of
    /// that day saw it).
    pub fn updates_until(&self, day: NaiveDate) -> &[Update] {
        &self.updates[..self.updates.partition_point(|u| u.date <= day)]
    }
}

/// The deadline in force after `updates` (oldest first): that of the latest extension, else
/// `due`.
pub fn due_in_force<'a>(due: &'a Deadline, updates: &'a [Update]) -> &'a Deadline {
    updates
        .iter()
        .rev()
        .find_map(|u| u.extended_to.as_deref())
        .unwrap_or(due)
}

/// The day a task was completed, when the latest of `updates` says `done`: the `completed:`
/// day of that update or of an earlier one of the same run of `done` updates, else the date
/// of the first update of that run (a later `done` update only adds a note).
pub fn completed_on(updates: &[Update]) -> Option<NaiveDate> {
    let last = updates.last()?;
    if last.status != Status::Done {
        return None;
    }
    let run: Vec<&Update> = updates
        .iter()
        .rev()
        .take_while(|u| u.status == Status::Done)
        .collect();
    run.iter()
        .find_map(|u| u.completed)
        .or_else(|| run.last().map(|u| u.date))
}

#[derive(Debug, Clone)]
pub struct Group {
    /// The Roman numeral as written or computed ("I", "II" …); empty for a flat task list.
    pub no: String,
    pub title: Option<String>,
    pub tasks: Vec<Task>,
}

#[derive(Debug, Clone)]
pub struct Plan {
    /// Path relative to the site root, for messages.
    pub path: PathBuf,
    /// The address: `ke-hoach/<slug>/`. Unique in the site.
    pub slug: String,
    pub number: Option<String>,
    /// Where `number` is written.
    pub number_pos: Option<Pos>,
    pub kind: String,
    pub title: String,
    /// Where `title` is written (where the front matter starts when it has none).
    pub title_pos: Pos,
    pub issuer: Option<String>,
    pub place: Option<String>,
    pub date: Option<DocDate>,
    pub basis: Vec<String>,
    pub signer: Option<Signer>,
    pub recipients: Vec<String>,
    pub topics: Vec<String>,
    pub attachments: Vec<Attachment>,
    /// The day the plan was first published on the portal, when the file says it
    /// (`published:`); otherwise the build records it ([`crate::site::publication`]).
    pub published: Option<NaiveDate>,
    pub numbering: Numbering,
    pub appendix_title: Option<String>,
    pub appendix_note: Option<String>,
    pub stated_total: Option<u32>,
    pub editor_note: Option<String>,
    pub groups: Vec<Group>,
    /// The Markdown prose, unrendered.
    pub body: String,
    /// A hash of the file the plan was read from: what incremental rebuilds compare.
    pub source_hash: u64,
}

impl Plan {
    pub fn tasks(&self) -> impl Iterator<Item = &Task> {
        self.groups.iter().flat_map(|g| g.tasks.iter())
    }
    pub fn task_count(&self) -> usize {
        self.groups.iter().map(|g| g.tasks.len()).sum()
    }

    /// The number as the document shows it: "Số: 66/KH-UBND", or "Số: …/KH-UBND" while the
    /// plan has no number yet.
    pub fn number_label(&self) -> String {
        match &self.number {
            Some(n) => format!("Số: {n}"),
            None => {
                let code = if crate::vi::key(&self.kind) == crate::vi::key("Kế hoạch") {
                    "KH"
                } else {
                    ""
                };
                format!("Số: …/{code}-UBND")
            }
        }
    }
}

/// A free page (`content/pages/*.md`): giới thiệu, hướng dẫn.
#[derive(Debug, Clone)]
pub struct Page {
    pub path: PathBuf,
    pub slug: String,
    pub title: String,
    pub body: String,
}

#[cfg(test)]
mod date_tests {
    use super::DocDate;

    #[test]
    fn dates_are_written_as_decree_30_writes_them() {
        let d = |year, month, day| DocDate { year, month, day };
        assert_eq!(d(2025, 10, Some(7)).long_vi(), "ngày 07 tháng 10 năm 2025");
        assert_eq!(d(2026, 2, Some(5)).long_vi(), "ngày 05 tháng 02 năm 2026");
        assert_eq!(d(2026, 4, Some(15)).long_vi(), "ngày 15 tháng 4 năm 2026");
        assert_eq!(d(2026, 5, None).long_vi(), "ngày … tháng 5 năm 2026");
    }
}
