//! An imported plan → the plan file: YAML front matter the reader accepts, then Markdown.
//!
//! Every value the importer is unsure of carries a comment `# kiểm tra lại: <why>` on its
//! line; `kehoach check` lists each one until the editor removes it.

use super::table::{RowGroup, RowTask, TaskTable};
use crate::content::Signer;
use crate::content::units::{Registry, unique_slug_from};
use crate::vi::deadline::{Deadline, DeadlineKind};
use std::collections::HashMap;

/// The comment that marks a value to review. `check` finds it by its folded words.
pub const REVIEW: &str = "kiểm tra lại";

/// A value and, when the importer guessed it, why it should be checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Noted {
    pub value: String,
    pub note: Option<String>,
}

impl Noted {
    pub fn sure(value: impl Into<String>) -> Self {
        Noted {
            value: value.into(),
            note: None,
        }
    }
    pub fn unsure(value: impl Into<String>, why: impl Into<String>) -> Self {
        Noted {
            value: value.into(),
            note: Some(why.into()),
        }
    }
}

/// Everything read from a document, ready to be written.
#[derive(Debug, Clone, Default)]
pub struct ImportedPlan {
    pub title: Noted,
    /// `Some("")` when the document leaves the number blank ("Số: /KH-UBND").
    pub number: Option<Noted>,
    pub issuer: Option<Noted>,
    pub place: Option<Noted>,
    /// `YYYY-MM-DD` or `YYYY-MM`.
    pub date: Option<Noted>,
    pub basis: Vec<String>,
    pub signer: Option<Signer>,
    pub recipients: Vec<String>,
    pub appendix_title: Option<String>,
    pub appendix_note: Option<String>,
    pub stated_total: Option<u32>,
    pub tasks: TaskTable,
    /// Comments for the whole plan (e.g. "no task table found").
    pub notes: Vec<String>,
    pub body: String,
}

/// What writing found worth telling the editor (unknown units …), besides the comments.
#[derive(Debug, Clone, Default)]
pub struct EmitReport {
    /// (unit as written, closest registered unit)
    pub unknown_units: Vec<(String, Option<String>)>,
    pub unknown_deadlines: Vec<String>,
    pub review_comments: usize,
}

/// The whole plan file.
pub fn plan_file(p: &ImportedPlan, registry: &Registry) -> (String, EmitReport) {
    let mut w = Writer::default();
    w.raw("---");
    for n in &p.notes {
        w.comment_line(0, n);
    }
    w.field(0, "title", &p.title.value, p.title.note.as_deref());
    if let Some(n) = &p.number {
        w.field_keep_empty(0, "number", &n.value, n.note.as_deref());
    }
    for (k, v) in [("issuer", &p.issuer), ("place", &p.place)] {
        if let Some(v) = v {
            w.field(0, k, &v.value, v.note.as_deref());
        }
    }
    if let Some(d) = &p.date {
        // Dates stay plain: `2026-05-06`, `2026-05` are read as text either way.
        w.line(0, &format!("date: {}", d.value), d.note.as_deref());
    }
    w.list(0, "basis", &p.basis);
    if let Some(s) = &p.signer {
        let fields = [
            ("on_behalf", &s.on_behalf),
            ("authority", &s.authority),
            ("title", &s.title),
            ("name", &s.name),
        ];
        if fields.iter().any(|(_, v)| v.is_some()) {
            w.line(0, "signer:", None);
            for (k, v) in fields {
                if let Some(v) = v {
                    w.field(2, k, v, None);
                }
            }
        }
    }
    w.list(0, "recipients", &p.recipients);
    let continuous = p.tasks.grouped && super::table::is_continuous(&p.tasks.groups);
    if continuous {
        w.line(0, "numbering: continuous", None);
    }
    if let Some(t) = &p.appendix_title {
        w.field(0, "appendix_title", t, None);
    }
    if let Some(t) = &p.appendix_note {
        w.field(0, "appendix_note", t, None);
    }
    if let Some(n) = p.stated_total {
        w.line(0, &format!("stated_total: {n}"), None);
    }
    let mut report = EmitReport::default();
    if !p.tasks.is_empty() || !p.tasks.notes.is_empty() {
        w.line(0, "tasks:", None);
        let mut ctx = Ctx {
            ids: HashMap::new(),
            counter: 0,
            first_group: 0,
        };
        tasks(
            &mut w,
            &p.tasks,
            continuous,
            registry,
            &mut report,
            2,
            &mut ctx,
        );
    }
    w.raw("---");
    let mut out = w.out;
    out.push('\n');
    let body = p.body.trim();
    if !body.is_empty() {
        out.push_str(body);
        out.push('\n');
    }
    report.review_comments = w.reviews;
    (out, report)
}

