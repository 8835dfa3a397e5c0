//! Task lists: every task, the tasks in each status, and the tasks by the year, quarter and
//! month of their deadline; each a paginated list, so the tasks can be filtered without
//! JavaScript. The first page of each list carries its counts and the filters.

use super::{Cuts, Key, Kind, Page, page, page_keys, pages_for};
use crate::diag::Diagnostic;
use crate::render::{Pagination, Renderer};
use crate::site::status::{State, Timeliness};
use crate::site::{Progress, Site};
use crate::urls;
use serde::Serialize;
use std::hash::Hash;

pub(in crate::render) struct TaskLists;

/// Which filter group a task list belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::render) enum ListKind {
    /// Every task.
    All,
    /// The overdue tasks.
    Status,
    /// The tasks in one status: a run of the list of all tasks (which is ordered by status),
    /// with no pages of its own; what links to it leads to the heading row starting it.
    StateRun,
    /// The tasks done on time, done late, open on time, or overdue and never reported.
    Timeliness,
    /// The tasks due in a year.
    Year,
    /// The tasks due in a quarter or a month: a run of its year's list (sorted by deadline),
    /// which its page links into rather than listing them again.
    PartOfYear,
    /// The tasks due in a year, quarter or month in one status, or overdue: what a period's
    /// counts link to.
    PeriodStatus,
}

impl ListKind {
    fn is_status(self) -> bool {
        matches!(self, ListKind::All | ListKind::Status | ListKind::StateRun)
    }
}

/// A server-rendered view of tasks: all, by status, or by deadline period.
#[derive(Debug, Clone)]
pub(in crate::render) struct TaskList {
    /// Its folder: `nhiem-vu`, `nhiem-vu/qua-han`, `nhiem-vu/han/2025/quy-4` …
    pub base: String,
    /// What the list holds, for headings and filter links.
    pub label: String,
    pub kind: ListKind,
    /// The year of a deadline period's list.
    pub year: Option<i32>,
    /// Of a period's list by status: the period's list (its folder and label).
    pub period: Option<(String, String)>,
    /// Positions in `index.tasks`.
    pub tasks: Vec<u32>,
    /// Status counts of `tasks`, computed once (not once per page).
    pub progress: Progress,
    /// Of a year's list: where each month's tasks start in it (offset, month).
    pub months: Vec<(usize, u32)>,
    /// Of a quarter's or a month's list: where its tasks start in its year's list.
    pub start: usize,
    /// Of the list of all tasks (ordered by status): its pages, cut by content.
    pub cuts: Option<Cuts>,
}

impl TaskList {
    fn new(base: String, label: String, kind: ListKind, tasks: Vec<u32>, site: &Site) -> Self {
        let progress = site.progress(tasks.iter().copied());
        TaskList {
            base,
            label,
            kind,
            year: None,
            period: None,
            tasks,
            progress,
            months: Vec::new(),
            start: 0,
            cuts: None,
        }
    }

    /// The positions in `tasks` of the rows of page `page`.
    fn range(&self, r: &Renderer, page: usize) -> std::ops::Range<usize> {
        match &self.cuts {
            Some(c) => c.range(page),
            None => r.page_range(self.tasks.len(), page),
        }
    }

    fn of_year(mut self, year: i32) -> Self {
        self.year = Some(year);
        self
    }
}

