//! Open data: every task of the site as CSV and JSON, one record per task, with the parsed
//! deadline and the status on the build day. The columns are documented in the README.

pub use crate::site::columns::COLUMNS;
use crate::site::{Site, TaskRef, TaskStatus};
use serde::Serialize;
use std::io::Write;

/// One task, flat, as in `tasks.csv` (and each element of `tasks.json`'s `tasks`).
#[derive(Debug, Clone, Serialize)]
pub struct TaskRecord {
    pub plan: String,
    pub plan_number: String,
    pub plan_title: String,
    pub issuer: String,
    pub plan_date: String,
    pub group_no: String,
    pub group_title: String,
    pub task_no: String,
    pub task_id: String,
    pub url: String,
    pub content: String,
    pub lead: String,
    pub lead_units: String,
    pub support: String,
    pub support_units: String,
    pub due: String,
    pub due_kind: String,
    pub due_start: String,
    pub due_end: String,
    pub due_time: String,
    pub due_condition: String,
    pub output: String,
    pub leader: String,
    pub status: String,
    pub overdue: bool,
    pub timeliness: String,
    pub completed: String,
    pub due_original: String,
    pub extended_by: String,
    pub percent: String,
    pub last_update: String,
    pub last_note: String,
    pub last_link: String,
}

impl TaskRecord {
    /// Makes every cell safe to open in a spreadsheet: a cell that starts with `=`, `+`,
    /// `-`, `@`, a tab or a carriage return would be read by Excel or LibreOffice as a
    /// formula (`=HYPERLINK(…)` sends the reader elsewhere), so it gets a leading `'`, as
    /// OWASP's advice on CSV injection says; spreadsheets show the text without it.
    /// `tasks.json` keeps the text exactly as written. (The fields are destructured without
    /// `..`, so a field added to the record cannot be forgotten here.)
    fn neutralise_formulas(&mut self) {
        let TaskRecord {
            plan,
            plan_number,
            plan_title,
            issuer,
            plan_date,
            group_no,
            group_title,
            task_no,
            task_id,
            url,
            content,
            lead,
            lead_units,
            support,
            support_units,
            due,
            due_kind,
            due_start,
            due_end,
            due_time,
            due_condition,
            output,
            leader,
            status,
            overdue: _,
            timeliness,
            completed,
            due_original,
            extended_by,
            percent,
            last_update,
            last_note,
            last_link,
        } = self;
        for cell in [
            plan,
            plan_number,
            plan_title,
            issuer,
            plan_date,
            group_no,
            group_title,
            task_no,
            task_id,
            url,
            content,
            lead,
            lead_units,
            support,
            support_units,
            due,
            due_kind,
            due_start,
            due_end,
            due_time,
            due_condition,
            output,
            leader,
            status,
            timeliness,
            completed,
            due_original,
            extended_by,
            percent,
            last_update,
            last_note,
            last_link,
        ] {
            if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                cell.insert(0, '\'');
            }
        }
    }
}

#[derive(Debug, Clone, Serialize)]
struct UpdateRecord<'a> {
    date: String,
    status: &'a str,
    percent: Option<u8>,
    note: Option<&'a str>,
    link: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    completed: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    extended_to: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    document: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonTask<'a> {
    #[serde(flatten)]
    record: TaskRecord,
    updates: Vec<UpdateRecord<'a>>,
}

/// The address of a page: absolute with `base_url`, else relative to the site root.
pub fn url(site: &Site, path: &str) -> String {
    match &site.config.base_url {
        Some(b) => format!("{b}/{path}"),
        None => path.to_string(),
    }
}

