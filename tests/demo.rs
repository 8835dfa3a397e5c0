//! The demo site (the five real plans) built by the real binary, checked page by page.

mod common;
use common::*;
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

struct Built {
    _dir: tempfile::TempDir,
    out: std::path::PathBuf,
}

fn built() -> &'static Built {
    static B: std::sync::OnceLock<Built> = std::sync::OnceLock::new();
    B.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        build(&repo(), &out);
        Built { _dir: dir, out }
    })
}

fn page(rel: &str) -> String {
    read(&built().out.join(rel))
}

/// (file stem, tasks, groups) of each seed as transcribed in content/.
const PLANS: &[(&str, usize, usize)] = &[
    ("dai-son-thuc-hien-nq-268", 23, 7),
    ("an-thanh-66-kh-ubnd", 37, 9),
    ("hung-dao-75-kh-ubnd", 0, 0),
    ("an-thanh-so-ket-01-nam", 20, 2),
    ("dai-son-cchc-6-thang-cuoi-nam-2025", 37, 7),
];

#[test]
fn every_seed_plan_has_its_tasks_and_groups() {
    for (slug, tasks, groups) in PLANS {
        let html = page(&format!("ke-hoach/{slug}/index.html"));
        assert_eq!(
            count(&html, "class=\"task-row\""),
            *tasks,
            "{slug}: task rows"
        );
        assert_eq!(
            count(&html, "<tr class=\"group-row\">"),
            *groups,
            "{slug}: group rows"
        );
    }
}

#[test]
fn plan_page_is_the_document_as_issued() {
    let html = page("ke-hoach/an-thanh-66-kh-ubnd/index.html");
    assert!(
        html.contains("<title>66/KH-UBND: Thực hiện Nghị quyết số 268/NQ-CP"),
        "title starts with number and title"
    );
    for needle in [
        "ỦY BAN NHÂN DÂN",
        "XÃ AN THÀNH",
        "Số: 66/KH-UBND",
        "An Thành, ngày 07 tháng 10 năm 2025",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Thực hiện Kế hoạch số 261/KH-UBND ngày 25/9/2025",
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Đức Thắng",
        "Sở Nội vụ thành phố",
        "văn bản ghi tổng số 39 nhiệm vụ",
        "I. MỤC ĐÍCH, YÊU CẦU",
    ] {
        assert!(html.contains(needle), "missing {needle:?}");
    }
    // The document's own numbering: group III skips task 3.
    assert!(html.contains("id=\"nv-iii-4\""), "III.4 keeps its number");
    assert!(!html.contains("id=\"nv-iii-3\""), "there is no III.3");
    // A draft without number or day.
    let draft = page("ke-hoach/dai-son-thuc-hien-nq-268/index.html");
    assert!(draft.contains("Số: …/KH-UBND"));
    assert!(draft.contains("ngày … tháng 10 năm 2025"));
    assert!(draft.contains("Đào Văn Soái"));
}

#[test]
fn prose_only_plan_is_published_in_correct_vietnamese() {
    let html = page("ke-hoach/hung-dao-75-kh-ubnd/index.html");
    assert!(html.contains("PHƯỜNG HƯNG ĐẠO"));
    assert!(html.contains("Số: 75/KH-UBND"));
    assert!(html.contains("Ghi chú của Ban Biên tập"));
    assert!(!html.contains("Ké hoach") && !html.contains("Nghi quyét"));
    assert!(!html.contains("class=\"task-row\""));
}

#[test]
fn prose_tasks_of_seed_003_are_tasks_with_leaders_and_a_timed_deadline() {
    let html = page("ke-hoach/an-thanh-so-ket-01-nam/index.html");
    assert!(html.contains("Lãnh đạo chỉ đạo"));
    assert!(html.contains("Đ/c Nguyễn Đức Thắng"));
    assert!(html.contains("chậm nhất 15 giờ, ngày 06/5/2026"));
}

/// Spellings of Phòng Văn hóa - Xã hội seen in the demo's five real plans, folded the simplest way (NFC,
/// lowercase, no spaces around dashes): an oracle independent of the library's matching.
fn is_vhxh(name: &str) -> bool {
    let n: String = name
        .nfc()
        .collect::<String>()
        .to_lowercase()
        .replace(['–', '—'], "-")
        .replace(" -", "-")
        .replace("- ", "-")
        .replace("hoá", "hóa");
    let n = n.trim().trim_end_matches('.');
    [
        "phòng văn hóa-xã hội",
        "phòng văn hóa-xã hội xã",
        "phòng vhxh",
        "phòng vhxb",
    ]
    .contains(&n)
}

