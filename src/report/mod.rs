//! Reports about plans, written as the administrative documents a commune files.
//!
//! A report ([`Report`]) accounts for carrying out a plan, the tasks a unit leads, or every
//! plan of the site, optionally for the tasks due in a period ([`period::Period`]): its
//! figures ([`summary::Summary`]) in the four states of the Government Office's task-tracking
//! reports, and the text around them, in the form Nghị định 30/2020/NĐ-CP sets for an
//! administrative report ("BÁO CÁO Kết quả thực hiện Kế hoạch số …", issuer block, Quốc
//! hiệu, place and date, body, signature block, Nơi nhận). The portal shows it as a page that
//! prints on A4 (`/bao-cao/…`, `render::pages::reports`), and [`docx`] writes the same as a
//! Word document the office can edit, sign and send; `kehoach report` writes one from the
//! command line.

pub mod docx;
pub mod period;
pub mod summary;

use crate::site::Site;
use crate::urls::{self, ReportScope};
use period::Period;
use serde::Serialize;
use summary::{Scope, Summary};

/// Overdue tasks a report lists at most (the portal's overdue lists hold them all).
pub const OVERDUE_LISTED: usize = 100;

/// A report: its heading in the form of Nghị định 30/2020, its text and its figures.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The issuer block, a line each: "ỦY BAN NHÂN DÂN", "XÃ AN THÀNH".
    pub issuer_lines: Vec<String>,
    /// "Số:      /BC-UBND": left for the office to number.
    pub number: String,
    /// "An Thành, ngày      tháng      năm 2026".
    pub place_date: String,
    /// "Kết quả thực hiện Kế hoạch số 66/KH-UBND …".
    pub title: String,
    /// The opening paragraph.
    pub intro: String,
    /// "tính đến ngày 15/01/2026".
    pub as_of: String,
    pub summary: Summary,
    /// The overdue tasks not listed (over [`OVERDUE_LISTED`]).
    pub overdue_more: usize,
    pub signer: Vec<String>,
    pub recipients: Vec<String>,
}

/// The place of a commune's documents: "xã An Thành" → "An Thành".
fn place_of(commune: &str) -> String {
    let lower = commune.to_lowercase();
    for prefix in ["xã ", "phường ", "thị trấn ", "đặc khu "] {
        if lower.starts_with(prefix) {
            return commune[prefix.len()..].trim().to_string();
        }
    }
    commune.trim().to_string()
}

