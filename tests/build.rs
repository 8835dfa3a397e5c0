//! `kehoach build`, `init` and `new` on small fixture sites: publishing is atomic, content
//! cannot run script, slugs never collide silently, links work with and without `base_url`.

mod common;
use common::*;

const UNITS: &str = "- name: Phòng Văn hóa - Xã hội\n  short: Phòng VHXH\n- name: Hà\n- name: Hạ\n";

fn good_plan() -> String {
    "---\ntitle: Kế hoạch tốt\nnumber: 1/KH-UBND\ndate: 2026-01-05\ntopics: [Chuyển đổi số]\ntasks:\n  - group: Nhóm một\n    tasks:\n      - content: Việc một\n        lead: Phòng VHXH\n        due: Quý I/2026\n---\n## I. MỤC ĐÍCH\n\nNội dung.\n".to_string()
}

#[test]
fn a_failed_build_leaves_the_previous_output_intact() {
    let dir = site(&[
        ("content/units.yaml", UNITS),
        ("content/plans/tot.md", &good_plan()),
    ]);
    let out = dir.path().join("public");
    build(dir.path(), &out);
    let before: Vec<_> = files(&out)
        .into_iter()
        .map(|f| (f.clone(), std::fs::read(out.join(&f)).unwrap()))
        .collect();
    assert!(before.len() > 10);
    std::fs::write(
        dir.path().join("content/plans/hong.md"),
        "---\ntitel: Hỏng\n---\n",
    )
    .unwrap();
    let o = kehoach(
        &["build", "--output", out.to_str().unwrap(), "--today", TODAY],
        dir.path(),
    );
    let (_, se) = text(&o);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        se.contains("content/plans/hong.md:2:1: error: unknown key `titel`"),
        "{se}"
    );
    assert!(se.contains("error(s) — nothing published"), "{se}");
    let after: Vec<_> = files(&out)
        .into_iter()
        .map(|f| (f.clone(), std::fs::read(out.join(&f)).unwrap()))
        .collect();
    assert_eq!(before, after, "the previous output is untouched");
    // No staging folder is left behind.
    assert_no_staging_left(dir.path());
}

#[test]
fn a_successful_build_replaces_the_output_entirely() {
    let dir = site(&[("content/plans/tot.md", &good_plan())]);
    let out = dir.path().join("public");
    build(dir.path(), &out);
    assert!(
        out.join(".kehoach-output").is_file(),
        "the output is marked"
    );
    std::fs::create_dir_all(out.join("cu")).unwrap();
    std::fs::write(out.join("cu/stale.html"), "old").unwrap();
    build(dir.path(), &out);
    assert!(!out.join("cu/stale.html").exists());
    assert!(out.join("ke-hoach/tot/index.html").is_file());
    assert_no_staging_left(dir.path());
}

/// Every file under `dir` (hidden ones and `.git` included) with its bytes, and every folder.
fn tree(dir: &std::path::Path) -> Vec<(std::path::PathBuf, Option<Vec<u8>>)> {
    let mut v: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
            let bytes = e
                .file_type()
                .is_file()
                .then(|| std::fs::read(e.path()).unwrap());
            (rel, bytes)
        })
        .collect();
    v.sort();
    v
}

