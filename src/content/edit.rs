//! Adding a progress update to a task of a plan file with the smallest change to the file.
//!
//! The clerk's file is theirs: comments, quoting, key order, line endings and every other byte
//! stay as they were. An update is one line in the form the guide teaches
//! (`- { date: 2026-01-20, status: in_progress, percent: 60, note: "…" }`) added after the
//! task's last update, or, for a task without any, an `updates:` key with that line after the
//! task's last line. Where the file is laid out so that the place cannot be found for sure (a
//! task written as `{ … }`, a list of updates spread over lines inside `[ … ]`), nothing is
//! written and the clerk is told to add the line by hand.
//!
//! The result is read back with the plan reader before it is returned: the task must then
//! have exactly one update more, the one asked for, and the file no error that it did not
//! have, so a write can never break a plan that was whole.

use crate::content::plan::{self, read_plan};
use crate::content::units::Registry;
use crate::content::{Plan, Status, Task};
use crate::diag::{Diagnostic, Pos};
use crate::msg;
use crate::tr;
use chrono::NaiveDate;
use std::fmt::Write as _;
use std::path::Path;

/// An update to add, as the form or a spreadsheet row gives it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewUpdate {
    pub date: Option<NaiveDate>,
    pub status: Option<Status>,
    pub percent: Option<u8>,
    pub note: Option<String>,
    /// A file under `static/` (`/files/bc-12.pdf`) or an http(s) address.
    pub link: Option<String>,
    pub completed: Option<NaiveDate>,
    /// A new deadline (gia hạn), in any form the deadline engine reads.
    pub extended_to: Option<String>,
    /// The number of the document that set it.
    pub document: Option<String>,
}

impl NewUpdate {
    /// The update as one YAML flow mapping, in the order the format's examples use.
    pub fn to_flow(&self) -> String {
        let mut s = String::from("{ ");
        let mut field = |k: &str, v: String| {
            if s.len() > 2 {
                s.push_str(", ");
            }
            let _ = write!(s, "{k}: {v}");
        };
        if let Some(d) = self.date {
            field("date", d.to_string());
        }
        if let Some(st) = self.status {
            field("status", st.code().to_string());
        }
        if let Some(p) = self.percent {
            field("percent", p.to_string());
        }
        if let Some(d) = self.completed {
            field("completed", d.to_string());
        }
        if let Some(t) = &self.extended_to {
            field("extended_to", quoted(t));
        }
        if let Some(t) = &self.document {
            field("document", quoted(t));
        }
        if let Some(t) = &self.note {
            field("note", quoted(t));
        }
        if let Some(t) = &self.link {
            field("link", quoted(t));
        }
        s.push_str(" }");
        s
    }

    /// Whether a recorded update says the same (a spreadsheet imported twice adds nothing).
    pub fn same_as(&self, u: &crate::content::Update) -> bool {
        Some(u.date) == self.date
            && Some(u.status) == self.status
            && u.percent == self.percent
            && u.note.as_deref().map(str::trim) == self.note.as_deref().map(str::trim)
            && u.completed == self.completed
            && u.document.as_deref() == self.document.as_deref()
            && (self.link.is_none() || u.link == self.link)
            && u.extended_to.as_ref().map(|d| d.text.as_str()) == self.extended_to.as_deref()
    }
}

/// A YAML double-quoted scalar on one line: a line break in the text becomes a space, `\`
/// and `"` are escaped, other control characters written as escapes.
pub fn quoted(t: &str) -> String {
    let mut s = String::with_capacity(t.len() + 2);
    s.push('"');
    for c in t.trim().chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            '\n' | '\r' | '\t' => s.push(' '),
            c if c.is_control() => {
                let _ = write!(s, "\\u{:04X}", c as u32);
            }
            c => s.push(c),
        }
    }
    s.push('"');
    s
}

/// What the plan reader needs besides the text.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub registry: &'a Registry,
    pub issuer: Option<&'a str>,
    /// The site's `static/`, where a `link` must name an existing file.
    pub static_dir: Option<&'a Path>,
    /// The build day: an update may not be dated after it.
    pub today: NaiveDate,
}