/// The report on `scope`, narrowed to `period`, as of the build day.
pub fn report(site: &Site, scope: Scope, period: Option<Period>) -> Report {
    let c = &site.config;
    let default_issuer = c
        .issuer
        .clone()
        .unwrap_or_else(|| format!("UBND {}", c.commune));
    let (issuer, place) = match scope {
        Scope::Plan(pi) => {
            let p = &site.plans[pi];
            (
                p.issuer.clone().unwrap_or(default_issuer),
                p.place.clone().unwrap_or_else(|| place_of(&c.commune)),
            )
        }
        _ => (default_issuer, place_of(&c.commune)),
    };
    let summary = summary::summary(site, scope, period);
    let in_period = period
        .map(|p| format!(" {}", p.label()))
        .unwrap_or_default();
    let (title, what) = match scope {
        Scope::Plan(pi) => {
            let p = &site.plans[pi];
            let number = p
                .number
                .as_deref()
                .map(|n| format!(" số {n}"))
                .unwrap_or_default();
            let date = p
                .date
                .map(|d| format!(" {}", d.long_vi()))
                .unwrap_or_default();
            (
                format!("Kết quả thực hiện {}{number}{date}{in_period}", p.kind),
                format!("{}{number}{date} ({})", p.kind, p.title),
            )
        }
        Scope::Unit(u) => {
            let name = &site.registry.units[u].name;
            (
                format!("Kết quả thực hiện các nhiệm vụ do {name} chủ trì{in_period}"),
                format!("các kế hoạch, các nhiệm vụ do {name} chủ trì"),
            )
        }
        Scope::Site => (
            format!("Kết quả thực hiện các kế hoạch{in_period}"),
            format!("các kế hoạch của {issuer}"),
        ),
    };
    let as_of = format!("tính đến ngày {}", site.today.format("%d/%m/%Y"));
    let n = &summary.counts;
    let due = period
        .map(|p| format!(" có thời hạn trong {}", p.label()))
        .unwrap_or_default();
    let intro = format!(
        "Ủy ban nhân dân báo cáo kết quả thực hiện {what}{in_period}, {as_of}: tổng số {} nhiệm vụ{due}, trong đó {} nhiệm vụ có thời hạn cụ thể được theo dõi tiến độ so với thời hạn; {} nhiệm vụ thường xuyên, định kỳ, có điều kiện, chưa xác định thời hạn hoặc dừng thực hiện không tính vào tiến độ. Kết quả cụ thể như sau:",
        n.total, n.timed, n.not_timed
    );
    let overdue_more = (summary.overdue_total as usize).saturating_sub(OVERDUE_LISTED);
    let year = site.today.format("%Y");
    Report {
        issuer_lines: crate::render::views::issuer_lines(&issuer),
        number: "Số:       /BC-UBND".into(),
        place_date: format!("{place}, ngày      tháng      năm {year}"),
        title,
        intro,
        as_of,
        summary,
        overdue_more,
        signer: vec!["TM. ỦY BAN NHÂN DÂN".into(), "CHỦ TỊCH".into()],
        recipients: vec![
            "- UBND cấp trên (để báo cáo);".into(),
            "- Thường trực Đảng ủy, HĐND xã;".into(),
            "- Các cơ quan, đơn vị liên quan;".into(),
            "- Lưu: VT.".into(),
        ],
    }
}