/// Every task list of the site, computed once from the shared index (`keys`: each task's
/// [`super::task_keys`], by which the list of all tasks is cut into pages).
pub(in crate::render) fn task_lists(site: &Site, keys: &[u64]) -> Vec<TaskList> {
    use chrono::Datelike;
    let ix = &site.index;
    let all: Vec<u32> = (0..ix.tasks.len() as u32).collect();
    let pick = |f: &dyn Fn(crate::site::TaskStatus) -> bool| {
        all.iter()
            .copied()
            .filter(|&i| f(ix.status[i as usize]))
            .collect::<Vec<u32>>()
    };
    // All tasks by status (in `State::ALL` order), each status in site order: each status's
    // tasks a run of it.
    let mut by_state = all.clone();
    by_state.sort_by_key(|&i| (ix.status[i as usize].state, i));
    let mut every = TaskList::new(
        urls::TASKS.into(),
        "Tất cả".into(),
        ListKind::All,
        by_state,
        site,
    );
    every.cuts = Some(Cuts::by_content(
        every.tasks.iter().map(|&i| keys[i as usize]),
        site.config.page_size,
    ));
    let mut lists = vec![
        every,
        TaskList::new(
            urls::overdue_tasks(),
            "Quá hạn".into(),
            ListKind::Status,
            overdue(site, pick(&|s| s.overdue)),
            site,
        ),
    ];
    // Timeliness: the four states of the Government Office's task-tracking reports (the
    // overdue list above is the fourth), and the overdue tasks never reported on.
    for t in [
        Timeliness::DoneOnTime,
        Timeliness::DoneLate,
        Timeliness::OpenOnTime,
    ] {
        if let Some(base) = urls::tasks_by_timeliness(t) {
            lists.push(TaskList::new(
                base,
                t.label().into(),
                ListKind::Timeliness,
                pick(&|s| s.timeliness == t),
                site,
            ));
        }
    }
    lists.push(TaskList::new(
        urls::overdue_unreported_tasks(),
        "Quá hạn, chưa có báo cáo".into(),
        ListKind::Timeliness,
        overdue(site, pick(&|s| s.overdue_unreported())),
        site,
    ));
    let mut start = 0;
    for st in State::ALL {
        let mut l = TaskList::new(
            urls::tasks_in_state(st.slug()),
            st.label().into(),
            ListKind::StateRun,
            pick(&|s| s.state == st),
            site,
        );
        l.start = start;
        start += l.tasks.len();
        lists.push(l);
    }
    // Deadline periods: by the last day of each dated deadline, soonest first.
    let dated = &ix.dated;
    // Years, their quarters and months, as runs of the sorted deadlines; a year's list first,
    // then each quarter followed by its months.
    let ids: Vec<u32> = dated.iter().map(|&(_, i)| i).collect();
    let key = |k: usize| {
        let e = dated[k].0;
        (e.year(), (e.month() - 1) / 3 + 1, e.month())
    };
    let runs = |lo: usize, hi: usize, of: &dyn Fn(usize) -> u32| {
        let mut out = Vec::new();
        let mut a = lo;
        while a < hi {
            let v = of(a);
            let mut b = a + 1;
            while b < hi && of(b) == v {
                b += 1;
            }
            out.push((v, a, b));
            a = b;
        }
        out
    };
    for (y, ya, yb) in runs(0, dated.len(), &|k| key(k).0 as u32) {
        let y = y as i32;
        let mut year = TaskList::new(
            urls::tasks_due_in_year(y),
            format!("Năm {y}"),
            ListKind::Year,
            ids[ya..yb].to_vec(),
            site,
        )
        .of_year(y);
        year.months = runs(ya, yb, &|k| key(k).2)
            .into_iter()
            .map(|(m, a, _)| (a - ya, m))
            .collect();
        lists.push(year);
        by_status(&mut lists, site, y, ids[ya..yb].to_vec());
        // A quarter's or a month's list: the run of its year's list from `a` to `b`.
        let part = |base: String, label: String, a: usize, b: usize| {
            let mut l = TaskList::new(base, label, ListKind::PartOfYear, ids[a..b].to_vec(), site)
                .of_year(y);
            l.start = a - ya;
            l
        };
        for (q, qa, qb) in runs(ya, yb, &|k| key(k).1) {
            let label = format!("Quý {}/{y}", crate::content::plan::roman(q as usize));
            lists.push(part(urls::tasks_due_in_quarter(y, q), label, qa, qb));
            for (m, ma, mb) in runs(qa, qb, &|k| key(k).2) {
                let label = format!("Tháng {m}/{y}");
                lists.push(part(urls::tasks_due_in_month(y, m), label, ma, mb));
            }
        }
    }
    lists
}

/// The tasks of the year list just pushed (`tasks`, due in year `year`) by status, overdue
/// first: each non-empty one a list of its own, what the year's counts link to. A year's
/// only: a quarter's or a month's list is short enough to read whole (and the page's filter
/// narrows it), and lists by status of each quarter and month stored every dated task twice
/// more (82 MB and 1,523 files of 874 MB at 1,000 plans).
fn by_status(lists: &mut Vec<TaskList>, site: &Site, year: i32, tasks: Vec<u32>) {
    let ix = &site.index;
    let Some(parent) = lists.last() else { return };
    let period = (parent.base.clone(), parent.label.clone());
    let of = |f: &dyn Fn(crate::site::TaskStatus) -> bool| -> Vec<u32> {
        tasks
            .iter()
            .copied()
            .filter(|&i| f(ix.status[i as usize]))
            .collect()
    };
    let mut slices = vec![(
        None,
        "Quá hạn".to_string(),
        overdue(site, of(&|s| s.overdue)),
    )];
    for st in State::ALL {
        slices.push((
            Some(st.slug()),
            st.label().to_string(),
            of(&|s| s.state == st),
        ));
    }
    for (slug, label, tasks) in slices {
        if !tasks.is_empty() {
            let mut l = TaskList::new(
                urls::period_in_state(&period.0, slug),
                label,
                ListKind::PeriodStatus,
                tasks,
                site,
            )
            .of_year(year);
            l.period = Some(period.clone());
            lists.push(l);
        }
    }
}

