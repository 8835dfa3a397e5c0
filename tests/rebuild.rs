//! The in-process rebuild API (`Project`, used by `serve`): after an edit it re-reads only the
//! changed plan, rewrites only the pages whose bytes change, and the output is byte for byte
//! what a full build of the edited site makes.

mod common;
use common::*;
use kehoach::{BuildOptions, Project};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// The demo site (settings, units, plans) copied into a temp dir.
fn demo_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_demo(dir.path());
    // A file under static/ is copied by full builds and left in place by incremental ones.
    std::fs::create_dir_all(dir.path().join("static/files")).unwrap();
    std::fs::write(dir.path().join("static/files/bao-cao.pdf"), "%PDF-1.4").unwrap();
    dir
}

fn opts(root: &Path, out: &Path) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        output: out.to_path_buf(),
        today: chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap(),
    }
}

/// Every file of an output with its bytes.
fn snapshot(out: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    files(out)
        .into_iter()
        .map(|f| {
            let b = std::fs::read(out.join(&f)).unwrap();
            (f, b)
        })
        .collect()
}

fn mtimes(out: &Path) -> BTreeMap<PathBuf, SystemTime> {
    files(out)
        .into_iter()
        .map(|f| {
            let t = std::fs::metadata(out.join(&f)).unwrap().modified().unwrap();
            (f, t)
        })
        .collect()
}

