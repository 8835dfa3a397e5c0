//! Reports on carrying out the plans (`bao-cao/`): a catalogue, then a report for every plan,
//! for every unit (the tasks it leads), for all plans, and for all plans in each period
//! (quarter, six months, year) that has tasks due in it. Each prints on A4 in the form of
//! Nghị định 30/2020 and links its Word document, made from the same figures and written
//! beside the page ([`Page::files`]: an incremental rebuild makes it again only when the page
//! changes). The catalogue lists the plans' reports a page at a time. The figures and text
//! are [`crate::report`]'s.

use super::{Key, Kind, Page, page, paginated};
use crate::diag::Diagnostic;
use crate::render::Renderer;
use crate::report::period::Period;
use crate::report::summary::Scope;
use crate::urls;
use serde::Serialize;
use std::hash::{Hash, Hasher as _};

pub(in crate::render) struct Reports;

#[derive(Serialize)]
struct Entry {
    label: String,
    href: String,
    /// Tasks due (counted in the four states), and done on time.
    timed: u32,
    done_on_time: u32,
    open_overdue: u32,
}

#[derive(Serialize)]
struct CatalogueView {
    whole: Vec<Entry>,
    periods: Vec<Entry>,
    plans: Vec<Entry>,
    units: Vec<Entry>,
    /// The plans' reports are listed a page at a time (the other sections on the first).
    pagination: crate::render::Pagination,
}

/// The positions in [`Renderer::reports`] that the catalogue's page `page` lists: on the
/// first, every report that is not a plan's, then that page's share of the plans' reports.
fn catalogue_entries(r: &Renderer, page: usize) -> (Vec<usize>, usize) {
    let plans: Vec<usize> = (0..r.reports.len())
        .filter(|&k| matches!(r.reports[k].0, Scope::Plan(_)))
        .collect();
    let mut shown: Vec<usize> = if page == 1 {
        (0..r.reports.len())
            .filter(|&k| !matches!(r.reports[k].0, Scope::Plan(_)))
            .collect()
    } else {
        Vec::new()
    };
    shown.extend(&plans[r.page_range(plans.len(), page)]);
    (shown, plans.len())
}

#[derive(Serialize)]
struct ReportView<'a> {
    report: &'a crate::report::Report,
    /// The general table's rows: (label, count, percentage).
    rows: Vec<(&'static str, u32, String)>,
    facts: String,
    most_overdue: Option<String>,
    compare: String,
    docx: String,
    /// The overdue tasks listed (at most [`crate::report::OVERDUE_LISTED`]).
    overdue: &'a [crate::report::summary::OverdueTask],
    /// The site's list of every overdue task.
    overdue_list: String,
}

impl Kind for Reports {
    fn keys(&self, r: &Renderer) -> Vec<Key> {
        // Item 0: the catalogue (its plans a page at a time); item k ≥ 1: report k − 1 of
        // the list.
        let plans = r
            .reports
            .iter()
            .filter(|(s, _)| matches!(s, Scope::Plan(_)))
            .count();
        paginated(0, plans, r.page_size())
            .chain((1..=r.reports.len()).map(|item| Key { item, page: 1 }))
            .collect()
    }

    fn dir(&self, r: &Renderer, key: Key) -> String {
        match key.item {
            0 => urls::paged(urls::REPORTS, key.page),
            k => {
                let (scope, period) = r.reports[k - 1];
                crate::report::dir(r.site, scope, period)
            }
        }
    }

    fn fingerprint(&self, r: &Renderer, key: Key) -> Option<u64> {
        let s = r.site;
        Some(r.hash(|h| {
            ("report", key.item, key.page, s.today).hash(h);
            let scopes: Vec<(Scope, Option<Period>)> = match key.item {
                0 => {
                    let (shown, plans) = catalogue_entries(r, key.page);
                    plans.hash(h);
                    shown.iter().map(|&k| r.reports[k]).collect()
                }
                k => vec![r.reports[k - 1]],
            };
            for (scope, period) in scopes {
                self.dir(r, key).hash(h);
                if let Scope::Plan(pi) = scope {
                    let p = &s.plans[pi];
                    (&p.number, &p.title, &p.kind, &p.issuer).hash(h);
                    p.date.as_ref().map(|d| (d.year, d.month, d.day)).hash(h);
                }
                let tasks = crate::report::summary::tasks_of(s, scope, period);
                report_facts(r, &tasks, h);
                if let Some(p) = period {
                    let prev = crate::report::summary::tasks_of(s, scope, Some(p.previous()));
                    report_facts(r, &prev, h);
                }
            }
        }))
    }

