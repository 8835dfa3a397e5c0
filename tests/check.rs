//! `kehoach check` on fixture sites built in the test: a clean site, problems reported all
//! together, unit suggestions, giant files. The one-mistake-per-site corpus is
//! `tests/bad_input/` (see `bad_input.rs`).

mod common;
use common::*;

const UNITS: &str = "- name: Phòng Văn hóa - Xã hội\n  short: Phòng VHXH\n  aliases: [Phòng VHXB]\n- name: Phòng Kinh tế\n- name: Các cơ quan, đơn vị liên quan\n  collective: true\n";

fn check(files: &[(&str, &str)]) -> (bool, String) {
    let dir = site(files);
    let o = kehoach(&["check", "--today", TODAY], dir.path());
    let (so, se) = text(&o);
    assert!(
        o.status.code() == Some(0) || o.status.code() == Some(1),
        "exit code {:?}\n{se}",
        o.status.code()
    );
    (o.status.success(), format!("{se}{so}"))
}

fn plan(front: &str) -> String {
    format!("---\n{front}---\nNội dung.\n")
}

#[test]
fn a_good_site_checks_clean() {
    let (ok, out) = check(&[
        ("content/units.yaml", UNITS),
        (
            "content/plans/a.md",
            &plan(
                "title: Kế hoạch A\ntasks:\n  - content: Việc một\n    lead: Phòng VHXB\n    support: Các cơ quan, đơn vị liên quan\n",
            ),
        ),
    ]);
    assert!(ok, "{out}");
    assert!(
        out.contains("0 lỗi (errors), 0 cảnh báo (warnings)"),
        "{out}"
    );
}

#[test]
fn unknown_task_key_inside_a_group() {
    let (ok, out) = check(&[
        ("content/units.yaml", UNITS),
        (
            "content/plans/a.md",
            &plan(
                "title: A\ntasks:\n  - group: Nhóm\n    tasks:\n      - content: X\n        lead: Phòng Kinh tế\n        deu: Quý I/2026\n",
            ),
        ),
    ]);
    assert!(!ok);
    assert!(
        out.contains("content/plans/a.md:8:9: error: unknown key `deu` in a task"),
        "{out}"
    );
    assert!(out.contains("did you mean `due`?"), "{out}");
}

#[test]
fn unknown_unit_is_a_warning_with_the_closest_unit() {
    let (ok, out) = check(&[
        ("content/units.yaml", UNITS),
        (
            "content/plans/a.md",
            &plan(
                "title: A\ntasks:\n  - content: X\n    lead: Phòng Văn hóa Xã hôi\n    support: Phòng Kinh tế; Phòng Tư pháp\n",
            ),
        ),
    ]);
    assert!(ok, "warnings only: {out}");
    assert!(out.contains("content/plans/a.md:5:11: warning: unit `Phòng Văn hóa Xã hôi` is not in content/units.yaml"), "{out}");
    assert!(
        out.contains("did you mean `Phòng Văn hóa - Xã hội`?"),
        "{out}"
    );
    assert!(
        out.contains("content/plans/a.md:6:14: warning: unit `Phòng Tư pháp`"),
        "{out}"
    );
}

#[test]
fn all_problems_of_a_run_are_reported_together() {
    let (ok, out) = check(&[
        ("content/plans/a.md", &plan("titel: A\n")),
        ("content/plans/b.md", &plan("title: B\ndate: 2025-13-01\n")),
        (
            "content/plans/c.md",
            &plan("title: C\nnumbering: liên tục\n"),
        ),
    ]);
    assert!(!ok);
    assert!(
        out.contains("a.md:2:1: error: unknown key `titel`"),
        "{out}"
    );
    assert!(
        out.contains("b.md:3:7: error: `date` must be YYYY-MM-DD or YYYY-MM"),
        "{out}"
    );
    assert!(
        out.contains("c.md:3:12: error: `numbering` must be `per-group` or `continuous`"),
        "{out}"
    );
    assert!(
        out.contains("4 lỗi (errors)") || out.contains("3 lỗi (errors)"),
        "{out}"
    );
}

#[test]
fn a_giant_file_is_refused_without_reading_it() {
    let dir = site(&[]);
    let big = format!("---\ntitle: A\n---\n{}", "x".repeat(6 * 1024 * 1024));
    std::fs::create_dir_all(dir.path().join("content/plans")).unwrap();
    std::fs::write(dir.path().join("content/plans/big.md"), big).unwrap();
    let o = kehoach(&["check"], dir.path());
    let (so, se) = text(&o);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        se.contains(
            "content/plans/big.md: error: the file is 6.3 MB; a plan file may be at most 4 MB"
        ),
        "{se}{so}"
    );
}

#[test]
fn an_unparseable_deadline_is_a_warning_and_is_never_guessed() {
    let (ok, out) = check(&[(
        "content/plans/a.md",
        &plan(
            "title: A\ntasks:\n  - content: X\n    due: Tháng 13/2025\n  - content: Y\n    due: sớm nhất có thể\n  - content: Z\n    due: Quý III-IV/2025\n",
        ),
    )]);
    assert!(ok, "a warning, not an error: {out}");
    assert!(
        out.contains("a.md:5:10: warning: the deadline `Tháng 13/2025` is not understood"),
        "{out}"
    );
    assert!(
        out.contains("a.md:7:10: warning: the deadline `sớm nhất có thể` is not understood"),
        "{out}"
    );
    assert!(!out.contains("Quý III-IV/2025` is not understood"), "{out}");
}