/// Overdue tasks, most days overdue first.
fn overdue(site: &Site, mut tasks: Vec<u32>) -> Vec<u32> {
    site.sort_by_days_overdue(&mut tasks);
    tasks
}

/// A quarter's, a month's or a year-and-status list: its first page shows its period's
/// figures and the periods, not the whole site's lists.
fn is_period_part(kind: ListKind) -> bool {
    matches!(kind, ListKind::PartOfYear | ListKind::PeriodStatus)
}

/// What the first page of such a list shows of the other lists: the years and the quarters
/// and months of its year, and its period's lists by status, with their sizes.
fn period_nav_hash(r: &Renderer, t: &TaskList, h: &mut std::hash::DefaultHasher) {
    let period = match t.kind {
        ListKind::PeriodStatus => t.period.as_ref().map(|(b, _)| b.as_str()),
        _ => Some(t.base.as_str()),
    };
    for x in &r.task_lists {
        let shown = x.kind == ListKind::Year
            || (x.kind == ListKind::PartOfYear && x.year == t.year)
            || (x.kind == ListKind::PeriodStatus
                && x.period.as_ref().map(|(b, _)| b.as_str()) == period);
        if shown {
            (&x.base, &x.label, x.tasks.len()).hash(h);
        }
    }
}

/// A hash of every task list's address, label and size: what the filters on the first page
/// of each list show.
pub(in crate::render) fn lists_fingerprint(lists: &[TaskList]) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    for x in lists {
        (&x.base, &x.label, x.tasks.len()).hash(&mut h);
    }
    std::hash::Hasher::finish(&h)
}

#[derive(Serialize)]
struct TasksView<'a> {
    /// Row placeholders of the tasks on this page (see [`Renderer::rows`]), and in a year's
    /// list a heading row where each month's tasks start.
    tasks: Vec<String>,
    /// A quarter's or a month's page: where its tasks are in its year's list.
    run: Option<Run>,
    pagination: Pagination,
    heading: &'a str,
    first_page_href: String,
    /// On the first page only (later pages then change only when their own rows do: cheap
    /// rebuilds, small pages).
    #[serde(flatten)]
    first: Option<FirstPage<'a>>,
}

#[derive(Serialize)]
struct FirstPage<'a> {
    filters: Vec<ListLink<'a>>,
    /// Done on time, done late, open on time, overdue, overdue never reported.
    timeliness: Vec<ListLink<'a>>,
    periods: Vec<ListLink<'a>>,
    progress: &'a Progress,
    /// A list of a deadline period: its own figures are the progress above, and the filters
    /// above are the whole site's (said so on the page).
    period: bool,
    /// A year's list: its tasks in each status, as the search page lists them (year and
    /// status together, from the index, sorted by deadline).
    in_year: Vec<Slice<'a>>,
}

/// The tasks of a year in one status, on the search page.
#[derive(Serialize)]
struct Slice<'a> {
    label: &'a str,
    count: u32,
    href: String,
    /// The list being viewed.
    current: bool,
}

/// Where a quarter's or a month's tasks are: the page of its year's list where they start
/// (and the heading row there), and how many.
#[derive(Serialize)]
struct Run {
    href: String,
    count: usize,
    year: i32,
}

/// A period's label inside a sentence: "Quý IV/2025" → "quý IV/2025" (its numerals kept).
fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Where a list is read: its folder, or for a status's tasks, the page of the list of all
/// tasks where the heading row starting them is.
pub(in crate::render) fn list_href(r: &Renderer, x: &TaskList) -> String {
    if x.kind == ListKind::StateRun && x.tasks.is_empty() {
        // No task in that status: no heading row to lead to.
        r.links.dir(urls::TASKS)
    } else if x.kind == ListKind::StateRun {
        let page = r
            .task_lists
            .iter()
            .find(|l| l.kind == ListKind::All)
            .and_then(|l| l.cuts.as_ref())
            .map_or(1, |c| c.page_of(x.start));
        format!("{}#{}", r.links.paged(urls::TASKS, page), run_id(x))
    } else {
        r.links.dir(&x.base)
    }
}

/// The id of the heading row that starts a status's run in the list of all tasks: the
/// status's slug, the last part of its list's address.
fn run_id(x: &TaskList) -> &str {
    x.base.rsplit('/').next().unwrap_or_default()
}

