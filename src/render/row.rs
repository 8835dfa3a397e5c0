//! The default theme's task row, written directly in Rust.
//!
//! A row of the cross-plan lists is rendered once per task, so at 400,000 tasks the row is the
//! hottest template of a build: through Tera's macros it costs ~35 µs, here ~1 µs. It is used
//! only while the site keeps the default `task_row.html` and `macros.html`; a theme that
//! overrides either gets its own templates through Tera. A test renders every row of the demo
//! both ways and requires identical bytes, so the two cannot drift apart.

use super::theme::escape_html_into as esc;
use super::views::{Link, TaskRow};
use std::fmt::Write as _;

/// Tera's `truncate(length=n)` without grapheme support: the first `n` characters and "…".
fn truncate(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

fn units(out: &mut String, list: &[Link], root: &str) {
    for (i, u) in list.iter().enumerate() {
        match &u.href {
            Some(h) if !h.is_empty() => {
                out.push_str("<a href=\"");
                esc(out, root);
                esc(out, h);
                out.push_str("\">");
                esc(out, &u.name);
                out.push_str("</a>");
            }
            _ => {
                out.push_str("<span>");
                esc(out, &u.name);
                out.push_str("</span>");
            }
        }
        if i + 1 < list.len() {
            out.push_str("; ");
        }
    }
}

/// The link of an update to its evidence (` <a href="…">Tài liệu kèm theo</a>`), if any.
fn evidence_link(o: &mut String, link: Option<&str>) {
    if let Some(l) = link.filter(|l| !l.is_empty()) {
        o.push_str(" <a href=\"");
        esc(o, l);
        o.push_str("\">Tài liệu kèm theo</a>");
    }
}

/// The row exactly as the default `task_row.html` renders it (after template compaction).
pub fn default_row(t: &TaskRow, root: &str) -> String {
    let mut o = String::with_capacity(768);
    o.push_str("<tr class=\"task-row\" data-state=\"");
    esc(&mut o, t.state);
    o.push('"');
    if t.overdue {
        o.push_str(" data-overdue=\"1\"");
    }
    end_attr(&mut o, t);
    o.push_str("><td><a class=\"task-link\" href=\"");
    esc(&mut o, root);
    esc(&mut o, &t.href);
    o.push_str("\">");
    esc(&mut o, &t.summary);
    o.push_str("</a>");
    if let Some(d) = t.details.as_deref().filter(|d| !d.is_empty()) {
        o.push_str("<span class=\"task-details\">");
        // The template's explicit `escape` filter is Tera's own, which also escapes `/`.
        escaped_lines(&mut o, d);
        o.push_str("</span>");
    }
    o.push_str(" <span class=\"task-plan\">");
    esc(&mut o, &t.plan.number_label);
    o.push_str(" · ");
    let title = truncate(&t.plan.title, 60);
    esc(&mut o, title);
    if title.len() < t.plan.title.len() {
        o.push('…');
    }
    o.push_str("</span> ");
    if let Some(u) = &t.last_update
        && let Some(note) = u.note.as_deref().filter(|n| !n.is_empty())
    {
        o.push_str("<span class=\"task-update\">Cập nhật ");
        esc(&mut o, &u.date);
        o.push_str(": ");
        esc(&mut o, note);
        evidence_link(&mut o, u.link.as_deref());
        o.push_str("</span>");
    }
    o.push_str("</td><td>");
    units(&mut o, &t.lead, root);
    o.push_str("</td><td>");
    units(&mut o, &t.support, root);
    o.push_str("</td><td>");
    due(&mut o, t);
    o.push_str("</td><td>");
    badge(&mut o, t);
    o.push_str("</td></tr>\n");
    o
}

/// Which optional columns a plan's task table has.
#[derive(Debug, Clone, Copy)]
pub struct PlanColumns {
    pub support: bool,
    pub output: bool,
    pub leader: bool,
}

/// Tera's `escape | linebreaksbr`: Tera's own escaping (which also escapes `/`), then line
/// breaks as `<br>`.
fn escaped_lines(out: &mut String, s: &str) {
    out.push_str(
        &tera::escape_html(s)
            .replace("\r\n", "<br>")
            .replace('\n', "<br>"),
    );
}

fn badge(o: &mut String, t: &TaskRow) {
    o.push_str("<span class=\"badge s-");
    esc(o, t.state);
    if t.timeliness == "done_late" {
        o.push_str(" s-late");
    }
    o.push_str("\">");
    esc(o, t.label);
    if let Some(p) = t.percent.filter(|&p| p > 0 && t.state == "in_progress") {
        let _ = write!(o, " {p}%");
    }
    o.push_str("</span>");
    if t.overdue {
        o.push_str(if t.unreported {
            " <span class=\"badge s-overdue\">Quá hạn, chưa có báo cáo</span>"
        } else {
            " <span class=\"badge s-overdue\">Quá hạn</span>"
        });
    }
}

/// ` data-end="…"` of a row whose task is open with a dated deadline.
fn end_attr(o: &mut String, t: &TaskRow) {
    if let Some(e) = &t.end {
        o.push_str(" data-end=\"");
        esc(o, e);
        o.push('"');
    }
}

fn due(o: &mut String, t: &TaskRow) {
    if t.due.is_empty() {
        o.push_str("<span class=\"muted\">Không ghi thời hạn</span>");
    } else {
        if let Some(from) = &t.extended_from {
            o.push_str("<del class=\"due-old\"><span class=\"vh\">Thời hạn ban đầu: </span>");
            esc(o, from);
            o.push_str("</del> ");
        }
        o.push_str("<span class=\"due\">");
        esc(o, &t.due);
        o.push_str("</span>");
        if !t.due_note.is_empty() && t.due_note != t.due {
            o.push_str("<span class=\"due-note\">");
            esc(o, &t.due_note);
            o.push_str("</span>");
        }
        if t.extended_from.is_some() {
            o.push_str("<span class=\"due-note\">Đã gia hạn");
            if let Some(doc) = &t.extended_by {
                o.push_str(" theo văn bản ");
                esc(o, doc);
            }
            o.push_str("</span>");
        }
    }
}

/// The row exactly as the default `plan_task_row.html` renders it (after compaction).
pub fn plan_row(t: &TaskRow, group_no: &str, cols: PlanColumns, root: &str) -> String {
    let mut o = String::with_capacity(1024);
    o.push_str("<tr id=\"");
    esc(&mut o, &t.id);
    o.push_str("\" class=\"task-row\" data-state=\"");
    esc(&mut o, t.state);
    o.push('"');
    if t.overdue {
        o.push_str(" data-overdue=\"1\"");
    }
    end_attr(&mut o, t);
    o.push_str("><td data-label=\"STT\" class=\"num\"><a href=\"#");
    esc(&mut o, &t.id);
    o.push_str("\" class=\"anchor\" aria-label=\"Liên kết đến nhiệm vụ ");
    esc(&mut o, group_no);
    o.push(' ');
    esc(&mut o, &t.no);
    o.push_str("\">");
    esc(&mut o, &t.no);
    o.push_str("</a></td><td data-label=\"Nội dung\">");
    escaped_lines(&mut o, &t.content);
    if !t.updates.is_empty() {
        let _ = write!(
            o,
            "<details class=\"updates\"><summary>Tiến độ: {} lần cập nhật</summary><ol>",
            t.updates.len()
        );
        for u in &t.updates {
            o.push_str("<li><time datetime=\"");
            esc(&mut o, &u.date_iso);
            o.push_str("\">");
            esc(&mut o, &u.date);
            o.push_str("</time> — <span class=\"badge s-");
            esc(&mut o, u.state);
            o.push_str("\">");
            esc(&mut o, u.label);
            if let Some(p) = u.percent.filter(|&p| p > 0) {
                let _ = write!(o, " {p}%");
            }
            o.push_str("</span>");
            if let Some(c) = &u.completed {
                o.push_str(" (hoàn thành ngày ");
                esc(&mut o, c);
                o.push(')');
            }
            if let Some(to) = &u.extended_to {
                o.push_str(" Gia hạn đến: ");
                esc(&mut o, to);
                if let Some(doc) = &u.document {
                    o.push_str(" (văn bản ");
                    esc(&mut o, doc);
                    o.push(')');
                }
                o.push('.');
            }
            if let Some(n) = u.note.as_deref().filter(|n| !n.is_empty()) {
                o.push(' ');
                esc(&mut o, n);
            }
            evidence_link(&mut o, u.link.as_deref());
            o.push_str("</li>");
        }
        o.push_str("</ol></details>");
    }
    o.push_str("</td><td data-label=\"Chủ trì\">");
    units(&mut o, &t.lead, root);
    o.push_str("</td>");
    if cols.support {
        o.push_str("<td data-label=\"Phối hợp\">");
        units(&mut o, &t.support, root);
        o.push_str("</td>");
    }
    o.push_str("<td data-label=\"Thời hạn\">");
    due(&mut o, t);
    o.push_str("</td>");
    if cols.output {
        o.push_str("<td data-label=\"Sản phẩm\">");
        if let Some(x) = t.output.as_deref().filter(|x| !x.is_empty()) {
            esc(&mut o, x);
        }
        o.push_str("</td>");
    }
    if cols.leader {
        o.push_str("<td data-label=\"Lãnh đạo chỉ đạo\">");
        if let Some(x) = t.leader.as_deref().filter(|x| !x.is_empty()) {
            esc(&mut o, x);
        }
        o.push_str("</td>");
    }
    o.push_str("<td data-label=\"Tình trạng\">");
    badge(&mut o, t);
    if let Some(u) = &t.last_update {
        o.push_str("<span class=\"task-update\">");
        esc(&mut o, &u.date);
        o.push_str("</span>");
    }
    o.push_str("</td></tr>\n");
    o
}