/// The same bytes as a full build of the site as it now is.
fn assert_same_as_full_build(root: &Path, out: &Path) {
    let fresh = tempfile::tempdir().unwrap();
    let full = fresh.path().join("full");
    kehoach::build(&opts(root, &full)).unwrap();
    let (a, b) = (snapshot(out), snapshot(&full));
    let only_a: Vec<_> = a.keys().filter(|k| !b.contains_key(*k)).collect();
    let only_b: Vec<_> = b.keys().filter(|k| !a.contains_key(*k)).collect();
    assert!(
        only_a.is_empty() && only_b.is_empty(),
        "files differ: only in the rebuilt output {only_a:?}, only in the full build {only_b:?}"
    );
    for (k, v) in &a {
        assert!(v == &b[k], "{} differs from a full build", k.display());
    }
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = read(path);
    assert!(text.contains(from), "{} has `{from}`", path.display());
    // A later modification time even on file systems with coarse timestamps.
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn editing_one_plan_rereads_it_and_rewrites_only_changed_pages() {
    let site = demo_copy();
    let out = site.path().join("public");
    let mut project = Project::new(opts(site.path(), &out));
    let first = project.rebuild().unwrap();
    assert_eq!(first.plans_read, 5);
    assert_eq!(first.pages_rendered, first.pages);
    let before = mtimes(&out);
    std::thread::sleep(std::time::Duration::from_millis(20));

    // A progress update: the task's status changes on its plan, lists, unit pages and exports.
    let plan = site
        .path()
        .join("content/plans/2025/dai-son-cchc-6-thang-cuoi-nam-2025.md");
    let text = read(&plan);
    let marker = "updates:";
    assert!(text.contains(marker));
    edit(
        &plan,
        "Đã ban hành Kế hoạch.",
        "Đã ban hành Kế hoạch và gửi các đơn vị.",
    );
    let second = project.rebuild().unwrap();
    assert_eq!(second.plans_read, 1, "only the edited plan is read again");
    assert!(
        second.pages_rendered < second.pages / 3,
        "{} of {} pages rendered",
        second.pages_rendered,
        second.pages
    );
    assert_same_as_full_build(site.path(), &out);
    let after = mtimes(&out);
    let touched: Vec<_> = after
        .iter()
        .filter(|(f, t)| before.get(*f) != Some(*t))
        .map(|(f, _)| f.clone())
        .collect();
    assert!(
        touched.contains(&PathBuf::from(
            "ke-hoach/dai-son-cchc-6-thang-cuoi-nam-2025/index.html"
        )),
        "{touched:?}"
    );
    assert!(
        !touched.contains(&PathBuf::from("ke-hoach/an-thanh-66-kh-ubnd/index.html")),
        "another plan's page is left alone: {touched:?}"
    );
    assert!(touched.len() < after.len() / 3, "{touched:?}");

    // Nothing changed: nothing is read, nothing is written.
    let before = mtimes(&out);
    let third = project.rebuild().unwrap();
    assert_eq!(third.plans_read, 0);
    assert_eq!(mtimes(&out), before);
}

#[test]
fn adding_and_removing_plans_and_units_changes_match_a_full_build() {
    let site = demo_copy();
    let out = site.path().join("public");
    let mut project = Project::new(opts(site.path(), &out));
    project.rebuild().unwrap();

    // A new plan with tasks for existing units and a new deadline period.
    let new_plan = site.path().join("content/plans/2026/moi.md");
    std::fs::write(
        &new_plan,
        "---\ntitle: Kế hoạch mới\nnumber: 99/KH-UBND\ndate: 2026-03-02\nbasis:\n  - Thực hiện Kế hoạch số 66/KH-UBND ngày 07/10/2025 của UBND xã An Thành;\ntopics: [Cải cách hành chính]\ntasks:\n  - content: Việc mới một\n    lead: Phòng Văn hóa - Xã hội\n    due: Tháng 9/2027\n  - content: Việc mới hai\n    lead: Văn phòng HĐND và UBND\n    due: Thường xuyên\n---\nNội dung.\n",
    )
    .unwrap();
    let r = project.rebuild().unwrap();
    assert_eq!(r.plans_read, 1);
    assert_same_as_full_build(site.path(), &out);
    assert!(out.join("ke-hoach/moi/index.html").is_file());
    assert!(out.join("nhiem-vu/han/2027/thang-9/index.html").is_file());
    assert!(out.join("bao-cao/ke-hoach/moi/bao-cao.docx").is_file());
    // It cites plan 66, whose page (not re-read) now lists it.
    let cited = out.join("ke-hoach/an-thanh-66-kh-ubnd/index.html");
    assert!(read(&cited).contains("Văn bản triển khai"));

    // Removed again: its pages and the period it alone had are gone.
    std::fs::remove_file(&new_plan).unwrap();
    project.rebuild().unwrap();
    assert_same_as_full_build(site.path(), &out);
    assert!(!out.join("ke-hoach/moi/index.html").exists());
    assert!(!out.join("nhiem-vu/han/2027/thang-9/index.html").exists());
    assert!(
        !out.join("bao-cao/ke-hoach/moi").exists(),
        "its report and document go too"
    );
    assert!(!read(&cited).contains("Văn bản triển khai"));

    // A plan of a year no other plan is of: the open data gets that year's files, and loses
    // them with the plan (a rebuild removes the exports a full build would not make).
    let old_plan = site.path().join("content/plans/2025/cu.md");
    std::fs::write(
        &old_plan,
        "---
title: Kế hoạch cũ
number: 5/KH-UBND
date: 2024-05-02
tasks:
  - content: Việc cũ
    lead: Phòng Văn hóa - Xã hội
    due: Tháng 9/2024
---
Nội dung.
",
    )
    .unwrap();
    project.rebuild().unwrap();
    assert_same_as_full_build(site.path(), &out);
    assert!(out.join("du-lieu/2024/tasks.csv").is_file());
    std::fs::remove_file(&old_plan).unwrap();
    project.rebuild().unwrap();
    assert_same_as_full_build(site.path(), &out);
    assert!(!out.join("du-lieu/2024").exists());

    // units.yaml changes: a full build, still the same bytes.
    let units = site.path().join("content/units.yaml");
    std::thread::sleep(std::time::Duration::from_millis(20));
    let text = read(&units);
    std::fs::write(&units, format!("{text}\n")).unwrap();
    let r = project.rebuild().unwrap();
    assert_eq!(r.plans_read, 5, "a registry change reads every plan again");
    assert_same_as_full_build(site.path(), &out);
}

#[test]
fn adding_a_plan_without_tasks_rebuilds_without_error() {
    let site = demo_copy();
    let out = site.path().join("public");
    let mut project = Project::new(opts(site.path(), &out));
    project.rebuild().unwrap();
    // A first rebuild records how the exports are laid out; the next ones write from the
    // first changed byte, which for a plan without tasks is nothing but empty pieces.
    project.rebuild().unwrap();
    for (name, text) in [
        (
            "zz-trong.md",
            "---\ntitle: Kế hoạch chưa có nhiệm vụ\n---\nNội dung.\n",
        ),
        (
            "a-trong.md",
            "---\ntitle: Một kế hoạch nữa chưa có nhiệm vụ\ndate: 2026-12-01\n---\n",
        ),
    ] {
        let path = site.path().join("content/plans").join(name);
        std::fs::write(&path, text).unwrap();
        if let Err(d) = project.rebuild() {
            panic!(
                "{name}: {:?}",
                d.iter().map(|x| x.to_string()).collect::<Vec<_>>()
            );
        }
        assert_same_as_full_build(site.path(), &out);
    }
}

#[test]
fn a_broken_edit_leaves_the_output_and_a_fix_recovers() {
    let site = demo_copy();
    let out = site.path().join("public");
    let mut project = Project::new(opts(site.path(), &out));
    project.rebuild().unwrap();
    let before = snapshot(&out);
    let plan = site
        .path()
        .join("content/plans/2025/an-thanh-66-kh-ubnd.md");
    let good = read(&plan);
    edit(&plan, "title:", "title: [không đóng");
    let err = project.rebuild().unwrap_err();
    assert!(err.has_errors());
    assert!(
        err.iter()
            .any(|d| d.to_string().contains("an-thanh-66-kh-ubnd.md:")),
        "{err:?}"
    );
    assert!(snapshot(&out) == before, "the output is left as it was");
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&plan, good.replacen("Ban hành", "Ban hành mới", 1)).unwrap();
    project.rebuild().unwrap();
    assert_same_as_full_build(site.path(), &out);
}

