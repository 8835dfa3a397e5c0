//! Files beside the pages: theme assets, the site's `static/`, sitemap, robots.txt, Atom feed,
//! open data (tasks as CSV and JSON) and iCalendar files of deadlines.

pub mod data;
pub mod ics;
pub mod parts;

use crate::diag::Diagnostic;
use crate::output::Writer;
use crate::render::theme::ASSETS;
use crate::site::Site;
use crate::urls;
use crate::{msg, tr};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

#[derive(Debug, Default, Clone, Copy)]
pub struct Extra {
    pub files: usize,
    pub bytes: u64,
}

impl Extra {
    fn add(&mut self, n: usize) {
        self.files += 1;
        self.bytes += n as u64;
    }
}

/// The export pieces of each plan's tasks (CSV lines, JSON objects, calendar events), kept
/// between incremental rebuilds so that only an edited plan's pieces are made again. A plain
/// build does not keep them: it streams every export, and memory does not grow with the site.
#[derive(Default)]
pub struct ExportCache {
    plans: crate::site::PerPlan<Arc<PlanChunks>>,
    /// The pieces (identity, length) each export was last written with.
    layouts: HashMap<String, Layout>,
    /// The theme assets written by the last full build (incremental ones leave them).
    assets: Extra,
}

/// Identity and length of each piece of a file, as written.
type Layout = Vec<(u64, u64)>;

/// Identities of the pieces made from plans: each [`PlanChunks`] takes the next block of
/// [`PIECES`] numbers (a task's event is `id + 1 + k`), never reused in a process.
static NEXT_ID: AtomicU64 = AtomicU64::new(0);
const PIECES: u64 = 1 << 24;

/// The identity of a piece that is not made from a plan (a file's head or tail): a hash of its
/// bytes, with the top bit set so that it is never a plan's.
fn fixed_id(bytes: &[u8]) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish() | 1 << 63
}

struct PlanChunks {
    /// Identity of the pieces below.
    id: u64,
    csv: Vec<u8>,
    /// The plan's task objects joined by `,`.
    json: Vec<u8>,
    /// Each task's event, if its deadline is a date.
    ics: Vec<Option<String>>,
}

impl ExportCache {
    pub fn clear(&mut self) {
        self.plans.clear();
        self.layouts.clear();
        self.assets = Extra::default();
    }
}

/// The chunks of every plan, reusing those of unchanged plans from `cache`.
fn plan_chunks(site: &Site, cache: &mut ExportCache) -> std::io::Result<Vec<Arc<PlanChunks>>> {
    let first = &site.index.first_task;
    let chunks: Vec<std::io::Result<Arc<PlanChunks>>> = (0..site.plans.len())
        .into_par_iter()
        .map(|pi| {
            let plan = &site.plans[pi];
            if let Some(c) = cache.plans.get(plan) {
                return Ok(c);
            }
            let positions: Vec<u32> = (first[pi]..first[pi] + plan.task_count() as u32).collect();
            let mut json = Vec::new();
            for (k, &i) in positions.iter().enumerate() {
                if k > 0 {
                    json.push(b',');
                }
                json.extend_from_slice(&data::json_task(site, i)?);
            }
            Ok(Arc::new(PlanChunks {
                id: NEXT_ID.fetch_add(PIECES, Ordering::Relaxed),
                csv: data::csv_rows(site, &positions)?,
                json,
                ics: positions.iter().map(|&i| ics::event(site, i)).collect(),
            }))
        })
        .collect();
    let chunks = chunks.into_iter().collect::<std::io::Result<Vec<_>>>()?;
    cache.plans.keep(&site.plans, chunks.iter().cloned());
    Ok(chunks)
}

