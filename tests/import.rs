//! `kehoach import`: .docx files written here from OOXML parts, pasted tables, bad input,
//! and the `# kiểm tra lại` comments that `check` lists.

mod common;
#[path = "common/docx.rs"]
mod docx;

use common::{assert_linear_upto, kehoach, read, repo, text};
use docx::{Cell, bullet, c, p, p_runs, para, row, table};
use kehoach::content::Plan;
use kehoach::content::plan::read_plan;
use kehoach::content::units::Registry;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn units_yaml() -> String {
    read(&repo().join("content/units.yaml"))
}

/// A site with the demo's units and no plans.
fn site() -> tempfile::TempDir {
    common::site(&[("content/units.yaml", &units_yaml())])
}

fn registry() -> Registry {
    let (r, d) = Registry::read(Path::new("content/units.yaml"), &units_yaml());
    assert!(d.iter().all(|d| !d.is_error()));
    r
}

/// Reads a plan file with the project's reader; asserts it has no errors.
fn plan_of(path: &Path) -> Plan {
    let text = kehoach::content::plan::decode(path, std::fs::read(path).unwrap()).unwrap();
    let (plan, diags) = read_plan(
        Path::new("plan.md"),
        &text,
        "plan".into(),
        &registry(),
        None,
        None,
    );
    let errors: Vec<String> = diags
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    assert!(errors.is_empty(), "{}\n{text}", errors.join("\n"));
    plan.expect("a plan")
}

fn run(args: &[&str], cwd: &Path) -> (i32, String, String) {
    let o = kehoach(args, cwd);
    let (so, se) = text(&o);
    (o.status.code().unwrap_or(-1), so, se)
}

fn texts(m: &[kehoach::content::UnitMention]) -> Vec<String> {
    m.iter().map(|u| u.text.to_string()).collect()
}

/// A plan laid out as signed: header table, title, basis, prose, signature table, appendix.
fn signed_plan_body() -> String {
    let header = table(
        2,
        &[row(
            &[
                c("ỦY BAN NHÂN DÂN\nXÃ AN THÀNH\nSố: 75/KH-UBND").bold(),
                c(
                    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nAn Thành, ngày 06 tháng 5 năm 2026",
                ),
            ],
            false,
        )],
        true,
    );
    let signature = table(
        2,
        &[row(
            &[
                c(
                    "Nơi nhận:\n- UBND thành phố;\n- Sở Nội vụ thành phố;\n- Thường trực: Đảng ủy, HĐND xã;\n- Lưu: VT, VHXH.",
                ),
                c("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n(Đã ký)\nNguyễn Đức Thắng")
                    .bold(),
            ],
            false,
        )],
        true,
    );
    let hdr = |cells: &[Cell]| row(cells, true);
    let tasks = table(
        6,
        &[
            hdr(&[
                c("STT").restart(),
                c("Nội dung nhiệm vụ").restart(),
                c("Cơ quan thực hiện").span(2),
                c("Thời gian thực hiện").restart(),
                c("Lãnh đạo UBND xã phụ trách").restart(),
            ]),
            hdr(&[
                Cell::cont(),
                Cell::cont(),
                c("Cơ quan chủ trì"),
                c("Cơ quan phối hợp"),
                Cell::cont(),
                Cell::cont(),
            ]),
            row(
                &[c("(1)"), c("(2)"), c("(3)"), c("(4)"), c("(5)"), c("(6)")],
                false,
            ),
            row(&[c("I").bold(), c("Về thể chế").span(5).bold()], false),
            row(
                &[
                    c("1"),
                    c("Rà soát các văn bản quy phạm pháp luật về phân cấp: báo cáo kết quả"),
                    c("Phòng Kinh tế").restart(),
                    c("Sở Tài chính\nSở Xây dựng"),
                    c("Tháng 9/2026"),
                    c("Đ/c Nguyễn Đức Thắng – Phó Chủ tịch UBND xã").restart(),
                ],
                false,
            ),
            row(
                &[
                    c("2"),
                    c("Hoàn thiện Quy chế làm việc\n- Dự thảo Quy chế\n- Trình ban hành"),
                    Cell::cont(),
                    c("Phòng Văn hóa - Xã hội; Công an xã"),
                    c("Quý III/2026"),
                    Cell::cont(),
                ],
                false,
            ),
            // The header repeated where the table crosses a page.
            row(
                &[
                    c("STT"),
                    c("Nội dung nhiệm vụ"),
                    c("Cơ quan chủ trì"),
                    c("Cơ quan phối hợp"),
                    c("Thời gian thực hiện"),
                    c("Lãnh đạo UBND xã phụ trách"),
                ],
                false,
            ),
            row(&[c("II. Về chuyển đổi số").span(6).bold()], false),
            row(
                &[
                    c("3"),
                    c("Triển khai #1 nền tảng số"),
                    c("Trung tâm Phục vụ HCC xã"),
                    c("Các cơ quan, đơn vị liên quan"),
                    c("Sớm nhất có thể"),
                    c(""),
                ],
                false,
            ),
            row(
                &[
                    c("5"),
                    c("2025"),
                    c("Phòng Khoa học Số"),
                    c(""),
                    c("Thường xuyên"),
                    c(""),
                ],
                false,
            ),
        ],
        false,
    );
    [
        header,
        para("KẾ HOẠCH", true, true, false),
        para(
            "Tổ chức sơ kết 01 năm hoạt động của chính quyền cấp xã",
            true,
            true,
            false,
        ),
        para("trên địa bàn xã An Thành", true, true, false),
        para("________", true, false, false),
        para(
            "Căn cứ Quyết định số 706/QĐ-CP ngày 21/4/2026 của Chính phủ;",
            false,
            false,
            true,
        ),
        para(
            "Thực hiện Kế hoạch số 154/KH-UBND ngày 28/4/2026 của Ủy ban nhân dân thành phố Hải Phòng;",
            false,
            false,
            true,
        ),
        p("Ủy ban nhân dân xã An Thành xây dựng Kế hoạch như sau:"),
        "<w:p/>".to_string(),
        para("I. MỤC ĐÍCH, YÊU CẦU", false, true, false),
        para("1. Mục đích", false, true, false),
        p("a) Đánh giá toàn diện kết quả sau 01 năm."),
        p_runs(&[
            ("Các cơ quan ", false, false),
            ("phải", true, false),
            (" báo cáo ", false, false),
            ("đúng hạn", false, true),
            (".", false, false),
        ]),
        p("- Bảo đảm thực chất, khách quan."),
        bullet("Không hình thức, lãng phí."),
        para("2. Kinh phí", false, true, false),
        p("2. Kinh phí được bố trí từ ngân sách xã."),
        p("Trên đây là Kế hoạch của Ủy ban nhân dân xã An Thành./."),
        signature,
        para("PHỤ LỤC", true, true, false),
        para("Nhiệm vụ sơ kết 01 năm", true, true, false),
        para("hoạt động của chính quyền cấp xã", true, true, false),
        para(
            "(Kèm theo Kế hoạch số 75/KH-UBND ngày 06 tháng 5 năm 2026 của UBND xã An Thành)",
            true,
            false,
            true,
        ),
        tasks,
        p("Tổng số: 4 nhiệm vụ"),
    ]
    .concat()
}