/// The search index is updated in place (only the shards of the words whose records changed,
/// the record chunks and facet blocks of the edited plan, and `meta.js`): on a site large
/// enough for frequent words (stored without facet codes) and split shards, each kind of edit
/// gives the bytes of a full build.
#[test]
fn the_search_index_updated_in_place_matches_a_full_build() {
    let site = demo_copy();
    // Twelve copies of each demo plan: 60 plans, about 1,700 records.
    let plans = site.path().join("content/plans");
    for f in files(&plans) {
        let text = read(&plans.join(&f));
        for k in 1..12 {
            let name = format!("ban-{k:02}-{}", f.file_name().unwrap().to_string_lossy());
            // Each copy a plan of its own (`check` refuses a plan in two files).
            let copy: String = text
                .replacen("\ntitle: ", &format!("\ntitle: Bản {k} – "), 1)
                .lines()
                .map(|l| match l.strip_prefix("number: ") {
                    Some(n) if n.starts_with(|c: char| c.is_ascii_digit()) => {
                        format!("number: {k}0{n}\n")
                    }
                    _ => format!("{l}\n"),
                })
                .collect();
            std::fs::write(plans.join(f.parent().unwrap()).join(name), copy).unwrap();
        }
    }
    let out = site.path().join("public");
    let mut project = Project::new(opts(site.path(), &out));
    project.rebuild().unwrap();
    let index = Path::new(kehoach::search::DIR);
    let index_files = files(&out.join(index)).len();
    let plan = plans.join("2025/ban-07-dai-son-cchc-6-thang-cuoi-nam-2025.md");
    let original = read(&plan);

    // A task's wording, with a word found nowhere else.
    let before = mtimes(&out);
    edit(&plan, "Ban hành Kế hoạch", "Ban hành Kế hoạch quýtxanh");
    let r = project.rebuild().unwrap();
    assert_same_as_full_build(site.path(), &out);
    // Updated in place: the shards of its words, 1-2 record chunks, 1-2 facet blocks, meta.
    assert!(
        (3..20).contains(&r.index_files_made),
        "{} of {index_files} index files made",
        r.index_files_made
    );
    let touched = mtimes(&out)
        .into_iter()
        .filter(|(f, t)| f.starts_with(index) && before.get(f) != Some(t))
        .count();
    assert!(
        (1..index_files / 4).contains(&touched),
        "{touched} of {index_files} index files rewritten"
    );

    // A task's status (its facet code, in the postings of its words).
    edit(&plan, "status: cancelled", "status: done");
    updated_in_place(&mut project, site.path(), index_files);

    // A lead unit replaced, and the new word gone again.
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&plan, &original).unwrap();
    edit(&plan, "lead: Phòng Văn hoá- Xã hội", "lead: Công an xã");
    updated_in_place(&mut project, site.path(), index_files);
    assert!(
        !files(&out.join(index)).iter().any(|f| {
            // The record files are binary (their records are UTF-8).
            let bytes = std::fs::read(out.join(index).join(f)).unwrap();
            String::from_utf8_lossy(&bytes).contains("quytxanh")
        }),
        "a word no record has any more leaves the index"
    );

    // Two plans at once, one of them in another year.
    edit(&plan, "lead: Công an xã", "lead: Phòng Văn hoá- Xã hội");
    let other = plans.join("2026/ban-03-an-thanh-so-ket-01-nam.md");
    edit(
        &other,
        "Về công tác lãnh đạo, chỉ đạo",
        "Về công tác lãnh đạo và chỉ đạo",
    );
    updated_in_place(&mut project, site.path(), index_files);
}