/// Writes everything that is not a template page into `out`. With `cache` (builds through
/// [`crate::Project`]) the exports are assembled from cached pieces and an export changed by a
/// few plans is rewritten from its first changed byte on ([`Writer::write_pieces`]);
/// `incremental` rebuilds into the published output do not copy `static/` again (a change
/// there makes a full build).
pub fn write_all(
    site: &Site,
    root: &Path,
    writer: &Writer,
    mut cache: Option<&mut ExportCache>,
    incremental: bool,
) -> Result<Extra, Vec<Diagnostic>> {
    let out = writer.dir();
    let mut extra = Extra::default();
    let mut errors = Vec::new();
    let mut put =
        |rel: &str, bytes: &[u8], extra: &mut Extra| match writer.write(Path::new(rel), bytes) {
            Ok(()) => extra.add(bytes.len()),
            Err(e) => errors.push(
                Diagnostic::error(out.join(rel), None, tr!(msg::CANNOT_WRITE, error = e))
                    .with_hint(tr!(msg::OUTPUT_FOLDER_WRITABLE_HINT)),
            ),
        };
    // Theme assets: the site's theme folder may replace any of them. Incremental rebuilds
    // leave them: a change to a theme makes a full build.
    match cache.as_deref_mut() {
        Some(c) if incremental => {
            extra.files += c.assets.files;
            extra.bytes += c.assets.bytes;
        }
        _ => {
            let mut assets = Extra::default();
            let real_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
            for (name, bytes) in ASSETS {
                let custom = root
                    .join("themes")
                    .join(&site.config.theme)
                    .join("static")
                    .join(name);
                // One that links out of the site is an error found with the templates (in
                // `check` too, see render::theme), never read.
                let inside = crate::render::theme::within(&real_root, &custom);
                match inside.map_or(Err(std::io::ErrorKind::NotFound.into()), std::fs::read) {
                    // The default theme's own file (the demo's folder is the theme's): as built in.
                    Ok(b) if b == *bytes => {
                        put(&urls::asset(name), &builtin_asset(name, bytes), &mut assets)
                    }
                    Ok(b) => put(&urls::asset(name), &asset(name, &b), &mut assets),
                    Err(_) => put(&urls::asset(name), &builtin_asset(name, bytes), &mut assets),
                }
            }
            extra.files += assets.files;
            extra.bytes += assets.bytes;
            if let Some(c) = cache.as_deref_mut() {
                c.assets = assets;
            }
        }
    }
    put(urls::SITEMAP, sitemap(site).as_bytes(), &mut extra);
    put(urls::ROBOTS, robots(site).as_bytes(), &mut extra);
    put(urls::FEED, atom(site).as_bytes(), &mut extra);
    put(
        &urls::publication_record(),
        &crate::site::publication::record_json(site),
        &mut extra,
    );
    // The exports that grow with the site, in parallel, cut as `parts` says.
    let layout = parts::layout(site);
    let results = match cache {
        None => streamed(site, writer, &layout),
        Some(cache) => match plan_chunks(site, cache) {
            Ok(chunks) => piecewise(site, writer, &chunks, &mut cache.layouts, &layout),
            Err(e) => {
                errors.push(Diagnostic::error(
                    out.join(urls::DATA),
                    None,
                    tr!(msg::EXPORTS_NOT_MADE, error = e),
                ));
                Vec::new()
            }
        },
    };
    let mut sizes: HashMap<String, u64> = HashMap::new();
    for (rel, r) in results {
        match r {
            Ok(n) => {
                extra.add(n as usize);
                sizes.insert(rel, n);
            }
            Err(e) => errors.push(
                Diagnostic::error(out.join(&rel), None, tr!(msg::CANNOT_WRITE, error = e))
                    .with_hint(tr!(msg::OUTPUT_FOLDER_WRITABLE_HINT)),
            ),
        }
    }
    let catalog = parts::catalog(site, &layout, &sizes);
    match writer.write(Path::new(&urls::data_catalog()), catalog.as_bytes()) {
        Ok(()) => extra.add(catalog.len()),
        Err(e) => errors.push(
            Diagnostic::error(
                out.join(urls::data_catalog()),
                None,
                tr!(msg::CANNOT_WRITE, error = e),
            )
            .with_hint(tr!(msg::OUTPUT_FOLDER_WRITABLE_HINT)),
        ),
    }
    if !incremental {
        copy_static(&root.join("static"), writer, &mut extra, &mut errors);
    }
    if errors.is_empty() {
        Ok(extra)
    } else {
        Err(errors)
    }
}

/// A calendar to write: its path, name, tasks (positions in `index.tasks`, in order), and
/// whether it is the site's or a unit's (bounded by [`parts::calendar_window`]) rather than
/// a plan's.
type CalendarJob = (String, String, Vec<u32>, bool);

