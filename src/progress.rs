//! Progress from the units, in bulk. `kehoach export phieu` writes a spreadsheet (a "phiếu
//! cập nhật tiến độ") of the open tasks a unit leads, each with a stable id and empty columns
//! for the unit to fill in Excel; `kehoach import updates` reads it back and adds each filled
//! row as an update of its task, through [`crate::content::edit`] (the smallest change to each
//! plan file, validated, written by renaming a finished file over the old one).
//!
//! The import is all or nothing: a row with a wrong value, an unknown id or a date before the
//! task's latest update stops it before any file is written, unless `--skip-bad` asks for the
//! good rows alone. A row that says what the task's latest update already says is left out,
//! so a sheet imported twice adds nothing.

use crate::content::edit::{self, Added, Context, NewUpdate};
use crate::content::{Plan, Status, Task};
use crate::diag::{Diagnostic, Diagnostics, Pos};
use crate::report::period::Period;
use crate::site::Site;
use crate::site::status::{State, TaskStatus};
use crate::{msg, tr};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The sheet's columns: what the portal knows, then what the unit fills in.
pub const COLUMNS: [&str; 13] = [
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
const ID: usize = 0;
const FILL_FROM: usize = 7;
const DATE: usize = 7;
const STATUS: usize = 8;
const PERCENT: usize = 9;
const NOTE: usize = 10;
const EXTENDED: usize = 11;
const DOCUMENT: usize = 12;
/// Largest sheet read (a unit's sheet is a few hundred KB).
pub const MAX_SHEET_BYTES: u64 = 20 * 1024 * 1024;
/// Most rows read.
pub const MAX_ROWS: usize = 100_000;

/// One task of a sheet.
#[derive(Debug, Clone)]
pub struct Row {
    pub id: String,
    pub plan: String,
    pub no: String,
    pub content: String,
    pub due: String,
    pub state: String,
    pub last: String,
}

/// The stable id of a task in a sheet: `<plan address>#<task anchor>`.
pub fn task_id(plan: &Plan, task: &Task) -> String {
    format!("{}#{}", plan.slug, task.id)
}

/// The open tasks unit `u` leads, in site order; with `period`, those due by its end (overdue
/// ones included) and those without a last day (ongoing, recurring: reported every period).
pub fn rows(site: &Site, u: usize, period: Option<Period>) -> Vec<Row> {
    let mut out = Vec::new();
    for plan in &site.plans {
        let doc = plan
            .number
            .as_deref()
            .map(|n| format!("{} số {n}", plan.kind))
            .unwrap_or_else(|| plan.kind.clone());
        let doc = match &plan.date {
            Some(d) => format!("{doc} ngày {}", d.short_vi()),
            None => doc,
        };
        for g in &plan.groups {
            for t in &g.tasks {
                if !t.lead.iter().any(|m| m.unit == Some(u)) {
                    continue;
                }
                let st = TaskStatus::of(t, site.today);
                if matches!(st.state, State::Done | State::Cancelled) {
                    continue;
                }
                let end = t.due_now().end;
                if let (Some(p), Some(end)) = (period, end)
                    && end > p.range().1
                {
                    continue;
                }
                let mut state = st.state.label().to_string();
                if st.overdue {
                    state.push_str(" (quá hạn)");
                }
                let last = t.updates.last().map_or(String::new(), |u| {
                    let mut s = edit::vi_day(u.date);
                    if let Some(p) = u.percent {
                        s.push_str(&format!(", {p}%"));
                    }
                    if let Some(n) = &u.note {
                        s.push_str(": ");
                        s.push_str(n);
                    }
                    s
                });
                out.push(Row {
                    id: task_id(plan, t),
                    plan: doc.clone(),
                    no: if g.no.is_empty() {
                        t.no.clone()
                    } else {
                        format!("{}.{}", g.no, t.no)
                    },
                    content: t.content.clone(),
                    due: t.due_now().text.clone(),
                    state,
                    last,
                });
            }
        }
    }
    out
}

/// The status words a unit chooses from, as the portal shows them.
fn status_labels() -> Vec<&'static str> {
    Status::ALL
        .into_iter()
        .map(|s| State::from(s).label())
        .collect()
}