/// The task list alone, at `indent`, to be appended after a plan's own tasks: numbering
/// goes on from `start` (continuous or flat lists), anchors avoid `ids`, and groups without
/// a numeral are numbered after the plan's `groups` existing ones.
pub fn tasks_yaml_after(
    t: &TaskTable,
    continuous: bool,
    registry: &Registry,
    indent: usize,
    start: u32,
    ids: Vec<String>,
    groups: usize,
) -> (String, EmitReport) {
    let mut w = Writer::default();
    let mut report = EmitReport::default();
    let mut ctx = Ctx {
        ids: ids.into_iter().map(|id| (id, 2)).collect(),
        counter: start,
        first_group: groups,
    };
    tasks(
        &mut w,
        t,
        continuous,
        registry,
        &mut report,
        indent,
        &mut ctx,
    );
    report.review_comments = w.reviews;
    (w.out, report)
}

/// Numbering state across the tasks written.
struct Ctx {
    /// The anchors given out, as [`unique_slug_from`] keeps them (linear in the tasks).
    ids: HashMap<String, usize>,
    counter: u32,
    first_group: usize,
}

fn tasks(
    w: &mut Writer,
    t: &TaskTable,
    continuous: bool,
    registry: &Registry,
    report: &mut EmitReport,
    indent: usize,
    ctx: &mut Ctx,
) {
    for n in &t.notes {
        w.comment_line(indent, n);
    }
    if !t.grouped {
        for g in &t.groups {
            for task in &g.tasks {
                one_task(
                    w,
                    task,
                    "",
                    true,
                    &mut ctx.counter,
                    &mut ctx.ids,
                    registry,
                    report,
                    indent,
                );
            }
        }
        return;
    }
    let mut gi = ctx.first_group;
    for g in &t.groups {
        if g.tasks.is_empty() && g.title.is_empty() {
            continue;
        }
        group(
            w,
            g,
            gi,
            continuous,
            &mut ctx.counter,
            &mut ctx.ids,
            registry,
            report,
            indent,
        );
        gi += 1;
    }
}

#[allow(clippy::too_many_arguments)]
fn group(
    w: &mut Writer,
    g: &RowGroup,
    gi: usize,
    continuous: bool,
    counter: &mut u32,
    ids: &mut HashMap<String, usize>,
    registry: &Registry,
    report: &mut EmitReport,
    indent: usize,
) {
    let pad = " ".repeat(indent);
    if g.title.is_empty() {
        w.line(
            indent,
            "- tasks:",
            Some("nhóm nhiệm vụ không có tiêu đề trong bảng"),
        );
    } else {
        w.raw(&format!("{pad}- group: {}", scalar(&g.title, false)));
        if !g.no.is_empty() {
            w.field(indent + 2, "no", &g.no, None);
        }
        w.line(indent + 2, "tasks:", None);
    }
    if !continuous {
        *counter = 0;
    }
    let group_no = if g.no.is_empty() {
        crate::content::plan::roman(gi + 1)
    } else {
        g.no.clone()
    };
    let scope = if continuous { String::new() } else { group_no };
    for task in &g.tasks {
        one_task(
            w,
            task,
            &scope,
            continuous,
            counter,
            ids,
            registry,
            report,
            indent + 4,
        );
    }
    if g.tasks.is_empty() {
        w.comment_line(indent + 4, "nhóm này không có nhiệm vụ nào trong bảng");
    }
}