#[test]
fn a_signed_plan_is_imported_field_by_field() {
    let s = site();
    let docx_path = s.path().join("ke-hoach-75.docx");
    docx::write(&docx_path, &signed_plan_body());
    let started = std::time::Instant::now();
    let (code, so, se) = run(&["import", "ke-hoach-75.docx"], s.path());
    let elapsed = started.elapsed();
    assert_eq!(code, 0, "{so}\n{se}");
    let out = s.path().join("content/plans/2026/an-thanh-75-kh-ubnd.md");
    // Named as `check` names files: from the site (no `./`), with `/` on every system.
    assert!(
        so.lines()
            .next()
            .is_some_and(|l| l.contains(" content/plans/2026/an-thanh-75-kh-ubnd.md: ")),
        "{so}"
    );
    assert!(so.contains("4 tasks in 2 groups"), "{so}");
    // The unknown unit is reported with the closest registered one.
    assert!(
        se.contains("the unit `Phòng Khoa học Số` is not in content/units.yaml"),
        "{se}"
    );
    eprintln!("import took {elapsed:?}");

    let p = plan_of(&out);
    assert_eq!(p.number.as_deref(), Some("75/KH-UBND"));
    assert_eq!(p.issuer.as_deref(), Some("UBND xã An Thành"));
    assert_eq!(p.place.as_deref(), Some("An Thành"));
    assert_eq!(p.date.unwrap().iso(), "2026-05-06");
    assert_eq!(
        p.title,
        "Tổ chức sơ kết 01 năm hoạt động của chính quyền cấp xã trên địa bàn xã An Thành"
    );
    assert_eq!(
        p.basis,
        vec![
            "Căn cứ Quyết định số 706/QĐ-CP ngày 21/4/2026 của Chính phủ;",
            "Thực hiện Kế hoạch số 154/KH-UBND ngày 28/4/2026 của Ủy ban nhân dân thành phố Hải Phòng;"
        ]
    );
    let signer = p.signer.clone().unwrap();
    assert_eq!(signer.on_behalf.as_deref(), Some("TM. ỦY BAN NHÂN DÂN"));
    assert_eq!(signer.authority.as_deref(), Some("KT. CHỦ TỊCH"));
    assert_eq!(signer.title.as_deref(), Some("PHÓ CHỦ TỊCH"));
    assert_eq!(signer.name.as_deref(), Some("Nguyễn Đức Thắng"));
    assert_eq!(
        p.recipients,
        vec![
            "UBND thành phố",
            "Sở Nội vụ thành phố",
            "Thường trực: Đảng ủy, HĐND xã",
            "Lưu: VT, VHXH."
        ]
    );
    assert_eq!(
        p.appendix_title.as_deref(),
        Some("PHỤ LỤC\nNhiệm vụ sơ kết 01 năm hoạt động của chính quyền cấp xã")
    );
    assert_eq!(
        p.appendix_note.as_deref(),
        Some("(Kèm theo Kế hoạch số 75/KH-UBND ngày 06 tháng 5 năm 2026 của UBND xã An Thành)")
    );
    assert_eq!(p.stated_total, Some(4));
    assert_eq!(p.numbering, kehoach::content::Numbering::Continuous);

    // The prose as Markdown.
    for want in [
        "Ủy ban nhân dân xã An Thành xây dựng Kế hoạch như sau:",
        "## I. MỤC ĐÍCH, YÊU CẦU",
        "### 1. Mục đích",
        "\na) Đánh giá toàn diện kết quả sau 01 năm.\n",
        "Các cơ quan **phải** báo cáo *đúng hạn*.",
        "- Bảo đảm thực chất, khách quan.",
        "- Không hình thức, lãng phí.",
        "### 2. Kinh phí",
        "2\\. Kinh phí được bố trí từ ngân sách xã.",
        "Trên đây là Kế hoạch của Ủy ban nhân dân xã An Thành./.",
    ] {
        assert!(p.body.contains(want), "missing {want:?} in:\n{}", p.body);
    }
    for absent in [
        "Nơi nhận",
        "KẾ HOẠCH",
        "Căn cứ",
        "PHỤ LỤC",
        "Nguyễn Đức Thắng",
        "(1)",
    ] {
        assert!(
            !p.body.contains(absent),
            "{absent:?} in the prose:\n{}",
            p.body
        );
    }

    // The task table.
    assert_eq!(p.groups.len(), 2);
    assert_eq!(p.groups[0].no, "I");
    assert_eq!(p.groups[0].title.as_deref(), Some("Về thể chế"));
    assert_eq!(p.groups[1].no, "II");
    assert_eq!(p.groups[1].title.as_deref(), Some("Về chuyển đổi số"));
    let t: Vec<_> = p.tasks().collect();
    assert_eq!(t.len(), 4);
    assert_eq!(
        t[0].content,
        "Rà soát các văn bản quy phạm pháp luật về phân cấp: báo cáo kết quả"
    );
    assert_eq!(texts(&t[0].lead), vec!["Phòng Kinh tế"]);
    assert_eq!(texts(&t[0].support), vec!["Sở Tài chính", "Sở Xây dựng"]);
    assert_eq!(t[0].due.text, "Tháng 9/2026");
    assert_eq!(
        t[0].leader.as_deref(),
        Some("Đ/c Nguyễn Đức Thắng – Phó Chủ tịch UBND xã")
    );
    // A lead cell merged down over two tasks belongs to both.
    assert_eq!(
        t[1].content,
        "Hoàn thiện Quy chế làm việc\n- Dự thảo Quy chế\n- Trình ban hành"
    );
    assert_eq!(texts(&t[1].lead), vec!["Phòng Kinh tế"]);
    assert_eq!(
        texts(&t[1].support),
        vec!["Phòng Văn hóa - Xã hội", "Công an xã"]
    );
    assert_eq!(t[1].leader, t[0].leader);
    assert_eq!((t[0].no.as_str(), t[1].no.as_str()), ("1", "2"));
    // Numbering goes on across groups; the document's skipped number is kept.
    assert_eq!(t[2].no, "3");
    assert_eq!(t[2].content, "Triển khai #1 nền tảng số");
    assert_eq!(texts(&t[2].support), vec!["Các cơ quan, đơn vị liên quan"]);
    assert_eq!(t[3].no, "5");
    assert_eq!(t[3].content, "2025");
    assert_eq!(texts(&t[3].lead), vec!["Phòng Khoa học Số"]);

    // Unsure values carry `# kiểm tra lại`, and only those.
    let file = read(&out);
    let review: Vec<&str> = file
        .lines()
        .filter(|l| l.contains("# kiểm tra lại"))
        .collect();
    assert_eq!(review.len(), 2, "{file}");
    assert!(review[0].contains("due: Sớm nhất có thể # kiểm tra lại: thời hạn không đọc được"));
    assert!(review[1].contains("lead: Phòng Khoa học Số # kiểm tra lại"));
    assert!(file.contains("content: \"2025\""), "{file}");

    // It passes check (warnings for the review comments) and builds.
    let (code, so, se) = run(&["check", "--today", common::TODAY], s.path());
    assert_eq!(code, 0, "{so}\n{se}");
    assert!(so.contains("0 lỗi"), "{so}");
    let built = s.path().join("public");
    common::build(s.path(), &built);
    assert!(
        built
            .join("ke-hoach/an-thanh-75-kh-ubnd/index.html")
            .is_file()
    );
}

