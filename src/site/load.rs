//! Load stage: `site.toml`, `units.yaml`, every plan (in parallel), free pages; then the index.

use super::{Index, Issuer, Site, TaskRef, TaskStatus, Topic};
use crate::config::Config;
use crate::content::plan::{self, MAX_FILE_BYTES};
use crate::content::units::{Registry, unique_slug, unique_slug_from};
use crate::content::{Page, Plan};
use crate::diag::{Diagnostic, Diagnostics, Lines, Pos};
use crate::layout;
use crate::msg::{self, Msg};
use crate::tr;
use crate::urls::{self, RESERVED_PAGE_SLUGS, RESERVED_PLAN_SLUGS};
use chrono::NaiveDate;
use rayon::prelude::*;
use std::cell::OnceCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Reads a site from `root`. Returns the site when it could be assembled (possibly with
/// warnings, and with errors that `build` refuses), and every diagnostic found.
pub fn load(root: &Path, today: NaiveDate) -> (Option<Site>, Diagnostics) {
    load_with(root, today, &mut PlanCache::default())
}

/// Plans read by an earlier load, by file: a plan whose file has the same length and
/// modification time (and the same address) is reused instead of read and parsed again.
/// Valid only while `site.toml`, `units.yaml` and `static/` are unchanged (they shape how a
/// plan is read); callers clear it when those change.
#[derive(Debug, Default)]
pub struct PlanCache {
    entries: HashMap<PathBuf, CachedPlan>,
    /// The day the entries' statuses are for.
    today: Option<NaiveDate>,
    /// The address each file name asks for (`slugify` of its stem).
    wanted: HashMap<PathBuf, String>,
    /// Plans read (not reused) by the last load.
    pub misses: usize,
    /// The last load found exactly the plans of the one before, none changed.
    pub unchanged: bool,
}

#[derive(Debug)]
struct CachedPlan {
    stamp: (u64, Option<std::time::SystemTime>),
    slug: String,
    plan: Option<(Arc<Plan>, Arc<PlanFacts>)>,
    diags: Vec<Diagnostic>,
}

/// What the shared index needs of one plan, made when the plan is read and kept with it.
#[derive(Debug)]
struct PlanFacts {
    /// Each task's status on the day of the build.
    statuses: Vec<TaskStatus>,
    /// (unit, task number in the plan) of each lead and support unit; a unit named twice for
    /// one task (two spellings, or as lead and support) counts once, as lead if it leads.
    lead: Vec<(u32, u32)>,
    support: Vec<(u32, u32)>,
    /// Matching keys of the topics and of the issuer.
    topic_keys: Vec<String>,
    issuer_key: Option<String>,
    /// Links of updates to plan pages: the plan address named, and where.
    links: Vec<(String, Option<Pos>)>,
    /// A bound of its tasks' bytes in `tasks.json` ([`crate::export::data::plan_json_bound`]).
    json_bound: usize,
    /// What tells a plan in the site twice apart ([`same_plan_twice`]): its number's key
    /// ([`number_key`]) and its title's.
    number_key: Option<String>,
    title_key: String,
    /// The references in its basis and prose.
    refs: Arc<[super::refs::Ref]>,
}

impl PlanFacts {
    fn of(plan: &Plan, today: NaiveDate, registry: &Registry) -> PlanFacts {
        let mut f = PlanFacts {
            json_bound: crate::export::data::plan_json_bound(plan, registry),
            statuses: Vec::with_capacity(plan.task_count()),
            lead: Vec::new(),
            support: Vec::new(),
            topic_keys: plan.topics.iter().map(|t| crate::vi::key(t)).collect(),
            issuer_key: plan.issuer.as_deref().map(crate::vi::key),
            links: Vec::new(),
            number_key: plan.number.as_deref().and_then(number_key),
            title_key: crate::vi::key(&plan.title),
            refs: super::refs::plan_refs(plan).into(),
        };
        let mut seen: Vec<usize> = Vec::new();
        for (k, task) in plan.tasks().enumerate() {
            f.statuses.push(TaskStatus::of(task, today));
            seen.clear();
            for (role, list) in [(&task.lead, &mut f.lead), (&task.support, &mut f.support)] {
                for m in role {
                    if let Some(u) = m.unit.filter(|u| !seen.contains(u)) {
                        seen.push(u);
                        list.push((u as u32, k as u32));
                    }
                }
            }
            for u in &task.updates {
                if let Some(link) = u.link.as_deref().and_then(urls::strip_plan_link) {
                    f.links.push((link.to_string(), u.link_pos));
                }
            }
        }
        f
    }
}

impl PlanCache {
    /// The address and file (relative to the site) of each plan the last load read.
    pub fn sources(&self) -> Vec<(String, PathBuf)> {
        let mut v: Vec<(String, PathBuf)> = self
            .entries
            .iter()
            .filter(|(rel, e)| e.plan.is_some() && self.wanted.contains_key(*rel))
            .map(|(rel, e)| (e.slug.clone(), rel.clone()))
            .collect();
        v.sort();
        v
    }

    pub fn clear(&mut self) {
        self.entries.clear();
        self.wanted.clear();
        self.unchanged = false;
    }
}

fn stamp(path: &Path) -> Option<(u64, Option<std::time::SystemTime>)> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.len(), m.modified().ok()))
}

