//! Views for another portal to take in (`nhung/`): under Nghị định 224/2026 a commune's site
//! is a component of the province's portal, which shows a plan's progress or a unit's open
//! tasks in an `<iframe>`. Each view is a small standalone page (no header, navigation or
//! footer of the portal; the same stylesheet; its links open in the top window) with the same
//! figures as JSON beside it (`du-lieu.json`, a stable schema for a program). Bounded: a plan's
//! view counts its tasks and names the five longest overdue; a unit's names at most
//! [`UNIT_OPEN_SHOWN`] open tasks in the page and [`UNIT_OPEN_LISTED`] in its JSON.

use super::home::{Brief, brief};
use super::{Key, Kind, Page, page};
use crate::diag::Diagnostic;
use crate::render::Renderer;
use crate::site::Progress;
use crate::site::status::State;
use crate::urls;
use serde::Serialize;
use std::hash::Hash;

pub(in crate::render) struct EmbedPlan;
pub(in crate::render) struct EmbedUnit;

/// Overdue tasks a plan's view names (the longest overdue).
const PLAN_OVERDUE_SHOWN: usize = 5;
/// Open tasks a unit's view names (the soonest due).
const UNIT_OPEN_SHOWN: usize = 10;
/// Open tasks a unit's JSON lists (the soonest due); the rest are counted.
const UNIT_OPEN_LISTED: usize = 100;

#[derive(Serialize)]
struct EmbedView {
    heading: String,
    meta: String,
    /// The full page on the portal.
    href: String,
    progress: Progress,
    tasks_heading: String,
    tasks: Vec<Brief>,
    more: usize,
    more_href: String,
    json: String,
}

/// A task in the JSON of a view.
#[derive(Serialize)]
struct TaskJson {
    id: String,
    no: String,
    content: String,
    lead: String,
    due: String,
    /// The last day of the deadline in force (`YYYY-MM-DD`), when it has one.
    due_end: Option<String>,
    status: &'static str,
    /// `done_on_time`, `done_late`, `open_on_time`, `open_overdue`, or `""`.
    timeliness: &'static str,
    overdue: bool,
    /// Its place on the portal, from the site root (as in `tasks.json`).
    url: String,
}

#[derive(Serialize)]
struct Counts {
    total: u32,
    done: u32,
    in_progress: u32,
    not_started: u32,
    not_updated: u32,
    cancelled: u32,
    overdue: u32,
    overdue_unreported: u32,
    done_on_time: u32,
    done_late: u32,
    open_on_time: u32,
    open_overdue: u32,
}

impl From<&Progress> for Counts {
    fn from(p: &Progress) -> Counts {
        Counts {
            total: p.total,
            done: p.done,
            in_progress: p.in_progress,
            not_started: p.not_started,
            not_updated: p.not_updated,
            cancelled: p.cancelled,
            overdue: p.overdue,
            overdue_unreported: p.overdue_unreported,
            done_on_time: p.done_on_time,
            done_late: p.done_late,
            open_on_time: p.open_on_time,
            open_overdue: p.open_overdue,
        }
    }
}

fn task_json(r: &Renderer, i: u32) -> TaskJson {
    let s = r.site;
    let t = s.index.tasks[i as usize];
    let task = s.task(t);
    let plan = s.plan_of(t);
    let st = s.index.status[i as usize];
    let due = task.due_now();
    TaskJson {
        id: task.id.clone(),
        no: task.no.clone(),
        content: task.content.clone(),
        lead: task.lead_text(),
        due: due.text.clone(),
        due_end: due
            .end
            .filter(|_| due.kind.is_dated())
            .map(|e| e.to_string()),
        status: st.state.code(),
        timeliness: st.timeliness.code(),
        overdue: st.overdue,
        url: urls::task(&plan.slug, &task.id),
    }
}

/// The link from a view to its JSON (beside it, in the same folder).
fn json_link(dir: &str) -> String {
    urls::embed_json(dir)
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_string()
}