/// The id of the heading row of month `m` in a year's list (`quy-<q>` for a quarter is on
/// the row of its first month with tasks).
fn month_id(m: u32) -> String {
    format!("thang-{m}")
}

/// The heading row of month `m` of `year` in a year's list; `first` when it is the first
/// month with tasks of its quarter (it then carries the quarter's id).
fn month_row(m: u32, year: i32, first: bool) -> String {
    let q = (m - 1) / 3 + 1;
    let quarter = if first {
        format!("<span id=\"quy-{q}\"></span>")
    } else {
        String::new()
    };
    super::head_row(&month_id(m), &format!("{quarter}Tháng {m}/{year}"))
}

/// A filter link to a task list.
#[derive(Serialize)]
struct ListLink<'a> {
    label: &'a str,
    href: String,
    count: usize,
    current: bool,
    /// How deep the list's folder is (years, then quarters and months, are indented).
    depth: usize,
}

/// The filter link to list `x` from a page of list `viewed`.
fn list_link<'a>(r: &Renderer, x: &'a TaskList, viewed: &TaskList) -> ListLink<'a> {
    ListLink {
        label: &x.label,
        href: list_href(r, x),
        count: x.tasks.len(),
        current: x.base == viewed.base,
        depth: x.base.matches('/').count(),
    }
}

impl Kind for TaskLists {
    fn keys(&self, r: &Renderer) -> Vec<Key> {
        let size = r.page_size();
        r.task_lists
            .iter()
            .enumerate()
            // A status's tasks have no pages: they are a run of the list of all tasks.
            .filter(|(_, t)| t.kind != ListKind::StateRun)
            .flat_map(|(i, t)| {
                // A quarter's or a month's page lists no rows: it links into its year's.
                let n = if t.kind == ListKind::PartOfYear {
                    0
                } else {
                    t.tasks.len()
                };
                let pages = t.cuts.as_ref().map_or(pages_for(n, size), Cuts::pages);
                page_keys(i, pages)
            })
            .collect()
    }

    fn dir(&self, r: &Renderer, key: Key) -> String {
        urls::paged(&r.task_lists[key.item].base, key.page)
    }

    fn fingerprint(&self, r: &Renderer, key: Key) -> Option<u64> {
        let t = &r.task_lists[key.item];
        Some(r.hash(|h| {
            ("tasks", &t.base, key.page, t.tasks.len(), t.start).hash(h);
            if t.kind == ListKind::PartOfYear {
                period_nav_hash(r, t, h);
                crate::render::incremental::progress_hash(&t.progress, h);
                return;
            }
            let range = t.range(r, key.page);
            if let Some(c) = &t.cuts {
                // Its pager, and the heading rows on this page: where a status's run starts
                // among its rows, and the run's count.
                c.pages().hash(h);
                for x in r.task_lists.iter().filter(|x| x.kind == ListKind::StateRun) {
                    if range.contains(&x.start) && !x.tasks.is_empty() {
                        (x.start - range.start, &x.label, x.tasks.len()).hash(h);
                    }
                }
            }
            r.hash_rows(t.tasks[range].iter().copied(), h);
            if key.page == 1 {
                if is_period_part(t.kind) {
                    period_nav_hash(r, t, h);
                } else {
                    r.shared_fp.lists.hash(h);
                }
                crate::render::incremental::progress_hash(&t.progress, h);
            }
        }))
    }

