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

/// The row exactly as the default `task_row.html` renders it (after template compaction).
pub fn default_row(t: &TaskRow, root: &str) -> String {
    let mut o = String::with_capacity(768);
    o.push_str("<tr class=\"task-row\" data-state=\"");
    esc(&mut o, t.state);
    o.push('"');
    if t.overdue {
        o.push_str(" data-overdue=\"1\"");
    }
    o.push_str("><td><a class=\"task-link\" href=\"");
    esc(&mut o, root);
    esc(&mut o, &t.href);
    o.push_str("\">");
    esc(&mut o, &t.summary);
    o.push_str("</a>");
    if let Some(d) = t.details.as_deref().filter(|d| !d.is_empty()) {
        o.push_str("<span class=\"task-details\">");
        // The template's explicit `escape` filter is Tera's own, which also escapes `/`.
        o.push_str(
            &tera::escape_html(d)
                .replace("\r\n", "<br>")
                .replace('\n', "<br>"),
        );
        o.push_str("</span>");
    }
    o.push_str(" <span class=\"task-plan\">");
    esc(&mut o, &t.plan.number_label);
    o.push_str(" · ");
    let title = truncate(&t.plan.title, 110);
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
        if let Some(link) = u.link.as_deref().filter(|l| !l.is_empty()) {
            o.push_str(" <a href=\"");
            esc(&mut o, link);
            o.push_str("\">Tài liệu kèm theo</a>");
        }
        o.push_str("</span>");
    }
    o.push_str("</td><td>");
    units(&mut o, &t.lead, root);
    o.push_str("</td><td>");
    units(&mut o, &t.support, root);
    o.push_str("</td><td>");
    if t.due.is_empty() {
        o.push_str("<span class=\"muted\">Không ghi thời hạn</span>");
    } else {
        o.push_str("<span class=\"due\">");
        esc(&mut o, &t.due);
        o.push_str("</span>");
        if !t.due_note.is_empty() && t.due_note != t.due {
            o.push_str("<span class=\"due-note\">");
            esc(&mut o, &t.due_note);
            o.push_str("</span>");
        }
    }
    o.push_str("</td><td><span class=\"badge s-");
    esc(&mut o, t.state);
    o.push_str("\">");
    esc(&mut o, t.label);
    if let Some(p) = t.percent.filter(|&p| p > 0 && t.state == "in_progress") {
        let _ = write!(o, " {p}%");
    }
    o.push_str("</span>");
    if t.overdue {
        o.push_str(" <span class=\"badge s-overdue\">Quá hạn</span>");
    }
    o.push_str("</td></tr>\n");
    o
}
