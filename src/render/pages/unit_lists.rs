//! A unit's tasks in one state: for each unit and each of the site's timeliness lists
//! (overdue, overdue never reported, done on time …), the tasks it leads, and of those it
//! supports the overdue ones, each a paginated list sorted by deadline (overdue ones by days
//! overdue). The tasks it leads in each status are runs of its own page's list, which is
//! ordered by status ([`UnitRun`]): they are not listed a second time. The counts on a unit's
//! page link to both, so "what is overdue?" is one tap away.

use super::tasks::{ListKind, TaskList};
use super::{Cuts, Key, Kind, Page, page, paginated};
use crate::diag::Diagnostic;
use crate::render::{Pagination, Renderer};
use crate::site::Site;
use crate::urls;
use serde::Serialize;
use std::collections::BTreeMap;
use std::hash::Hash;

pub(in crate::render) struct UnitLists;

/// One unit's tasks of one site list, in one role.
pub(in crate::render) struct UnitList {
    pub unit: usize,
    pub lead: bool,
    /// The code its counts are named by in a progress block (`overdue`, `done` …).
    pub code: &'static str,
    pub label: String,
    pub base: String,
    /// Positions in `index.tasks`, in the order shown.
    pub tasks: Vec<u32>,
}

/// The tasks a unit leads in one status: a run of its page's list, which holds the tasks it
/// leads by status (in [`State::ALL`](crate::site::status::State::ALL) order, each status as the site's list of it orders
/// them), then those it supports.
#[derive(Debug, Clone)]
pub(in crate::render) struct UnitRun {
    /// The status's code (what its count in a progress block is named by) and slug (the id
    /// of the heading row that starts the run).
    pub code: &'static str,
    pub slug: &'static str,
    pub label: &'static str,
    /// Where it starts in the unit's list, and how many.
    pub start: usize,
    pub len: usize,
}

/// A unit's page's list: the tasks it leads by status, then those it supports.
pub(in crate::render) struct UnitOrder {
    /// The tasks it leads in the order of its page (by status, each status in site order, as
    /// the site's runs of it are).
    pub lead: Vec<u32>,
    /// The runs of each status in `lead`.
    pub runs: Vec<UnitRun>,
    /// The pages of the list (`lead`, then the tasks it supports), cut by content: a status
    /// edit moves a row between runs and changes the pages of its old and new places only.
    pub cuts: Cuts,
}

/// Per unit (by registry index): the order of its page's list ([`UnitOrder`]), cut into
/// pages by each task's key (`keys`, [`super::task_keys`]).
pub(in crate::render) fn unit_runs(site: &Site, keys: &[u64]) -> Vec<UnitOrder> {
    let ix = &site.index;
    (0..site.registry.units.len())
        .map(|u| {
            let mut order: Vec<u32> = ix.lead[u].clone();
            order.sort_by_key(|&i| (ix.status[i as usize].state, i));
            let mut runs: Vec<UnitRun> = Vec::new();
            for (k, &i) in order.iter().enumerate() {
                let st = ix.status[i as usize].state;
                match runs.last_mut() {
                    Some(r) if r.code == st.code() => r.len += 1,
                    _ => runs.push(UnitRun {
                        code: st.code(),
                        slug: st.slug(),
                        label: st.label(),
                        start: k,
                        len: 1,
                    }),
                }
            }
            let cuts = Cuts::by_content(
                order
                    .iter()
                    .chain(&ix.support[u])
                    .map(|&i| keys[i as usize]),
                site.config.page_size,
            );
            UnitOrder {
                lead: order,
                runs,
                cuts,
            }
        })
        .collect()
}

/// The code of a site list in a progress block: what [`unit_lists`] names each one by.
fn code_of(list: &TaskList) -> Option<&'static str> {
    use crate::site::status::{State, Timeliness};
    if matches!(list.kind, ListKind::Status | ListKind::StateRun) {
        if list.base == urls::overdue_tasks() {
            return Some("overdue");
        }
        return State::ALL
            .into_iter()
            .find(|s| list.base == urls::tasks_in_state(s.slug()))
            .map(State::code);
    }
    if list.kind == ListKind::Timeliness {
        if list.base == urls::overdue_unreported_tasks() {
            return Some("overdue_unreported");
        }
        return Timeliness::COUNTED
            .into_iter()
            .find(|&t| urls::tasks_by_timeliness(t).as_deref() == Some(list.base.as_str()))
            .map(Timeliness::code);
    }
    None
}