/// The outcome of [`add_update`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Added {
    /// The file's new text, and the line (from 1) the update is written on.
    Written { text: String, line: usize },
    /// The task's latest update already says this: nothing to write.
    Unchanged,
}

/// Reads a plan file's text as the site does: `None` and its errors when it does not read.
pub fn read(
    rel: &Path,
    raw: &str,
    ctx: &Context<'_>,
) -> Result<(Plan, Vec<Diagnostic>), Vec<Diagnostic>> {
    let decoded = plan::decode(rel, raw.as_bytes().to_vec()).map_err(|d| vec![d])?;
    let slug = rel
        .file_stem()
        .map(|s| crate::vi::slugify(&s.to_string_lossy()))
        .unwrap_or_default();
    let (p, diags) = read_plan(
        rel,
        &decoded,
        slug,
        ctx.registry,
        ctx.issuer,
        ctx.static_dir,
    );
    match p {
        Some(p) if !diags.iter().any(Diagnostic::is_error) => Ok((p, diags)),
        _ => Err(diags.into_iter().filter(Diagnostic::is_error).collect()),
    }
}

/// The task with anchor `id`.
pub fn find_task<'p>(plan: &'p Plan, id: &str) -> Option<&'p Task> {
    plan.groups
        .iter()
        .flat_map(|g| &g.tasks)
        .find(|t| t.id == id)
}

/// Checks an update against the task before it is written: the rules of `check` that need
/// no file (a day not after today, an update not older than the task's latest, `done` for
/// `completed`). Messages name the form's fields, in the clerk's words.
pub fn validate(task: &Task, u: &NewUpdate, today: NaiveDate) -> Vec<String> {
    let mut errs = Vec::new();
    match u.date {
        None => errs.push(tr!(msg::EDIT_NEED_DATE)),
        Some(d) if d > today => errs.push(tr!(
            msg::EDIT_DATE_AFTER_TODAY,
            date = vi_day(d),
            today = vi_day(today)
        )),
        Some(d) => {
            if let Some(last) = task.updates.last().filter(|l| l.date > d) {
                errs.push(tr!(
                    msg::EDIT_OLDER_THAN_LATEST,
                    date = vi_day(d),
                    latest = vi_day(last.date)
                ));
            }
        }
    }
    if u.status.is_none() {
        errs.push(tr!(msg::EDIT_NEED_STATUS));
    }
    if let Some(p) = u.percent
        && p > 100
    {
        errs.push(tr!(msg::EDIT_PERCENT_RANGE, found = p));
    }
    if let (Some(c), Some(d)) = (u.completed, u.date) {
        if c > d {
            errs.push(tr!(
                msg::EDIT_COMPLETED_AFTER_DATE,
                completed = vi_day(c),
                date = vi_day(d)
            ));
        }
        if u.status != Some(Status::Done) {
            errs.push(tr!(msg::EDIT_COMPLETED_NOT_DONE));
        }
    }
    if let Some(t) = &u.extended_to
        && !crate::vi::deadline::Deadline::parse(t).kind.is_dated()
    {
        errs.push(tr!(msg::EDIT_EXTENSION_UNDATED, found = t));
    }
    if u.document.is_some() && u.extended_to.is_none() {
        errs.push(tr!(msg::EDIT_DOCUMENT_WITHOUT_EXTENSION));
    }
    errs
}

