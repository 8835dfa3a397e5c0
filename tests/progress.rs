//! Progress from the units in bulk, on a copy of the demo: `kehoach export phieu` writes a
//! unit's sheet (.xlsx read back with calamine, .csv), a unit fills it in (an .xlsx written as
//! Excel saves one, with day cells; a CSV with semicolons, as Excel writes in a Vietnamese
//! locale), and `kehoach import updates` adds the good rows, refusing the whole sheet while
//! one row is wrong unless --skip-bad, with the exact summary and each problem at row:column.

mod common;
use common::*;

use calamine::{Data, Reader, Xlsx};
use std::path::Path;

fn run(args: &[&str], cwd: &Path) -> (i32, String, String) {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(args)
        .current_dir(cwd)
        .env("KEHOACH_LANG", "vi")
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("the binary runs");
    let (so, se) = text(&o);
    (o.status.code().unwrap_or(-1), so, se)
}

/// The sheet's header and rows as text.
fn read_xlsx(path: &Path) -> Vec<Vec<String>> {
    let mut wb: Xlsx<_> = calamine::open_workbook(path).expect("an .xlsx");
    let range = wb.worksheet_range_at(0).unwrap().unwrap();
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::String(s) => s.clone(),
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

const PLAN66: &str = "content/plans/2025/an-thanh-66-kh-ubnd.md";
const SO_KET: &str = "content/plans/2026/an-thanh-so-ket-01-nam.md";

#[test]
fn a_units_sheet_lists_its_open_tasks_with_ids_and_columns_to_fill() {
    let dir = tempfile::tempdir().unwrap();
    copy_demo(dir.path());
    let (code, out, err) = run(
        &[
            "export",
            "phieu",
            "--don-vi",
            "phong-kinh-te",
            "--today",
            TODAY,
        ],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with(
            "Đã ghi phieu-phong-kinh-te.xlsx: 23 nhiệm vụ chưa hoàn thành do Phòng Kinh tế chủ trì."
        ),
        "{out}"
    );
    let rows = read_xlsx(&dir.path().join("phieu-phong-kinh-te.xlsx"));
    assert_eq!(
        rows[0],
        [
            "Mã nhiệm vụ",
            "Kế hoạch",
            "STT",
            "Nội dung nhiệm vụ",
            "Thời hạn",
            "Tình trạng hiện nay",
            "Cập nhật gần nhất",
            "Ngày báo cáo",
            "Tình trạng",
            "Tỷ lệ hoàn thành (%)",
            "Ghi chú",
            "Thời hạn mới (gia hạn)",
            "Số văn bản gia hạn"
        ]
    );
    assert_eq!(rows.len(), 24);
    let row = rows
        .iter()
        .find(|r| r[0] == "an-thanh-66-kh-ubnd#nv-iii-1")
        .expect("the task of plan 66 the unit leads");
    assert_eq!(row[1], "Kế hoạch số 66/KH-UBND ngày 07/10/2025");
    assert_eq!(row[2], "III.1");
    assert_eq!(row[4], "Tháng 9/2025");
    assert_eq!(row[5], "Đang thực hiện (quá hạn)");
    assert_eq!(
        row[6],
        "15/10/2025, 60%: Đã lập danh mục dự án; đang lấy ý kiến các phòng."
    );
    assert!(row[7..].iter().all(String::is_empty));
    // No task the unit does not lead, and none already done.
    assert!(!rows.iter().any(|r| r[5].starts_with("Hoàn thành")));
    // The status is chosen from a list; the share done is a whole number 0–100.
    let xml = zip_entry(
        &dir.path().join("phieu-phong-kinh-te.xlsx"),
        "xl/worksheets/sheet1.xml",
    );
    assert!(xml.contains("<dataValidation type=\"list\""), "{xml}");
    assert!(xml.contains("Chưa thực hiện,Đang thực hiện,Hoàn thành,Dừng thực hiện"));
    assert!(xml.contains("<dataValidation type=\"whole\""));

    // A period keeps the tasks due by its end and those without a last day.
    let (code, out, _) = run(
        &[
            "export",
            "phieu",
            "--don-vi",
            "Phòng Kinh tế",
            "--period",
            "2025-Q4",
            "-o",
            "pk.csv",
            "--today",
            TODAY,
        ],
        dir.path(),
    );
    assert_eq!(code, 0);
    assert!(out.contains("15 nhiệm vụ chưa hoàn thành do Phòng Kinh tế chủ trì, đến hạn trong hoặc trước quý IV năm 2025"), "{out}");
    let csv = std::fs::read(dir.path().join("pk.csv")).unwrap();
    assert!(csv.starts_with(b"\xEF\xBB\xBFM\xC3\xA3 nhi\xE1\xBB\x87m v\xE1\xBB\xA5,"));
    // An unknown unit names the nearest.
    let (code, _, err) = run(
        &[
            "export",
            "phieu",
            "--don-vi",
            "phong-kinh",
            "--today",
            TODAY,
        ],
        dir.path(),
    );
    assert_eq!(code, 1);
    assert!(err.contains("phong-kinh-te"), "{err}");
}

fn zip_entry(path: &Path, name: &str) -> String {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// A filled sheet as Excel saves one: the header, then rows with the given cells; a day is
/// written as a day cell.
fn filled_xlsx(path: &Path, rows: &[[&str; 6]]) {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let header = [
        "Mã nhiệm vụ",
        "Kế hoạch",
        "STT",
        "Nội dung nhiệm vụ",
        "Thời hạn",
        "Tình trạng hiện nay",
        "Cập nhật gần nhất",
        "Ngày báo cáo",
        "Tình trạng",
        "Tỷ lệ hoàn thành (%)",
        "Ghi chú",
        "Thời hạn mới (gia hạn)",
        "Số văn bản gia hạn",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let day = Format::new().set_num_format("dd/mm/yyyy");
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        let [id, date, status, percent, note, ext] = *row;
        ws.write_string(r, 0, id).unwrap();
        ws.write_string(r, 3, "(nội dung)").unwrap();
        // A day Excel understands becomes a day cell; anything else stays text, as typed.
        let as_day = date
            .split('/')
            .collect::<Vec<_>>()
            .get(..3)
            .and_then(|p| Some((p[0].parse().ok()?, p[1].parse().ok()?, p[2].parse().ok()?)))
            .and_then(|(d, m, y)| ExcelDateTime::from_ymd(y, m, d).ok());
        if let Some(dt) = as_day {
            ws.write_datetime_with_format(r, 7, &dt, &day).unwrap();
        } else if !date.is_empty() {
            ws.write_string(r, 7, date).unwrap();
        }
        if !status.is_empty() {
            ws.write_string(r, 8, status).unwrap();
        }
        if let Ok(n) = percent.parse::<f64>() {
            ws.write_number(r, 9, n).unwrap();
        } else if !percent.is_empty() {
            ws.write_string(r, 9, percent).unwrap();
        }
        if !note.is_empty() {
            ws.write_string(r, 10, note).unwrap();
        }
        if !ext.is_empty() {
            ws.write_string(r, 11, ext).unwrap();
            ws.write_string(r, 12, "25/QĐ-UBND").unwrap();
        }
    }
    wb.save(path).unwrap();
}

#[test]
fn a_filled_sheet_adds_its_good_rows_only_when_none_is_wrong_or_with_skip_bad() {
    let dir = tempfile::tempdir().unwrap();
    copy_demo(dir.path());
    let plan66 = read(&dir.path().join(PLAN66));
    let so_ket = read(&dir.path().join(SO_KET));
    let sheet = dir.path().join("phieu-da-dien.xlsx");
    filled_xlsx(
        &sheet,
        &[
            // Added (a day cell, a label, a number, a note with a comma and quotes).
            [
                "an-thanh-66-kh-ubnd#nv-v-1",
                "12/01/2026",
                "Đang thực hiện",
                "40",
                "Đã rà soát 3 xã, \"đạt\" yêu cầu",
                "",
            ],
            // Not filled in: not counted as filled.
            ["an-thanh-66-kh-ubnd#nv-iv-2", "", "", "", "", ""],
            // What the task's latest update already says.
            [
                "an-thanh-66-kh-ubnd#nv-iii-1",
                "15/10/2025",
                "Đang thực hiện",
                "60",
                "Đã lập danh mục dự án; đang lấy ý kiến các phòng.",
                "",
            ],
            // Before the latest update of its task.
            [
                "an-thanh-66-kh-ubnd#nv-iii-1",
                "01/10/2025",
                "Đang thực hiện",
                "50",
                "",
                "",
            ],
            // Unknown id.
            [
                "an-thanh-99-kh-ubnd#nv-i-1",
                "12/01/2026",
                "Hoàn thành",
                "",
                "",
                "",
            ],
            // Bad values.
            [
                "an-thanh-so-ket-01-nam#nv-ii-5",
                "13/01/2026",
                "xong",
                "",
                "",
                "",
            ],
            [
                "an-thanh-so-ket-01-nam#nv-ii-5",
                "31/11/2025",
                "Hoàn thành",
                "150",
                "",
                "",
            ],
            // Added, with an extension (a text day, as typed into a text cell).
            [
                "an-thanh-so-ket-01-nam#nv-ii-5",
                "2026-01-14",
                "in_progress",
                "",
                "",
                "Tháng 6/2026",
            ],
        ],
    );
    let (code, out, err) = run(
        &["import", "updates", "phieu-da-dien.xlsx", "--today", TODAY],
        dir.path(),
    );
    assert_eq!(code, 1, "{out}\n{err}");
    assert_eq!(
        out,
        "phieu-da-dien.xlsx: 8 dòng nhiệm vụ, 7 dòng đã điền
  thêm mới: 2 (vào 2 kế hoạch)
  không đổi (đã có cập nhật này): 1
  mã nhiệm vụ không có: 1 (6)
  trước một cập nhật mới hơn đã có: 1 (5)
  giá trị sai: 2 (7, 8)
Chưa ghi gì vào các tệp kế hoạch vì có 4 dòng sai. Sửa các dòng trên trong bảng tính rồi nhập lại, hoặc thêm --skip-bad để chỉ ghi các dòng đúng.
"
    );
    let problems: Vec<&str> = err
        .split("\n\n")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    assert_eq!(
        problems,
        [
            "phieu-da-dien.xlsx:5:8: lỗi: dòng 5, cột H (Ngày báo cáo): Ngày cập nhật 01/10/2025 trước lần cập nhật gần nhất của nhiệm vụ (15/10/2025): các lần cập nhật được ghi theo thứ tự thời gian, lần sau cùng là tình trạng hiện nay.",
            "phieu-da-dien.xlsx:6:1: lỗi: dòng 6, cột A (Mã nhiệm vụ): mã nhiệm vụ “an-thanh-99-kh-ubnd#nv-i-1” không có trong trang (kế hoạch đã đổi tên tệp, hoặc mã bị sửa); lấy phiếu mới bằng `kehoach export phieu`.",
            "phieu-da-dien.xlsx:7:9: lỗi: dòng 7, cột I (Tình trạng): tình trạng “xong” không hợp lệ; chọn một trong: Chưa thực hiện, Đang thực hiện, Hoàn thành, Dừng thực hiện.",
            "phieu-da-dien.xlsx:8:8: lỗi: dòng 8, cột H (Ngày báo cáo): “31/11/2025” không phải là một ngày: tháng 11 chỉ có 30 ngày.",
            "phieu-da-dien.xlsx:8:10: lỗi: dòng 8, cột J (Tỷ lệ hoàn thành (%)): “150” không phải là số từ 0 đến 100; ghi số, ví dụ 60.",
        ]
    );
    // Nothing written.
    assert_eq!(read(&dir.path().join(PLAN66)), plan66);
    assert_eq!(read(&dir.path().join(SO_KET)), so_ket);

    let (code, out, _) = run(
        &[
            "import",
            "updates",
            "phieu-da-dien.xlsx",
            "--skip-bad",
            "--today",
            TODAY,
        ],
        dir.path(),
    );
    assert_eq!(code, 0);
    assert!(out.ends_with("Đã bỏ qua 4 dòng sai (--skip-bad).\nĐã ghi 2 cập nhật vào 2 tệp kế hoạch. Xem lại bằng `kehoach serve`, rồi `kehoach build`.\n"), "{out}");
    let added = |before: &str, after: &str| -> Vec<String> {
        let (b, a): (Vec<&str>, Vec<&str>) = (before.lines().collect(), after.lines().collect());
        let head = b.iter().zip(&a).take_while(|(x, y)| x == y).count();
        let tail = b[head..]
            .iter()
            .rev()
            .zip(a[head..].iter().rev())
            .take_while(|(x, y)| x == y)
            .count();
        assert_eq!(head + tail, b.len(), "other lines changed");
        a[head..a.len() - tail]
            .iter()
            .map(|s| s.to_string())
            .collect()
    };
    assert_eq!(
        added(&plan66, &read(&dir.path().join(PLAN66))),
        [
            "        updates:",
            "          - { date: 2026-01-12, status: in_progress, percent: 40, note: \"Đã rà soát 3 xã, \\\"đạt\\\" yêu cầu\" }"
        ]
    );
    assert_eq!(
        added(&so_ket, &read(&dir.path().join(SO_KET))),
        [
            "        updates:",
            "          - { date: 2026-01-14, status: in_progress, extended_to: \"Tháng 6/2026\", document: \"25/QĐ-UBND\" }"
        ]
    );
    // The site still checks, and the same sheet again adds nothing.
    let (code, _, err) = run(&["check", "--today", TODAY], dir.path());
    assert_eq!(code, 0, "{err}");
    let (_, out, _) = run(
        &[
            "import",
            "updates",
            "phieu-da-dien.xlsx",
            "--skip-bad",
            "--today",
            TODAY,
        ],
        dir.path(),
    );
    assert!(
        out.contains("  thêm mới: 0 (vào 0 kế hoạch)\n  không đổi (đã có cập nhật này): 3\n"),
        "{out}"
    );
}

#[test]
fn a_csv_saved_by_excel_with_semicolons_is_read_by_its_rows() {
    let dir = tempfile::tempdir().unwrap();
    copy_demo(dir.path());
    let (code, _, err) = run(
        &[
            "export",
            "phieu",
            "--don-vi",
            "phong-kinh-te",
            "--format",
            "csv",
            "--today",
            TODAY,
        ],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    // The unit fills the first row; Excel saves with `;` in a Vietnamese locale.
    let text = read(&dir.path().join("phieu-phong-kinh-te.csv"));
    let mut rd = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let mut rows: Vec<Vec<String>> = rd
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    let id = rows[1][0].clone();
    rows[1][7] = "13/01/2026".into();
    rows[1][8] = "Hoàn thành".into();
    rows[2][8] = "Hoàn thành".into(); // no day: a bad row
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(vec![0xEF, 0xBB, 0xBF]);
    for r in &rows {
        w.write_record(r).unwrap();
    }
    std::fs::write(dir.path().join("filled.csv"), w.into_inner().unwrap()).unwrap();
    let (code, out, err) = run(
        &["import", "updates", "filled.csv", "--today", TODAY],
        dir.path(),
    );
    assert_eq!(code, 1);
    assert!(
        err.contains("filled.csv:3:8: lỗi: dòng 3, cột H (Ngày báo cáo): Chưa ghi ngày cập nhật."),
        "{err}"
    );
    assert!(out.contains("giá trị sai: 1 (3)"), "{out}");
    let (code, out, _) = run(
        &[
            "import",
            "updates",
            "filled.csv",
            "--skip-bad",
            "--today",
            TODAY,
        ],
        dir.path(),
    );
    assert_eq!(code, 0);
    assert!(out.contains("thêm mới: 1 (vào 1 kế hoạch)"), "{out}");
    let (slug, task) = id.split_once('#').unwrap();
    let plan = files(&dir.path().join("content/plans"))
        .into_iter()
        .find(|p| p.file_stem().unwrap() == slug)
        .unwrap();
    let t = read(&dir.path().join("content/plans").join(plan));
    assert!(t.contains("- { date: 2026-01-13, status: done }"), "{task}");
}
