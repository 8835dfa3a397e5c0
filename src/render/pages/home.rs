//! The home page: the newest plans, task counts by status, overdue tasks and tasks due in
//! the next 30 days, each a short list with a link to the whole list. Short enough for a phone
//! (about four screens at 390 px): the task lists are one line of content each, with the lead
//! unit and the deadline, not the lists' full rows.

use super::{Key, Kind, Page, page};
use crate::diag::Diagnostic;
use crate::render::Renderer;
use crate::render::views::PlanCard;
use crate::site::Progress;
use crate::site::status::State;
use crate::urls;
use serde::Serialize;

/// Plans shown on the home page (the newest).
const NEWEST_PLANS: usize = 3;
/// Overdue tasks and tasks due soon shown on the home page, each.
const TASKS_SHOWN: usize = 5;
/// A task's content on the home page: its first line, cut at a word to about this many
/// characters.
const BRIEF_CHARS: usize = 120;
/// "Due soon": within this many days of the build day.
const DUE_SOON_DAYS: i64 = 30;

pub(in crate::render) struct Home;

#[derive(Serialize)]
struct HomeView {
    plans: Vec<PlanCard>,
    plan_count: usize,
    progress: Progress,
    overdue_count: usize,
    overdue: Vec<Brief>,
    due_soon_count: usize,
    due_soon: Vec<Brief>,
    overdue_href: String,
}

/// A task in one line: what it is, who leads it, by when.
#[derive(Serialize)]
pub(super) struct Brief {
    content: String,
    href: String,
    lead: String,
    due: String,
}

pub(super) fn brief(r: &Renderer, i: u32) -> Brief {
    let s = r.site;
    let t = s.index.tasks[i as usize];
    let task = s.task(t);
    let plan = s.plan_of(t);
    Brief {
        content: shorten(task.content.lines().next().unwrap_or_default(), BRIEF_CHARS),
        href: format!("{}#{}", r.links.plan(&plan.slug), task.id),
        lead: task.lead_text(),
        due: task.due_now().text.clone(),
    }
}

/// `text` cut at a word boundary to at most about `max` characters, with "…" when cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let at = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end_matches([',', ';', ':', ' ']))
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
        // The longest overdue first, as in every overdue list.
        let mut overdue = overdue;
        s.sort_by_days_overdue(&mut overdue);
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
            overdue: overdue[..overdue.len().min(TASKS_SHOWN)]
                .iter()
                .map(|&i| brief(r, i))
                .collect(),
            due_soon_count: soon.len(),
            due_soon: soon[..soon.len().min(TASKS_SHOWN)]
                .iter()
                .map(|&i| brief(r, i))
                .collect(),
            overdue_href: r.links.dir(&urls::overdue_tasks()),
        };
        Ok(page(
            "home.html",
            r.base_context("", &s.config.title, "home"),
            &view,
        ))
    }
}