#[test]
fn an_output_that_overlaps_the_site_is_refused_and_changes_nothing() {
    // A workspace folder holding the site `z`, with sources in every folder a build reads.
    let ws = tempfile::tempdir().unwrap();
    let root = ws.path().join("z");
    for (p, c) in [
        (
            "site.toml",
            "title = \"Kế hoạch xã Thử\"\ncommune = \"xã Thử\"\nprovince = \"thành phố Hải Phòng\"\n",
        ),
        ("content/units.yaml", UNITS),
        ("content/plans/tot.md", &good_plan()),
        ("static/files/kh.pdf", "%PDF-1.4 bản ký"),
        ("templates/footer-extra.html", "<p>x</p>"),
        ("themes/rieng/templates/base.html", "{{ 1 }}"),
        (".git/HEAD", "ref: refs/heads/main\n"),
        ("ghi-chu/viec.txt", "ghi chú của tôi"),
    ] {
        let f = root.join(p);
        std::fs::create_dir_all(f.parent().unwrap()).unwrap();
        std::fs::write(f, c).unwrap();
    }
    let before = tree(ws.path());
    // (current folder, arguments): each an output that is the site, contains it, lies in its
    // sources, or is a folder of the user's.
    let cases: &[(&std::path::Path, &[&str])] = &[
        (ws.path(), &["--root", "z", "-o", "z"]),
        (&root, &["-o", "."]),
        (&root, &["-o", "../z"]),
        (&root, &["-o", ".."]),
        (&root, &["-o", "/"]),
        (&root, &["-o", "content"]),
        (&root, &["-o", "content/plans/moi"]),
        (&root, &["-o", "static/out"]),
        (&root, &["-o", "templates"]),
        (&root, &["-o", "themes/rieng/out"]),
        (&root, &["-o", ".git"]),
        (&root, &["-o", "ghi-chu"]),
        (&root, &["-o", "ghi-chu/viec.txt"]),
        (&root, &["-o", "static/../content"]),
    ];
    for (cwd, args) in cases {
        let mut all = vec!["build", "--today", TODAY];
        all.extend_from_slice(args);
        let o = kehoach(&all, cwd);
        let (so, se) = text(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}\n{so}\n{se}");
        assert!(
            se.contains("error: ")
                && se.contains("= hint: choose")
                && se.contains("nothing was written"),
            "{args:?}: {se}"
        );
        assert_eq!(tree(ws.path()), before, "{args:?} changed the site");
    }
    // A symbolic link to the site is the site.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&root, ws.path().join("lien-ket")).unwrap();
        let o = kehoach(&["build", "--today", TODAY, "-o", "../lien-ket"], &root);
        assert_eq!(o.status.code(), Some(2), "{:?}", text(&o));
        std::fs::remove_file(ws.path().join("lien-ket")).unwrap();
        assert_eq!(tree(ws.path()), before);
    }
    let msg = text(&kehoach_vi(&["build", "-o", "content"], &root)).1;
    assert!(
        msg.starts_with("content: lỗi: thư mục xuất nằm trong content/ của trang: đó là tệp nguồn, không phải nơi xuất bản\n  = gợi ý: chọn thư mục xuất khác, ví dụ bỏ `--output` để dùng `public/` trong thư mục trang; thư mục xuất bị thay toàn bộ ở mỗi lần dựng, nên kehoach không bao giờ ghi vào nơi có tệp của bạn\nkehoach build: chưa dựng; không tệp nào bị thay đổi"),
        "{msg}"
    );
    let msg = text(&kehoach(&["build", "-o", "ghi-chu"], &root)).1;
    assert!(
        msg.contains("the output folder holds files no build made"),
        "{msg}"
    );
    // Beside the site, in it, or in an empty folder: fine.
    std::fs::create_dir(ws.path().join("trong")).unwrap();
    for out in ["public", "../ra", "../trong"] {
        let o = kehoach(&["build", "--today", TODAY, "-o", out], &root);
        assert!(o.status.success(), "{out}: {:?}", text(&o));
    }
    assert!(ws.path().join("ra/index.html").is_file());
    assert!(ws.path().join("trong/.kehoach-output").is_file());
    // The sources are as they were; only outputs (and their locks) were added.
    let outputs = ["ra", "trong", ".ra.", ".trong.", "z/public", "z/.public."];
    let after: Vec<_> = tree(ws.path())
        .into_iter()
        .filter(|(p, _)| !outputs.iter().any(|o| p.to_string_lossy().starts_with(o)))
        .collect();
    assert_eq!(after, before);
    assert_no_staging_left(&root);
    assert_no_staging_left(ws.path());
}

#[test]
fn concurrent_builds_to_one_folder_both_succeed_and_leave_nothing_behind() {
    let dir = site(&[
        ("content/units.yaml", UNITS),
        ("content/plans/tot.md", &good_plan()),
    ]);
    let out = dir.path().join("public");
    let spawn = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_kehoach"))
            .env("KEHOACH_LANG", "en")
            .args(["build", "--today", TODAY])
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(spawn);
        let b = s.spawn(spawn);
        (a.join().unwrap(), b.join().unwrap())
    });
    assert!(a.status.success(), "{:?}", text(&a));
    assert!(b.status.success(), "{:?}", text(&b));
    assert!(out.join("ke-hoach/tot/index.html").is_file());
    assert_no_staging_left(dir.path());
}

