//! A task's status on the build day: from its latest update and its deadline.

use crate::content::{Status, Task};
use chrono::NaiveDate;
use serde::Serialize;

/// What the portal shows for a task. "Not updated yet" (no report at all) is different from
/// "not started" (a report saying so).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    NotUpdated,
    NotStarted,
    InProgress,
    Done,
    Cancelled,
}

impl State {
    pub const ALL: [State; 5] = [
        State::NotUpdated,
        State::NotStarted,
        State::InProgress,
        State::Done,
        State::Cancelled,
    ];

    pub fn code(self) -> &'static str {
        match self {
            State::NotUpdated => "not_updated",
            State::NotStarted => "not_started",
            State::InProgress => "in_progress",
            State::Done => "done",
            State::Cancelled => "cancelled",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            State::NotUpdated => "Chưa cập nhật",
            State::NotStarted => "Chưa thực hiện",
            State::InProgress => "Đang thực hiện",
            State::Done => "Hoàn thành",
            State::Cancelled => "Dừng thực hiện",
        }
    }
    pub fn slug(self) -> &'static str {
        match self {
            State::NotUpdated => "chua-cap-nhat",
            State::NotStarted => "chua-thuc-hien",
            State::InProgress => "dang-thuc-hien",
            State::Done => "hoan-thanh",
            State::Cancelled => "dung-thuc-hien",
        }
    }
}

/// What an update reports, as the portal shows it.
impl From<Status> for State {
    fn from(s: Status) -> State {
        match s {
            Status::NotStarted => State::NotStarted,
            Status::InProgress => State::InProgress,
            Status::Done => State::Done,
            Status::Cancelled => State::Cancelled,
        }
    }
}

/// Whether a task is, or was, done by its deadline: the four states in which the
/// Government Office's task-tracking reports count assigned tasks (hoàn thành đúng hạn,
/// hoàn thành quá hạn, đang thực hiện trong hạn, quá hạn chưa hoàn thành), against the
/// deadline in force (an extension's, when a document moved it). A task without a dated
/// deadline (ongoing, recurring, conditional, not understood, none) or cancelled is counted
/// in none of them ([`Timeliness::NotApplicable`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Timeliness {
    /// Done on or before the last day of its deadline.
    DoneOnTime,
    /// Done after it.
    DoneLate,
    /// Not done, and the deadline's last day has not passed.
    OpenOnTime,
    /// Not done, and the deadline's last day has passed.
    OpenOverdue,
    NotApplicable,
}