/// The site's calendar, each unit's and each plan's.
fn calendars(site: &Site) -> Vec<CalendarJob> {
    let mut out = vec![(
        urls::data_file("ics"),
        format!("Thời hạn nhiệm vụ — {}", site.config.title),
        (0..site.index.tasks.len() as u32).collect(),
        true,
    )];
    for (u, unit) in site
        .registry
        .units
        .iter()
        .enumerate()
        .filter(|(_, u)| !u.collective)
    {
        let mut mine: Vec<u32> = site.index.lead[u]
            .iter()
            .chain(&site.index.support[u])
            .copied()
            .collect();
        mine.sort_unstable();
        mine.dedup();
        out.push((
            urls::unit_calendar(&unit.slug),
            format!("Thời hạn nhiệm vụ — {}", unit.name),
            mine,
            true,
        ));
    }
    // (A plan without tasks has neither calendar nor CSV; its page links none.)
    for (pi, plan) in site
        .plans
        .iter()
        .enumerate()
        .filter(|(_, p)| p.task_count() > 0)
    {
        out.push((
            urls::plan_calendar(&plan.slug),
            format!("Thời hạn nhiệm vụ — {}", plan_name(plan)),
            plan_positions(site, pi).collect(),
            false,
        ));
    }
    out
}

/// A plan as its calendar is named: "Kế hoạch số 66/KH-UBND" (or its title when it has no
/// number yet).
fn plan_name(plan: &crate::content::Plan) -> String {
    match &plan.number {
        Some(n) => format!("{} số {n}", plan.kind),
        None => format!("{} {}", plan.kind, plan.title),
    }
}

/// Positions in `index.tasks` of plan `pi`'s tasks.
fn plan_positions(site: &Site, pi: usize) -> std::ops::Range<u32> {
    let first = site.index.first_task[pi];
    first..first + site.plans[pi].task_count() as u32
}

/// Each plan's own CSV: path and plan.
fn plan_csvs(site: &Site) -> impl Iterator<Item = (String, usize)> + '_ {
    site.plans
        .iter()
        .enumerate()
        .filter(|(_, p)| p.task_count() > 0)
        .map(|(pi, p)| (urls::plan_tasks_csv(&p.slug), pi))
}

/// The exports of a plain build, each streamed to its file (memory does not grow with the
/// site): path and bytes written, or the error.
fn streamed(
    site: &Site,
    writer: &Writer,
    layout: &parts::Layout,
) -> Vec<(String, std::io::Result<u64>)> {
    type Job<'a> = Box<dyn Fn(&mut dyn std::io::Write) -> std::io::Result<()> + Send + Sync + 'a>;
    // A task's event goes into the site's calendar and into each of its units': made once.
    let events: Vec<Option<String>> = (0..site.index.tasks.len() as u32)
        .into_par_iter()
        .map(|i| ics::event(site, i))
        .collect();
    let events = &events;
    let mut jobs: Vec<(String, Job)> = Vec::new();
    if layout.whole {
        jobs.push((
            urls::data_file("csv"),
            Box::new(move |w| data::write_csv(site, w)),
        ));
        jobs.push((
            urls::data_file("json"),
            Box::new(move |w| data::write_json(site, w)),
        ));
    }
    for part in &layout.parts {
        let positions: Vec<u32> = part.positions(site);
        let csv = positions.clone();
        jobs.push((
            part.file("csv"),
            Box::new(move |w| data::write_csv_of(site, &csv, w)),
        ));
        jobs.push((
            part.file("json"),
            Box::new(move |w| data::write_json_of(site, &positions, w)),
        ));
    }
    for (rel, pi) in plan_csvs(site) {
        jobs.push((
            rel,
            Box::new(move |w| {
                let positions: Vec<u32> = plan_positions(site, pi).collect();
                w.write_all(&data::csv_head())?;
                w.write_all(&data::csv_rows(site, &positions)?)
            }),
        ));
    }
    for (rel, name, positions, windowed) in calendars(site) {
        jobs.push((
            rel,
            Box::new(move |w| {
                let mut es: Vec<(u32, &str)> = positions
                    .iter()
                    .filter_map(|&i| Some((i, events[i as usize].as_deref()?)))
                    .collect();
                if windowed {
                    es = parts::calendar_window(site, es);
                }
                ics::write_calendar(&name, es.into_iter().map(|(_, e)| Some(e)), w)
            }),
        ));
    }
    jobs.par_iter()
        .map(|(rel, job)| {
            (
                rel.clone(),
                writer.write_streamed(Path::new(rel), |w| job(w)),
            )
        })
        .collect()
}