#[test]
fn content_cannot_run_script() {
    let evil = "---\ntitle: \"</title><script>alert('title')</script>\"\ntasks:\n  - content: \"<img src=x onerror=alert(1)>\"\n    lead: \"<b onmouseover=alert(2)>x</b>\"\n    due: \"<svg onload=alert(3)>\"\n---\n<script>alert('body')</script>\n\n<iframe src=\"https://evil.example\"></iframe>\n\n[click](javascript:alert(4)) ![x](https://evil.example/a.png)\n\n<svg><script>alert(5)</script></svg>\n";
    let dir = site(&[("content/plans/evil.md", evil)]);
    let out = dir.path().join("public");
    build(dir.path(), &out);
    for f in files(&out)
        .into_iter()
        .filter(|f| f.extension().is_some_and(|x| x == "html"))
    {
        let html = read(&out.join(&f));
        // <title> is RCDATA: text there never runs, and the minifier may leave `<` unescaped.
        // What matters is that it cannot be closed early.
        let lower = html.to_lowercase();
        let (head, rest) = lower.split_once("<title>").unwrap();
        let (title, tail) = rest.split_once("</title>").unwrap();
        assert!(
            !title.contains("</title"),
            "{}: title closed early",
            f.display()
        );
        let lower = format!("{head}{tail}");
        for tag in tags(&lower) {
            let name = tag.split([' ', '>', '/']).next().unwrap_or("");
            assert!(
                !["iframe", "svg", "object", "embed", "img"].contains(&name),
                "{}: <{tag}",
                f.display()
            );
            assert!(
                !tag.split_whitespace().skip(1).any(|a| a.starts_with("on")),
                "{}: event handler in <{tag}",
                f.display()
            );
            assert!(!tag.contains("javascript:"), "{}: <{tag}", f.display());
            if name == "script" {
                assert!(
                    tag.contains("assets/kehoach.js")
                        || tag.contains("assets/search.js")
                        || tag.contains("application/ld+json"),
                    "{}: <{tag}",
                    f.display()
                );
            }
        }
    }
    let plan = read(&out.join("ke-hoach/evil/index.html"));
    // The title in the page's JSON-LD stays inside its script element and reads back whole.
    let ld = json_ld(&plan);
    assert_eq!(
        ld["name"],
        "Kế hoạch </title><script>alert('title')</script>"
    );
    assert!(
        plan.contains("&lt;script>alert('body')&lt;/script>")
            || plan.contains("&lt;script&gt;alert('body')&lt;/script&gt;"),
        "raw HTML shown as text"
    );
}

/// The JSON-LD of a page (its one `application/ld+json` script), parsed.
fn json_ld(html: &str) -> serde_json::Value {
    let (_, rest) = html
        .split_once("<script type=\"application/ld+json\">")
        .expect("a JSON-LD script");
    let (json, _) = rest.split_once("</script>").unwrap();
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"))
}

#[test]
fn plan_pages_carry_dublin_core_and_json_ld() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build(&repo(), &out);
    let html = read(&out.join("ke-hoach/an-thanh-66-kh-ubnd/index.html"));
    let ld = json_ld(&html);
    assert_eq!(ld["@type"], "Legislation");
    assert_eq!(ld["legislationIdentifier"], "66/KH-UBND");
    assert_eq!(ld["legislationDate"], "2025-10-07");
    assert_eq!(ld["legislationPassedBy"]["name"], "UBND xã An Thành");
    assert!(
        ld["name"]
            .as_str()
            .unwrap()
            .starts_with("Kế hoạch Thực hiện Nghị quyết số 268/NQ-CP")
    );
    for (name, value) in [
        ("DC.identifier", "66/KH-UBND"),
        ("DC.date", "2025-10-07"),
        ("DC.creator", "UBND xã An Thành"),
        ("DC.language", "vi"),
    ] {
        assert!(
            html.contains(&format!("<meta name=\"{name}\" content=\"{value}\">")),
            "{name} = {value}"
        );
    }
    for name in ["DC.title", "DC.description", "DC.publisher", "DC.type"] {
        assert!(
            html.contains(&format!("<meta name=\"{name}\" content=\"")),
            "{name}"
        );
    }
    // Only plan pages describe a document.
    assert!(!read(&out.join("index.html")).contains("application/ld+json"));
}

/// The real tags of a page: `<` followed by a letter (escaped text is `&lt;`).
fn tags(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let b = html.as_bytes();
    for (i, _) in html.match_indices('<') {
        if b.get(i + 1).is_some_and(|c| c.is_ascii_alphabetic()) {
            let end = html[i..].find('>').map_or(html.len(), |e| i + e);
            out.push(html[i + 1..end].to_string());
        }
    }
    out
}

#[test]
fn slugs_never_collide_silently() {
    let t = |title: &str, lead: &str| {
        format!("---\ntitle: {title}\ntasks:\n  - content: X\n    lead: {lead}\n---\n")
    };
    let dir = site(&[
        ("content/units.yaml", UNITS),
        ("content/plans/2025/ke-hoach.md", &t("A", "Hà")),
        ("content/plans/2026/ke-hoach.md", &t("B", "Hạ")),
        ("content/plans/trang.md", &t("C", "Hà")),
    ]);
    let o = kehoach(&["check"], dir.path());
    let (_, se) = text(&o);
    assert!(
        se.contains(
            "content/plans/2026/ke-hoach.md: warning: the address `ke-hoach/ke-hoach/` is taken"
        ),
        "{se}"
    );
    assert!(se.contains("content/plans/trang.md: warning: the address `ke-hoach/trang/` is taken by another plan or reserved"), "{se}");
    assert!(se.contains("warning: the address of `Hạ` would be the same as another unit's; it is published at `don-vi/ha-2/`"), "{se}");
    let out = dir.path().join("public");
    build(dir.path(), &out);
    let a = read(&out.join("ke-hoach/ke-hoach/index.html"));
    let b = read(&out.join("ke-hoach/ke-hoach-2/index.html"));
    assert!(a.contains("<h1") && a.contains(">A<"));
    assert!(b.contains(">B<"));
    assert!(out.join("ke-hoach/trang-2/index.html").is_file());
    assert!(read(&out.join("don-vi/ha/index.html")).contains("<title>Hà —"));
    assert!(read(&out.join("don-vi/ha-2/index.html")).contains("<title>Hạ —"));
    check_links(&out);
}

