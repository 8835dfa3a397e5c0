//! `kehoach serve` on a small fixture site: the real binary on `--port 0`, spoken to with plain
//! HTTP/1.1 over `TcpStream` (every read and write has a timeout, so a failure never hangs).
//! Live reload, error display and recovery, what the server adds to pages and what it never
//! adds to the files, and that no request can read outside the output.

mod common;
use common::*;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

const UNITS: &str = "- name: Phòng Văn hóa - Xã hội\n  short: Phòng VHXH\n";
/// A line that must never be served: it sits in site.toml, outside the output.
const SECRET: &str = "# BI-MAT-KHONG-DUOC-LO-RA";

fn plan(title: &str) -> String {
    format!(
        "---\ntitle: {title}\nnumber: 1/KH-UBND\ndate: 2026-01-05\ntasks:\n  - group: Nhóm một\n    tasks:\n      - content: Việc một\n        lead: Phòng VHXH\n        due: Quý I/2026\n---\n## I. MỤC ĐÍCH\n\nNội dung.\n"
    )
}

fn fixture() -> tempfile::TempDir {
    site(&[
        (
            "site.toml",
            &format!(
                "{SECRET}\ntitle = \"Kế hoạch xã Thử\"\ncommune = \"xã Thử\"\nprovince = \"thành phố Hải Phòng\"\n"
            ),
        ),
        ("content/units.yaml", UNITS),
        ("content/plans/tot.md", &plan("Kế hoạch bản đầu")),
    ])
}

/// A running `kehoach serve`, killed when dropped.
struct Served {
    child: Child,
    port: u16,
    url: String,
    /// The child's temp folder (`TMPDIR`): its private output lives in there.
    tmp: tempfile::TempDir,
    stdout: Arc<Mutex<String>>,
    stderr: Arc<Mutex<String>>,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn collect(
    r: impl Read + Send + 'static,
    into: Arc<Mutex<String>>,
    urls: Option<mpsc::Sender<String>>,
) {
    std::thread::spawn(move || {
        for line in BufReader::new(r).lines().map_while(Result::ok) {
            if let (Some(tx), Some(i)) = (&urls, line.find("http://")) {
                let url = line[i..]
                    .split_whitespace()
                    .next()
                    .unwrap_or("")
                    .to_string();
                let _ = tx.send(url);
            }
            let mut s = into.lock().unwrap();
            s.push_str(&line);
            s.push('\n');
        }
    });
}

/// Starts `kehoach serve` on `root`; the receiver gets the URL it prints.
fn spawn(root: &Path, extra: &[&str]) -> (Served, mpsc::Receiver<String>) {
    let tmp = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .env("KEHOACH_LANG", "en")
        .args(["serve", "--root", root.to_str().unwrap(), "--today", TODAY])
        .args(extra)
        .current_dir(root)
        .env("TMPDIR", tmp.path())
        .env_remove("SOURCE_DATE_EPOCH")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let (tx, rx) = mpsc::channel();
    let (out, err) = (Arc::default(), Arc::default());
    collect(child.stdout.take().unwrap(), Arc::clone(&out), Some(tx));
    collect(child.stderr.take().unwrap(), Arc::clone(&err), None);
    let served = Served {
        child,
        port: 0,
        url: String::new(),
        tmp,
        stdout: out,
        stderr: err,
    };
    (served, rx)
}

fn serve(root: &Path) -> Served {
    serve_with(root, &[])
}

/// [`serve`] with more arguments (`--lang vi`).
fn serve_with(root: &Path, extra: &[&str]) -> Served {
    let args: Vec<&str> = ["--port", "0"].iter().chain(extra).copied().collect();
    let (mut s, rx) = spawn(root, &args);
    let url = rx.recv_timeout(Duration::from_secs(60));
    let url = url.unwrap_or_else(|_| {
        panic!(
            "no URL printed\nstdout: {}\nstderr: {}",
            s.stdout.lock().unwrap(),
            s.stderr.lock().unwrap()
        )
    });
    s.port = url
        .trim_start_matches("http://127.0.0.1:")
        .trim_end_matches('/')
        .parse()
        .unwrap_or_else(|_| panic!("unexpected URL {url}"));
    s.url = url;
    s
}

impl Served {
    fn get(&self, target: &str) -> Reply {
        request(self.port, "GET", target)
    }

    /// The private output folder the server builds into.
    fn output(&self) -> PathBuf {
        self.tmp
            .path()
            .join(format!("kehoach-serve-{}", self.child.id()))
            .join("public")
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Polls `target` until `pred` holds on the reply; the reply and how long it took.
    fn poll(
        &self,
        target: &str,
        within: Duration,
        pred: impl Fn(&Reply) -> bool,
    ) -> (Reply, Duration) {
        let start = Instant::now();
        loop {
            let r = self.get(target);
            if pred(&r) {
                return (r, start.elapsed());
            }
            assert!(
                start.elapsed() < within,
                "{target}: not as expected within {within:?}; last reply {} {}\nstdout: {}\nstderr: {}",
                r.status,
                r.body,
                self.stdout.lock().unwrap(),
                self.stderr()
            );
            std::thread::sleep(Duration::from_millis(25));
        }
    }
}

#[derive(Debug)]
struct Reply {
    status: u16,
    head: String,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|l| {
            let (n, v) = l.split_once(':')?;
            n.trim()
                .eq_ignore_ascii_case(name)
                .then(|| v.trim().to_string())
        })
    }
}