/// Rebuilds after an edit: the output is a full build's, and the search index was updated
/// in place (fewer than a third of its `index_files` made).
fn updated_in_place(project: &mut Project, root: &Path, index_files: usize) {
    let r = project.rebuild().unwrap();
    assert_same_as_full_build(root, &project.options().output);
    assert!(
        r.index_files_made < index_files / 3,
        "{} of {index_files} index files made",
        r.index_files_made
    );
}

/// A plan of `n` tasks led by `Phòng Kinh tế`, one of them (`Việc 7`) with a progress update
/// in status `status`.
fn long_plan(n: usize, status: &str) -> String {
    let mut s =
        String::from("---\ntitle: Kế hoạch dài\nnumber: 9/KH-UBND\ndate: 2026-01-05\ntasks:\n");
    for k in 0..n {
        s.push_str(&format!(
            "  - content: Việc {k} của kế hoạch dài.\n    lead: Phòng Kinh tế\n    due: Quý IV/2026\n"
        ));
        if k == 7 {
            s.push_str(&format!(
                "    updates:\n      - {{ date: 2026-01-10, status: {status}, note: Đã làm. }}\n"
            ));
        }
    }
    s.push_str("---\n");
    s
}

#[test]
fn a_status_edit_changes_the_pages_of_its_old_and_new_places_not_every_page_between() {
    // 400 tasks, 10 a page: the list of all tasks and the unit's page each have about 40
    // pages, ordered by status. Task 7 moves from the first status's run to another's.
    let units = "- name: Phòng Kinh tế\n";
    let toml = "title = \"Kế hoạch xã Thử\"\ncommune = \"xã Thử\"\nprovince = \"thành phố Hải Phòng\"\npage_size = 10\n";
    let plan = long_plan(400, "in_progress");
    let site = site(&[
        ("site.toml", toml),
        ("content/units.yaml", units),
        ("content/plans/dai.md", &plan),
    ]);
    let out = site.path().join("public");
    let mut project = Project::new(opts(site.path(), &out));
    project.rebuild().unwrap();
    let pages_of = |dir: &str| {
        mtimes(&out)
            .into_keys()
            .filter(|f| f.starts_with(dir) && f.extension().is_some_and(|e| e == "html"))
            .count()
    };
    let (all, unit) = (
        pages_of("nhiem-vu/trang"),
        pages_of("don-vi/phong-kinh-te/trang"),
    );
    assert!(all > 30 && unit > 30, "{all} and {unit} pages");
    let before = mtimes(&out);
    std::thread::sleep(std::time::Duration::from_millis(20));
    edit(
        &site.path().join("content/plans/dai.md"),
        "status: in_progress",
        "status: done",
    );
    project.rebuild().unwrap();
    assert_same_as_full_build(site.path(), &out);
    let after = mtimes(&out);
    let touched = |dir: &str| {
        after
            .iter()
            .filter(|(f, t)| f.starts_with(dir) && before.get(*f) != Some(*t))
            .count()
    };
    // The page the row left, the page it joined, and a neighbour of each where a cut moved.
    assert!(
        touched("nhiem-vu/trang") <= 4,
        "{} of {all}",
        touched("nhiem-vu/trang")
    );
    assert!(
        touched("don-vi/phong-kinh-te/trang") <= 4,
        "{} of {unit}",
        touched("don-vi/phong-kinh-te/trang")
    );
    // Pages hold about ten rows: at least five, at most fifteen.
    let page = read(&out.join("nhiem-vu/trang/3/index.html"));
    let rows = page.matches("class=\"task-row\"").count();
    assert!((5..=15).contains(&rows), "{rows} rows");
    assert!(
        page.contains(&format!("{rows} mục trên 400")),
        "the pager says how many"
    );
}

