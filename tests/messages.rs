//! The messages a clerk reads, in Vietnamese (the default language): the hints that say what
//! is wrong with the value written and show it corrected, and the checks that guard what
//! gets published. Each test runs the binary on a small site and asserts the exact text.

mod common;
use common::*;

const UNITS: &str = "- name: Phòng Văn hóa - Xã hội\n  short: Phòng VHXH\n";

/// A plan file whose one task has `updates` (lines of YAML, indented for the task).
fn plan_with(front: &str, updates: &str) -> String {
    format!(
        "---\ntitle: Kế hoạch thử\nnumber: 7/KH-UBND\ndate: 2025-10-07\n{front}tasks:\n  - content: Việc một\n    lead: Phòng VHXH\n    due: Tháng 12/2025\n    updates:\n{updates}---\nNội dung.\n"
    )
}

/// `check` on a site of `files`, in Vietnamese: (exit code, what it printed).
fn check(files: &[(&str, &str)]) -> (Option<i32>, String) {
    let dir = site(files);
    let o = kehoach_vi(&["check", "--today", TODAY], dir.path());
    let (so, se) = text(&o);
    assert!(!se.contains("panicked"), "{se}");
    (o.status.code(), format!("{se}{so}"))
}

/// Asserts that `out` holds the diagnostic `block` (headline, quoted line, caret, hint).
fn has(out: &str, block: &str) {
    assert!(out.contains(block), "expected:\n{block}\n\ngot:\n{out}");
}

#[test]
fn a_percent_sign_is_shown_removed() {
    let (code, out) = check(&[
        ("content/units.yaml", UNITS),
        (
            "content/plans/a.md",
            &plan_with(
                "",
                "      - { date: 2025-11-10, status: in_progress, percent: 50% }\n",
            ),
        ),
    ]);
    assert_eq!(code, Some(1), "{out}");
    has(
        &out,
        "content/plans/a.md:10:59: lỗi: `percent` phải là một số nguyên, đang ghi `50%`\n   |\n10 |       - { date: 2025-11-10, status: in_progress, percent: 50% }\n   |                                                           ^\n  = gợi ý: ghi số, không kèm dấu %: `percent: 50`",
    );
}

#[test]
fn a_day_that_does_not_exist_says_why_and_shows_one_that_does() {
    let (code, out) = check(&[
        ("content/units.yaml", UNITS),
        (
            "content/plans/a.md",
            &plan_with("", "      - { date: 31/11/2025, status: done }\n"),
        ),
    ]);
    assert_eq!(code, Some(1), "{out}");
    has(
        &out,
        "content/plans/a.md:10:17: lỗi: ngày cập nhật (`date`) không đúng: `31/11/2025`\n   |\n10 |       - { date: 31/11/2025, status: done }\n   |                 ^\n  = gợi ý: tháng 11 chỉ có 30 ngày: sửa lại đúng ngày ghi trong văn bản, ví dụ `date: 2025-11-30`",
    );
    let (_, out) = check(&[
        ("content/units.yaml", UNITS),
        (
            "content/plans/a.md",
            &plan_with("", "      - { date: 2025-02-29, status: done }\n"),
        ),
    ]);
    assert!(
        out.contains("= gợi ý: tháng 2 năm 2025 chỉ có 28 ngày: sửa lại đúng ngày ghi trong văn bản, ví dụ `date: 2025-02-28`"),
        "{out}"
    );
}