#[allow(clippy::too_many_arguments)]
fn one_task(
    w: &mut Writer,
    t: &RowTask,
    group_no: &str,
    flat_ids: bool,
    counter: &mut u32,
    ids: &mut HashMap<String, usize>,
    registry: &Registry,
    report: &mut EmitReport,
    indent: usize,
) {
    let pad = " ".repeat(indent);
    let inner = indent + 2;
    // The content first, on the `- ` line.
    if t.content.contains('\n') {
        w.raw(&format!("{pad}- content: |-"));
        for l in t.content.lines() {
            w.raw(&format!("{}{l}", " ".repeat(inner + 2)));
        }
    } else {
        w.raw(&format!("{pad}- content: {}", scalar(&t.content, false)));
    }
    // The reader numbers tasks itself; `no:` only where the document's number is not the next.
    let expected = *counter + 1;
    let shown_no = if t.no.is_empty() {
        *counter = expected;
        expected.to_string()
    } else if let Ok(n) = t.no.parse::<u32>() {
        if n != expected {
            w.field(inner, "no", &t.no, None);
        }
        *counter = n;
        t.no.clone()
    } else {
        w.field(inner, "no", &t.no, None);
        if let Ok(major) = t.no.split(['.', ')']).next().unwrap_or("").trim().parse() {
            *counter = major;
        }
        t.no.clone()
    };
    let base = if group_no.is_empty() || flat_ids {
        format!("nv-{}", crate::vi::slugify(&shown_no))
    } else {
        format!(
            "nv-{}-{}",
            group_no.to_lowercase(),
            crate::vi::slugify(&shown_no)
        )
    };
    let id = unique_slug_from(ids, base.clone(), "nv");
    if id != base {
        w.line(
            inner,
            &format!("id: {id}"),
            Some(&format!("số thứ tự {shown_no} trùng với một nhiệm vụ khác")),
        );
    }
    units(w, inner, "lead", &t.lead, registry, report);
    units(w, inner, "support", &t.support, registry, report);
    if !t.due.is_empty() {
        let note = (Deadline::parse(&t.due).kind == DeadlineKind::Unknown).then(|| {
            report.unknown_deadlines.push(t.due.clone());
            "thời hạn không đọc được: ghi lại theo mẫu (Tháng 12/2025, Quý IV/2025, Thường xuyên …)"
                .to_string()
        });
        w.field(inner, "due", &t.due, note.as_deref());
    }
    if !t.output.is_empty() {
        w.field(inner, "output", &t.output, None);
    }
    if !t.leader.is_empty() {
        w.field(inner, "leader", &t.leader, None);
    }
    for n in &t.notes {
        w.comment_line(inner, n);
    }
}

fn units(
    w: &mut Writer,
    indent: usize,
    key: &str,
    names: &[String],
    registry: &Registry,
    report: &mut EmitReport,
) {
    if names.is_empty() {
        return;
    }
    let mut unknown: Vec<String> = Vec::new();
    if !registry.is_empty() {
        for n in names {
            if registry.resolve(n).is_none() {
                let near = registry.suggest(n).map(|u| u.name.clone());
                unknown.push(match &near {
                    Some(u) => format!("“{n}” chưa có trong content/units.yaml (gần nhất: {u})"),
                    None => format!("“{n}” chưa có trong content/units.yaml"),
                });
                report.unknown_units.push((n.clone(), near));
            }
        }
    }
    let note = (!unknown.is_empty()).then(|| unknown.join("; "));
    if names.len() == 1 {
        w.field(indent, key, &names[0], note.as_deref());
    } else {
        let items: Vec<String> = names.iter().map(|n| scalar(n, true)).collect();
        w.line(
            indent,
            &format!("{key}: [{}]", items.join(", ")),
            note.as_deref(),
        );
    }
}

#[derive(Default)]
struct Writer {
    out: String,
    reviews: usize,
}

