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
//! The server ([`http`]) is hyper on a small tokio runtime, with connections, request heads,
//! event streams and file reads bounded; rebuilds run on a thread of their own. Only requests
//! whose `Host` names the served address are answered, so a web page that rebinds its DNS
//! name to 127.0.0.1 cannot read the preview. Files are looked up by path on every request
//! (the output folder is replaced on each full build, so no handle to it is kept across
//! requests) and nothing outside the output folder can be reached (see [`files`]).

mod events;
mod files;
mod form;
mod http;
mod page;

use crate::diag::{Diagnostic, Diagnostics, display_path};
use crate::{BuildOptions, BuildSummary, Project, msg, tr};
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

/// The port tried first when none is given (the one static-site previews usually take).
pub const DEFAULT_PORT: u16 = 1313;
type Debouncer = notify_debouncer_full::Debouncer<RecommendedWatcher, RecommendedCache>;

/// Folders of the site whose changes trigger a rebuild (with `site.toml`).
const WATCHED_DIRS: [&str; 4] = crate::layout::SOURCE_DIRS;
/// Changes closer together than this make one rebuild (an editor's save is often several
/// events: write, rename, attribute change).
const DEBOUNCE: Duration = Duration::from_millis(200);

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
    /// (address, file) of each plan of the latest good build, for the progress form.
    plans: Arc<Vec<(String, PathBuf)>>,
}

struct Shared {
    out: PathBuf,
    /// The port served: a request must name `127.0.0.1:<port>` or `localhost:<port>`.
    port: u16,
    state: Mutex<State>,
    hub: events::Hub,
    /// Held for writing during a rebuild and for reading while a file is read: large exports
    /// are updated in place ([`crate::output::Writer::write_pieces`]), never sent half-written.
    files: RwLock<()>,
    /// The site folder, the build day and the session's token, for the progress form.
    root: PathBuf,
    today: NaiveDate,
    token: String,
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
            crate::tr!(crate::msg::SERVE_NO_SITE),
        )
        .with_hint(crate::tr!(crate::msg::SERVE_NO_SITE_HINT)));
    }
    let temp = std::env::temp_dir();
    clean_stale_workdirs(&temp);
    let work = temp.join(format!("kehoach-serve-{}", std::process::id()));
    let out = work.join("public");

    let listener = bind(opts.port)?;
    let port = listener
        .local_addr()
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
            say(&crate::tr!(crate::msg::SERVE_STOPPED_BY_USER));
            std::process::exit(0);
        });
        if let Err(e) = set {
            eprintln!(
                "{}",
                crate::tr!(
                    crate::msg::SERVE_NO_CLEANUP,
                    dir = work.display(),
                    error = e
                )
            );
        }
    }

    raise_open_file_limit();
    let runtime = http::runtime().map_err(|e| {
        Diagnostic::error(
            "serve",
            None,
            crate::tr!(crate::msg::SERVE_CANNOT_START, error = e),
        )
        .with_hint(crate::tr!(crate::msg::SERVE_CANNOT_START_HINT))
    })?;
    let shared = Arc::new(Shared {
        out: out.clone(),
        port,
        state: Mutex::new(State {
            generation: 0,
            errors: None,
            plans: Arc::default(),
        }),
        hub: events::Hub::default(),
        files: RwLock::new(()),
        root: root.clone(),
        today: opts.today,
        token: form::new_token(),
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

    {
        let shared = Arc::clone(&shared);
        let build_lock = Arc::clone(&build_lock);
        std::thread::spawn(move || rebuild_loop(project, rx, watcher, &shared, &build_lock, &root));
    }

    say(&crate::tr!(crate::msg::SERVE_LISTENING, url = url));
    if opts.open {
        open_browser(&url);
    }
    runtime.block_on(http::run(listener, move |req| {
        let shared = Arc::clone(&shared);
        async move { handle(req, &shared).await }
    }));
    Err(
        Diagnostic::error("serve", None, crate::tr!(crate::msg::SERVE_STOPPED))
            .with_hint(crate::tr!(crate::msg::SERVE_STOPPED_HINT)),
    )
}

/// Lets the server hold as many sockets as the system allows this user (the usual soft
/// limit, 1,024 files, is below what [`http::MAX_CONNECTIONS`] and the build need together).
fn raise_open_file_limit() {
    #[cfg(target_os = "linux")]
    // SAFETY: getrlimit and setrlimit only read and write the struct passed to them.
    unsafe {
        let mut l = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut l) == 0 && l.rlim_cur < l.rlim_max {
            l.rlim_cur = l.rlim_max.min(65_536);
            let _ = libc::setrlimit(libc::RLIMIT_NOFILE, &l);
        }
    }
}

