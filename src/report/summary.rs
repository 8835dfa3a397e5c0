//! The figures of a report on carrying out the plans: for a plan, a unit (the tasks it leads)
//! or the whole site, optionally narrowed to the tasks due in a period, counted in the four
//! states of the Government Office's task-tracking reports (hoàn thành đúng hạn, hoàn thành
//! quá hạn, đang thực hiện trong hạn, quá hạn chưa hoàn thành), by lead unit, with the
//! overdue tasks by days overdue and what changed since the previous period.
//!
//! A period selects the tasks whose deadline in force (an extension's, when a document moved
//! it) falls in it: a report for quý IV accounts for what was due in quý IV, which is how a
//! commune office reports upward. The figures are as of the report day (the build day);
//! a task due in the period but not yet due on that day counts as on time.

use super::period::Period;
use crate::site::status::{State, TaskStatus, Timeliness};
use crate::site::{Site, TaskRef};
use chrono::NaiveDate;
use serde::Serialize;

/// What a report is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Every plan of the site.
    Site,
    /// One plan (its index in `site.plans`).
    Plan(usize),
    /// The tasks one unit leads (its index in the registry).
    Unit(usize),
}

/// Task counts in the four states of timeliness, with the tasks they do not apply to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Every task in scope.
    pub total: u32,
    /// Those counted in the four states (a dated deadline, not cancelled).
    pub timed: u32,
    pub done_on_time: u32,
    pub done_late: u32,
    pub open_on_time: u32,
    pub open_overdue: u32,
    /// Of the overdue, those never reported on.
    pub overdue_unreported: u32,
    /// Tasks whose deadline a document extended.
    pub extended: u32,
    /// Ongoing, recurring, conditional, undated or cancelled tasks.
    pub not_timed: u32,
    pub cancelled: u32,
}

impl Counts {
    fn add(&mut self, s: &TaskStatus) {
        self.total += 1;
        match s.timeliness {
            Timeliness::DoneOnTime => self.done_on_time += 1,
            Timeliness::DoneLate => self.done_late += 1,
            Timeliness::OpenOnTime => self.open_on_time += 1,
            Timeliness::OpenOverdue => self.open_overdue += 1,
            Timeliness::NotApplicable => self.not_timed += 1,
        }
        if s.timeliness != Timeliness::NotApplicable {
            self.timed += 1;
        }
        if s.overdue_unreported() {
            self.overdue_unreported += 1;
        }
        if s.extended {
            self.extended += 1;
        }
        if s.state == State::Cancelled {
            self.cancelled += 1;
        }
    }

    /// `n` as a percentage of the timed tasks, as Vietnamese writes it ("42,5%"), or "–".
    pub fn pct(&self, n: u32) -> String {
        if self.timed == 0 {
            return "–".into();
        }
        let tenths = (n as u64 * 1000 + self.timed as u64 / 2) / self.timed as u64;
        match tenths % 10 {
            0 => format!("{}%", tenths / 10),
            d => format!("{},{d}%", tenths / 10),
        }
    }

    /// The four states as (label, count, percentage), in the reports' order.
    pub fn rows(&self) -> Vec<(&'static str, u32, String)> {
        [
            (Timeliness::DoneOnTime, self.done_on_time),
            (Timeliness::DoneLate, self.done_late),
            (Timeliness::OpenOnTime, self.open_on_time),
            (Timeliness::OpenOverdue, self.open_overdue),
        ]
        .into_iter()
        .map(|(t, n)| (t.label(), n, self.pct(n)))
        .collect()
    }
}

/// A lead unit's figures.
#[derive(Debug, Clone, Serialize)]
pub struct UnitFigures {
    pub name: String,
    /// Its registry index (none for a lead not in the registry).
    #[serde(skip)]
    pub unit: Option<usize>,
    pub counts: Counts,
    /// Done on time as a percentage of its timed tasks.
    pub on_time_pct: String,
}

/// An overdue task, for the list by days overdue.
#[derive(Debug, Clone, Serialize)]
pub struct OverdueTask {
    #[serde(skip)]
    pub task: TaskRef,
    pub days: i64,
    /// The first line of its content.
    pub content: String,
    pub lead: String,
    /// The deadline in force, as written.
    pub due: String,
    /// "Số: 66/KH-UBND".
    pub plan: String,
    /// Its anchor, relative to the site root.
    pub href: String,
    /// "Chưa có báo cáo", or the status reported.
    pub reported: String,
}