pub fn record(site: &Site, r: TaskRef, status: TaskStatus) -> TaskRecord {
    let plan = site.plan_of(r);
    let group = &plan.groups[r.group as usize];
    let task = site.task(r);
    let names = |ms: &[crate::content::UnitMention]| {
        ms.iter().map(|m| &*m.text).collect::<Vec<_>>().join("; ")
    };
    let units = |ms: &[crate::content::UnitMention]| {
        let mut v: Vec<&str> = ms
            .iter()
            .filter_map(|m| m.unit)
            .map(|u| site.registry.units[u].name.as_str())
            .collect();
        v.dedup();
        v.join("; ")
    };
    let last = task.updates.last();
    let d = task.due_now();
    let extension = task.extensions().last();
    TaskRecord {
        plan: plan.slug.clone(),
        plan_number: plan.number.clone().unwrap_or_default(),
        plan_title: plan.title.clone(),
        issuer: plan.issuer.clone().unwrap_or_default(),
        plan_date: plan.date.map(|d| d.iso()).unwrap_or_default(),
        group_no: group.no.clone(),
        group_title: group.title.clone().unwrap_or_default(),
        task_no: task.no.clone(),
        task_id: task.id.clone(),
        url: url(site, &crate::urls::task(&plan.slug, &task.id)),
        content: task.content.clone(),
        lead: names(&task.lead),
        lead_units: units(&task.lead),
        support: names(&task.support),
        support_units: units(&task.support),
        due: d.text.clone(),
        due_kind: serde_json::to_value(d.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default(),
        due_start: d.start.map(|x| x.to_string()).unwrap_or_default(),
        due_end: d.end.map(|x| x.to_string()).unwrap_or_default(),
        due_time: d
            .time
            .map(|(h, m)| format!("{h:02}:{m:02}"))
            .unwrap_or_default(),
        due_condition: d.condition.clone().unwrap_or_default(),
        output: task.output.clone().unwrap_or_default(),
        leader: task.leader.clone().unwrap_or_default(),
        status: status.state.code().to_string(),
        overdue: status.overdue,
        timeliness: status.timeliness.code().to_string(),
        completed: status.completed.map(|x| x.to_string()).unwrap_or_default(),
        due_original: extension.map(|_| task.due.text.clone()).unwrap_or_default(),
        extended_by: extension
            .and_then(|e| e.document)
            .unwrap_or_default()
            .to_string(),
        percent: status.percent.map(|p| p.to_string()).unwrap_or_default(),
        last_update: last.map(|u| u.date.to_string()).unwrap_or_default(),
        last_note: last.and_then(|u| u.note.clone()).unwrap_or_default(),
        last_link: last.and_then(|u| u.link.clone()).unwrap_or_default(),
    }
}

/// At least the bytes of task `i`'s object in `tasks.json` (and of its line in `tasks.csv`,
/// which has the same fields without their names nor the history): what the open data is cut
/// into files by ([`super::parts`]) without making the records.
pub fn json_size_bound(site: &Site, i: u32) -> usize {
    let r = site.index.tasks[i as usize];
    let plan = site.plan_of(r);
    task_json_bound(plan, r.group as usize, site.task(r), &site.registry)
        + site.config.base_url.as_deref().map_or(0, str::len)
}

/// The sum of [`json_size_bound`] over a plan's tasks, each with its comma, but the room for
/// the site's `base_url` (added per task by the caller): made once per plan when it is read
/// (`site::load`), so that cutting the open data costs nothing on a rebuild.
pub fn plan_json_bound(
    plan: &crate::content::Plan,
    registry: &crate::content::units::Registry,
) -> usize {
    plan.groups
        .iter()
        .enumerate()
        .flat_map(|(gi, g)| g.tasks.iter().map(move |t| (gi, t)))
        .map(|(gi, t)| task_json_bound(plan, gi, t, registry) + 1)
        .sum()
}

/// [`json_size_bound`] of one task, without the room for `base_url`. Each text counts as
/// JSON writes it (a quote or a backslash two bytes, another control character six); the
/// fields of fixed form (dates, codes, numbers) and the names of the fields are given room
/// enough.
fn task_json_bound(
    plan: &crate::content::Plan,
    group: usize,
    task: &crate::content::Task,
    registry: &crate::content::units::Registry,
) -> usize {
    fn text(s: &str) -> usize {
        s.len()
            + s.bytes()
                .map(|b| match b {
                    b'"' | b'\\' => 1,
                    0..=0x1f => 5,
                    _ => 0,
                })
                .sum::<usize>()
    }
    let group = &plan.groups[group];
    let units = |ms: &[crate::content::UnitMention]| {
        ms.iter()
            .map(|m| 2 + text(&m.text) + m.unit.map_or(0, |u| 2 + text(&registry.units[u].name)))
            .sum::<usize>()
    };
    let opt = |s: &Option<String>| s.as_deref().map_or(0, text);
    let d = task.due_now();
    // Field names, quotes and commas (about 430 bytes), and fixed-form values.
    let fixed = 800;
    let mut n = fixed
        + 2 * text(&plan.slug)
        + text(&task.id)
        + opt(&plan.number)
        + text(&plan.title)
        + opt(&plan.issuer)
        + text(&group.no)
        + opt(&group.title)
        + text(&task.no)
        + text(&task.content)
        + units(&task.lead)
        + units(&task.support)
        + text(&d.text)
        + opt(&d.condition)
        + opt(&task.output)
        + opt(&task.leader)
        + text(&task.due.text);
    for u in &task.updates {
        n += 200
            + opt(&u.note)
            + opt(&u.link)
            + u.extended_to.as_ref().map_or(0, |e| text(&e.text))
            + opt(&u.document);
    }
    // The latest update's note and link are in the record too.
    if let Some(u) = task.updates.last() {
        n += opt(&u.note) + opt(&u.link);
    }
    n
}

/// `tasks.csv`: UTF-8 with a BOM so that Excel opens Vietnamese text correctly. Streamed:
/// memory does not grow with the number of tasks.
pub fn write_csv(site: &Site, out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all(&csv_head())?;
    let positions: Vec<u32> = (0..site.index.tasks.len() as u32).collect();
    in_windows(&positions, out, |part| csv_rows(site, part))
}

/// A `tasks.csv` of the tasks at `positions` only (a year's file).
pub fn write_csv_of(site: &Site, positions: &[u32], out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all(&csv_head())?;
    in_windows(positions, out, |part| csv_rows(site, part))
}

/// A `tasks.json` of the tasks at `positions` only (a year's file).
pub fn write_json_of(site: &Site, positions: &[u32], out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all(&json_head(site))?;
    let first = positions.first().copied();
    in_windows(positions, out, |part| {
        let mut bytes = Vec::new();
        for &i in part {
            if Some(i) != first {
                bytes.push(b',');
            }
            json_task_into(site, i, &mut bytes)?;
        }
        Ok(bytes)
    })?;
    out.write_all(JSON_TAIL)
}

/// Tasks made into bytes by `make`, blocks of them at a time in parallel, written in order:
/// a file of every task is not made on one thread, nor held whole in memory.
fn in_windows(
    positions: &[u32],
    out: &mut dyn Write,
    make: impl Fn(&[u32]) -> std::io::Result<Vec<u8>> + Sync,
) -> std::io::Result<()> {
    use rayon::prelude::*;
    const BLOCK: usize = 1024;
    // A few blocks per thread at a time: both cores busy, little held in memory.
    for window in positions.chunks(BLOCK * 4 * rayon::current_num_threads()) {
        let parts: Vec<std::io::Result<Vec<u8>>> = window.par_chunks(BLOCK).map(&make).collect();
        for part in parts {
            out.write_all(&part?)?;
        }
    }
    Ok(())
}

/// The BOM and the header line of `tasks.csv`.
pub fn csv_head() -> Vec<u8> {
    let mut head = b"\xef\xbb\xbf".to_vec();
    let names: Vec<&str> = COLUMNS.iter().map(|(n, _)| *n).collect();
    head.extend_from_slice(names.join(",").as_bytes());
    head.extend_from_slice(b"\r\n");
    head
}

/// The CSV lines of the tasks at `positions` (in `index.tasks`).
pub fn csv_rows(site: &Site, positions: &[u32]) -> std::io::Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .has_headers(false)
        .from_writer(Vec::new());
    for &i in positions {
        let i = i as usize;
        let mut rec = record(site, site.index.tasks[i], site.index.status[i]);
        rec.neutralise_formulas();
        w.serialize(rec).map_err(std::io::Error::other)?;
    }
    w.into_inner()
        .map_err(|e| std::io::Error::other(e.to_string()))
}

