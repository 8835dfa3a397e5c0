//! Render stage: Tera templates compiled once, one job per output page, rendered, minified and
//! written in parallel.
//!
//! Each kind of page lives in [`pages`] (its address, typed context and fingerprint), listed
//! once there. The renderer holds what many pages share, made once per build: the compiled
//! templates, every task's row of the cross-plan lists, the plans' cards, the task lists,
//! the units' counts, the part of the context every page has. [`incremental`] holds what
//! lets a rebuild render only the pages that changed.

pub mod incremental;
pub mod markdown;
mod pages;
mod row;
pub mod theme;
pub mod views;

pub use incremental::RenderCache;

use crate::diag::Diagnostic;
use crate::site::Site;
use crate::urls::{self, Links};
use incremental::{PlanRows, ROOT, SharedFp, hash_of};
use pages::tasks::{TaskList, task_lists};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::Arc;
use tera::{Context, Tera};
use views::{plan_card, task_row};

/// What a render produced: pages written and bytes.
#[derive(Debug, Default, Clone, Copy)]
pub struct Written {
    pub pages: usize,
    /// Files written beside pages ([`crate::urls::BESIDE_PAGES`]).
    pub beside: usize,
    /// Of the pages and the files beside them.
    pub bytes: u64,
}

/// A page a render made or found unchanged.
struct PageRecord {
    /// Its file, relative to the output.
    path: String,
    /// Its fingerprint (0 when not kept).
    fingerprint: u64,
    /// Of the page and the files beside it.
    bytes: u64,
    /// Files written beside it.
    beside: u32,
    /// Rendered this time (not found unchanged).
    rendered: bool,
}

pub struct Renderer<'s> {
    site: &'s Site,
    tera: Tera,
    links: Links,
    /// Units that get a page (not collective), in Vietnamese order.
    unit_order: Vec<usize>,
    /// References between the plans (basis and prose), for links and "Văn bản triển khai".
    refs: crate::site::refs::Links,
    /// Status counts of the tasks each unit leads and supports, computed once.
    unit_progress: Vec<(crate::site::Progress, crate::site::Progress)>,
    task_lists: Vec<TaskList>,
    /// Each unit's tasks in each state ([`pages::unit_lists`]).
    unit_lists: Vec<pages::unit_lists::UnitList>,
    /// Per unit: the tasks it leads in its page's order, and each status's run in it.
    unit_runs: Vec<pages::unit_lists::UnitOrder>,
    /// Every report ([`crate::report::list`]).
    reports: Vec<(
        crate::report::summary::Scope,
        Option<crate::report::period::Period>,
    )>,
    /// Template name → the file it was read from (for error messages).
    origins: Vec<(String, String)>,
    /// Per plan: each task's row of the cross-plan lists, rendered once (links start with
    /// [`ROOT`]), with their hashes and the plan's fingerprint, for page fingerprints.
    plan_rows: Vec<Arc<PlanRows>>,
    /// Each task's row hash by its position in `index.tasks` (a flat copy of the plans'
    /// hashes: page fingerprints read ~100 each, for every page of every rebuild).
    row_hashes: Vec<u64>,
    /// Each task's hash of what a report shows of it (see `pages::reports`), by position in
    /// `index.tasks`: made with its row and kept with it while its plan is unchanged (made
    /// afresh for every task on each rebuild, it cost 22 ms at 1,000 plans).
    report_facts: Vec<u64>,
    /// The plans in the order of the public list (newest publication first), made on first
    /// use and read by every page of the list.
    public_order: std::sync::OnceLock<Vec<usize>>,
    /// `0..plans`, the plans index in order.
    all_plans: Vec<u32>,
    /// The part of every page's context that does not depend on the page.
    shared_context: Context,
    /// Parts of page fingerprints that many pages share, hashed once.
    shared_fp: SharedFp,
    /// Which rows are rendered natively ([`row`]) instead of through Tera.
    native: theme::Native,
}

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