fn connect(port: u16) -> TcpStream {
    let s = TcpStream::connect_timeout(&([127, 0, 0, 1], port).into(), Duration::from_secs(5))
        .expect("connects");
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.set_write_timeout(Some(Duration::from_secs(5))).unwrap();
    s
}

/// One HTTP/1.1 request with the target sent exactly as given (no normalisation).
fn request(port: u16, method: &str, target: &str) -> Reply {
    request_with(port, method, target, "")
}

/// A request with `extra` header lines (each ending in CRLF).
fn request_with(port: u16, method: &str, target: &str, extra: &str) -> Reply {
    let mut s = connect(port);
    write!(
        s,
        "{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{extra}Connection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("a whole reply");
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {head:?}"));
    Reply {
        status,
        head: head.to_string(),
        body: body.to_string(),
    }
}

/// The build number a page was served with (`reload.js?v=N`).
fn generation(html: &str) -> u64 {
    let i = html
        .find("/__kehoach/reload.js?v=")
        .expect("the reload script")
        + 23;
    html[i..]
        .split('"')
        .next()
        .and_then(|v| v.parse().ok())
        .expect("a number")
}

/// A served page without the reload script the server added.
fn without_script(html: &str) -> String {
    html.replacen(&scripts(html), "", 1)
}

/// The scripts the server adds to a page: live reload, and the progress form's buttons.
fn scripts(html: &str) -> String {
    format!(
        "<script src=\"/__kehoach/reload.js?v={}\"></script><script src=\"/__kehoach/tien-do.js\"></script>",
        generation(html)
    )
}

/// Writes a file as an editor does: a new file renamed over the old one.
fn save(path: &Path, text: &str) {
    let tmp = path.with_extension("md.tmp-save");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

const PLAN_PAGE: &str = "/ke-hoach/tot/";

#[test]
fn pages_get_the_reload_script_and_files_on_disk_do_not() {
    let dir = fixture();
    let s = serve(dir.path());
    assert!(s.url.starts_with("http://127.0.0.1:"), "{}", s.url);
    let r = s.get("/");
    assert_eq!(r.status, 200);
    assert_eq!(
        r.header("Content-Type").as_deref(),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(r.header("Cache-Control").as_deref(), Some("no-store"));
    let script = scripts(&r.body);
    assert!(r.body.contains(&format!("{script}</body>")), "{}", r.body);
    // What is served is the built file plus the script, and the file itself is untouched.
    let on_disk = read(&s.output().join("index.html"));
    assert!(!on_disk.contains("__kehoach"));
    assert_eq!(r.body.replacen(&script, "", 1), on_disk);
    // The same file as `kehoach build` writes.
    let out = tempfile::tempdir().unwrap();
    build(dir.path(), &out.path().join("public"));
    assert_eq!(read(&out.path().join("public/index.html")), on_disk);
    // The user's own output folder is not touched.
    assert!(!dir.path().join("public").exists());

    let js = s.get("/__kehoach/reload.js");
    assert_eq!(js.status, 200);
    assert!(
        js.header("Content-Type")
            .unwrap()
            .starts_with("text/javascript")
    );
    assert!(
        js.body.contains("EventSource(\"/__kehoach/events"),
        "{}",
        js.body
    );

    // Other files are served as they are, with their type.
    let css = s.get("/assets/style.css");
    assert_eq!(css.status, 200);
    assert_eq!(
        css.header("Content-Type").as_deref(),
        Some("text/css; charset=utf-8")
    );
    assert_eq!(css.body, read(&s.output().join("assets/style.css")));
    for (path, ty) in [
        ("/sitemap.xml", "application/xml; charset=utf-8"),
        ("/robots.txt", "text/plain; charset=utf-8"),
        ("/du-lieu/tasks.csv", "text/csv; charset=utf-8"),
        ("/du-lieu/tasks.json", "application/json"),
        ("/du-lieu/tasks.ics", "text/calendar; charset=utf-8"),
    ] {
        let r = s.get(path);
        assert_eq!(
            (r.status, r.header("Content-Type").as_deref()),
            (200, Some(ty)),
            "{path}"
        );
        assert!(!r.body.contains("__kehoach"), "{path}");
    }

    // HEAD: the headers of GET, no body.
    let h = request(s.port, "HEAD", PLAN_PAGE);
    assert_eq!(h.status, 200);
    assert!(h.body.is_empty(), "{:?}", h.body);
    assert_eq!(
        h.header("Content-Type").as_deref(),
        Some("text/html; charset=utf-8")
    );
    // Other methods are refused.
    assert_eq!(request(s.port, "POST", "/").status, 405);

    // A folder asked for without its slash is redirected to it, on this host.
    let r = s.get("/ke-hoach/tot?a=1");
    assert_eq!(r.status, 301);
    assert_eq!(r.header("Location").as_deref(), Some("/ke-hoach/tot/?a=1"));
    let r = s.get("//ke-hoach");
    assert_eq!(r.header("Location").as_deref(), Some("/ke-hoach/"));
    assert_eq!(s.get("/ke-hoach/tot/index.html").status, 200);
}

#[test]
fn an_edit_appears_in_the_page_within_two_seconds() {
    let dir = fixture();
    let s = serve(dir.path());
    assert!(s.get(PLAN_PAGE).body.contains("Kế hoạch bản đầu"));
    save(
        &dir.path().join("content/plans/tot.md"),
        &plan("Kế hoạch đã sửa lần hai"),
    );
    let (r, took) = s.poll(PLAN_PAGE, Duration::from_secs(2), |r| {
        r.body.contains("Kế hoạch đã sửa lần hai")
    });
    assert_eq!(r.status, 200);
    eprintln!("edit visible after {took:?}");
    // A plan added, and site.toml changed, are picked up too.
    std::fs::write(
        dir.path().join("content/plans/moi.md"),
        plan("Kế hoạch mới thêm").replace("number: 1/KH-UBND", "number: 2/KH-UBND"),
    )
    .unwrap();
    s.poll("/ke-hoach/moi/", Duration::from_secs(3), |r| {
        r.status == 200
    });
    let toml =
        read(&dir.path().join("site.toml")).replace("Kế hoạch xã Thử", "Cổng kế hoạch xã Thử");
    save(&dir.path().join("site.toml"), &toml);
    s.poll("/", Duration::from_secs(3), |r| {
        r.body.contains("Cổng kế hoạch xã Thử")
    });
}

/// Reads an event stream until `want` appears.
fn read_events_until(stream: &mut TcpStream, want: &str, within: Duration) -> String {
    let start = Instant::now();
    let mut got = String::new();
    let mut buf = [0u8; 4096];
    stream
        .set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    while !got.contains(want) {
        assert!(
            start.elapsed() < within,
            "no {want:?} within {within:?}: {got:?}"
        );
        match stream.read(&mut buf) {
            Ok(0) => panic!("the stream closed: {got:?}"),
            Ok(n) => got.push_str(&String::from_utf8_lossy(&buf[..n])),
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(e) => panic!("{e}: {got:?}"),
        }
    }
    got
}

fn open_events(port: u16, v: u64) -> TcpStream {
    let mut s = connect(port);
    write!(
        s,
        "GET /__kehoach/events?v={v} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n\r\n"
    )
    .unwrap();
    s
}

#[test]
fn the_event_stream_says_reload_after_an_edit() {
    let dir = fixture();
    let s = serve(dir.path());
    let v = generation(&s.get("/").body);
    let mut events = open_events(s.port, v);
    let head = read_events_until(&mut events, "retry:", Duration::from_secs(5));
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    assert!(head.contains("Content-Type: text/event-stream"), "{head}");
    assert!(
        !head.contains("event: reload"),
        "an up-to-date page is not reloaded: {head}"
    );
    save(
        &dir.path().join("content/plans/tot.md"),
        &plan("Kế hoạch sửa cho sự kiện"),
    );
    let got = read_events_until(&mut events, "event: reload\ndata: ", Duration::from_secs(3));
    assert!(
        got.contains(&format!("event: reload\ndata: {}\n\n", v + 1)),
        "{got}"
    );
    // A page served before the latest build is told at once when it connects.
    let mut late = open_events(s.port, v);
    read_events_until(
        &mut late,
        &format!("event: reload\ndata: {}\n\n", v + 1),
        Duration::from_secs(3),
    );
}

#[test]
fn a_broken_plan_shows_its_errors_over_the_last_good_page_then_recovers() {
    let dir = fixture();
    let s = serve(dir.path());
    let plan_path = dir.path().join("content/plans/tot.md");
    // Markup in the quoted line must come out as text.
    let broken = plan("Kế hoạch <b>đậm</b>: hỏng");
    save(&plan_path, &broken);
    let (page, _) = s.poll(PLAN_PAGE, Duration::from_secs(3), |r| {
        r.body.contains("kehoach-loi")
    });
    // The last good page is still served, under the panel.
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Kế hoạch bản đầu"), "{}", page.body);
    assert!(page.body.contains("Việc một"));
    // Every error: place, message, quoted line with a caret, hint, all escaped.
    let stderr = s.stderr();
    let headline = stderr
        .lines()
        .find(|l| l.starts_with("content/plans/tot.md:") && l.contains(": error: "))
        .unwrap_or_else(|| panic!("no diagnostic on stderr: {stderr}"))
        .to_string();
    let place: String = headline
        .splitn(4, ':')
        .take(3)
        .collect::<Vec<_>>()
        .join(":");
    assert!(
        place.split(':').skip(1).all(|n| n.parse::<usize>().is_ok()),
        "{place}"
    );
    assert!(
        page.body.contains(&format!("<code>{place}</code>")),
        "{place} in {}",
        page.body
    );
    assert!(
        page.body
            .contains("The pages are not updated: 1 error(s) in the content"),
        "{}",
        page.body
    );
    assert!(page.body.contains("How to fix it:"));
    assert_eq!(place, "content/plans/tot.md:2:27");
    assert!(
        page.body.contains(
            "2 | title: Kế hoạch &lt;b&gt;đậm&lt;/b&gt;: hỏng\n  |                           ^"
        ),
        "{}",
        page.body
    );
    assert!(!page.body.contains("<b>đậm</b>"));
    // Every page shows it, the 404 page too; the files on disk are still the good build.
    assert!(s.get("/").body.contains("kehoach-loi"));
    let nf = s.get("/khong-co/");
    assert_eq!(nf.status, 404);
    assert!(nf.body.contains("kehoach-loi"));
    assert!(!read(&s.output().join("ke-hoach/tot/index.html")).contains("kehoach-loi"));
    // The fix: the panel goes, the new content comes.
    save(&plan_path, &plan("Kế hoạch đã sửa xong"));
    // (The files are published an instant before the server learns that the build passed.)
    s.poll(PLAN_PAGE, Duration::from_secs(3), |r| {
        r.body.contains("Kế hoạch đã sửa xong") && !r.body.contains("kehoach-loi")
    });
    assert!(s.stdout.lock().unwrap().contains("No more errors."));
}

#[test]
fn a_first_build_that_fails_shows_the_errors_until_fixed() {
    let dir = fixture();
    let plan_path = dir.path().join("content/plans/tot.md");
    std::fs::write(&plan_path, "---\ntitel: Sai khóa\n---\n").unwrap();
    let s = serve(dir.path());
    let r = s.get("/");
    assert_eq!(r.status, 503);
    assert!(
        r.body.contains("<code>content/plans/tot.md:2:1</code>"),
        "{}",
        r.body
    );
    assert!(r.body.contains("/__kehoach/reload.js"));
    save(&plan_path, &plan("Kế hoạch cứu được"));
    s.poll(PLAN_PAGE, Duration::from_secs(3), |r| {
        r.status == 200 && r.body.contains("Kế hoạch cứu được")
    });
}

#[test]
fn no_request_reads_outside_the_output() {
    let dir = fixture();
    let s = serve(dir.path());
    let not_found = read(&s.output().join("404.html"));
    // A file and a folder outside the output, reachable by symbolic links inside it.
    let outside = s.tmp.path().join("ngoai.txt");
    std::fs::write(&outside, SECRET).unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&outside, s.output().join("lien-ket.txt")).unwrap();
        std::os::unix::fs::symlink(dir.path(), s.output().join("goc")).unwrap();
    }
    for target in [
        "/../site.toml",
        "/../../site.toml",
        "/%2e%2e/site.toml",
        "/%2E%2E/site.toml",
        "/..%2fsite.toml",
        "/..%2Fsite.toml",
        "/%2e%2e%2f%2e%2e%2fetc/passwd",
        "/..%5csite.toml",
        "/..\\site.toml",
        "/assets/../../site.toml",
        "/./../site.toml",
        "/site.toml%00.html",
        "//etc/passwd",
        "/etc/passwd",
        "http://127.0.0.1/../site.toml",
        "/lien-ket.txt",
        "/goc/site.toml",
        "/goc/",
    ] {
        let r = s.get(target);
        assert_eq!(r.status, 404, "{target}: {}", r.head);
        assert!(!r.body.contains(SECRET), "{target} leaked");
        assert!(!r.body.contains("root:x:0"), "{target} leaked /etc/passwd");
        if r.header("Content-Type")
            .is_some_and(|t| t.starts_with("text/html"))
        {
            assert_eq!(
                without_script(&r.body),
                not_found,
                "{target}: not the site's 404 page"
            );
        }
    }
}

#[test]
fn an_unknown_path_gets_the_sites_404_page() {
    let dir = fixture();
    let s = serve(dir.path());
    let r = s.get("/khong-co-trang-nay/");
    assert_eq!(r.status, 404);
    assert_eq!(
        r.header("Content-Type").as_deref(),
        Some("text/html; charset=utf-8")
    );
    let on_disk = read(&s.output().join("404.html"));
    assert!(on_disk.contains("Không tìm thấy"), "{on_disk}");
    assert!(r.body.contains("/__kehoach/reload.js"));
    assert_eq!(without_script(&r.body), on_disk);
    assert_eq!(s.get("/ke-hoach/khong-co.pdf").status, 404);
}

#[test]
fn listens_on_the_loopback_address_only() {
    let dir = fixture();
    let s = serve(dir.path());
    assert_eq!(s.url, format!("http://127.0.0.1:{}/", s.port));
    // A socket bound to every address would answer on 127.0.0.2 and on ::1 as well.
    #[cfg(target_os = "linux")]
    assert!(
        TcpStream::connect_timeout(&([127, 0, 0, 2], s.port).into(), Duration::from_secs(2))
            .is_err(),
        "answers on 127.0.0.2"
    );
    let v6: std::net::SocketAddr = format!("[::1]:{}", s.port).parse().unwrap();
    assert!(
        TcpStream::connect_timeout(&v6, Duration::from_secs(2)).is_err(),
        "answers on ::1"
    );
    assert_eq!(s.get("/").status, 200);
}

#[test]
fn a_port_in_use_is_refused_with_a_hint() {
    let dir = fixture();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let (mut s, _) = spawn(dir.path(), &["--port", &port]);
    let start = Instant::now();
    let status = loop {
        if let Some(st) = s.child.try_wait().unwrap() {
            break st;
        }
        assert!(start.elapsed() < Duration::from_secs(30), "still running");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(1));
    std::thread::sleep(Duration::from_millis(100));
    let err = s.stderr();
    assert!(
        err.contains(&format!("cannot listen on 127.0.0.1:{port}")),
        "{err}"
    );
    assert!(err.contains("--port 0"), "{err}");
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_and_removes_the_private_output() {
    let dir = fixture();
    let mut s = serve(dir.path());
    let work = s.output().parent().unwrap().to_path_buf();
    assert!(work.is_dir());
    // An open event stream does not keep the server alive.
    let _events = open_events(s.port, 0);
    let pid = s.child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .unwrap()
            .success()
    );
    let start = Instant::now();
    let status = loop {
        if let Some(st) = s.child.try_wait().unwrap() {
            break st;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "still running after Ctrl+C"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{status:?}");
    assert!(!work.exists(), "{} left behind", work.display());
}

#[test]
fn a_single_byte_range_is_answered_with_206_and_others_with_the_whole_file() {
    let dir = fixture();
    let s = serve(dir.path());
    let file = "/tim-kiem/chi-muc/meta.js";
    let whole = read(&s.output().join(&file[1..]));
    let len = whole.len();
    let range = |method: &str, spec: &str| {
        request_with(s.port, method, file, &format!("Range: {spec}\r\n"))
    };
    let plain = s.get(file);
    assert_eq!(plain.status, 200);
    assert_eq!(plain.body, whole);
    assert_eq!(plain.header("Accept-Ranges").as_deref(), Some("bytes"));
    for (spec, from, to) in [
        ("bytes=0-9", 0, 10),
        ("bytes=5-", 5, len),
        ("bytes=-7", len - 7, len),
        ("bytes=3-999999", 3, len),
    ] {
        let r = range("GET", spec);
        assert_eq!(r.status, 206, "{spec}");
        assert_eq!(r.body, whole[from..to], "{spec}");
        assert_eq!(
            r.header("Content-Range"),
            Some(format!("bytes {from}-{}/{len}", to - 1)),
            "{spec}"
        );
        assert_eq!(r.header("Content-Length"), Some((to - from).to_string()));
    }
    let head = range("HEAD", "bytes=0-9");
    assert_eq!(head.status, 206);
    assert_eq!(head.body, "");
    let past = range("GET", &format!("bytes={len}-"));
    assert_eq!(past.status, 416);
    assert_eq!(past.header("Content-Range"), Some(format!("bytes */{len}")));
    // Several ranges, another unit, nonsense: the whole file.
    for spec in ["bytes=0-1,4-5", "items=0-1", "bytes=9-2", "bytes=x-"] {
        let r = range("GET", spec);
        assert_eq!((r.status, r.body.len()), (200, len), "{spec}");
    }
    // The record files, binary, by the same rule.
    let dat = s.output().join("tim-kiem/chi-muc/r/0.dat");
    let dat_len = std::fs::metadata(&dat).unwrap().len();
    let r = request_with(
        s.port,
        "GET",
        "/tim-kiem/chi-muc/r/0.dat",
        "Range: bytes=0-3\r\n",
    );
    assert_eq!(r.status, 206);
    assert_eq!(
        r.header("Content-Range"),
        Some(format!("bytes 0-3/{dat_len}"))
    );
    assert_eq!(r.header("Content-Length").as_deref(), Some("4"));
    // A page missing: the 404 page, whole, whatever the range.
    let r = request_with(s.port, "GET", "/khong-co.html", "Range: bytes=0-3\r\n");
    assert_eq!(r.status, 404);
    assert!(r.body.len() > 4);
}

#[test]
fn the_plain_answers_are_in_the_language_of_the_messages() {
    let dir = fixture();
    for (lang, wrong_host, get_only, moved) in [
        (
            "vi",
            "Máy chủ xem trước của kehoach chỉ trả lời ở địa chỉ nó đã in ra: http://127.0.0.1:{port}/ hoặc http://localhost:{port}/.\n",
            "Chỉ hỗ trợ GET và HEAD.\n",
            "Chuyển tới /ke-hoach/tot/\n",
        ),
        (
            "en",
            "The kehoach preview answers only at the address it printed: http://127.0.0.1:{port}/ or http://localhost:{port}/.\n",
            "Only GET and HEAD are supported.\n",
            "Moved to /ke-hoach/tot/\n",
        ),
    ] {
        let s = serve_with(dir.path(), &["--lang", lang]);
        let port = s.port.to_string();
        let mut c = connect(s.port);
        c.write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            .unwrap();
        let mut got = Vec::new();
        let _ = c.read_to_end(&mut got);
        let got = String::from_utf8_lossy(&got).into_owned();
        assert!(got.starts_with("HTTP/1.1 421"), "{got}");
        assert!(
            got.ends_with(&wrong_host.replace("{port}", &port)),
            "{lang}: {got}"
        );
        let r = request(s.port, "POST", "/");
        assert_eq!((r.status, r.body.as_str()), (405, get_only), "{lang}");
        let r = s.get("/ke-hoach/tot");
        assert_eq!((r.status, r.body.as_str()), (301, moved), "{lang}");
    }
}

#[test]
fn requests_that_do_not_name_the_served_address_are_refused() {
    let dir = fixture();
    let s = serve(dir.path());
    let port = s.port;
    let raw = |head: &str| -> Reply {
        let mut c = connect(port);
        c.write_all(head.as_bytes()).unwrap();
        let mut got = Vec::new();
        let _ = c.read_to_end(&mut got);
        let text = String::from_utf8_lossy(&got).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        Reply {
            status: head
                .split_whitespace()
                .nth(1)
                .and_then(|c| c.parse().ok())
                .unwrap_or(0),
            head: head.to_string(),
            body: body.to_string(),
        }
    };
    // A page of another site whose DNS name now points at 127.0.0.1 (DNS rebinding) sends
    // its own name; so does anything that did not get the address from `serve`.
    for host in [
        "evil.example".to_string(),
        format!("evil.example:{port}"),
        format!("127.0.0.1.evil.example:{port}"),
        format!("127.0.0.1:{}", port.wrapping_add(1)),
        "127.0.0.1".to_string(),
        format!("[::1]:{port}"),
    ] {
        for target in [
            "/",
            "/ke-hoach/tot/",
            "/__kehoach/events?v=0",
            "/du-lieu/tasks.csv",
        ] {
            let r = raw(&format!(
                "GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
            ));
            assert_eq!(r.status, 421, "{host} {target}: {}", r.head);
            assert!(!r.body.contains("Kế hoạch"), "{host} {target}: {}", r.body);
            assert!(!r.body.contains(SECRET));
        }
    }
    // No Host at all.
    let r = raw("GET / HTTP/1.0\r\n\r\n");
    assert_eq!(r.status, 421, "{}", r.head);
    // The addresses `serve` prints or a user types.
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("LOCALHOST:{port}"),
    ] {
        let r = raw(&format!(
            "GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        ));
        assert_eq!(r.status, 200, "{host}");
    }
}

/// The threads and resident memory (KiB) of a running process, from /proc.
#[cfg(target_os = "linux")]
fn threads_and_memory(pid: u32) -> (u64, u64) {
    let status = read(Path::new(&format!("/proc/{pid}/status")));
    let field = |key: &str| -> u64 {
        status
            .lines()
            .find(|l| l.starts_with(key))
            .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
            .unwrap_or(0)
    };
    (field("Threads:"), field("VmRSS:"))
}

#[cfg(target_os = "linux")]
#[test]
fn serve_keeps_answering_under_stress_with_bounded_threads_and_memory() {
    let dir = fixture();
    // A large file, as the open data of a big site is.
    let big: Vec<u8> = (0..24 * 1024 * 1024)
        .map(|i| b'a' + (i % 26) as u8)
        .collect();
    std::fs::create_dir_all(dir.path().join("static/files")).unwrap();
    std::fs::write(dir.path().join("static/files/lon.txt"), &big).unwrap();
    let s = serve(dir.path());
    let port = s.port;
    let pid = s.child.id();
    let ok = |what: &str| {
        let r = s.get("/");
        assert_eq!(r.status, 200, "{what}: {}", r.head);
        assert!(r.body.contains("</html>"), "{what}");
    };
    ok("at rest");
    let (threads_at_rest, _) = threads_and_memory(pid);

    // 1. Open pages (event streams) and slow clients that never finish their request.
    let mut held: Vec<TcpStream> = Vec::new();
    for _ in 0..200 {
        held.push(open_events(port, 0));
    }
    for i in 0..280 {
        let mut c = connect(port);
        write!(
            c,
            "GET /?{i} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Slow: "
        )
        .unwrap();
        held.push(c);
    }
    for i in 0..10 {
        ok(&format!(
            "beside 200 streams and 280 slow clients, request {i}"
        ));
    }
    let (threads, rss) = threads_and_memory(pid);
    eprintln!("streams and slow clients: {threads} threads (at rest {threads_at_rest}), {rss} KiB");
    assert!(threads <= threads_at_rest + 12, "{threads} threads");
    // The slow clients are dropped after the head timeout; the server answers all along.
    std::thread::sleep(Duration::from_secs(6));
    ok("after the slow clients timed out");
    held.truncate(200);
    // Streams past their bound are refused, not served by a thread each.
    let mut refused = 0;
    for _ in 0..80 {
        let mut c = connect(port);
        let asked = write!(
            c,
            "GET /__kehoach/events?v=0 HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"
        );
        let mut buf = [0u8; 64];
        c.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        match c.read(&mut buf) {
            Ok(n) if String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 503") => refused += 1,
            _ if asked.is_err() => refused += 1,
            _ => {}
        }
        held.push(c);
    }
    assert!(
        refused >= 20,
        "{refused} of 80 streams past the bound refused"
    );
    ok("beside as many streams as allowed");
    drop(held);

    // 2. Request heads that never end: refused at the bound, not held in memory.
    let (_, before) = threads_and_memory(pid);
    let mut heads = Vec::new();
    for _ in 0..8 {
        let mut c = connect(port);
        let _ = write!(c, "GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n");
        let filler = format!("X-Pad: {}\r\n", "a".repeat(1000));
        let mut status = String::new();
        for _ in 0..2048 {
            if c.write_all(filler.as_bytes()).is_err() {
                break;
            }
        }
        let mut buf = [0u8; 64];
        if let Ok(n) = c.read(&mut buf) {
            status = String::from_utf8_lossy(&buf[..n]).into_owned();
        }
        assert!(
            status.is_empty() || status.starts_with("HTTP/1.1 431"),
            "{status}"
        );
        heads.push(c);
    }
    let (_, after) = threads_and_memory(pid);
    eprintln!("8 endless heads: {before} → {after} KiB");
    assert!(after < before + 64 * 1024, "{before} → {after} KiB");
    ok("after endless heads");
    drop(heads);

    // 3. Many clients downloading a large file, reading slowly: pages still come.
    let mut downloads = Vec::new();
    for _ in 0..60 {
        let mut c = connect(port);
        write!(
            c,
            "GET /files/lon.txt HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut buf = [0u8; 1024];
        let _ = c.read(&mut buf);
        downloads.push(c);
    }
    for i in 0..10 {
        ok(&format!("beside 60 downloads, request {i}"));
    }
    let r = request_with(port, "GET", "/files/lon.txt", "Range: bytes=1000-1000\r\n");
    assert_eq!((r.status, r.body.as_str()), (206, "m"));
    let (threads, rss) = threads_and_memory(pid);
    eprintln!("60 downloads: {threads} threads, {rss} KiB");
    assert!(threads <= threads_at_rest + 12, "{threads} threads");
    drop(downloads);
    // A whole download arrives whole.
    let r = s.get("/files/lon.txt");
    assert_eq!(r.status, 200);
    assert_eq!(r.body.len(), big.len());
    assert!(r.body.as_bytes() == &big[..]);
    assert!(s.child.id() == pid);
    ok("at the end");
}

// The progress form: "Cập nhật tiến độ" in the preview appends one update to the plan file.

/// A plan whose file has what a clerk's file has: comments, quoting, an update already.
const PROGRESS_PLAN: &str = "---
title: Kế hoạch tiến độ   # tên theo văn bản
number: 2/KH-UBND
date: 2026-01-05
tasks:
  - group: Nhóm một
    tasks:
      - content: 'Việc một: rà soát'
        lead: Phòng VHXH
        due: Quý I/2026
        updates:
          - { date: 2026-01-06, status: in_progress, note: \"Đã giao việc.\" }   # báo cáo miệng
      - content: Việc hai
        lead: Phòng VHXH
        due: Tháng 3/2026
---
## I. MỤC ĐÍCH

Nội dung.
";

fn progress_site() -> tempfile::TempDir {
    site(&[
        (
            "site.toml",
            "title = \"Kế hoạch xã Thử\"\ncommune = \"xã Thử\"\nprovince = \"thành phố Hải Phòng\"\n",
        ),
        ("content/units.yaml", UNITS),
        ("content/plans/tien-do.md", PROGRESS_PLAN),
    ])
}

/// A multipart/form-data body of text fields and at most one file.
fn multipart(fields: &[(&str, &str)], file: Option<(&str, &str, &[u8])>) -> (String, Vec<u8>) {
    let boundary = "----kehoach-test-7f3a";
    let mut b = Vec::new();
    for (k, v) in fields {
        b.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    if let Some((name, filename, data)) = file {
        b.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\nContent-Type: application/pdf\r\n\r\n"
            )
            .as_bytes(),
        );
        b.extend_from_slice(data);
        b.extend_from_slice(b"\r\n");
    }
    b.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), b)
}

/// A POST with `host` as its Host and `extra` header lines.
fn post(port: u16, host: &str, target: &str, extra: &str, ctype: &str, body: &[u8]) -> Reply {
    let mut s = connect(port);
    let head = format!(
        "POST {target} HTTP/1.1\r\nHost: {host}\r\n{extra}Content-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    s.write_all(head.as_bytes()).unwrap();
    let _ = s.write_all(body);
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    Reply {
        status: head
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0),
        head: head.to_string(),
        body: body.to_string(),
    }
}

fn token_of(form: &str) -> String {
    let i = form
        .find("name=\"token\" value=\"")
        .expect("a token in the form")
        + 20;
    form[i..].split('"').next().unwrap().to_string()
}

const FORM: &str = "/__kehoach/cap-nhat";

#[test]
fn the_progress_form_appends_exactly_one_update_and_the_plan_page_shows_it() {
    let dir = progress_site();
    let file = dir.path().join("content/plans/tien-do.md");
    let s = serve(dir.path());
    // The plan page gets the script that adds the button to each task.
    let page = s.get("/ke-hoach/tien-do/");
    assert!(
        page.body
            .contains("<script src=\"/__kehoach/tien-do.js\"></script>")
    );
    let js = s.get("/__kehoach/tien-do.js");
    assert!(js.body.contains("Cập nhật tiến độ") && js.body.contains("tr.task-row[id]"));

    let form = s.get(&format!("{FORM}?dia-chi=tien-do&nv=nv-i-2"));
    assert_eq!(form.status, 200, "{}", form.body);
    for label in [
        ">Ngày</label>",
        ">Tình trạng</label>",
        ">Tỷ lệ hoàn thành (%)</label>",
        ">Ghi chú</label>",
        ">Văn bản, tài liệu kèm theo <span",
        ">Thời hạn mới <span",
        ">Số văn bản gia hạn <span",
    ] {
        assert!(form.body.contains(label), "no {label} in the form");
    }
    assert!(form.body.contains("Việc hai") && form.body.contains("Kế hoạch số 2/KH-UBND"));
    let token = token_of(&form.body);
    let (ctype, body) = multipart(
        &[
            ("token", &token),
            ("tep", "content/plans/tien-do.md"),
            ("nv", "nv-i-2"),
            ("ngay", "2026-01-12"),
            ("tinh-trang", "in_progress"),
            ("phan-tram", "30"),
            ("ghi-chu", "Đã dự thảo, chờ ý kiến \"Phòng Kinh tế\"."),
            ("gia-han", "Tháng 6/2026"),
            ("van-ban", "25/QĐ-UBND"),
        ],
        Some(("tep-kem", "Báo cáo số 5.pdf", b"%PDF-1.4 test")),
    );
    let host = format!("127.0.0.1:{}", s.port);
    let r = post(s.port, &host, FORM, "", &ctype, &body);
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(
        r.header("Location").as_deref(),
        Some("/ke-hoach/tien-do/#nv-i-2")
    );
    // The file's diff is exactly the appended update.
    let after = read(&file);
    let want = PROGRESS_PLAN.replace(
        "        due: Tháng 3/2026\n",
        "        due: Tháng 3/2026\n        updates:\n          - { date: 2026-01-12, status: in_progress, percent: 30, extended_to: \"Tháng 6/2026\", document: \"25/QĐ-UBND\", note: \"Đã dự thảo, chờ ý kiến \\\"Phòng Kinh tế\\\".\", link: \"/files/bao-cao-so-5.pdf\" }\n",
    );
    assert_eq!(after, want);
    assert_eq!(
        std::fs::read(dir.path().join("static/files/bao-cao-so-5.pdf")).unwrap(),
        b"%PDF-1.4 test"
    );
    // The page shows it once the rebuild is done (the redirect waits for it).
    s.poll("/ke-hoach/tien-do/", Duration::from_secs(20), |r| {
        r.body.contains("Đã dự thảo, chờ ý kiến")
    });
    // A second update on the task that has one: one line after it, comment kept.
    let (ctype, body) = multipart(
        &[
            ("token", &token),
            ("tep", "content/plans/tien-do.md"),
            ("nv", "nv-i-1"),
            ("ngay", "2026-01-14"),
            ("tinh-trang", "done"),
        ],
        None,
    );
    let r = post(s.port, &host, FORM, "", &ctype, &body);
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(
        read(&file),
        want.replace(
            "   # báo cáo miệng\n",
            "   # báo cáo miệng\n          - { date: 2026-01-14, status: done }\n"
        )
    );
    // Sent again, it changes nothing.
    let r = post(s.port, &host, FORM, "", &ctype, &body);
    assert_eq!(r.status, 303);
    assert_eq!(read(&file).matches("2026-01-14").count(), 1);

    // What `kehoach build` writes never holds the form or its script.
    let out = tempfile::tempdir().unwrap();
    build(dir.path(), &out.path().join("public"));
    for f in files(&out.path().join("public")) {
        if let Ok(t) = std::fs::read_to_string(&f) {
            assert!(
                !t.contains("__kehoach") && !t.contains("Cập nhật tiến độ"),
                "{}",
                f.display()
            );
        }
    }
}

#[test]
fn the_progress_form_refuses_what_is_not_from_the_preview_and_changes_nothing() {
    let dir = progress_site();
    let file = dir.path().join("content/plans/tien-do.md");
    let s = serve_with(dir.path(), &["--lang", "vi"]);
    let token = token_of(&s.get(&format!("{FORM}?dia-chi=tien-do&nv=nv-i-2")).body);
    let host = format!("127.0.0.1:{}", s.port);
    let fields = |token: &str, tep: &str| {
        multipart(
            &[
                ("token", token),
                ("tep", tep),
                ("nv", "nv-i-2"),
                ("ngay", "2026-01-12"),
                ("tinh-trang", "done"),
            ],
            Some(("tep-kem", "bc.pdf", b"%PDF")),
        )
    };
    let plan = "content/plans/tien-do.md";
    let cases: Vec<(&str, Reply)> = vec![
        ("no token", {
            let (c, b) = multipart(
                &[
                    ("tep", plan),
                    ("nv", "nv-i-2"),
                    ("ngay", "2026-01-12"),
                    ("tinh-trang", "done"),
                ],
                None,
            );
            post(s.port, &host, FORM, "", &c, &b)
        }),
        ("a wrong token", {
            let (c, b) = fields("0123456789abcdef0123456789abcdef", plan);
            post(s.port, &host, FORM, "", &c, &b)
        }),
        ("another Host", {
            let (c, b) = fields(&token, plan);
            post(
                s.port,
                &format!("evil.example:{}", s.port),
                FORM,
                "",
                &c,
                &b,
            )
        }),
        ("another site's page", {
            let (c, b) = fields(&token, plan);
            post(
                s.port,
                &host,
                FORM,
                "Origin: http://evil.example\r\n",
                &c,
                &b,
            )
        }),
        ("a path out of the site", {
            let (c, b) = fields(&token, "../../../etc/passwd");
            post(s.port, &host, FORM, "", &c, &b)
        }),
        ("an absolute path", {
            let (c, b) = fields(&token, &file.display().to_string());
            post(s.port, &host, FORM, "", &c, &b)
        }),
        ("a file of the site that is not a plan", {
            let (c, b) = fields(&token, "content/plans/../../site.toml");
            post(s.port, &host, FORM, "", &c, &b)
        }),
        ("a day after today", {
            let (c, b) = multipart(
                &[
                    ("token", &token),
                    ("tep", plan),
                    ("nv", "nv-i-2"),
                    ("ngay", "2026-02-01"),
                    ("tinh-trang", "done"),
                ],
                Some(("tep-kem", "bc.pdf", b"%PDF")),
            );
            post(s.port, &host, FORM, "", &c, &b)
        }),
        ("a page of a script", {
            let (c, b) = multipart(
                &[
                    ("token", &token),
                    ("tep", plan),
                    ("nv", "nv-i-2"),
                    ("ngay", "2026-01-12"),
                    ("tinh-trang", "done"),
                ],
                Some(("tep-kem", "x.html", b"<script>")),
            );
            post(s.port, &host, FORM, "", &c, &b)
        }),
    ];
    for (what, r) in &cases {
        assert!(
            [400, 403, 421, 422].contains(&r.status),
            "{what}: {} {}",
            r.status,
            r.body
        );
    }
    let status: Vec<u16> = cases.iter().map(|(_, r)| r.status).collect();
    assert_eq!(status, [403, 403, 421, 403, 400, 400, 400, 422, 422]);
    assert!(
        cases[7]
            .1
            .body
            .contains("Ngày cập nhật 01/02/2026 sau ngày hôm nay (15/01/2026)"),
        "{}",
        cases[7].1.body
    );
    assert!(
        cases[8]
            .1
            .body
            .contains("Tệp kèm theo “x.html” không thuộc loại được nhận"),
        "{}",
        cases[8].1.body
    );
    // A body larger than the cap is refused from its declared length.
    let r = post(
        s.port,
        &host,
        FORM,
        "",
        "multipart/form-data; boundary=x",
        &vec![b'x'; 21 * 1024 * 1024],
    );
    assert_eq!(r.status, 413);
    // Nothing changed, nothing saved.
    assert_eq!(read(&file), PROGRESS_PLAN);
    assert!(!dir.path().join("static/files").exists());
}
