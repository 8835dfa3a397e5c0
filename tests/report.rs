//! Accountability: the report pages and their Word documents count what the open data says;
//! `kehoach report` writes the same from the command line; the exports carry timeliness,
//! completion days and extensions.

mod common;
use common::*;
use kehoach::report::docx;
use serde_json::Value;
use std::path::Path;

/// The demo's tasks as `tasks.json` gives them.
fn tasks(out: &Path) -> Vec<Value> {
    let v: Value = serde_json::from_str(&read(&out.join("du-lieu/tasks.json"))).unwrap();
    v["tasks"].as_array().unwrap().clone()
}

/// The four states' counts of `ts`, in the reports' order.
fn four(ts: &[&Value]) -> [u32; 4] {
    let mut c = [0; 4];
    for t in ts {
        match t["timeliness"].as_str().unwrap() {
            "done_on_time" => c[0] += 1,
            "done_late" => c[1] += 1,
            "open_on_time" => c[2] += 1,
            "open_overdue" => c[3] += 1,
            "" => {}
            other => panic!("unknown timeliness {other}"),
        }
    }
    c
}

const LABELS: [&str; 4] = [
    "Hoàn thành đúng hạn",
    "Hoàn thành quá hạn",
    "Đang thực hiện trong hạn",
    "Quá hạn chưa hoàn thành",
];

/// The counts of the general table of a report page.
fn page_counts(html: &str) -> [u32; 4] {
    LABELS.map(|l| {
        let at = html
            .find(&format!("<th scope=\"row\">{l}</th><td class=\"num\">"))
            .unwrap_or_else(|| panic!("no row {l}"));
        let rest = &html[at..];
        let start = rest.find("class=\"num\">").unwrap() + "class=\"num\">".len();
        rest[start..rest[start..].find('<').unwrap() + start]
            .parse()
            .unwrap()
    })
}

/// The counts of the general table of a report's Word document (the cell after each label).
fn docx_counts(cells: &[String]) -> [u32; 4] {
    LABELS.map(|l| {
        let k = cells
            .iter()
            .position(|c| c == l)
            .unwrap_or_else(|| panic!("no cell {l}"));
        cells[k + 1].parse().unwrap()
    })
}

fn in_period(t: &Value, code: &str) -> bool {
    let p = kehoach::report::period::Period::parse(code).unwrap();
    let end = t["due_end"].as_str().unwrap();
    let dated = !matches!(
        t["due_kind"].as_str().unwrap(),
        "ongoing" | "recurring" | "conditional" | "unknown" | "none"
    );
    dated
        && !end.is_empty()
        && p.contains(chrono::NaiveDate::parse_from_str(end, "%Y-%m-%d").unwrap())
}

#[test]
fn report_pages_and_word_documents_count_what_the_open_data_says() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build(&repo(), &out);
    let all = tasks(&out);
    let (site, _) = kehoach::site::load::load(
        &repo(),
        chrono::NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap(),
    );
    let site = site.unwrap();
    let unit_name = |slug: &str| {
        site.registry
            .units
            .iter()
            .find(|u| u.slug == slug)
            .unwrap()
            .name
            .clone()
    };
    let reports = out.join("bao-cao");
    let mut checked = 0;
    for rel in files(&reports) {
        let page = reports.join(&rel);
        let rel = rel.to_str().unwrap().to_string();
        if !rel.ends_with("index.html") || rel == "index.html" {
            continue;
        }
        let parts: Vec<&str> = rel.trim_end_matches("/index.html").split('/').collect();
        let want: Vec<&Value> = all
            .iter()
            .filter(|t| match parts.as_slice() {
                ["tat-ca-ke-hoach"] => true,
                ["ky", code] => in_period(t, code),
                ["ke-hoach", slug] => t["plan"] == *slug,
                ["don-vi", slug] => t["lead_units"]
                    .as_str()
                    .unwrap()
                    .split("; ")
                    .any(|n| n == unit_name(slug)),
                other => panic!("unexpected report {other:?}"),
            })
            .collect();
        let expected = four(&want);
        let html = read(&page);
        assert_eq!(page_counts(&html), expected, "{rel}");
        // The Word document beside it says the same.
        let bytes = std::fs::read(page.with_file_name("bao-cao.docx")).unwrap();
        let cells = docx::read_text(&bytes).unwrap();
        assert_eq!(docx_counts(&cells), expected, "{rel} (docx)");
        assert!(cells.iter().any(|c| c == "BÁO CÁO"), "{rel}");
        assert!(
            cells
                .iter()
                .any(|c| c.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")),
            "{rel}"
        );
        assert!(cells.iter().any(|c| c.contains("Nơi nhận")), "{rel}");
        // The overdue tasks, most days overdue first.
        let section =
            &html[html.find("III. NHIỆM VỤ QUÁ HẠN").unwrap()..html.find("IV. SO VỚI").unwrap()];
        let days: Vec<i64> = section
            .split("<tr><td class=\"num\">")
            .skip(1)
            .filter_map(|row| {
                // Cells: TT, task, lead, deadline, days …: the fifth.
                let cells: Vec<&str> = row.split("</td>").collect();
                cells
                    .get(4)?
                    .rsplit('>')
                    .next()?
                    .parse()
                    .ok()
                    .filter(|_| cells.len() >= 7)
            })
            .collect();
        assert_eq!(days.len(), expected[3].min(100) as usize, "{rel}");
        assert!(days.windows(2).all(|w| w[0] >= w[1]), "{rel}: {days:?}");
        checked += 1;
    }
    // All plans, 11 periods, 4 plans with tasks, units that lead tasks.
    assert!(checked > 20, "{checked} reports");
    // The catalogue links every report.
    let index = read(&reports.join("index.html"));
    assert!(
        index.contains("ky/2025-q4/index.html") && index.contains("tat-ca-ke-hoach/index.html")
    );
}