#[test]
fn links_are_relative_without_base_url_and_absolute_with_it() {
    let dir = site(&[("content/plans/tot.md", &good_plan())]);
    let out = dir.path().join("public");
    build(dir.path(), &out);
    let plan = read(&out.join("ke-hoach/tot/index.html"));
    assert!(plan.contains("href=\"../../assets/style.css\""));
    assert!(
        plan.contains("href=\"../../don-vi/index.html\""),
        "file:// needs explicit index.html"
    );
    check_links(&out);
    // Served from a sub-folder: copy the output one level down and check again.
    let sub = dir.path().join("host/www/ke-hoach-xa");
    std::fs::create_dir_all(&sub).unwrap();
    for f in files(&out) {
        let dest = sub.join(&f);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::copy(out.join(&f), dest).unwrap();
    }
    check_links(&sub);

    std::fs::write(dir.path().join("site.toml"), "title = \"A\"\ncommune = \"B\"\nprovince = \"C\"\nbase_url = \"https://xa.example.vn/ke-hoach/\"\n").unwrap();
    let out2 = dir.path().join("public2");
    build(dir.path(), &out2);
    let plan = read(&out2.join("ke-hoach/tot/index.html"));
    assert!(
        plan.contains("rel=\"canonical\"")
            && plan.contains("https://xa.example.vn/ke-hoach/ke-hoach/tot/"),
        "{}",
        &plan[..600]
    );
    assert!(
        plan.contains("href=\"../../don-vi/\""),
        "pretty links with base_url"
    );
    let sitemap = read(&out2.join("sitemap.xml"));
    assert!(
        sitemap.contains("<loc>https://xa.example.vn/ke-hoach/ke-hoach/tot/</loc>"),
        "{sitemap}"
    );
    let not_found = read(&out2.join("404.html"));
    assert!(
        not_found.contains("href=\"https://xa.example.vn/ke-hoach/ke-hoach/"),
        "404 links work at any address"
    );
}

#[test]
fn a_site_can_override_a_template_and_template_errors_are_reported() {
    let dir = site(&[
        ("content/plans/tot.md", &good_plan()),
        (
            "templates/404.html",
            "{% extends \"base.html\" %}{% block main %}<h1>Trang riêng của xã</h1>{% endblock main %}",
        ),
    ]);
    let out = dir.path().join("public");
    build(dir.path(), &out);
    assert!(read(&out.join("404.html")).contains("Trang riêng của xã"));
    std::fs::write(
        dir.path().join("templates/404.html"),
        "{% extends \"base.html\" %}{% block main %}{{ khong_co_bien }}{% endblock main %}",
    )
    .unwrap();
    let o = kehoach(&["build", "--output", out.to_str().unwrap()], dir.path());
    let (_, se) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{se}");
    assert!(
        se.contains("templates/404.html: error: cannot render") && se.contains("khong_co_bien"),
        "{se}"
    );
    assert!(
        read(&out.join("404.html")).contains("Trang riêng của xã"),
        "previous output kept"
    );
    std::fs::write(dir.path().join("templates/404.html"), "{% if %}").unwrap();
    let o = kehoach(&["check"], dir.path());
    let (_, se) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{se}");
    assert!(
        se.contains("templates/404.html:1:7: error: template syntax"),
        "{se}"
    );
}

