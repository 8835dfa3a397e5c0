//! Statuses on a fixed day, and the exports (CSV, JSON, iCalendar) parsed by real parsers and
//! compared with the pages.

mod common;
use common::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn build_demo(today: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let o = kehoach(
        &["build", "--output", out.to_str().unwrap(), "--today", today],
        &repo(),
    );
    assert!(o.status.success(), "{:?}", text(&o));
    (dir, out)
}

fn csv_rows(out: &Path) -> Vec<BTreeMap<String, String>> {
    let bytes = std::fs::read(out.join("du-lieu/tasks.csv")).unwrap();
    assert!(bytes.starts_with(b"\xef\xbb\xbf"), "BOM for Excel");
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            headers
                .iter()
                .zip(rec.unwrap().iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

fn row<'a>(
    rows: &'a [BTreeMap<String, String>],
    plan: &str,
    id: &str,
) -> &'a BTreeMap<String, String> {
    rows.iter()
        .find(|r| r["plan"] == plan && r["task_id"] == id)
        .unwrap_or_else(|| panic!("{plan}#{id}"))
}

#[test]
fn statuses_on_a_fixed_day() {
    let (_d, out) = build_demo("2026-01-15");
    let rows = csv_rows(&out);
    assert_eq!(rows.len(), 117);
    let p = "an-thanh-66-kh-ubnd";
    // Tháng 11/2025, done in November: not overdue.
    let r = row(&rows, p, "nv-i-1");
    assert_eq!(
        (
            r["status"].as_str(),
            r["overdue"].as_str(),
            r["due_end"].as_str()
        ),
        ("done", "false", "2025-11-30")
    );
    // Tháng 9/2025, in progress at 60 %: overdue.
    let r = row(&rows, p, "nv-iii-1");
    assert_eq!(
        (
            r["status"].as_str(),
            r["overdue"].as_str(),
            r["percent"].as_str()
        ),
        ("in_progress", "true", "60")
    );
    // Conditional and ongoing deadlines are never overdue.
    let r = row(&rows, p, "nv-iv-1");
    assert_eq!(
        (
            r["due_kind"].as_str(),
            r["overdue"].as_str(),
            r["status"].as_str()
        ),
        ("conditional", "false", "not_started")
    );
    for r in rows.iter().filter(|r| {
        r["due_kind"] == "ongoing" || r["due_kind"] == "conditional" || r["due_kind"] == "recurring"
    }) {
        assert_eq!(r["overdue"], "false", "{}#{}", r["plan"], r["task_id"]);
    }
    // Tháng 12/2025 with no report: not updated, and overdue — two different facts.
    let r = row(&rows, p, "nv-vii-1");
    assert_eq!(
        (r["status"].as_str(), r["overdue"].as_str()),
        ("not_updated", "true")
    );
    // Cancelled is never overdue.
    let r = row(&rows, "dai-son-cchc-6-thang-cuoi-nam-2025", "nv-27");
    assert_eq!(
        (r["status"].as_str(), r["overdue"].as_str()),
        ("cancelled", "false")
    );

    // The pages agree with the data: counts on the home page and the overdue list.
    let overdue = rows.iter().filter(|r| r["overdue"] == "true").count();
    assert!(overdue > 10, "{overdue}");
    let home = read(&out.join("index.html"));
    assert!(
        home.contains(&format!("Nhiệm vụ quá hạn ({overdue})")),
        "home shows {overdue}"
    );
    let list = read(&out.join("nhiem-vu/qua-han/index.html"));
    assert!(list.contains(&format!("Quá hạn ({overdue})")));
    let plan = read(&out.join("ke-hoach/an-thanh-66-kh-ubnd/index.html"));
    for r in rows.iter().filter(|r| r["plan"] == p) {
        // An open task with a dated deadline carries its last day, for the page's script.
        let open = r["timeliness"] == "open_on_time" || r["timeliness"] == "open_overdue";
        let end = if open {
            format!(" data-end=\"{}\"", r["due_end"])
        } else {
            String::new()
        };
        let overdue = if r["overdue"] == "true" {
            " data-overdue=\"1\""
        } else {
            ""
        };
        let tag = format!(
            "<tr id=\"{}\" class=\"task-row\" data-state=\"{}\"{overdue}{end}>",
            r["task_id"], r["status"]
        );
        let found = plan.contains(&tag);
        assert!(
            found,
            "plan page row for {} agrees with the CSV ({} overdue={})",
            r["task_id"], r["status"], r["overdue"]
        );
    }
}

