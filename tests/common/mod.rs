//! Helpers shared by the integration tests: run the real binary, read the output, crawl links.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const TODAY: &str = "2026-01-15";

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn kehoach(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .env("KEHOACH_LANG", "en")
        .args(args)
        .current_dir(cwd)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("the binary runs")
}

/// [`kehoach`] in the language a clerk gets by default: no `--lang`, no `KEHOACH_LANG`, no
/// locale.
pub fn kehoach_vi(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(args)
        .current_dir(cwd)
        .env_remove("KEHOACH_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("the binary runs")
}

pub fn text(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// Builds the site at `root` into `out`, asserting success.
pub fn build(root: &Path, out: &Path) -> String {
    let o = kehoach(
        &[
            "build",
            "--root",
            root.to_str().unwrap(),
            "--output",
            out.to_str().unwrap(),
            "--today",
            TODAY,
        ],
        root,
    );
    let (so, se) = text(&o);
    assert!(o.status.success(), "build failed:\n{so}\n{se}");
    so
}

/// Copies the demo's sources (`site.toml`, `content/`, `static/`) into `to`.
pub fn copy_demo(to: &Path) {
    let from = repo();
    std::fs::create_dir_all(to).unwrap();
    std::fs::copy(from.join("site.toml"), to.join("site.toml")).unwrap();
    for dir in ["content", "static"] {
        for f in files(&from.join(dir)) {
            let dest = to.join(dir).join(&f);
            std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
            std::fs::copy(from.join(dir).join(&f), dest).unwrap();
        }
    }
}

/// A small site in a temp dir: `files` are (relative path, content).
pub fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let default_toml =
        "title = \"Kế hoạch xã Thử\"\ncommune = \"xã Thử\"\nprovince = \"thành phố Hải Phòng\"\n";
    if !files.iter().any(|(p, _)| *p == "site.toml") {
        std::fs::write(dir.path().join("site.toml"), default_toml).unwrap();
    }
    for (p, c) in files {
        let full = dir.path().join(p);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, c).unwrap();
    }
    dir
}

pub fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Every file under `dir`, relative, sorted.
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(dir).unwrap().to_path_buf())
        .collect();
    v.sort();
    v
}

/// Values of `attr="…"` in an HTML string (our output always quotes attributes it needs;
/// minified unquoted values are handled too).
pub fn attrs(html: &str, attr: &str) -> Vec<String> {
    let mut out = Vec::new();
    let needle = format!(" {attr}=");
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        rest = &rest[i + needle.len()..];
        let v = if let Some(r) = rest.strip_prefix('"') {
            r.split('"').next().unwrap_or("")
        } else if let Some(r) = rest.strip_prefix('\'') {
            r.split('\'').next().unwrap_or("")
        } else {
            rest.split([' ', '>']).next().unwrap_or("")
        };
        out.push(html_unescape(v));
    }
    out
}