#[test]
fn days_written_day_month_year_are_read_with_a_warning_in_every_date_field() {
    let (code, out) = check(&[
        ("content/units.yaml", UNITS),
        (
            "content/plans/a.md",
            &plan_with(
                "published: 8/10/2025\n",
                "      - { date: 27/11/2025, status: done, completed: 20/11/2025 }\n",
            )
            .replace("date: 2025-10-07", "date: 07/10/2025"),
        ),
    ]);
    assert_eq!(code, Some(0), "accepted: {out}");
    has(
        &out,
        "content/plans/a.md:4:7: cảnh báo: `date` ghi theo kiểu ngày/tháng/năm (`07/10/2025`); trong tệp, ngày ghi theo năm-tháng-ngày\n  |\n4 | date: 07/10/2025\n  |       ^\n  = gợi ý: đã đọc là ngày 7 tháng 10 năm 2025; ghi lại thành `date: 2025-10-07`",
    );
    has(
        &out,
        "content/plans/a.md:5:12: cảnh báo: `published` ghi theo kiểu ngày/tháng/năm (`8/10/2025`); trong tệp, ngày ghi theo năm-tháng-ngày\n  |\n5 | published: 8/10/2025\n  |            ^\n  = gợi ý: đã đọc là ngày 8 tháng 10 năm 2025; ghi lại thành `published: 2025-10-08`",
    );
    has(
        &out,
        "content/plans/a.md:11:17: cảnh báo: `date` ghi theo kiểu ngày/tháng/năm (`27/11/2025`); trong tệp, ngày ghi theo năm-tháng-ngày\n   |\n11 |       - { date: 27/11/2025, status: done, completed: 20/11/2025 }\n   |                 ^\n  = gợi ý: đã đọc là ngày 27 tháng 11 năm 2025; ghi lại thành `date: 2025-11-27`",
    );
    has(
        &out,
        "content/plans/a.md:11:54: cảnh báo: `completed` ghi theo kiểu ngày/tháng/năm (`20/11/2025`); trong tệp, ngày ghi theo năm-tháng-ngày",
    );
    assert!(
        out.contains("kehoach check: 0 lỗi (errors), 4 cảnh báo (warnings)"),
        "{out}"
    );
}

#[test]
fn an_unknown_status_lists_the_vietnamese_words_and_suggests_the_one_meant() {
    let (code, out) = check(&[
        ("content/units.yaml", UNITS),
        (
            "content/plans/a.md",
            &plan_with(
                "",
                "      - { date: 2025-11-10, status: xong }\n      - { date: 2025-11-12, status: hoàn tất }\n      - { date: 2025-11-14, status: rồi }\n",
            ),
        ),
    ]);
    assert_eq!(code, Some(1), "{out}");
    let words = "`chưa thực hiện`, `đang thực hiện`, `hoàn thành`, `dừng thực hiện` (hoặc not_started, in_progress, done, cancelled)";
    has(
        &out,
        &format!(
            "content/plans/a.md:10:37: lỗi: tình trạng `xong` không hợp lệ\n   |\n10 |       - {{ date: 2025-11-10, status: xong }}\n   |                                     ^\n  = gợi ý: có phải là `status: hoàn thành`? Các tình trạng được nhận: {words}"
        ),
    );
    has(
        &out,
        "content/plans/a.md:11:37: lỗi: tình trạng `hoàn tất` không hợp lệ",
    );
    assert!(out.contains(
        "  = gợi ý: có phải là `status: hoàn thành`? Các tình trạng được nhận: `chưa thực hiện`"
    ));
    has(
        &out,
        &format!(
            "content/plans/a.md:12:37: lỗi: tình trạng `rồi` không hợp lệ\n   |\n12 |       - {{ date: 2025-11-14, status: rồi }}\n   |                                     ^\n  = gợi ý: ghi một trong các tình trạng: {words}"
        ),
    );
}

#[test]
fn a_missing_closing_quote_is_reported_where_the_quote_opens() {
    let updates = "      - { date: 2025-11-10, status: in_progress, note: \"Đã rà soát các văn bản. }\n      - { date: 2025-11-27, status: done, note: \"Đã hoàn thành.\" }\n";
    let (code, out) = check(&[
        ("content/units.yaml", UNITS),
        ("content/plans/a.md", &plan_with("", updates)),
    ]);
    assert_eq!(code, Some(1), "{out}");
    has(
        &out,
        "content/plans/a.md:10:56: lỗi: thiếu dấu `\"` đóng: giá trị mở bằng `\"` ở đây chưa được đóng trên dòng này\n   |\n10 |       - { date: 2025-11-10, status: in_progress, note: \"Đã rà soát các văn bản. }\n   |                                                        ^\n  = gợi ý: thêm dấu `\"` vào cuối giá trị: `note: \"Đã rà soát các văn bản.\"`",
    );
    assert!(!out.contains("a.md:11:"), "{out}");
    // A value on its own line, the quote never closed before the end of the front matter.
    let (_, out) = check(&[
        ("content/units.yaml", UNITS),
        (
            "content/plans/a.md",
            &plan_with(
                "",
                "      - date: 2025-11-10\n        status: done\n        note: \"Đã rà soát\n      - date: 2025-11-12\n        status: done\n",
            ),
        ),
    ]);
    has(
        &out,
        "content/plans/a.md:12:15: lỗi: thiếu dấu `\"` đóng: giá trị mở bằng `\"` ở đây chưa được đóng trên dòng này",
    );
    has(
        &out,
        "  = gợi ý: thêm dấu `\"` vào cuối giá trị: `note: \"Đã rà soát\"`",
    );
}