#[test]
fn due_soon_lists_the_next_30_days() {
    let (_d, out) = build_demo("2026-04-20");
    let home = read(&out.join("index.html"));
    let at = home.find("id=\"sap-den-han\"").expect("due-soon section");
    let soon = &home[at..];
    // Plan 003's reports are due "chậm nhất 15 giờ, ngày 06/5/2026": 16 days later.
    assert!(
        soon.contains("chậm nhất 15 giờ, ngày 06/5/2026"),
        "due soon"
    );
    let (_d2, out2) = build_demo("2026-05-07");
    let home2 = read(&out2.join("index.html"));
    let soon2 = &home2[home2.find("id=\"sap-den-han\"").unwrap()..];
    assert!(
        !soon2.contains("chậm nhất 15 giờ, ngày 06/5/2026"),
        "no longer due soon once past"
    );
    // The home page names the longest overdue; the list of every overdue task has it.
    let overdue2 = list_pages(&out2, "nhiem-vu/qua-han").concat();
    assert!(
        overdue2.contains("chậm nhất 15 giờ, ngày 06/5/2026"),
        "overdue the day after"
    );
}

#[test]
fn json_has_the_same_records_and_every_update() {
    let (_d, out) = build_demo("2026-01-15");
    let rows = csv_rows(&out);
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("du-lieu/tasks.json")).unwrap()).unwrap();
    assert_eq!(v["schema"], 1);
    assert_eq!(v["today"], "2026-01-15");
    let tasks = v["tasks"].as_array().unwrap();
    assert_eq!(tasks.len(), rows.len());
    for (t, r) in tasks.iter().zip(&rows) {
        assert_eq!(t["task_id"], r["task_id"].as_str());
        assert_eq!(t["status"], r["status"].as_str());
        assert_eq!(t["due"], r["due"].as_str());
    }
    let t = tasks
        .iter()
        .find(|t| t["plan"] == "an-thanh-66-kh-ubnd" && t["task_id"] == "nv-i-1")
        .unwrap();
    let ups = t["updates"].as_array().unwrap();
    assert_eq!(ups.len(), 2);
    assert_eq!(ups[0]["date"], "2025-11-10");
    assert_eq!(ups[1]["status"], "done");
}