#[test]
fn init_then_new_plan_then_build() {
    let tmp = tempfile::tempdir().unwrap();
    let o = kehoach(&["init", "xa-moi"], tmp.path());
    assert!(o.status.success(), "{:?}", text(&o));
    let root = tmp.path().join("xa-moi");
    let o = kehoach(&["new", "plan", "Kế hoạch số 5/KH-UBND"], &root);
    let (so, se) = text(&o);
    assert!(o.status.success(), "{so}{se}");
    assert!(
        root.join("content/plans/ke-hoach-so-5-kh-ubnd.md")
            .is_file(),
        "{so}"
    );
    let o = kehoach(&["new", "plan", "Kế hoạch số 5/KH-UBND"], &root);
    assert_eq!(o.status.code(), Some(1), "never overwrites");
    // The new plan's placeholders are refused, each at its line, until replaced.
    let o = kehoach(&["check"], &root);
    let (so, se) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{so}{se}");
    let new = root.join("content/plans/ke-hoach-so-5-kh-ubnd.md");
    let skeleton = read(&new);
    for (line, col, what) in [
        (
            7,
            8,
            "`title` is still the placeholder of `kehoach new plan`: `Tên kế hoạch`",
        ),
        (
            11,
            8,
            "`place` is still the placeholder of `kehoach new plan`: `Địa danh`",
        ),
        (
            15,
            5,
            "`basis` is still the placeholder of `kehoach new plan`: `Căn cứ …`",
        ),
        (
            17,
            95,
            "`name` is still the placeholder of `kehoach new plan`: `Nguyễn Văn A`",
        ),
        (
            34,
            18,
            "`content` is still the placeholder of `kehoach new plan`: `Nội dung nhiệm vụ`",
        ),
        (
            49,
            1,
            "the prose is still the placeholder of `kehoach new plan`: `Nội dung kế hoạch viết bằng Markdown.`",
        ),
    ] {
        let head = format!("content/plans/ke-hoach-so-5-kh-ubnd.md:{line}:{col}: error: {what}");
        assert!(se.contains(&head), "{head}\n{se}");
    }
    assert!(so.contains("6 lỗi (errors), 0 cảnh báo"), "{so}{se}");
    let filled = skeleton
        .replace("Tên kế hoạch", "Triển khai chuyển đổi số năm 2026")
        .replace("place: Địa danh", "place: Mẫu")
        .replace(
            "  - Căn cứ …",
            "  - Căn cứ Kế hoạch số 1/KH-UBND ngày 02/01/2026 của UBND xã;",
        )
        .replace("Nguyễn Văn A }", "Lê Thị Hoa }")
        .replace(
            "content: Nội dung nhiệm vụ",
            "content: Số hóa hồ sơ một cửa",
        )
        .replace(
            "Nội dung kế hoạch viết bằng Markdown.",
            "Kế hoạch triển khai chuyển đổi số.",
        );
    std::fs::write(&new, filled).unwrap();
    let o = kehoach(&["check"], &root);
    let (so, se) = text(&o);
    assert!(
        o.status.success(),
        "the filled plan and the example check clean: {so}{se}"
    );
    assert!(
        so.contains("0 lỗi (errors), 0 cảnh báo (warnings)"),
        "{so}{se}"
    );
    let out = build(&root, &root.join("public"));
    assert!(out.contains("kehoach build: 2 plans, "), "{out}");
    assert!(root.join("public/gioi-thieu/index.html").is_file());
    let o = kehoach(&["init", "xa-moi"], tmp.path());
    assert_eq!(o.status.code(), Some(1), "refuses a non-empty folder");
}

/// The address printed after a build opens the site in a browser: absolute, with a space
/// escaped (on Windows, `file:///C:/…` rather than the verbatim `\\?\C:\…` the system
/// resolves paths to: see `output::file_url_of`).
#[test]
fn a_build_prints_an_address_a_browser_opens() {
    let tmp = tempfile::tempdir().unwrap();
    let o = kehoach(&["init", "xa-moi"], tmp.path());
    assert!(o.status.success(), "{:?}", text(&o));
    let root = tmp.path().join("xa-moi");
    let out = root.join("bản in thử");
    let said = build(&root, &out);
    let index = out.canonicalize().unwrap().join("index.html");
    let url = format!("file://{}", index.to_str().unwrap().replace(' ', "%20"));
    assert!(
        url.ends_with("/bản%20in%20thử/index.html"),
        "letters kept: {url}"
    );
    // Whatever the language of the words before it ("Mở trang: ", "Open: ").
    assert!(
        said.lines().any(|l| l.ends_with(&format!(": {url}"))),
        "{url}\n{said}"
    );
}

#[test]
fn usage_errors_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    let o = kehoach(&["build", "--khong-co"], tmp.path());
    assert_eq!(o.status.code(), Some(2));
    let o = kehoach(&["build", "--today", "15/01/2026"], tmp.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).1.contains("write it as YYYY-MM-DD"));
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let dir = site(&[
        ("content/units.yaml", UNITS),
        ("content/plans/tot.md", &good_plan()),
    ]);
    let mut outs = Vec::new();
    for threads in ["1", "4"] {
        let out = dir.path().join(format!("public-{threads}"));
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_kehoach"))
            .env("KEHOACH_LANG", "en")
            .args(["build", "--output", out.to_str().unwrap(), "--today", TODAY])
            .current_dir(repo())
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap();
        assert!(o.status.success());
        outs.push(out);
    }
    assert_eq!(files(&outs[0]), files(&outs[1]));
    for f in files(&outs[0]) {
        assert_eq!(
            std::fs::read(outs[0].join(&f)).unwrap(),
            std::fs::read(outs[1].join(&f)).unwrap(),
            "{}",
            f.display()
        );
    }
}

