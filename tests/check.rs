//! `kehoach check` and `kehoach build` on broken fixture sites: every problem is reported at
//! once as `file:line:column: error|warning: message` with a hint, and nothing is published.

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
fn unknown_key_names_the_nearest_key_with_its_position() {
    let (ok, out) = check(&[
        ("content/units.yaml", UNITS),
        ("content/plans/a.md", &plan("title: A\nnumbr: 1/KH-UBND\n")),
    ]);
    assert!(!ok);
    assert!(
        out.contains("content/plans/a.md:3:1: error: unknown key `numbr` in a plan"),
        "{out}"
    );
    assert!(out.contains("= hint: did you mean `number`?"), "{out}");
    assert!(
        out.contains("3 | numbr: 1/KH-UBND"),
        "quotes the line: {out}"
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
fn wrong_types_are_errors_at_the_value() {
    let (ok, out) = check(&[
        ("content/units.yaml", UNITS),
        (
            "content/plans/a.md",
            &plan("title: [A, B]\nbasis: { a: 1 }\ntasks:\n  - content: X\n    updates: yes\n"),
        ),
    ]);
    assert!(!ok);
    assert!(
        out.contains("content/plans/a.md:2:8: error: `title` must be text, found a list"),
        "{out}"
    );
    assert!(
        out.contains(
            "content/plans/a.md:3:8: error: `basis` must be a text or a list of texts, found a map"
        ),
        "{out}"
    );
    assert!(
        out.contains("content/plans/a.md:6:14: error: `updates` must be a list"),
        "{out}"
    );
}

#[test]
fn bad_yaml_is_reported_in_file_lines() {
    let (ok, out) = check(&[(
        "content/plans/a.md",
        &plan("title: A\ntasks:\n  - content: \"unclosed\n"),
    )]);
    assert!(!ok);
    let line = out
        .lines()
        .find(|l| l.contains("error: invalid YAML"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(line.starts_with("content/plans/a.md:"), "{line}");
    let n: usize = line.split(':').nth(1).unwrap().parse().unwrap();
    assert!(
        (4..=6).contains(&n),
        "line {n} is inside the front matter: {line}"
    );
}

#[test]
fn missing_title_and_missing_front_matter() {
    let (ok, out) = check(&[
        ("content/plans/a.md", &plan("number: 1/KH-UBND\n")),
        ("content/plans/b.md", "# Không có front matter\n"),
    ]);
    assert!(!ok);
    assert!(
        out.contains("content/plans/a.md:2:1: error: the plan has no `title`"),
        "{out}"
    );
    assert!(
        out.contains("content/plans/b.md:1:1: error: the file does not start with front matter"),
        "{out}"
    );
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
fn duplicate_keys_and_task_ids() {
    let (ok, out) = check(&[
        ("content/plans/a.md", &plan("title: A\ntitle: B\n")),
        (
            "content/plans/b.md",
            &plan("title: B\ntasks:\n  - content: X\n    id: mot\n  - content: Y\n    id: mot\n"),
        ),
    ]);
    assert!(!ok);
    assert!(
        out.contains(
            "content/plans/a.md:3:1: error: duplicate key `title` (first given on line 2)"
        ),
        "{out}"
    );
    assert!(out.contains("content/plans/b.md:7:9: error: two tasks of this plan have the anchor `mot` (the other is on line 5)"), "{out}");
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
fn bad_site_toml_names_the_key() {
    let (ok, out) = check(&[(
        "site.toml",
        "title = \"A\"\ncommune = \"B\"\nprovince = \"C\"\nbase_ulr = \"/x\"\n",
    )]);
    assert!(!ok);
    assert!(
        out.contains("site.toml:4:1: error: unknown key `base_ulr` in site.toml"),
        "{out}"
    );
    assert!(out.contains("did you mean `base_url`?"), "{out}");
}

#[test]
fn invalid_utf8_bom_crlf_and_tabs() {
    let dir = site(&[
        (
            "content/plans/bom.md",
            "\u{feff}---\r\ntitle: Có BOM và CRLF\r\n---\r\nNội dung.\r\n",
        ),
        (
            "content/plans/tab.md",
            "---\ntitle: A\ntasks:\n\t- content: X\n---\n",
        ),
    ]);
    std::fs::write(
        dir.path().join("content/plans/latin1.md"),
        b"---\ntitle: K\xe9 ho\xe1ch\n---\n",
    )
    .unwrap();
    let o = kehoach(&["check", "--today", TODAY], dir.path());
    let (so, se) = text(&o);
    let out = format!("{se}{so}");
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains("content/plans/latin1.md:2:9: error: the file is not valid UTF-8 text"),
        "{out}"
    );
    assert!(
        out.contains("content/plans/tab.md:4:1: error: a tab is used for indentation"),
        "{out}"
    );
    assert!(
        !out.contains("bom.md"),
        "a BOM and CRLF are read fine: {out}"
    );
}

#[test]
fn yaml_aliases_and_deep_nesting_are_refused_quickly() {
    let bomb = "title: A\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n";
    let deep = format!(
        "title: A\nbasis: {}{}\n",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    let (ok, out) = check(&[
        ("content/plans/bomb.md", &plan(bomb)),
        ("content/plans/deep.md", &plan(&deep)),
    ]);
    assert!(!ok);
    assert!(
        out.contains("bomb.md:4:") && out.contains("YAML aliases (`*name`) are not allowed"),
        "{out}"
    );
    assert!(
        out.contains("deep.md:3:") && out.contains("nested deeper than 32 levels"),
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
fn paths_in_content_cannot_escape_the_site() {
    let (ok, out) = check(&[(
        "content/plans/a.md",
        &plan(
            "title: A\nattachments:\n  - { title: x, file: ../../etc/passwd }\ntasks:\n  - content: X\n    updates:\n      - { date: 2026-01-01, status: done, link: \"javascript:alert(1)\" }\n",
        ),
    )]);
    assert!(!ok);
    assert!(
        out.contains("a.md:4:23: error: attachment `../../etc/passwd` goes outside the site"),
        "{out}"
    );
    assert!(
        out.contains("a.md:8:49: error: link `javascript:alert(1)` must be a path inside the site"),
        "{out}"
    );
}

#[test]
fn a_comma_inside_a_flow_map_gets_a_quoting_hint() {
    let (ok, out) = check(&[(
        "content/plans/a.md",
        &plan(
            "title: A\ntasks:\n  - content: X\n    updates:\n      - { date: 2026-01-05, status: done, note: Đã rà soát A, B. }\n",
        ),
    )]);
    assert!(!ok);
    assert!(
        out.contains(
            "a.md:6:63: error: the text `B.` was cut off from the value before it by a comma"
        ),
        "{out}"
    );
    assert!(out.contains("put the whole value in quotes"), "{out}");
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
