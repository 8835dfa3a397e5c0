//! kehoach: compiles the plans (Kế hoạch) of a Vietnamese commune into a static portal.
//!
//! The pipeline, one module per stage:
//! load ([`site::load`]: `site.toml`, `units.yaml`, plans in parallel, the shared index) →
//! check (diagnostics gathered along the way) → render ([`render`]: one file per kind of
//! page, in parallel, into a fresh folder) → exports ([`export`]) and the search index
//! ([`search`]) → publish ([`output`]: the folder replaces the previous output only when
//! everything succeeded). [`Project`] keeps a site between builds for incremental rebuilds
//! ([`serve`] uses it); [`import`] turns a signed `.docx` into a plan file. `ARCHITECTURE.md`
//! at the repository's root has the code map and the invariants.

// A `Diagnostic` is 128 bytes and only ever returned on the cold path of a user error; boxing
// it everywhere would cost more clarity than the bytes are worth.
#![allow(clippy::result_large_err)]
// The crate is an application: its documentation is read with private items
// (`cargo doc --document-private-items`, as the test command runs it), where links to
// private items resolve.
#![allow(rustdoc::private_intra_doc_links)]

pub mod config;
pub mod content;
pub mod diag;
pub mod export;
pub mod import;
pub mod layout;
pub mod msg;
pub mod output;
pub mod progress;
pub mod render;
pub mod report;
pub mod scaffold;
#[cfg(test)]
mod scaling;
pub mod search;
pub mod serve;
pub mod site;
pub mod urls;
pub mod vi;

use chrono::NaiveDate;
use diag::{Diagnostic, Diagnostics};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What `build` needs to know.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder (holds `site.toml`).
    pub root: PathBuf,
    /// Where the portal is written; replaced as a whole.
    pub output: PathBuf,
    /// "Today" for statuses: the build date unless fixed for reproducible builds.
    pub today: NaiveDate,
}

/// What a successful build reports.
#[derive(Debug, Clone)]
pub struct BuildSummary {
    pub plans: usize,
    pub tasks: usize,
    pub units: usize,
    pub pages: usize,
    pub files: usize,
    pub bytes: u64,
    pub elapsed: Duration,
    /// Plan files read and parsed (the others were unchanged since the previous build).
    pub plans_read: usize,
    /// Pages rendered (the others were unchanged since the previous build).
    pub pages_rendered: usize,
    /// Search index files made (the others were unchanged since the previous build).
    pub index_files_made: usize,
    pub diagnostics: Diagnostics,
}

/// Validates the site without writing anything.
pub fn check(root: &Path, today: NaiveDate) -> Diagnostics {
    let (site, mut diags) = site::load::load(root, today);
    if let Some(site) = site {
        // Templates are part of the site too: every page is rendered in memory, so that a
        // template error (syntax, or a variable that does not exist) is found before a build.
        match render::Renderer::new(&site, root) {
            Ok(r) => {
                if let Err(e) = r.render_all(None) {
                    diags.extend(e);
                }
                diags.extend(export::static_conflicts(&site, root, &r.page_paths()));
            }
            Err(e) => diags.extend(e),
        }
    }
    diags.sort();
    diags
}

/// Builds the portal. On any error nothing is published and the previous output stays.
pub fn build(opts: &BuildOptions) -> Result<BuildSummary, Diagnostics> {
    build_with(
        opts,
        &mut site::load::PlanCache::default(),
        &mut render::RenderCache::default(),
        None,
        None,
        false,
    )
}

/// One build. A full build writes a staging folder and swaps it in; an incremental one
/// (`incremental`, with caches from a previous build of the same site into the same output)
/// renders only the pages whose fingerprint changed and replaces them in place, file by file,
/// after every page rendered without error. The same write error on many files (a full
/// disk) is reported once, with the number of files it stopped.
fn build_with(
    opts: &BuildOptions,
    plans: &mut site::load::PlanCache,
    cache: &mut render::RenderCache,
    exports: Option<&mut export::ExportCache>,
    search_cache: Option<&mut search::SearchCache>,
    incremental: bool,
) -> Result<BuildSummary, Diagnostics> {
    build_steps(opts, plans, cache, exports, search_cache, incremental).map_err(|mut d| {
        d.fold_repeated();
        d
    })
}