/// The sheet as .xlsx: a header row kept in view, the fill-in columns shaded, a list to choose
/// the status from, whole numbers 0–100 for the share done, days for the date.
pub fn xlsx(rows: &[Row], title: &str, day: NaiveDate) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::{
        Color, DataValidation, DataValidationRule, DocProperties, ExcelDateTime, Format,
        FormatAlign, FormatBorder, Workbook,
    };
    let e = |e: rust_xlsxwriter::XlsxError| e.to_string();
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(
        u16::try_from(chrono::Datelike::year(&day)).unwrap_or(2026),
        u8::try_from(chrono::Datelike::month(&day)).unwrap_or(1),
        u8::try_from(chrono::Datelike::day(&day)).unwrap_or(1),
    )
    .map_err(e)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(title)
            .set_author("kehoach")
            .set_creation_datetime(&created),
    );
    let ws = wb.add_worksheet();
    ws.set_name("Phiếu cập nhật").map_err(e)?;
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin)
        .set_background_color(Color::RGB(0xD9E2F3));
    let head_fill = head.clone().set_background_color(Color::RGB(0xFFF2CC));
    let cell = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin);
    let fill = cell.clone().set_background_color(Color::RGB(0xFFFBEA));
    let fill_day = fill.clone().set_num_format("dd/mm/yyyy");
    let widths = [
        26.0, 24.0, 6.0, 60.0, 18.0, 20.0, 30.0, 14.0, 18.0, 12.0, 40.0, 18.0, 18.0,
    ];
    for (c, (name, w)) in COLUMNS.iter().zip(widths).enumerate() {
        let c = c as u16;
        ws.set_column_width(c, w).map_err(e)?;
        let f = if usize::from(c) >= FILL_FROM {
            &head_fill
        } else {
            &head
        };
        ws.write_string_with_format(0, c, *name, f).map_err(e)?;
    }
    ws.set_freeze_panes(1, 1).map_err(e)?;
    for (r, row) in rows.iter().enumerate() {
        let r = (r + 1) as u32;
        let known = [
            &row.id,
            &row.plan,
            &row.no,
            &row.content,
            &row.due,
            &row.state,
            &row.last,
        ];
        for (c, v) in known.iter().enumerate() {
            ws.write_string_with_format(r, c as u16, v.as_str(), &cell)
                .map_err(e)?;
        }
        for c in FILL_FROM..COLUMNS.len() {
            let f = if c == DATE { &fill_day } else { &fill };
            ws.write_blank(r, c as u16, f).map_err(e)?;
        }
    }
    let last = rows.len().max(1) as u32;
    let status = DataValidation::new()
        .allow_list_strings(&status_labels())
        .map_err(e)?
        .set_error_title("Tình trạng")
        .map_err(e)?
        .set_error_message("Chọn một tình trạng trong danh sách.")
        .map_err(e)?;
    ws.add_data_validation(1, STATUS as u16, last, STATUS as u16, &status)
        .map_err(e)?;
    let percent = DataValidation::new()
        .allow_whole_number(DataValidationRule::Between(0, 100))
        .set_error_message("Ghi một số nguyên từ 0 đến 100, không kèm dấu %.")
        .map_err(e)?;
    ws.add_data_validation(1, PERCENT as u16, last, PERCENT as u16, &percent)
        .map_err(e)?;
    let date = DataValidation::new()
        .allow_date(DataValidationRule::GreaterThan(
            ExcelDateTime::from_ymd(2000, 1, 1).map_err(e)?,
        ))
        .set_error_message("Ghi ngày báo cáo, ví dụ 20/01/2026.")
        .map_err(e)?;
    ws.add_data_validation(1, DATE as u16, last, DATE as u16, &date)
        .map_err(e)?;
    wb.save_to_buffer().map_err(e)
}

/// The sheet as CSV (UTF-8 with a byte-order mark, which Excel needs to read it as UTF-8).
pub fn csv(rows: &[Row]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let _ = w.write_record(COLUMNS);
    for r in rows {
        let _ = w.write_record([
            &r.id, &r.plan, &r.no, &r.content, &r.due, &r.state, &r.last, "", "", "", "", "", "",
        ]);
    }
    w.into_inner().unwrap_or_default()
}