/// `dd/mm/yyyy`, as the clerk writes a day.
pub fn vi_day(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// Adds `u` after the last update of task `id` in the plan file `raw` (its bytes as text),
/// keeping every other byte. `rel` names the file in messages.
pub fn add_update(
    rel: &Path,
    raw: &str,
    id: &str,
    u: &NewUpdate,
    ctx: &Context<'_>,
) -> Result<Added, Vec<Diagnostic>> {
    let one = |m: String| vec![Diagnostic::error(rel, None, m)];
    if raw.replace("\r\n", "").contains('\r') {
        return Err(one(tr!(msg::EDIT_LONE_CR)));
    }
    let (plan, _) = read(rel, raw, ctx).map_err(|errs| {
        let mut v = one(tr!(msg::EDIT_PLAN_HAS_ERRORS));
        v.extend(errs);
        v
    })?;
    let Some(task) = find_task(&plan, id) else {
        return Err(one(tr!(msg::EDIT_NO_TASK, id = id)));
    };
    if task.updates.last().is_some_and(|l| u.same_as(l)) {
        return Ok(Added::Unchanged);
    }
    let errs = validate(task, u, ctx.today);
    if !errs.is_empty() {
        return Err(errs
            .into_iter()
            .map(|m| Diagnostic::error(rel, None, m))
            .collect());
    }
    let before = task.updates.len();
    let (at, line) = place(rel, raw, task.pos, &u.to_flow()).map_err(one)?;
    let mut text = String::with_capacity(raw.len() + line.len());
    text.push_str(&raw[..at]);
    text.push_str(&line);
    text.push_str(&raw[at..]);
    // Read back: exactly one update more, the one asked for, and no new error.
    let inserted_line = raw[..at].matches('\n').count() + 1;
    let (after, _) = read(rel, &text, ctx).map_err(|errs| {
        let mut v = one(tr!(msg::EDIT_WOULD_BREAK));
        v.extend(errs);
        v
    })?;
    let ok = find_task(&after, id).is_some_and(|t| {
        t.updates.len() == before + 1 && t.updates.last().is_some_and(|l| u.same_as(l))
    });
    if !ok {
        return Err(one(tr!(msg::EDIT_WOULD_BREAK)));
    }
    // The update's own line: after an `updates:` line when one was added with it.
    let line = inserted_line + usize::from(line.trim_start().starts_with("updates:"));
    Ok(Added::Written { text, line })
}

/// Where the update goes in `raw` (a byte offset at the start of a line) and the text to
/// insert there, for the task whose mapping starts at `task_pos`.
fn place(rel: &Path, raw: &str, task_pos: Pos, flow: &str) -> Result<(usize, String), String> {
    let body = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    let bom = raw.len() - body.len();
    let eol = if raw.contains("\r\n") { "\r\n" } else { "\n" };
    // Lines of the file as `str::lines` counts them, with the byte offset of each start.
    let mut starts = vec![bom];
    starts.extend(body.match_indices('\n').map(|(i, _)| bom + i + 1));
    let line_text = |n: usize| -> &str {
        let s = starts[n - 1];
        let e = starts.get(n).copied().unwrap_or(raw.len());
        raw[s..e].trim_end_matches(['\n', '\r'])
    };
    let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let blank_or_comment = |l: &str| {
        let t = l.trim_start();
        t.is_empty() || t.starts_with('#')
    };
    let decoded = plan::decode(rel, raw.as_bytes().to_vec()).map_err(|d| d.message)?;
    let (yaml_src, _, _) = plan::split_front_matter(rel, &decoded).map_err(|d| d.message)?;
    let fm_end = yaml_src.matches('\n').count() + 2; // the closing `---` line
    let root = crate::content::yaml::parse(yaml_src, 2).map_err(|e| e.message)?;
    let Some(task) = find_node(&root, task_pos) else {
        return Err(tr!(msg::EDIT_CANNOT_PLACE));
    };
    let crate::content::yaml::Value::Map(keys) = &task.value else {
        return Err(tr!(msg::EDIT_CANNOT_PLACE));
    };
    let Some((first, _)) = keys.first() else {
        return Err(tr!(msg::EDIT_CANNOT_PLACE));
    };
    // A block mapping: its keys start their own lines, at one column.
    let key_indent = first.pos.col - 1;
    let block = keys.iter().all(|(k, _)| {
        k.pos.col == first.pos.col
            && line_text(k.pos.line)
                .get(..key_indent)
                .is_some_and(|pre| pre.trim_start_matches([' ', '-']).is_empty())
    });
    if !block {
        return Err(tr!(msg::EDIT_CANNOT_PLACE));
    }
    // The last line (from 1) of a block that starts on `from` and holds every following line
    // indented more than `min` spaces; blank lines and comments at its end are not its own.
    let block_end = |from: usize, min: usize| -> usize {
        let mut last = from;
        for n in from + 1..fm_end {
            let l = line_text(n);
            if blank_or_comment(l) {
                if !l.trim().is_empty() && indent(l) > min {
                    last = n;
                }
                continue;
            }
            if indent(l) <= min {
                break;
            }
            last = n;
        }
        last
    };
    let start_of = |n: usize| starts.get(n).copied().unwrap_or(raw.len());
    let pad = |n: usize| " ".repeat(n);
    match keys.iter().find(|(k, _)| k.name == "updates") {
        None => {
            // After the task's last line: `updates:` and the item, at the task's key column.
            let last = block_end(first.pos.line, key_indent.saturating_sub(1));
            let last = last.max(keys.last().map_or(0, |(k, _)| k.pos.line));
            let text = format!(
                "{}updates:{eol}{}- {flow}{eol}",
                pad(key_indent),
                pad(key_indent + 2)
            );
            Ok((start_of(last), text))
        }
        Some((key, node)) => match &node.value {
            crate::content::yaml::Value::Seq(items) => {
                let l = line_text(node.pos.line);
                let open = starts[node.pos.line - 1]
                    + l.char_indices()
                        .nth(node.pos.col - 1)
                        .map_or(l.len(), |(b, _)| b);
                if raw[open..].starts_with('[') {
                    return flow_seq_place(raw, open, flow);
                }
                // A block list: each item's `- ` starts its line, at the list's column.
                let Some(last_item) = items.last().map(|i| i.pos.line) else {
                    return Err(tr!(msg::EDIT_CANNOT_PLACE));
                };
                let l = line_text(last_item);
                if !l.trim_start().starts_with("- ") {
                    return Err(tr!(msg::EDIT_CANNOT_PLACE));
                }
                let dash = indent(l);
                let last = block_end(last_item, dash);
                Ok((start_of(last), format!("{}- {flow}{eol}", pad(dash))))
            }
            _ if node.is_null() => {
                let l = line_text(key.pos.line);
                let after = l.split_once(':').map_or("", |(_, v)| v).trim();
                if !(after.is_empty() || after.starts_with('#')) {
                    return Err(tr!(msg::EDIT_CANNOT_PLACE));
                }
                let last = block_end(key.pos.line, key_indent);
                Ok((
                    start_of(last),
                    format!("{}- {flow}{eol}", pad(key_indent + 2)),
                ))
            }
            _ => Err(tr!(msg::EDIT_CANNOT_PLACE)),
        },
    }
}

/// `updates: [ {…}, {…} ]` (or `[]`) on one line: the item goes before the `]`. `open` is
/// the byte offset of the `[` in `raw`.
fn flow_seq_place(raw: &str, open: usize, flow: &str) -> Result<(usize, String), String> {
    let line = raw[open..].split('\n').next().unwrap_or("");
    let (mut depth, mut quote, mut escaped) = (0usize, None::<char>, false);
    for (b, c) in line.char_indices() {
        match (quote, c) {
            (Some('"'), '\\') if !escaped => {
                escaped = true;
                continue;
            }
            (Some('"'), '"') if !escaped => quote = None,
            (Some('\''), '\'') => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[' | '{') => depth += 1,
            (None, ']' | '}') => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    let before = line[..b].trim_end();
                    let sep = if before.ends_with('[') { "" } else { ", " };
                    return Ok((open + before.len(), format!("{sep}{flow}")));
                }
            }
            _ => {}
        }
        escaped = false;
    }
    // The list goes on to other lines: its end cannot be found for sure.
    Err(tr!(msg::EDIT_CANNOT_PLACE))
}

/// The map node that starts at `pos` anywhere under `node`.
fn find_node(node: &crate::content::yaml::Node, pos: Pos) -> Option<&crate::content::yaml::Node> {
    use crate::content::yaml::Value;
    if node.pos == pos && matches!(node.value, Value::Map(_)) {
        return Some(node);
    }
    match &node.value {
        Value::Seq(items) => items.iter().find_map(|n| find_node(n, pos)),
        Value::Map(kv) => kv.iter().find_map(|(_, n)| find_node(n, pos)),
        Value::Str { .. } => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(reg: &Registry) -> Context<'_> {
        Context {
            registry: reg,
            issuer: None,
            static_dir: None,
            today: NaiveDate::from_ymd_opt(2026, 1, 15).unwrap(),
        }
    }

    fn upd(date: &str, status: Status, note: &str) -> NewUpdate {
        NewUpdate {
            date: NaiveDate::parse_from_str(date, "%Y-%m-%d").ok(),
            status: Some(status),
            note: Some(note.into()),
            ..NewUpdate::default()
        }
    }

    fn add(raw: &str, id: &str, u: &NewUpdate) -> Result<Added, Vec<Diagnostic>> {
        let reg = Registry::default();
        add_update(Path::new("k.md"), raw, id, u, &ctx(&reg))
    }

    /// The lines of `after` that `before` does not have, asserting that nothing else changed.
    fn added_lines(before: &str, after: &str) -> Vec<String> {
        let (b, a): (Vec<&str>, Vec<&str>) = (
            before.split_inclusive('\n').collect(),
            after.split_inclusive('\n').collect(),
        );
        let head = b.iter().zip(&a).take_while(|(x, y)| x == y).count();
        let tail = b[head..]
            .iter()
            .rev()
            .zip(a[head..].iter().rev())
            .take_while(|(x, y)| x == y)
            .count();
        assert_eq!(head + tail, b.len(), "lines of the file changed:\n{after}");
        a[head..a.len() - tail]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    const PLAN: &str = "---
title: Kế hoạch thử   # a comment kept
tasks:
  - group: Về thể chế
    tasks:
      - content: Rà soát văn bản
        lead: Văn phòng
        updates:
          - { date: 2025-11-10, status: in_progress, percent: 50, note: 'Đã rà soát.' }
          # comment inside the list
        due: Tháng 11/2025
      - content: Ban hành quy chế
        lead:
        - Phòng Kinh tế
        - Văn phòng
        due: Tháng 12/2025

      # the next group
  - group: Về thủ tục
    tasks:
      - { content: Giải quyết hồ sơ, due: Thường xuyên }
---
Văn bản.
";

    #[test]
    fn an_update_is_one_line_after_the_last_and_nothing_else_changes() {
        let u = upd("2025-12-01", Status::Done, "Đã \"xong\", báo cáo UBND.");
        let Added::Written { text, line } = add(PLAN, "nv-i-1", &u).unwrap() else {
            panic!()
        };
        assert_eq!(
            added_lines(PLAN, &text),
            [
                "          - { date: 2025-12-01, status: done, note: \"Đã \\\"xong\\\", báo cáo UBND.\" }\n"
            ]
        );
        // Right after the last item (the comment at the items' column is not part of it).
        assert_eq!(line, 10);
        assert_eq!(
            text.lines().nth(line - 1).unwrap().trim_start().get(..9),
            Some("- { date:")
        );
    }

    #[test]
    fn a_task_without_updates_gets_the_key_after_its_last_line() {
        let u = NewUpdate {
            percent: Some(30),
            ..upd("2026-01-02", Status::InProgress, "Đang dự thảo")
        };
        let Added::Written { text, line } = add(PLAN, "nv-i-2", &u).unwrap() else {
            panic!()
        };
        assert_eq!(
            added_lines(PLAN, &text),
            [
                "        updates:\n",
                "          - { date: 2026-01-02, status: in_progress, percent: 30, note: \"Đang dự thảo\" }\n"
            ]
        );
        // Before the blank line and the comment of the next group.
        assert!(text.contains("        due: Tháng 12/2025\n        updates:\n"));
        assert_eq!(
            text.lines().nth(line - 1).unwrap().trim_start().get(..9),
            Some("- { date:")
        );
    }

    #[test]
    fn line_endings_and_a_bom_are_kept() {
        let crlf = format!("\u{feff}{}", PLAN.replace('\n', "\r\n"));
        let u = upd("2025-12-01", Status::Done, "Xong");
        let Added::Written { text, .. } = add(&crlf, "nv-i-2", &u).unwrap() else {
            panic!()
        };
        let added = added_lines(&crlf, &text);
        assert_eq!(added.len(), 2);
        assert!(
            added
                .iter()
                .all(|l| l.ends_with("\r\n") && !l.contains('\u{feff}'))
        );
        assert!(text.starts_with('\u{feff}'));
    }

    #[test]
    fn a_flow_list_on_one_line_gets_the_item_before_its_bracket() {
        let one = PLAN.replace(
            "        updates:\n          - { date: 2025-11-10, status: in_progress, percent: 50, note: 'Đã rà soát.' }\n",
            "        updates: [ { date: 2025-11-10, status: in_progress, note: \"a, ]b\" } ]  # c\n",
        );
        let u = upd("2025-12-01", Status::Done, "Xong");
        let Added::Written { text, .. } = add(&one, "nv-i-1", &u).unwrap() else {
            panic!()
        };
        assert!(text.contains(
            "updates: [ { date: 2025-11-10, status: in_progress, note: \"a, ]b\" }, { date: 2025-12-01, status: done, note: \"Xong\" } ]  # c\n"
        ), "{text}");
        let empty = one.replace(
            "[ { date: 2025-11-10, status: in_progress, note: \"a, ]b\" } ]",
            "[]",
        );
        let Added::Written { text, .. } = add(&empty, "nv-i-1", &u).unwrap() else {
            panic!()
        };
        assert!(
            text.contains("updates: [{ date: 2025-12-01, status: done, note: \"Xong\" }]  # c\n")
        );
        let empty_key = one.replace(
            "[ { date: 2025-11-10, status: in_progress, note: \"a, ]b\" } ]  # c",
            "",
        );
        let Added::Written { text, .. } = add(&empty_key, "nv-i-1", &u).unwrap() else {
            panic!()
        };
        assert_eq!(
            added_lines(&empty_key, &text),
            ["          - { date: 2025-12-01, status: done, note: \"Xong\" }\n"]
        );
    }

    #[test]
    fn block_mapping_updates_are_followed_at_their_column() {
        let block = PLAN.replace(
            "          - { date: 2025-11-10, status: in_progress, percent: 50, note: 'Đã rà soát.' }\n",
            "        - date: 2025-11-10\n          status: in_progress\n          note: >\n            Đã rà soát\n            nhiều văn bản.\n",
        );
        let u = upd("2025-12-01", Status::Done, "Xong");
        let r = add(&block, "nv-i-1", &u);
        let Ok(Added::Written { text, .. }) = r else {
            panic!("{r:?}")
        };
        assert!(text.contains("            nhiều văn bản.\n          # comment inside the list\n        - { date: 2025-12-01"), "{text}");
    }

    #[test]
    fn what_cannot_be_placed_for_sure_or_is_wrong_is_refused() {
        let u = upd("2025-12-01", Status::Done, "Xong");
        let e = add(PLAN, "nv-ii-1", &u).unwrap_err();
        assert!(e[0].message.contains("cannot be found for sure"), "{e:?}");
        let e = add(PLAN, "nv-ix-9", &u).unwrap_err();
        assert_eq!(e[0].message, "The plan has no task `nv-ix-9`.");
        let e = add(PLAN, "nv-i-1", &upd("2026-02-01", Status::Done, "x")).unwrap_err();
        assert!(e[0].message.contains("after today (15/01/2026)"), "{e:?}");
        let e = add(PLAN, "nv-i-1", &upd("2025-11-01", Status::Done, "x")).unwrap_err();
        assert!(
            e[0].message
                .contains("before the task's latest update (10/11/2025)")
        );
        let broken = PLAN.replace("title: Kế hoạch thử", "titel: x");
        let e = add(&broken, "nv-i-1", &u).unwrap_err();
        assert!(e[0].message.starts_with("The plan file has errors"));
        assert!(e.len() > 1);
    }

    #[test]
    fn the_same_update_again_changes_nothing() {
        let u = NewUpdate {
            percent: Some(50),
            ..upd("2025-11-10", Status::InProgress, "Đã rà soát.")
        };
        assert_eq!(add(PLAN, "nv-i-1", &u).unwrap(), Added::Unchanged);
    }

    #[test]
    fn the_last_task_of_the_file_gets_its_updates_before_the_closing_line() {
        let plan = "---\ntitle: T\ntasks:\n  - content: A\n    due: Tháng 1/2026\n---\n";
        let u = upd("2026-01-10", Status::InProgress, "Bắt đầu");
        let Added::Written { text, .. } = add(plan, "nv-1", &u).unwrap() else {
            panic!()
        };
        assert_eq!(
            text,
            "---\ntitle: T\ntasks:\n  - content: A\n    due: Tháng 1/2026\n    updates:\n      - { date: 2026-01-10, status: in_progress, note: \"Bắt đầu\" }\n---\n"
        );
    }
}