    fn page(&self, r: &Renderer, key: Key) -> Result<Page, Diagnostic> {
        let t = &r.task_lists[key.item];
        let title = match t.kind {
            ListKind::All => "Tất cả nhiệm vụ".to_string(),
            ListKind::Year | ListKind::PartOfYear => {
                format!("Nhiệm vụ có thời hạn {}", lower_first(&t.label))
            }
            ListKind::PeriodStatus => format!(
                "Nhiệm vụ có thời hạn {}: {}",
                t.period
                    .as_ref()
                    .map_or(String::new(), |(_, l)| lower_first(l)),
                t.label.to_lowercase()
            ),
            ListKind::Status | ListKind::StateRun | ListKind::Timeliness => {
                format!("Nhiệm vụ: {}", t.label.to_lowercase())
            }
        };
        let ctx = r.base_context(&self.dir(r, key), &title, "tasks");
        let first = (key.page == 1).then(|| {
            // Every year; the quarters and months of the year being viewed only.
            let current_year = t.year;
            // A quarter's, a month's or a year-and-status page shows its period's figures, not
            // the whole site's: a status edit anywhere does not make it again.
            let site_wide = !is_period_part(t.kind);
            FirstPage {
                filters: r
                    .task_lists
                    .iter()
                    // A status no task is in is not offered (it has no run to lead to).
                    .filter(|x| {
                        site_wide
                            && x.kind.is_status()
                            && !(x.kind == ListKind::StateRun && x.tasks.is_empty())
                    })
                    .map(|x| list_link(r, x, t))
                    .collect(),
                timeliness: r
                    .task_lists
                    .iter()
                    .filter(|x| {
                        site_wide
                            && (x.kind == ListKind::Timeliness || x.base == urls::overdue_tasks())
                    })
                    .map(|x| list_link(r, x, t))
                    .collect(),
                periods: r
                    .task_lists
                    .iter()
                    .filter(|x| {
                        x.kind == ListKind::Year
                            || (x.kind == ListKind::PartOfYear
                                && current_year.is_some()
                                && x.year == current_year)
                    })
                    .map(|x| list_link(r, x, t))
                    .collect(),
                progress: &t.progress,
                period: matches!(
                    t.kind,
                    ListKind::Year | ListKind::PartOfYear | ListKind::PeriodStatus
                ),
                // A period's tasks by status: its own lists, each page made by the build.
                in_year: {
                    let period = match t.kind {
                        ListKind::Year | ListKind::PartOfYear => Some(t.base.as_str()),
                        ListKind::PeriodStatus => t.period.as_ref().map(|(b, _)| b.as_str()),
                        _ => None,
                    };
                    r.task_lists
                        .iter()
                        .filter(|x| {
                            x.kind == ListKind::PeriodStatus
                                && period.is_some()
                                && x.period.as_ref().map(|(b, _)| b.as_str()) == period
                        })
                        .map(|x| Slice {
                            label: &x.label,
                            count: x.tasks.len() as u32,
                            href: r.links.dir(&x.base),
                            current: x.base == t.base,
                        })
                        .collect()
                },
            }
        });
        let (tasks, run, total) = match (t.kind, t.year) {
            (ListKind::PartOfYear, Some(year)) => {
                let page = t.start / r.page_size() + 1;
                let m = t.tasks.first().map_or(1, |_| {
                    r.task_lists
                        .iter()
                        .find(|x| x.kind == ListKind::Year && x.year == Some(year))
                        .and_then(|x| {
                            x.months
                                .iter()
                                .find(|(at, _)| *at == t.start)
                                .map(|(_, m)| *m)
                        })
                        .unwrap_or(1)
                });
                let anchor = if t.base.contains("/quy-") {
                    format!("quy-{}", (m - 1) / 3 + 1)
                } else {
                    month_id(m)
                };
                let href = format!(
                    "{}#{anchor}",
                    r.links.paged(&urls::tasks_due_in_year(year), page)
                );
                let run = Run {
                    href,
                    count: t.tasks.len(),
                    year,
                };
                (Vec::new(), Some(run), 0)
            }
            (ListKind::Year, Some(year)) => {
                // A heading row where each month's tasks start.
                let range = r.page_range(t.tasks.len(), key.page);
                let rows = super::rows_with_heads(r, &t.tasks[range.clone()], range.start, |at| {
                    let k = t.months.iter().position(|&(s, _)| s == at)?;
                    let m = t.months[k].1;
                    // The first month with tasks of its quarter carries the quarter's id.
                    let first = t.months[..k]
                        .iter()
                        .all(|(_, x)| (x - 1) / 3 != (m - 1) / 3);
                    Some(month_row(m, year, first))
                });
                (rows, None, t.tasks.len())
            }
            (ListKind::All, _) => {
                // A heading row where each status's tasks start.
                let range = t.range(r, key.page);
                let runs: Vec<&TaskList> = r
                    .task_lists
                    .iter()
                    .filter(|x| x.kind == ListKind::StateRun && !x.tasks.is_empty())
                    .collect();
                let rows = super::rows_with_heads(r, &t.tasks[range.clone()], range.start, |at| {
                    let run = runs.iter().find(|x| x.start == at)?;
                    Some(super::head_row(
                        run_id(run),
                        &format!("{} ({})", run.label, run.tasks.len()),
                    ))
                });
                (rows, None, t.tasks.len())
            }
            _ => (
                r.rows(&r.slice(&t.tasks, key.page), r.native.joined_rows),
                None,
                t.tasks.len(),
            ),
        };
        let view = TasksView {
            tasks,
            run,
            pagination: match &t.cuts {
                Some(c) => r.pagination_cut(&t.base, key.page, c, total),
                None => r.pagination(&t.base, key.page, total),
            },
            heading: &title,
            first_page_href: r.links.dir(&t.base),
            first,
        };
        Ok(page("tasks.html", ctx, &view))
    }
}