#[test]
fn word_quirks_are_absorbed() {
    // Runs split mid-word, revisions, a field, a content control, a smart tag, soft hyphens,
    // non-breaking spaces, a blank day in the date line, a nested header table, NFD headers
    // spelled without diacritics, a first row numbering the columns, per-group numbering.
    let nested = table(
        1,
        &[row(&[c("UBND XÃ ĐẠI SƠN\nSố:     /KH-UBND")], false)],
        true,
    );
    let mut left = c("");
    left.raw = Some(nested);
    let header = table(
        2,
        &[row(
            &[
                left,
                c(
                    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nĐại Sơn, ngày     tháng 10 năm 2025",
                ),
            ],
            false,
        )],
        true,
    );
    let nfd = |s: &str| -> String { unicode_normalization::UnicodeNormalization::nfd(s).collect() };
    let quirky = "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:sdt><w:sdtPr><w:alias w:val=\"Trích yếu\"/></w:sdtPr><w:sdtContent><w:r><w:t>Thực hiện Nghị quyết</w:t></w:r></w:sdtContent></w:sdt><w:r><w:t xml:space=\"preserve\"> số 268/NQ-CP</w:t></w:r><w:del w:id=\"1\"><w:r><w:delText> (bản cũ)</w:delText></w:r></w:del><w:ins w:id=\"2\"><w:r><w:t xml:space=\"preserve\"> trên địa\u{a0}bàn</w:t></w:r></w:ins><w:smartTag w:element=\"place\"><w:r><w:t xml:space=\"preserve\"> xã Đại Sơn</w:t></w:r></w:smartTag></w:p>";
    let field = "<w:p><w:r><w:t xml:space=\"preserve\">Văn bản có trang </w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:t xml:space=\"preserve\"> và chuyển đổi\u{ad}số.</w:t></w:r></w:p>";
    let tasks = table(
        5,
        &[
            row(&[c("1"), c("2"), c("3"), c("4"), c("5")], false),
            row(
                &[
                    c("TT"),
                    c(&nfd("Nội dung công việc")),
                    c("Don vi chu tri thuc hien"),
                    c("Đơn vị phối hợp"),
                    c("Thời hạn hoàn thành"),
                ],
                true,
            ),
            row(
                &[
                    c("I"),
                    c("Về giải quyết thủ tục hành chính"),
                    c(""),
                    c(""),
                    c(""),
                ],
                false,
            ),
            row(
                &[
                    c("1"),
                    c("Giải quyết TTHC"),
                    c("Trung tâm Phục vụ HCC xã"),
                    c(""),
                    c("Thường xuyên"),
                ],
                false,
            ),
            row(
                &[
                    c("2"),
                    c("Công khai TTHC"),
                    c("Trung tâm Phục vụ HCC xã"),
                    c("Sở, ngành thành phố"),
                    c("Quý IV/2025"),
                ],
                false,
            ),
            row(&[c("II"), c("Về quy hoạch"), c(""), c(""), c("")], false),
            row(
                &[
                    c("1"),
                    c("Rà soát dự án"),
                    c("Phòng Kinh tế"),
                    c("Sở Xây dựng, Sở Nông nghiệp và Môi trường"),
                    c("Tháng 9/2025"),
                ],
                false,
            ),
        ],
        false,
    );
    let body = [
        header,
        para("KẾ HOẠCH", true, true, false),
        quirky.to_string(),
        field.to_string(),
        para("PHỤ LỤC", true, true, false),
        tasks,
    ]
    .concat();
    let s = site();
    docx::write(&s.path().join("nq268.docx"), &body);
    let (code, so, se) = run(&["import", "nq268.docx", "--output", "-"], s.path());
    assert_eq!(code, 0, "{se}");
    let out = s.path().join("out.md");
    std::fs::write(&out, &so).unwrap();
    let p = plan_of(&out);
    assert_eq!(
        p.title,
        "Thực hiện Nghị quyết số 268/NQ-CP trên địa bàn xã Đại Sơn"
    );
    assert_eq!(p.number, None, "a blank number stays blank");
    assert!(so.contains("number: \"\"\n"), "{so}");
    assert_eq!(p.issuer.as_deref(), Some("UBND xã Đại Sơn"));
    assert_eq!(p.date.unwrap().iso(), "2025-10");
    assert!(
        p.body.contains("Văn bản có trang 2 và chuyển đổisố."),
        "{}",
        p.body
    );
    assert_eq!(p.numbering, kehoach::content::Numbering::PerGroup);
    let t: Vec<_> = p.tasks().collect();
    assert_eq!(t.len(), 3);
    assert_eq!(p.groups[1].tasks[0].id, "nv-ii-1");
    assert_eq!(
        texts(&t[2].support),
        vec!["Sở Xây dựng", "Sở Nông nghiệp và Môi trường"]
    );
    assert!(!so.contains("kiểm tra lại: thời hạn"), "{so}");
}

/// The columns of a round-trip table, in the order and spelling of one variant.
fn round_trip_columns(variant: usize) -> Vec<(&'static str, &'static str)> {
    let v: Vec<(&str, &str)> = match variant % 3 {
        0 => vec![
            ("no", "STT"),
            ("content", "Nội dung"),
            ("lead", "Cơ quan chủ trì"),
            ("support", "Cơ quan phối hợp"),
            ("due", "Thời gian thực hiện"),
            ("output", "Sản phẩm"),
            ("leader", "Lãnh đạo UBND xã phụ trách"),
        ],
        1 => vec![
            ("no", "TT"),
            ("content", "Nhiệm vụ"),
            ("due", "Thời hạn hoàn thành"),
            ("lead", "Đơn vị chủ trì thực hiện"),
            ("leader", "Lãnh đạo chỉ đạo"),
            ("support", "Đơn vị phối hợp"),
            ("output", "Sản phẩm"),
        ],
        _ => vec![
            ("no", "Số TT"),
            ("content", "NỘI DUNG CÔNG VIỆC"),
            ("support", "Cơ quan, đơn vị phối hợp"),
            ("lead", "Cơ quan thực hiện"),
            ("output", "Sản phẩm đầu ra"),
            ("due", "Tiến độ hoàn thành"),
            ("leader", "Lãnh đạo phụ trách"),
        ],
    };
    v
}

/// The demo plan's tasks written back as a Word table.
fn tasks_as_docx(plan: &Plan, variant: usize) -> String {
    let cols = round_trip_columns(variant);
    let mut rows = vec![row(
        &cols.iter().map(|(_, h)| c(h).bold()).collect::<Vec<_>>(),
        true,
    )];
    if variant % 2 == 1 {
        let nums: Vec<Cell> = (1..=cols.len()).map(|i| c(&format!("({i})"))).collect();
        rows.push(row(&nums, false));
    }
    for (gi, g) in plan.groups.iter().enumerate() {
        if let Some(title) = &g.title {
            if (gi + variant).is_multiple_of(2) {
                rows.push(row(
                    &[c(&g.no).bold(), c(title).span(cols.len() - 1).bold()],
                    false,
                ));
            } else {
                rows.push(row(
                    &[c(&format!("{}. {title}", g.no)).span(cols.len()).bold()],
                    false,
                ));
            }
        }
        for t in &g.tasks {
            let units = |m: &[kehoach::content::UnitMention]| -> String {
                let names: Vec<String> = m.iter().map(|u| u.text.to_string()).collect();
                names.join(if variant.is_multiple_of(2) {
                    "\n"
                } else {
                    "; "
                })
            };
            let cells: Vec<Cell> = cols
                .iter()
                .map(|(k, _)| match *k {
                    "no" => c(&t.no),
                    "content" => c(&t.content),
                    "lead" => c(&units(&t.lead)),
                    "support" => c(&units(&t.support)),
                    "due" => c(&t.due.text),
                    "output" => c(t.output.as_deref().unwrap_or("")),
                    _ => c(t.leader.as_deref().unwrap_or("")),
                })
                .collect();
            rows.push(row(&cells, false));
        }
    }
    [
        para("KẾ HOẠCH", true, true, false),
        para(&plan.title, true, true, false),
        p("Nội dung kế hoạch."),
        para("PHỤ LỤC", true, true, false),
        table(cols.len(), &rows, false),
    ]
    .concat()
}