/// [`load`], reusing and refreshing `cache`.
pub fn load_with(
    root: &Path,
    today: NaiveDate,
    cache: &mut PlanCache,
) -> (Option<Site>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let config = match Config::read(&root.join(layout::SETTINGS), Path::new(layout::SETTINGS)) {
        Ok(c) => c,
        Err(d) => {
            diags.push(d);
            return (None, diags);
        }
    };

    let units_rel = Path::new(layout::UNITS);
    let registry = match read_text(root, units_rel) {
        Some(Ok(text)) => {
            let (reg, d) = Registry::read(units_rel, &text);
            diags.extend(d);
            reg
        }
        Some(Err(d)) => {
            diags.push(d);
            Registry::default()
        }
        None => {
            diags.push(
                Diagnostic::warning(units_rel, None, tr!(msg::UNITS_MISSING))
                    .with_hint(tr!(msg::UNITS_MISSING_HINT)),
            );
            Registry::default()
        }
    };

    // Files first, sorted, so slugs and order never depend on the file system or threads.
    let plan_files = markdown_files(&root.join(layout::PLANS), root, false, &mut diags);
    if cache.today != Some(today) {
        cache.clear();
        cache.today = Some(today);
    }
    let wanted: Vec<String> = plan_files
        .iter()
        .map(|rel| match cache.wanted.get(rel) {
            Some(w) => w.clone(),
            None => crate::vi::slugify(&stem(rel)),
        })
        .collect();
    cache.wanted = plan_files
        .iter()
        .cloned()
        .zip(wanted.iter().cloned())
        .collect();
    let mut taken: HashMap<String, usize> = RESERVED_PLAN_SLUGS
        .iter()
        .map(|s| (s.to_string(), 0))
        .collect();
    let slugs: Vec<String> = wanted
        .iter()
        .map(|w| unique_slug_from(&mut taken, w.clone(), urls::PLANS))
        .collect();
    for ((rel, slug), wanted) in plan_files.iter().zip(&slugs).zip(&wanted) {
        if slug != wanted {
            diags.push(
                Diagnostic::warning(
                    rel,
                    None,
                    tr!(
                        msg::PLAN_ADDRESS_TAKEN,
                        wanted = urls::plan(wanted),
                        address = urls::plan(slug)
                    ),
                )
                .with_hint(tr!(msg::PLAN_ADDRESS_TAKEN_HINT)),
            );
        }
    }

    let issuer = config.issuer.clone();
    let static_dir = root.join(layout::STATIC);
    let stamps: Vec<_> = plan_files
        .par_iter()
        .map(|rel| stamp(&root.join(rel)))
        .collect();
    #[allow(clippy::type_complexity)]
    let results: Vec<(Option<(Arc<Plan>, Arc<PlanFacts>)>, Vec<Diagnostic>, bool)> = plan_files
        .par_iter()
        .zip(slugs.par_iter())
        .zip(stamps.par_iter())
        .map(|((rel, slug), st)| {
            if let Some(c) = cache.entries.get(rel)
                && st.is_some_and(|st| st == c.stamp)
                && c.slug == *slug
            {
                return (c.plan.clone(), c.diags.clone(), false);
            }
            let (plan, mut d) = match read_text(root, rel) {
                Some(Ok(text)) => {
                    let (plan, mut d) = plan::read_plan(
                        rel,
                        &text,
                        slug.clone(),
                        &registry,
                        issuer.as_deref(),
                        Some(&static_dir),
                    );
                    if let Some(p) = &plan {
                        unit_warnings(p, &registry, &text, &mut d);
                        future_updates(p, today, &text, &mut d);
                    }
                    (plan, d)
                }
                Some(Err(d)) => (None, vec![d]),
                None => (None, Vec::new()),
            };
            d.shrink_to_fit();
            let plan = plan.map(|p| {
                let facts = PlanFacts::of(&p, today, &registry);
                (Arc::new(p), Arc::new(facts))
            });
            (plan, d, true)
        })
        .collect();
    let mut plans = Vec::with_capacity(results.len());
    let mut entries = HashMap::with_capacity(results.len());
    cache.misses = 0;
    for (((p, d, fresh), rel), (slug, st)) in results
        .into_iter()
        .zip(&plan_files)
        .zip(slugs.iter().zip(stamps))
    {
        cache.misses += usize::from(fresh);
        if let Some(st) = st {
            entries.insert(
                rel.clone(),
                CachedPlan {
                    stamp: st,
                    slug: slug.clone(),
                    plan: p.clone(),
                    diags: d.clone(),
                },
            );
        }
        diags.extend(d);
        plans.extend(p);
    }
    cache.unchanged = cache.misses == 0 && entries.len() == cache.entries.len();
    cache.entries = entries;
    if plan_files.is_empty() {
        diags.push(
            Diagnostic::warning("content/plans", None, tr!(msg::NO_PLANS))
                .with_hint(tr!(msg::NO_PLANS_HINT)),
        );
    }

    let pages = read_pages(root, &mut diags);
    static_links(root, &mut diags);

    page_link_errors(root, &plans, &mut diags);
    same_plan_twice(root, &plans, &mut diags);

    plans.sort_by(|(a, _), (b, _)| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));
    let index = build_index(&plans, &registry);
    let plans = plans.into_iter().map(|(p, _)| p).collect();
    diags.sort();
    (
        Some(Site {
            config,
            registry,
            plans,
            pages,
            today,
            index,
            published: Vec::new(),
        }),
        diags,
    )
}

