//! Render stage: Tera templates compiled once, one job per output page, rendered, minified and
//! written in parallel.

pub mod markdown;
mod row;
pub mod theme;
pub mod views;

use crate::diag::Diagnostic;
use crate::site::status::State;
use crate::site::{Site, TaskRef};
use rayon::prelude::*;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::Arc;
use tera::{Context, Tera};
use views::{Links, issuer_lines, number_label, plan_card, task_row};

/// One page of output.
#[derive(Debug, Clone)]
enum Job {
    Home,
    Plans { page: usize },
    Year { i: usize, page: usize },
    Issuer { i: usize, page: usize },
    Plan(usize),
    Units,
    Unit { i: usize, page: usize },
    Tasks { list: usize, page: usize },
    Topics,
    Topic { i: usize, page: usize },
    Page(usize),
    Data,
    NotFound,
    Search,
}

/// A server-rendered view of tasks: all, by status, or by deadline period. Each is a
/// paginated list at `base`, so the tasks page filters without JavaScript.
#[derive(Debug, Clone)]
struct TaskList {
    /// `nhiem-vu`, `nhiem-vu/qua-han`, `nhiem-vu/han/2025/quy-4` …
    base: String,
    /// What the list holds, for headings and filter links.
    label: String,
    /// `status` or `period` (the filter group it belongs to), `all` for the whole list.
    kind: &'static str,
    /// Positions in `index.tasks`.
    tasks: Vec<u32>,
    /// Status counts of `tasks`, computed once (not once per page).
    progress: crate::site::Progress,
}

/// Every task view of the site, computed once from the shared index.
fn task_lists(site: &Site) -> Vec<TaskList> {
    use chrono::Datelike;
    let ix = &site.index;
    let all: Vec<u32> = (0..ix.tasks.len() as u32).collect();
    let pick = |f: &dyn Fn(crate::site::TaskStatus) -> bool| {
        all.iter()
            .copied()
            .filter(|&i| f(ix.status[i as usize]))
            .collect::<Vec<u32>>()
    };
    let mut lists = vec![
        TaskList::new("nhiem-vu".into(), "Tất cả".into(), "all", all.clone(), site),
        TaskList::new(
            "nhiem-vu/qua-han".into(),
            "Quá hạn".into(),
            "status",
            pick(&|s| s.overdue),
            site,
        ),
    ];
    for st in State::ALL {
        lists.push(TaskList::new(
            format!("nhiem-vu/{}", st.slug()),
            st.label().into(),
            "status",
            pick(&|s| s.state == st),
            site,
        ));
    }
    // Deadline periods: by the last day of each dated deadline, soonest first.
    let mut dated: Vec<(chrono::NaiveDate, u32)> = all
        .iter()
        .filter_map(|&i| {
            let d = &site.task(ix.tasks[i as usize]).due;
            d.end.filter(|_| d.kind.is_dated()).map(|e| (e, i))
        })
        .collect();
    dated.sort_unstable();
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
        lists.push(TaskList::new(
            format!("nhiem-vu/han/{y}"),
            format!("Năm {y}"),
            "period",
            ids[ya..yb].to_vec(),
            site,
        ));
        for (q, qa, qb) in runs(ya, yb, &|k| key(k).1) {
            lists.push(TaskList::new(
                format!("nhiem-vu/han/{y}/quy-{q}"),
                format!("Quý {}/{y}", crate::content::plan::roman(q as usize)),
                "period",
                ids[qa..qb].to_vec(),
                site,
            ));
            for (m, ma, mb) in runs(qa, qb, &|k| key(k).2) {
                lists.push(TaskList::new(
                    format!("nhiem-vu/han/{y}/thang-{m}"),
                    format!("Tháng {m}/{y}"),
                    "period",
                    ids[ma..mb].to_vec(),
                    site,
                ));
            }
        }
    }
    lists
}

impl TaskList {
    fn new(base: String, label: String, kind: &'static str, tasks: Vec<u32>, site: &Site) -> Self {
        let progress = site.progress(tasks.iter().copied());
        TaskList {
            base,
            label,
            kind,
            tasks,
            progress,
        }
    }
}

/// What a render produced: pages written and bytes.
#[derive(Debug, Default, Clone, Copy)]
pub struct Written {
    pub pages: usize,
    pub bytes: u64,
}

pub struct Renderer<'s> {
    site: &'s Site,
    tera: Tera,
    links: Links,
    /// Units that get a page (not collective), in Vietnamese order.
    unit_order: Vec<usize>,
    /// Status counts of the tasks each unit leads and supports, computed once.
    unit_progress: Vec<(crate::site::Progress, crate::site::Progress)>,
    task_lists: Vec<TaskList>,
    /// Template name → the file it was read from (for error messages).
    origins: Vec<(String, String)>,
    /// Per plan: each task's row of the cross-plan lists, rendered once (links start with
    /// [`ROOT`]), with their hashes and the plan's fingerprint, for page fingerprints.
    plan_rows: Vec<Arc<PlanRows>>,
    /// Each task's row hash by its position in `index.tasks` (a flat copy of the plans'
    /// hashes: page fingerprints read ~100 each, for every page of every rebuild).
    row_hashes: Vec<u64>,
    /// `0..plans`, the plans index in order.
    all_plans: Vec<u32>,
    /// The part of every page's context that does not depend on the page.
    shared_context: Context,
    /// Parts of page fingerprints that many pages share, hashed once.
    shared_fp: SharedFp,
    /// Which rows are rendered natively ([`row`]) instead of through Tera.
    native: theme::Native,
}

/// Stands for the page's relative root in HTML rendered once and reused on pages of every
/// depth; replaced when the page is written. A private-use character no editor types.
const ROOT: &str = "\u{F8FF}";

/// A task row in a page's context is `ROW_OPEN` + its position + `ROW_CLOSE`: templates loop
/// over rows and print them, but never copy their HTML (a list page holds 100 of them), which
/// is put in once the page is rendered. Private-use characters, like [`ROOT`].
const ROW_OPEN: char = '\u{F8FE}';
const ROW_CLOSE: char = '\u{F8FD}';

/// Page numbers to link from page `page` of `pages`: 1, the last, and two on each side of the
/// current one; `None` where numbers are skipped.
fn page_window(page: usize, pages: usize) -> Vec<Option<usize>> {
    let mut out = Vec::new();
    let mut last = 0;
    for n in 1..=pages {
        if n == 1 || n == pages || n.abs_diff(page) <= 2 {
            if n > last + 1 {
                out.push(None);
            }
            out.push(Some(n));
            last = n;
        }
    }
    out
}

fn pages_for(n: usize, size: usize) -> usize {
    n.div_ceil(size).max(1)
}

/// Relative prefix from a page at `dir` (e.g. `ke-hoach/x`) back to the site root.
fn root_for(dir: &str) -> String {
    if dir.is_empty() {
        String::new()
    } else {
        "../".repeat(dir.split('/').count())
    }
}

/// A plan's task rows with their hashes.
/// Hashes of what many pages show, made once per build for their fingerprints.
#[derive(Default)]
struct SharedFp {
    /// The plan lists' filters: years, issuers and topics with their counts.
    cards: u64,
    /// The topics' names and addresses (plan pages link their topics).
    topics: u64,
    /// Every task list's address, label and size (the filters of a list's first page).
    lists: u64,
}