#[test]
fn a_build_killed_midway_leaves_the_previous_output_whole() {
    // A site big enough that the build takes a while, so the kill lands during it.
    let mut files: Vec<(String, String)> = vec![("content/units.yaml".into(), UNITS.into())];
    for i in 0..120 {
        let tasks: String = (0..20).map(|t| format!("      - content: Việc {t} của kế hoạch {i}, rà soát và báo cáo kết quả thực hiện\n        lead: Phòng VHXH\n        due: Quý {}/2026\n", t % 4 + 1)).collect();
        files.push((format!("content/plans/kh-{i:03}.md"), format!("---\ntitle: Kế hoạch {i}\ndate: 2026-01-{:02}\ntasks:\n  - group: Nhóm\n    tasks:\n{tasks}---\n{}\n", i % 28 + 1, "Nội dung kế hoạch. ".repeat(200))));
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let dir = site(&refs);
    let out = dir.path().join("public");
    build(dir.path(), &out);
    let snapshot = |p: &std::path::Path| files_with_bytes(p);
    let before = snapshot(&out);
    // Change the content so that a completed build would differ.
    std::fs::write(
        dir.path().join("content/plans/kh-000.md"),
        "---\ntitle: Kế hoạch đã sửa\n---\nMới.\n",
    )
    .unwrap();
    // What a build that was not killed publishes.
    let reference = tempfile::tempdir().unwrap();
    build(dir.path(), reference.path());
    let after = snapshot(reference.path());
    assert_ne!(before, after);
    for delay in [40u64, 200] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kehoach"))
            .env("KEHOACH_LANG", "en")
            .args(["build", "--output", out.to_str().unwrap(), "--today", TODAY])
            .current_dir(dir.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        let now = snapshot(&out);
        assert!(
            now == before || now == after,
            "after a kill at {delay} ms the output is the old one or the complete new one"
        );
    }
    // The next build cleans what a killed build left and publishes.
    build(dir.path(), &out);
    assert!(read(&out.join("ke-hoach/kh-000/index.html")).contains("Kế hoạch đã sửa"));
    assert_no_staging_left(dir.path());
}

fn files_with_bytes(dir: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    files(dir)
        .into_iter()
        .map(|f| {
            let b = std::fs::read(dir.join(&f)).unwrap();
            (f, b)
        })
        .collect()
}

#[test]
fn an_unchanged_rebuild_touches_no_file() {
    use std::os::unix::fs::MetadataExt;
    let dir = site(&[
        ("content/units.yaml", UNITS),
        ("content/plans/tot.md", &good_plan()),
        (
            "content/plans/khac.md",
            "---\ntitle: Kế hoạch khác\n---\nA.\n",
        ),
        ("static/files/a.pdf", "%PDF-1.4 thử"),
    ]);
    let out = dir.path().join("public");
    build(dir.path(), &out);
    let stamp = |p: &std::path::Path| {
        files(p)
            .into_iter()
            .map(|f| {
                let m = std::fs::metadata(p.join(&f)).unwrap();
                (f, m.ino(), m.mtime_nsec(), m.mtime())
            })
            .collect::<Vec<_>>()
    };
    let before = stamp(&out);
    std::thread::sleep(std::time::Duration::from_millis(20));
    build(dir.path(), &out);
    assert_eq!(
        stamp(&out),
        before,
        "same content, same files: inodes and mtimes kept"
    );
    // One plan changes: its page changes, the other plan's page is kept as is.
    std::fs::write(
        dir.path().join("content/plans/khac.md"),
        "---\ntitle: Kế hoạch khác (sửa)\n---\nB.\n",
    )
    .unwrap();
    build(dir.path(), &out);
    let after = stamp(&out);
    let get = |v: &Vec<(std::path::PathBuf, u64, i64, i64)>, f: &str| {
        v.iter()
            .find(|x| x.0 == std::path::Path::new(f))
            .cloned()
            .unwrap()
    };
    assert_ne!(
        get(&after, "ke-hoach/khac/index.html"),
        get(&before, "ke-hoach/khac/index.html")
    );
    assert_eq!(
        get(&after, "ke-hoach/tot/index.html"),
        get(&before, "ke-hoach/tot/index.html")
    );
    assert_eq!(get(&after, "files/a.pdf"), get(&before, "files/a.pdf"));
    assert!(read(&out.join("ke-hoach/khac/index.html")).contains("(sửa)"));
}

#[test]
fn an_overridden_plan_page_or_plan_row_still_sees_every_task_field() {
    // The default plan page prints pre-rendered rows; a site's own page may use the fields.
    let dir = site(&[
        ("content/units.yaml", UNITS),
        ("content/plans/tot.md", &good_plan()),
        (
            "templates/plan.html",
            "{% extends \"base.html\" %}{% block main %}{% for g in groups %}{% for t in g.tasks %}<p class=\"rieng\">{{ t.content }} / {{ t.due }} / {{ t.lead[0].name }}</p>{{ t.row | safe }}{% endfor %}{% endfor %}{% endblock main %}",
        ),
        (
            "templates/plan_task_row.html",
            "<tr class=\"dong-rieng\"><td>{{ g.no }}.{{ t.no }} {{ t.content }}</td></tr>",
        ),
    ]);
    let out = dir.path().join("public");
    build(dir.path(), &out);
    let page = read(&out.join("ke-hoach/tot/index.html"));
    assert!(
        page.contains("<p class=\"rieng\">Việc một / Quý I/2026 / Phòng VHXH</p>"),
        "{page}"
    );
    assert!(
        page.contains("<tr class=\"dong-rieng\"><td>I.1 Việc một</td></tr>"),
        "{page}"
    );
}

#[test]
fn templates_and_themes_cannot_reach_outside_the_site() {
    // A secret outside the site, which a linked template would publish.
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("mat-khau.txt");
    std::fs::write(&secret, "BI-MAT-NGOAI-TRANG").unwrap();
    let check = |dir: &std::path::Path, want: &str| {
        let out = dir.join("public");
        let o = kehoach(
            &["build", "--output", out.to_str().unwrap(), "--today", TODAY],
            dir,
        );
        let (so, se) = text(&o);
        assert_eq!(o.status.code(), Some(1), "{so}\n{se}");
        assert!(se.contains(want), "{se}");
        assert!(!out.exists(), "nothing is published");
        let c = kehoach(&["check"], dir);
        assert_eq!(c.status.code(), Some(1), "check finds it too");
        assert!(text(&c).1.contains(want), "{:?}", text(&c));
    };
    // A template that is a symbolic link to a file outside the site.
    #[cfg(unix)]
    {
        let dir = site(&[("content/plans/tot.md", &good_plan())]);
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        std::os::unix::fs::symlink(&secret, dir.path().join("templates/404.html")).unwrap();
        check(
            dir.path(),
            "templates/404.html: error: this template is a link to a file outside the site",
        );
        // A theme whose folder links out of the site, and a theme asset that does.
        let dir = site(&[
            (
                "site.toml",
                "title = \"T\"\ncommune = \"xã Thử\"\nprovince = \"P\"\ntheme = \"ngoai\"\n",
            ),
            ("content/plans/tot.md", &good_plan()),
            ("themes/ngoai/templates/.keep", ""),
        ]);
        std::fs::create_dir_all(dir.path().join("themes/ngoai/static")).unwrap();
        std::os::unix::fs::symlink(&secret, dir.path().join("themes/ngoai/static/style.css"))
            .unwrap();
        check(
            dir.path(),
            "themes/ngoai/static/style.css: error: this theme file is a link to a file outside the site",
        );
    }
    // A theme named by a path.
    for theme in ["../../x", "/etc", "a/../../b"] {
        let dir = site(&[
            (
                "site.toml",
                &format!(
                    "title = \"T\"\ncommune = \"xã Thử\"\nprovince = \"P\"\ntheme = \"{theme}\"\n"
                ),
            ),
            ("content/plans/tot.md", &good_plan()),
        ]);
        check(
            dir.path(),
            &format!(
                "site.toml:4:1: error: `theme` must be the name of a folder under themes/, found `{theme}`"
            ),
        );
    }
    // get_env: the environment stays private.
    let dir = site(&[
        ("content/plans/tot.md", &good_plan()),
        (
            "templates/404.html",
            "{% extends \"base.html\" %}{% block main %}{{ get_env(name=\"HOME\") }}{% endblock main %}",
        ),
    ]);
    check(dir.path(), "get_env is turned off");
}

#[test]
fn references_to_plans_of_the_site_link_and_the_cited_plan_lists_who_cites_it() {
    let plan = |title: &str, number: &str, date: &str, basis: &str, body: &str| {
        format!(
            "---\ntitle: {title}\nnumber: {number}\ndate: {date}\nbasis:\n  - \"{basis}\"\ntasks:\n  - content: Việc một\n    lead: Phòng VHXH\n    due: Quý I/2026\n---\n{body}\n"
        )
    };
    let dir = site(&[
        (
            "content/plans/a.md",
            &plan(
                "Chuyển đổi số năm 2026",
                "12/KH-UBND",
                "2026-03-05",
                "Căn cứ Luật Tổ chức chính quyền địa phương;",
                "Nội dung A.",
            ),
        ),
        // The same number, another year: a reference must say which by its date.
        (
            "content/plans/c.md",
            &plan(
                "Chuyển đổi số năm 2025",
                "12/KH-UBND",
                "2025-01-10",
                "Căn cứ Luật Tổ chức chính quyền địa phương;",
                "Nội dung C.",
            ),
        ),
        (
            "content/plans/b.md",
            &plan(
                "Triển khai",
                "30/KH-UBND",
                "2026-04-01",
                "Thực hiện Kế hoạch số 12/KH-UBND ngày 05/3/2026 của UBND xã Thử;",
                "Theo Kế hoạch số 12/KH-UBND ngày 05/3/2026, và Nghị quyết số 268/NQ-CP của Chính phủ. Kế hoạch số 12/KH-UBND không ghi ngày.",
            ),
        ),
    ]);
    let out = dir.path().join("public");
    build(dir.path(), &out);
    let b = read(&out.join("ke-hoach/b/index.html"));
    let to_a =
        "<a class=\"doc-ref\" href=\"../../ke-hoach/a/index.html\">Kế hoạch số 12/KH-UBND</a>";
    assert_eq!(count(&b, to_a), 2, "basis and prose link to A: {b}");
    assert!(
        !b.contains("ke-hoach/c/index.html\">Kế hoạch"),
        "C is not the one dated 05/3/2026"
    );
    assert!(
        b.contains("Nghị quyết số 268/NQ-CP của"),
        "a document not on the site stays text"
    );
    assert!(
        b.contains(". Kế hoạch số 12/KH-UBND không ghi ngày"),
        "an ambiguous number stays text"
    );
    let a = read(&out.join("ke-hoach/a/index.html"));
    assert!(a.contains("Văn bản triển khai"), "A lists who cites it");
    assert!(
        a.contains(
            "href=\"../../ke-hoach/b/index.html\">Kế hoạch số 30/KH-UBND ngày 01 tháng 4 năm 2026"
        ),
        "{a}"
    );
    assert!(!read(&out.join("ke-hoach/c/index.html")).contains("Văn bản triển khai"));
    check_links(&out);
}

#[test]
fn the_public_list_keeps_the_day_each_plan_was_first_published() {
    let plan = |title: &str, number: &str, extra: &str| {
        format!(
            "---\ntitle: {title}\nnumber: {number}\ndate: 2025-10-07\n{extra}tasks:\n  - content: Việc một\n    lead: Phòng VHXH\n    due: Quý I/2026\n---\nNội dung.\n"
        )
    };
    let dir = site(&[
        ("content/plans/a.md", &plan("Kế hoạch A", "1/KH-UBND", "")),
        (
            "content/plans/b.md",
            &plan("Kế hoạch B", "2/KH-UBND", "published: 2025-10-08\n"),
        ),
    ]);
    let out = dir.path().join("public");
    let build_on = |day: &str| {
        let o = kehoach(
            &[
                "build",
                "--root",
                dir.path().to_str().unwrap(),
                "--output",
                out.to_str().unwrap(),
                "--today",
                day,
            ],
            dir.path(),
        );
        assert!(o.status.success(), "{:?}", text(&o));
    };
    build_on("2026-01-15");
    // A month later, with a new plan: A keeps its first day, C gets the day it first appears.
    std::fs::write(
        dir.path().join("content/plans/c.md"),
        plan("Kế hoạch C", "3/KH-UBND", ""),
    )
    .unwrap();
    build_on("2026-02-16");
    let record: serde_json::Value =
        serde_json::from_str(&read(&out.join("du-lieu/cong-bo.json"))).unwrap();
    assert_eq!(record["plans"]["a"], "2026-01-15");
    assert_eq!(
        record["plans"]["b"], "2025-10-08",
        "the file's own `published:`"
    );
    assert_eq!(record["plans"]["c"], "2026-02-16");
    let list = read(&out.join("danh-muc-cong-khai/index.html"));
    let (c, a, b) = (
        list.find("Kế hoạch C").unwrap(),
        list.find("Kế hoạch A").unwrap(),
        list.find("Kế hoạch B").unwrap(),
    );
    assert!(c < a && a < b, "newest publication first");
    for day in ["16/02/2026", "15/01/2026", "08/10/2025"] {
        assert!(list.contains(day), "{day}");
    }
    assert!(
        read(&out.join("index.html"))
            .contains("danh-muc-cong-khai/index.html\">Danh mục thông tin phải công khai")
    );
    // A bad day is refused at its line.
    std::fs::write(
        dir.path().join("content/plans/c.md"),
        plan("Kế hoạch C", "3/KH-UBND", "published: 30/2/2026\n"),
    )
    .unwrap();
    let o = kehoach(
        &["check", "--root", dir.path().to_str().unwrap()],
        dir.path(),
    );
    let (so, se) = text(&o);
    assert!(!o.status.success());
    assert!(format!("{so}{se}").contains("c.md:5:12"), "{so}{se}");
}
