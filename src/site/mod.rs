//! The assembled site: every plan read and resolved, and the one shared index from which the
//! cross-plan views (units, tasks, topics, years, exports) are computed.

pub mod columns;
pub mod load;
pub mod publication;
pub mod refs;
pub mod status;

use crate::config::Config;
use crate::content::units::Registry;
use crate::content::{Page, Plan, Task};
use chrono::NaiveDate;
pub use status::{Progress, TaskStatus};
use std::collections::HashMap;
use std::sync::Arc;

/// Values made from each plan, kept between builds and reused while the site holds the same
/// shared plan (the same `Arc`: its file did not change). An entry holds its plan, so that no
/// other plan can take its address while the entry exists.
#[derive(Debug)]
pub struct PerPlan<T> {
    map: HashMap<usize, (Arc<Plan>, T)>,
}

impl<T> Default for PerPlan<T> {
    fn default() -> Self {
        PerPlan {
            map: HashMap::new(),
        }
    }
}

fn plan_key(plan: &Arc<Plan>) -> usize {
    Arc::as_ptr(plan) as usize
}

impl<T: Clone> PerPlan<T> {
    /// The value kept for this very plan, if any.
    pub fn get(&self, plan: &Arc<Plan>) -> Option<T> {
        self.map
            .get(&plan_key(plan))
            .filter(|(kept, _)| Arc::ptr_eq(kept, plan))
            .map(|(_, v)| v.clone())
    }

    /// Keeps exactly `values`, one for each plan of `plans`; forgets the rest.
    pub fn keep(&mut self, plans: &[Arc<Plan>], values: impl IntoIterator<Item = T>) {
        self.map = plans
            .iter()
            .zip(values)
            .map(|(p, v)| (plan_key(p), (p.clone(), v)))
            .collect();
    }

    pub fn clear(&mut self) {
        self.map.clear();
    }
}

/// A task's place: plan, group and position, as indexes into [`Site::plans`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TaskRef {
    pub plan: u32,
    pub group: u32,
    pub task: u32,
}

#[derive(Debug, Clone)]
pub struct Topic {
    pub name: String,
    /// [`crate::vi::key`] of the name: plans that spell the topic differently share it.
    pub key: String,
    pub slug: String,
    /// Plans of this topic, newest first (indexes into `Site::plans`).
    pub plans: Vec<u32>,
}

#[derive(Debug, Clone)]
pub struct Issuer {
    pub name: String,
    pub slug: String,
    pub plans: Vec<u32>,
}

/// Cross-plan views, computed once.
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// Every task of the site: plans newest first, each in document order.
    pub tasks: Vec<TaskRef>,
    /// Per plan: the position in `tasks` of its first task.
    pub first_task: Vec<u32>,
    /// Status of each task of `tasks`, same order.
    pub status: Vec<TaskStatus>,
    /// Per registry unit: positions in `tasks` of the tasks it leads / supports.
    pub lead: Vec<Vec<u32>>,
    pub support: Vec<Vec<u32>>,
    pub topics: Vec<Topic>,
    pub issuers: Vec<Issuer>,
    /// Years of issue, newest first, with their plans.
    pub years: Vec<(i32, Vec<u32>)>,
    /// The tasks with a dated deadline in force, as (its last day, position in `tasks`),
    /// sorted: what deadline periods and period reports select by range.
    pub dated: Vec<(chrono::NaiveDate, u32)>,
    /// Per plan: the references in its basis and prose ([`refs::plan_refs`]), found once
    /// when it is read.
    pub refs: Vec<std::sync::Arc<[refs::Ref]>>,
    /// Per plan: a bound of its tasks' bytes in `tasks.json`, but `base_url`
    /// ([`crate::export::data::plan_json_bound`]).
    pub json_bound: Vec<usize>,
}

impl Index {
    /// The positions of the tasks whose deadline in force ends within `from ..= to`, in
    /// deadline order.
    pub fn due_between(
        &self,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    ) -> &[(chrono::NaiveDate, u32)] {
        let a = self.dated.partition_point(|&(d, _)| d < from);
        let b = self.dated.partition_point(|&(d, _)| d <= to);
        &self.dated[a..b.max(a)]
    }
}

#[derive(Debug)]
pub struct Site {
    pub config: Config,
    pub registry: Registry,
    /// Newest first. Shared so that a rebuild reuses the plans whose files did not change.
    pub plans: Vec<std::sync::Arc<Plan>>,
    pub pages: Vec<Page>,
    pub today: NaiveDate,
    pub index: Index,
    /// The day each plan was first published, by position in `plans`: filled by a build
    /// ([`publication::dates`]); empty otherwise, when every plan reads as published today.
    pub published: Vec<NaiveDate>,
}

impl Site {
    pub fn task(&self, r: TaskRef) -> &Task {
        &self.plans[r.plan as usize].groups[r.group as usize].tasks[r.task as usize]
    }
    pub fn plan_of(&self, r: TaskRef) -> &Plan {
        &self.plans[r.plan as usize]
    }
    /// The day plan `p` was first published ([`publication`]).
    pub fn published_on(&self, p: usize) -> NaiveDate {
        self.published.get(p).copied().unwrap_or(self.today)
    }
    /// Sorts positions in `index.tasks` by days overdue, most first: by the last day of the
    /// deadline in force, earliest first (then in site order). What every overdue list shows.
    pub fn sort_by_days_overdue(&self, positions: &mut [u32]) {
        positions.sort_unstable_by_key(|&i| (self.index.status[i as usize].dated_end, i));
    }

    /// Status counts over a set of positions in `index.tasks`.
    pub fn progress(&self, positions: impl IntoIterator<Item = u32>) -> Progress {
        let mut p = Progress::default();
        for i in positions {
            p.add(self.index.status[i as usize]);
        }
        p
    }
}