impl SharedFp {
    fn of(site: &Site, lists: &[TaskList]) -> SharedFp {
        let hash = |f: &dyn Fn(&mut std::hash::DefaultHasher)| {
            let mut h = std::hash::DefaultHasher::new();
            f(&mut h);
            h.finish()
        };
        let ix = &site.index;
        SharedFp {
            cards: hash(&|h| {
                for (y, p) in &ix.years {
                    (y, p.len()).hash(h);
                }
                for i in &ix.issuers {
                    (&i.name, &i.slug, i.plans.len()).hash(h);
                }
                for t in &ix.topics {
                    (&t.name, &t.slug, t.plans.len()).hash(h);
                }
            }),
            topics: hash(&|h| {
                for t in &ix.topics {
                    (&t.name, &t.slug).hash(h);
                }
            }),
            lists: hash(&|h| {
                for x in lists {
                    (&x.base, &x.label, x.tasks.len()).hash(h);
                }
            }),
        }
    }
}

/// The list rows of one plan's tasks, with their hashes and the plan's fingerprint (what its
/// page and cards show), kept between builds while the plan is unchanged.
struct PlanRows {
    rows: Vec<Row>,
    hashes: Vec<u64>,
    fp: u64,
}

/// A task's rendered list row, with where its links need the page's root.
pub struct Row {
    html: Box<str>,
    /// Byte offsets of the [`ROOT`] markers in `html`, found once rather than on each page
    /// the row is on.
    roots: Box<[u32]>,
}

impl Row {
    fn new(html: String) -> Row {
        let roots = html.match_indices(ROOT).map(|(i, _)| i as u32).collect();
        Row {
            html: html.into_boxed_str(),
            roots,
        }
    }

    /// Appends the row with its links starting at `root`.
    fn put(&self, out: &mut String, root: &str) {
        let mut at = 0;
        for &m in self.roots.iter() {
            out.push_str(&self.html[at..m as usize]);
            out.push_str(root);
            at = m as usize + ROOT.len();
        }
        out.push_str(&self.html[at..]);
    }
}

/// What a renderer keeps for the next build of the same site (incremental rebuilds).
#[derive(Default)]
pub struct RenderCache {
    /// Compiled templates; cleared when templates change.
    templates: Option<(Tera, theme::Origins, theme::Native)>,
    /// The rows of each plan, by the plan they were rendered from.
    rows: crate::site::PerPlan<Arc<PlanRows>>,
    /// Each page written: its fingerprint and size.
    pages: HashMap<String, (u64, u64)>,
    /// Whether to keep page fingerprints for a later incremental rebuild (a one-off build
    /// does not spend time on them).
    record: bool,
    /// Files and bytes of the last build's exports and search index.
    pub others: (usize, u64),
}

impl RenderCache {
    /// A cache that keeps page fingerprints, for [`crate::Project`].
    pub fn recording() -> Self {
        RenderCache {
            record: true,
            ..RenderCache::default()
        }
    }

    /// Forget everything (templates, units or settings changed).
    pub fn clear(&mut self) {
        *self = RenderCache {
            record: self.record,
            ..RenderCache::default()
        };
    }
}

fn progress_hash(p: &crate::site::Progress, h: &mut std::hash::DefaultHasher) {
    (
        p.total,
        p.not_updated,
        p.not_started,
        p.in_progress,
        p.done,
        p.cancelled,
        p.overdue,
    )
        .hash(h);
}

fn hash_of(x: &impl Hash) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    x.hash(&mut h);
    h.finish()
}

impl<'s> Renderer<'s> {
    pub fn new(site: &'s Site, site_root: &Path) -> Result<Self, Vec<Diagnostic>> {
        Self::new_cached(site, site_root, &mut RenderCache::default())
    }

    /// [`Renderer::new`], reusing what `cache` kept from the previous build of the same site
    /// (compiled templates, the rows of unchanged plans) and refreshing it.
    pub fn new_cached(
        site: &'s Site,
        site_root: &Path,
        cache: &mut RenderCache,
    ) -> Result<Self, Vec<Diagnostic>> {
        let (tera, origins, native) = match &cache.templates {
            Some(t) => t.clone(),
            None => {
                let t = theme::load_templates(site_root, &site.config.theme)?;
                cache.templates = Some(t.clone());
                t
            }
        };
        let links = Links {
            idx: if site.config.base_url.is_some() {
                ""
            } else {
                "index.html"
            },
        };
        let mut unit_order: Vec<usize> = (0..site.registry.units.len())
            .filter(|&u| !site.registry.units[u].collective)
            .collect();
        unit_order.sort_by(|&a, &b| {
            crate::vi::collate::cmp(&site.registry.units[a].name, &site.registry.units[b].name)
        });
        Renderer {
            site,
            tera,
            shared_context: Self::shared_context(site, &links),
            links,
            unit_order,
            unit_progress: (0..site.registry.units.len())
                .map(|u| {
                    (
                        site.progress(site.index.lead[u].iter().copied()),
                        site.progress(site.index.support[u].iter().copied()),
                    )
                })
                .collect(),
            shared_fp: SharedFp::default(),
            task_lists: task_lists(site),
            origins,
            plan_rows: Vec::new(),
            row_hashes: Vec::new(),
            all_plans: (0..site.plans.len() as u32).collect(),
            native,
        }
        .with_rows(cache)
    }

    /// Renders every task's list row once, in parallel; rows of plans that `cache` holds
    /// unchanged (the same shared plan) are reused.
    fn with_rows(mut self, cache: &mut RenderCache) -> Result<Self, Vec<Diagnostic>> {
        let s = self.site;
        self.shared_fp = SharedFp::of(s, &self.task_lists);
        let per_plan: Vec<Result<Arc<PlanRows>, Diagnostic>> = (0..s.plans.len())
            .into_par_iter()
            .map(|pi| {
                let plan = &s.plans[pi];
                if let Some(rows) = cache.rows.get(plan) {
                    return Ok(rows);
                }
                let first = self.site.index.first_task[pi] as usize;
                let mut out = PlanRows {
                    rows: Vec::with_capacity(plan.task_count()),
                    hashes: Vec::with_capacity(plan.task_count()),
                    fp: 0,
                };
                let mut h = std::hash::DefaultHasher::new();
                (plan.source_hash, &plan.slug).hash(&mut h);
                for i in first..first + plan.task_count() {
                    let html = self.render_row(i, self.native.row)?;
                    let rh = hash_of(&html);
                    rh.hash(&mut h);
                    out.rows.push(Row::new(html));
                    out.hashes.push(rh);
                }
                out.fp = h.finish();
                Ok(Arc::new(out))
            })
            .collect();
        let mut errors = Vec::new();
        self.plan_rows.reserve(s.plans.len());
        for r in per_plan {
            match r {
                Ok(rows) => self.plan_rows.push(rows),
                Err(d) if !errors.contains(&d) => errors.push(d),
                Err(_) => {}
            }
        }
        // A one-off build does not keep them: they would stay alive through the exports and
        // the search index, the memory peak of a large build.
        if cache.record && errors.is_empty() {
            cache.rows.keep(&s.plans, self.plan_rows.iter().cloned());
        }
        self.row_hashes = self
            .plan_rows
            .iter()
            .flat_map(|r| r.hashes.iter().copied())
            .collect();
        if errors.is_empty() {
            Ok(self)
        } else {
            Err(errors)
        }
    }