/// Relative prefix from a page at `dir` (e.g. `ke-hoach/x`) back to the site root.
pub(crate) fn root_for(dir: &str) -> String {
    if dir.is_empty() {
        String::new()
    } else {
        "../".repeat(dir.split('/').count())
    }
}

/// A paginated list's place, as templates see it.
#[derive(Debug, Serialize)]
struct Pagination {
    page: usize,
    pages: usize,
    total: usize,
    /// The numbers of the page's first and last items; 0 on a list cut by content
    /// ([`pages::Cuts`]), whose pager says how many items the page holds instead.
    first_item: usize,
    last_item: usize,
    shown: usize,
    prev: Option<String>,
    next: Option<String>,
    /// First, last and the pages around the current one: a page's size never grows with the
    /// list.
    links: Vec<PageLink>,
}

#[derive(Debug, Serialize)]
#[serde(untagged)]
enum PageLink {
    Page {
        n: usize,
        href: String,
        current: bool,
    },
    /// Where numbers are left out.
    Gap { gap: bool },
}

/// What every page's context has: the settings and today, made once.
#[derive(Serialize)]
struct SharedView<'a> {
    idx: &'static str,
    /// The portal's main addresses ([`urls::template_links`]).
    u: std::collections::BTreeMap<&'static str, String>,
    site: SiteView<'a>,
    /// The build day, as the site shows dates, and ISO.
    today: String,
    today_iso: String,
    /// The free pages (giới thiệu, hướng dẫn …), linked from the footer.
    pages: Vec<FreeLink<'a>>,
}

#[derive(Serialize)]
struct FreeLink<'a> {
    title: &'a str,
    href: String,
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    commune: &'a str,
    province: &'a str,
    description: &'a Option<String>,
    footer: &'a Option<String>,
    language: &'a str,
    base_url: &'a Option<String>,
}

