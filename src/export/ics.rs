//! iCalendar (RFC 5545): an all-day event on the last day of each dated deadline, site-wide
//! and per unit. UIDs are stable across builds (plan and task anchor), DTSTAMP is the build
//! day, so two builds of the same content give the same bytes.

use super::data::{plan_label, url};
use crate::site::{Site, TaskRef};
use chrono::Duration;
use std::fmt::Write as _;

/// Escapes a TEXT value (RFC 5545 §3.3.11).
fn text(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    text_into(&mut o, s);
    o
}

/// [`text`], appending to `o`.
fn text_into(o: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '\\' => o.push_str("\\\\"),
            ';' => o.push_str("\\;"),
            ',' => o.push_str("\\,"),
            '\n' => o.push_str("\\n"),
            '\r' => {}
            c => o.push(c),
        }
    }
}

/// `YYYYMMDD`.
fn ymd(o: &mut String, d: chrono::NaiveDate) {
    use chrono::Datelike;
    let _ = write!(o, "{:04}{:02}{:02}", d.year(), d.month(), d.day());
}

/// Folds a content line at 75 octets without splitting a UTF-8 character (§3.1).
fn fold(line: &str, out: &mut String) {
    out.reserve(line.len() + line.len() / 70 * 3 + 2);
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

/// Writes a calendar named `name` holding `events` (each made by [`event`]; `None` for a task
/// whose deadline is not a date), one event at a time.
pub fn write_calendar<'e>(
    name: &str,
    events: impl Iterator<Item = Option<&'e str>>,
    w: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    w.write_all(calendar_head(name).as_bytes())?;
    for e in events.flatten() {
        w.write_all(e.as_bytes())?;
    }
    w.write_all(calendar_tail().as_bytes())
}

/// The lines before the events, folded.
pub fn calendar_head(name: &str) -> String {
    let mut out = String::new();
    for l in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//kehoach//Kế hoạch UBND xã//VI",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        &format!("X-WR-CALNAME:{}", text(name)),
        "X-WR-TIMEZONE:Asia/Ho_Chi_Minh",
    ] {
        fold(l, &mut out);
    }
    out
}

pub fn calendar_tail() -> String {
    let mut out = String::new();
    fold("END:VCALENDAR", &mut out);
    out
}

/// The event of task `i` (a position in `index.tasks`), if its deadline is a date.
pub fn event(site: &Site, i: u32) -> Option<String> {
    let r: TaskRef = site.index.tasks[i as usize];
    let task = site.task(r);
    // The deadline in force: an extension moves the event.
    let due = task.due_now();
    let end = due.end.filter(|_| due.kind.is_dated())?;
    let plan = site.plan_of(r);
    let status = site.index.status[i as usize];
    let mut out = String::with_capacity(1024);
    // One content line at a time in `line`, folded into `out`.
    let mut line = String::with_capacity(512);
    let put = |line: &mut String, out: &mut String| {
        fold(line, out);
        line.clear();
    };
    fold("BEGIN:VEVENT", &mut out);
    let _ = write!(line, "UID:{}-{}@kehoach", plan.slug, task.id);
    put(&mut line, &mut out);
    line.push_str("DTSTAMP:");
    ymd(&mut line, site.today);
    line.push_str("T000000Z");
    put(&mut line, &mut out);
    line.push_str("DTSTART;VALUE=DATE:");
    ymd(&mut line, end);
    put(&mut line, &mut out);
    line.push_str("DTEND;VALUE=DATE:");
    ymd(&mut line, end + Duration::days(1));
    put(&mut line, &mut out);
    let summary = task.content.lines().next().unwrap_or_default();
    line.push_str("SUMMARY:");
    text_into(&mut line, "Hạn: ");
    match summary.char_indices().nth(120) {
        // More than 120 characters: the first 119 and an ellipsis.
        Some(_) => {
            let cut = summary
                .char_indices()
                .nth(119)
                .map_or(summary.len(), |(k, _)| k);
            text_into(&mut line, &summary[..cut]);
            line.push('…');
        }
        None => text_into(&mut line, summary),
    }
    put(&mut line, &mut out);
    let link = url(site, &crate::urls::task(&plan.slug, &task.id));
    line.push_str("DESCRIPTION:");
    text_into(&mut line, "Thời hạn: ");
    text_into(&mut line, &due.text);
    if let Some(e) = task.extensions().last() {
        text_into(&mut line, " (gia hạn từ ");
        text_into(&mut line, &task.due.text);
        if let Some(doc) = e.document {
            text_into(&mut line, " theo văn bản ");
            text_into(&mut line, doc);
        }
        text_into(&mut line, ")");
    }
    text_into(&mut line, "\nChủ trì: ");
    for (k, m) in task.lead.iter().enumerate() {
        if k > 0 {
            text_into(&mut line, "; ");
        }
        text_into(&mut line, &m.text);
    }
    line.push_str("\\n");
    text_into(&mut line, &plan_label(site, r));
    text_into(&mut line, ": ");
    text_into(&mut line, &plan.title);
    text_into(&mut line, "\nTình trạng: ");
    text_into(&mut line, status.state.label());
    if status.overdue {
        line.push_str(" (quá hạn)");
    }
    text_into(&mut line, "\nXem: ");
    text_into(&mut line, &link);
    put(&mut line, &mut out);
    if site
        .config
        .base_url
        .as_deref()
        .is_some_and(|b| b.starts_with("http"))
    {
        line.push_str("URL:");
        line.push_str(&link);
        put(&mut line, &mut out);
    }
    fold("TRANSP:TRANSPARENT", &mut out);
    fold("END:VEVENT", &mut out);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_at_75_octets_on_character_boundaries() {
        let mut out = String::new();
        fold(&format!("SUMMARY:{}", "ầ".repeat(60)), &mut out);
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets", l.len());
        }
        assert_eq!(
            out.replace("\r\n ", ""),
            format!("SUMMARY:{}\r\n", "ầ".repeat(60))
        );
    }

    #[test]
    fn escapes_text() {
        assert_eq!(text("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
    }
}