    /// The rendered row of task `i` (a position in `index.tasks`) and its hash.
    fn row(&self, i: usize) -> Option<(&Row, u64)> {
        let r = self.site.index.tasks.get(i)?;
        let rows = self.plan_rows.get(r.plan as usize)?;
        let k = i - self.site.index.first_task[r.plan as usize] as usize;
        Some((rows.rows.get(k)?, *rows.hashes.get(k)?))
    }

    fn row_hash(&self, i: u32) -> u64 {
        self.row_hashes.get(i as usize).copied().unwrap_or(0)
    }

    /// Hashes the row hashes of `positions` into `h`, as one slice.
    fn hash_rows(&self, positions: impl Iterator<Item = u32>, h: &mut impl Hasher) {
        let hashes: Vec<u64> = positions.map(|i| self.row_hash(i)).collect();
        hashes.hash(h);
    }

    /// Task `i`'s row of the cross-plan lists, links starting with [`ROOT`].
    fn render_row(&self, i: usize, native: bool) -> Result<String, Diagnostic> {
        let s = self.site;
        let view = task_row(s, &self.links, s.index.tasks[i], s.index.status[i], ROOT);
        if native {
            return Ok(row::default_row(&view, ROOT));
        }
        let mut ctx = Context::new();
        ctx.insert("t", &view);
        ctx.insert("root", ROOT);
        self.tera
            .render("task_row.html", &ctx)
            .map_err(|e| theme::template_error(self.origin("task_row.html"), &e))
    }

    fn origin<'a>(&'a self, template: &'a str) -> &'a str {
        self.origins
            .iter()
            .find(|(n, _)| n == template)
            .map_or(template, |(_, f)| f.as_str())
    }

    fn jobs(&self) -> Vec<Job> {
        let s = self.site;
        let size = s.config.page_size;
        let mut jobs = vec![Job::Home, Job::Units, Job::Topics, Job::Data, Job::NotFound];
        jobs.push(Job::Search);
        jobs.extend((1..=pages_for(s.plans.len(), size)).map(|page| Job::Plans { page }));
        for (i, (_, plans)) in s.index.years.iter().enumerate() {
            jobs.extend((1..=pages_for(plans.len(), size)).map(|page| Job::Year { i, page }));
        }
        for (i, iss) in s.index.issuers.iter().enumerate() {
            jobs.extend((1..=pages_for(iss.plans.len(), size)).map(|page| Job::Issuer { i, page }));
        }
        jobs.extend((0..s.plans.len()).map(Job::Plan));
        for &u in &self.unit_order {
            let n = s.index.lead[u].len() + s.index.support[u].len();
            jobs.extend((1..=pages_for(n, size)).map(|page| Job::Unit { i: u, page }));
        }
        for (list, t) in self.task_lists.iter().enumerate() {
            jobs.extend((1..=pages_for(t.tasks.len(), size)).map(|page| Job::Tasks { list, page }));
        }
        for (i, t) in s.index.topics.iter().enumerate() {
            jobs.extend((1..=pages_for(t.plans.len(), size)).map(|page| Job::Topic { i, page }));
        }
        jobs.extend((0..s.pages.len()).map(Job::Page));
        jobs
    }

    /// Renders every page into `out` (an empty folder), or only in memory when `out` is None
    /// (`kehoach check` uses that to find template errors). Errors are returned together.
    pub fn render_all(
        &self,
        out: Option<&crate::output::Writer>,
    ) -> Result<Written, Vec<Diagnostic>> {
        self.render_all_with(out, None)
    }

    /// Number of pages a build writes.
    pub fn page_count(&self) -> usize {
        self.jobs().len()
    }

    /// The output path of every page a build writes (`ke-hoach/x/index.html`, `404.html` …).
    pub fn page_paths(&self) -> Vec<String> {
        self.jobs().iter().map(|j| self.job_path(j)).collect()
    }

    /// [`Self::render_all`], ticking `progress` once per page.
    pub fn render_all_with(
        &self,
        out: Option<&crate::output::Writer>,
        progress: Option<&indicatif::ProgressBar>,
    ) -> Result<Written, Vec<Diagnostic>> {
        self.render_jobs(out, progress, None, false).map(|(w, _)| w)
    }

    /// Renders into `out` every page, or only the pages whose fingerprint differs from the one
    /// `cache` recorded for the same path (an incremental rebuild into the published output),
    /// then records the new fingerprints. Pages that no longer exist are removed. Returns what
    /// the site holds and how many pages were rendered.
    pub fn render_changed(
        &self,
        out: &crate::output::Writer,
        progress: Option<&indicatif::ProgressBar>,
        cache: &mut RenderCache,
        incremental: bool,
    ) -> Result<(Written, usize), Vec<Diagnostic>> {
        let prev = std::mem::take(&mut cache.pages);
        let fingerprints = incremental || cache.record;
        let (w, pages) = self.render_jobs(
            Some(out),
            progress,
            incremental.then_some(&prev),
            fingerprints,
        )?;
        let rendered = pages.iter().filter(|(_, _, _, fresh)| *fresh).count();
        if incremental {
            let now: std::collections::HashSet<&str> =
                pages.iter().map(|(p, ..)| p.as_str()).collect();
            for path in prev.keys() {
                if !now.contains(path.as_str()) {
                    let full = out.dir().join(path);
                    let _ = std::fs::remove_file(&full);
                    if let Some(parent) = full.parent() {
                        let _ = std::fs::remove_dir(parent);
                    }
                }
            }
        }
        if fingerprints {
            cache.pages = pages
                .into_iter()
                .map(|(p, fp, bytes, _)| (p, (fp, bytes)))
                .collect();
        }
        Ok((w, rendered))
    }