#[test]
fn calendars_parse_and_agree_with_the_data() {
    use icalendar::{Calendar, CalendarComponent, Component};
    let (_d, out) = build_demo("2026-01-15");
    let rows = csv_rows(&out);
    let parse = |rel: &str| -> Vec<icalendar::Event> {
        let text = read(&out.join(rel));
        assert!(
            text.lines().all(|l| l.len() <= 76),
            "{rel}: folded at 75 octets"
        );
        assert!(text.contains("\r\n"), "CRLF line ends");
        let cal: Calendar = text.parse().unwrap_or_else(|e| panic!("{rel}: {e}"));
        cal.components
            .into_iter()
            .filter_map(|c| {
                if let CalendarComponent::Event(e) = c {
                    Some(e)
                } else {
                    None
                }
            })
            .collect()
    };
    let events = parse("du-lieu/tasks.ics");
    let dated: Vec<_> = rows
        .iter()
        .filter(|r| {
            !r["due_end"].is_empty()
                && ["date", "month", "quarter", "half_year", "year", "range"]
                    .contains(&r["due_kind"].as_str())
        })
        .collect();
    // The site's and the units' calendars hold what a subscriber needs: open tasks due from
    // a year before the build day (2026-01-15) on, done or cancelled ones from three months
    // before; a plan's calendar holds all of its.
    let in_window = |r: &&BTreeMap<String, String>| {
        let closed = r["status"] == "done" || r["status"] == "cancelled";
        r["due_end"].as_str() >= if closed { "2025-10-15" } else { "2025-01-15" }
    };
    let window: Vec<_> = dated.iter().copied().filter(in_window).collect();
    assert!(
        window.len() < dated.len(),
        "the demo has tasks out of the window"
    );
    assert_eq!(events.len(), window.len());
    let mut uids: Vec<String> = events
        .iter()
        .map(|e| e.get_uid().unwrap().to_string())
        .collect();
    uids.sort();
    uids.dedup();
    assert_eq!(uids.len(), events.len(), "UIDs are unique");
    for r in &window {
        let uid = format!("{}-{}@kehoach", r["plan"], r["task_id"]);
        let e = events
            .iter()
            .find(|e| e.get_uid() == Some(uid.as_str()))
            .unwrap_or_else(|| panic!("{uid}"));
        let start = match e.get_start() {
            Some(icalendar::DatePerhapsTime::Date(d)) => d.to_string(),
            other => panic!("{uid}: all-day expected, got {other:?}"),
        };
        assert_eq!(start, r["due_end"], "{uid}");
        assert!(e.get_summary().unwrap().starts_with("Hạn: "));
    }
    // A unit's calendar: its dated tasks, lead or support.
    let unit = parse("don-vi/phong-van-hoa-xa-hoi/tasks.ics");
    let mine = window
        .iter()
        .filter(|r| {
            r["lead_units"]
                .split("; ")
                .chain(r["support_units"].split("; "))
                .any(|u| u == "Phòng Văn hóa - Xã hội")
        })
        .count();
    assert_eq!(unit.len(), mine);
    assert!(mine > 10);
    // Each plan's calendar: its dated tasks; its page links it and its CSV.
    let plans: std::collections::BTreeSet<&str> = rows.iter().map(|r| r["plan"].as_str()).collect();
    // (The demo's fifth plan, a report without a task table, has neither.)
    assert_eq!(plans.len(), 4);
    let mut all = 0;
    for plan in &plans {
        let own = parse(&format!("ke-hoach/{plan}/tasks.ics"));
        let want = dated.iter().filter(|r| r["plan"] == *plan).count();
        assert_eq!(own.len(), want, "{plan}");
        all += own.len();
        let page = read(&out.join(format!("ke-hoach/{plan}/index.html")));
        assert!(
            page.contains(&format!(
                "href=\"../../ke-hoach/{plan}/tasks.ics\">Thêm thời hạn vào lịch</a>"
            )),
            "{plan}"
        );
        assert!(
            page.contains(&format!(
                "href=\"../../ke-hoach/{plan}/tasks.csv\" download>Tải danh sách nhiệm vụ</a>"
            )),
            "{plan}"
        );
    }
    assert_eq!(
        all,
        dated.len(),
        "the plans' calendars together hold every deadline"
    );
}

#[test]
fn each_plans_csv_holds_exactly_its_rows_of_the_sites() {
    let (_d, out) = build_demo("2026-01-15");
    let site = read(&out.join("du-lieu/tasks.csv"));
    let (head, body) = site.split_once('\n').unwrap();
    // The plans in the order of the site's rows.
    let mut order: Vec<String> = Vec::new();
    let mut rd = csv::Reader::from_reader(site.trim_start_matches('\u{feff}').as_bytes());
    for r in rd.records() {
        let plan = r.unwrap()[0].to_string();
        if order.last() != Some(&plan) {
            order.push(plan);
        }
    }
    assert_eq!(order.len(), 4, "{order:?}");
    let mut joined = String::new();
    for plan in &order {
        let text = read(&out.join(format!("ke-hoach/{plan}/tasks.csv")));
        let (h, rows) = text.split_once('\n').unwrap();
        assert_eq!(h, head, "{plan}: the same header");
        let mut rd = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let n = rd
            .records()
            .map(|r| assert_eq!(&r.unwrap()[0], plan.as_str()))
            .count();
        assert!(n > 0, "{plan}");
        joined.push_str(rows);
    }
    // Together, in site order, the plans' rows are the site's, byte for byte.
    assert_eq!(joined, body);
    // A plan without tasks has neither file.
    for f in files(&out.join("ke-hoach")) {
        if f.file_name().unwrap() == "index.html" && f.components().count() == 2 {
            let plan = f.parent().unwrap().to_str().unwrap().to_string();
            if !order.contains(&plan)
                && !["trang", "nam", "co-quan"]
                    .iter()
                    .any(|x| plan.starts_with(x))
            {
                assert!(
                    !out.join(format!("ke-hoach/{plan}/tasks.csv")).exists(),
                    "{plan}"
                );
                assert!(
                    !out.join(format!("ke-hoach/{plan}/tasks.ics")).exists(),
                    "{plan}"
                );
            }
        }
    }
}