/// A cell as read from a sheet.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Day(NaiveDate),
}

impl Cell {
    fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_string(),
            Cell::Number(n) if n.fract() == 0.0 => format!("{n:.0}"),
            Cell::Number(n) => n.to_string(),
            Cell::Day(d) => edit::vi_day(*d),
        }
    }
    fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }
}

/// For `31/11/2025` (or `2025-11-31`): the month and how many days it has, when the day is
/// past its end (the plan reader's own reading of a day, [`crate::content::plan::Day`]).
fn month_too_short(t: &str) -> Option<(u32, u32)> {
    use crate::content::plan::{Day, month_days};
    match Day::read(t) {
        Day::NotADay(y, m, d) if (1..=12).contains(&m) && d > month_days(y, m) => {
            Some((m, month_days(y, m)))
        }
        _ => None,
    }
}

/// Excel's day number (days since 30/12/1899) as a day.
fn excel_day(n: f64) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&n) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(chrono::Days::new(n.floor() as u64))
}

/// The rows of a sheet (.xlsx: its first worksheet; .csv: comma or semicolon separated), each
/// with its row number in the sheet (from 1).
pub fn read_sheet(path: &Path) -> Result<Vec<(usize, Vec<Cell>)>, String> {
    let len = std::fs::metadata(path).map_err(|e| e.to_string())?.len();
    if len > MAX_SHEET_BYTES {
        return Err(tr!(
            msg::SHEET_TOO_LARGE,
            mb = MAX_SHEET_BYTES / (1024 * 1024)
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if ext == "xlsx" || bytes.starts_with(b"PK\x03\x04") {
        use calamine::{Data, Reader, Xlsx};
        let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes))
            .map_err(|_| tr!(msg::SHEET_NOT_XLSX))?;
        let range = wb
            .worksheet_range_at(0)
            .ok_or_else(|| tr!(msg::SHEET_NOT_XLSX))?
            .map_err(|_| tr!(msg::SHEET_NOT_XLSX))?;
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let mut out = Vec::new();
        for (i, row) in range.rows().enumerate().take(MAX_ROWS) {
            let mut cells = vec![Cell::Empty; c0 as usize];
            cells.extend(row.iter().map(|d| match d {
                Data::Empty | Data::Error(_) => Cell::Empty,
                Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => {
                    Cell::Text(s.clone())
                }
                Data::Int(n) => Cell::Number(*n as f64),
                Data::Float(f) => Cell::Number(*f),
                Data::Bool(b) => Cell::Text(b.to_string()),
                Data::DateTime(dt) => excel_day(dt.as_f64()).map_or(Cell::Empty, Cell::Day),
            }));
            out.push((r0 as usize + i + 1, cells));
        }
        return Ok(out);
    }
    let text = String::from_utf8(bytes).map_err(|_| tr!(msg::SHEET_NOT_UTF8))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let first = text.lines().next().unwrap_or("");
    let sep = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut rd = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sep)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    // Rows are counted as a spreadsheet shows them: a cell with line breaks is still one row.
    for (i, rec) in rd.records().take(MAX_ROWS).enumerate() {
        let rec = rec.map_err(|e| e.to_string())?;
        out.push((
            i + 1,
            rec.iter()
                .map(|s| {
                    if s.trim().is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(s.to_string())
                    }
                })
                .collect(),
        ));
    }
    Ok(out)
}

/// What `import updates` did, or would do.
#[derive(Debug, Default)]
pub struct Summary {
    /// Rows read below the header, filled in or not.
    pub rows: usize,
    pub added: usize,
    pub unchanged: usize,
    /// Plan files changed (or that would be).
    pub plans: usize,
    pub unknown: Vec<usize>,
    pub conflicts: Vec<usize>,
    pub bad: Vec<usize>,
    /// Every problem, each at its row and column.
    pub problems: Diagnostics,
    /// Whether the plan files were written.
    pub written: bool,
}