/// The same figures at an earlier point: the previous period's (a period report), or the
/// scope's as they stood at the end of the previous quarter (other reports).
#[derive(Debug, Clone, Serialize)]
pub struct Compare {
    /// "quý III năm 2025", "ngày 30/09/2025".
    pub label: String,
    pub counts: Counts,
    /// Tasks done since then (a report that is not by period).
    pub done_since: u32,
    /// Tasks that became overdue since then.
    pub overdue_since: u32,
}

/// A report's figures.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    #[serde(skip)]
    pub scope: Scope,
    #[serde(skip)]
    pub period: Option<Period>,
    /// The report day (the build day).
    #[serde(skip)]
    pub as_of: NaiveDate,
    pub counts: Counts,
    /// Lead units by tasks done on time (most first), then fewest overdue.
    pub units: Vec<UnitFigures>,
    /// Lead units with overdue tasks, most first.
    pub units_overdue: Vec<UnitFigures>,
    /// Overdue tasks, most days overdue first (at most [`super::OVERDUE_LISTED`]).
    pub overdue: Vec<OverdueTask>,
    /// Every overdue task in scope, listed or not.
    pub overdue_total: u32,
    pub compare: Option<Compare>,
}

/// The positions in `index.tasks` of the tasks in `scope` due in `period` (all tasks in scope
/// when none).
pub fn tasks_of(site: &Site, scope: Scope, period: Option<Period>) -> Vec<u32> {
    let ix = &site.index;
    let Some(p) = period else {
        return match scope {
            Scope::Site => (0..ix.tasks.len() as u32).collect(),
            Scope::Plan(pi) => {
                let first = ix.first_task[pi];
                (first..first + site.plans[pi].task_count() as u32).collect()
            }
            Scope::Unit(u) => ix.lead[u].clone(),
        };
    };
    // The tasks due in the period, in site order: the site's from the index by deadline; a
    // plan's or a unit's from its own tasks (a plan's report, one of hundreds, read every task
    // due in the period on the whole site).
    let (from, to) = p.range();
    let due_in = |i: &u32| {
        ix.status[*i as usize]
            .dated_end
            .is_some_and(|end| from <= end && end <= to)
    };
    match scope {
        Scope::Site => {
            let mut due: Vec<u32> = ix.due_between(from, to).iter().map(|&(_, i)| i).collect();
            due.sort_unstable();
            due
        }
        Scope::Plan(pi) => {
            let first = ix.first_task[pi];
            (first..first + site.plans[pi].task_count() as u32)
                .filter(due_in)
                .collect()
        }
        Scope::Unit(u) => ix.lead[u].iter().copied().filter(due_in).collect(),
    }
}

/// The four states' counts of `scope` (narrowed to `period`) as of the build day: the
/// figures of a report's general table, without the rest.
pub fn counts(site: &Site, scope: Scope, period: Option<Period>) -> Counts {
    let mut c = Counts::default();
    for i in tasks_of(site, scope, period) {
        c.add(&site.index.status[i as usize]);
    }
    c
}

