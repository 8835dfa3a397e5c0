//! Render stage: Tera templates compiled once, one job per output page, rendered, minified and
//! written in parallel.

pub mod markdown;
pub mod theme;
pub mod views;

use crate::diag::Diagnostic;
use crate::site::status::State;
use crate::site::{Site, TaskRef};
use rayon::prelude::*;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
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
        TaskList {
            base: "nhiem-vu".into(),
            label: "Tất cả".into(),
            kind: "all",
            tasks: all.clone(),
        },
        TaskList {
            base: "nhiem-vu/qua-han".into(),
            label: "Quá hạn".into(),
            kind: "status",
            tasks: pick(&|s| s.overdue),
        },
    ];
    for st in State::ALL {
        lists.push(TaskList {
            base: format!("nhiem-vu/{}", st.slug()),
            label: st.label().into(),
            kind: "status",
            tasks: pick(&|s| s.state == st),
        });
    }
    // Deadline periods: by the last day of each dated deadline, soonest first.
    let mut dated: Vec<(chrono::NaiveDate, u32)> = all
        .iter()
        .filter_map(|&i| {
            let d = &site.task(ix.tasks[i as usize]).due;
            d.end.filter(|_| d.kind.is_dated()).map(|e| (e, i))
        })
        .collect();
    dated.sort();
    let mut periods: std::collections::BTreeMap<(i32, u32, u32), Vec<u32>> =
        std::collections::BTreeMap::new();
    for (end, i) in &dated {
        let (y, q, m) = (end.year(), (end.month() - 1) / 3 + 1, end.month());
        periods.entry((y, 0, 0)).or_default().push(*i);
        periods.entry((y, q, 0)).or_default().push(*i);
        periods.entry((y, q, m)).or_default().push(*i);
    }
    for ((y, q, m), tasks) in periods {
        let (base, label) = match (q, m) {
            (0, _) => (format!("nhiem-vu/han/{y}"), format!("Năm {y}")),
            (q, 0) => (
                format!("nhiem-vu/han/{y}/quy-{q}"),
                format!("Quý {}/{y}", crate::content::plan::roman(q as usize)),
            ),
            (_, m) => (
                format!("nhiem-vu/han/{y}/thang-{m}"),
                format!("Tháng {m}/{y}"),
            ),
        };
        lists.push(TaskList {
            base,
            label,
            kind: "period",
            tasks,
        });
    }
    lists
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
    /// Positions in `index.tasks` of the first task of each plan.
    plan_first_task: Vec<usize>,
    /// Units that get a page (not collective), in Vietnamese order.
    unit_order: Vec<usize>,
    task_lists: Vec<TaskList>,
    /// Template name → the file it was read from (for error messages).
    origins: Vec<(String, String)>,
    /// Each task's row of the cross-plan lists, rendered once (links start with [`ROOT`]).
    row_html: Vec<String>,
}

/// Stands for the page's relative root in HTML rendered once and reused on pages of every
/// depth; replaced when the page is written. A private-use character no editor types.
const ROOT: &str = "\u{F8FF}";

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

impl<'s> Renderer<'s> {
    pub fn new(site: &'s Site, site_root: &Path) -> Result<Self, Vec<Diagnostic>> {
        let (tera, origins) = theme::load_templates(site_root, &site.config.theme)?;
        let links = Links {
            idx: if site.config.base_url.is_some() {
                ""
            } else {
                "index.html"
            },
        };
        let mut plan_first_task = Vec::with_capacity(site.plans.len());
        let mut n = 0;
        for p in &site.plans {
            plan_first_task.push(n);
            n += p.task_count();
        }
        let mut unit_order: Vec<usize> = (0..site.registry.units.len())
            .filter(|&u| !site.registry.units[u].collective)
            .collect();
        unit_order.sort_by(|&a, &b| {
            crate::vi::collate::cmp(&site.registry.units[a].name, &site.registry.units[b].name)
        });
        Renderer {
            site,
            tera,
            links,
            plan_first_task,
            unit_order,
            task_lists: task_lists(site),
            origins,
            row_html: Vec::new(),
        }
        .with_rows()
    }

