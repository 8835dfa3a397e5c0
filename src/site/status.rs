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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TaskStatus {
    pub state: State,
    /// The deadline has passed and the task is neither done nor cancelled.
    pub overdue: bool,
    pub percent: Option<u8>,
}

impl TaskStatus {
    pub fn of(task: &Task, today: NaiveDate) -> TaskStatus {
        let last = task.updates.last();
        let state = last.map_or(State::NotUpdated, |u| State::from(u.status));
        let open = !matches!(state, State::Done | State::Cancelled);
        TaskStatus {
            state,
            overdue: open && task.due.is_past(today),
            percent: last.and_then(|u| u.percent),
        }
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
    }
    /// Percentage done, rounded down, of the tasks not cancelled.
    pub fn percent_done(&self) -> u32 {
        let base = self.total - self.cancelled;
        (self.done * 100).checked_div(base).unwrap_or(0)
    }
}