/// `tasks.json`: `{"schema":1,…,"tasks":[` + tasks joined by `,` + [`JSON_TAIL`].
pub fn json_head(site: &Site) -> Vec<u8> {
    let head = serde_json::json!({ "schema": 1, "site": site.config.title, "today": site.today.to_string() }).to_string();
    // `{"schema":1,…}` → `{"schema":1,…,"tasks":[ … ]}`
    let mut out = head.as_bytes()[..head.len() - 1].to_vec();
    out.extend_from_slice(b",\"tasks\":[");
    out
}

pub const JSON_TAIL: &[u8] = b"]}";

/// One task of `tasks.json`, with its history.
pub fn json_task(site: &Site, i: u32) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    json_task_into(site, i, &mut out)?;
    Ok(out)
}

/// [`json_task`] appended to `out`.
pub fn json_task_into(site: &Site, i: u32, out: &mut Vec<u8>) -> std::io::Result<()> {
    let r = site.index.tasks[i as usize];
    let record = record(site, r, site.index.status[i as usize]);
    let task = JsonTask {
        record,
        updates: site
            .task(r)
            .updates
            .iter()
            .map(|u| UpdateRecord {
                date: u.date.to_string(),
                status: u.status.code(),
                percent: u.percent,
                note: u.note.as_deref(),
                link: u.link.as_deref(),
                completed: u.completed.map(|d| d.to_string()),
                extended_to: u.extended_to.as_ref().map(|d| d.text.as_str()),
                document: u.document.as_deref(),
            })
            .collect(),
    };
    serde_json::to_writer(out, &task).map_err(std::io::Error::other)
}

pub fn write_json(site: &Site, out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all(&json_head(site))?;
    let positions: Vec<u32> = (0..site.index.tasks.len() as u32).collect();
    in_windows(&positions, out, |part| {
        let mut bytes = Vec::new();
        for &i in part {
            if i > 0 {
                bytes.push(b',');
            }
            json_task_into(site, i, &mut bytes)?;
        }
        Ok(bytes)
    })?;
    out.write_all(JSON_TAIL)
}

/// A plan's number as shown ("Số: …/KH-UBND" when not numbered yet), for calendars.
pub fn plan_label(site: &Site, r: TaskRef) -> String {
    site.plan_of(r).number_label()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bound_of_a_tasks_json_is_at_least_its_bytes() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
        let site = crate::site::load::load(root, today)
            .0
            .expect("the demo loads");
        for i in 0..site.index.tasks.len() as u32 {
            let made = json_task(&site, i).unwrap().len();
            let bound = json_size_bound(&site, i);
            assert!(bound >= made, "task {i}: {bound} < {made}");
            // Not far above: a file cut by it is not much smaller than it could be.
            assert!(bound < made * 3, "task {i}: {bound} for {made}");
        }
    }
}