#[test]
fn a_word_in_more_records_than_a_codes_file_holds_loses_it_in_a_rebuild() {
    // "zeta" in 8,192 tasks: a frequent word with a codes file (its records' facet codes,
    // `search::CODED` records at most). Two edits take it to 8,194: its posting is written
    // again, with the same number of files, and its codes file must go; then back.
    let mut plan =
        String::from("---\ntitle: Kế hoạch đếm\nnumber: 9/KH-UBND\ndate: 2026-01-05\ntasks:\n");
    let n = kehoach::search::CODED;
    for k in 0..n + 8 {
        let w = if k < n { "zeta" } else { "khác" };
        plan.push_str(&format!(
            "  - content: Việc {k} {w}.\n    lead: Phòng Kinh tế\n    due: Quý IV/2026\n"
        ));
    }
    plan.push_str("---\n");
    let toml =
        "title = \"Kế hoạch xã Thử\"\ncommune = \"xã Thử\"\nprovince = \"thành phố Hải Phòng\"\n";
    let site = site(&[
        ("site.toml", toml),
        ("content/units.yaml", "- name: Phòng Kinh tế\n"),
        ("content/plans/dem.md", &plan),
    ]);
    let out = site.path().join("public");
    let mut project = Project::new(opts(site.path(), &out));
    project.rebuild().unwrap();
    let index = out.join(kehoach::search::DIR);
    let codes = || {
        files(&index.join("p"))
            .into_iter()
            .filter(|f| f.to_string_lossy().ends_with(".c.js"))
            .count()
    };
    let frequent = codes();
    assert!(frequent > 0, "frequent words have codes files");
    let path = site.path().join("content/plans/dem.md");
    std::thread::sleep(std::time::Duration::from_millis(20));
    for k in [n, n + 1] {
        edit(
            &path,
            &format!("Việc {k} khác."),
            &format!("Việc {k} zeta."),
        );
    }
    project.rebuild().unwrap();
    assert_same_as_full_build(site.path(), &out);
    assert_eq!(codes(), frequent - 1, "zeta's codes file is gone");
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&path, &plan).unwrap();
    project.rebuild().unwrap();
    assert_same_as_full_build(site.path(), &out);
    assert_eq!(codes(), frequent);
}