/// `Some(Ok(text))`, `Some(Err(diagnostic))` for unreadable or bad files, `None` if absent.
fn read_text(root: &Path, rel: &Path) -> Option<Result<String, Diagnostic>> {
    let full = root.join(rel);
    let meta = match std::fs::metadata(&full) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
        Err(e) => {
            return Some(Err(Diagnostic::error(
                rel,
                None,
                tr!(msg::FILE_UNREADABLE, error = e),
            )
            .with_hint(tr!(msg::FILE_UNREADABLE_HINT))));
        }
    };
    if meta.len() > MAX_FILE_BYTES {
        return Some(Err(Diagnostic::error(
            rel,
            None,
            tr!(
                msg::FILE_TOO_LARGE,
                size = format!("{:.1}", meta.len() as f64 / 1e6),
                max = MAX_FILE_BYTES / (1024 * 1024)
            ),
        )
        .with_hint(tr!(msg::FILE_TOO_LARGE_HINT))));
    }
    Some(match std::fs::read(&full) {
        Ok(bytes) => plan::decode(rel, bytes),
        Err(e) => Err(
            Diagnostic::error(rel, None, tr!(msg::FILE_UNREADABLE, error = e))
                .with_hint(tr!(msg::FILE_UNREADABLE_HINT)),
        ),
    })
}

/// Every `*.md` under `dir`, as paths relative to `root`, sorted. Symbolic links are not
/// followed, so that content cannot pull files from outside the site: a link named `*.md`,
/// or to a folder, is skipped with a warning (`pages` when the files are free pages).
fn markdown_files(dir: &Path, root: &Path, pages: bool, diags: &mut Diagnostics) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for e in walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
        if e.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let markdown = e.path().extension().is_some_and(|x| x == "md");
        let Ok(rel) = e.path().strip_prefix(root) else {
            continue;
        };
        if e.path_is_symlink() && e.depth() > 0 {
            if e.path().is_dir() {
                let what = if pages {
                    &msg::LINKED_PAGE_FOLDER
                } else {
                    &msg::LINKED_PLAN_FOLDER
                };
                diags.push(skipped_link(rel, what, &msg::LINKED_FOLDER_HINT));
            } else if markdown {
                let what = if pages {
                    &msg::LINKED_PAGE
                } else {
                    &msg::LINKED_PLAN
                };
                diags.push(skipped_link(rel, what, &msg::LINKED_FILE_HINT));
            }
        } else if e.file_type().is_file() && markdown {
            files.push(rel.to_path_buf());
        }
    }
    files.sort();
    files
}