/// Counts lead/support mentions of VHXH in the plan files by reading their `lead:`/`support:`
/// lines directly.
fn vhxh_in_sources() -> (usize, usize) {
    let (mut lead, mut support) = (0, 0);
    for f in files(&repo().join("content/plans")) {
        let text = read(&repo().join("content/plans").join(f));
        for line in text.lines() {
            let t = line.trim_start().trim_start_matches("- ");
            for (key, n) in [("lead:", &mut lead), ("support:", &mut support)] {
                if let Some(v) = t.strip_prefix(key) {
                    let v = v.trim().trim_matches(['[', ']']);
                    let v = v.trim_matches('"');
                    if v.split([';', ','])
                        .any(|p| is_vhxh(p.trim().trim_matches('"')))
                    {
                        *n += 1;
                    }
                }
            }
        }
    }
    (lead, support)
}

#[test]
fn unit_page_lists_exactly_the_tasks_naming_it_under_any_spelling() {
    let (lead, support) = vhxh_in_sources();
    assert!(lead > 20, "the real plans name VHXH as lead often ({lead})");
    let html = page("don-vi/phong-van-hoa-xa-hoi/index.html");
    assert!(
        html.contains("<title>Phòng Văn hóa - Xã hội"),
        "title starts with the canonical name"
    );
    assert!(
        html.contains(&format!(
            "Chủ trì {lead} nhiệm vụ, phối hợp {support} nhiệm vụ"
        )),
        "lead {lead} / support {support}"
    );
    // All rows across the unit's pages.
    let pages = list_pages(&built().out, "don-vi/phong-van-hoa-xa-hoi");
    let rows: usize = pages.iter().map(|p| count(p, "class=\"task-row\"")).sum();
    assert_eq!(rows, lead + support);
    // The typo "Phòng VHXB" resolves to the unit: its row on the plan page links to the unit.
    let plan = page("ke-hoach/an-thanh-66-kh-ubnd/index.html");
    assert!(
        plan.contains("phong-van-hoa-xa-hoi/index.html\">Phòng VHXB</a>"),
        "typo resolves through aliases"
    );
}

#[test]
fn units_index_lists_units_but_not_collective_phrases() {
    let html = page("don-vi/index.html");
    assert!(html.contains("Phòng Kinh tế"));
    assert!(html.contains("Trung tâm Phục vụ hành chính công"));
    assert!(!html.contains("Các cơ quan, đơn vị liên quan"));
    assert!(
        !built()
            .out
            .join("don-vi/cac-co-quan-don-vi-lien-quan")
            .exists()
    );
}

#[test]
fn every_internal_link_and_anchor_resolves() {
    let n = check_links(&built().out);
    assert!(n > 1000, "checked {n} links");
}

#[test]
fn every_page_type_exists_and_is_minified() {
    for rel in [
        "index.html",
        "ke-hoach/index.html",
        "don-vi/index.html",
        "nhiem-vu/index.html",
        "nhiem-vu/qua-han/index.html",
        "linh-vuc/index.html",
        "linh-vuc/cai-cach-hanh-chinh/index.html",
        "ke-hoach/nam/2025/index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "feed.xml",
        "assets/style.css",
    ] {
        assert!(built().out.join(rel).is_file(), "{rel}");
    }
    let html = page("index.html");
    assert!(html.starts_with("<!DOCTYPE html><html lang=\"vi\">"));
    assert!(!html.contains("\n\n"), "minified");
}

#[test]
fn all_tasks_are_paginated_without_loss_or_duplicates() {
    let pages = list_pages(&built().out, "nhiem-vu");
    assert_eq!(pages.len(), 2, "117 tasks at 100 a page");
    let ids: Vec<String> = pages
        .iter()
        .flat_map(|html| attrs(html, "href"))
        .filter(|h| h.contains("#nv-"))
        .collect();
    let unique: std::collections::BTreeSet<_> = ids.iter().cloned().collect();
    assert_eq!(ids.len(), 117);
    assert_eq!(unique.len(), 117);
}

#[test]
fn nothing_is_loaded_from_other_hosts_and_no_script_from_content() {
    for f in files(&built().out) {
        if f.extension().is_some_and(|x| x == "html") {
            let html = read(&built().out.join(&f));
            // The theme's script, and the search page's own; a plan page describes its
            // document in JSON-LD, data that never runs.
            let expected = if f.starts_with("tim-kiem") {
                2
            } else if f.starts_with("nhung") {
                0 // an embedded view runs nothing in another portal's page
            } else {
                1
            };
            let data = count(&html, "<script type=\"application/ld+json\">");
            assert_eq!(
                data,
                usize::from(f.starts_with("ke-hoach/") && html.contains("class=\"doc\"")),
                "{}: JSON-LD on plan pages only",
                f.display()
            );
            assert_eq!(
                count(&html, "<script") - data,
                expected,
                "{}: only the theme's scripts",
                f.display()
            );
            assert!(
                !html.contains("src=\"http")
                    && !html.contains("src=\"http")
                    && !html.contains("src=//"),
                "{}",
                f.display()
            );
        }
    }
}