/// What every page's context has that depends on the page.
#[derive(Serialize)]
struct PageHead<'a> {
    /// The relative prefix back to the site root (absolute on the not-found page).
    root: String,
    page_title: &'a str,
    /// The navigation section the page belongs to.
    section: &'a str,
    /// The page's address, with a `base_url`.
    canonical: Option<String>,
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
        let links = Links::new(site.config.base_url.is_some());
        let mut unit_order: Vec<usize> = (0..site.registry.units.len())
            .filter(|&u| !site.registry.units[u].collective)
            .collect();
        unit_order.sort_by(|&a, &b| {
            crate::vi::collate::cmp(&site.registry.units[a].name, &site.registry.units[b].name)
        });
        // What the pages share, made side by side (a rebuild makes it all again: 24 ms at
        // 1,000 plans one after the other).
        let keys = pages::task_keys(site);
        let ((task_lists, unit_lists), (unit_runs, (refs, unit_progress, reports))) = rayon::join(
            || {
                let lists = task_lists(site, &keys);
                let of_units = pages::unit_lists::unit_lists(site, &lists, &unit_order);
                (lists, of_units)
            },
            || {
                rayon::join(
                    || pages::unit_lists::unit_runs(site, &keys),
                    || {
                        let progress = (0..site.registry.units.len())
                            .map(|u| {
                                (
                                    site.progress(site.index.lead[u].iter().copied()),
                                    site.progress(site.index.support[u].iter().copied()),
                                )
                            })
                            .collect();
                        (
                            crate::site::refs::Links::of(site),
                            progress,
                            crate::report::list(site),
                        )
                    },
                )
            },
        );
        Renderer {
            site,
            tera,
            shared_context: Self::shared_context(site, &links),
            links,
            unit_order,
            refs,
            unit_progress,
            shared_fp: SharedFp::default(),
            unit_lists,
            unit_runs,
            reports,
            task_lists,
            origins,
            plan_rows: Vec::new(),
            row_hashes: Vec::new(),
            report_facts: Vec::new(),
            public_order: std::sync::OnceLock::new(),
            all_plans: (0..site.plans.len() as u32).collect(),
            native,
        }
        .with_rows(cache)
    }

    /// Renders every task's list row once, in parallel; rows of plans that `cache` holds
    /// unchanged (the same shared plan) are reused.
    fn with_rows(mut self, cache: &mut RenderCache) -> Result<Self, Vec<Diagnostic>> {
        let s = self.site;
        self.shared_fp = SharedFp::of(s, pages::tasks::lists_fingerprint(&self.task_lists));
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
                    facts: Vec::with_capacity(plan.task_count()),
                    fp: 0,
                };
                let mut h = std::hash::DefaultHasher::new();
                (plan.source_hash, &plan.slug).hash(&mut h);
                // In parallel within a plan too: one plan may hold most of a site's tasks.
                let made: Vec<Result<(incremental::Row, u64, u64), Diagnostic>> = (first
                    ..first + plan.task_count())
                    .into_par_iter()
                    .with_min_len(256)
                    .map(|i| {
                        let html = self.render_row(i, self.native.row)?;
                        let rh = hash_of(&html);
                        let fact = pages::reports::report_fact(s, i);
                        Ok((incremental::Row::new(html), rh, fact))
                    })
                    .collect();
                for r in made {
                    let (row, rh, fact) = r?;
                    rh.hash(&mut h);
                    out.rows.push(row);
                    out.hashes.push(rh);
                    out.facts.push(fact);
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
        self.report_facts = self
            .plan_rows
            .iter()
            .flat_map(|r| r.facts.iter().copied())
            .collect();
        if errors.is_empty() {
            Ok(self)
        } else {
            Err(errors)
        }
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
        pages::jobs(self).len()
    }

    /// The output path of every page a build writes (`ke-hoach/x/index.html`, `404.html` …).
    pub fn page_paths(&self) -> Vec<String> {
        pages::jobs(self).iter().map(|j| j.file(self)).collect()
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
        let rendered = pages.iter().filter(|p| p.rendered).count();
        if incremental {
            let now: std::collections::HashSet<&str> =
                pages.iter().map(|p| p.path.as_str()).collect();
            for path in prev.keys() {
                if !now.contains(path.as_str()) {
                    let full = out.dir().join(path);
                    let _ = std::fs::remove_file(&full);
                    if let Some(parent) = full.parent() {
                        for name in urls::BESIDE_PAGES {
                            let _ = std::fs::remove_file(parent.join(name));
                        }
                        let _ = std::fs::remove_dir(parent);
                    }
                }
            }
        }
        if fingerprints {
            cache.pages = pages
                .into_iter()
                .map(|p| (p.path, (p.fingerprint, p.bytes, p.beside)))
                .collect();
        }
        Ok((w, rendered))
    }

    /// Renders the pages; with `prev`, a page whose fingerprint is unchanged is skipped.
    /// Returns the totals and a record of each page.
    fn render_jobs(
        &self,
        out: Option<&crate::output::Writer>,
        progress: Option<&indicatif::ProgressBar>,
        prev: Option<&HashMap<String, (u64, u64, u32)>>,
        fingerprints: bool,
    ) -> Result<(Written, Vec<PageRecord>), Vec<Diagnostic>> {
        let jobs = pages::jobs(self);
        // Incremental rebuilds write into the published output: only once every page rendered,
        // so that a template error leaves it as it was.
        let defer = prev.is_some();
        let deferred = std::sync::Mutex::new(Vec::<(String, Vec<u8>)>::new());
        let unchanged = |path: &str, fp: Option<u64>| {
            let (prev, fp) = (prev?, fp?);
            let &(old, bytes, beside) = prev.get(path)?;
            (old == fp).then_some((bytes, beside))
        };
        let results: Vec<Result<PageRecord, Diagnostic>> = jobs
            .par_iter()
            .map(|job| {
                let path = job.file(self);
                let fp = if fingerprints {
                    job.fingerprint(self)
                } else {
                    None
                };
                let kept = |path: String, fp: u64, (bytes, beside): (u64, u32)| PageRecord {
                    path,
                    fingerprint: fp,
                    bytes,
                    beside,
                    rendered: false,
                };
                if let (Some(was), Some(fp)) = (unchanged(&path, fp), fp) {
                    return Ok(kept(path, fp, was));
                }
                let page = job.page(self)?;
                // The few pages without a fingerprint of their own (home, units, topics…):
                // a hash of their context and of the rows it names.
                let fp = match fp {
                    Some(fp) => Some(fp),
                    None if fingerprints => {
                        Some(self.context_fingerprint(page.template, &page.context))
                    }
                    None => None,
                };
                if let (Some(was), Some(fp)) = (unchanged(&path, fp), fp) {
                    return Ok(kept(path, fp, was));
                }
                let html = self.render_page(page.template, &page.context)?;
                // Pages without a fingerprint are always rendered again.
                let fingerprint = fp.unwrap_or(0);
                let beside = page.files.len() as u32;
                let n =
                    html.len() as u64 + page.files.iter().map(|f| f.1.len() as u64).sum::<u64>();
                let made = |path: String| PageRecord {
                    path,
                    fingerprint,
                    bytes: n,
                    beside,
                    rendered: true,
                };
                let Some(out) = out else {
                    return Ok(made(path));
                };
                let bytes = html.into_bytes();
                if let Some(p) = progress {
                    p.inc(1);
                }
                if defer {
                    if let Ok(mut d) = deferred.lock() {
                        d.push((path.clone(), bytes));
                        d.extend(page.files);
                    }
                    return Ok(made(path));
                }
                out.write(Path::new(&path), &bytes)
                    .map_err(|e| write_error(out, &path, &e))?;
                for (file, bytes) in &page.files {
                    out.write(Path::new(file), bytes)
                        .map_err(|e| write_error(out, file, &e))?;
                }
                Ok(made(path))
            })
            .collect();
        let mut errors: Vec<Diagnostic> = Vec::new();
        let mut w = Written::default();
        let mut pages = Vec::with_capacity(results.len());
        for r in results {
            match r {
                Ok(p) => {
                    w.pages += 1;
                    w.beside += p.beside as usize;
                    w.bytes += p.bytes;
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
                    out.write(Path::new(path), bytes)
                        .err()
                        .map(|e| write_error(out, path, &e))
                })
                .collect();
            if !failed.is_empty() {
                return Err(failed);
            }
        }
        Ok((w, pages))
    }

    /// A page as it is written: `template` rendered with `ctx`, its placeholders filled.
    fn render_page(&self, template: &str, ctx: &Context) -> Result<String, Diagnostic> {
        let html = self
            .tera
            .render(template, ctx)
            .map_err(|e| theme::template_error(self.origin(template), &e))?;
        let root = ctx.get("root").and_then(|v| v.as_str()).unwrap_or_default();
        Ok(self.finish(html, root))
    }

    /// What every page's context has: the settings and today, made once.
    fn shared_context(site: &Site, links: &Links) -> Context {
        let c = &site.config;
        let mut ctx = Context::new();
        pages::extend(
            &mut ctx,
            &SharedView {
                idx: links.idx,
                u: urls::template_links(links),
                site: SiteView {
                    title: &c.title,
                    commune: &c.commune,
                    province: &c.province,
                    description: &c.description,
                    footer: &c.footer,
                    language: &c.language,
                    base_url: &c.base_url,
                },
                today: site.today.format(&c.date_format).to_string(),
                today_iso: site.today.to_string(),
                pages: site
                    .pages
                    .iter()
                    .map(|p| FreeLink {
                        title: &p.title,
                        href: links.dir(&p.slug),
                    })
                    .collect(),
            },
        );
        ctx
    }

    /// The context every page starts from: [`Self::shared_context`] and the page's head.
    fn base_context(&self, dir: &str, title: &str, section: &str) -> Context {
        let c = &self.site.config;
        let mut ctx = self.shared_context.clone();
        let not_found = dir == urls::NOT_FOUND_DIR;
        let root = match &c.base_url {
            Some(b) if not_found => format!("{b}/"),
            None if not_found => "/".to_string(),
            _ => root_for(dir),
        };
        let canonical = c.base_url.as_ref().filter(|_| !not_found).map(|b| {
            if dir.is_empty() {
                format!("{b}/")
            } else {
                format!("{b}/{dir}/")
            }
        });
        pages::extend(
            &mut ctx,
            &PageHead {
                root,
                page_title: title,
                section,
                canonical,
            },
        );
        ctx
    }

    /// Page `page` of a list of `total_items` at `base`, for its pager.
    fn pagination(&self, base: &str, page: usize, total_items: usize) -> Pagination {
        let size = self.page_size();
        let pages = pages::pages_for(total_items, size);
        let last = (page * size).min(total_items);
        let first = if total_items == 0 {
            0
        } else {
            (page - 1) * size + 1
        };
        self.pager(base, page, pages, total_items, (first, last))
    }

    /// Page `page` of a list at `base` cut by content into `cuts`, of `total_items`.
    fn pagination_cut(
        &self,
        base: &str,
        page: usize,
        cuts: &pages::Cuts,
        total_items: usize,
    ) -> Pagination {
        let mut p = self.pager(base, page, cuts.pages(), total_items, (0, 0));
        p.shown = cuts.range(page).len();
        p
    }

    fn pager(
        &self,
        base: &str,
        page: usize,
        pages: usize,
        total_items: usize,
        (first_item, last_item): (usize, usize),
    ) -> Pagination {
        let link = |n: usize| self.links.paged(base, n);
        Pagination {
            page,
            pages,
            total: total_items,
            first_item,
            last_item,
            shown: (last_item + 1).saturating_sub(first_item.max(1)),
            prev: (page > 1).then(|| link(page - 1)),
            next: (page < pages).then(|| link(page + 1)),
            links: page_window(page, pages)
                .into_iter()
                .map(|n| match n {
                    Some(n) => PageLink::Page {
                        n,
                        href: link(n),
                        current: n == page,
                    },
                    None => PageLink::Gap { gap: true },
                })
                .collect(),
        }
    }

    /// Rows per page of the lists that grow with the site.
    fn page_size(&self) -> usize {
        self.site.config.page_size
    }

    /// The positions of the items of page `page` (1-based) in a list of `n`.
    fn page_range(&self, n: usize, page: usize) -> std::ops::Range<usize> {
        let size = self.page_size();
        let start = ((page.max(1) - 1) * size).min(n);
        start..(start + size).min(n)
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

    /// The items of page `page` of a list.
    fn slice<T: Copy>(&self, items: &[T], page: usize) -> Vec<T> {
        items[self.page_range(items.len(), page)].to_vec()
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
        ctx.insert("g", &serde_json::json!({"no": g.no, "title": g.title}));
        ctx.insert(
            "plan",
            &serde_json::json!({"has_support": columns.support, "has_output": columns.output, "has_leader": columns.leader}),
        );
        ctx.insert("root", root);
        self.tera
            .render("plan_task_row.html", &ctx)
            .map_err(|e| theme::template_error(self.origin("plan_task_row.html"), &e))
    }
}

/// The error of a page that could not be written.
fn write_error(out: &crate::output::Writer, path: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(
        out.dir().join(path),
        None,
        crate::tr!(crate::msg::CANNOT_WRITE, error = e),
    )
    .with_hint(crate::tr!(crate::msg::OUTPUT_WRITABLE_HINT))
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
    use crate::site::TaskRef;

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
        pages::jobs(r)
            .iter()
            .map(|job| {
                let page = job.page(r).unwrap();
                (
                    job.file(r),
                    r.render_page(page.template, &page.context).unwrap(),
                )
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