/// The task rows a quarter's or a month's page (`dir`) leads to: its link into the year's
/// list, to the heading row of `id`, and the rows from there to the next period's heading
/// (another quarter's, for a quarter) or the end of the list.
fn run_rows(out: &Path, dir: &str, id: &str) -> usize {
    let page = read(&out.join(dir).join("index.html"));
    let href = page
        .split("<p class=\"run-link\"><a href=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let (file, anchor) = href.split_once('#').unwrap();
    assert_eq!(anchor, id);
    let target = read(&out.join(dir).join(file));
    let at = target.find(&format!("id=\"{id}\"")).unwrap();
    let rest = &target[at..target[at..]
        .find("</tbody>")
        .map_or(target.len(), |e| at + e)];
    let quarter = id.starts_with("quy-");
    let mut n = 0;
    for (k, row) in rest.split("<tr ").enumerate() {
        if row.starts_with("class=\"group-row\"")
            && k > 1
            && (!quarter || row.contains("<span id=\"quy-"))
        {
            break;
        }
        n += usize::from(row.starts_with("class=\"task-row\""));
    }
    n
}

#[test]
fn tasks_filter_by_period_without_javascript() {
    let (_d, out) = build_demo("2026-01-15");
    let rows = csv_rows(&out);
    let q4: Vec<_> = rows
        .iter()
        .filter(|r| {
            r["due_end"].starts_with("2025-1")
                && ["date", "month", "quarter", "half_year", "year", "range"]
                    .contains(&r["due_kind"].as_str())
        })
        .collect();
    let html = read(&out.join("nhiem-vu/han/2025/quy-4/index.html"));
    assert!(
        html.contains(&format!("Quý IV/2025 ({})", q4.len())),
        "{}",
        q4.len()
    );
    let dec = rows
        .iter()
        .filter(|r| r["due_end"].starts_with("2025-12") && r["due_kind"] != "conditional")
        .count();
    let html = read(&out.join("nhiem-vu/han/2025/thang-12/index.html"));
    assert!(html.contains(&format!("Tháng 12/2025 ({dec})")));
    // A month's and a quarter's page link into the year's list (sorted by deadline), where a
    // heading row starts the period: its rows there are the period's tasks.
    assert_eq!(count(&html, "class=\"task-row\""), 0);
    assert_eq!(
        run_rows(&out, "nhiem-vu/han/2025/thang-12", "thang-12"),
        dec
    );
    assert_eq!(run_rows(&out, "nhiem-vu/han/2025/quy-4", "quy-4"), q4.len());
    assert!(out.join("nhiem-vu/han/2026/index.html").is_file());
    check_links(&out);
}

#[test]
fn a_years_counts_link_to_its_own_lists_by_status_and_a_topic_lists_its_tasks() {
    let (_d, out) = build_demo("2026-01-15");
    let rows = csv_rows(&out);
    let due_2025 = |r: &&BTreeMap<String, String>| {
        r["due_end"].starts_with("2025-") && r["due_kind"] != "conditional"
    };
    let overdue = rows
        .iter()
        .filter(due_2025)
        .filter(|r| r["overdue"] == "true")
        .count();
    let done = rows
        .iter()
        .filter(due_2025)
        .filter(|r| r["status"] == "done")
        .count();
    assert!(overdue > 10 && done > 0, "{overdue} {done}");
    let year = read(&out.join("nhiem-vu/han/2025/index.html"));
    // The year's counts are its own, and each links to a page the build made (no script).
    assert!(
        year.contains(&format!(
            "<a href=\"../../../nhiem-vu/han/2025/qua-han/index.html\">Quá hạn ({overdue})</a>"
        )),
        "{year}"
    );
    assert!(year.contains(&format!(
        "<a href=\"../../../nhiem-vu/han/2025/hoan-thanh/index.html\">Hoàn thành ({done})</a>"
    )));
    assert!(!year.contains("tinh-trang="));
    let list = read(&out.join("nhiem-vu/han/2025/qua-han/index.html"));
    assert!(
        list.contains("<h1>Nhiệm vụ có thời hạn năm 2025: quá hạn</h1>"),
        "{list}"
    );
    assert_eq!(count(&list, "class=\"task-row\""), overdue.min(50));
    assert!(list.contains(&format!(
        "href=\"../../../../nhiem-vu/han/2025/qua-han/index.html\" aria-current=\"page\">Quá hạn ({overdue})</a>"
    )));
    let list = read(&out.join("nhiem-vu/han/2025/hoan-thanh/index.html"));
    assert_eq!(count(&list, "class=\"task-row\""), done);
    // A quarter's and a month's list has no lists by status of its own (the year's are
    // enough, and they stored every dated task twice more): its overdue tasks are in it.
    for (period, prefixes) in [
        ("quy-4", ["2025-10", "2025-11", "2025-12"]),
        ("thang-12", ["2025-12"; 3]),
    ] {
        let n = rows
            .iter()
            .filter(due_2025)
            .filter(|r| {
                r["overdue"] == "true" && prefixes.iter().any(|p| r["due_end"].starts_with(p))
            })
            .count();
        assert!(n > 0);
        let page = read(&out.join(format!("nhiem-vu/han/2025/{period}/index.html")));
        assert!(
            !page.contains("Nhiệm vụ trong kỳ theo tình trạng"),
            "{period}"
        );
        assert!(
            !out.join(format!("nhiem-vu/han/2025/{period}/qua-han"))
                .exists()
        );
        assert!(page.contains("<p class=\"run-link\">"), "{period}");
    }

    // A topic's page lists its plans with their task counts, each leading to its own task
    // table: the tasks are not listed a second time. The address of the list they had sends
    // the reader on to the topic.
    let topic = read(&out.join("linh-vuc/dat-dai-quy-hoach/index.html"));
    assert!(topic.contains("<p>2 kế hoạch thuộc lĩnh vực này, 37 nhiệm vụ: mỗi kế hoạch dẫn đến bảng nhiệm vụ của mình.</p>"), "{topic}");
    assert_eq!(count(&topic, "class=\"task-row\""), 0);
    assert!(topic.contains("href=\"../../ke-hoach/an-thanh-66-kh-ubnd/index.html\""));
    let moved = read(&out.join("linh-vuc/dat-dai-quy-hoach/nhiem-vu/index.html"));
    assert!(moved.contains("<meta http-equiv=\"refresh\" content=\"0; url=../../../linh-vuc/dat-dai-quy-hoach/index.html\">"), "{moved}");
    assert!(moved.contains("<meta name=\"robots\" content=\"noindex\">"));
    assert!(
        !out.join("linh-vuc/dat-dai-quy-hoach/nhiem-vu/trang")
            .exists()
    );
    check_links(&out);
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_as_formulas_are_neutralised() {
    let plan = "---\ntitle: \"=HYPERLINK(\\\"http://evil.example\\\",\\\"Bấm vào\\\")\"\ndate: 2026-01-05\ntasks:\n  - content: \"=1+1\"\n    lead: \"+84 Phòng\"\n    support: \"-Phòng khác\"\n    output: \"@SUM(A1:A9)\"\n    due: Quý I/2026\n    updates:\n      - { date: 2026-01-10, status: in_progress, note: \"=cmd|' /C calc'!A0\" }\n  - content: Việc bình thường - không sao\n    due: Quý I/2026\n---\n";
    let dir = site(&[("content/plans/x.md", plan)]);
    let out = dir.path().join("public");
    build(dir.path(), &out);
    let rows = csv_rows(&out);
    let r = &rows[0];
    assert_eq!(
        r["plan_title"],
        "'=HYPERLINK(\"http://evil.example\",\"Bấm vào\")"
    );
    assert_eq!(r["content"], "'=1+1");
    assert_eq!(r["lead"], "'+84 Phòng");
    assert_eq!(r["support"], "'-Phòng khác");
    assert_eq!(r["output"], "'@SUM(A1:A9)");
    assert_eq!(r["last_note"], "'=cmd|' /C calc'!A0");
    assert_eq!(rows[1]["content"], "Việc bình thường - không sao");
    // No cell of any row starts as a formula would.
    for row in &rows {
        for (k, v) in row {
            assert!(!v.starts_with(['=', '+', '-', '@', '\t', '\r']), "{k}: {v}");
        }
    }
    // The JSON keeps the text as written.
    let json: serde_json::Value =
        serde_json::from_str(&read(&out.join("du-lieu/tasks.json"))).unwrap();
    assert_eq!(json["tasks"][0]["content"], "=1+1");
    assert_eq!(json["tasks"][0]["updates"][0]["note"], "=cmd|' /C calc'!A0");
}

/// The files of the catalogue (`du-lieu/catalog.json`), by dataset identifier: each file's
/// path from the site root (no `base_url` in these sites) and the size the catalogue gives.
fn catalogue(out: &Path) -> BTreeMap<String, Vec<(String, u64)>> {
    let v: serde_json::Value =
        serde_json::from_str(&read(&out.join("du-lieu/catalog.json"))).unwrap();
    assert_eq!(v["@type"], "dcat:Catalog");
    v["dcat:dataset"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let files = d["dcat:distribution"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| {
                    (
                        f["dcat:downloadURL"].as_str().unwrap().to_string(),
                        f["dcat:byteSize"].as_u64().unwrap(),
                    )
                })
                .collect();
            (d["dct:identifier"].as_str().unwrap().to_string(), files)
        })
        .collect()
}

/// The rows of a CSV file (header checked against `head`).
fn rows_of(path: &Path, head: &str) -> Vec<String> {
    let text = read(path);
    let (h, body) = text.split_once("\r\n").unwrap();
    assert_eq!(h, head, "{}: same columns", path.display());
    let mut rows = Vec::new();
    let mut rd = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body.as_bytes());
    for r in rd.records() {
        rows.push(r.unwrap().iter().collect::<Vec<_>>().join("\u{1f}"));
    }
    rows
}