/// The figures of a report on `scope` (narrowed to `period`) as of the build day.
pub fn summary(site: &Site, scope: Scope, period: Option<Period>) -> Summary {
    let ix = &site.index;
    let today = site.today;
    let tasks = tasks_of(site, scope, period);
    let mut counts = Counts::default();
    // Lead units: by registry index, then leads not in the registry by name.
    let mut by_unit: Vec<Option<Counts>> = vec![None; site.registry.units.len()];
    let mut other: std::collections::BTreeMap<&str, Counts> = Default::default();
    let mut overdue = Vec::new();
    for &i in &tasks {
        let s = ix.status[i as usize];
        counts.add(&s);
        let r = ix.tasks[i as usize];
        let task = site.task(r);
        for (k, m) in task.lead.iter().enumerate() {
            match m.unit {
                // A unit named twice among the leads counts once.
                Some(u) if !task.lead[..k].iter().any(|e| e.unit == Some(u)) => {
                    by_unit[u].get_or_insert_with(Counts::default).add(&s);
                }
                Some(_) => {}
                None => other.entry(&*m.text).or_default().add(&s),
            }
        }
        if s.timeliness == Timeliness::OpenOverdue {
            let days = task.due_now().end.map_or(0, |e| (today - e).num_days());
            overdue.push((days, i));
        }
    }
    // Most days overdue first, then in site order; only those listed are written out.
    let overdue_total = overdue.len() as u32;
    overdue.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    overdue.truncate(super::OVERDUE_LISTED);
    let overdue: Vec<OverdueTask> = overdue
        .into_iter()
        .map(|(days, i)| {
            let r = ix.tasks[i as usize];
            let s = ix.status[i as usize];
            let task = site.task(r);
            let plan = site.plan_of(r);
            OverdueTask {
                task: r,
                days,
                content: task.content.lines().next().unwrap_or_default().to_string(),
                lead: task.lead_text(),
                due: task.due_now().text.clone(),
                plan: plan.number_label(),
                href: crate::urls::task(&plan.slug, &task.id),
                reported: if s.state == State::NotUpdated {
                    "Chưa có báo cáo".into()
                } else {
                    format!("Đã báo cáo: {}", s.state.label().to_lowercase())
                },
            }
        })
        .collect();
    let figures = |name: String, unit: Option<usize>, c: Counts| UnitFigures {
        on_time_pct: c.pct(c.done_on_time),
        name,
        unit,
        counts: c,
    };
    let mut units: Vec<UnitFigures> = by_unit
        .into_iter()
        .enumerate()
        .filter_map(|(u, c)| Some(figures(site.registry.units[u].name.clone(), Some(u), c?)))
        .chain(
            other
                .into_iter()
                .map(|(n, c)| figures(n.to_string(), None, c)),
        )
        .collect();
    units.sort_by(|a, b| {
        b.counts
            .done_on_time
            .cmp(&a.counts.done_on_time)
            .then(a.counts.open_overdue.cmp(&b.counts.open_overdue))
            .then_with(|| crate::vi::collate::cmp(&a.name, &b.name))
    });
    let mut units_overdue: Vec<UnitFigures> = units
        .iter()
        .filter(|u| u.counts.open_overdue > 0)
        .cloned()
        .collect();
    units_overdue.sort_by(|a, b| {
        b.counts
            .open_overdue
            .cmp(&a.counts.open_overdue)
            .then_with(|| crate::vi::collate::cmp(&a.name, &b.name))
    });
    let compare = Some(match period {
        Some(p) => {
            let prev = p.previous();
            let mut c = Counts::default();
            for i in tasks_of(site, scope, Some(prev)) {
                c.add(&ix.status[i as usize]);
            }
            Compare {
                label: prev.label(),
                counts: c,
                done_since: 0,
                overdue_since: 0,
            }
        }
        None => {
            // The scope as it stood at the end of the last quarter before the report day.
            let then = Period::quarter_of(today).previous().range().1;
            let mut c = Counts::default();
            let (mut done_since, mut overdue_since) = (0, 0);
            for &i in &tasks {
                let task = site.task(ix.tasks[i as usize]);
                let old = TaskStatus::as_of(task, then);
                let now = ix.status[i as usize];
                c.add(&old);
                if now.state == State::Done && old.state != State::Done {
                    done_since += 1;
                }
                if now.overdue && !old.overdue {
                    overdue_since += 1;
                }
            }
            Compare {
                label: format!("ngày {}", then.format("%d/%m/%Y")),
                counts: c,
                done_since,
                overdue_since,
            }
        }
    });
    Summary {
        scope,
        period,
        as_of: today,
        counts,
        units,
        units_overdue,
        overdue,
        overdue_total,
        compare,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_are_written_as_vietnamese_does() {
        let c = Counts {
            timed: 8,
            ..Counts::default()
        };
        assert_eq!(c.pct(3), "37,5%");
        assert_eq!(c.pct(4), "50%");
        assert_eq!(c.pct(0), "0%");
        assert_eq!(Counts::default().pct(0), "–");
        let c = Counts {
            timed: 3,
            ..Counts::default()
        };
        assert_eq!(c.pct(1), "33,3%");
        assert_eq!(c.pct(2), "66,7%");
    }
}