/// The steps of [`build_with`].
fn build_steps(
    opts: &BuildOptions,
    plans: &mut site::load::PlanCache,
    cache: &mut render::RenderCache,
    exports: Option<&mut export::ExportCache>,
    search_cache: Option<&mut search::SearchCache>,
    incremental: bool,
) -> Result<BuildSummary, Diagnostics> {
    let start = Instant::now();
    let mut timer = Timings::new();
    let (site, mut diags) = site::load::load_with(&opts.root, opts.today, plans);
    if !incremental {
        release_freed_memory();
    }
    timer.lap("load");
    let Some(mut site) = site else {
        return Err(diags);
    };
    if diags.has_errors() {
        return Err(diags);
    }
    site.published = site::publication::dates(&site, &opts.output);
    let renderer = match render::Renderer::new_cached(&site, &opts.root, cache) {
        Ok(r) => r,
        Err(e) => {
            diags.extend(e);
            return Err(diags);
        }
    };
    timer.lap("templates and task rows");
    // Static files a build could not copy: found before anything is written, as `check` does.
    // (Incremental rebuilds follow a full build of the same static/.)
    if !incremental {
        let conflicts = export::static_conflicts(&site, &opts.root, &renderer.page_paths());
        if !conflicts.is_empty() {
            diags.extend(conflicts);
            return Err(diags);
        }
    }
    let staging = if incremental {
        None
    } else {
        match output::Staging::new(&opts.root, &opts.output) {
            Ok(s) => Some(s),
            Err(d) => {
                diags.push(d);
                return Err(diags);
            }
        }
    };
    let writer = match &staging {
        Some(s) => s.writer(),
        None => output::Writer::in_place(&opts.output),
    };
    let progress = if incremental {
        None
    } else {
        progress_bar(renderer.page_count())
    };
    let written = renderer.render_changed(&writer, progress.as_ref(), cache, incremental);
    if let Some(p) = &progress {
        p.finish_and_clear();
    }
    let (written, rendered) = match written {
        Ok(w) => w,
        Err(e) => {
            diags.extend(e);
            return Err(diags);
        }
    };
    // The rendered rows are not needed any more: freed before the exports and the search
    // index, which are the memory peak of a large build.
    drop(renderer);
    if !incremental {
        release_freed_memory();
    }
    timer.lap("pages");
    // Nothing changed since the previous build (an editor saved a file unchanged, or a file
    // that is not a plan was touched): the exports and the search index are as they were.
    let mut index_files_made = 0;
    let (extra_files, extra_bytes) = if incremental && plans.unchanged {
        cache.others
    } else {
        let write_exports = || export::write_all(&site, &opts.root, &writer, exports, incremental);
        let write_index = || search::write_index(&site, &writer, search_cache);
        // A rebuild writes the exports and updates the search index at the same time; a full
        // build one after the other, which keeps its memory peak down.
        let (extra, index) = if incremental {
            let both = rayon::join(write_exports, write_index);
            timer.lap("exports and search index");
            both
        } else {
            let extra = write_exports();
            // The calendars' events of every task, made once for all the calendars, are freed:
            // handed back before the search index, the build's other peak.
            release_freed_memory();
            timer.lap("exports");
            let index = write_index();
            timer.lap("search index");
            (extra, index)
        };
        let (extra, index) = match (extra, index) {
            (Ok(e), Ok(i)) => (e, i),
            (e, i) => {
                diags.extend(e.err().into_iter().flatten());
                diags.extend(i.err().into_iter().flatten());
                return Err(diags);
            }
        };
        index_files_made = index.made;
        cache.others = (extra.files + index.files, extra.bytes + index.bytes);
        cache.others
    };
    if let Some(staging) = staging
        && let Err(d) = staging.publish()
    {
        diags.push(d);
        return Err(diags);
    }
    timer.lap("publish");
    timer.report();
    Ok(BuildSummary {
        plans: site.plans.len(),
        tasks: site.index.tasks.len(),
        units: site.registry.units.iter().filter(|u| !u.collective).count(),
        pages: written.pages,
        files: written.pages + written.beside + extra_files,
        bytes: written.bytes + extra_bytes,
        elapsed: start.elapsed(),
        plans_read: plans.misses,
        pages_rendered: rendered,
        index_files_made,
        diagnostics: diags,
    })
}