impl Timeliness {
    /// The four counted, in the order the reports list them.
    pub const COUNTED: [Timeliness; 4] = [
        Timeliness::DoneOnTime,
        Timeliness::DoneLate,
        Timeliness::OpenOnTime,
        Timeliness::OpenOverdue,
    ];
    /// The code in the open data (`""` for a task it does not apply to).
    pub fn code(self) -> &'static str {
        match self {
            Timeliness::DoneOnTime => "done_on_time",
            Timeliness::DoneLate => "done_late",
            Timeliness::OpenOnTime => "open_on_time",
            Timeliness::OpenOverdue => "open_overdue",
            Timeliness::NotApplicable => "",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Timeliness::DoneOnTime => "Hoàn thành đúng hạn",
            Timeliness::DoneLate => "Hoàn thành quá hạn",
            Timeliness::OpenOnTime => "Đang thực hiện trong hạn",
            Timeliness::OpenOverdue => "Quá hạn chưa hoàn thành",
            Timeliness::NotApplicable => "Không tính hạn",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct TaskStatus {
    pub state: State,
    /// The deadline in force has passed and the task is neither done nor cancelled.
    pub overdue: bool,
    pub percent: Option<u8>,
    pub timeliness: Timeliness,
    /// The day it was completed (a task whose latest update says `done`).
    pub completed: Option<NaiveDate>,
    /// Its deadline was moved by a document.
    pub extended: bool,
    /// Open and on time: how many days after the build day the deadline's last day is (0:
    /// that day), what a page's script needs to turn it overdue on the reader's day.
    pub days_left: Option<u16>,
    /// The last day of the deadline in force, whatever its kind (a dated one's is also in
    /// `dated_end`): kept here so that lists and calendars sorting or windowing thousands
    /// of tasks by it need not look each task up.
    #[serde(skip)]
    pub due_end: Option<NaiveDate>,
    /// The same for a dated deadline only.
    #[serde(skip)]
    pub dated_end: Option<NaiveDate>,
}

impl TaskStatus {
    /// The status on the build day `today`, from every update.
    pub fn of(task: &Task, today: NaiveDate) -> TaskStatus {
        TaskStatus::from_updates(task, &task.updates, today)
    }

    /// The status as it stood on `day`: from the updates dated on or before it (what a report
    /// of that day said).
    pub fn as_of(task: &Task, day: NaiveDate) -> TaskStatus {
        TaskStatus::from_updates(task, task.updates_until(day), day)
    }

    fn from_updates(
        task: &Task,
        updates: &[crate::content::Update],
        today: NaiveDate,
    ) -> TaskStatus {
        let last = updates.last();
        let state = last.map_or(State::NotUpdated, |u| State::from(u.status));
        let open = !matches!(state, State::Done | State::Cancelled);
        let due = crate::content::due_in_force(&task.due, updates);
        let completed = crate::content::completed_on(updates);
        let end = due.end.filter(|_| due.kind.is_dated());
        let timeliness = match (state, end) {
            (_, None) | (State::Cancelled, _) => Timeliness::NotApplicable,
            (State::Done, Some(end)) => match completed {
                Some(day) if day > end => Timeliness::DoneLate,
                _ => Timeliness::DoneOnTime,
            },
            (_, Some(end)) if end < today => Timeliness::OpenOverdue,
            _ => Timeliness::OpenOnTime,
        };
        TaskStatus {
            state,
            overdue: open && due.is_past(today),
            percent: last.and_then(|u| u.percent),
            timeliness,
            completed,
            extended: updates.iter().any(|u| u.extended_to.is_some()),
            days_left: end
                .filter(|_| timeliness == Timeliness::OpenOnTime)
                .and_then(|end| u16::try_from((end - today).num_days()).ok()),
            due_end: due.end,
            dated_end: end,
        }
    }

    /// Overdue and never reported on: no update at all ("Quá hạn, chưa có báo cáo"), told
    /// apart from a task a unit reported as behind.
    pub fn overdue_unreported(&self) -> bool {
        self.overdue && self.state == State::NotUpdated
    }
}

/// The days after the build day for which pages count the deadlines that fall on each day
/// ([`Soon`]): a portal updated at least once a quarter keeps its counts true in the reader's
/// browser.
pub const SOON_DAYS: usize = 92;

/// How many open tasks, on time on the build day, have their deadline's last day on each of
/// the next [`SOON_DAYS`] days (index 0: the build day itself): those a day later are overdue
/// once the reader's today is past it. Written into a page as `"1:2 3:1"` (day after the
/// build day, tasks; days without any left out), read by the page's script.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Soon(pub [u16; SOON_DAYS]);

impl Default for Soon {
    fn default() -> Self {
        Soon([0; SOON_DAYS])
    }
}

impl Serialize for Soon {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let text: Vec<String> = (self.0.iter().enumerate())
            .filter(|(_, n)| **n > 0)
            .map(|(d, n)| format!("{d}:{n}"))
            .collect();
        s.serialize_str(&text.join(" "))
    }
}

/// Counts by status over a set of tasks.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Progress {
    pub total: u32,
    pub not_updated: u32,
    pub not_started: u32,
    pub in_progress: u32,
    pub done: u32,
    pub cancelled: u32,
    pub overdue: u32,
    /// Of the overdue, those never reported on.
    pub overdue_unreported: u32,
    pub done_on_time: u32,
    pub done_late: u32,
    pub open_on_time: u32,
    /// The same as `overdue`: named as the reports name it.
    pub open_overdue: u32,
    /// Tasks with a deadline in force moved by a document.
    pub extended: u32,
    /// Open tasks on time whose deadline falls in the next days, and of those the ones never
    /// reported on: what the page's script moves to overdue on the reader's day.
    pub soon: Soon,
    pub soon_unreported: Soon,
}

impl Progress {
    pub fn add(&mut self, s: TaskStatus) {
        self.total += 1;
        match s.state {
            State::NotUpdated => self.not_updated += 1,
            State::NotStarted => self.not_started += 1,
            State::InProgress => self.in_progress += 1,
            State::Done => self.done += 1,
            State::Cancelled => self.cancelled += 1,
        }
        if s.overdue {
            self.overdue += 1;
        }
        if s.overdue_unreported() {
            self.overdue_unreported += 1;
        }
        if s.extended {
            self.extended += 1;
        }
        if let Some(d) = s.days_left.filter(|&d| (d as usize) < SOON_DAYS) {
            self.soon.0[d as usize] += 1;
            if s.state == State::NotUpdated {
                self.soon_unreported.0[d as usize] += 1;
            }
        }
        match s.timeliness {
            Timeliness::DoneOnTime => self.done_on_time += 1,
            Timeliness::DoneLate => self.done_late += 1,
            Timeliness::OpenOnTime => self.open_on_time += 1,
            Timeliness::OpenOverdue => self.open_overdue += 1,
            Timeliness::NotApplicable => {}
        }
    }