#[test]
fn the_placeholders_of_a_new_plan_are_refused_at_their_lines() {
    let dir = site(&[("content/units.yaml", UNITS)]);
    let o = kehoach_vi(&["new", "plan", "12-kh-ubnd"], dir.path());
    assert!(o.status.success(), "{:?}", text(&o));
    let o = kehoach_vi(&["check", "--today", TODAY], dir.path());
    let (so, se) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{so}{se}");
    has(
        &se,
        "content/plans/12-kh-ubnd.md:7:8: lỗi: `title` vẫn là chữ mẫu của `kehoach new plan`: `Tên kế hoạch`\n  |\n7 | title: Tên kế hoạch\n  |        ^\n  = gợi ý: thay bằng đúng nội dung của văn bản đã ký; bỏ dòng này nếu văn bản không có mục ấy",
    );
    has(
        &se,
        "content/plans/12-kh-ubnd.md:17:95: lỗi: `name` vẫn là chữ mẫu của `kehoach new plan`: `Nguyễn Văn A`",
    );
    has(
        &se,
        "content/plans/12-kh-ubnd.md:49:1: lỗi: nội dung văn bản vẫn là chữ mẫu của `kehoach new plan`: `Nội dung kế hoạch viết bằng Markdown.`\n   |\n49 | Nội dung kế hoạch viết bằng Markdown.\n   | ^\n  = gợi ý: thay bằng đúng nội dung của văn bản đã ký (từ đoạn mở đầu đến đoạn kết, trước \"Nơi nhận\")",
    );
    // A real person of a similar name is no placeholder.
    let (code, out) = check(&[
        ("content/units.yaml", UNITS),
        (
            "content/plans/a.md",
            &plan_with(
                "signer: { name: Nguyễn Văn An }\n",
                "      - { date: 2025-11-10, status: done }\n",
            ),
        ),
    ]);
    assert_eq!(code, Some(0), "{out}");
}