#[test]
fn the_demo_plans_round_trip_through_word_tables() {
    let s = site();
    let demo = repo().join("content/plans");
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(&demo)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.path().to_path_buf())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.sort();
    let (mut fields, mut right, mut plans) = (0usize, 0usize, 0usize);
    let mut wrong: Vec<String> = Vec::new();
    for (i, f) in files.iter().enumerate() {
        let original = plan_of(f);
        if original.task_count() == 0 {
            continue;
        }
        plans += 1;
        let name = format!("rt{i}.docx");
        docx::write(&s.path().join(&name), &tasks_as_docx(&original, i));
        let out = format!("rt{i}.md");
        let (code, so, se) = run(&["import", &name, "--output", &out], s.path());
        assert_eq!(code, 0, "{}: {so}\n{se}", f.display());
        let back = plan_of(&s.path().join(&out));
        let a: Vec<_> = original.tasks().collect();
        let b: Vec<_> = back.tasks().collect();
        assert_eq!(
            a.len(),
            b.len(),
            "{}: task count\n{}",
            f.display(),
            read(&s.path().join(&out))
        );
        let ga: Vec<_> = original
            .groups
            .iter()
            .map(|g| (g.no.clone(), g.title.clone(), g.tasks.len()))
            .collect();
        let gb: Vec<_> = back
            .groups
            .iter()
            .map(|g| (g.no.clone(), g.title.clone(), g.tasks.len()))
            .collect();
        assert_eq!(ga, gb, "{}: groups", f.display());
        assert_eq!(original.numbering, back.numbering, "{}", f.display());
        for (x, y) in a.iter().zip(&b) {
            let pairs = [
                ("no", x.no.clone(), y.no.clone()),
                ("id", x.id.clone(), y.id.clone()),
                ("content", x.content.clone(), y.content.clone()),
                ("lead", texts(&x.lead).join("|"), texts(&y.lead).join("|")),
                (
                    "support",
                    texts(&x.support).join("|"),
                    texts(&y.support).join("|"),
                ),
                ("due", x.due.text.clone(), y.due.text.clone()),
                (
                    "output",
                    x.output.clone().unwrap_or_default(),
                    y.output.clone().unwrap_or_default(),
                ),
                (
                    "leader",
                    x.leader.clone().unwrap_or_default(),
                    y.leader.clone().unwrap_or_default(),
                ),
            ];
            for (k, u, v) in pairs {
                fields += 1;
                if u == v {
                    right += 1;
                } else {
                    wrong.push(format!(
                        "{} task {} {k}: {u:?} became {v:?}",
                        f.display(),
                        x.no
                    ));
                }
            }
        }
    }
    eprintln!(
        "round trip: {plans} plans, {right}/{fields} task fields identical ({:.1} %)",
        100.0 * right as f64 / fields as f64
    );
    assert!(plans >= 4);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

fn stdin_run(args: &[&str], cwd: &Path, input: &str) -> (i32, String, String) {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .env("KEHOACH_LANG", "en")
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    let (so, se) = text(&o);
    (o.status.code().unwrap_or(-1), so, se)
}

/// A table as Excel copies it: CRLF rows, quoted multi-line cells with `""` escapes, the
/// header in its own order.
const EXCEL: &str = "Thời hạn\tCơ quan phối hợp\tNội dung nhiệm vụ\tSTT\tCơ quan chủ trì\r\n\
\t\tVề thể chế\tI\t\r\n\
Tháng 11/2025\t\"Sở Tài chính\nSở Xây dựng\"\t\"Rà soát văn bản\n- về \"\"phân cấp\"\"\"\t1\tPhòng Kinh tế\r\n\
Quý IV/2025\t\tLập quy hoạch: điều chỉnh\t2\tPhòng Kinh tế; Công an xã\r\n";

#[test]
fn a_pasted_excel_table_becomes_a_plan_skeleton() {
    let s = site();
    std::fs::write(s.path().join("bang.tsv"), EXCEL).unwrap();
    let (code, so, se) = run(&["import", "bang.tsv"], s.path());
    assert_eq!(code, 0, "{so}\n{se}");
    let out = s.path().join("content/plans/bang.md");
    let p = plan_of(&out);
    // Columns are read by meaning: the numeral "I" sits in the fourth column, under "STT".
    assert_eq!(p.groups[0].title.as_deref(), Some("Về thể chế"));
    let t: Vec<_> = p.tasks().collect();
    assert_eq!(t.len(), 2);
    assert_eq!(t[0].content, "Rà soát văn bản\n- về \"phân cấp\"");
    assert_eq!(texts(&t[0].support), vec!["Sở Tài chính", "Sở Xây dựng"]);
    assert_eq!(texts(&t[0].lead), vec!["Phòng Kinh tế"]);
    assert_eq!(t[0].due.text, "Tháng 11/2025");
    assert_eq!(t[1].content, "Lập quy hoạch: điều chỉnh");
    assert_eq!(texts(&t[1].lead), vec!["Phòng Kinh tế", "Công an xã"]);
    let file = read(&out);
    assert!(
        file.starts_with("---\ntitle: bang # kiểm tra lại: "),
        "{file}"
    );
    let (code, so, _) = run(&["check", "--today", common::TODAY], s.path());
    assert_eq!(code, 0, "{so}");
}

#[test]
fn a_table_from_standard_input_goes_to_standard_output() {
    let s = site();
    let tsv = "STT\tNội dung\tCơ quan chủ trì\tThời gian thực hiện\n1\tViệc một\tPhòng Kinh tế\tNăm 2026\n2\tViệc hai\tCông an xã\tThường xuyên\n";
    let (code, so, se) = stdin_run(&["import", "-"], s.path(), tsv);
    assert_eq!(code, 0, "{se}");
    assert!(so.starts_with("---\n"), "{so}");
    assert!(
        so.contains("tasks:\n  - content: Việc một\n    lead: Phòng Kinh tế\n    due: Năm 2026\n"),
        "{so}"
    );
    assert!(se.contains("kehoach import: 2 tasks; "), "{se}");
    assert!(!s.path().join("content/plans").exists());
}