/// A warning for a symbolic link that is not followed.
fn skipped_link(rel: &Path, what: &Msg, hint: &Msg) -> Diagnostic {
    Diagnostic::warning(rel, None, tr!(*what)).with_hint(tr!(*hint))
}

/// A warning for each symbolic link under `static/`: the export copies regular files only
/// (`export::copy_static`), so a linked file or folder would be missing from the portal
/// without a word. Here, so that `check` tells it as well as `build`.
fn static_links(root: &Path, diags: &mut Diagnostics) {
    let dir = root.join(layout::STATIC);
    for e in walkdir::WalkDir::new(&dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path_is_symlink() && e.depth() > 0)
    {
        let Ok(rel) = e.path().strip_prefix(root) else {
            continue;
        };
        diags.push(if e.path().is_dir() {
            skipped_link(
                rel,
                &msg::LINKED_STATIC_FOLDER,
                &msg::LINKED_STATIC_FOLDER_HINT,
            )
        } else {
            skipped_link(rel, &msg::LINKED_STATIC_FILE, &msg::LINKED_STATIC_FILE_HINT)
        });
    }
}

fn stem(p: &Path) -> String {
    p.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn read_pages(root: &Path, diags: &mut Diagnostics) -> Vec<Page> {
    let mut taken: HashMap<String, usize> = RESERVED_PAGE_SLUGS
        .iter()
        .map(|s| (s.to_string(), 0))
        .collect();
    let mut pages = Vec::new();
    for rel in markdown_files(&root.join(layout::PAGES), root, true, diags) {
        let text = match read_text(root, &rel) {
            Some(Ok(t)) => t,
            Some(Err(d)) => {
                diags.push(d);
                continue;
            }
            None => continue,
        };
        let (yaml_src, body, _) = match plan::split_front_matter(&rel, &text) {
            Ok(s) => s,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        let mut r = crate::content::reader::Reader::new(&rel, &text);
        let title = match crate::content::yaml::parse(yaml_src, 2) {
            Ok(root_node) => r
                .map(&root_node, &msg::WHAT_PAGE, &["title"])
                .and_then(|m| crate::content::reader::get(m, "title"))
                .and_then(|n| r.text(n, "title")),
            Err(e) => {
                r.error(e.pos, e.message, e.hint);
                None
            }
        };
        if title.is_none() && r.diags.is_empty() {
            r.error(
                Pos::new(1, 1),
                tr!(msg::PAGE_NO_TITLE),
                tr!(msg::PAGE_NO_TITLE_HINT),
            );
        }
        diags.extend(r.diags);
        if let Some(title) = title {
            let slug = unique_slug(&mut taken, &stem(&rel), "trang-tin");
            pages.push(Page {
                path: rel,
                slug,
                title,
                body: body.to_string(),
            });
        }
    }
    pages
}

/// Update links to a plan page (`/ke-hoach/<slug>/`, with an optional `#anchor`) must name a
/// plan of the site.
fn page_link_errors(root: &Path, plans: &[(Arc<Plan>, Arc<PlanFacts>)], diags: &mut Diagnostics) {
    let slugs: std::collections::HashSet<&str> =
        plans.iter().map(|(p, _)| p.slug.as_str()).collect();
    for (plan, facts) in plans {
        let source: OnceCell<String> = OnceCell::new();
        let lines: OnceCell<Lines> = OnceCell::new();
        for (link, pos) in &facts.links {
            let slug = link.split(['/', '#']).next().unwrap_or("");
            if !slugs.contains(slug) {
                let lines = lines.get_or_init(|| {
                    Lines::new(source.get_or_init(|| {
                        std::fs::read_to_string(root.join(&plan.path)).unwrap_or_default()
                    }))
                });
                diags.push(
                    Diagnostic::error(
                        &plan.path,
                        *pos,
                        tr!(
                            msg::LINK_NO_PLAN,
                            link = format!("{}{link}", urls::plan_link_prefix())
                        ),
                    )
                    .with_hint(tr!(
                        msg::LINK_NO_PLAN_HINT,
                        prefix = urls::plan_link_prefix()
                    ))
                    .with_line(pos.and_then(|p| lines.line(p.line.max(1)))),
                );
            }
        }
    }
}

/// A warning for each unit name of `plan` (read from `source`) that the registry does not
/// know, with the closest unit.
fn unit_warnings(plan: &Plan, registry: &Registry, source: &str, diags: &mut Vec<Diagnostic>) {
    if registry.is_empty() {
        return;
    }
    let lines: OnceCell<Lines> = OnceCell::new();
    for task in plan.tasks() {
        for m in task
            .lead
            .iter()
            .chain(&task.support)
            .filter(|m| m.unit.is_none())
        {
            let hint = match registry.suggest(&m.text) {
                Some(u) => tr!(
                    msg::UNIT_UNKNOWN_DID_YOU_MEAN_HINT,
                    near = u.name,
                    unit = m.text
                ),
                None => tr!(msg::UNIT_UNKNOWN_HINT),
            };
            diags.push(
                Diagnostic::warning(
                    &plan.path,
                    Some(m.pos),
                    tr!(msg::UNIT_UNKNOWN, unit = m.text),
                )
                .with_hint(hint)
                .with_line(
                    lines
                        .get_or_init(|| Lines::new(source))
                        .line(m.pos.line.max(1)),
                ),
            );
        }
    }
}

/// An error for each update of `plan` (read from `source`) dated after `today`: a report of
/// what has not happened yet is a mistyped day, and it would count a task done early.
fn future_updates(plan: &Plan, today: NaiveDate, source: &str, diags: &mut Vec<Diagnostic>) {
    let lines: OnceCell<Lines> = OnceCell::new();
    for task in plan.tasks() {
        for u in task.updates.iter().filter(|u| u.date > today) {
            diags.push(
                Diagnostic::error(
                    &plan.path,
                    Some(u.date_pos),
                    tr!(
                        msg::UPDATE_AFTER_TODAY,
                        date = u.date.format("%Y-%m-%d"),
                        today = today.format("%Y-%m-%d")
                    ),
                )
                .with_hint(tr!(
                    msg::UPDATE_AFTER_TODAY_HINT,
                    today = today.format("%Y-%m-%d")
                ))
                .with_line(
                    lines
                        .get_or_init(|| Lines::new(source))
                        .line(u.date_pos.line.max(1)),
                ),
            );
        }
    }
}

/// A number as a key: composed, upper case, without spaces; `None` for a plan without a
/// number of its own (`…/KH-UBND`, `/KH-UBND`: no digit before the slash), which collides
/// with no other.
fn number_key(number: &str) -> Option<String> {
    let key: String = crate::vi::clean(number)
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect();
    let (digits, _) = key.split_once('/').unwrap_or((&key, ""));
    digits.chars().any(|c| c.is_ascii_digit()).then_some(key)
}

/// An error for each plan that is in the site twice: a second file with the same number,
/// issuer and year (numbers start again each year), or with the same title, issuer and
/// date. Each
/// of its tasks would be counted twice in every list, count and report. Reported in the
/// later file (in path order) at its number or title, naming both files.
fn same_plan_twice(root: &Path, plans: &[(Arc<Plan>, Arc<PlanFacts>)], diags: &mut Diagnostics) {
    let mut order: Vec<(&Plan, &PlanFacts)> = plans.iter().map(|(p, f)| (&**p, &**f)).collect();
    order.sort_by(|a, b| a.0.path.cmp(&b.0.path));
    let mut by_number: HashMap<(&str, &str, Option<i32>), &Plan> = HashMap::new();
    let mut by_title: HashMap<(&str, &str, crate::content::DocDate), &Plan> = HashMap::new();
    for (p, f) in order {
        let mut found = None;
        let issuer = f.issuer_key.as_deref().unwrap_or_default();
        if let Some(key) = f.number_key.as_deref() {
            let year = p.date.map(|d| d.year);
            match by_number.entry((key, issuer, year)) {
                std::collections::hash_map::Entry::Occupied(first) => {
                    let number = p.number.as_deref().unwrap_or_default();
                    let first = crate::diag::display_path(&first.get().path);
                    let second = crate::diag::display_path(&p.path);
                    let message = match p.issuer.as_deref() {
                        Some(issuer) => tr!(
                            msg::PLAN_SAME_NUMBER,
                            number = number,
                            issuer = issuer,
                            first = first,
                            second = second
                        ),
                        None => tr!(
                            msg::PLAN_SAME_NUMBER_NO_ISSUER,
                            number = number,
                            first = first,
                            second = second
                        ),
                    };
                    found = Some((p.number_pos, message));
                }
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(p);
                }
            }
        }
        if let Some(date) = p.date.filter(|_| found.is_none() && !p.title.is_empty()) {
            match by_title.entry((&f.title_key, issuer, date)) {
                std::collections::hash_map::Entry::Occupied(first) => {
                    found = Some((
                        Some(p.title_pos),
                        tr!(
                            msg::PLAN_SAME_TITLE_AND_DATE,
                            first = crate::diag::display_path(&first.get().path),
                            second = crate::diag::display_path(&p.path),
                            date = date.short_vi()
                        ),
                    ));
                }
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(p);
                }
            }
        }
        if let Some((pos, message)) = found {
            let source = std::fs::read_to_string(root.join(&p.path)).unwrap_or_default();
            diags.push(
                Diagnostic::error(&p.path, pos, message)
                    .with_hint(tr!(msg::PLAN_TWICE_HINT))
                    .with_source(&source),
            );
        }
    }
}