impl Writer {
    fn raw(&mut self, l: &str) {
        self.out.push_str(l);
        self.out.push('\n');
    }
    fn line(&mut self, indent: usize, text: &str, note: Option<&str>) {
        self.out.push_str(&" ".repeat(indent));
        self.out.push_str(text);
        if let Some(n) = note {
            self.out.push_str(&format!(" # {REVIEW}: {}", one_line(n)));
            self.reviews += 1;
        }
        self.out.push('\n');
    }
    fn comment_line(&mut self, indent: usize, note: &str) {
        self.line(indent, &format!("# {REVIEW}: {}", one_line(note)), None);
        self.reviews += 1;
    }
    fn field(&mut self, indent: usize, key: &str, value: &str, note: Option<&str>) {
        if value.contains('\n') {
            // Multi-line values (appendix_title) as a quoted scalar with `\n`.
            self.line(indent, &format!("{key}: {}", quote(value)), note);
        } else {
            self.line(indent, &format!("{key}: {}", scalar(value, false)), note);
        }
    }
    fn field_keep_empty(&mut self, indent: usize, key: &str, value: &str, note: Option<&str>) {
        self.field(indent, key, value, note);
    }
    fn list(&mut self, indent: usize, key: &str, items: &[String]) {
        if items.is_empty() {
            return;
        }
        self.line(indent, &format!("{key}:"), None);
        for i in items {
            self.line(indent + 2, &format!("- {}", scalar(i, false)), None);
        }
    }
}

fn one_line(s: &str) -> String {
    crate::vi::clean(&s.replace('\n', " "))
}

/// A YAML scalar for `s`: plain when the reader would read it back unchanged and it cannot be
/// mistaken for a number, a boolean, null or YAML syntax; double-quoted otherwise.
pub fn scalar(s: &str, flow: bool) -> String {
    if needs_quotes(s, flow) {
        quote(s)
    } else {
        s.to_string()
    }
}

fn needs_quotes(s: &str, flow: bool) -> bool {
    let Some(first) = s.chars().next() else {
        return true;
    };
    if s != s.trim() || s.contains(['\n', '\t', '\r']) {
        return true;
    }
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) {
        return true;
    }
    if s.contains(": ") || s.contains(" #") || s.ends_with(':') {
        return true;
    }
    if flow && s.contains([',', '[', ']', '{', '}']) {
        return true;
    }
    let lower = s.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "~" | "null" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n"
    ) {
        return true;
    }
    // Anything that looks like a number: 2025, 1.1, -3, .5, 1e3, 0x1F, 1_000.
    let numberish = s
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '_' | '+' | '-' | 'e' | 'E' | 'x' | 'o'))
        && s.chars().any(|c| c.is_ascii_digit());
    numberish || s.parse::<f64>().is_ok()
}

/// A double-quoted YAML scalar.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => {}
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        for (s, q) in [
            ("66/KH-UBND", false),
            ("Phòng Kinh tế", false),
            ("2025", true),
            ("1.1", true),
            ("", true),
            ("Lưu: VT", true),
            ("- gạch", true),
            ("#x", true),
            ("a #b", true),
            ("yes", true),
            ("No", true),
            ("'a'", true),
            ("*a", true),
            ("Thường xuyên", false),
            ("Quý III-IV/2025", false),
            ("(Kèm theo Kế hoạch)", false),
        ] {
            assert_eq!(needs_quotes(s, false), q, "{s}");
        }
        assert!(needs_quotes("Các cơ quan, đơn vị liên quan", true));
        assert_eq!(quote("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
    }
    fn flat(numbers: impl Iterator<Item = String>) -> ImportedPlan {
        let mut p = ImportedPlan::default();
        p.tasks.groups.push(super::super::table::RowGroup {
            tasks: numbers
                .map(|no| RowTask {
                    no,
                    content: "x".into(),
                    ..RowTask::default()
                })
                .collect(),
            ..Default::default()
        });
        p
    }

    #[test]
    fn repeated_numbers_get_distinct_anchors() {
        let p = flat(["1", "1", "1-2", "1"].into_iter().map(String::from));
        let (text, _) = plan_file(&p, &Registry::default());
        let ids: Vec<&str> = text
            .lines()
            .filter_map(|l| l.trim().strip_prefix("id: "))
            .map(|l| l.split(' ').next().unwrap_or(""))
            .collect();
        assert_eq!(ids, ["nv-1-2", "nv-1-2-2", "nv-1-3"]);
    }

    #[test]
    fn anchors_are_made_unique_in_linear_time() {
        let reg = Registry::default();
        crate::scaling::assert_linear(
            "numbered tasks",
            256,
            |n| flat((1..=n).map(|i| i.to_string())),
            |p| {
                plan_file(p, &reg);
            },
        );
        crate::scaling::assert_linear(
            "tasks all numbered 1",
            64,
            |n| flat((0..n).map(|_| "1".to_string())),
            |p| {
                plan_file(p, &reg);
            },
        );
    }
}