#[test]
fn append_adds_tasks_and_keeps_every_other_byte() {
    let s = site();
    let plan = "---\r\ntitle: Kế hoạch thử   # a comment the editor wrote\r\ntasks:\r\n  - group: Về thể chế\r\n    tasks:\r\n      - content: Việc cũ\r\n        lead: Phòng Kinh tế\r\n\r\n# ghi chú cuối\r\ntopics: [Thử]\r\n---\r\n\r\nVăn bản *giữ nguyên*.\r\n";
    let path = s.path().join("content/plans/thu.md");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, plan).unwrap();
    let tsv = "STT\tNội dung\tCơ quan chủ trì\tThời gian thực hiện\nII\tVề chuyển đổi số\t\t\n1\tViệc mới\tCông an xã\tNăm 2026\n";
    let (code, so, se) = stdin_run(
        &["import", "-", "--append", "content/plans/thu.md"],
        s.path(),
        tsv,
    );
    assert_eq!(code, 0, "{so}\n{se}");
    let after = read(&path);
    let added = "  - group: Về chuyển đổi số\r\n    no: II\r\n    tasks:\r\n      - content: Việc mới\r\n        lead: Công an xã\r\n        due: Năm 2026\r\n";
    let expected = plan.replace(
        "        lead: Phòng Kinh tế\r\n",
        &format!("        lead: Phòng Kinh tế\r\n{added}"),
    );
    assert_eq!(after, expected);
    let p = plan_of(&path);
    assert_eq!(p.task_count(), 2);
    assert_eq!(p.groups[1].tasks[0].id, "nv-ii-1");

    // A flat plan refuses a table with group rows, and stays as it was.
    let flat = "---\ntitle: Phẳng\ntasks:\n  - content: Việc cũ\n---\n";
    let flat_path = s.path().join("content/plans/phang.md");
    std::fs::write(&flat_path, flat).unwrap();
    let (code, _, se) = stdin_run(
        &["import", "-", "--append", "content/plans/phang.md"],
        s.path(),
        tsv,
    );
    assert_eq!(code, 1);
    assert!(se.contains("content/plans/phang.md: error: the plan lists its tasks without groups but the pasted table has group rows (I, II …)"), "{se}");
    assert_eq!(read(&flat_path), flat);

    // Appending flat tasks to a flat plan numbers them after the plan's own.
    let tsv_flat =
        "STT\tNội dung\tCơ quan chủ trì\n1\tViệc hai\tCông an xã\n2\tViệc ba\tCông an xã\n";
    let (code, _, se) = stdin_run(
        &["import", "-", "--append", "content/plans/phang.md"],
        s.path(),
        tsv_flat,
    );
    assert_eq!(code, 0, "{se}");
    let p = plan_of(&flat_path);
    let ids: Vec<_> = p.tasks().map(|t| t.id.clone()).collect();
    assert_eq!(ids.len(), 3);
    let mut unique = ids.clone();
    unique.dedup();
    assert_eq!(ids, unique, "anchors stay unique");

    // A one-line `tasks: [...]` cannot be appended to safely.
    let inline = "---\ntitle: Một dòng\ntasks: [{ content: x }]\n---\n";
    let inline_path = s.path().join("content/plans/mot-dong.md");
    std::fs::write(&inline_path, inline).unwrap();
    let (code, _, se) = stdin_run(
        &["import", "-", "--append", "content/plans/mot-dong.md"],
        s.path(),
        tsv_flat,
    );
    assert_eq!(code, 1);
    assert!(
        se.contains("is written on one line, so tasks cannot be appended to it safely"),
        "{se}"
    );
    assert_eq!(read(&inline_path), inline);
}

#[test]
fn bad_input_gets_clear_messages_and_exit_codes() {
    let s = site();
    let dir = s.path();
    std::fs::write(dir.join("not-a-zip.docx"), "just text").unwrap();
    let (code, _, se) = run(&["import", "not-a-zip.docx"], dir);
    assert_eq!(code, 1);
    assert!(
        se.starts_with("not-a-zip.docx: error: this is not a .docx file (it is not a ZIP archive)\n  = hint: open the file in Word"),
        "{se}"
    );

    docx::write_parts(
        &dir.join("empty.docx"),
        &[("[Content_Types].xml", docx::CONTENT_TYPES.to_string())],
    );
    let (code, _, se) = run(&["import", "empty.docx"], dir);
    assert_eq!(code, 1);
    assert!(se.starts_with("empty.docx: error: this ZIP archive has no word/document.xml: it is not a Word document"), "{se}");

    docx::write_parts(
        &dir.join("broken.docx"),
        &[("word/document.xml", "<w:document><w:body><w:p>".to_string())],
    );
    let (code, _, se) = run(&["import", "broken.docx"], dir);
    assert_eq!(code, 1);
    assert!(
        se.starts_with("broken.docx: error: the Word document is damaged"),
        "{se}"
    );

    std::fs::write(dir.join("old.doc"), [0xD0, 0xCF, 0x11, 0xE0, 0, 0]).unwrap();
    let (code, _, se) = run(&["import", "old.doc"], dir);
    assert_eq!(code, 1);
    assert!(se.contains("old Word 97–2003 .doc file"), "{se}");

    let (code, _, se) = run(&["import", "missing.docx"], dir);
    assert_eq!(code, 1);
    assert!(
        se.starts_with("missing.docx: error: cannot read this file: it does not exist"),
        "{se}"
    );

    // Prose only: imported, with a note that no task table was found.
    let body = [
        para("KẾ HOẠCH", true, true, false),
        para("Về công tác chuyển đổi số", true, true, false),
        p("Nội dung chỉ có văn xuôi."),
    ]
    .concat();
    docx::write(&dir.join("prose.docx"), &body);
    let (code, so, se) = run(
        &["import", "prose.docx", "-o", "content/plans/prose.md"],
        dir,
    );
    assert_eq!(code, 0, "{se}");
    assert!(so.contains(": 0 tasks; "), "{so}");
    let file = read(&dir.join("content/plans/prose.md"));
    assert!(
        file.contains("# kiểm tra lại: không tìm thấy bảng nhiệm vụ trong văn bản"),
        "{file}"
    );
    let p = plan_of(&dir.join("content/plans/prose.md"));
    assert_eq!(p.title, "Về công tác chuyển đổi số");
    assert_eq!(p.body.trim(), "Nội dung chỉ có văn xuôi.");

    // The output exists: nothing is written without --force.
    std::fs::write(dir.join("content/plans/prose.md"), "giữ nguyên").unwrap();
    let (code, _, se) = run(
        &["import", "prose.docx", "-o", "content/plans/prose.md"],
        dir,
    );
    assert_eq!(code, 1);
    assert_eq!(
        se.trim_end(),
        "content/plans/prose.md: error: this file already exists; nothing was written\n  = hint: pass --force to overwrite it, or --output PATH to write the plan elsewhere"
    );
    assert_eq!(read(&dir.join("content/plans/prose.md")), "giữ nguyên");
    let (code, _, se) = run(
        &[
            "import",
            "prose.docx",
            "-o",
            "content/plans/prose.md",
            "--force",
        ],
        dir,
    );
    assert_eq!(code, 0, "{se}");
    assert!(read(&dir.join("content/plans/prose.md")).starts_with("---\n"));

    // A table without a recognisable header.
    std::fs::write(dir.join("x.tsv"), "a\tb\n1\t2\n").unwrap();
    let (code, _, se) = run(&["import", "x.tsv"], dir);
    assert_eq!(code, 1);
    assert!(
        se.starts_with(
            "x.tsv: error: no header row of a task table was recognised (first row: `a | b`)"
        ),
        "{se}"
    );

    // Wrong usage: exit 2.
    let (code, _, _) = run(&["import"], dir);
    assert_eq!(code, 2);
    let (code, _, _) = run(&["import", "x.tsv", "-o", "a.md", "--append", "b.md"], dir);
    assert_eq!(code, 2);
}