/// The JSON beside a view, pretty-printed (it is read by people writing the program too).
fn json_file(dir: &str, value: &impl Serialize) -> Result<(String, Vec<u8>), Diagnostic> {
    let path = urls::embed_json(dir);
    let bytes = serde_json::to_vec_pretty(value).map_err(|e| {
        Diagnostic::error(
            std::path::PathBuf::from(&path),
            None,
            crate::tr!(crate::msg::CANNOT_MAKE, error = e),
        )
    })?;
    Ok((path, bytes))
}

/// The plans with tasks, by their position in `site.plans`.
fn plans_with_tasks(r: &Renderer) -> Vec<usize> {
    (0..r.site.plans.len())
        .filter(|&p| r.site.plans[p].task_count() > 0)
        .collect()
}

impl Kind for EmbedPlan {
    fn keys(&self, r: &Renderer) -> Vec<Key> {
        plans_with_tasks(r)
            .into_iter()
            .map(|item| Key { item, page: 1 })
            .collect()
    }

    fn dir(&self, r: &Renderer, key: Key) -> String {
        urls::embed_plan(&r.site.plans[key.item].slug)
    }

    fn fingerprint(&self, r: &Renderer, key: Key) -> Option<u64> {
        let s = r.site;
        let first = s.index.first_task[key.item];
        let n = s.plans[key.item].task_count() as u32;
        Some(r.hash(|h| {
            (
                "embed-plan",
                self.dir(r, key),
                s.today,
                &s.plans[key.item].title,
            )
                .hash(h);
            (&s.plans[key.item].number, &s.plans[key.item].issuer).hash(h);
            r.hash_rows(first..first + n, h);
        }))
    }

    fn page(&self, r: &Renderer, key: Key) -> Result<Page, Diagnostic> {
        let s = r.site;
        let plan = &s.plans[key.item];
        let first = s.index.first_task[key.item];
        let all: Vec<u32> = (first..first + plan.task_count() as u32).collect();
        let progress = s.progress(all.iter().copied());
        let mut overdue: Vec<u32> = all
            .iter()
            .copied()
            .filter(|&i| s.index.status[i as usize].overdue)
            .collect();
        s.sort_by_days_overdue(&mut overdue);
        let dir = self.dir(r, key);
        let heading = format!("{} {}: {}", plan.kind, plan.number_label(), plan.title);
        let meta = [
            plan.issuer.clone(),
            plan.date
                .as_ref()
                .map(|d| format!("ban hành {}", d.long_vi())),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
        let view = EmbedView {
            heading: heading.clone(),
            meta,
            href: r.links.plan(&plan.slug),
            tasks_heading: "Quá hạn lâu nhất".into(),
            tasks: overdue
                .iter()
                .take(PLAN_OVERDUE_SHOWN)
                .map(|&i| brief(r, i))
                .collect(),
            more: overdue.len().saturating_sub(PLAN_OVERDUE_SHOWN),
            more_href: format!("{}#nhiem-vu", r.links.plan(&plan.slug)),
            json: json_link(&dir),
            progress,
        };
        #[derive(Serialize)]
        struct PlanJson<'a> {
            schema: u32,
            today: String,
            plan: PlanMeta<'a>,
            counts: Counts,
            tasks: Vec<TaskJson>,
        }
        #[derive(Serialize)]
        struct PlanMeta<'a> {
            slug: &'a str,
            kind: &'a str,
            number: &'a Option<String>,
            title: &'a str,
            issuer: &'a Option<String>,
            date: Option<String>,
            url: String,
        }
        let json = json_file(
            &dir,
            &PlanJson {
                schema: 1,
                today: s.today.to_string(),
                plan: PlanMeta {
                    slug: &plan.slug,
                    kind: &plan.kind,
                    number: &plan.number,
                    title: &plan.title,
                    issuer: &plan.issuer,
                    date: crate::render::views::doc_date(&plan.date).1,
                    url: urls::plan(&plan.slug),
                },
                counts: Counts::from(&view.progress),
                tasks: all.iter().map(|&i| task_json(r, i)).collect(),
            },
        )?;
        let mut p = page("embed.html", r.base_context(&dir, &heading, "embed"), &view);
        p.files.push(json);
        Ok(p)
    }
}