/// The exports assembled from each plan's cached pieces, written through
/// [`Writer::write_pieces`] with the layouts of the previous build (updated here).
fn piecewise(
    site: &Site,
    writer: &Writer,
    chunks: &[Arc<PlanChunks>],
    layouts: &mut HashMap<String, Layout>,
    data: &parts::Layout,
) -> Vec<(String, std::io::Result<u64>)> {
    enum Kind<'d> {
        /// A CSV or JSON file of these plans' tasks.
        Csv(&'d [usize]),
        Json(&'d [usize]),
        Calendar(String, Vec<u32>, bool),
        /// A plan's own CSV.
        PlanCsv(usize),
    }
    let every: Vec<usize> = (0..site.plans.len()).collect();
    // Position in `index.tasks` → (plan, task within the plan).
    let owner: Vec<(u32, u32)> = site
        .plans
        .iter()
        .enumerate()
        .flat_map(|(pi, p)| (0..p.task_count() as u32).map(move |k| (pi as u32, k)))
        .collect();
    let mut jobs: Vec<(String, Kind)> = Vec::new();
    if data.whole {
        jobs.push((urls::data_file("csv"), Kind::Csv(&every)));
        jobs.push((urls::data_file("json"), Kind::Json(&every)));
    }
    for part in &data.parts {
        jobs.push((part.file("csv"), Kind::Csv(&part.plans)));
        jobs.push((part.file("json"), Kind::Json(&part.plans)));
    }
    jobs.extend(
        calendars(site)
            .into_iter()
            .map(|(rel, name, positions, w)| (rel, Kind::Calendar(name, positions, w))),
    );
    jobs.extend(plan_csvs(site).map(|(rel, pi)| (rel, Kind::PlanCsv(pi))));
    let previous = &*layouts;
    let results: Vec<(String, std::io::Result<Layout>)> = jobs
        .into_par_iter()
        .map(|(rel, kind)| {
            let (head, tail): (Vec<u8>, Vec<u8>) = match &kind {
                Kind::Csv(_) | Kind::PlanCsv(_) => (data::csv_head(), Vec::new()),
                Kind::Json(_) => (data::json_head(site), data::JSON_TAIL.to_vec()),
                Kind::Calendar(name, _, _) => (
                    ics::calendar_head(name).into_bytes(),
                    ics::calendar_tail().into_bytes(),
                ),
            };
            let mut pieces: Vec<(u64, &[u8])> = vec![(fixed_id(&head), &head)];
            match &kind {
                Kind::Csv(plans) => {
                    pieces.extend(plans.iter().map(|&pi| (chunks[pi].id, &chunks[pi].csv[..])))
                }
                Kind::PlanCsv(pi) => pieces.push((chunks[*pi].id, &chunks[*pi].csv[..])),
                Kind::Json(plans) => {
                    let comma: &[u8] = b",";
                    for c in plans
                        .iter()
                        .map(|&pi| &chunks[pi])
                        .filter(|c| !c.json.is_empty())
                    {
                        if pieces.len() > 1 {
                            pieces.push((fixed_id(comma), comma));
                        }
                        pieces.push((c.id, &c.json));
                    }
                }
                Kind::Calendar(_, positions, windowed) => {
                    let mut es: Vec<(u32, &str)> = positions
                        .iter()
                        .filter_map(|&i| {
                            let (p, k) = owner[i as usize];
                            Some((i, chunks[p as usize].ics[k as usize].as_deref()?))
                        })
                        .collect();
                    if *windowed {
                        es = parts::calendar_window(site, es);
                    }
                    for (i, e) in es {
                        let (p, k) = owner[i as usize];
                        pieces.push((chunks[p as usize].id + 1 + k as u64, e.as_bytes()));
                    }
                }
            }
            pieces.push((fixed_id(&tail), &tail));
            let r = writer.write_pieces(
                Path::new(&rel),
                &pieces,
                previous.get(&rel).map(Vec::as_slice),
            );
            (rel, r)
        })
        .collect();
    let mut out = Vec::with_capacity(results.len());
    // Files of the previous build that this one does not make (a year's file cut in two, the
    // whole site's files once they no longer fit, a deleted plan's calendar): removed, as a
    // full build would not have them.
    let made: HashSet<&str> = results.iter().map(|(rel, _)| rel.as_str()).collect();
    for rel in layouts.keys().filter(|rel| !made.contains(rel.as_str())) {
        let full = writer.dir().join(rel);
        let _ = std::fs::remove_file(&full);
        if let Some(parent) = full.parent() {
            let _ = std::fs::remove_dir(parent);
        }
    }
    layouts.clear();
    for (rel, r) in results {
        match r {
            Ok(layout) => {
                let n = layout.iter().map(|p| p.1).sum();
                layouts.insert(rel.clone(), layout);
                out.push((rel, Ok(n)));
            }
            Err(e) => out.push((rel, Err(e))),
        }
    }
    out
}

/// One of the default theme's own assets as published: as [`asset`], and its scripts without
/// their comment lines, blank lines and indentation (search.js is read by every visitor who
/// searches: 26.3 → 17 KB gzip). Safe for these files only — no template literal or string
/// in them spans lines — so a theme's own scripts are published as they are.
fn builtin_asset(name: &str, bytes: &[u8]) -> Vec<u8> {
    if !name.ends_with(".js") {
        return asset(name, bytes);
    }
    let text = String::from_utf8_lossy(bytes);
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let t = line.trim();
        if t.is_empty() || t.starts_with("//") {
            continue;
        }
        out.push_str(t);
        out.push('\n');
    }
    out.into_bytes()
}