/// The JSON task objects of a `tasks.json`, as text.
fn json_tasks(path: &Path) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(&read(path)).unwrap();
    v["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.to_string())
        .collect()
}

/// Whether two lists hold the same items, each as many times.
fn same_items(mut a: Vec<String>, mut b: Vec<String>) -> bool {
    a.sort();
    b.sort();
    a == b
}

#[test]
fn the_years_files_together_are_the_whole_and_the_catalogue_lists_every_file() {
    let (_d, out) = build_demo("2026-01-15");
    let cat = catalogue(&out);
    // Every file listed exists with the size given.
    for (id, files) in &cat {
        for (path, size) in files {
            let meta =
                std::fs::metadata(out.join(path)).unwrap_or_else(|e| panic!("{id}: {path}: {e}"));
            assert_eq!(meta.len(), *size, "{path}");
        }
    }
    let whole = read(&out.join("du-lieu/tasks.csv"));
    let head = whole.split_once("\r\n").unwrap().0.to_string();
    let all = rows_of(&out.join("du-lieu/tasks.csv"), &head);
    let all_json = json_tasks(&out.join("du-lieu/tasks.json"));
    assert_eq!(all.len(), 117);
    // The years' files: every task once, in the same columns, the same records.
    let years: Vec<&String> = cat.keys().filter(|k| k.starts_with("tasks-")).collect();
    assert!(years.len() >= 3, "{years:?}");
    let (mut rows, mut objs) = (Vec::new(), Vec::new());
    for y in &years {
        for (path, _) in &cat[*y] {
            if path.ends_with(".csv") {
                rows.extend(rows_of(&out.join(path), &head));
            } else {
                objs.extend(json_tasks(&out.join(path)));
            }
        }
    }
    assert!(
        same_items(rows, all.clone()),
        "the years' CSV files are the whole"
    );
    assert!(
        same_items(objs, all_json),
        "the years' JSON files are the whole"
    );
    // A year's file holds the plans of that year.
    let y2025 = rows_of(&out.join("du-lieu/2025/tasks.csv"), &head);
    assert!(!y2025.is_empty());
    assert!(
        y2025
            .iter()
            .all(|r| r.split('\u{1f}').nth(4).unwrap().starts_with("2025"))
    );
    // Each plan's CSV: together the whole too.
    let mut plans = Vec::new();
    for e in std::fs::read_dir(out.join("ke-hoach")).unwrap() {
        let f = e.unwrap().path().join("tasks.csv");
        if f.exists() {
            plans.extend(rows_of(&f, &head));
        }
    }
    assert!(same_items(plans, all), "the plans' CSV files are the whole");
    // The calendars are listed: the site's and each unit's.
    assert!(
        cat["calendars"]
            .iter()
            .any(|(p, _)| p == "du-lieu/tasks.ics")
    );
    assert!(
        cat["calendars"]
            .iter()
            .any(|(p, _)| p.starts_with("don-vi/"))
    );
    // The open-data page links every file.
    let page = read(&out.join("du-lieu/index.html"));
    for files in cat.values() {
        for (path, _) in files {
            assert!(
                page.contains(&format!("../{path}")) || path.starts_with("don-vi/"),
                "{path}"
            );
        }
    }
}