/// A unit's open tasks (it leads them; neither done nor cancelled), the soonest due first
/// (undated last).
fn open_led(r: &Renderer, u: usize) -> Vec<u32> {
    let s = r.site;
    let mut open: Vec<(Option<chrono::NaiveDate>, u32)> = s.index.lead[u]
        .iter()
        .copied()
        .filter(|&i| {
            !matches!(
                s.index.status[i as usize].state,
                State::Done | State::Cancelled
            )
        })
        .map(|i| {
            let d = s.task(s.index.tasks[i as usize]).due_now();
            (d.end.filter(|_| d.kind.is_dated()), i)
        })
        .collect();
    // Dated first, by their last day; then the undated, in site order.
    open.sort_by_key(|&(d, i)| (d.is_none(), d, i));
    open.into_iter().map(|(_, i)| i).collect()
}

impl Kind for EmbedUnit {
    fn keys(&self, r: &Renderer) -> Vec<Key> {
        r.unit_order
            .iter()
            .copied()
            .filter(|&u| !r.site.index.lead[u].is_empty())
            .map(|item| Key { item, page: 1 })
            .collect()
    }

    fn dir(&self, r: &Renderer, key: Key) -> String {
        urls::embed_unit(&r.site.registry.units[key.item].slug)
    }

    fn fingerprint(&self, r: &Renderer, key: Key) -> Option<u64> {
        let s = r.site;
        Some(r.hash(|h| {
            ("embed-unit", self.dir(r, key), s.today).hash(h);
            s.registry.units[key.item].name.hash(h);
            r.hash_rows(s.index.lead[key.item].iter().copied(), h);
        }))
    }

    fn page(&self, r: &Renderer, key: Key) -> Result<Page, Diagnostic> {
        let s = r.site;
        let unit = &s.registry.units[key.item];
        let dir = self.dir(r, key);
        let open = open_led(r, key.item);
        let progress = s.progress(s.index.lead[key.item].iter().copied());
        let heading = format!("Nhiệm vụ do {} chủ trì", unit.name);
        let view = EmbedView {
            heading: heading.clone(),
            meta: format!("{} nhiệm vụ đang mở", open.len()),
            href: r.links.unit(&unit.slug),
            tasks_heading: "Đang mở, hạn sớm nhất trước".into(),
            tasks: open
                .iter()
                .take(UNIT_OPEN_SHOWN)
                .map(|&i| brief(r, i))
                .collect(),
            more: open.len().saturating_sub(UNIT_OPEN_SHOWN),
            more_href: r.links.unit(&unit.slug),
            json: json_link(&dir),
            progress,
        };
        #[derive(Serialize)]
        struct UnitJson<'a> {
            schema: u32,
            today: String,
            unit: UnitMeta<'a>,
            counts: Counts,
            open_count: usize,
            /// The soonest due, at most [`UNIT_OPEN_LISTED`].
            open: Vec<TaskJson>,
        }
        #[derive(Serialize)]
        struct UnitMeta<'a> {
            slug: &'a str,
            name: &'a str,
            url: String,
        }
        let json = json_file(
            &dir,
            &UnitJson {
                schema: 1,
                today: s.today.to_string(),
                unit: UnitMeta {
                    slug: &unit.slug,
                    name: &unit.name,
                    url: urls::unit(&unit.slug),
                },
                counts: Counts::from(&view.progress),
                open_count: open.len(),
                open: open
                    .iter()
                    .take(UNIT_OPEN_LISTED)
                    .map(|&i| task_json(r, i))
                    .collect(),
            },
        )?;
        let mut p = page("embed.html", r.base_context(&dir, &heading, "embed"), &view);
        p.files.push(json);
        Ok(p)
    }
}