/// Listens on 127.0.0.1 only.
fn bind(port: Option<u16>) -> Result<std::net::TcpListener, Diagnostic> {
    match port {
        Some(p) => bind_first(&[p]),
        None => bind_first(&(DEFAULT_PORT..DEFAULT_PORT + 100).collect::<Vec<_>>()),
    }
}

/// Listens on 127.0.0.1 at the first of `ports` that is free.
fn bind_first(ports: &[u16]) -> Result<std::net::TcpListener, Diagnostic> {
    let mut last = String::new();
    for &p in ports {
        match std::net::TcpListener::bind(("127.0.0.1", p)) {
            Ok(s) => return Ok(s),
            Err(e) => last = e.to_string(),
        }
    }
    let tried = match ports {
        [p] => p.to_string(),
        _ => format!("{}–{}", ports[0], ports[ports.len() - 1]),
    };
    Err(Diagnostic::error(
        "--port",
        None,
        crate::tr!(crate::msg::SERVE_PORT_BUSY, tried = tried, error = last),
    )
    .with_hint(crate::tr!(crate::msg::SERVE_PORT_BUSY_HINT)))
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
        project.rebuild()
    };
    let generation = {
        let mut st = shared.state();
        st.generation += 1;
        let was_broken = st.errors.is_some();
        match &result {
            Ok(s) => {
                st.errors = None;
                st.plans = Arc::new(project.plan_sources());
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
        n => crate::tr!(crate::msg::SERVE_WARNINGS, n = n),
    };
    let took = format!("{:.2}", s.elapsed.as_secs_f64());
    if changed.is_empty() {
        say(&crate::tr!(
            crate::msg::SERVE_BUILT,
            plans = s.plans,
            tasks = s.tasks,
            units = s.units,
            pages = s.pages,
            seconds = took,
            warnings = warnings
        ));
        return;
    }
    let first = changed[0].strip_prefix(root).unwrap_or(&changed[0]);
    let more = match changed.len() {
        1 => String::new(),
        n => crate::tr!(crate::msg::SERVE_MORE_FILES, n = n - 1),
    };
    let fixed = if was_broken {
        crate::tr!(crate::msg::SERVE_FIXED)
    } else {
        String::new()
    };
    say(&crate::tr!(
        crate::msg::SERVE_REBUILT,
        fixed = fixed,
        file = display_path(first),
        more = more,
        seconds = took,
        warnings = warnings
    ));
}

fn report_failure(d: &Diagnostics) {
    for x in d.iter().filter(|x| x.is_error()) {
        eprintln!("{x}\n");
    }
    eprintln!(
        "{}",
        crate::tr!(crate::msg::SERVE_FAILED, errors = d.error_count())
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
        Diagnostic::error(
            p,
            None,
            crate::tr!(crate::msg::SERVE_CANNOT_WATCH, error = e),
        )
        .with_hint(crate::tr!(crate::msg::SERVE_CANNOT_WATCH_HINT))
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
    (first == crate::layout::SETTINGS && comps.next().is_none())
        || WATCHED_DIRS.contains(&first.as_ref())
}

/// Whether a request names the served address in its `Host` (a DNS name rebound to
/// 127.0.0.1 by another site does not).
fn host_ok(req: &hyper::Request<hyper::body::Incoming>, port: u16) -> bool {
    let Some(host) = req
        .headers()
        .get(hyper::header::HOST)
        .and_then(|h| h.to_str().ok())
    else {
        return false;
    };
    let host = host.trim().to_ascii_lowercase();
    host == format!("127.0.0.1:{port}") || host == format!("localhost:{port}")
}

/// The headers every answer carries.
fn common(ctype: &str) -> [(&str, &str); 3] {
    [
        ("Content-Type", ctype),
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
    ]
}

/// Answers one request.
async fn handle(
    req: hyper::Request<hyper::body::Incoming>,
    shared: &Arc<Shared>,
) -> http::Response {
    if !host_ok(&req, shared.port) {
        return http::text(
            421,
            crate::tr!(crate::msg::HTTP_WRONG_HOST, port = shared.port),
        );
    }
    let method = req.method().clone();
    let path_only = req.uri().path().to_string();
    if path_only == form::FORM_PATH {
        return progress_form(req, shared).await;
    }
    if path_only == form::SCRIPT_PATH {
        return http::response(
            200,
            &common("text/javascript; charset=utf-8"),
            form::form_js(),
        );
    }
    if method != hyper::Method::GET && method != hyper::Method::HEAD {
        return http::response(
            405,
            &[
                ("Allow", "GET, HEAD"),
                ("Content-Type", "text/plain; charset=utf-8"),
                ("Cache-Control", "no-store"),
            ],
            crate::tr!(crate::msg::HTTP_GET_HEAD_ONLY) + "\n",
        );
    }
    let url = req
        .uri()
        .path_and_query()
        .map_or("/", |p| p.as_str())
        .to_string();
    let path = url.split(['?', '#']).next().unwrap_or("");
    if path == page::EVENTS_PATH && method == hyper::Method::GET {
        let since: Option<u64> = url
            .split_once("?v=")
            .and_then(|(_, v)| v.split('&').next())
            .and_then(|v| v.parse().ok());
        return match shared.hub.stream(since) {
            Some(body) => http::response(
                200,
                &[
                    ("Content-Type", "text/event-stream; charset=utf-8"),
                    ("Cache-Control", "no-store"),
                    ("X-Accel-Buffering", "no"),
                ],
                body,
            ),
            None => http::response(
                503,
                &[("Retry-After", "5"), ("Cache-Control", "no-store")],
                http::Body::empty(),
            ),
        };
    }
    if path == page::SCRIPT_PATH {
        return http::response(
            200,
            &common("text/javascript; charset=utf-8"),
            page::RELOAD_JS,
        );
    }
    let (generation, errors) = {
        let st = shared.state();
        (st.generation, st.errors.clone())
    };
    let panel = errors.as_deref().map(page::error_panel);
    let range = req
        .headers()
        .get(hyper::header::RANGE)
        .and_then(|h| h.to_str().ok())
        .map(str::to_string);
    let shared = Arc::clone(shared);
    // The lookup touches the disk: a short job of the file pool.
    let found = http::blocking(move || {
        // The output is missing only for the instant of a publish without an atomic swap.
        for _ in 0..20 {
            if shared.out.is_dir() {
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        if !shared.out.is_dir() {
            return (shared, None);
        }
        let target = match files::locate(&shared.out, &url) {
            files::Target::NotFound => match files::locate(&shared.out, "/404.html") {
                files::Target::File(f) => Some((files::Target::File(f), 404)),
                _ => None,
            },
            t => Some((t, 200)),
        };
        (shared, target)
    })
    .await;
    let Some((shared, target)) = found else {
        return http::text(503, crate::tr!(crate::msg::HTTP_BUSY));
    };
    match target {
        None if !shared.out.is_dir() => {
            // No good build yet: the first one failed, or is still running.
            let html = match &errors {
                Some(e) => page::error_page(e, generation),
                None => page::inject(
                    &format!(
                        "<p>{}</p>",
                        crate::render::theme::escape_html(crate::msg::SERVE_BUILDING.text())
                    ),
                    generation,
                    None,
                ),
            };
            http::response(503, &common("text/html; charset=utf-8"), html)
        }
        None => http::text(404, crate::tr!(crate::msg::HTTP_NOT_FOUND)),
        Some((files::Target::Redirect(to), _)) => http::response(
            301,
            &[
                ("Location", &to),
                ("Content-Type", "text/plain; charset=utf-8"),
                ("Cache-Control", "no-store"),
            ],
            crate::tr!(crate::msg::HTTP_MOVED, to = to) + "\n",
        ),
        Some((files::Target::File(f), status)) => {
            let range = (status == 200).then_some(range).flatten();
            send_file(shared, f, status, generation, panel, range).await
        }
        Some((files::Target::NotFound, _)) => {
            http::text(404, crate::tr!(crate::msg::HTTP_NOT_FOUND))
        }
    }
}

/// The progress form: GET shows it, POST saves an update (see [`form`]).
async fn progress_form(
    req: hyper::Request<hyper::body::Incoming>,
    shared: &Arc<Shared>,
) -> http::Response {
    let (plans, generation) = {
        let st = shared.state();
        (Arc::clone(&st.plans), st.generation)
    };
    let method = req.method().clone();
    if method == hyper::Method::GET {
        let query = req.uri().query().unwrap_or("").to_string();
        let shared = Arc::clone(shared);
        let page = http::blocking(move || {
            let s = form::Session {
                root: &shared.root,
                today: shared.today,
                token: &shared.token,
                plans: &plans,
            };
            form::get(&s, &query)
        })
        .await;
        return match page {
            Some(p) => form::respond(p),
            None => http::text(503, crate::tr!(crate::msg::HTTP_BUSY)),
        };
    }
    if method != hyper::Method::POST {
        return http::response(
            405,
            &[("Allow", "GET, POST"), ("Cache-Control", "no-store")],
            http::Body::empty(),
        );
    }
    // A form posted from another site (the token stops it too; this says why).
    let origin_ok = req
        .headers()
        .get(hyper::header::ORIGIN)
        .and_then(|o| o.to_str().ok())
        .is_none_or(|o| {
            let o = o.trim().to_ascii_lowercase();
            o == format!("http://127.0.0.1:{}", shared.port)
                || o == format!("http://localhost:{}", shared.port)
        });
    let site_ok = req
        .headers()
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_none_or(|v| v == "same-origin" || v == "none");
    if !origin_ok || !site_ok {
        return form::respond(form::message_page(403, &tr!(msg::FORM_ORIGIN_BAD)));
    }
    let too_large = || {
        form::respond(form::message_page(
            413,
            &tr!(
                msg::FORM_TOO_LARGE,
                mb = form::MAX_ATTACHMENT / (1024 * 1024)
            ),
        ))
    };
    let declared = req
        .headers()
        .get(hyper::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > form::MAX_BODY as u64) {
        return too_large();
    }
    let ctype = req
        .headers()
        .get(hyper::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let Some(body) = http::read_body(req.into_body(), form::MAX_BODY).await else {
        return too_large();
    };
    let fields = match form::parse(body, &ctype).await {
        Ok(f) => f,
        Err(m) => return form::respond(form::message_page(400, &m)),
    };
    let job = Arc::clone(shared);
    let saved = http::blocking(move || {
        let s = form::Session {
            root: &job.root,
            today: job.today,
            token: &job.token,
            plans: &plans,
        };
        form::save(&s, fields)
    })
    .await;
    match saved {
        Some(form::Saved::Redirect(to, changed)) => {
            // Back to the plan once the rebuild shows the update (the page also reloads by
            // itself when the rebuild ends later than this).
            if changed {
                for _ in 0..100 {
                    if shared.state().generation > generation {
                        break;
                    }
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            }
            http::response(
                303,
                &[("Location", &to), ("Cache-Control", "no-store")],
                http::Body::empty(),
            )
        }
        Some(form::Saved::Refused(p)) => form::respond(p),
        None => http::text(503, crate::tr!(crate::msg::HTTP_BUSY)),
    }
}

/// Sends a file of the output. HTML gets the reload script (and the error panel, if any) and
/// is read whole (pages are bounded); a single byte range is read alone (206, see
/// [`files::byte_range`]); other files are sent in chunks, each read under the files lock, and
/// a file that a rebuild changes meanwhile ends the connection rather than arrive mixed.
async fn send_file(
    shared: Arc<Shared>,
    path: PathBuf,
    status: u16,
    generation: u64,
    panel: Option<String>,
    range: Option<String>,
) -> http::Response {
    let ctype = files::content_type(&path);
    let html = ctype.starts_with("text/html");
    let job_shared = Arc::clone(&shared);
    let job_path = path.clone();
    /// What the first read of a file found.
    struct Opened {
        len: u64,
        /// The whole file (HTML, small files) or the range asked; `None`: sent in chunks.
        bytes: Option<Vec<u8>>,
        range: files::ByteRange,
        modified: Option<std::time::SystemTime>,
    }
    let first = http::blocking(move || -> std::io::Result<Opened> {
        let _files = job_shared.files.read().unwrap_or_else(|e| e.into_inner());
        let meta = std::fs::metadata(&job_path)?;
        let len = meta.len();
        let range = if html {
            files::ByteRange::Whole
        } else {
            files::byte_range(range.as_deref(), len)
        };
        let bytes = match range {
            _ if html || len <= http::CHUNK as u64 => Some(std::fs::read(&job_path)?),
            files::ByteRange::Part(start, end) => Some(files::read_range(&job_path, start, end)?),
            _ => None,
        };
        Ok(Opened {
            len,
            bytes,
            range,
            modified: meta.modified().ok(),
        })
    })
    .await;
    let Some(Ok(Opened {
        len,
        bytes,
        range,
        modified,
    })) = first
    else {
        return http::text(404, crate::tr!(crate::msg::HTTP_NOT_FOUND));
    };
    let mut headers: Vec<(&str, String)> = vec![
        ("Content-Type", ctype.to_string()),
        ("Cache-Control", "no-store".into()),
        ("X-Content-Type-Options", "nosniff".into()),
        ("Accept-Ranges", "bytes".into()),
    ];
    let respond = |status: u16, headers: &[(&str, String)], body: http::Body| {
        let h: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
        http::response(status, &h, body)
    };
    if html {
        let page = page::inject(
            &String::from_utf8_lossy(&bytes.unwrap_or_default()),
            generation,
            panel.as_deref(),
        );
        return respond(status, &headers, page.into());
    }
    match range {
        files::ByteRange::Part(start, end) => {
            let part = match bytes {
                Some(b) if b.len() as u64 == len => b[start as usize..end as usize].to_vec(),
                Some(b) => b,
                None => Vec::new(),
            };
            headers.push((
                "Content-Range",
                format!("bytes {start}-{}/{len}", end.saturating_sub(1)),
            ));
            respond(206, &headers, part.into())
        }
        files::ByteRange::Unsatisfiable => {
            headers.push(("Content-Range", format!("bytes */{len}")));
            respond(416, &headers, http::Body::empty())
        }
        files::ByteRange::Whole => match bytes {
            Some(b) => respond(status, &headers, b.into()),
            None => {
                headers.push(("Content-Length", len.to_string()));
                respond(status, &headers, stream_file(shared, path, len, modified))
            }
        },
    }
}

/// A large file's body, read [`http::CHUNK`] bytes at a time by short jobs, each under the
/// files lock; if the file's length or time changes between chunks (a rebuild wrote it), the
/// body fails and the connection ends.
fn stream_file(
    shared: Arc<Shared>,
    path: PathBuf,
    len: u64,
    modified: Option<std::time::SystemTime>,
) -> http::Body {
    let (tx, rx) = tokio::sync::mpsc::channel(2);
    tokio::spawn(async move {
        let mut at = 0u64;
        while at < len {
            let (shared, path) = (Arc::clone(&shared), path.clone());
            let end = (at + http::CHUNK as u64).min(len);
            let chunk = http::blocking(move || {
                let _files = shared.files.read().unwrap_or_else(|e| e.into_inner());
                let meta = std::fs::metadata(&path)?;
                if meta.len() != len || meta.modified().ok() != modified {
                    return Err(std::io::Error::other("the file changed while it was sent"));
                }
                files::read_range(&path, at, end)
            })
            .await
            .unwrap_or_else(|| Err(std::io::Error::other("the server is stopping")));
            let failed = chunk.is_err();
            if tx.send(chunk.map(bytes::Bytes::from)).await.is_err() || failed {
                return;
            }
            at = end;
        }
    });
    http::Body::Chunks(rx)
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
        Err(_) => say(&crate::tr!(crate::msg::SERVE_BROWSER_NOT_OPENED, url = url)),
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
        let got = server.local_addr().unwrap();
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