impl Report {
    /// The report as a Word document ([`docx::Document`]).
    pub fn document(&self) -> docx::Document {
        use docx::Block::{Heading, Paragraph, Table};
        let s = &self.summary;
        let c = &s.counts;
        let mut body = vec![
            Paragraph(self.intro.clone()),
            Heading("I. KẾT QUẢ CHUNG".into()),
        ];
        let mut rows: Vec<Vec<String>> = c
            .rows()
            .into_iter()
            .map(|(label, n, pct)| vec![label.to_string(), n.to_string(), pct])
            .collect();
        rows.push(vec![
            "Cộng (nhiệm vụ có thời hạn cụ thể)".into(),
            c.timed.to_string(),
            if c.timed > 0 {
                "100%".into()
            } else {
                "–".into()
            },
        ]);
        body.push(Table {
            header: vec![
                "Tiến độ so với thời hạn".into(),
                "Số nhiệm vụ".into(),
                "Tỷ lệ".into(),
            ],
            rows,
            widths: vec![6, 2, 2],
        });
        body.push(Paragraph(facts(c)));
        body.push(Heading("II. KẾT QUẢ THEO ĐƠN VỊ CHỦ TRÌ".into()));
        if s.units.is_empty() {
            body.push(Paragraph("Không có nhiệm vụ nào.".into()));
        } else {
            body.push(Table {
                header: [
                    "TT",
                    "Đơn vị chủ trì",
                    "Số nhiệm vụ",
                    "Hoàn thành đúng hạn",
                    "Hoàn thành quá hạn",
                    "Đang trong hạn",
                    "Quá hạn chưa hoàn thành",
                    "Tỷ lệ đúng hạn",
                ]
                .map(String::from)
                .to_vec(),
                rows: s
                    .units
                    .iter()
                    .enumerate()
                    .map(|(k, u)| {
                        vec![
                            (k + 1).to_string(),
                            u.name.clone(),
                            u.counts.total.to_string(),
                            u.counts.done_on_time.to_string(),
                            u.counts.done_late.to_string(),
                            u.counts.open_on_time.to_string(),
                            u.counts.open_overdue.to_string(),
                            u.on_time_pct.clone(),
                        ]
                    })
                    .collect(),
                widths: vec![1, 6, 2, 2, 2, 2, 2, 2],
            });
            if let Some(text) = most_overdue(s) {
                body.push(Paragraph(text));
            }
        }
        body.push(Heading("III. NHIỆM VỤ QUÁ HẠN CHƯA HOÀN THÀNH".into()));
        if s.overdue.is_empty() {
            body.push(Paragraph(format!(
                "Không có nhiệm vụ nào quá hạn chưa hoàn thành {}.",
                self.as_of
            )));
        } else {
            body.push(Paragraph(format!(
                "Xếp theo số ngày quá hạn, {}{}:",
                self.as_of,
                if self.overdue_more > 0 {
                    format!(" ({} nhiệm vụ quá hạn lâu nhất)", OVERDUE_LISTED)
                } else {
                    String::new()
                }
            )));
            body.push(Table {
                header: [
                    "TT",
                    "Nhiệm vụ",
                    "Chủ trì",
                    "Thời hạn",
                    "Số ngày quá hạn",
                    "Báo cáo",
                    "Kế hoạch",
                ]
                .map(String::from)
                .to_vec(),
                rows: s
                    .overdue
                    .iter()
                    .take(OVERDUE_LISTED)
                    .enumerate()
                    .map(|(k, t)| {
                        vec![
                            (k + 1).to_string(),
                            t.content.clone(),
                            t.lead.clone(),
                            t.due.clone(),
                            t.days.to_string(),
                            t.reported.clone(),
                            t.plan.clone(),
                        ]
                    })
                    .collect(),
                widths: vec![1, 7, 3, 2, 2, 2, 2],
            });
            if self.overdue_more > 0 {
                body.push(Paragraph(format!(
                    "Và {} nhiệm vụ quá hạn khác (danh sách đầy đủ trên cổng thông tin).",
                    self.overdue_more
                )));
            }
        }
        body.push(Heading("IV. SO VỚI KỲ TRƯỚC".into()));
        body.push(Paragraph(self.compare_text()));
        body.push(Heading(
            "V. ĐÁNH GIÁ CHUNG, KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ".into(),
        ));
        body.push(Paragraph(
            "(Phần này do cơ quan báo cáo bổ sung trước khi ký ban hành.)".into(),
        ));
        let (authority, issuer) = match self.issuer_lines.as_slice() {
            [one] => (String::new(), one.clone()),
            lines => (String::new(), lines.join("\n")),
        };
        docx::Document {
            authority,
            issuer,
            number: self.number.clone(),
            place_date: self.place_date.clone(),
            kind: "BÁO CÁO".into(),
            title: self.title.clone(),
            body,
            signer_lines: self.signer.clone(),
            signer_name: String::new(),
            recipients: self.recipients.clone(),
        }
    }

    /// Section IV's text: the figures then and now, and what moved.
    pub fn compare_text(&self) -> String {
        let Some(p) = &self.summary.compare else {
            return "Không có số liệu kỳ trước.".into();
        };
        let (a, b) = (&p.counts, &self.summary.counts);
        if self.summary.period.is_some() {
            format!(
                "Kỳ trước ({}): {} nhiệm vụ đến hạn, hoàn thành đúng hạn {} ({}), quá hạn chưa hoàn thành {} ({}). Kỳ này: {} nhiệm vụ đến hạn, hoàn thành đúng hạn {} ({}), quá hạn chưa hoàn thành {} ({}).",
                p.label,
                a.timed,
                a.done_on_time,
                a.pct(a.done_on_time),
                a.open_overdue,
                a.pct(a.open_overdue),
                b.timed,
                b.done_on_time,
                b.pct(b.done_on_time),
                b.open_overdue,
                b.pct(b.open_overdue),
            )
        } else {
            format!(
                "So với {}: hoàn thành đúng hạn {} → {}, hoàn thành quá hạn {} → {}, quá hạn chưa hoàn thành {} → {}. Từ đó đến nay có {} nhiệm vụ được báo cáo hoàn thành và {} nhiệm vụ trở thành quá hạn.",
                p.label,
                a.done_on_time,
                b.done_on_time,
                a.done_late,
                b.done_late,
                a.open_overdue,
                b.open_overdue,
                p.done_since,
                p.overdue_since,
            )
        }
    }
}