/// Every unit's non-empty lists, from the site's status and timeliness lists (whose order
/// they keep: by deadline, overdue ones by days overdue).
pub(in crate::render) fn unit_lists(
    site: &Site,
    lists: &[TaskList],
    units: &[usize],
) -> Vec<UnitList> {
    let ix = &site.index;
    // The site lists' order: a task's place in each.
    let mut out = Vec::new();
    for list in lists {
        let Some(code) = code_of(list) else { continue };
        let mut place = vec![u32::MAX; ix.tasks.len()];
        for (k, &i) in list.tasks.iter().enumerate() {
            place[i as usize] = k as u32;
        }
        for &u in units {
            for (lead, own) in [(true, &ix.lead[u]), (false, &ix.support[u])] {
                // A unit answers for the tasks it leads: every state of those (each status a
                // run of its page's list, [`unit_runs`]); of the tasks it supports, the overdue
                // ones (the others are its leads' to report).
                if !lead && !code.starts_with("overdue") {
                    continue;
                }
                if list.kind == ListKind::StateRun {
                    continue;
                }
                let mut tasks: Vec<u32> = own
                    .iter()
                    .copied()
                    .filter(|&i| place[i as usize] != u32::MAX)
                    .collect();
                if tasks.is_empty() {
                    continue;
                }
                tasks.sort_by_key(|&i| place[i as usize]);
                out.push(UnitList {
                    unit: u,
                    lead,
                    code,
                    label: list.label.clone(),
                    base: urls::unit_list(&site.registry.units[u].slug, lead, &list.base),
                    tasks,
                });
            }
        }
    }
    out
}

/// The links of a unit's lists in one role, by code: what its progress block links its
/// counts to.
pub(in crate::render) fn links_of(
    r: &Renderer,
    unit: usize,
    lead: bool,
) -> BTreeMap<&'static str, String> {
    let mut out: BTreeMap<&'static str, String> = r
        .unit_lists
        .iter()
        .filter(|l| l.unit == unit && l.lead == lead)
        .map(|l| (l.code, r.links.dir(&l.base)))
        .collect();
    if lead {
        let base = urls::unit(&r.site.registry.units[unit].slug);
        let order = &r.unit_runs[unit];
        for run in &order.runs {
            let page = order.cuts.page_of(run.start);
            out.insert(
                run.code,
                format!("{}#{}", r.links.paged(&base, page), run_id(run.slug)),
            );
        }
    }
    out
}

/// The id of the heading row that starts a status's run on a unit's page.
pub(in crate::render) fn run_id(slug: &str) -> String {
    format!("chu-tri-{slug}")
}

#[derive(Serialize)]
struct UnitListView<'a> {
    tasks: Vec<String>,
    pagination: Pagination,
    heading: String,
    unit_name: &'a str,
    unit_href: String,
}

impl Kind for UnitLists {
    fn keys(&self, r: &Renderer) -> Vec<Key> {
        let size = r.page_size();
        r.unit_lists
            .iter()
            .enumerate()
            .flat_map(|(i, l)| paginated(i, l.tasks.len(), size))
            .collect()
    }

    fn dir(&self, r: &Renderer, key: Key) -> String {
        urls::paged(&r.unit_lists[key.item].base, key.page)
    }

    fn fingerprint(&self, r: &Renderer, key: Key) -> Option<u64> {
        let l = &r.unit_lists[key.item];
        Some(r.hash(|h| {
            ("unit-list", &l.base, key.page, l.tasks.len()).hash(h);
            r.hash_rows(
                l.tasks[r.page_range(l.tasks.len(), key.page)]
                    .iter()
                    .copied(),
                h,
            );
        }))
    }

    fn page(&self, r: &Renderer, key: Key) -> Result<Page, Diagnostic> {
        let l = &r.unit_lists[key.item];
        let unit = &r.site.registry.units[l.unit];
        let role = if l.lead { "chủ trì" } else { "phối hợp" };
        let heading = format!(
            "{}: nhiệm vụ {role} — {}",
            unit.name,
            l.label.to_lowercase()
        );
        let ctx = r.base_context(&self.dir(r, key), &heading, "units");
        let view = UnitListView {
            tasks: r.rows(&r.slice(&l.tasks, key.page), r.native.joined_rows),
            pagination: r.pagination(&l.base, key.page, l.tasks.len()),
            heading,
            unit_name: &unit.name,
            unit_href: r.links.unit(&unit.slug),
        };
        Ok(page("unit_tasks.html", ctx, &view))
    }
}