#[test]
fn the_build_date_is_shown_and_reproducible() {
    let html = page("index.html");
    assert!(html.contains("15/01/2026"));
    let dir = tempfile::tempdir().unwrap();
    let again = dir.path().join("public");
    build(&repo(), &again);
    for f in files(&built().out) {
        assert_eq!(
            std::fs::read(built().out.join(&f)).unwrap(),
            std::fs::read(again.join(&f)).unwrap(),
            "{} differs between two builds",
            f.display()
        );
    }
    assert_eq!(files(&built().out), files(&again));
    let _ = Path::new("");
}

#[test]
fn demo_updates_show_every_status() {
    let html = page("nhiem-vu/index.html");
    for label in [
        "Hoàn thành (",
        "Đang thực hiện (",
        "Chưa thực hiện (",
        "Chưa cập nhật (",
        "Dừng thực hiện (",
        "Quá hạn (",
    ] {
        let at = html.find(label).unwrap_or_else(|| panic!("{label}"));
        let n: usize = html[at + label.len()..]
            .split(')')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(n > 0, "{label} has tasks");
    }
    // A plan's update history is shown oldest first, on the task's row.
    let plan = page("ke-hoach/an-thanh-66-kh-ubnd/index.html");
    let first = plan.find("Đã rà soát các văn bản về phân cấp").unwrap();
    let second = plan.find("Đã hoàn thành rà soát và báo cáo").unwrap();
    assert!(first < second);
    assert!(plan.contains("Tiến độ: 2 lần cập nhật"));
}

#[test]
fn a_plan_with_its_signed_file_offers_it_with_kind_and_size() {
    let html = page("ke-hoach/an-thanh-66-kh-ubnd/index.html");
    let size = std::fs::metadata(repo().join("static/files/66-kh-ubnd-ban-in-tu-cong.pdf"))
        .unwrap()
        .len();
    let kb = size.div_ceil(1000);
    assert!(
        html.contains(&format!(
            "Tải văn bản: bản in từ cổng thông tin (minh họa, không phải bản ký số)</a> (PDF, {kb} KB)"
        )),
        "download link with kind and size"
    );
    assert!(
        built()
            .out
            .join("files/66-kh-ubnd-ban-in-tu-cong.pdf")
            .is_file()
    );
}

#[test]
fn embeddable_views_and_their_json_count_what_the_open_data_says() {
    let out = &built().out;
    let all: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("du-lieu/tasks.json")).unwrap()).unwrap();
    let tasks = all["tasks"].as_array().unwrap();
    let plan: serde_json::Value = serde_json::from_slice(
        &std::fs::read(out.join("nhung/ke-hoach/an-thanh-66-kh-ubnd/du-lieu.json")).unwrap(),
    )
    .unwrap();
    let mine: Vec<_> = tasks
        .iter()
        .filter(|t| t["plan"] == "an-thanh-66-kh-ubnd")
        .collect();
    assert_eq!(plan["plan"]["number"], "66/KH-UBND");
    assert_eq!(plan["counts"]["total"], mine.len());
    assert_eq!(plan["tasks"].as_array().unwrap().len(), mine.len());
    for (code, key) in [
        ("open_overdue", "open_overdue"),
        ("done_on_time", "done_on_time"),
    ] {
        let n = mine.iter().filter(|t| t["timeliness"] == code).count();
        assert_eq!(plan["counts"][key], n, "{key}");
    }
    let overdue = mine.iter().filter(|t| t["overdue"] == true).count();
    assert_eq!(plan["counts"]["overdue"], overdue);

    let unit: serde_json::Value = serde_json::from_slice(
        &std::fs::read(out.join("nhung/don-vi/phong-kinh-te/du-lieu.json")).unwrap(),
    )
    .unwrap();
    let open = tasks
        .iter()
        .filter(|t| {
            t["lead_units"]
                .as_str()
                .unwrap()
                .split("; ")
                .any(|u| u == "Phòng Kinh tế")
                && !["done", "cancelled"].contains(&t["status"].as_str().unwrap())
        })
        .count();
    assert_eq!(unit["unit"]["name"], "Phòng Kinh tế");
    assert_eq!(unit["open_count"], open);
    // The soonest due first.
    let ends: Vec<&str> = unit["open"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|t| t["due_end"].as_str())
        .collect();
    assert!(ends.windows(2).all(|w| w[0] <= w[1]), "{ends:?}");
    let html = page("nhung/don-vi/phong-kinh-te/index.html");
    assert!(html.contains("<base target=\"_top\">") && !html.contains("main-nav"));
    assert!(html.contains(&format!("{open} nhiệm vụ đang mở")));
}