/// A site kept between builds, for `serve` and other long-running callers: [`Project::rebuild`]
/// brings the output folder up to date with the sources after files changed.
///
/// The first rebuild is a full build. Later ones re-read only the plan files whose size or
/// modification time changed, re-render only the rows of those plans and the pages whose
/// fingerprint (a hash of what the page shows) changed, update the search index in place
/// (only the files of the changed records and their words, see [`search::SearchCache`]),
/// rewrite the exports from their first changed byte ([`output::Writer::write_pieces`]), and
/// write only files whose bytes changed. A change to `site.toml`, `units.yaml`, templates,
/// themes, `static/` or free pages makes a full build again.
///
/// A rebuild writes over the files it changes rather than replacing them: a reader of the
/// output during a rebuild may see a file half-written (`serve` reads none then). On error
/// the output stays as the last successful rebuild left it.
pub struct Project {
    opts: BuildOptions,
    plans: site::load::PlanCache,
    render: render::RenderCache,
    exports: export::ExportCache,
    search: search::SearchCache,
    /// Stamp of the inputs whose change needs a full build; `None` until a build succeeded.
    global: Option<u64>,
}

impl std::fmt::Debug for Project {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Project").field("opts", &self.opts).finish()
    }
}

impl Project {
    pub fn new(opts: BuildOptions) -> Self {
        Project {
            opts,
            plans: site::load::PlanCache::default(),
            render: render::RenderCache::recording(),
            exports: export::ExportCache::default(),
            search: search::SearchCache::default(),
            global: None,
        }
    }

    pub fn options(&self) -> &BuildOptions {
        &self.opts
    }

    /// The address and file (relative to the site) of each plan of the last build.
    pub fn plan_sources(&self) -> Vec<(String, PathBuf)> {
        self.plans.sources()
    }

    /// Rebuilds after files changed: what changed is found from the files themselves (their
    /// sizes and modification times), so a caller need not say which. On error the previous
    /// output stays as it was.
    pub fn rebuild(&mut self) -> Result<BuildSummary, Diagnostics> {
        let global = global_stamp(&self.opts.root);
        let incremental = self.global == Some(global) && self.opts.output.is_dir();
        if !incremental {
            self.plans.clear();
            self.render.clear();
            self.exports.clear();
            self.search.clear();
        }
        let r = build_with(
            &self.opts,
            &mut self.plans,
            &mut self.render,
            Some(&mut self.exports),
            Some(&mut self.search),
            incremental,
        );
        // After a failure the caches may not describe the output: start over next time.
        self.global = r.as_ref().ok().map(|_| global);
        r
    }
}

/// A hash of the size and modification time of every input that is not a plan
/// ([`layout::FULL_BUILD_FILES`], [`layout::FULL_BUILD_DIRS`]).
fn global_stamp(root: &Path) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    for f in layout::FULL_BUILD_FILES {
        let m = std::fs::metadata(root.join(f)).ok();
        (
            f,
            m.as_ref().map(|m| m.len()),
            m.and_then(|m| m.modified().ok()),
        )
            .hash(&mut h);
    }
    for dir in layout::FULL_BUILD_DIRS {
        for e in walkdir::WalkDir::new(root.join(dir))
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
        {
            let m = e.metadata().ok();
            (
                e.path(),
                m.as_ref().map(|m| m.len()),
                m.and_then(|m| m.modified().ok()),
            )
                .hash(&mut h);
        }
    }
    h.finish()
}