/// A site whose tasks' JSON passes 10 MB: 60 plans of 2025 and 20 of 2026, 50 tasks each
/// with 3 KB of wording, every task due in the month after its plan.
fn large_site() -> tempfile::TempDir {
    let filler =
        "Rà soát, cập nhật, số hóa hồ sơ đất đai và dữ liệu dân cư trên địa bàn xã; ".repeat(40);
    let mut files = vec![
        (
            "site.toml".to_string(),
            "title = \"Cổng lớn\"\ncommune = \"xã Lớn\"\nprovince = \"tỉnh Thử\"\n".to_string(),
        ),
        (
            "content/units.yaml".to_string(),
            "- name: Phòng Kinh tế\n- name: Công an xã\n".to_string(),
        ),
    ];
    for p in 0..80 {
        let year = if p < 60 { 2025 } else { 2026 };
        let month = 1 + p % 11;
        let mut s = format!(
            "---\nnumber: \"{}/KH-UBND\"\ntitle: \"Kế hoạch thử số {p}\"\nissuer: UBND xã Lớn\ndate: {year}-{month:02}-01\ntasks:\n",
            p + 1
        );
        for t in 0..50 {
            s.push_str(&format!(
                "  - content: \"Nhiệm vụ {t}: {filler}\"\n    lead: {}\n    due: Tháng {}/{year}\n",
                if t % 2 == 0 {
                    "Phòng Kinh tế"
                } else {
                    "Công an xã"
                },
                month + 1
            ));
        }
        s.push_str("---\n");
        files.push((format!("content/plans/{p:03}.md"), s));
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, c)| (p.as_str(), c.as_str()))
        .collect();
    site(&refs)
}