#[test]
fn kehoach_report_writes_the_word_document_of_a_plan_unit_or_period() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("q4.docx");
    let o = kehoach(
        &[
            "report",
            "--root",
            repo().to_str().unwrap(),
            "--plan",
            "66/KH-UBND",
            "--period",
            "2025-q4",
            "--output",
            file.to_str().unwrap(),
            "--today",
            TODAY,
        ],
        &repo(),
    );
    let (stdout, stderr) = text(&o);
    assert!(o.status.success(), "{stdout}{stderr}");
    let cells = docx::read_text(&std::fs::read(&file).unwrap()).unwrap();
    let title = cells
        .iter()
        .find(|c| c.starts_with("Kết quả thực hiện Kế hoạch số 66/KH-UBND"))
        .unwrap();
    assert!(title.ends_with("quý IV năm 2025"), "{title}");
    // The same figures as the open data: the plan's tasks due in quý IV 2025.
    let out = dir.path().join("public");
    build(&repo(), &out);
    let all = tasks(&out);
    let want: Vec<&Value> = all
        .iter()
        .filter(|t| t["plan"] == "an-thanh-66-kh-ubnd" && in_period(t, "2025-Q4"))
        .collect();
    assert_eq!(docx_counts(&cells), four(&want));
    assert!(stdout.contains("overdue and not done"), "{stdout}");
    // What it cannot find is named, with what to write instead; nothing is written.
    for (args, needle) in [
        (
            vec!["--plan", "an-thanh-66"],
            "did you mean `an-thanh-66-kh-ubnd`",
        ),
        (
            vec!["--unit", "phong-kinh-tee"],
            "did you mean `phong-kinh-te`",
        ),
        (vec!["--period", "2025-Q5"], "write a quarter `2025-Q4`"),
        (
            vec!["--plan", "66/KH-UBND", "--unit", "phong-kinh-te"],
            "not both",
        ),
    ] {
        let bad = dir.path().join("bad.docx");
        let root = repo();
        let mut a = vec![
            "report",
            "--root",
            root.to_str().unwrap(),
            "-o",
            bad.to_str().unwrap(),
        ];
        a.extend(args.iter().copied());
        let o = kehoach(&a, &repo());
        let (_, err) = text(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(needle), "{args:?}: {err}");
        assert!(!bad.exists());
    }
}