/// Hands the memory freed by the phase that just ended (parsed sources, the task rows) back to
/// the system. glibc's allocator otherwise keeps it mapped, and the next phases would add
/// their peak on top of it: at 10,000 plans the rows alone are ~370 MiB.
fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free pages of glibc's own heaps; it does not touch
    // allocated memory and has no precondition.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Phase timings printed to stderr when `KEHOACH_TIMINGS` is set (for profiling builds): wall
/// time, CPU time of the process and peak memory so far (the last two on Linux only).
struct Timings {
    on: bool,
    last: Instant,
    last_cpu: f64,
    laps: Vec<(&'static str, Duration, f64, u64, u64)>,
}

/// CPU seconds (user + system) of this process, and its peak and current resident memory in
/// KiB, from `/proc/self`; zeros where that is not available.
fn cpu_and_memory() -> (f64, u64, u64) {
    let cpu = std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            let rest = &s[s.rfind(')')? + 2..];
            let f: Vec<&str> = rest.split(' ').collect();
            let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
            Some(ticks / 100.0)
        })
        .unwrap_or(0.0);
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kib = |key: &str| -> u64 {
        status
            .lines()
            .find(|l| l.starts_with(key))
            .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
            .unwrap_or(0)
    };
    (cpu, kib("VmHWM:"), kib("VmRSS:"))
}

impl Timings {
    fn new() -> Self {
        let on = std::env::var_os("KEHOACH_TIMINGS").is_some();
        Timings {
            on,
            last: Instant::now(),
            last_cpu: if on { cpu_and_memory().0 } else { 0.0 },
            laps: Vec::new(),
        }
    }
    fn lap(&mut self, name: &'static str) {
        if !self.on {
            return;
        }
        let now = Instant::now();
        let (cpu, peak, rss) = cpu_and_memory();
        self.laps
            .push((name, now - self.last, cpu - self.last_cpu, peak, rss));
        self.last = now;
        self.last_cpu = cpu;
    }
    fn report(&self) {
        for (name, d, cpu, peak, rss) in &self.laps {
            // msg: not user-facing (KEHOACH_TIMINGS, for developers)
            eprintln!(
                "{:>8.3} s wall {:>8.2} s CPU {:>6} MiB peak {:>6} MiB after  {name}",
                d.as_secs_f64(),
                cpu,
                peak / 1024,
                rss / 1024
            );
        }
    }
}

/// A progress bar on stderr for builds big enough to take a while, only when a person is
/// watching (stderr is a terminal, not CI).
fn progress_bar(pages: usize) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if pages < 2000 || !std::io::stderr().is_terminal() || std::env::var_os("CI").is_some() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(pages as u64);
    // The template's `{…}` are indicatif's, not the catalogue's: the text is used unfilled.
    if let Ok(style) = indicatif::ProgressStyle::with_template(msg::BUILD_PROGRESS.text()) {
        bar.set_style(style);
    }
    Some(bar)
}

/// "Today": `--today`, else `SOURCE_DATE_EPOCH`, else the local date.
pub fn today_from(flag: Option<&str>) -> Result<NaiveDate, Diagnostic> {
    if let Some(t) = flag {
        return NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| {
            Diagnostic::error("--today", None, tr!(msg::TODAY_BAD, value = t))
                .with_hint(tr!(msg::TODAY_BAD_HINT))
        });
    }
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        let secs: i64 = epoch.trim().parse().map_err(|_| {
            Diagnostic::error(
                "SOURCE_DATE_EPOCH",
                None,
                tr!(msg::EPOCH_NOT_A_NUMBER, value = epoch),
            )
            .with_hint(tr!(msg::EPOCH_HINT))
        })?;
        return chrono::DateTime::from_timestamp(secs, 0)
            .map(|d| d.date_naive())
            .ok_or_else(|| {
                Diagnostic::error(
                    "SOURCE_DATE_EPOCH",
                    None,
                    tr!(msg::EPOCH_OUT_OF_RANGE, value = epoch),
                )
                .with_hint(tr!(msg::EPOCH_HINT))
            });
    }
    Ok(chrono::Local::now().date_naive())
}
