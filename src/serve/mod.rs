//! `kehoach serve`: a preview of the portal while it is being edited.
//!
//! The site is built through [`crate::Project`] into a private folder
//! (`<temp>/kehoach-serve-<pid>/public`, never the user's `public/`), served on 127.0.0.1 only,
//! and rebuilt whenever a file under `content/`, `themes/`, `templates/`, `static/` or
//! `site.toml` changes (watched with `notify`, debounced; reads are not changes: the
//! build itself opens every source). Every open page holds a server-sent
//! events stream and reloads after each rebuild. A rebuild that fails leaves the last good
//! output in place: pages keep being served, with a panel on top that lists the errors as
//! `kehoach check` would, until an edit fixes them.
//!
//! The server is `tiny_http`: synchronous, a few worker threads, one more thread per open
//! event stream. Files are looked up by path on every request (the output folder is replaced
//! by a rename on each build, so no handle to it is ever kept) and nothing outside the output
//! folder can be reached (see [`files`]).

mod events;
mod files;
mod page;

use crate::diag::{Diagnostic, Diagnostics, display_path};
use crate::{BuildOptions, BuildSummary, Project};
use chrono::NaiveDate;
use notify_debouncer_full::notify::event::{AccessKind, AccessMode};
use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, RecommendedCache, new_debouncer};
use std::convert::Infallible;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use std::time::{Duration, Instant};
use tiny_http::{Header, Method, Request, Response, Server};

/// The port tried first when none is given (the one static-site previews usually take).
pub const DEFAULT_PORT: u16 = 1313;
type Debouncer = notify_debouncer_full::Debouncer<RecommendedWatcher, RecommendedCache>;

/// Folders of the site whose changes trigger a rebuild (with `site.toml`).
const WATCHED_DIRS: [&str; 4] = ["content", "themes", "templates", "static"];
/// Changes closer together than this make one rebuild (an editor's save is often several
/// events: write, rename, attribute change).
const DEBOUNCE: Duration = Duration::from_millis(200);
/// Threads answering ordinary requests (event streams have a thread each).
const WORKERS: usize = 4;

/// What `kehoach serve` needs to know.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site folder (holds `site.toml`).
    pub root: PathBuf,
    /// `None`: 1313, or the first free port after it. `Some(0)`: any free port.
    pub port: Option<u16>,
    /// Open the preview in the default browser.
    pub open: bool,
    pub today: NaiveDate,
}

/// The latest build, as the request handlers see it.
struct State {
    /// Counts builds, good or failed; pages are tagged with it so they reload when it moves.
    generation: u64,
    /// The errors of the latest build, if it failed.
    errors: Option<Vec<Diagnostic>>,
}

struct Shared {
    out: PathBuf,
    state: Mutex<State>,
    hub: events::Hub,
    /// Held for writing during a rebuild and for reading while a file is read: large exports
    /// are updated in place ([`crate::output::Writer::write_pieces`]), never sent half-written.
    files: RwLock<()>,
}