#[test]
fn the_exports_carry_timeliness_completion_and_extensions() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build(&repo(), &out);
    let all = tasks(&out);
    // The demo's extension: the deadline in force, the one written, the document.
    let ext: Vec<&Value> = all.iter().filter(|t| t["extended_by"] != "").collect();
    assert_eq!(ext.len(), 1);
    let t = ext[0];
    assert_eq!(t["due"], "Tháng 3/2026");
    assert_eq!(t["due_original"], "Tháng 12/2025");
    assert_eq!(t["extended_by"], "215/QĐ-UBND");
    assert_eq!(t["due_end"], "2026-03-31");
    assert_eq!(t["timeliness"], "open_on_time");
    assert_eq!(t["overdue"], false);
    let ups = t["updates"].as_array().unwrap();
    assert_eq!(ups.last().unwrap()["extended_to"], "Tháng 3/2026");
    assert_eq!(ups.last().unwrap()["document"], "215/QĐ-UBND");
    // Done on time and done late, with their completion days.
    let late: Vec<&Value> = all
        .iter()
        .filter(|t| t["timeliness"] == "done_late")
        .collect();
    assert!(!late.is_empty());
    for t in &late {
        assert!(
            t["completed"].as_str().unwrap() > t["due_end"].as_str().unwrap(),
            "{t}"
        );
    }
    assert!(all.iter().any(|t| t["timeliness"] == "done_on_time"
        && t["completed"].as_str().unwrap() <= t["due_end"].as_str().unwrap()));
    // Overdue, reported as behind and never reported.
    assert!(
        all.iter()
            .any(|t| t["overdue"] == true && t["status"] == "in_progress")
    );
    assert!(
        all.iter()
            .any(|t| t["overdue"] == true && t["status"] == "not_updated")
    );
    // The CSV has the same columns, in order.
    let csv = read(&out.join("du-lieu/tasks.csv"));
    let head = csv.trim_start_matches('\u{feff}').lines().next().unwrap();
    for col in ["timeliness", "completed", "due_original", "extended_by"] {
        assert!(head.split(',').any(|c| c == col), "{head}");
    }
    // The calendar event moved with the extension.
    // (Its lines unfolded: a content line is folded at 75 bytes.)
    let ics = read(&out.join("du-lieu/tasks.ics")).replace("\r\n ", "");
    assert!(ics.contains("gia hạn từ Tháng 12/2025 theo văn bản 215/QĐ-UBND"));
    // The page shows the deadline written struck through, the one in force beside it.
    let plan = read(&out.join("ke-hoach/an-thanh-66-kh-ubnd/index.html"));
    assert!(plan.contains("<del class=\"due-old\"><span class=\"vh\">Thời hạn ban đầu: </span>Tháng 12/2025</del> <span class=\"due\">Tháng 3/2026</span>"));
    assert!(plan.contains("Đã gia hạn theo văn bản 215/QĐ-UBND"));
    assert!(plan.contains("Quá hạn, chưa có báo cáo"));
}

#[test]
fn the_catalogue_lists_the_plans_reports_a_page_at_a_time() {
    // The demo with two rows a page: its plans' reports (the four with a table of tasks) on
    // two pages of the catalogue, the other reports (all plans, periods, units) on the first.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_demo(&root);
    let toml = read(&repo().join("site.toml"));
    std::fs::write(root.join("site.toml"), format!("page_size = 2\n{toml}")).unwrap();
    let out = dir.path().join("public");
    build(&root, &out);
    let pages = list_pages(&out, "bao-cao");
    let reports: Vec<_> = std::fs::read_dir(out.join("bao-cao/ke-hoach"))
        .unwrap()
        .collect();
    assert_eq!(reports.len(), 4);
    assert_eq!(pages.len(), 2, "four plans' reports, two a page");
    let plan_links = |html: &str| -> Vec<String> {
        attrs(html, "href")
            .into_iter()
            .filter(|h| h.contains("bao-cao/ke-hoach/"))
            .collect()
    };
    let mut seen: Vec<String> = pages
        .iter()
        .flat_map(|p| plan_links(p))
        .map(|h| h.trim_start_matches("../").to_string())
        .collect();
    assert_eq!(plan_links(&pages[0]).len(), 2);
    assert_eq!(plan_links(&pages[1]).len(), 2);
    let n = seen.len();
    seen.sort();
    seen.dedup();
    assert_eq!(
        (n, seen.len()),
        (4, 4),
        "every plan's report once: {seen:?}"
    );
    assert!(pages[0].contains("Theo đơn vị chủ trì") && pages[0].contains("Theo kỳ"));
    for p in &pages[1..] {
        assert!(!p.contains("Theo đơn vị chủ trì") && !p.contains("Theo kỳ"));
        assert!(p.contains("Trang trước"), "a pager on later pages");
    }
    assert!(pages[0].contains("Trang sau"));
}