fn build_index(plans: &[(Arc<Plan>, Arc<PlanFacts>)], registry: &Registry) -> Index {
    let tasks: usize = plans.iter().map(|(_, f)| f.statuses.len()).sum();
    let mut ix = Index {
        lead: vec![Vec::new(); registry.units.len()],
        support: vec![Vec::new(); registry.units.len()],
        tasks: Vec::with_capacity(tasks),
        status: Vec::with_capacity(tasks),
        first_task: Vec::with_capacity(plans.len()),
        ..Index::default()
    };
    for (pi, (plan, facts)) in plans.iter().enumerate() {
        let first = ix.tasks.len() as u32;
        ix.first_task.push(first);
        for (gi, group) in plan.groups.iter().enumerate() {
            ix.tasks.extend((0..group.tasks.len()).map(|ti| TaskRef {
                plan: pi as u32,
                group: gi as u32,
                task: ti as u32,
            }));
        }
        ix.status.extend_from_slice(&facts.statuses);
        ix.json_bound.push(facts.json_bound);
        ix.refs.push(facts.refs.clone());
        for &(u, k) in &facts.lead {
            ix.lead[u as usize].push(first + k);
        }
        for &(u, k) in &facts.support {
            ix.support[u as usize].push(first + k);
        }
        for (k, st) in facts.statuses.iter().enumerate() {
            if let Some(end) = st.dated_end {
                ix.dated.push((end, first + k as u32));
            }
        }
    }
    ix.dated.sort_unstable();
    // Topics and issuers: grouped by matching key, shown with the first spelling met.
    let mut topic_slugs: HashMap<String, usize> = HashMap::new();
    let mut topic_by_key: HashMap<String, usize> = HashMap::new();
    let mut issuer_slugs: HashMap<String, usize> = HashMap::new();
    let mut issuer_by_key: HashMap<String, usize> = HashMap::new();
    let mut years: Vec<(i32, Vec<u32>)> = Vec::new();
    for (pi, (plan, facts)) in plans.iter().enumerate() {
        for (t, key) in plan.topics.iter().zip(&facts.topic_keys) {
            let i = *topic_by_key.entry(key.clone()).or_insert_with(|| {
                ix.topics.push(Topic {
                    name: t.clone(),
                    key: key.clone(),
                    slug: unique_slug(&mut topic_slugs, t, urls::TOPICS),
                    plans: Vec::new(),
                });
                ix.topics.len() - 1
            });
            ix.topics[i].plans.push(pi as u32);
        }
        if let (Some(name), Some(key)) = (&plan.issuer, &facts.issuer_key) {
            let i = *issuer_by_key.entry(key.clone()).or_insert_with(|| {
                ix.issuers.push(Issuer {
                    name: name.clone(),
                    slug: unique_slug(&mut issuer_slugs, name, urls::ISSUER),
                    plans: Vec::new(),
                });
                ix.issuers.len() - 1
            });
            ix.issuers[i].plans.push(pi as u32);
        }
        if let Some(d) = plan.date {
            match years.iter_mut().find(|(y, _)| *y == d.year) {
                Some((_, v)) => v.push(pi as u32),
                None => years.push((d.year, vec![pi as u32])),
            }
        }
    }
    ix.topics
        .sort_by(|a, b| crate::vi::collate::cmp(&a.name, &b.name));
    ix.issuers
        .sort_by(|a, b| crate::vi::collate::cmp(&a.name, &b.name));
    years.sort_by_key(|(y, _)| std::cmp::Reverse(*y));
    ix.years = years;
    ix
}