    fn page(&self, r: &Renderer, key: Key) -> Result<Page, Diagnostic> {
        let s = r.site;
        if key.item == 0 {
            let entry = |scope: Scope, period: Option<Period>, label: String| {
                let c = crate::report::summary::counts(s, scope, period);
                Entry {
                    label,
                    href: r.links.dir(&crate::report::dir(s, scope, period)),
                    timed: c.timed,
                    done_on_time: c.done_on_time,
                    open_overdue: c.open_overdue,
                }
            };
            let (shown, plans) = catalogue_entries(r, key.page);
            let mut view = CatalogueView {
                whole: Vec::new(),
                periods: Vec::new(),
                plans: Vec::new(),
                units: Vec::new(),
                pagination: r.pagination(urls::REPORTS, key.page, plans),
            };
            for &(scope, period) in shown.iter().map(|&k| &r.reports[k]) {
                match (scope, period) {
                    (Scope::Site, None) => {
                        view.whole
                            .push(entry(scope, period, "Tất cả các kế hoạch".into()))
                    }
                    (Scope::Site, Some(p)) => {
                        view.periods
                            .push(entry(scope, period, capitalised(&p.label())))
                    }
                    (Scope::Plan(pi), _) => {
                        let p = &s.plans[pi];
                        view.plans.push(entry(
                            scope,
                            period,
                            format!("{} — {}", p.number_label(), p.title),
                        ))
                    }
                    (Scope::Unit(u), _) => {
                        view.units
                            .push(entry(scope, period, s.registry.units[u].name.clone()))
                    }
                }
            }
            return Ok(page(
                "reports.html",
                r.base_context(
                    &urls::paged(urls::REPORTS, key.page),
                    "Báo cáo kết quả thực hiện",
                    "reports",
                ),
                &view,
            ));
        }
        let (scope, period) = r.reports[key.item - 1];
        let dir = crate::report::dir(s, scope, period);
        let report = crate::report::report(s, scope, period);
        let title = format!("Báo cáo: {}", report.title);
        // Its Word document, made with the page from the same figures.
        let docx_path = urls::report_docx(&dir);
        let docx = crate::report::docx::write(&report.document()).map_err(|e| {
            Diagnostic::error(
                std::path::PathBuf::from(&docx_path),
                None,
                crate::tr!(crate::msg::REPORT_DOCX_NOT_MADE, error = e),
            )
        })?;
        let view = ReportView {
            rows: report.summary.counts.rows(),
            facts: crate::report::facts(&report.summary.counts),
            most_overdue: crate::report::most_overdue(&report.summary),
            compare: report.compare_text(),
            docx: urls::report_docx(&dir),
            overdue: &report.summary.overdue,
            overdue_list: r.links.dir(&urls::overdue_tasks()),
            report: &report,
        };
        let mut page = page(
            "report.html",
            r.base_context(&dir, &title, "reports"),
            &view,
        );
        page.files.push((docx_path, docx));
        Ok(page)
    }
}

/// Hashes what a report shows of `tasks` ([`report_fact`] of each).
fn report_facts(r: &Renderer, tasks: &[u32], h: &mut std::hash::DefaultHasher) {
    // The facts folded by FxHash (each step a bijection of the one before: a fact changed
    // alone always changes the result), then hashed with the rest: a site's reports hash
    // hundreds of thousands of facts a rebuild, a quarter of a status edit's page checks
    // with SipHash.
    let mut fx = rustc_hash::FxHasher::default();
    for &i in tasks {
        fx.write_u64(r.report_facts.get(i as usize).copied().unwrap_or(0));
    }
    (tasks.len(), fx.finish()).hash(h);
}

/// A hash of what a report shows of task `i` (a position in `index.tasks`): its status,
/// lead units, deadline in force and update history (the comparison with an earlier day
/// reads it), and the wording of one it may list (an overdue one). A change of an open
/// task's wording elsewhere leaves the report as it is: the site's and the periods' reports
/// are the costliest pages to make.
pub(in crate::render) fn report_fact(s: &crate::site::Site, i: usize) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    let st = s.index.status[i];
    let t = s.index.tasks[i];
    let task = s.task(t);
    st.hash(&mut h);
    for m in &task.lead {
        (m.unit, &*m.text).hash(&mut h);
    }
    let due = task.due_now();
    (&due.text, due.end).hash(&mut h);
    for u in &task.updates {
        (u.date, u.status, u.completed).hash(&mut h);
    }
    if st.overdue {
        let plan = s.plan_of(t);
        (
            task.content.lines().next(),
            &task.id,
            &plan.slug,
            &plan.number,
        )
            .hash(&mut h);
    }
    std::hash::Hasher::finish(&h)
}

/// "quý IV năm 2025" → "Quý IV năm 2025".
fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