/// A site whose one plan has these tasks (YAML lines under `tasks:`) and this prose.
fn big_site(units: &str, tasks: &str, prose: &str) -> tempfile::TempDir {
    site(&[
        ("content/units.yaml", units),
        (
            "content/plans/a.md",
            &format!("---\ntitle: A\ntasks:\n{tasks}---\n{prose}"),
        ),
    ])
}

fn check_site(dir: &tempfile::TempDir) {
    let o = kehoach(&["check", "--today", TODAY], dir.path());
    assert!(
        o.status.code() == Some(0) || o.status.code() == Some(1),
        "{:?}",
        text(&o)
    );
}

#[test]
fn check_takes_linear_time_in_headings() {
    // Headings without text all ask for the id `muc`: each is given the next free suffix.
    assert_linear(
        "empty headings",
        (1, 8192),
        |n| big_site(UNITS, "  - content: x\n", &"#\n".repeat(n)),
        check_site,
    );
}

#[test]
fn check_takes_linear_time_in_unknown_units() {
    // Eight unregistered names, each named many times, against many registered spellings.
    assert_linear(
        "unknown units against aliases",
        (8, 256),
        |n| {
            let mut units = String::new();
            for u in 0..n / 8 {
                units.push_str(&format!("- name: Đơn vị số {u}\n  aliases: ["));
                let aliases: Vec<String> =
                    (0..80).map(|a| format!("Tổ công tác {u}-{a}")).collect();
                units.push_str(&aliases.join(", "));
                units.push_str("]\n");
            }
            let tasks: String = (0..n)
                .map(|i| format!("  - content: x\n    lead: Ban chỉ đạo khu {}\n", i % 8))
                .collect();
            big_site(&units, &tasks, "")
        },
        check_site,
    );
}

/// Plans, pages and static files that are symbolic links are not followed (they could pull
/// any file of the machine into the portal): each is named in a warning by `check` and by
/// `build`, and left out of the output. The links are made here: the corpus in
/// `tests/bad_input/` is copied file by file, which does not carry links.
#[cfg(unix)]
#[test]
fn symbolic_links_are_skipped_with_a_warning() {
    let outside = tempfile::tempdir().unwrap();
    let o = outside.path();
    std::fs::write(o.join("other.md"), plan("title: Ngoài\n")).unwrap();
    std::fs::write(o.join("secret.txt"), "secret").unwrap();
    std::fs::create_dir(o.join("folder")).unwrap();
    std::fs::write(o.join("folder/b.md"), plan("title: B\n")).unwrap();
    let dir = site(&[
        ("content/units.yaml", UNITS),
        ("content/plans/a.md", &plan("title: A\n")),
        ("content/pages/gioi-thieu.md", &plan("title: Giới thiệu\n")),
        ("static/files/real.pdf", "pdf"),
    ]);
    let d = dir.path();
    for (target, link) in [
        (o.join("other.md"), "content/plans/linked.md"),
        (o.join("folder"), "content/plans/linked-folder"),
        (o.join("secret.txt"), "content/plans/notes.txt"),
        (o.join("other.md"), "content/pages/linked.md"),
        (o.join("secret.txt"), "static/files/secret.txt"),
        (o.join("folder"), "static/linked-folder"),
    ] {
        std::os::unix::fs::symlink(target, d.join(link)).unwrap();
    }
    let why = "links are not followed, so that content cannot pull files from outside the site";
    let expected = [
        format!(
            "content/pages/linked.md: warning: this page is a symbolic link and is skipped: {why}\n  = hint: copy the file here instead of linking it"
        ),
        format!(
            "content/plans/linked-folder: warning: this folder is a symbolic link and the plans in it are skipped: {why}\n  = hint: copy the folder here instead of linking it"
        ),
        format!(
            "content/plans/linked.md: warning: this plan is a symbolic link and is skipped: {why}\n  = hint: copy the file here instead of linking it"
        ),
        format!(
            "static/files/secret.txt: warning: this static file is a symbolic link and is not published: {why}\n  = hint: copy the file into static/ instead of linking it"
        ),
        format!(
            "static/linked-folder: warning: this folder is a symbolic link and the files in it are not published: {why}\n  = hint: copy the folder into static/ instead of linking it"
        ),
    ];
    let warnings = |out: &str| -> Vec<String> {
        out.split("\n\n")
            .filter(|b| b.contains(": warning: "))
            .map(|b| b.trim().to_string())
            .collect()
    };

    let c = kehoach(&["check", "--today", TODAY], d);
    let (so, se) = text(&c);
    assert!(c.status.success(), "{se}{so}");
    assert_eq!(warnings(&se), expected, "{se}");
    assert!(so.contains("0 lỗi (errors), 5 cảnh báo (warnings)"), "{so}");

    let public = tempfile::tempdir().unwrap();
    let public = public.path().join("public");
    let b = kehoach(
        &[
            "build",
            "--output",
            public.to_str().unwrap(),
            "--today",
            TODAY,
            "--verbose",
        ],
        d,
    );
    let (so, se) = text(&b);
    assert!(b.status.success(), "{se}{so}");
    assert_eq!(warnings(&se), expected, "{se}");
    assert!(public.join("files/real.pdf").is_file());
    for absent in [
        "files/secret.txt",
        "linked-folder",
        "ke-hoach/linked",
        "ke-hoach/b",
        "linked",
    ] {
        assert!(!public.join(absent).exists(), "{absent} was published");
    }
}