/// The facts under the general table: overdue never reported, extensions, tasks not timed.
pub fn facts(c: &summary::Counts) -> String {
    format!(
        "Trong số nhiệm vụ quá hạn chưa hoàn thành, {} nhiệm vụ chưa có báo cáo nào. Có {} nhiệm vụ đã được gia hạn thời hạn theo văn bản của cấp có thẩm quyền (tính theo thời hạn mới). {} nhiệm vụ không tính vào tiến độ so với thời hạn (thường xuyên, định kỳ, có điều kiện, chưa xác định thời hạn), trong đó {} nhiệm vụ dừng thực hiện.",
        c.overdue_unreported, c.extended, c.not_timed, c.cancelled
    )
}

/// "Đơn vị có nhiều nhiệm vụ quá hạn nhất: Phòng Kinh tế (8), …" (the first five).
pub fn most_overdue(s: &Summary) -> Option<String> {
    if s.units_overdue.is_empty() {
        return None;
    }
    let list: Vec<String> = s
        .units_overdue
        .iter()
        .take(5)
        .map(|u| format!("{} ({})", u.name, u.counts.open_overdue))
        .collect();
    Some(format!(
        "Đơn vị có nhiều nhiệm vụ quá hạn chưa hoàn thành nhất: {}.",
        list.join(", ")
    ))
}

/// Every report of the site, in catalogue order: all plans, each period (newest year first,
/// then the year, its halves and quarters), each plan, each unit that leads tasks.
pub fn list(site: &Site) -> Vec<(Scope, Option<Period>)> {
    let mut out = vec![(Scope::Site, None)];
    out.extend(periods(site).into_iter().map(|p| (Scope::Site, Some(p))));
    out.extend(
        (0..site.plans.len())
            .filter(|&pi| site.plans[pi].task_count() > 0)
            .map(|pi| (Scope::Plan(pi), None)),
    );
    let mut units: Vec<usize> = (0..site.registry.units.len())
        .filter(|&u| !site.registry.units[u].collective && !site.index.lead[u].is_empty())
        .collect();
    units.sort_by(|&a, &b| {
        crate::vi::collate::cmp(&site.registry.units[a].name, &site.registry.units[b].name)
    });
    out.extend(units.into_iter().map(|u| (Scope::Unit(u), None)));
    out
}

/// The periods with tasks due in them: for each year with a dated deadline in force, the
/// year, its halves and its quarters that have any, newest year first.
pub fn periods(site: &Site) -> Vec<Period> {
    let mut have = std::collections::BTreeSet::new();
    // The index lists the dated deadlines by day: one look per quarter that has any.
    let dated = &site.index.dated;
    let mut at = 0;
    while let Some(&(end, _)) = dated.get(at) {
        let q = Period::quarter_of(end);
        if let Period::Quarter(y, n) = q {
            have.insert(Period::Year(y));
            have.insert(Period::Half(y, if n <= 2 { 1 } else { 2 }));
            have.insert(q);
        }
        let last = q.range().1;
        at += dated[at..].partition_point(|&(d, _)| d <= last).max(1);
    }
    let mut years: Vec<i32> = have
        .iter()
        .filter_map(|p| match p {
            Period::Year(y) => Some(*y),
            _ => None,
        })
        .collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years
        .into_iter()
        .flat_map(|y| Period::of_year(y).into_iter().filter(|p| have.contains(p)))
        .collect()
}