/// A theme asset as published: stylesheets minified.
fn asset(name: &str, bytes: &[u8]) -> Vec<u8> {
    if name.ends_with(".css") {
        crate::render::minify_css(bytes)
    } else {
        bytes.to_vec()
    }
}

/// Copies `static/` as is. Symbolic links are not followed: content cannot pull files from
/// outside the site into the output.
fn copy_static(dir: &Path, writer: &Writer, extra: &mut Extra, errors: &mut Vec<Diagnostic>) {
    let out = writer.dir();
    if !dir.is_dir() {
        return;
    }
    for e in walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
        // Regular files only: a symbolic link could pull a file from outside the site, and
        // is skipped (site::load warns of each, for `check` and `build` alike).
        if !e.file_type().is_file() {
            continue;
        }
        let Ok(rel) = e.path().strip_prefix(dir) else {
            continue;
        };
        let dest = out.join(rel);
        if dest.exists() {
            errors.push(
                Diagnostic::error(
                    Path::new("static").join(rel),
                    None,
                    tr!(msg::STATIC_OVERWRITES, file = rel.display()),
                )
                .with_hint(tr!(msg::STATIC_OVERWRITES_HINT)),
            );
            continue;
        }
        match std::fs::read(e.path()).and_then(|b| writer.write(rel, &b).map(|()| b.len())) {
            Ok(n) => {
                extra.files += 1;
                extra.bytes += n as u64;
            }
            Err(err) => errors.push(
                Diagnostic::error(e.path(), None, tr!(msg::CANNOT_COPY, error = err))
                    .with_hint(tr!(msg::FILE_PERMISSIONS_HINT)),
            ),
        }
    }
}

/// The files of `static/` that a build could not copy because the build makes a file of the
/// same path (a page, an asset, an export, a calendar), or a folder of that path, or because
/// they lie in the search index's folder, which every build makes anew. `check` and `build`
/// both run it before anything is written, so the two never disagree.
pub fn static_conflicts(site: &Site, root: &Path, pages: &[String]) -> Vec<Diagnostic> {
    let dir = root.join("static");
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut made: HashSet<String> = pages.iter().cloned().collect();
    made.extend(
        [
            urls::SITEMAP,
            urls::ROBOTS,
            urls::FEED,
            crate::output::MARKER,
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    made.extend(ASSETS.iter().map(|(n, _)| urls::asset(n)));
    made.extend(["csv", "json", "ics"].iter().map(|x| urls::data_file(x)));
    made.insert(urls::data_catalog());
    for part in parts::layout(site).parts {
        made.extend(["csv", "json"].iter().map(|x| part.file(x)));
    }
    made.extend(calendars(site).into_iter().map(|(rel, _, _, _)| rel));
    made.extend(plan_csvs(site).map(|(rel, _)| rel));
    // Every folder the build makes, so that a static file cannot take a folder's name.
    let folders: HashSet<&str> = made
        .iter()
        .flat_map(|p| p.match_indices('/').map(move |(i, _)| &p[..i]))
        .collect();
    let index = format!("{}/", crate::search::DIR);
    let mut errors = Vec::new();
    for e in walkdir::WalkDir::new(&dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let Ok(rel) = e.path().strip_prefix(&dir) else {
            continue;
        };
        let rel_str = rel.to_string_lossy().replace('\\', "/");
        let (message, hint) = if rel_str.starts_with(&index) {
            (
                tr!(
                    msg::STATIC_IN_SEARCH_INDEX,
                    file = rel_str,
                    dir = crate::search::DIR
                ),
                tr!(msg::STATIC_IN_SEARCH_INDEX_HINT),
            )
        } else if made.contains(&rel_str) || folders.contains(rel_str.as_str()) {
            (
                tr!(msg::STATIC_OVERWRITES, file = rel_str),
                tr!(msg::STATIC_OVERWRITES_HINT),
            )
        } else {
            continue;
        };
        errors
            .push(Diagnostic::error(Path::new("static").join(rel), None, message).with_hint(hint));
    }
    errors
}

pub fn xml_escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => {}
            c => o.push(c),
        }
    }
    o
}