    /// The tasks counted in the four states of timeliness.
    pub fn timed(&self) -> u32 {
        self.done_on_time + self.done_late + self.open_on_time + self.open_overdue
    }
    /// Percentage done, rounded down, of the tasks not cancelled.
    pub fn percent_done(&self) -> u32 {
        let base = self.total - self.cancelled;
        (self.done * 100).checked_div(base).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::plan::read_plan;
    use crate::content::units::Registry;
    use std::path::Path;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// The task of a one-task plan with deadline `due` and the YAML flow maps `updates`,
    /// and the messages reading it gave.
    fn task(due: &str, updates: &[&str]) -> (Task, Vec<String>) {
        let mut text = format!("---\ntitle: A\ntasks:\n  - content: x\n    due: {due}\n");
        if !updates.is_empty() {
            text.push_str("    updates:\n");
            for u in updates {
                text.push_str(&format!("      - {u}\n"));
            }
        }
        text.push_str("---\n");
        let (plan, diags) = read_plan(
            Path::new("a.md"),
            &text,
            "a".into(),
            &Registry::default(),
            None,
            None,
        );
        let plan = plan.unwrap_or_else(|| panic!("{diags:?}"));
        let t = plan.tasks().next().unwrap().clone();
        (t, diags.iter().map(|d| d.headline()).collect())
    }

    #[test]
    fn timeliness_of_task_histories_on_fixed_days() {
        use Timeliness::*;
        let done = |d: &str| format!("{{ date: {d}, status: done }}");
        // (deadline, updates, today, timeliness, overdue)
        let cases: Vec<(&str, Vec<String>, &str, Timeliness, bool)> = vec![
            // Done before, on and after the last day of the deadline.
            ("Tháng 12/2025", vec![done("2025-12-10")], "2026-03-01", DoneOnTime, false),
            ("Tháng 12/2025", vec![done("2025-12-31")], "2026-03-01", DoneOnTime, false),
            ("Tháng 12/2025", vec![done("2026-01-05")], "2026-03-01", DoneLate, false),
            // Reported later, completed earlier (`completed:`), on time.
            (
                "Tháng 12/2025",
                vec!["{ date: 2026-01-05, status: done, completed: 2025-12-30 }".into()],
                "2026-03-01",
                DoneOnTime,
                false,
            ),
            // A later `done` update does not move the completion day.
            (
                "Tháng 12/2025",
                vec![done("2025-12-20"), done("2026-02-01")],
                "2026-03-01",
                DoneOnTime,
                false,
            ),
            // Open: before, on and after the last day.
            ("31/12/2025", vec![], "2025-12-31", OpenOnTime, false),
            ("31/12/2025", vec![], "2026-01-01", OpenOverdue, true),
            (
                "Quý IV/2025",
                vec!["{ date: 2025-11-01, status: in_progress }".into()],
                "2026-01-10",
                OpenOverdue,
                true,
            ),
            // Extended once: on time against the new deadline, late against the old one.
            (
                "Tháng 12/2025",
                vec!["{ date: 2025-12-20, status: in_progress, extended_to: Tháng 3/2026, document: 25/QĐ-UBND }".into()],
                "2026-02-01",
                OpenOnTime,
                false,
            ),
            (
                "Tháng 12/2025",
                vec![
                    "{ date: 2025-12-20, status: in_progress, extended_to: Tháng 3/2026, document: 25/QĐ-UBND }".into(),
                    done("2026-02-15"),
                ],
                "2026-04-01",
                DoneOnTime,
                false,
            ),
            // Extended twice: the latest extension is in force.
            (
                "Tháng 12/2025",
                vec![
                    "{ date: 2025-12-20, status: in_progress, extended_to: Tháng 3/2026, document: 25/QĐ-UBND }".into(),
                    "{ date: 2026-03-20, status: in_progress, extended_to: Tháng 6/2026, document: 40/QĐ-UBND }".into(),
                ],
                "2026-05-01",
                OpenOnTime,
                false,
            ),
            (
                "Tháng 12/2025",
                vec![
                    "{ date: 2025-12-20, status: in_progress, extended_to: Tháng 3/2026, document: 25/QĐ-UBND }".into(),
                    "{ date: 2026-03-20, status: in_progress, extended_to: Tháng 6/2026, document: 40/QĐ-UBND }".into(),
                ],
                "2026-07-01",
                OpenOverdue,
                true,
            ),
            // Extended backwards (warned): the extension is still the deadline in force.
            (
                "Tháng 12/2025",
                vec!["{ date: 2025-10-01, status: in_progress, extended_to: Tháng 11/2025, document: 9/QĐ-UBND }".into()],
                "2025-12-10",
                OpenOverdue,
                true,
            ),
            // Cancelled: no timeliness, never overdue.
            (
                "Tháng 12/2025",
                vec!["{ date: 2025-11-01, status: cancelled }".into()],
                "2026-03-01",
                NotApplicable,
                false,
            ),
            // Every kind without a day to be late by: no timeliness.
            ("Thường xuyên", vec![], "2030-01-01", NotApplicable, false),
            ("Hằng quý", vec![], "2030-01-01", NotApplicable, false),
            ("Sau khi có hướng dẫn của Bộ Nội vụ", vec![], "2030-01-01", NotApplicable, false),
            ("\"\"", vec![], "2030-01-01", NotApplicable, false),
            ("Thường xuyên", vec![done("2025-01-01")], "2030-01-01", NotApplicable, false),
            // The dated kinds: year, half, range, date with a time.
            ("Năm 2025", vec![], "2025-12-31", OpenOnTime, false),
            ("Năm 2025", vec![], "2026-01-01", OpenOverdue, true),
            ("6 tháng đầu năm 2026", vec![done("2026-07-01")], "2026-08-01", DoneLate, false),
            ("Từ tháng 3 đến tháng 5/2026", vec![done("2026-05-31")], "2026-08-01", DoneOnTime, false),
            ("chậm nhất 15 giờ, ngày 06/5/2026", vec![done("2026-05-06")], "2026-08-01", DoneOnTime, false),
        ];
        for (due, updates, today, want, overdue) in cases {
            let refs: Vec<&str> = updates.iter().map(String::as_str).collect();
            let (t, _) = task(due, &refs);
            let s = TaskStatus::of(&t, day(today));
            assert_eq!(
                (s.timeliness, s.overdue),
                (want, overdue),
                "{due} {updates:?} on {today}"
            );
        }
    }

    #[test]
    fn extensions_are_listed_and_checked() {
        let (t, msgs) = task(
            "Tháng 12/2025",
            &[
                "{ date: 2025-12-20, status: in_progress, extended_to: Tháng 3/2026, document: 25/QĐ-UBND }",
                "{ date: 2026-01-10, status: in_progress, extended_to: Tháng 2/2026 }",
            ],
        );
        let ext: Vec<(String, String, Option<&str>)> = t
            .extensions()
            .map(|e| (e.from.text.clone(), e.to.text.clone(), e.document))
            .collect();
        assert_eq!(
            ext,
            [
                (
                    "Tháng 12/2025".into(),
                    "Tháng 3/2026".into(),
                    Some("25/QĐ-UBND")
                ),
                ("Tháng 3/2026".into(), "Tháng 2/2026".into(), None),
            ]
        );
        assert_eq!(t.due_now().text, "Tháng 2/2026");
        // The second moves the deadline backwards and cites no document.
        assert_eq!(msgs.len(), 2, "{msgs:?}");
        assert!(
            msgs.iter().any(|m| m.contains("cites no document")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.contains("moves the deadline backwards, from 31/03/2026 to 28/02/2026")),
            "{msgs:?}"
        );
        // A completion day after the update that reports it, and a new deadline without a day.
        let (_, msgs) = task(
            "Tháng 12/2025",
            &["{ date: 2025-12-20, status: done, completed: 2025-12-25 }"],
        );
        assert!(
            msgs.iter()
                .any(|m| m.contains("after the update that reports it")),
            "{msgs:?}"
        );
        let (_, msgs) = task(
            "Tháng 12/2025",
            &[
                "{ date: 2025-12-20, status: in_progress, extended_to: Thường xuyên, document: 1/QĐ }",
            ],
        );
        assert!(
            msgs.iter()
                .any(|m| m.contains("`extended_to` must be a deadline")),
            "{msgs:?}"
        );
    }
}