impl Shared {
    fn state(&self) -> MutexGuard<'_, State> {
        lock(&self.state)
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Prints a line to stdout, ignoring a closed pipe.
fn say(s: &str) {
    let _ = writeln!(std::io::stdout(), "{s}");
}

/// Builds, serves and rebuilds until Ctrl+C (which exits the process after removing the
/// private output folder). Returns only on a problem that prevents serving at all.
pub fn serve(opts: ServeOptions) -> Result<Infallible, Diagnostic> {
    let root = std::path::absolute(&opts.root).unwrap_or_else(|_| opts.root.clone());
    if !root.join("site.toml").is_file() {
        return Err(Diagnostic::error(
            root.join("site.toml"),
            None,
            "no site here: site.toml is missing",
        )
        .with_hint("run `kehoach serve` in the site folder, or give it with --root DIR"));
    }
    let temp = std::env::temp_dir();
    clean_stale_workdirs(&temp);
    let work = temp.join(format!("kehoach-serve-{}", std::process::id()));
    let out = work.join("public");

    let server = Arc::new(bind(opts.port)?);
    let port = server
        .server_addr()
        .to_ip()
        .map_or(opts.port.unwrap_or(DEFAULT_PORT), |a| a.port());
    let url = format!("http://127.0.0.1:{port}/");

    // Ctrl+C (or SIGTERM) removes the private output, waiting briefly for a build under way.
    let build_lock = Arc::new(Mutex::new(()));
    {
        let build_lock = Arc::clone(&build_lock);
        let dir = work.clone();
        let set = ctrlc::set_handler(move || {
            let deadline = Instant::now() + Duration::from_secs(3);
            let _guard = loop {
                if let Ok(g) = build_lock.try_lock() {
                    break Some(g);
                }
                if Instant::now() > deadline {
                    break None;
                }
                std::thread::sleep(Duration::from_millis(20));
            };
            let _ = std::fs::remove_dir_all(&dir);
            say("Đã dừng kehoach serve.");
            std::process::exit(0);
        });
        if let Err(e) = set {
            eprintln!(
                "kehoach serve: Ctrl+C will not clean up {}: {e}",
                work.display()
            );
        }
    }

    let shared = Arc::new(Shared {
        out: out.clone(),
        state: Mutex::new(State {
            generation: 0,
            errors: None,
        }),
        hub: events::Hub::default(),
        files: RwLock::new(()),
    });

    // Watch before the first build, so that an edit made during it is not missed.
    let (tx, rx) = mpsc::channel();
    let watcher = watch(&root, tx)?;

    let mut project = Project::new(BuildOptions {
        root: root.clone(),
        output: out,
        today: opts.today,
    });
    rebuild(&mut project, &[], &shared, &build_lock, &root);

    for _ in 0..WORKERS {
        let server = Arc::clone(&server);
        let shared = Arc::clone(&shared);
        std::thread::spawn(move || {
            while let Ok(req) = server.recv() {
                handle(req, &shared);
            }
        });
    }
    {
        let shared = Arc::clone(&shared);
        let build_lock = Arc::clone(&build_lock);
        std::thread::spawn(move || rebuild_loop(project, rx, watcher, &shared, &build_lock, &root));
    }

    say(&format!("Đang phục vụ tại {url} — Ctrl+C để dừng"));
    if opts.open {
        open_browser(&url);
    }
    loop {
        std::thread::park();
    }
}

/// Listens on 127.0.0.1 only.
fn bind(port: Option<u16>) -> Result<Server, Diagnostic> {
    match port {
        Some(p) => bind_first(&[p]),
        None => bind_first(&(DEFAULT_PORT..DEFAULT_PORT + 100).collect::<Vec<_>>()),
    }
}

/// Listens on 127.0.0.1 at the first of `ports` that is free.
fn bind_first(ports: &[u16]) -> Result<Server, Diagnostic> {
    let mut last = String::new();
    for &p in ports {
        match Server::http(("127.0.0.1", p)) {
            Ok(s) => return Ok(s),
            Err(e) => last = e.to_string(),
        }
    }
    let tried = match ports {
        [p] => p.to_string(),
        _ => format!("{}–{}", ports[0], ports[ports.len() - 1]),
    };
    Err(
        Diagnostic::error("--port", None, format!("cannot listen on 127.0.0.1:{tried}: {last}"))
            .with_hint("another program uses that port: choose another with --port N, or --port 0 for any free port"),
    )
}

/// Builds (or rebuilds after `changed`), then tells the open pages to reload.
fn rebuild(
    project: &mut Project,
    changed: &[PathBuf],
    shared: &Shared,
    build_lock: &Mutex<()>,
    root: &Path,
) {
    let result = {
        let _g = lock(build_lock);
        let _files = shared.files.write().unwrap_or_else(|e| e.into_inner());
        project.rebuild(changed)
    };
    let generation = {
        let mut st = shared.state();
        st.generation += 1;
        let was_broken = st.errors.is_some();
        match &result {
            Ok(s) => {
                st.errors = None;
                report_success(s, changed, root, was_broken);
            }
            Err(d) => {
                st.errors = Some(errors_of(d));
                report_failure(d);
            }
        }
        st.generation
    };
    shared.hub.broadcast(generation);
}

/// The errors of a failed build (all of its diagnostics if, oddly, none is an error).
fn errors_of(d: &Diagnostics) -> Vec<Diagnostic> {
    let errors: Vec<Diagnostic> = d.iter().filter(|x| x.is_error()).cloned().collect();
    if errors.is_empty() {
        d.iter().cloned().collect()
    } else {
        errors
    }
}

fn report_success(s: &BuildSummary, changed: &[PathBuf], root: &Path, was_broken: bool) {
    let warnings = match s.diagnostics.warning_count() {
        0 => String::new(),
        n => format!("; {n} cảnh báo (xem bằng `kehoach check`)"),
    };
    let took = s.elapsed.as_secs_f64();
    if changed.is_empty() {
        say(&format!(
            "kehoach serve: {} kế hoạch, {} nhiệm vụ, {} đơn vị → {} trang trong {took:.2} s{warnings}",
            s.plans, s.tasks, s.units, s.pages
        ));
        return;
    }
    let first = changed[0].strip_prefix(root).unwrap_or(&changed[0]);
    let more = match changed.len() {
        1 => String::new(),
        n => format!(" và {} tệp khác", n - 1),
    };
    let fixed = if was_broken { "Đã hết lỗi. " } else { "" };
    say(&format!(
        "{fixed}Đã dựng lại sau thay đổi ở {}{more} trong {took:.2} s{warnings}",
        display_path(first)
    ));
}

fn report_failure(d: &Diagnostics) {
    for x in d.iter().filter(|x| x.is_error()) {
        eprintln!("{x}\n");
    }
    eprintln!(
        "kehoach serve: {} lỗi — trình duyệt vẫn hiện bản dựng trước, kèm danh sách lỗi; sửa rồi lưu lại tệp.",
        d.error_count()
    );
}

/// Rebuilds on every batch of changes until the watcher goes away.
fn rebuild_loop(
    mut project: Project,
    rx: Receiver<Vec<PathBuf>>,
    mut watcher: Debouncer,
    shared: &Shared,
    build_lock: &Mutex<()>,
    root: &Path,
) {
    while let Ok(mut changed) = rx.recv() {
        // Changes that arrived during the previous build make one rebuild.
        while let Ok(more) = rx.try_recv() {
            changed.extend(more);
        }
        changed.sort();
        changed.dedup();
        // A watched folder created (or re-created) after the start is watched from now on.
        for d in WATCHED_DIRS {
            let dir = root.join(d);
            if changed.contains(&dir) && dir.is_dir() {
                let _ = watcher.watch(&dir, RecursiveMode::Recursive);
            }
        }
        rebuild(&mut project, &changed, shared, build_lock, root);
    }
}

/// Watches `site.toml` (through its folder, since editors save by renaming a new file over
/// the old one) and the source folders; sends each debounced batch of relevant paths.
fn watch(root: &Path, tx: Sender<Vec<PathBuf>>) -> Result<Debouncer, Diagnostic> {
    let watch_error = |p: &Path, e: notify_debouncer_full::notify::Error| {
        Diagnostic::error(p, None, format!("cannot watch for changes: {e}")).with_hint(
            "on Linux, raise fs.inotify.max_user_watches (sysctl) or close other programs that watch many files",
        )
    };
    let base = root.to_path_buf();
    let mut debouncer = new_debouncer(DEBOUNCE, None, move |res: DebounceEventResult| {
        if let Ok(events) = res {
            let paths: Vec<PathBuf> = events
                .into_iter()
                .filter(|e| is_change(&e.event.kind))
                .flat_map(|e| e.event.paths)
                .filter(|p| relevant(&base, p))
                .collect();
            if !paths.is_empty() {
                let _ = tx.send(paths);
            }
        }
    })
    .map_err(|e| watch_error(root, e))?;
    debouncer
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(|e| watch_error(root, e))?;
    for d in WATCHED_DIRS {
        let dir = root.join(d);
        if dir.is_dir() {
            debouncer
                .watch(&dir, RecursiveMode::Recursive)
                .map_err(|e| watch_error(&dir, e))?;
        }
    }
    Ok(debouncer)
}

/// Whether an event changed something (a file opened or read by the build did not).
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// Whether a change at `p` can change the site: `site.toml` or anything in a source folder,
/// except editors' swap and backup files.
fn relevant(root: &Path, p: &Path) -> bool {
    let Ok(rel) = p.strip_prefix(root) else {
        return false;
    };
    let name = p
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    if name.ends_with('~')
        || name.starts_with(".#")
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name == "4913"
    {
        return false;
    }
    let mut comps = rel.components();
    let Some(first) = comps.next().map(|c| c.as_os_str().to_string_lossy()) else {
        return false;
    };
    (first == "site.toml" && comps.next().is_none()) || WATCHED_DIRS.contains(&first.as_ref())
}

/// Answers one request.
fn handle(req: Request, shared: &Arc<Shared>) {
    let url = req.url().to_string();
    let path = url.split(['?', '#']).next().unwrap_or("");
    let head_or_get = matches!(req.method(), Method::Get | Method::Head);
    if !head_or_get {
        let r = Response::from_string("Chỉ hỗ trợ GET và HEAD.\n")
            .with_status_code(405)
            .with_header(header("Allow", "GET, HEAD"));
        let _ = req.respond(with_common(r, "text/plain; charset=utf-8"));
        return;
    }
    if path == page::EVENTS_PATH && *req.method() == Method::Get {
        let since: Option<u64> = url
            .split_once("?v=")
            .and_then(|(_, v)| v.split('&').next())
            .and_then(|v| v.parse().ok());
        let shared = Arc::clone(shared);
        std::thread::spawn(move || {
            let rx = shared.hub.subscribe();
            let current = shared.state().generation;
            let stale = (since != Some(current)).then_some(current);
            events::stream(req.into_writer(), rx, stale);
        });
        return;
    }
    if path == page::SCRIPT_PATH {
        let r = Response::from_string(page::RELOAD_JS);
        let _ = req.respond(with_common(r, "text/javascript; charset=utf-8"));
        return;
    }
    let (generation, errors) = {
        let st = shared.state();
        (st.generation, st.errors.clone())
    };
    let panel = errors.as_deref().map(page::error_panel);
    // The output is missing only for the instant between the two renames of a publish.
    for _ in 0..20 {
        if shared.out.is_dir() {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    if !shared.out.is_dir() {
        // No good build yet: the first one failed.
        let html = match &errors {
            Some(e) => page::error_page(e, generation),
            None => page::inject("<p>Đang dựng trang…</p>", generation, None),
        };
        let r = Response::from_string(html).with_status_code(503);
        let _ = req.respond(with_common(r, "text/html; charset=utf-8"));
        return;
    }
    match files::locate(&shared.out, &url) {
        files::Target::File(f) => send_file(req, shared, &f, 200, generation, panel.as_deref()),
        files::Target::Redirect(to) => {
            let r = Response::from_string(format!("Chuyển tới {to}\n"))
                .with_status_code(301)
                .with_header(header("Location", &to));
            let _ = req.respond(with_common(r, "text/plain; charset=utf-8"));
        }
        files::Target::NotFound => match files::locate(&shared.out, "/404.html") {
            files::Target::File(f) => send_file(req, shared, &f, 404, generation, panel.as_deref()),
            _ => {
                let r = Response::from_string("Không tìm thấy trang.\n").with_status_code(404);
                let _ = req.respond(with_common(r, "text/plain; charset=utf-8"));
            }
        },
    }
}

/// Sends a file of the output; HTML gets the reload script (and the error panel, if any). A
/// single byte range of a found file is answered with its bytes (206), see [`files::byte_range`].
fn send_file(
    req: Request,
    shared: &Shared,
    path: &Path,
    status: u16,
    generation: u64,
    panel: Option<&str>,
) {
    let ctype = files::content_type(path);
    let bytes = {
        let _files = shared.files.read().unwrap_or_else(|e| e.into_inner());
        std::fs::read(path)
    };
    let Ok(bytes) = bytes else {
        let _ = req.respond(Response::empty(404));
        return;
    };
    let bytes = if ctype.starts_with("text/html") {
        page::inject(&String::from_utf8_lossy(&bytes), generation, panel).into_bytes()
    } else {
        bytes
    };
    let range = match status {
        200 => {
            let asked = req.headers().iter().find(|h| h.field.equiv("Range"));
            files::byte_range(asked.map(|h| h.value.as_str()), bytes.len() as u64)
        }
        _ => files::ByteRange::Whole,
    };
    let _ = req.respond(with_common(ranged(bytes, status, range), ctype));
}

/// The response of a file's `bytes` for a request's `range` (a whole file with `status`).
fn ranged(
    bytes: Vec<u8>,
    status: u16,
    range: files::ByteRange,
) -> Response<std::io::Cursor<Vec<u8>>> {
    let len = bytes.len();
    let r = match range {
        files::ByteRange::Whole => Response::from_data(bytes).with_status_code(status),
        files::ByteRange::Part(start, end) => {
            let part = bytes
                .get(start as usize..end as usize)
                .unwrap_or_default()
                .to_vec();
            let span = format!("bytes {start}-{}/{len}", end.saturating_sub(1));
            Response::from_data(part)
                .with_status_code(206)
                .with_header(header("Content-Range", &span))
        }
        files::ByteRange::Unsatisfiable => Response::from_data(Vec::new())
            .with_status_code(416)
            .with_header(header("Content-Range", &format!("bytes */{len}"))),
    };
    r.with_header(header("Accept-Ranges", "bytes"))
}

fn with_common<R: std::io::Read>(r: Response<R>, ctype: &str) -> Response<R> {
    r.with_header(header("Content-Type", ctype))
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"))
}

fn header(name: &str, value: &str) -> Header {
    // Names and values are ours (a redirect's path has been checked to hold no CR or LF).
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .unwrap_or_else(|()| Header::from_bytes(&b"X-Invalid"[..], &b"1"[..]).expect("valid"))
}

/// Removes the private folders of previous `serve` runs that were killed without cleaning up.
fn clean_stale_workdirs(temp: &Path) {
    if !Path::new("/proc/self").exists() {
        return; // no cheap way to tell whether a process still runs
    }
    let Ok(entries) = std::fs::read_dir(temp) else {
        return;
    };
    for e in entries.filter_map(Result::ok) {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_prefix("kehoach-serve-")
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        if pid != std::process::id() && !Path::new(&format!("/proc/{pid}")).exists() {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

/// Opens `url` in the default browser; a failure is not worth more than a line.
fn open_browser(url: &str) {
    let mut cmd = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    cmd.arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    match cmd.spawn() {
        Ok(mut child) => {
            std::thread::spawn(move || child.wait());
        }
        Err(_) => say(&format!("(Không mở được trình duyệt: hãy mở {url})")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_taken_port_is_skipped_for_the_next_one() {
        let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let p = taken.local_addr().unwrap().port();
        // The next port may be taken as well, by anything: a few are tried.
        let ports: Vec<u16> = (p..p.saturating_add(20)).collect();
        let server = bind_first(&ports).unwrap();
        let got = server.server_addr().to_ip().unwrap();
        assert!(got.ip().is_loopback());
        assert!(got.port() > p, "{got}");
        let err = bind_first(&[p]).err().unwrap();
        assert!(
            err.message.contains(&format!("127.0.0.1:{p}")),
            "{}",
            err.message
        );
    }

    #[test]
    fn only_sources_trigger_a_rebuild() {
        let root = Path::new("/s");
        for yes in [
            "/s/site.toml",
            "/s/content/plans/2025/a.md",
            "/s/content",
            "/s/themes/x/templates/base.html",
            "/s/templates/plan.html",
            "/s/static/files/a.pdf",
        ] {
            assert!(relevant(root, Path::new(yes)), "{yes}");
        }
        for no in [
            "/s/public/index.html",
            "/s/README.md",
            "/s/.git/index",
            "/s/content/plans/.a.md.swp",
            "/s/content/plans/a.md~",
            "/s/content/plans/4913",
            "/s/site.toml/x",
            "/other/content/a.md",
        ] {
            assert!(!relevant(root, Path::new(no)), "{no}");
        }
    }
}