/// Sitemaps need absolute addresses: without `base_url` the sitemap lists paths from the
/// site root, which crawlers ignore but which documents the site's pages.
fn sitemap(site: &Site) -> String {
    let base = site.config.base_url.clone().unwrap_or_default();
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut url = |path: &str, lastmod: Option<String>| {
        let _ = write!(
            s,
            "<url><loc>{}</loc>",
            xml_escape(&format!("{base}/{path}"))
        );
        if let Some(m) = lastmod {
            let _ = write!(s, "<lastmod>{m}</lastmod>");
        }
        s.push_str("</url>\n");
    };
    url("", None);
    for p in urls::SITEMAP_SECTIONS {
        url(&format!("{p}/"), None);
    }
    for plan in &site.plans {
        url(&format!("{}/", urls::plan(&plan.slug)), last_change(plan));
    }
    for u in site.registry.units.iter().filter(|u| !u.collective) {
        url(&format!("{}/", urls::unit(&u.slug)), None);
    }
    for t in &site.index.topics {
        url(&format!("{}/", urls::topic(&t.slug)), None);
    }
    for p in &site.pages {
        url(&format!("{}/", p.slug), None);
    }
    s.push_str("</urlset>\n");
    s
}

/// The latest of the plan's date and its updates' dates, ISO.
fn last_change(plan: &crate::content::Plan) -> Option<String> {
    let upd = plan
        .tasks()
        .flat_map(|t| t.updates.iter().map(|u| u.date))
        .max();
    let issued = plan
        .date
        .and_then(|d| chrono::NaiveDate::from_ymd_opt(d.year, d.month, d.day.unwrap_or(1)));
    issued.max(upd).map(|d| d.to_string())
}

fn robots(site: &Site) -> String {
    match &site.config.base_url {
        Some(b) if b.starts_with("http") => {
            format!("User-agent: *\nAllow: /\nSitemap: {b}/{}\n", urls::SITEMAP)
        }
        _ => "User-agent: *\nAllow: /\n".to_string(),
    }
}

/// An Atom feed of plans, newest first (at most 50).
fn atom(site: &Site) -> String {
    let base = site.config.base_url.clone().unwrap_or_default();
    let updated = site
        .plans
        .iter()
        .filter_map(|p| last_change(p))
        .max()
        .unwrap_or_else(|| site.today.to_string());
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"vi\">\n",
    );
    let id_base = if base.is_empty() {
        format!("tag:kehoach,{}:", crate::vi::slugify(&site.config.commune))
    } else {
        format!("{base}/")
    };
    let _ = write!(
        s,
        "<title>{}</title>\n<id>{}</id>\n<updated>{updated}T00:00:00Z</updated>\n<link rel=\"self\" href=\"{}\"/>\n",
        xml_escape(&site.config.title),
        xml_escape(&id_base),
        xml_escape(&format!("{base}/{}", urls::FEED))
    );
    for plan in site.plans.iter().take(50) {
        let when = last_change(plan).unwrap_or_else(|| site.today.to_string());
        let title = match &plan.number {
            Some(n) => format!("{} số {n}: {}", plan.kind, plan.title),
            None => format!("{}: {}", plan.kind, plan.title),
        };
        let _ = write!(
            s,
            "<entry><title>{}</title><id>{}</id><link href=\"{}\"/><updated>{when}T00:00:00Z</updated><author><name>{}</name></author><summary>{}</summary></entry>",
            xml_escape(&title),
            xml_escape(&format!("{id_base}{}/", urls::plan(&plan.slug))),
            xml_escape(&format!("{base}/{}/", urls::plan(&plan.slug))),
            xml_escape(plan.issuer.as_deref().unwrap_or(&site.config.commune)),
            xml_escape(&format!("{} nhiệm vụ", plan.task_count())),
        );
        s.push('\n');
    }
    s.push_str("</feed>\n");
    s
}
