//! The home page: the newest plans, task counts by status, overdue tasks and tasks due in
//! the next 30 days, each a short list with a link to the whole list.

use super::{Key, Kind, Page, page};
use crate::diag::Diagnostic;
use crate::render::Renderer;
use crate::render::views::PlanCard;
use crate::site::Progress;
use crate::site::status::State;
use crate::urls;
use serde::Serialize;

/// Plans shown on the home page (the newest).
const NEWEST_PLANS: usize = 6;
/// Overdue tasks and tasks due soon shown on the home page, each.
const TASKS_SHOWN: usize = 10;
/// "Due soon": within this many days of the build day.
const DUE_SOON_DAYS: i64 = 30;

pub(in crate::render) struct Home;

#[derive(Serialize)]
struct HomeView {
    plans: Vec<PlanCard>,
    plan_count: usize,
    progress: Progress,
    overdue_count: usize,
    /// Row placeholders (see [`Renderer::rows`]).
    overdue: Vec<String>,
    due_soon_count: usize,
    due_soon: Vec<String>,
    overdue_href: String,
}

impl Kind for Home {
    fn keys(&self, _: &Renderer) -> Vec<Key> {
        vec![Key::ONE]
    }

    fn dir(&self, _: &Renderer, _: Key) -> String {
        String::new()
    }

    fn page(&self, r: &Renderer, _: Key) -> Result<Page, Diagnostic> {
        let s = r.site;
        let all: Vec<u32> = (0..s.plans.len() as u32).collect();
        let tasks = 0..s.index.tasks.len() as u32;
        let overdue: Vec<u32> = tasks
            .clone()
            .filter(|&i| s.index.status[i as usize].overdue)
            .collect();
        let mut soon: Vec<(chrono::NaiveDate, u32)> = tasks
            .clone()
            .filter(|&i| {
                let st = s.index.status[i as usize].state;
                st != State::Done && st != State::Cancelled
            })
            .filter_map(|i| {
                let d = s
                    .task(s.index.tasks[i as usize])
                    .due_now()
                    .next_due(s.today)?;
                (d >= s.today && (d - s.today).num_days() <= DUE_SOON_DAYS).then_some((d, i))
            })
            .collect();
        soon.sort();
        let soon: Vec<u32> = soon.into_iter().map(|(_, i)| i).collect();
        let view = HomeView {
            plans: r.plan_cards(&all[..all.len().min(NEWEST_PLANS)]),
            plan_count: s.plans.len(),
            progress: s.progress(tasks),
            overdue_count: overdue.len(),
            overdue: r.rows(&overdue[..overdue.len().min(TASKS_SHOWN)], false),
            due_soon_count: soon.len(),
            due_soon: r.rows(&soon[..soon.len().min(TASKS_SHOWN)], false),
            overdue_href: r.links.dir(&urls::overdue_tasks()),
        };
        Ok(page(
            "home.html",
            r.base_context("", &s.config.title, "home"),
            &view,
        ))
    }
}