/// The folder of report `(scope, period)`.
pub fn dir(site: &Site, scope: Scope, period: Option<Period>) -> String {
    let code = period.map(Period::code);
    let s = match scope {
        Scope::Site => ReportScope::Site,
        Scope::Plan(pi) => ReportScope::Plan(&site.plans[pi].slug),
        Scope::Unit(u) => ReportScope::Unit(&site.registry.units[u].slug),
    };
    urls::report(s, code.as_deref())
}

/// What `kehoach report` writes: the report on a plan (`plan`: its address name, as in
/// `ke-hoach/<slug>/`, or its number, "66/KH-UBND"), a unit (`unit`: its address name or
/// registered name) or every plan, for the tasks due in `period` (`2025-Q4`, `2025-H2`,
/// `2025`) when given.
pub struct ReportOptions<'a> {
    pub plan: Option<&'a str>,
    pub unit: Option<&'a str>,
    pub period: Option<&'a str>,
}

/// Finds what `opts` asks for in `site`: a message that names the value and what to write
/// instead when it is not found.
pub fn resolve(
    site: &Site,
    opts: &ReportOptions<'_>,
) -> Result<(Scope, Option<Period>), crate::diag::Diagnostic> {
    use crate::diag::Diagnostic;
    use crate::{msg, tr};
    let period = match opts.period {
        None => None,
        Some(p) => Some(Period::parse(p).ok_or_else(|| {
            Diagnostic::error("--period", None, tr!(msg::REPORT_PERIOD_BAD, value = p))
                .with_hint(tr!(msg::REPORT_PERIOD_BAD_HINT))
        })?),
    };
    let scope = match (opts.plan, opts.unit) {
        (Some(_), Some(_)) => {
            return Err(
                Diagnostic::error("--plan", None, tr!(msg::REPORT_PLAN_AND_UNIT))
                    .with_hint(tr!(msg::REPORT_PLAN_AND_UNIT_HINT)),
            );
        }
        (Some(p), None) => {
            let key = crate::vi::key(p);
            let found = site.plans.iter().position(|x| {
                x.slug == p
                    || x.number
                        .as_deref()
                        .is_some_and(|n| crate::vi::key(n) == key)
            });
            match found {
                Some(pi) => Scope::Plan(pi),
                None => {
                    let names: Vec<&str> = site.plans.iter().map(|x| x.slug.as_str()).collect();
                    let starting: Vec<&str> =
                        names.iter().copied().filter(|n| n.starts_with(p)).collect();
                    let near = match starting.as_slice() {
                        [one] => Some(*one),
                        _ => crate::diag::nearest(p, names.iter().copied()),
                    };
                    let hint = match near {
                        Some(n) => tr!(msg::REPORT_PLAN_DID_YOU_MEAN_HINT, near = n),
                        None => tr!(msg::REPORT_PLAN_HINT),
                    };
                    return Err(Diagnostic::error(
                        "--plan",
                        None,
                        tr!(msg::REPORT_NO_PLAN, plan = p),
                    )
                    .with_hint(hint));
                }
            }
        }
        (None, Some(u)) => {
            let key = crate::vi::key(u);
            let reg = &site.registry.units;
            match reg
                .iter()
                .position(|x| x.slug == u || crate::vi::key(&x.name) == key)
            {
                Some(i) => Scope::Unit(i),
                None => {
                    let hint = match crate::diag::nearest(u, reg.iter().map(|x| x.slug.as_str())) {
                        Some(n) => tr!(msg::REPORT_UNIT_DID_YOU_MEAN_HINT, near = n),
                        None => tr!(msg::REPORT_UNIT_HINT),
                    };
                    return Err(Diagnostic::error(
                        "--unit",
                        None,
                        tr!(msg::REPORT_NO_UNIT, unit = u),
                    )
                    .with_hint(hint));
                }
            }
        }
        (None, None) => Scope::Site,
    };
    Ok((scope, period))
}

/// Writes `bytes` to `path` through a file beside it renamed over it: an interrupted write
/// leaves no half file.
pub fn write_file(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "bao-cao.docx".into());
    let tmp = dir.join(format!(".{name}.kehoach-tmp"));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}