#[test]
fn an_update_dated_after_the_build_day_is_refused() {
    let dir = site(&[
        ("content/units.yaml", UNITS),
        (
            "content/plans/a.md",
            &plan_with(
                "",
                "      - { date: 2025-11-10, status: in_progress }\n      - { date: 2026-11-20, status: done }\n",
            ),
        ),
    ]);
    let o = kehoach_vi(&["check", "--today", TODAY], dir.path());
    let (so, se) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{so}{se}");
    has(
        &se,
        "content/plans/a.md:11:17: lỗi: ngày cập nhật 2026-11-20 sau ngày hôm nay (2026-01-15)\n   |\n11 |       - { date: 2026-11-20, status: done }\n   |                 ^\n  = gợi ý: một dòng cập nhật ghi việc đã xảy ra: sửa lại ngày báo cáo (hay gõ nhầm năm hoặc tháng), ví dụ `date: 2026-01-15`",
    );
    // `build` refuses it too; a later day makes it fine.
    let out = dir.path().join("public");
    let o = kehoach_vi(
        &["build", "--output", out.to_str().unwrap(), "--today", TODAY],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(!out.exists());
    let o = kehoach_vi(&["check", "--today", "2026-11-20"], dir.path());
    assert!(o.status.success(), "{:?}", text(&o));
}

#[test]
fn a_plan_in_two_files_is_refused_naming_both() {
    let a =
        "---\ntitle: Kế hoạch A\nnumber: 12/KH-UBND\nissuer: UBND xã Thử\ndate: 2025-10-07\n---\n";
    let b = "---\ntitle: Kế hoạch A (bản sao)\nnumber: 12/KH-UBND\nissuer: UBND xã Thử\ndate: 2025-10-09\n---\n";
    let c = "---\ntitle: Kế hoạch A\nnumber: \"\"\nissuer: UBND xã Thử\ndate: 2025-10-07\n---\n";
    let dir = site(&[
        ("content/units.yaml", UNITS),
        ("content/plans/a.md", a),
        ("content/plans/b.md", b),
        ("content/plans/c.md", c),
    ]);
    let o = kehoach_vi(&["check", "--today", TODAY], dir.path());
    let (so, se) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{so}{se}");
    let hint = "  = gợi ý: mỗi kế hoạch chỉ ghi trong một tệp, nếu không mọi nhiệm vụ của nó bị đếm hai lần: xóa một tệp, hoặc sửa số hiệu, trích yếu hay ngày cho đúng văn bản";
    has(
        &se,
        &format!(
            "content/plans/b.md:3:9: lỗi: kế hoạch số 12/KH-UBND của UBND xã Thử có hai tệp: content/plans/a.md và content/plans/b.md\n  |\n3 | number: 12/KH-UBND\n  |         ^\n{hint}"
        ),
    );
    has(
        &se,
        &format!(
            "content/plans/c.md:2:8: lỗi: hai tệp content/plans/a.md và content/plans/c.md cùng ghi một kế hoạch (cùng trích yếu, cùng ngày 07/10/2025)\n  |\n2 | title: Kế hoạch A\n  |        ^\n{hint}"
        ),
    );
    assert!(so.contains("2 lỗi (errors)"), "{so}");
    let out = dir.path().join("public");
    let o = kehoach_vi(
        &["build", "--output", out.to_str().unwrap(), "--today", TODAY],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(1));

    // Plans without a number of their own, the same number of another issuer or another
    // year, are different plans.
    let unnumbered =
        |t: &str| format!("---\ntitle: {t}\nnumber: \"…/KH-UBND\"\ndate: 2025-10-07\n---\n");
    let (code, out) = check(&[
        ("content/units.yaml", UNITS),
        ("content/plans/a.md", &unnumbered("Kế hoạch A")),
        ("content/plans/b.md", &unnumbered("Kế hoạch B")),
        (
            "content/plans/c.md",
            &a.replace("UBND xã Thử", "UBND xã Khác"),
        ),
        ("content/plans/d.md", a),
        (
            "content/plans/e.md",
            &a.replace("2025-10-07", "2026-01-05")
                .replace("Kế hoạch A", "Kế hoạch E"),
        ),
    ]);
    assert_eq!(code, Some(0), "{out}");
}

#[test]
fn a_unit_name_cut_by_its_comma_in_a_flow_list_is_shown_quoted() {
    let units = "- name: Các cơ quan, đơn vị thuộc UBND xã\n  collective: true\n  aliases: [Các cơ quan, đơn vị thuộc UBND xã, Các đơn vị]\n- name: Phòng Kinh tế\n  aliases: [Phòng KT, phòng Kinh tế xã]\n";
    let (code, out) = check(&[
        ("content/units.yaml", units),
        (
            "content/plans/a.md",
            "---\ntitle: Kế hoạch A\ndate: 2025-10-07\n---\n",
        ),
    ]);
    assert_eq!(code, Some(0), "a warning: {out}");
    has(
        &out,
        "content/units.yaml:3:26: cảnh báo: mục `đơn vị thuộc UBND xã` bắt đầu bằng chữ thường: có lẽ dấu phẩy đã cắt đôi tên `Các cơ quan, đơn vị thuộc UBND xã`\n  |\n3 |   aliases: [Các cơ quan, đơn vị thuộc UBND xã, Các đơn vị]\n  |                          ^\n  = gợi ý: trong `[ … ]` dấu phẩy ngăn cách các mục: đặt tên có dấu phẩy trong ngoặc kép, `aliases: [\"Các cơ quan, đơn vị thuộc UBND xã\", Các đơn vị]`",
    );
    assert!(
        out.contains("content/units.yaml:5:23: cảnh báo: mục `phòng Kinh tế xã`"),
        "{out}"
    );
    // Quoted, or in a block list, nothing is said.
    let units = "- name: Các cơ quan, đơn vị thuộc UBND xã\n  collective: true\n  aliases: [\"Các cơ quan, đơn vị thuộc UBND xã\"]\n- name: Phòng Kinh tế\n  aliases:\n    - phòng Kinh tế xã\n";
    let (_, out) = check(&[
        ("content/units.yaml", units),
        (
            "content/plans/a.md",
            "---\ntitle: Kế hoạch A\ndate: 2025-10-07\n---\n",
        ),
    ]);
    assert!(
        out.contains("0 lỗi (errors), 0 cảnh báo (warnings)"),
        "{out}"
    );
}

#[test]
fn english_is_asked_for_with_lang_en() {
    let dir = site(&[
        ("content/units.yaml", UNITS),
        (
            "content/plans/a.md",
            &plan_with(
                "",
                "      - { date: 2025-11-10, status: xong, percent: 50% }\n",
            ),
        ),
    ]);
    let o = kehoach_vi(&["check", "--lang", "en", "--today", TODAY], dir.path());
    let (_, se) = text(&o);
    assert!(
        se.contains("a.md:10:37: error: unknown status `xong`"),
        "{se}"
    );
    assert!(
        se.contains("= hint: did you mean `status: hoàn thành`?"),
        "{se}"
    );
    assert!(
        se.contains("= hint: write the number without the % sign: `percent: 50`"),
        "{se}"
    );
}

// The importer and `kehoach report`: what a clerk meets when the file or the name given is
// not the one expected.

/// `kehoach import` in Vietnamese on `dir`: (exit code, stdout, stderr).
fn import(args: &[&str], dir: &std::path::Path) -> (Option<i32>, String, String) {
    let mut a = vec!["import"];
    a.extend_from_slice(args);
    let o = kehoach_vi(&a, dir);
    let (so, se) = text(&o);
    assert!(!se.contains("panicked"), "{se}");
    (o.status.code(), so, se)
}

#[test]
fn a_file_that_is_not_a_word_document_is_refused_saying_what_to_do() {
    let dir = site(&[("content/units.yaml", UNITS)]);
    let d = dir.path();
    std::fs::write(d.join("ke-hoach.doc"), [0xD0, 0xCF, 0x11, 0xE0, 0, 0]).unwrap();
    let (code, _, se) = import(&["ke-hoach.doc"], d);
    assert_eq!(code, Some(1), "{se}");
    assert_eq!(
        se,
        "ke-hoach.doc: lỗi: đây là tệp Word 97–2003 (.doc) kiểu cũ, không phải tệp .docx\n  = gợi ý: mở tệp bằng Word và lưu lại dạng “Word Document (*.docx)”, rồi nhập tệp đó; cũng có thể dán bảng nhiệm vụ thành văn bản (kehoach import TỆP.tsv)\n"
    );

    std::fs::write(d.join("ke-hoach.docx"), "chỉ là chữ").unwrap();
    let (code, _, se) = import(&["ke-hoach.docx"], d);
    assert_eq!(code, Some(1), "{se}");
    assert!(
        se.starts_with("ke-hoach.docx: lỗi: đây không phải tệp .docx (không phải tệp nén ZIP)\n  = gợi ý: mở tệp bằng Word và lưu lại dạng “Word Document (*.docx)”"),
        "{se}"
    );

    std::fs::write(d.join("ke-hoach.pdf"), b"%PDF-1.4\n\xE2\xE3\xCF\xD3\n").unwrap();
    let (code, _, se) = import(&["ke-hoach.pdf"], d);
    assert_eq!(code, Some(1), "{se}");
    assert_eq!(
        se,
        "ke-hoach.pdf: lỗi: tệp này không phải tệp .docx, cũng không phải văn bản UTF-8\n  = gợi ý: nhập chính tệp Word (.docx), hoặc lưu bảng đã dán thành văn bản UTF-8 (.tsv)\n"
    );

    let (code, _, se) = import(&["khong-co.docx"], d);
    assert_eq!(code, Some(1), "{se}");
    assert_eq!(
        se,
        "khong-co.docx: lỗi: không đọc được tệp này: không có tệp hoặc thư mục này\n  = gợi ý: kiểm tra lại tên tệp và thư mục chứa tệp\n"
    );
    assert!(!d.join("content/plans").exists(), "nothing was written");
}

#[test]
fn a_pasted_table_names_the_unit_not_registered_and_the_closest_one() {
    let dir = site(&[("content/units.yaml", "- name: Phòng Kinh tế\n")]);
    let d = dir.path();
    std::fs::write(
        d.join("bang.tsv"),
        "STT\tNội dung\tCơ quan chủ trì\tThời gian thực hiện\n1\tRà soát văn bản\tPhòng Kinh tê\tNăm 2026\n2\tTổng kết\tPhòng Kinh tế\tđầu xuân\n",
    )
    .unwrap();
    let (code, so, se) = import(&["bang.tsv"], d);
    assert_eq!(code, Some(0), "{se}");
    assert!(
        se.contains("bang.tsv: cảnh báo: đơn vị `Phòng Kinh tê` chưa có trong content/units.yaml; được giữ nguyên như viết\n  = gợi ý: đơn vị đã đăng ký gần giống nhất là `Phòng Kinh tế`: nếu là cùng một đơn vị, thêm `Phòng Kinh tê` vào `aliases` của đơn vị đó; nếu không, thêm một đơn vị mới\n"),
        "{se}"
    );
    assert!(
        se.contains("bang.tsv: cảnh báo: không hiểu thời hạn `đầu xuân`; được giữ nguyên như viết\n  = gợi ý: xem các cách ghi thời hạn đọc được trong docs/format.md\n"),
        "{se}"
    );
    assert!(
        so.starts_with(
            "Đã tạo content/plans/bang.md: 2 nhiệm vụ; 3 chỗ cần kiểm tra lại (# kiểm tra lại).\n"
        ),
        "{so}"
    );
    // The comments written into the plan file are Vietnamese whatever the language.
    let file = read(&d.join("content/plans/bang.md"));
    assert!(file.contains("# kiểm tra lại: "), "{file}");
    // Imported again, the plan already written is not overwritten.
    let (code, _, se) = import(&["bang.tsv"], d);
    assert_eq!(code, Some(1), "{se}");
    assert!(
        se.starts_with("content/plans/bang.md: lỗi: tệp này đã có; chưa ghi gì\n  = gợi ý: thêm --force để ghi đè lên tệp, hoặc --output ĐƯỜNG_DẪN để ghi kế hoạch vào tệp khác\n"),
        "{se}"
    );
}

#[test]
fn a_report_on_a_unit_not_found_suggests_the_nearest_name() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("bao-cao.docx");
    let root = repo();
    let run = |args: &[&str]| {
        let mut a = vec![
            "report",
            "--root",
            root.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ];
        a.extend_from_slice(args);
        let o = kehoach_vi(&a, &root);
        let (so, se) = text(&o);
        assert_eq!(o.status.code(), Some(2), "{so}{se}");
        se
    };
    assert_eq!(
        run(&["--unit", "phong-kinh-tee"]),
        "--unit: lỗi: không có đơn vị `phong-kinh-tee`\n  = gợi ý: có phải là `phong-kinh-te`? Đơn vị được gọi theo tên trong địa chỉ của nó, don-vi/<tên>/\n"
    );
    assert_eq!(
        run(&["--plan", "an-thanh-66"]),
        "--plan: lỗi: không có kế hoạch `an-thanh-66`\n  = gợi ý: có phải là `an-thanh-66-kh-ubnd`? Kế hoạch được gọi theo tên trong địa chỉ của nó, ke-hoach/<tên>/\n"
    );
    assert_eq!(
        run(&["--period", "2025-Q5"]),
        "--period: lỗi: `2025-Q5` không phải là một kỳ báo cáo\n  = gợi ý: ghi một quý `2025-Q4`, nửa năm `2025-H2` hoặc một năm `2025`\n"
    );
    assert!(!out.exists());
}
