//! kehoach: compiles the plans (Kế hoạch) of a Vietnamese commune into a static portal.
//!
//! The pipeline, one module per stage:
//! load ([`site::load`]: `site.toml`, `units.yaml`, plans in parallel, the shared index) →
//! check (diagnostics gathered along the way) → render ([`render`]: Tera, minified, in
//! parallel, into a fresh folder) → publish ([`output`]: the folder replaces the previous
//! output only when everything succeeded).

// A `Diagnostic` is 128 bytes and only ever returned on the cold path of a user error; boxing
// it everywhere would cost more clarity than the bytes are worth.
#![allow(clippy::result_large_err)]

pub mod config;
pub mod content;
pub mod diag;
pub mod export;
pub mod output;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod site;
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
            }
            Err(e) => diags.extend(e),
        }
    }
    diags.sort();
    diags
}

/// Builds the portal. On any error nothing is published and the previous output stays.
pub fn build(opts: &BuildOptions) -> Result<BuildSummary, Diagnostics> {
    let start = Instant::now();
    let mut timer = Timings::new();
    let (site, mut diags) = site::load::load(&opts.root, opts.today);
    timer.lap("load");
    let Some(site) = site else { return Err(diags) };
    if diags.has_errors() {
        return Err(diags);
    }
    let renderer = match render::Renderer::new(&site, &opts.root) {
        Ok(r) => r,
        Err(e) => {
            diags.extend(e);
            return Err(diags);
        }
    };
    timer.lap("templates and task rows");
    let staging = match output::Staging::new(&opts.output) {
        Ok(s) => s,
        Err(d) => {
            diags.push(d);
            return Err(diags);
        }
    };
    let writer = staging.writer();
    let progress = progress_bar(renderer.page_count());
    let written = renderer.render_all_with(Some(&writer), progress.as_ref());
    if let Some(p) = &progress {
        p.finish_and_clear();
    }
    let written = match written {
        Ok(w) => w,
        Err(e) => {
            diags.extend(e);
            return Err(diags);
        }
    };
    timer.lap("pages");
    let extra = match export::write_all(&site, &opts.root, &writer) {
        Ok(n) => n,
        Err(e) => {
            diags.extend(e);
            return Err(diags);
        }
    };
    timer.lap("exports");
    let index = match search::write_index(&site, &writer) {
        Ok(n) => n,
        Err(e) => {
            diags.extend(e);
            return Err(diags);
        }
    };
    timer.lap("search index");
    if let Err(d) = staging.publish() {
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
        files: written.pages + extra.files + index.files,
        bytes: written.bytes + extra.bytes + index.bytes,
        elapsed: start.elapsed(),
        diagnostics: diags,
    })
}

/// A site kept between builds, for `serve` and other long-running callers: [`Project::rebuild`]
/// brings the output folder up to date with the sources after files changed.
#[derive(Debug)]
pub struct Project {
    opts: BuildOptions,
}

impl Project {
    pub fn new(opts: BuildOptions) -> Self {
        Project { opts }
    }

    pub fn options(&self) -> &BuildOptions {
        &self.opts
    }

    /// Rebuilds after `changed` files (any paths under the site; empty = look at everything).
    /// On error the previous output stays as it was.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Result<BuildSummary, Diagnostics> {
        let _ = changed;
        build(&self.opts)
    }
}

/// Phase timings printed to stderr when `KEHOACH_TIMINGS` is set (for profiling builds).
struct Timings {
    on: bool,
    last: Instant,
    laps: Vec<(&'static str, Duration)>,
}

impl Timings {
    fn new() -> Self {
        Timings {
            on: std::env::var_os("KEHOACH_TIMINGS").is_some(),
            last: Instant::now(),
            laps: Vec::new(),
        }
    }
    fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        self.laps.push((name, now - self.last));
        self.last = now;
    }
    fn report(&self) {
        if self.on {
            for (name, d) in &self.laps {
                eprintln!("{:>8.3} s  {name}", d.as_secs_f64());
            }
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
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} Đang tạo trang {pos}/{len} {wide_bar} {eta}",
    ) {
        bar.set_style(style);
    }
    Some(bar)
}

/// "Today": `--today`, else `SOURCE_DATE_EPOCH`, else the local date.
pub fn today_from(flag: Option<&str>) -> Result<NaiveDate, Diagnostic> {
    if let Some(t) = flag {
        return NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| {
            Diagnostic::error("--today", None, format!("`{t}` is not a date"))
                .with_hint("write it as YYYY-MM-DD, e.g. --today 2026-01-15")
        });
    }
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        let secs: i64 = epoch.trim().parse().map_err(|_| {
            Diagnostic::error(
                "SOURCE_DATE_EPOCH",
                None,
                format!("`{epoch}` is not a number of seconds"),
            )
            .with_hint("set it to a Unix time, e.g. SOURCE_DATE_EPOCH=1767225600")
        })?;
        return chrono::DateTime::from_timestamp(secs, 0)
            .map(|d| d.date_naive())
            .ok_or_else(|| {
                Diagnostic::error(
                    "SOURCE_DATE_EPOCH",
                    None,
                    format!("`{epoch}` is out of range"),
                )
                .with_hint("set it to a Unix time, e.g. SOURCE_DATE_EPOCH=1767225600")
            });
    }
    Ok(chrono::Local::now().date_naive())
}