#[test]
fn a_large_sites_open_data_is_cut_into_files_under_10_mb_that_together_hold_every_task() {
    let dir = large_site();
    let out = dir.path().join("public");
    let o = kehoach(
        &[
            "build",
            "--output",
            out.to_str().unwrap(),
            "--today",
            "2026-06-15",
        ],
        dir.path(),
    );
    assert!(o.status.success(), "{:?}", text(&o));
    // No whole-site file: it would pass the bound.
    assert!(!out.join("du-lieu/tasks.json").exists());
    assert!(!out.join("du-lieu/tasks.csv").exists());
    let cat = catalogue(&out);
    assert!(!cat.contains_key("tasks"));
    // 2025 is cut in parts; every open-data file is under 10 MB.
    let parts = &cat["tasks-2025"];
    assert!(parts.len() >= 4, "{parts:?}");
    assert!(
        parts.iter().any(|(p, _)| p == "du-lieu/2025/tasks-2.json"),
        "{parts:?}"
    );
    for files in cat.values() {
        for (path, size) in files {
            assert!(*size <= 10_000_000, "{path}: {size} bytes");
        }
    }
    // Every task once across the years' files.
    let mut ids = Vec::new();
    for y in ["tasks-2025", "tasks-2026"] {
        for (path, _) in cat[y].iter().filter(|(p, _)| p.ends_with(".json")) {
            let v: serde_json::Value = serde_json::from_str(&read(&out.join(path))).unwrap();
            for t in v["tasks"].as_array().unwrap() {
                ids.push(format!("{}#{}", t["plan"], t["task_id"]));
            }
        }
    }
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!((n, ids.len()), (4000, 4000));
    // The site's calendar parses and keeps the open tasks due from a year before the build
    // day on (2025-06-15): those of the plans of June 2025 on.
    let ics = read(&out.join("du-lieu/tasks.ics"));
    assert!(ics.len() <= 10_000_000, "{}", ics.len());
    let cal: icalendar::Calendar = ics.parse().unwrap();
    let want = (0..80)
        .filter(|p| {
            let (year, month) = (if *p < 60 { 2025 } else { 2026 }, 1 + p % 11);
            // Due at the end of the month after the plan's.
            (year, month + 1) >= (2025, 6)
        })
        .count()
        * 50;
    assert_eq!(cal.components.len(), want);
    // A plan's calendar keeps every deadline.
    let plan = read(
        &out.join("ke-hoach")
            .join(
                std::fs::read_dir(out.join("ke-hoach"))
                    .unwrap()
                    .find_map(|e| {
                        let p = e.unwrap().path();
                        p.join("tasks.ics")
                            .exists()
                            .then(|| p.file_name().unwrap().to_owned())
                    })
                    .unwrap(),
            )
            .join("tasks.ics"),
    );
    assert_eq!(plan.matches("BEGIN:VEVENT").count(), 50);
}