    /// Renders every task's list row once, in parallel.
    fn with_rows(mut self) -> Result<Self, Vec<Diagnostic>> {
        let s = self.site;
        let rows: Vec<Result<String, Diagnostic>> = (0..s.index.tasks.len())
            .into_par_iter()
            .map(|i| {
                let mut ctx = Context::new();
                ctx.insert(
                    "t",
                    &task_row(s, &self.links, s.index.tasks[i], s.index.status[i], ROOT),
                );
                ctx.insert("root", ROOT);
                self.tera
                    .render("task_row.html", &ctx)
                    .map_err(|e| theme::template_error(self.origin("task_row.html"), &e))
            })
            .collect();
        let mut errors = Vec::new();
        for r in rows {
            match r {
                Ok(h) => self.row_html.push(h),
                Err(d) if !errors.contains(&d) => errors.push(d),
                Err(_) => {}
            }
        }
        if errors.is_empty() {
            Ok(self)
        } else {
            Err(errors)
        }
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

    /// [`Self::render_all`], ticking `progress` once per page.
    pub fn render_all_with(
        &self,
        out: Option<&crate::output::Writer>,
        progress: Option<&indicatif::ProgressBar>,
    ) -> Result<Written, Vec<Diagnostic>> {
        let jobs = self.jobs();
        let results: Vec<Result<u64, Diagnostic>> = jobs
            .par_iter()
            .map(|job| {
                let (path, template, ctx) = self.context(job);
                let html = self
                    .tera
                    .render(template, &ctx)
                    .map_err(|e| theme::template_error(self.origin(template), &e))?;
                let root = ctx.get("root").and_then(|v| v.as_str()).unwrap_or_default();
                let html = if html.contains(ROOT) {
                    html.replace(ROOT, root)
                } else {
                    html
                };
                let Some(out) = out else {
                    return Ok(html.len() as u64);
                };
                let bytes = html.into_bytes();
                if let Some(p) = progress {
                    p.inc(1);
                }
                out.write(&path, &bytes).map_err(|e| {
                    let full = out.dir().join(&path);
                    Diagnostic::error(&full, None, format!("cannot write: {e}")).with_hint(
                        "check that the output folder is writable and the disk is not full",
                    )
                })?;
                Ok(bytes.len() as u64)
            })
            .collect();
        let mut errors: Vec<Diagnostic> = Vec::new();
        let mut w = Written::default();
        for r in results {
            match r {
                Ok(b) => {
                    w.pages += 1;
                    w.bytes += b;
                }
                Err(d) => {
                    if !errors.contains(&d) {
                        errors.push(d);
                    }
                }
            }
        }
        if errors.is_empty() {
            Ok(w)
        } else {
            Err(errors)
        }
    }

    fn base_context(&self, dir: &str, title: &str, section: &str) -> Context {
        let s = self.site;
        let c = &s.config;
        let mut ctx = Context::new();
        let root = match &c.base_url {
            Some(b) if dir == "404" => format!("{b}/"),
            Some(_) | None if dir == "404" => "/".to_string(),
            _ => root_for(dir),
        };
        ctx.insert("root", &root);
        ctx.insert("idx", self.links.idx);
        ctx.insert("site", &json!({
            "title": c.title, "commune": c.commune, "province": c.province, "description": c.description,
            "footer": c.footer, "language": c.language, "base_url": c.base_url,
        }));
        ctx.insert("page_title", title);
        ctx.insert("section", section);
        ctx.insert("today", &s.today.format(&c.date_format).to_string());
        ctx.insert("today_iso", &s.today.to_string());
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

    fn rows(&self, positions: &[u32]) -> Vec<&str> {
        positions
            .iter()
            .map(|&i| self.row_html[i as usize].as_str())
            .collect()
    }

    fn plan_cards(&self, plans: &[u32]) -> Vec<views::PlanCard> {
        plans
            .iter()
            .map(|&p| {
                plan_card(
                    self.site,
                    &self.links,
                    p as usize,
                    Some(self.plan_first_task[p as usize]),
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

    /// The output path, template and context of a job.
    fn context(&self, job: &Job) -> (PathBuf, &'static str, Context) {
        let s = self.site;
        let l = &self.links;
        let index_html = |dir: &str| {
            if dir.is_empty() {
                PathBuf::from("index.html")
            } else {
                PathBuf::from(dir).join("index.html")
            }
        };
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
                ctx.insert("overdue", &self.rows(&overdue[..overdue.len().min(10)]));
                ctx.insert("due_soon_count", &soon.len());
                ctx.insert("due_soon", &self.rows(&soon[..soon.len().min(10)]));
                ctx.insert("overdue_href", &l.dir("nhiem-vu/qua-han"));
                (PathBuf::from("index.html"), "home.html", ctx)
            }
            Job::Plans { page } => {
                let dir = Self::page_dir("ke-hoach", *page);
                let mut ctx = self.base_context(&dir, "Danh sách kế hoạch", "plans");
                let all: Vec<u32> = (0..s.plans.len() as u32).collect();
                ctx.insert("plans", &self.plan_cards(&self.slice(&all, *page)));
                ctx.insert("pagination", &self.pagination("ke-hoach", *page, all.len()));
                ctx.insert("heading", "Danh sách kế hoạch");
                self.insert_plan_filters(&mut ctx, None);
                (index_html(&dir), "plans.html", ctx)
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
                (index_html(&dir), "plans.html", ctx)
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
                (index_html(&dir), "plans.html", ctx)
            }
            Job::Plan(pi) => self.plan_page(*pi),
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
                (PathBuf::from("don-vi/index.html"), "units.html", ctx)
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
                ctx.insert("lead", &self.rows(&lead_slice));
                ctx.insert("support", &self.rows(&support_slice));
                ctx.insert("lead_progress", &s.progress(lead.iter().copied()));
                ctx.insert("support_progress", &s.progress(support.iter().copied()));
                ctx.insert(
                    "pagination",
                    &self.pagination(&base, *page, lead.len() + support.len()),
                );
                (index_html(&dir), "unit.html", ctx)
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
                ctx.insert("tasks", &self.rows(&self.slice(&t.tasks, *page)));
                ctx.insert(
                    "pagination",
                    &self.pagination(&t.base, *page, t.tasks.len()),
                );
                ctx.insert("heading", &title);
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
                ctx.insert("progress", &s.progress(t.tasks.iter().copied()));
                (index_html(&dir), "tasks.html", ctx)
            }
            Job::Topics => {
                let mut ctx = self.base_context("linh-vuc", "Lĩnh vực", "topics");
                let topics: Vec<Value> = s.index.topics.iter().map(|t| json!({"name": t.name, "href": l.dir(&format!("linh-vuc/{}", t.slug)), "count": t.plans.len()})).collect();
                ctx.insert("topics", &topics);
                (PathBuf::from("linh-vuc/index.html"), "topics.html", ctx)
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
                (index_html(&dir), "topic.html", ctx)
            }
            Job::Page(i) => {
                let p = &s.pages[*i];
                let mut ctx = self.base_context(&p.slug, &p.title, "page");
                let (html, headings) = markdown::render(&p.body, &root_for(&p.slug));
                ctx.insert("title", &p.title);
                ctx.insert("body", &html);
                ctx.insert("headings", &headings);
                (index_html(&p.slug), "page.html", ctx)
            }
            Job::Data => {
                let mut ctx = self.base_context("du-lieu", "Dữ liệu mở", "data");
                ctx.insert("columns", &crate::export::data::COLUMNS);
                (PathBuf::from("du-lieu/index.html"), "data.html", ctx)
            }
            Job::Search => {
                let ctx = self.base_context("tim-kiem", "Tìm kiếm", "search");
                (PathBuf::from("tim-kiem/index.html"), "search.html", ctx)
            }
            Job::NotFound => {
                let ctx = self.base_context("404", "Không tìm thấy trang", "404");
                (PathBuf::from("404.html"), "404.html", ctx)
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

    fn plan_page(&self, pi: usize) -> (PathBuf, &'static str, Context) {
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
        let first = self.plan_first_task[pi];
        let mut k = first as u32;
        let groups: Vec<Value> = plan
            .groups
            .iter()
            .enumerate()
            .map(|(gi, g)| {
                let rows: Vec<views::TaskRow> = (0..g.tasks.len())
                    .map(|ti| {
                        let r = TaskRef {
                            plan: pi as u32,
                            group: gi as u32,
                            task: ti as u32,
                        };
                        let row = task_row(s, &self.links, r, s.index.status[k as usize], &root);
                        k += 1;
                        row
                    })
                    .collect();
                json!({"no": g.no, "title": g.title, "tasks": rows})
            })
            .collect();
        let has = |f: fn(&crate::content::Task) -> bool| plan.tasks().any(f);
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
            "has_output": has(|t| t.output.is_some()), "has_leader": has(|t| t.leader.is_some()),
            "has_support": has(|t| !t.support.is_empty()),
            "columns": 5 + usize::from(has(|t| !t.support.is_empty())) + usize::from(has(|t| t.output.is_some())) + usize::from(has(|t| t.leader.is_some())),
        }));
        ctx.insert("body", &body);
        ctx.insert("headings", &headings);
        ctx.insert("groups", &groups);
        ctx.insert(
            "progress",
            &s.progress((first..first + plan.task_count()).map(|i| i as u32)),
        );
        (PathBuf::from(dir).join("index.html"), "plan.html", ctx)
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