impl Summary {
    pub fn wrong(&self) -> usize {
        self.unknown.len() + self.conflicts.len() + self.bad.len()
    }
}

/// `A`, `B` … `Z`, `AA` … for column `c` (from 0).
pub fn column_letter(mut c: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// Adds the filled rows of `sheet` to the plans of the site at `root`.
pub fn import_updates(
    root: &Path,
    sheet: &Path,
    today: NaiveDate,
    skip_bad: bool,
) -> Result<Summary, Diagnostics> {
    let one = |m: String| {
        let mut d = Diagnostics::new();
        d.push(Diagnostic::error(sheet, None, m));
        d
    };
    let table = read_sheet(sheet).map_err(one)?;
    let (site, diags) = crate::site::load::load(root, today);
    let Some(site) = site else {
        return Err(diags);
    };
    let Some(hi) = table.iter().position(|(_, r)| {
        r.iter()
            .any(|c| crate::vi::key(&c.text()) == crate::vi::key(COLUMNS[ID]))
    }) else {
        return Err(one(tr!(msg::SHEET_NO_HEADER, column = COLUMNS[ID])));
    };
    // Columns found by their names, so that a unit may reorder or add columns.
    let header = &table[hi].1;
    let col: Vec<Option<usize>> = COLUMNS
        .iter()
        .map(|name| {
            header
                .iter()
                .position(|c| crate::vi::key(&c.text()) == crate::vi::key(name))
        })
        .collect();
    for need in [ID, DATE, STATUS] {
        if col[need].is_none() {
            return Err(one(tr!(msg::SHEET_NO_HEADER, column = COLUMNS[need])));
        }
    }
    let (reg, issuer) = (&site.registry, site.config.issuer.as_deref());
    let static_dir = root.join(crate::layout::STATIC);
    let ctx = Context {
        registry: reg,
        issuer,
        static_dir: Some(&static_dir),
        today,
    };
    let mut s = Summary::default();
    // The plan files' texts as the rows change them, by file.
    let mut texts: BTreeMap<PathBuf, (String, bool)> = BTreeMap::new();
    for (line, cells) in &table[hi + 1..] {
        s.rows += 1;
        let get = |k: usize| col[k].and_then(|c| cells.get(c)).unwrap_or(&Cell::Empty);
        if (FILL_FROM..COLUMNS.len()).all(|k| get(k).is_empty()) {
            continue;
        }
        let at = |k: usize| Pos::new(*line, col[k].map_or(1, |c| c + 1));
        let bad = |s: &mut Summary, k: usize, m: String| {
            let what = tr!(
                msg::SHEET_PLACE,
                row = line,
                column = column_letter(col[k].unwrap_or(0)),
                name = COLUMNS[k],
                what = m
            );
            s.problems.push(Diagnostic::error(sheet, Some(at(k)), what));
        };
        let id = get(ID).text();
        let found = id.split_once('#').and_then(|(slug, tid)| {
            let p = site.plans.iter().find(|p| p.slug == slug)?;
            edit::find_task(p, tid).map(|_| (p.clone(), tid.to_string()))
        });
        let Some((plan, tid)) = found else {
            bad(&mut s, ID, tr!(msg::SHEET_UNKNOWN_ID, id = id));
            s.unknown.push(*line);
            continue;
        };
        let before = s.problems.iter().count();
        let date = match get(DATE) {
            Cell::Day(d) => Some(*d),
            Cell::Number(n) => excel_day(*n),
            Cell::Empty => None,
            c => {
                let t = c.text();
                crate::content::plan::parse_day(&t)
            }
        };
        if date.is_none() {
            let t = get(DATE).text();
            let m = if get(DATE).is_empty() {
                tr!(msg::EDIT_NEED_DATE)
            } else if let Some((month, days)) = month_too_short(&t) {
                tr!(
                    msg::SHEET_DAY_PAST_MONTH,
                    found = t,
                    month = month,
                    days = days
                )
            } else {
                tr!(msg::SHEET_DAY_BAD, found = t)
            };
            bad(&mut s, DATE, m);
        }
        let status = match get(STATUS).text() {
            t if t.is_empty() => {
                bad(&mut s, STATUS, tr!(msg::EDIT_NEED_STATUS));
                None
            }
            t => {
                let st = crate::content::plan::parse_status(&t);
                if st.is_none() {
                    bad(
                        &mut s,
                        STATUS,
                        tr!(
                            msg::SHEET_STATUS_BAD,
                            found = t,
                            words = status_labels().join(", ")
                        ),
                    );
                }
                st
            }
        };
        let percent = match get(PERCENT) {
            Cell::Empty => None,
            Cell::Number(n) if (0.0..=100.0).contains(n) && n.fract() == 0.0 => Some(*n as u8),
            // A cell formatted as a percentage holds a fraction: 0,6 is 60 %.
            Cell::Number(n) if (0.0..1.0).contains(n) => Some((n * 100.0).round() as u8),
            c => {
                let t = c.text();
                match t.trim_end_matches('%').trim().parse::<u8>() {
                    Ok(v) if v <= 100 => Some(v),
                    _ => {
                        bad(&mut s, PERCENT, tr!(msg::SHEET_PERCENT_BAD, found = t));
                        None
                    }
                }
            }
        };
        let opt = |k: usize| Some(get(k).text()).filter(|t| !t.is_empty());
        let u = NewUpdate {
            date,
            status,
            percent,
            note: opt(NOTE),
            link: None,
            completed: None,
            extended_to: opt(EXTENDED),
            document: opt(DOCUMENT),
        };
        if s.problems.iter().count() > before {
            s.bad.push(*line);
            continue;
        }
        let rel = plan.path.clone();
        let entry = match texts.get(&rel) {
            Some(_) => texts.get_mut(&rel),
            None => match std::fs::read_to_string(root.join(&rel)) {
                Ok(t) => {
                    texts.insert(rel.clone(), (t, false));
                    texts.get_mut(&rel)
                }
                Err(e) => {
                    bad(&mut s, ID, tr!(msg::FORM_CANNOT_WRITE, why = e));
                    s.bad.push(*line);
                    continue;
                }
            },
        };
        let Some((text, changed)) = entry else {
            continue;
        };
        // The task as the rows before this one left it.
        let current = edit::read(&rel, text, &ctx)
            .ok()
            .and_then(|(p, _)| edit::find_task(&p, &tid).cloned());
        let Some(task) = current else {
            bad(&mut s, ID, tr!(msg::EDIT_PLAN_HAS_ERRORS));
            s.bad.push(*line);
            continue;
        };
        if task.updates.last().is_some_and(|l| u.same_as(l)) {
            s.unchanged += 1;
            continue;
        }
        if let (Some(last), Some(d)) = (task.updates.last(), date)
            && last.date > d
        {
            bad(
                &mut s,
                DATE,
                tr!(
                    msg::EDIT_OLDER_THAN_LATEST,
                    date = edit::vi_day(d),
                    latest = edit::vi_day(last.date)
                ),
            );
            s.conflicts.push(*line);
            continue;
        }
        let errs = edit::validate(&task, &u, today);
        if !errs.is_empty() {
            for m in errs {
                bad(&mut s, DATE, m);
            }
            s.bad.push(*line);
            continue;
        }
        match edit::add_update(&rel, text, &tid, &u, &ctx) {
            Ok(Added::Written { text: t, .. }) => {
                *text = t;
                *changed = true;
                s.added += 1;
            }
            Ok(Added::Unchanged) => s.unchanged += 1,
            Err(errs) => {
                for d in errs {
                    bad(&mut s, ID, d.message);
                }
                s.bad.push(*line);
            }
        }
    }
    s.plans = texts.values().filter(|(_, c)| *c).count();
    if s.wrong() > 0 && !skip_bad {
        return Ok(s);
    }
    for (rel, (text, changed)) in &texts {
        if !changed {
            continue;
        }
        if let Err(e) = crate::report::write_file(&root.join(rel), text.as_bytes()) {
            s.problems.push(Diagnostic::error(
                rel,
                None,
                tr!(msg::FORM_CANNOT_WRITE, why = e),
            ));
            return Ok(s);
        }
    }
    s.written = true;
    Ok(s)
}

/// `kehoach export phieu`: writes the sheet of unit `unit` (its address name or registered
/// name) to `output` (.xlsx, or CSV when `as_csv`); the line to print.
pub fn export_sheet(
    root: &Path,
    unit: &str,
    period: Option<&str>,
    output: &Path,
    as_csv: bool,
    today: NaiveDate,
) -> Result<String, Diagnostics> {
    let one = |d: Diagnostic| {
        let mut v = Diagnostics::new();
        v.push(d);
        v
    };
    let (site, diags) = crate::site::load::load(root, today);
    let Some(site) = site.filter(|_| !diags.has_errors()) else {
        return Err(diags);
    };
    let opts = crate::report::ReportOptions {
        plan: None,
        unit: Some(unit),
        period,
    };
    let (scope, period) = crate::report::resolve(&site, &opts).map_err(one)?;
    let crate::report::summary::Scope::Unit(u) = scope else {
        return Err(one(Diagnostic::error(
            "--don-vi",
            None,
            tr!(msg::SHEET_NO_HEADER, column = unit),
        )));
    };
    let rows = rows(&site, u, period);
    let name = &site.registry.units[u].name;
    let bytes = if as_csv {
        csv(&rows)
    } else {
        let title = format!("Phiếu cập nhật tiến độ — {name}");
        xlsx(&rows, &title, today).map_err(|e| {
            one(Diagnostic::error(
                output,
                None,
                tr!(msg::FORM_CANNOT_WRITE, why = e),
            ))
        })?
    };
    crate::report::write_file(output, &bytes).map_err(|e| {
        one(Diagnostic::error(
            output,
            None,
            tr!(msg::FORM_CANNOT_WRITE, why = e),
        ))
    })?;
    let period = period.map_or(String::new(), |p| {
        tr!(msg::SHEET_PERIOD, period = p.label())
    });
    Ok(tr!(
        msg::SHEET_EXPORTED,
        file = crate::diag::display_path(output),
        n = rows.len(),
        unit = name,
        period = period
    ))
}

/// What `kehoach import updates` prints after its problems: the counts, then what was done.
pub fn summary_text(s: &Summary, file: &Path) -> String {
    let rows = |v: &[usize]| {
        if v.is_empty() {
            "0".to_string()
        } else {
            let list: Vec<String> = v.iter().map(usize::to_string).collect();
            format!("{} ({})", v.len(), list.join(", "))
        }
    };
    let filled = s.added + s.unchanged + s.wrong();
    let mut t = tr!(
        msg::SHEET_SUMMARY,
        file = crate::diag::display_path(file),
        rows = s.rows,
        filled = filled,
        added = s.added,
        plans = s.plans,
        unchanged = s.unchanged,
        unknown = rows(&s.unknown),
        conflicts = rows(&s.conflicts),
        bad = rows(&s.bad)
    );
    t.push('\n');
    if s.written {
        if s.wrong() > 0 {
            t.push_str(&tr!(msg::SHEET_SKIPPED, n = s.wrong()));
            t.push('\n');
        }
        t.push_str(&tr!(msg::SHEET_WRITTEN, added = s.added, plans = s.plans));
    } else if s.wrong() > 0 {
        t.push_str(&tr!(msg::SHEET_NOTHING_WRITTEN, n = s.wrong()));
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_as_in_excel() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(12), "M");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27 * 26), "AAA");
    }

    #[test]
    fn excel_day_numbers_are_days() {
        assert_eq!(excel_day(46037.0), NaiveDate::from_ymd_opt(2026, 1, 15));
        assert_eq!(excel_day(46037.75), NaiveDate::from_ymd_opt(2026, 1, 15));
        assert_eq!(excel_day(-3.0), None);
        assert_eq!(month_too_short("31/11/2025"), Some((11, 30)));
        assert_eq!(month_too_short("2026-02-29"), Some((2, 28)));
        assert_eq!(month_too_short("29/02/2028"), None);
        assert_eq!(month_too_short("30/11/2025"), None);
    }
}