#[test]
fn check_lists_review_comments_with_line_and_column() {
    let nfd: String =
        unicode_normalization::UnicodeNormalization::nfd("# KIỂM TRA LẠI: tên").collect();
    let plan = format!(
        "---\ntitle: Thử # kiểm tra lại: trích yếu đoán\nissuer: \"UBND # kiểm tra lại\"\ntasks:\n  - content: |-\n      # kiểm tra lại trong khối văn bản\n      dòng hai\n    lead: Phòng Kinh tế   {nfd}\n# kiểm tra lại: dòng bảng không nhận ra\n---\nThân bài # kiểm tra lại\n"
    );
    let s = common::site(&[
        ("content/units.yaml", &units_yaml()),
        ("content/plans/thu.md", &plan),
    ]);
    let (code, so, se) = run(&["check", "--today", common::TODAY], s.path());
    assert_eq!(code, 0, "{so}\n{se}");
    let warnings: Vec<&str> = se
        .lines()
        .filter(|l| l.contains("kiểm tra lại"))
        .filter(|l| l.starts_with("content/"))
        .collect();
    assert_eq!(
        warnings,
        vec![
            "content/plans/thu.md:2:12: warning: marked `# kiểm tra lại` (to be checked): trích yếu đoán",
            "content/plans/thu.md:8:27: warning: marked `# kiểm tra lại` (to be checked): tên",
            "content/plans/thu.md:9:1: warning: marked `# kiểm tra lại` (to be checked): dòng bảng không nhận ra",
        ],
        "{se}"
    );
    assert!(se.contains("delete the comment `# kiểm tra lại …`"), "{se}");
}

/// The sample of the editors' guide (docs/vi-du/ke-hoach-mau.docx) was saved by python-docx
/// from Word's own template, not by this test suite's writer: the importer reads it whole.
#[test]
fn the_guide_sample_made_by_another_docx_writer_is_imported() {
    let site = site();
    let sample = repo().join("docs/vi-du/ke-hoach-mau.docx");
    let out = site.path().join("mau.md");
    let (code, _, err) = run(
        &[
            "import",
            sample.to_str().unwrap(),
            "--output",
            out.to_str().unwrap(),
            "--root",
            site.path().to_str().unwrap(),
        ],
        site.path(),
    );
    assert_eq!(code, 0, "{err}");
    let plan = plan_of(&out);
    assert_eq!(plan.number.as_deref(), Some("66/KH-UBND"));
    assert_eq!(plan.issuer.as_deref(), Some("UBND xã An Thành"));
    assert_eq!(plan.place.as_deref(), Some("An Thành"));
    assert_eq!(
        plan.title,
        "Thực hiện Nghị quyết số 268/NQ-CP ngày 31/8/2025 của Chính phủ trên địa bàn xã An Thành"
    );
    assert_eq!(plan.basis.len(), 2);
    let signer = plan.signer.as_ref().expect("a signature block");
    assert_eq!(signer.name.as_deref(), Some("Nguyễn Văn Hải"));
    assert_eq!(signer.authority.as_deref(), Some("KT. CHỦ TỊCH"));
    assert_eq!(
        plan.recipients,
        ["UBND thành phố", "TT Đảng ủy, HĐND xã", "Lưu: VT."]
    );
    assert_eq!(plan.groups.len(), 2);
    assert_eq!(plan.groups[0].title.as_deref(), Some("Về thể chế"));
    let t = &plan.groups[0].tasks;
    assert_eq!(t.len(), 2);
    // The lead cell merged down over two tasks belongs to both.
    assert_eq!(texts(&t[0].lead), ["Văn phòng HĐND và UBND xã"]);
    assert_eq!(texts(&t[1].lead), ["Văn phòng HĐND và UBND xã"]);
    // Two paragraphs of one cell are two units.
    assert_eq!(
        texts(&t[1].support),
        ["Phòng Kinh tế", "Phòng Văn hóa - Xã hội"]
    );
    assert_eq!(t[1].due.text, "Tháng 11/2025");
    assert_eq!(plan.groups[1].tasks[1].due.text, "Quý III-IV/2025");
    assert!(plan.body.contains("## I. MỤC ĐÍCH, YÊU CẦU"));
}

#[test]
fn a_long_pasted_table_is_imported_in_linear_time() {
    // Numbered rows, then rows all numbered 1 (anchors made unique by a suffix). Eight times
    // the rows stay under 8,000: a pasted table may be refused beyond 10,000 rows.
    for (what, no) in [
        ("numbered rows", (|i| i + 1) as fn(usize) -> usize),
        ("rows all numbered 1", |_| 1),
    ] {
        assert_linear_upto(
            what,
            (1, 64),
            1000,
            |n| {
                let dir = site();
                let mut tsv = String::from("STT\tNội dung\tCơ quan chủ trì\n");
                for i in 0..n {
                    let content = format!("Triển khai nội dung số {i}; ").repeat(8);
                    tsv.push_str(&format!("{}\t{content}\tPhòng Kinh tế\n", no(i)));
                }
                std::fs::write(dir.path().join("t.tsv"), tsv).unwrap();
                dir
            },
            |dir| {
                let o = kehoach(&["import", "t.tsv", "--output", "-"], dir.path());
                assert!(o.status.success(), "{:?}", text(&o));
            },
        );
    }
}

// Hostile input: whatever the bytes, an import takes memory and time bounded by the size of
// its input, and ends with a message and exit 1 (never an abort or a crash).

/// Runs `kehoach` with standard input from `stdin` (else nothing). On Linux it runs under
/// `ulimit -v 1048576` (1 GiB of address space) and `ulimit -t 60` (CPU seconds): an import
/// that tried to take more is stopped by the kernel or aborts on a failed allocation, and the
/// test sees a signal instead of the exit code it expects.
fn run_bounded(args: &[&str], cwd: &Path, stdin: Option<&Path>) -> (i32, String, String) {
    let bin = env!("CARGO_BIN_EXE_kehoach");
    let mut cmd = if cfg!(target_os = "linux") {
        let mut c = Command::new("sh");
        c.arg("-c")
            .arg("ulimit -v 1048576 && ulimit -t 60 && exec \"$0\" \"$@\"")
            .arg(bin);
        c
    } else {
        Command::new(bin)
    };
    let input = match stdin {
        Some(p) => Stdio::from(std::fs::File::open(p).unwrap()),
        None => Stdio::null(),
    };
    let o = cmd
        .args(args)
        .current_dir(cwd)
        .env("KEHOACH_LANG", "en")
        .stdin(input)
        .output()
        .expect("the binary runs");
    let (so, mut se) = text(&o);
    if o.status.code().is_none() {
        se.push_str(&format!("\n[killed: {:?}]", o.status));
    }
    (o.status.code().unwrap_or(-1), so, se)
}

/// A .docx holding only word/document.xml around `body`, as small as such a file can be.
fn bare_docx(path: &Path, body: &str) {
    docx::write_parts(path, &[("word/document.xml", docx::document_xml(body))]);
}