    /// Renders the jobs; with `prev`, a page whose fingerprint is unchanged is skipped.
    /// Returns the totals and, per page: path, fingerprint, bytes, whether it was rendered.
    #[allow(clippy::type_complexity)]
    fn render_jobs(
        &self,
        out: Option<&crate::output::Writer>,
        progress: Option<&indicatif::ProgressBar>,
        prev: Option<&HashMap<String, (u64, u64)>>,
        fingerprints: bool,
    ) -> Result<(Written, Vec<(String, u64, u64, bool)>), Vec<Diagnostic>> {
        let jobs = self.jobs();
        // Incremental rebuilds write into the published output: only once every page rendered,
        // so that a template error leaves it as it was.
        let defer = prev.is_some();
        let deferred = std::sync::Mutex::new(Vec::<(String, Vec<u8>)>::new());
        let results: Vec<Result<(String, u64, u64, bool), Diagnostic>> = jobs
            .par_iter()
            .map(|job| {
                let path = self.job_path(job);
                let fp = if fingerprints {
                    self.fingerprint(job)
                } else {
                    None
                };
                if let (Some(prev), Some(fp)) = (prev, fp)
                    && let Some(&(old, bytes)) = prev.get(&path)
                    && old == fp
                {
                    return Ok((path, fp, bytes, false));
                }
                let (template, ctx) = self.page_context(job)?;
                // The few pages without a fingerprint of their own (home, units, topics…): a
                // hash of their context and of the rows it names, as the page is made of
                // nothing else (templates do not change between incremental rebuilds).
                let fp = match fp {
                    Some(fp) => Some(fp),
                    None if fingerprints => Some(self.context_fingerprint(template, &ctx)),
                    None => None,
                };
                if let (Some(prev), Some(fp)) = (prev, fp)
                    && let Some(&(old, bytes)) = prev.get(&path)
                    && old == fp
                {
                    return Ok((path, fp, bytes, false));
                }
                let html = self.page(template, &ctx)?;
                // Pages without a fingerprint are always rendered again.
                let fp = fp.unwrap_or(0);
                let Some(out) = out else {
                    return Ok((path, fp, html.len() as u64, true));
                };
                let bytes = html.into_bytes();
                if let Some(p) = progress {
                    p.inc(1);
                }
                if defer {
                    let n = bytes.len() as u64;
                    if let Ok(mut d) = deferred.lock() {
                        d.push((path.clone(), bytes));
                    }
                    return Ok((path, fp, n, true));
                }
                out.write(Path::new(&path), &bytes).map_err(|e| {
                    let full = out.dir().join(&path);
                    Diagnostic::error(&full, None, format!("cannot write: {e}")).with_hint(
                        "check that the output folder is writable and the disk is not full",
                    )
                })?;
                Ok((path, fp, bytes.len() as u64, true))
            })
            .collect();
        let mut errors: Vec<Diagnostic> = Vec::new();
        let mut w = Written::default();
        let mut pages = Vec::with_capacity(results.len());
        for r in results {
            match r {
                Ok(p) => {
                    w.pages += 1;
                    w.bytes += p.2;
                    pages.push(p);
                }
                Err(d) => {
                    if !errors.contains(&d) {
                        errors.push(d);
                    }
                }
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        if let Some(out) = out {
            let deferred = deferred.into_inner().unwrap_or_default();
            let failed: Vec<Diagnostic> = deferred
                .par_iter()
                .filter_map(|(path, bytes)| {
                    out.write(Path::new(path), bytes).err().map(|e| {
                        Diagnostic::error(out.dir().join(path), None, format!("cannot write: {e}"))
                            .with_hint(
                                "check that the output folder is writable and the disk is not full",
                            )
                    })
                })
                .collect();
            if !failed.is_empty() {
                return Err(failed);
            }
        }
        Ok((w, pages))
    }

    /// The template and context of any job.
    fn page_context(&self, job: &Job) -> Result<(&'static str, Context), Diagnostic> {
        match job {
            Job::Plan(pi) => self.plan_page(*pi),
            _ => Ok(self.context(job)),
        }
    }

    /// A page as it is written: `template` rendered with `ctx`, its placeholders filled.
    fn page(&self, template: &str, ctx: &Context) -> Result<String, Diagnostic> {
        let html = self
            .tera
            .render(template, ctx)
            .map_err(|e| theme::template_error(self.origin(template), &e))?;
        let root = ctx.get("root").and_then(|v| v.as_str()).unwrap_or_default();
        Ok(self.finish(html, root))
    }

    /// The output file of a job.
    fn job_path(&self, job: &Job) -> String {
        let s = self.site;
        let index_html = |dir: String| {
            if dir.is_empty() {
                "index.html".to_string()
            } else {
                format!("{dir}/index.html")
            }
        };
        match job {
            Job::Home => String::from("index.html"),
            Job::Plans { page } => index_html(Self::page_dir("ke-hoach", *page)),
            Job::Year { i, page } => index_html(Self::page_dir(
                &format!("ke-hoach/nam/{}", s.index.years[*i].0),
                *page,
            )),
            Job::Issuer { i, page } => index_html(Self::page_dir(
                &format!("ke-hoach/co-quan/{}", s.index.issuers[*i].slug),
                *page,
            )),
            Job::Plan(pi) => index_html(format!("ke-hoach/{}", s.plans[*pi].slug)),
            Job::Units => String::from("don-vi/index.html"),
            Job::Unit { i, page } => index_html(Self::page_dir(
                &format!("don-vi/{}", s.registry.units[*i].slug),
                *page,
            )),
            Job::Tasks { list, page } => {
                index_html(Self::page_dir(&self.task_lists[*list].base, *page))
            }
            Job::Topics => String::from("linh-vuc/index.html"),
            Job::Topic { i, page } => index_html(Self::page_dir(
                &format!("linh-vuc/{}", s.index.topics[*i].slug),
                *page,
            )),
            Job::Page(i) => index_html(s.pages[*i].slug.clone()),
            Job::Data => String::from("du-lieu/index.html"),
            Job::Search => String::from("tim-kiem/index.html"),
            Job::NotFound => String::from("404.html"),
        }
    }

    /// A hash of everything a page shows, for the pages that grow with the site (plan pages,
    /// task lists, unit pages, plan lists); `None` for the few pages always rendered. Settings,
    /// units and templates are not in it: when they change the whole site is rebuilt.
    fn fingerprint(&self, job: &Job) -> Option<u64> {
        let s = self.site;
        let size = s.config.page_size;
        let mut h = std::hash::DefaultHasher::new();
        let slice = |n: usize, page: usize| {
            let start = ((page.max(1) - 1) * size).min(n);
            start..(start + size).min(n)
        };
        // Plan lists show plan cards and filters with counts.
        let cards = |h: &mut std::hash::DefaultHasher, plans: &[u32], page: usize| {
            plans.len().hash(h);
            for &p in &plans[slice(plans.len(), page)] {
                self.plan_rows[p as usize].fp.hash(h);
            }
            self.shared_fp.cards.hash(h);
        };
        match job {
            Job::Plan(pi) => {
                ("plan", self.plan_rows[*pi].fp, self.shared_fp.topics).hash(&mut h);
            }
            Job::Plans { page } => {
                ("plans", page).hash(&mut h);
                cards(&mut h, &self.all_plans, *page);
            }
            Job::Year { i, page } => {
                ("year", s.index.years[*i].0, page).hash(&mut h);
                cards(&mut h, &s.index.years[*i].1, *page);
            }
            Job::Issuer { i, page } => {
                ("issuer", &s.index.issuers[*i].slug, page).hash(&mut h);
                cards(&mut h, &s.index.issuers[*i].plans, *page);
            }
            Job::Topic { i, page } => {
                ("topic", &s.index.topics[*i].slug, page).hash(&mut h);
                cards(&mut h, &s.index.topics[*i].plans, *page);
            }
            Job::Unit { i, page } => {
                let (lead, support) = (&s.index.lead[*i], &s.index.support[*i]);
                ("unit", &s.registry.units[*i].slug, page).hash(&mut h);
                (lead.len(), support.len()).hash(&mut h);
                let (lp, sp) = &self.unit_progress[*i];
                progress_hash(lp, &mut h);
                progress_hash(sp, &mut h);
                let range = slice(lead.len() + support.len(), *page);
                self.hash_rows(
                    lead.iter()
                        .chain(support)
                        .skip(range.start)
                        .take(range.len())
                        .copied(),
                    &mut h,
                );
            }
            Job::Tasks { list, page } => {
                let t = &self.task_lists[*list];
                ("tasks", &t.base, page, t.tasks.len()).hash(&mut h);
                self.hash_rows(t.tasks[slice(t.tasks.len(), *page)].iter().copied(), &mut h);
                if *page == 1 {
                    self.shared_fp.lists.hash(&mut h);
                    progress_hash(&t.progress, &mut h);
                }
            }
            Job::Home
            | Job::Units
            | Job::Topics
            | Job::Page(_)
            | Job::Data
            | Job::Search
            | Job::NotFound => {
                return None;
            }
        }
        Some(h.finish())
    }

    /// A hash of a page's template, context and the rows its context names.
    fn context_fingerprint(&self, template: &str, ctx: &Context) -> u64 {
        let json = ctx.clone().into_json().to_string();
        let mut h = std::hash::DefaultHasher::new();
        (template, &json).hash(&mut h);
        let mut rest = json.as_str();
        while let Some(at) = rest.find(ROW_OPEN) {
            rest = &rest[at + ROW_OPEN.len_utf8()..];
            let end = rest.find(ROW_CLOSE).unwrap_or(rest.len());
            if let Ok(i) = rest[..end].parse::<u32>() {
                self.row_hash(i).hash(&mut h);
            }
        }
        h.finish()
    }

    /// What every page's context has: the settings and today, made once.
    fn shared_context(site: &Site, links: &Links) -> Context {
        let c = &site.config;
        let mut ctx = Context::new();
        ctx.insert("idx", links.idx);
        ctx.insert("site", &json!({
            "title": c.title, "commune": c.commune, "province": c.province, "description": c.description,
            "footer": c.footer, "language": c.language, "base_url": c.base_url,
        }));
        ctx.insert("today", &site.today.format(&c.date_format).to_string());
        ctx.insert("today_iso", &site.today.to_string());
        ctx
    }

    fn base_context(&self, dir: &str, title: &str, section: &str) -> Context {
        let c = &self.site.config;
        let mut ctx = self.shared_context.clone();
        let root = match &c.base_url {
            Some(b) if dir == "404" => format!("{b}/"),
            Some(_) | None if dir == "404" => "/".to_string(),
            _ => root_for(dir),
        };
        ctx.insert("root", &root);
        ctx.insert("page_title", title);
        ctx.insert("section", section);
        let canonical = c.base_url.as_ref().filter(|_| dir != "404").map(|b| {
            if dir.is_empty() {
                format!("{b}/")
            } else {
                format!("{b}/{dir}/")
            }
        });
        ctx.insert("canonical", &canonical);
        ctx
    }

    fn pagination(&self, base: &str, page: usize, total_items: usize) -> Value {
        let size = self.site.config.page_size;
        let pages = pages_for(total_items, size);
        let link = |n: usize| self.links.paged(base, n);
        json!({
            "page": page, "pages": pages, "total": total_items,
            "first_item": if total_items == 0 { 0 } else { (page - 1) * size + 1 },
            "last_item": (page * size).min(total_items),
            "prev": (page > 1).then(|| link(page - 1)),
            "next": (page < pages).then(|| link(page + 1)),
            // First, last and the pages around the current one: a page's size never grows with
            // the list. `gap` marks where numbers are left out.
            "links": page_window(page, pages).into_iter().map(|n| match n {
                Some(n) => json!({"n": n, "href": link(n), "current": n == page}),
                None => json!({"gap": true}),
            }).collect::<Vec<_>>(),
        })
    }

    fn page_dir(base: &str, page: usize) -> String {
        match (base.is_empty(), page) {
            (_, 0 | 1) => base.to_string(),
            (true, n) => format!("trang/{n}"),
            (false, n) => format!("{base}/trang/{n}"),
        }
    }

    /// The rows of tasks at `positions`, as templates see them: a short placeholder per row
    /// (see [`ROW_OPEN`]), replaced by the row's HTML once the page is rendered.
    /// With `joined` (the default theme's list pages, see [`theme::Native::joined_rows`]) the
    /// placeholders are one string.
    fn rows(&self, positions: &[u32], joined: bool) -> Vec<String> {
        let placeholder = |out: &mut String, i: u32| {
            let _ = write!(out, "{ROW_OPEN}{i}{ROW_CLOSE}");
        };
        if joined {
            // The default theme prints the rows back to back: one string, the same page.
            if positions.is_empty() {
                return Vec::new();
            }
            let mut all = String::with_capacity(positions.len() * 10);
            for &i in positions {
                placeholder(&mut all, i);
            }
            return vec![all];
        }
        positions
            .iter()
            .map(|&i| {
                let mut one = String::new();
                placeholder(&mut one, i);
                one
            })
            .collect()
    }

    /// The rendered page with its placeholders filled: [`ROOT`] by the page's relative root,
    /// row placeholders by the rows (whose own links start with [`ROOT`] too).
    fn finish(&self, html: String, root: &str) -> String {
        if !html.contains(['\u{F8FF}', ROW_OPEN]) {
            return html;
        }
        let mut out = String::with_capacity(html.len() * 2);
        let put_rooted = |out: &mut String, text: &str| {
            let mut rest = text;
            while let Some(at) = rest.find('\u{F8FF}') {
                out.push_str(&rest[..at]);
                out.push_str(root);
                rest = &rest[at + ROOT.len()..];
            }
            out.push_str(rest);
        };
        let mut rest = html.as_str();
        while let Some(at) = rest.find(ROW_OPEN) {
            put_rooted(&mut out, &rest[..at]);
            let after = &rest[at + ROW_OPEN.len_utf8()..];
            let end = after.find(ROW_CLOSE);
            let row = end
                .and_then(|e| after[..e].parse::<usize>().ok())
                .and_then(|i| self.row(i).map(|(r, _)| r));
            match (row, end) {
                (Some(row), Some(e)) => {
                    row.put(&mut out, root);
                    rest = &after[e + ROW_CLOSE.len_utf8()..];
                }
                // Not a placeholder of ours (a template cut it): left as it is.
                _ => {
                    out.push(ROW_OPEN);
                    rest = after;
                }
            }
        }
        put_rooted(&mut out, rest);
        out
    }

    fn plan_cards(&self, plans: &[u32]) -> Vec<views::PlanCard> {
        plans
            .iter()
            .map(|&p| {
                plan_card(
                    self.site,
                    &self.links,
                    p as usize,
                    Some(self.site.index.first_task[p as usize] as usize),
                )
            })
            .collect()
    }

    fn slice<T: Copy>(&self, items: &[T], page: usize) -> Vec<T> {
        let size = self.site.config.page_size;
        items
            .iter()
            .skip((page.max(1) - 1) * size)
            .take(size)
            .copied()
            .collect()
    }

    /// The template and context of a job (its file: [`Self::job_path`]).
    fn context(&self, job: &Job) -> (&'static str, Context) {
        let s = self.site;
        let l = &self.links;
        match job {
            Job::Home => {
                let mut ctx = self.base_context("", &s.config.title, "home");
                let all: Vec<u32> = (0..s.plans.len() as u32).collect();
                ctx.insert("plans", &self.plan_cards(&all[..all.len().min(6)]));
                ctx.insert("plan_count", &s.plans.len());
                ctx.insert("progress", &s.progress(0..s.index.tasks.len() as u32));
                let overdue: Vec<u32> = (0..s.index.tasks.len() as u32)
                    .filter(|&i| s.index.status[i as usize].overdue)
                    .collect();
                let mut soon: Vec<(chrono::NaiveDate, u32)> = (0..s.index.tasks.len() as u32)
                    .filter(|&i| {
                        let st = s.index.status[i as usize].state;
                        st != State::Done && st != State::Cancelled
                    })
                    .filter_map(|i| {
                        let d = s.task(s.index.tasks[i as usize]).due.next_due(s.today)?;
                        (d >= s.today && (d - s.today).num_days() <= 30).then_some((d, i))
                    })
                    .collect();
                soon.sort();
                let soon: Vec<u32> = soon.into_iter().map(|(_, i)| i).collect();
                ctx.insert("overdue_count", &overdue.len());
                ctx.insert(
                    "overdue",
                    &self.rows(&overdue[..overdue.len().min(10)], false),
                );
                ctx.insert("due_soon_count", &soon.len());
                ctx.insert("due_soon", &self.rows(&soon[..soon.len().min(10)], false));
                ctx.insert("overdue_href", &l.dir("nhiem-vu/qua-han"));
                ("home.html", ctx)
            }
            Job::Plans { page } => {
                let dir = Self::page_dir("ke-hoach", *page);
                let mut ctx = self.base_context(&dir, "Danh sách kế hoạch", "plans");
                let all: Vec<u32> = (0..s.plans.len() as u32).collect();
                ctx.insert("plans", &self.plan_cards(&self.slice(&all, *page)));
                ctx.insert("pagination", &self.pagination("ke-hoach", *page, all.len()));
                ctx.insert("heading", "Danh sách kế hoạch");
                self.insert_plan_filters(&mut ctx, None);
                ("plans.html", ctx)
            }
            Job::Year { i, page } => {
                let (year, plans) = &s.index.years[*i];
                let base = format!("ke-hoach/nam/{year}");
                let dir = Self::page_dir(&base, *page);
                let heading = format!("Kế hoạch ban hành năm {year}");
                let mut ctx = self.base_context(&dir, &heading, "plans");
                ctx.insert("plans", &self.plan_cards(&self.slice(plans, *page)));
                ctx.insert("pagination", &self.pagination(&base, *page, plans.len()));
                ctx.insert("heading", &heading);
                self.insert_plan_filters(&mut ctx, Some(&base));
                ("plans.html", ctx)
            }
            Job::Issuer { i, page } => {
                let iss = &s.index.issuers[*i];
                let base = format!("ke-hoach/co-quan/{}", iss.slug);
                let dir = Self::page_dir(&base, *page);
                let heading = format!("Kế hoạch của {}", iss.name);
                let mut ctx = self.base_context(&dir, &heading, "plans");
                ctx.insert("plans", &self.plan_cards(&self.slice(&iss.plans, *page)));
                ctx.insert(
                    "pagination",
                    &self.pagination(&base, *page, iss.plans.len()),
                );
                ctx.insert("heading", &heading);
                self.insert_plan_filters(&mut ctx, Some(&base));
                ("plans.html", ctx)
            }
            Job::Plan(_) => unreachable!("plan pages are made by plan_page"),
            Job::Units => {
                let mut ctx = self.base_context("don-vi", "Đơn vị thực hiện", "units");
                // Groups in the order units.yaml introduces them; units within a group in
                // Vietnamese alphabetical order.
                let mut groups: Vec<(String, Vec<Value>)> = Vec::new();
                for unit in s.registry.units.iter().filter(|u| !u.collective) {
                    let g = unit
                        .group
                        .clone()
                        .unwrap_or_else(|| "Đơn vị khác".to_string());
                    if !groups.iter().any(|(n, _)| *n == g) {
                        groups.push((g, Vec::new()));
                    }
                }
                for &u in &self.unit_order {
                    let unit = &s.registry.units[u];
                    let g = unit
                        .group
                        .clone()
                        .unwrap_or_else(|| "Đơn vị khác".to_string());
                    let row = json!({
                        "name": unit.name, "short": unit.short, "href": l.unit(s, u),
                        "lead": s.index.lead[u].len(), "support": s.index.support[u].len(),
                        "progress": s.progress(s.index.lead[u].iter().copied()),
                    });
                    match groups.iter_mut().find(|(n, _)| *n == g) {
                        Some((_, v)) => v.push(row),
                        None => groups.push((g, vec![row])),
                    }
                }
                let groups: Vec<Value> = groups
                    .into_iter()
                    .map(|(name, units)| json!({"name": name, "units": units}))
                    .collect();
                ctx.insert("groups", &groups);
                ctx.insert("unit_count", &self.unit_order.len());
                ("units.html", ctx)
            }
            Job::Unit { i, page } => {
                let unit = &s.registry.units[*i];
                let base = format!("don-vi/{}", unit.slug);
                let dir = Self::page_dir(&base, *page);
                let mut ctx = self.base_context(&dir, &unit.name, "units");
                let lead = &s.index.lead[*i];
                let support = &s.index.support[*i];
                let size = s.config.page_size;
                let start = (page - 1) * size;
                let end = start + size;
                // One numbered sequence: the tasks it leads, then those it supports.
                let lead_slice: Vec<u32> = lead
                    .iter()
                    .copied()
                    .skip(start)
                    .take(end.saturating_sub(start))
                    .collect();
                let s_start = start.saturating_sub(lead.len());
                let s_take = end.saturating_sub(lead.len()).saturating_sub(s_start);
                let support_slice: Vec<u32> =
                    support.iter().copied().skip(s_start).take(s_take).collect();
                ctx.insert("unit", &json!({
                    "slug": unit.slug, "name": unit.name, "short": unit.short, "group": unit.group, "description": unit.description,
                    "aliases": unit.aliases, "lead_count": lead.len(), "support_count": support.len(),
                }));
                ctx.insert("lead", &self.rows(&lead_slice, self.native.joined_rows));
                ctx.insert(
                    "support",
                    &self.rows(&support_slice, self.native.joined_rows),
                );
                ctx.insert("lead_progress", &self.unit_progress[*i].0);
                ctx.insert("support_progress", &self.unit_progress[*i].1);
                ctx.insert(
                    "pagination",
                    &self.pagination(&base, *page, lead.len() + support.len()),
                );
                ("unit.html", ctx)
            }
            Job::Tasks { list, page } => {
                let t = &self.task_lists[*list];
                let dir = Self::page_dir(&t.base, *page);
                let title = match t.kind {
                    "all" => "Tất cả nhiệm vụ".to_string(),
                    "period" => format!("Nhiệm vụ có thời hạn {}", t.label.to_lowercase()),
                    _ => format!("Nhiệm vụ: {}", t.label.to_lowercase()),
                };
                let mut ctx = self.base_context(&dir, &title, "tasks");
                ctx.insert(
                    "tasks",
                    &self.rows(&self.slice(&t.tasks, *page), self.native.joined_rows),
                );
                ctx.insert(
                    "pagination",
                    &self.pagination(&t.base, *page, t.tasks.len()),
                );
                ctx.insert("heading", &title);
                ctx.insert("first_page_href", &l.dir(&t.base));
                // The filters and site-wide counts are on the first page of each list only: the
                // later pages then change only when their own rows do (cheap rebuilds, small pages).
                if *page == 1 {
                    let link = |x: &TaskList| json!({"label": x.label, "href": l.dir(&x.base), "count": x.tasks.len(), "current": x.base == t.base, "depth": x.base.matches('/').count()});
                    let filters: Vec<Value> = self
                        .task_lists
                        .iter()
                        .filter(|x| x.kind != "period")
                        .map(link)
                        .collect();
                    // Every year; the quarters and months of the year being viewed only.
                    let year_of = |b: &str| b.split('/').nth(2).map(str::to_string);
                    let current_year = if t.kind == "period" {
                        year_of(&t.base)
                    } else {
                        None
                    };
                    let periods: Vec<Value> = self
                        .task_lists
                        .iter()
                        .filter(|x| x.kind == "period")
                        .filter(|x| {
                            x.base.matches('/').count() == 2 || year_of(&x.base) == current_year
                        })
                        .map(link)
                        .collect();
                    ctx.insert("filters", &filters);
                    ctx.insert("periods", &periods);
                    ctx.insert("progress", &t.progress);
                }
                ("tasks.html", ctx)
            }
            Job::Topics => {
                let mut ctx = self.base_context("linh-vuc", "Lĩnh vực", "topics");
                let topics: Vec<Value> = s.index.topics.iter().map(|t| json!({"name": t.name, "href": l.dir(&format!("linh-vuc/{}", t.slug)), "count": t.plans.len()})).collect();
                ctx.insert("topics", &topics);
                ("topics.html", ctx)
            }
            Job::Topic { i, page } => {
                let t = &s.index.topics[*i];
                let base = format!("linh-vuc/{}", t.slug);
                let dir = Self::page_dir(&base, *page);
                let heading = format!("Lĩnh vực: {}", t.name);
                let mut ctx = self.base_context(&dir, &heading, "topics");
                ctx.insert("topic", &json!({"name": t.name, "count": t.plans.len()}));
                ctx.insert("plans", &self.plan_cards(&self.slice(&t.plans, *page)));
                ctx.insert("pagination", &self.pagination(&base, *page, t.plans.len()));
                ("topic.html", ctx)
            }
            Job::Page(i) => {
                let p = &s.pages[*i];
                let mut ctx = self.base_context(&p.slug, &p.title, "page");
                let (html, headings) = markdown::render(&p.body, &root_for(&p.slug));
                ctx.insert("title", &p.title);
                ctx.insert("body", &html);
                ctx.insert("headings", &headings);
                ("page.html", ctx)
            }
            Job::Data => {
                let mut ctx = self.base_context("du-lieu", "Dữ liệu mở", "data");
                ctx.insert("columns", &crate::export::data::COLUMNS);
                ("data.html", ctx)
            }
            Job::Search => {
                let ctx = self.base_context("tim-kiem", "Tìm kiếm", "search");
                ("search.html", ctx)
            }
            Job::NotFound => {
                let ctx = self.base_context("404", "Không tìm thấy trang", "404");
                ("404.html", ctx)
            }
        }
    }

    fn insert_plan_filters(&self, ctx: &mut Context, current: Option<&str>) {
        let s = self.site;
        let l = &self.links;
        let years: Vec<Value> = s.index.years.iter().map(|(y, p)| {
            let b = format!("ke-hoach/nam/{y}");
            json!({"name": y.to_string(), "href": l.dir(&b), "count": p.len(), "current": current == Some(b.as_str())})
        }).collect();
        let issuers: Vec<Value> = s.index.issuers.iter().map(|i| {
            let b = format!("ke-hoach/co-quan/{}", i.slug);
            json!({"name": i.name, "href": l.dir(&b), "count": i.plans.len(), "current": current == Some(b.as_str())})
        }).collect();
        let topics: Vec<Value> = s.index.topics.iter().map(|t| json!({"name": t.name, "href": l.dir(&format!("linh-vuc/{}", t.slug)), "count": t.plans.len()})).collect();
        ctx.insert("years", &years);
        ctx.insert("issuers", &issuers);
        ctx.insert("topics", &topics);
        ctx.insert("all_plans_href", &l.dir("ke-hoach"));
        ctx.insert("all_plans_current", &current.is_none());
    }

    fn plan_page(&self, pi: usize) -> Result<(&'static str, Context), Diagnostic> {
        let s = self.site;
        let plan = &s.plans[pi];
        let dir = format!("ke-hoach/{}", plan.slug);
        // The number and the title first: that is what a citizen searches and bookmarks.
        let title = match &plan.number {
            Some(n) => format!("{n}: {}", plan.title),
            None => format!("{} (chưa có số): {}", plan.kind, plan.title),
        };
        let mut ctx = self.base_context(&dir, &title, "plans");
        let root = root_for(&dir);
        let (body, headings) = markdown::render(&plan.body, &root);
        let has = |f: fn(&crate::content::Task) -> bool| plan.tasks().any(f);
        let columns = row::PlanColumns {
            support: has(|t| !t.support.is_empty()),
            output: has(|t| t.output.is_some()),
            leader: has(|t| t.leader.is_some()),
        };
        let first = self.site.index.first_task[pi] as usize;
        let mut k = first;
        let mut groups: Vec<Value> = Vec::with_capacity(plan.groups.len());
        for (gi, g) in plan.groups.iter().enumerate() {
            let mut tasks = Vec::with_capacity(g.tasks.len());
            for ti in 0..g.tasks.len() {
                let r = TaskRef {
                    plan: pi as u32,
                    group: gi as u32,
                    task: ti as u32,
                };
                let view = task_row(s, &self.links, r, s.index.status[k], &root);
                k += 1;
                let html = self.plan_row(&view, g, columns, &root, self.native.plan_row)?;
                // The default page prints the row only; another page may use any field.
                tasks.push(if self.native.plan_page {
                    json!({ "row": html })
                } else {
                    let mut v = serde_json::to_value(&view).unwrap_or(Value::Null);
                    if let Value::Object(m) = &mut v {
                        m.insert("row".into(), Value::String(html));
                    }
                    v
                });
            }
            groups.push(json!({"no": g.no, "title": g.title, "tasks": tasks}));
        }
        let (date, date_iso) = views::doc_date(&plan.date);
        let place_date = match (&plan.place, &plan.date) {
            (Some(p), Some(d)) => Some(format!("{p}, {}", d.long_vi())),
            (None, Some(d)) => Some(d.long_vi()),
            (Some(p), None) => Some(format!("{p}, ngày … tháng … năm …")),
            (None, None) => None,
        };
        ctx.insert("plan", &json!({
            "slug": plan.slug, "number": plan.number, "number_label": number_label(plan), "kind": plan.kind,
            "kind_upper": plan.kind.to_uppercase(), "title": plan.title, "issuer": plan.issuer,
            "issuer_lines": plan.issuer.as_deref().map(issuer_lines).unwrap_or_default(),
            "place_date": place_date, "date": date, "date_iso": date_iso, "basis": plan.basis,
            "signer": plan.signer, "recipients": plan.recipients,
            "attachments": plan.attachments.iter().map(|a| json!({"title": a.title, "href": views::site_href(&a.file, &root)})).collect::<Vec<_>>(),
            "topics": plan.topics.iter().map(|t| views::topic_link(s, &self.links, t)).collect::<Vec<_>>(),
            "appendix_title": plan.appendix_title.as_deref().map(|t| t.lines().collect::<Vec<_>>()),
            "appendix_note": plan.appendix_note, "stated_total": plan.stated_total, "editor_note": plan.editor_note,
            "task_count": plan.task_count(), "grouped": plan.groups.iter().any(|g| !g.no.is_empty()),
            "has_output": columns.output, "has_leader": columns.leader, "has_support": columns.support,
            "columns": 5 + usize::from(columns.support) + usize::from(columns.output) + usize::from(columns.leader),
        }));
        ctx.insert("body", &body);
        ctx.insert("headings", &headings);
        ctx.insert("groups", &groups);
        ctx.insert(
            "progress",
            &s.progress((first..first + plan.task_count()).map(|i| i as u32)),
        );
        Ok(("plan.html", ctx))
    }

    /// A row of plan page's task table (`plan_task_row.html`), natively or through Tera.
    fn plan_row(
        &self,
        t: &views::TaskRow,
        g: &crate::content::Group,
        columns: row::PlanColumns,
        root: &str,
        native: bool,
    ) -> Result<String, Diagnostic> {
        if native {
            return Ok(row::plan_row(t, &g.no, columns, root));
        }
        let mut ctx = Context::new();
        ctx.insert("t", t);
        ctx.insert("g", &json!({"no": g.no, "title": g.title}));
        ctx.insert(
            "plan",
            &json!({"has_support": columns.support, "has_output": columns.output, "has_leader": columns.leader}),
        );
        ctx.insert("root", root);
        self.tera
            .render("plan_task_row.html", &ctx)
            .map_err(|e| theme::template_error(self.origin("plan_task_row.html"), &e))
    }
}

/// Minifies a stylesheet (once per build; pages are compact by construction, see
/// [`theme::compact_template`]). On the (unexpected) failure of the minifier the CSS is kept.
pub fn minify_css(css: &[u8]) -> Vec<u8> {
    let mut wrapped = b"<style>".to_vec();
    wrapped.extend_from_slice(css);
    wrapped.extend_from_slice(b"</style>");
    let cfg = minify_html::Cfg {
        minify_css: true,
        ..minify_html::Cfg::default()
    };
    let out = minify_html::minify(&wrapped, &cfg);
    match out
        .strip_prefix(b"<style>")
        .and_then(|o| o.strip_suffix(b"</style>"))
    {
        Some(inner) => inner.to_vec(),
        None => css.to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every row of `root`'s site, through Tera and natively: the same bytes.
    fn rows_agree(root: &Path) -> usize {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
        let (site, diags) = crate::site::load::load(root, today);
        let site = site.unwrap_or_else(|| panic!("{diags:?}"));
        let r = Renderer::new(&site, root).unwrap();
        assert_eq!(
            r.native,
            theme::Native {
                row: true,
                plan_row: true,
                plan_page: true,
                joined_rows: true,
            },
            "the default theme's rows are rendered natively"
        );
        for i in 0..site.index.tasks.len() {
            let tera = r.render_row(i, false).unwrap();
            let native = r.render_row(i, true).unwrap();
            assert_eq!(native, tera, "row {i}");
        }
        // The rows of the plan pages, with every combination of optional columns.
        let mut k = 0;
        for (pi, plan) in site.plans.iter().enumerate() {
            for (gi, g) in plan.groups.iter().enumerate() {
                for ti in 0..g.tasks.len() {
                    let tr = TaskRef {
                        plan: pi as u32,
                        group: gi as u32,
                        task: ti as u32,
                    };
                    let view = task_row(&site, &r.links, tr, site.index.status[k], "../../");
                    k += 1;
                    for bits in 0..8 {
                        let cols = row::PlanColumns {
                            support: bits & 1 != 0,
                            output: bits & 2 != 0,
                            leader: bits & 4 != 0,
                        };
                        let tera = r.plan_row(&view, g, cols, "../../", false).unwrap();
                        let native = r.plan_row(&view, g, cols, "../../", true).unwrap();
                        assert_eq!(native, tera, "plan {pi} task {k}, columns {bits}");
                    }
                }
            }
        }
        site.index.tasks.len()
    }

    /// Every page of `r`'s site as it is written.
    fn pages(r: &Renderer) -> Vec<(String, String)> {
        r.jobs()
            .iter()
            .map(|job| {
                let (template, ctx) = r.page_context(job).unwrap();
                (r.job_path(job), r.page(template, &ctx).unwrap())
            })
            .collect()
    }

    #[test]
    fn list_pages_with_joined_rows_are_the_same_pages() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
        let (site, diags) = crate::site::load::load(root, today);
        let site = site.unwrap_or_else(|| panic!("{diags:?}"));
        let mut r = Renderer::new(&site, root).unwrap();
        assert!(r.native.joined_rows);
        let joined = pages(&r);
        r.native.joined_rows = false;
        let one_by_one = pages(&r);
        assert_eq!(joined.len(), one_by_one.len());
        let mut lists = 0;
        for ((path, a), (_, b)) in joined.iter().zip(&one_by_one) {
            assert_eq!(a, b, "{path}");
            lists += usize::from(a.contains("<tr class=\"task-row\""));
        }
        assert!(lists > 20, "{lists} pages with task rows");
    }

    #[test]
    fn native_row_is_the_default_template_byte_for_byte() {
        assert_eq!(rows_agree(Path::new(env!("CARGO_MANIFEST_DIR"))), 117);
    }

    #[test]
    fn native_row_agrees_on_escaping_percent_and_long_titles() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content/plans")).unwrap();
        std::fs::write(
            root.join("site.toml"),
            "title = \"T\"\ncommune = \"Xã A\"\nprovince = \"Tỉnh B\"\n",
        )
        .unwrap();
        std::fs::write(
            root.join("content/units.yaml"),
            "units:\n  - name: \"Phòng <Kinh tế> & 'Hạ tầng'\"\n    short: KT\n",
        )
        .unwrap();
        let long = "Kế hoạch ".repeat(20);
        std::fs::write(
            root.join("content/plans/a.md"),
            format!(
                "---\ntitle: \"{long}\"\ntasks:\n  - content: \"Dòng <b>1</b> & \\\"x\\\"\\n- chi tiết 'a'\\r\\n- b\"\n    lead: \"Phòng <Kinh tế> & 'Hạ tầng'; Ban lạ\"\n    due: Quý I/2025\n    updates:\n      - {{ date: 2025-01-02, status: in_progress, percent: 40, note: \"Ghi <chú>\", link: \"https://a.vn/x?a=1&b=2\" }}\n  - content: Việc hai\n    due: \"31/12/2025\"\n    updates:\n      - {{ date: 2025-01-02, status: in_progress, percent: 0 }}\n  - content: Việc ba\n---\nVăn bản.\n"
            ),
        )
        .unwrap();
        assert_eq!(rows_agree(root), 3);
    }
}