#[test]
fn a_units_count_of_each_status_leads_to_that_many_of_its_tasks() {
    let (_d, out) = build_demo("2026-01-15");
    let rows = csv_rows(&out);
    let dir = "don-vi/phong-van-hoa-xa-hoi";
    let page = read(&out.join(dir).join("index.html"));
    let mut seen = 0;
    for (code, slug, label) in [
        ("not_updated", "chua-cap-nhat", "Chưa cập nhật"),
        ("in_progress", "dang-thuc-hien", "Đang thực hiện"),
        ("done", "hoan-thanh", "Hoàn thành"),
    ] {
        // Its tasks that it leads in that status, from the open data.
        let want = rows
            .iter()
            .filter(|r| {
                r["status"] == code
                    && r["lead_units"]
                        .split("; ")
                        .any(|u| u == "Phòng Văn hóa - Xã hội")
            })
            .count();
        let link = format!("{label}: <a href=\"");
        let Some(at) = page.find(&link) else {
            assert_eq!(want, 0, "{code}");
            continue;
        };
        let href = page[at + link.len()..].split('"').next().unwrap();
        let (file, id) = href.split_once('#').unwrap();
        assert_eq!(id, format!("chu-tri-{slug}"));
        let target = read(&out.join(dir).join(file));
        let from = target.find(&format!("id=\"{id}\"")).unwrap();
        // The heading row says the count; the rows after it, up to the next heading or the
        // end of the table, are that many of its tasks, each in that status.
        assert!(target[from..].starts_with(&format!(
            "id=\"{id}\"><th scope=\"colgroup\" colspan=\"5\">{label} ({want})</th>"
        )));
        let rest = &target[from..];
        let rest = &rest[..rest.find("</tbody>").unwrap()];
        let mut n = 0;
        for (k, row) in rest.split("<tr ").enumerate().skip(1) {
            if row.starts_with("class=\"group-row\"") && k > 0 {
                break;
            }
            assert!(row.contains(&format!("data-state=\"{code}\"")), "{row}");
            n += 1;
        }
        assert_eq!(n, want, "{code}");
        seen += 1;
    }
    assert!(seen >= 2);
    // No page of its own for a status: the runs are the lists.
    assert!(!out.join(dir).join("chu-tri/chua-cap-nhat").exists());
    assert!(out.join(dir).join("chu-tri/qua-han/index.html").exists());
}