#[test]
fn a_huge_grid_before_or_after_is_refused_not_allocated() {
    let s = site();
    let dir = s.path();
    for (name, props) in [
        ("before.docx", "<w:gridBefore w:val=\"1000000000000\"/>"),
        ("after.docx", "<w:gridAfter w:val=\"1000000000000\"/>"),
    ] {
        let body = format!(
            "<w:tbl><w:tr><w:trPr>{props}</w:trPr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
        );
        bare_docx(&dir.join(name), &body);
        assert!(std::fs::metadata(dir.join(name)).unwrap().len() < 1024);
        let (code, _, se) = run_bounded(&["import", name, "-o", "-"], dir, None);
        assert_eq!(code, 1, "{name}: {se}");
        assert!(
            se.starts_with(&format!("{name}: error: row 1 of table 1 in the document spans more than 64 columns; a plan's tables have fewer than 20\n  = hint: ")),
            "{name}: {se}"
        );
    }
}

#[test]
fn a_vertical_merge_over_a_huge_grid_span_is_shared_not_copied() {
    let s = site();
    let dir = s.path();
    // 100 KB of text merged down over 2,000 rows, each cell spanning "a billion" columns
    // (64 once clamped): copied into every grid column of every row it would be 12 GB.
    let long = "Nội dung rất dài được gộp dọc. ".repeat(3_000);
    let span = "<w:gridSpan w:val=\"1000000000\"/>";
    let mut body = format!(
        "{}{}<w:tbl><w:tr><w:tc><w:tcPr>{span}<w:vMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>{long}</w:t></w:r></w:p></w:tc></w:tr>",
        para("KẾ HOẠCH", true, true, false),
        para("Về một bảng gộp ô", true, true, false),
    );
    for _ in 0..2_000 {
        body.push_str(&format!(
            "<w:tr><w:tc><w:tcPr>{span}<w:vMerge/></w:tcPr><w:p/></w:tc></w:tr>"
        ));
    }
    body.push_str("</w:tbl>");
    docx::write(&dir.join("merged.docx"), &body);
    let (code, so, se) = run_bounded(&["import", "merged.docx", "-o", "merged.md"], dir, None);
    assert_eq!(code, 0, "{so}\n{se}");
    let file = read(&dir.join("merged.md"));
    // The table is kept in the prose: its first row once, every merged cell left empty.
    assert_eq!(
        common::count(&file, "Nội dung rất dài được gộp dọc."),
        3_000
    );
    assert_eq!(
        common::count(&file, &format!("|{}\n", "  |".repeat(64))),
        2_000
    );
}

/// A task table in a .docx: header "STT | Nội dung | Cơ quan chủ trì | Thời gian thực hiện |
/// Sản phẩm", then `rows` (each the five cells' XML).
fn task_table_docx(path: &Path, rows: &[String]) {
    let header = row(
        &[
            c("STT"),
            c("Nội dung"),
            c("Cơ quan chủ trì"),
            c("Thời gian thực hiện"),
            c("Sản phẩm"),
        ],
        true,
    );
    let body = [
        para("KẾ HOẠCH", true, true, false),
        para("Về một bảng thử", true, true, false),
        table(5, &[vec![header], rows.to_vec()].concat(), false),
    ]
    .concat();
    docx::write(path, &body);
}

#[test]
fn a_lead_cell_merged_down_over_thousands_of_tasks_is_held_to_a_plans_size() {
    let s = site();
    let dir = s.path();
    // 50 KB of units merged down over 3,000 tasks: each task leads with all of them.
    let units: Vec<String> = (0..100)
        .map(|i| format!("Phòng số {i} {}", "x".repeat(480)))
        .collect();
    let lead = Cell {
        lines: units,
        span: 1,
        vmerge: Some(true),
        ..Cell::default()
    };
    let mut rows = vec![row(&[c("1"), c("Việc 1"), lead, c(""), c("")], false)];
    for i in 2..3_000 {
        let (no, what) = (i.to_string(), format!("Việc {i}"));
        rows.push(row(&[c(&no), c(&what), Cell::cont(), c(""), c("")], false));
    }
    task_table_docx(&dir.join("lead.docx"), &rows);
    let (code, _, se) = run_bounded(&["import", "lead.docx", "-o", "-"], dir, None);
    assert_eq!(code, 1, "{se}");
    assert!(
        se.starts_with("lead.docx: error: the plan read from this file would hold more than 4 MB of text, more than a plan file may\n"),
        "{se}"
    );
}

#[test]
fn rows_continuing_a_task_add_their_own_cells_not_the_merged_ones() {
    let s = site();
    let dir = s.path();
    // A product cell of 90 KB merged down over 2,000 rows that go on with the task above
    // (no number, no lead): each row adds its own words, the product stays once.
    let product = "Sản phẩm rất dài. ".repeat(5_000);
    let mut rows = vec![row(
        &[
            c("1"),
            c("Việc một"),
            c("Phòng Kinh tế"),
            c("Năm 2026"),
            c(&product).restart(),
        ],
        false,
    )];
    for i in 0..2_000 {
        let more = format!("phần {i}");
        rows.push(row(&[c(""), c(&more), c(""), c(""), Cell::cont()], false));
    }
    task_table_docx(&dir.join("cont.docx"), &rows);
    let (code, so, se) = run_bounded(&["import", "cont.docx", "-o", "cont.md"], dir, None);
    assert_eq!(code, 0, "{so}\n{se}");
    let file = read(&dir.join("cont.md"));
    assert_eq!(common::count(&file, "Sản phẩm rất dài."), 5_000);
    assert!(file.contains("phần 0 phần 1 phần 2"), "{file}");
    let p = plan_of(&dir.join("cont.md"));
    assert_eq!(p.task_count(), 1);
}

#[test]
fn the_prose_and_the_plan_are_held_to_a_plan_files_size() {
    let s = site();
    let dir = s.path();
    // Rows of one empty cell spanning 64 columns: 90 bytes of XML, 200 of Markdown.
    let wide = "<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"64\"/></w:tcPr><w:p/></w:tc></w:tr>";
    let tables = format!("<w:tbl>{}</w:tbl>", wide.repeat(5_000)).repeat(6);
    let body = [
        para("KẾ HOẠCH", true, true, false),
        para("Về một văn bản thử", true, true, false),
        tables,
    ]
    .concat();
    docx::write(&dir.join("prose.docx"), &body);
    let (code, _, se) = run_bounded(&["import", "prose.docx", "-o", "-"], dir, None);
    assert_eq!(code, 1, "{se}");
    assert!(
        se.starts_with("prose.docx: error: the plan read from this file would hold more than 4 MB of text, more than a plan file may\n"),
        "{se}"
    );
    // Tasks under the limit whose YAML goes over it: refused before anything is written.
    let mut tsv = "STT\tNội dung\tCơ quan chủ trì\n".to_string();
    for i in 1..=9_000 {
        tsv.push_str(&format!(
            "{i}\tViệc số {i} {}\tPhòng Kinh tế\n",
            "x".repeat(425)
        ));
    }
    std::fs::write(dir.join("big.tsv"), &tsv).unwrap();
    let (code, _, se) = run_bounded(&["import", "big.tsv"], dir, None);
    assert_eq!(code, 1, "{se}");
    assert!(
        se.starts_with("big.tsv: error: the plan would be 4."),
        "{se}"
    );
    assert!(se.contains("MB; a plan file may be at most 4 MB\n"), "{se}");
    assert!(!dir.join("content/plans").exists());
}