pub fn html_unescape(s: &str) -> String {
    s.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

/// The ids defined in a page.
pub fn ids(html: &str) -> BTreeSet<String> {
    attrs(html, "id").into_iter().collect()
}

/// Checks that every `href` and `src` of every HTML page under `out` resolves to a file in
/// the output (and its `#fragment` to an id there), and that nothing is loaded from another
/// host. Returns the number of links checked.
pub fn check_links(out: &Path) -> usize {
    let mut pages: BTreeMap<PathBuf, String> = BTreeMap::new();
    for f in files(out) {
        if f.extension().is_some_and(|x| x == "html") {
            pages.insert(f.clone(), read(&out.join(&f)));
        }
    }
    let mut problems = Vec::new();
    let mut n = 0;
    for (page, html) in &pages {
        if page.to_str() == Some("404.html") {
            continue; // served at any address: its links are from the site root
        }
        for src in attrs(html, "src") {
            if src.contains("//") {
                problems.push(format!(
                    "{}: loads from another host: {src}",
                    page.display()
                ));
            }
        }
        for href in attrs(html, "href") {
            n += 1;
            if href.starts_with("http://")
                || href.starts_with("https://")
                || href.starts_with("mailto:")
                || href.starts_with("tel:")
            {
                continue;
            }
            if href.starts_with("//") || href.contains(':') {
                problems.push(format!("{}: unexpected link {href}", page.display()));
                continue;
            }
            let (path, frag) = match href.split_once('#') {
                Some((p, f)) => (p, Some(f)),
                None => (href.as_str(), None),
            };
            // A query is read by the page's script (the search page's filters): the file is
            // what must exist.
            let path = path.split_once('?').map_or(path, |(p, _)| p);
            let target = if path.is_empty() {
                page.clone()
            } else {
                let base = page.parent().unwrap_or(Path::new(""));
                normalize(&base.join(path))
            };
            let target = if path.ends_with('/') || path.is_empty() && page.ends_with("/") {
                target.join("index.html")
            } else {
                target
            };
            if !out.join(&target).is_file() {
                problems.push(format!(
                    "{}: broken link {href} (→ {})",
                    page.display(),
                    target.display()
                ));
                continue;
            }
            if let Some(f) = frag.filter(|f| !f.is_empty()) {
                let html = pages.get(&target).cloned().unwrap_or_default();
                if !ids(&html).contains(f) {
                    problems.push(format!(
                        "{}: anchor #{f} missing in {}",
                        page.display(),
                        target.display()
                    ));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} link problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    n
}

/// Resolves `..` and `.` without touching the file system.
pub fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                assert!(out.pop(), "link escapes the output: {}", p.display());
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// The text of an HTML fragment, tags removed, entities decoded.
pub fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    html_unescape(&out)
}

/// Counts occurrences of `needle` in `hay`.
pub fn count(hay: &str, needle: &str) -> usize {
    hay.matches(needle).count()
}

/// Asserts that no staging folder of a build is left beside the output in `dir`.
pub fn assert_no_staging_left(dir: &Path) {
    let leftovers: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("kehoach-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// The HTML of every page of a paginated list at `base` (`nhiem-vu`: `nhiem-vu/index.html`,
/// then `nhiem-vu/trang/2/index.html` …), in order.
pub fn list_pages(out: &Path, base: &str) -> Vec<String> {
    let mut pages = Vec::new();
    for n in 1.. {
        let rel = if n == 1 {
            format!("{base}/index.html")
        } else {
            format!("{base}/trang/{n}/index.html")
        };
        let p = out.join(rel);
        if !p.exists() {
            break;
        }
        pages.push(read(&p));
    }
    pages
}

/// Held while a scaling check measures, so that two of them do not slow each other down.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Asserts that the work of `run` on `make(8 n)` takes less than 24 times as long as on
/// `make(n)`: 8 times on a linear path, 64 on a quadratic one, 512 on a cubic one (ratios,
/// not durations, since machines differ; see `src/scaling.rs` for the unit tests' twin). The
/// work is the time less that of a run at the small size `base`, which is mostly the cost of
/// starting the binary and would hide growth; `n` doubles from `start` until the work takes
/// half as long as that (at least 50 ms), at most 2^14 times `start`. Each size keeps the
/// fastest of two runs, the sizes taken in turn.
pub fn assert_linear<T>(
    what: &str,
    (base, start): (usize, usize),
    make: impl Fn(usize) -> T,
    run: impl Fn(&T),
) {
    assert_linear_upto(what, (base, start), start << 14, make, run);
}

/// [`assert_linear`] with `n` kept at most `max` (an input the binary refuses beyond a size).
pub fn assert_linear_upto<T>(
    what: &str,
    (base_n, start): (usize, usize),
    max: usize,
    make: impl Fn(usize) -> T,
    run: impl Fn(&T),
) {
    use std::time::Duration;
    let _alone = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let once = |input: &T| {
        let t = std::time::Instant::now();
        run(input);
        t.elapsed()
    };
    let base_input = make(base_n);
    let base = once(&base_input).min(once(&base_input));
    let mut n = start;
    let small_input = loop {
        let input = make(n);
        let work = once(&input).min(once(&input)).saturating_sub(base);
        if work >= (base / 2).max(Duration::from_millis(50)) || n * 2 > max {
            break input;
        }
        n *= 2;
    };
    let large_input = make(8 * n);
    // The sizes in turn, so that a spell of load from elsewhere slows each of them.
    let (mut base, mut small, mut large) = (base, Duration::MAX, Duration::MAX);
    for _ in 0..2 {
        base = base.min(once(&base_input));
        small = small.min(once(&small_input));
        large = large.min(once(&large_input));
    }
    let (small, large) = (small.saturating_sub(base), large.saturating_sub(base));
    let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-9);
    // Shown with --nocapture, to see how far from the limit a path is.
    eprintln!("{what}: {ratio:.1} times as long ({n} → {})", 8 * n);
    assert!(
        ratio < 24.0,
        "{what}: 8 times the input ({n} → {}) took {ratio:.1} times as long ({small:?} → {large:?} beyond {base:?} at {base_n})",
        8 * n
    );
}