#[test]
fn a_tsv_row_of_a_million_tabs_is_refused_at_its_row_and_column() {
    let s = site();
    let dir = s.path();
    // One row of 1,000,000 tabs, then short rows that would each be padded to its width.
    let mut tsv = "\t".repeat(1_000_000);
    tsv.push('\n');
    tsv.push_str(&"1\tViệc\n".repeat(1_000));
    std::fs::write(dir.join("tabs.tsv"), &tsv).unwrap();
    let (code, _, se) = run_bounded(&["import", "tabs.tsv", "-o", "-"], dir, None);
    assert_eq!(code, 1, "{se}");
    assert!(
        se.starts_with(
            "tabs.tsv:1:65: error: row 1 has 1000001 columns; a task table has at most 64\n"
        ),
        "{se}"
    );
    // The same further down, after a quoted cell over two lines: the position is the line
    // and column in the file.
    let row = format!("2\t\"a\nb\"{}x\n", "\t".repeat(70));
    let tsv = format!("STT\tNội dung\tCơ quan chủ trì\n{row}");
    std::fs::write(dir.join("wide.tsv"), &tsv).unwrap();
    let (code, _, se) = run_bounded(&["import", "wide.tsv", "-o", "-"], dir, None);
    assert_eq!(code, 1, "{se}");
    assert!(
        se.starts_with("wide.tsv:3:66: error: row 2 has 72 columns; a task table has at most 64\n"),
        "{se}"
    );
}

#[test]
fn a_tsv_of_sixteen_megabytes_of_line_breaks_is_refused_by_its_rows() {
    let s = site();
    let dir = s.path();
    let mut tsv = "STT\tNội dung\tCơ quan chủ trì\n".to_string();
    tsv.push_str(&"\n".repeat(16 * 1024 * 1024 - tsv.len()));
    std::fs::write(dir.join("rows.tsv"), &tsv).unwrap();
    let (code, _, se) = run_bounded(&["import", "rows.tsv", "-o", "-"], dir, None);
    assert_eq!(code, 1, "{se}");
    assert!(
        se.starts_with("rows.tsv:10001:1: error: the table has more than 10000 rows; a task table has a few hundred\n"),
        "{se}"
    );
}

#[cfg(unix)]
#[test]
fn an_endless_input_is_read_only_up_to_the_limit() {
    let s = site();
    let dir = s.path();
    let (code, _, se) = run_bounded(&["import", "/dev/zero", "-o", "-"], dir, None);
    assert_eq!(code, 1, "{se}");
    assert!(
        se.starts_with("/dev/zero: error: this input is too large to be a plan\n"),
        "{se}"
    );
    let (code, _, se) = run_bounded(&["import", "-"], dir, Some(Path::new("/dev/zero")));
    assert_eq!(code, 1, "{se}");
    assert!(
        se.starts_with("-: error: this input is too large to be a plan\n"),
        "{se}"
    );
    // The plan appended to is read up to the most a plan file may be.
    std::fs::write(dir.join("bang.tsv"), EXCEL).unwrap();
    let (code, _, se) = run_bounded(&["import", "bang.tsv", "--append", "/dev/zero"], dir, None);
    assert_eq!(code, 1, "{se}");
    assert!(
        se.starts_with(
            "/dev/zero: error: the plan is larger than 4 MB, the most a plan file may be\n"
        ),
        "{se}"
    );
}

#[test]
fn tables_nested_thirty_thousand_deep_are_refused_without_recursion() {
    let s = site();
    let dir = s.path();
    let n = 30_000;
    let body = format!(
        "{}<w:p/>{}",
        "<w:tbl><w:tr><w:tc>".repeat(n),
        "</w:tc></w:tr></w:tbl>".repeat(n)
    );
    bare_docx(&dir.join("nested.docx"), &body);
    assert!(std::fs::metadata(dir.join("nested.docx")).unwrap().len() < 16 * 1024);
    let (code, _, se) = run_bounded(&["import", "nested.docx", "-o", "-"], dir, None);
    assert_eq!(code, 1, "{se}");
    assert!(
        se.starts_with("nested.docx: error: the document nests tables more than 32 deep (a table in a cell of a table …); Word documents nest a few levels\n  = hint: "),
        "{se}"
    );
}

/// The archive's header sizes of `name` set to 1 byte (local header and central directory):
/// what it says, the reader must not believe.
fn lie_about_size(zip: &mut [u8], name: &str) {
    let name = name.as_bytes();
    let mut patched = 0;
    for i in 0..zip.len().saturating_sub(46) {
        let (size_at, name_at) = match zip[i..i + 4] {
            [0x50, 0x4b, 0x03, 0x04] => (22, 30),
            [0x50, 0x4b, 0x01, 0x02] => (24, 46),
            _ => continue,
        };
        if zip[i + name_at..].starts_with(name) {
            zip[i + size_at..i + size_at + 4].copy_from_slice(&1u32.to_le_bytes());
            patched += 1;
        }
    }
    assert_eq!(patched, 2);
}

#[test]
fn an_archive_entry_unpacking_past_the_limit_is_refused() {
    let s = site();
    let dir = s.path();
    // 16 MB and one byte of spaces inside the XML: a few dozen KB once deflated.
    let mut xml = docx::document_xml("<w:p/>");
    let at = xml.find("<w:body>").unwrap();
    xml.insert_str(at, &" ".repeat(16 * 1024 * 1024 + 1));
    docx::write_parts(&dir.join("bomb.docx"), &[("word/document.xml", xml)]);
    assert!(std::fs::metadata(dir.join("bomb.docx")).unwrap().len() < 1024 * 1024);
    let expected = ": error: word/document.xml inside the archive unpacks to more than 16 MB; refusing to read it\n";
    let (code, _, se) = run_bounded(&["import", "bomb.docx", "-o", "-"], dir, None);
    assert_eq!(code, 1, "{se}");
    assert!(se.starts_with(&format!("bomb.docx{expected}")), "{se}");
    // The same entry whose headers claim 1 byte: not trusted. The zip reader stops where the
    // entry passes its declared size (the archive is damaged), before the importer's limit.
    let mut bytes = std::fs::read(dir.join("bomb.docx")).unwrap();
    lie_about_size(&mut bytes, "word/document.xml");
    std::fs::write(dir.join("liar.docx"), &bytes).unwrap();
    let (code, _, se) = run_bounded(&["import", "liar.docx", "-o", "-"], dir, None);
    assert_eq!(code, 1, "{se}");
    assert!(
        se.starts_with("liar.docx: error: the Word document is damaged: word/document.xml: File is larger than its declared uncompressed size\n"),
        "{se}"
    );
}

#[test]
fn a_cell_of_thousands_of_commas_is_split_in_linear_time() {
    let s = site();
    let dir = s.path();
    let tsv = format!(
        "STT\tNội dung\tCơ quan chủ trì\n1\tViệc\t{}\n",
        "Phòng Kinh tế,x,".repeat(5_000)
    );
    std::fs::write(dir.join("commas.tsv"), &tsv).unwrap();
    let (code, so, se) = run_bounded(&["import", "commas.tsv", "-o", "-"], dir, None);
    assert_eq!(code, 0, "{se}");
    assert!(so.contains("Phòng Kinh tế,x,Phòng Kinh tế"), "{so}");
}
