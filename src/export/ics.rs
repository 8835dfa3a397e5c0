//! iCalendar (RFC 5545): an all-day event on the last day of each dated deadline, site-wide
//! and per unit. UIDs are stable across builds (plan and task anchor), DTSTAMP is the build
//! day, so two builds of the same content give the same bytes.

use super::data::{plan_label, url};
use crate::site::{Site, TaskRef};
use chrono::Duration;

/// Escapes a TEXT value (RFC 5545 §3.3.11).
fn text(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
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
    o
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

/// Writes a calendar of the dated deadlines among `tasks` (positions in `site.index.tasks`),
/// one event at a time.
pub fn write_calendar(
    site: &Site,
    name: &str,
    tasks: &[u32],
    w: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    w.write_all(calendar_head(name).as_bytes())?;
    for &i in tasks {
        if let Some(e) = event(site, i) {
            w.write_all(e.as_bytes())?;
        }
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
    let mut out = String::new();
    macro_rules! line {
        ($l:expr) => {
            fold(AsRef::<str>::as_ref(&$l), &mut out)
        };
    }
    let stamp = site.today.format("%Y%m%dT000000Z");
    let r: TaskRef = site.index.tasks[i as usize];
    let task = site.task(r);
    let end = task.due.end.filter(|_| task.due.kind.is_dated())?;
    let plan = site.plan_of(r);
    let status = site.index.status[i as usize];
    let summary = task.content.lines().next().unwrap_or_default();
    let summary: String = if summary.chars().count() > 120 {
        summary.chars().take(119).collect::<String>() + "…"
    } else {
        summary.to_string()
    };
    let leads: Vec<&str> = task.lead.iter().map(|m| m.text.as_str()).collect();
    let mut desc = format!(
        "Thời hạn: {}\nChủ trì: {}\n{}: {}\nTình trạng: {}",
        task.due.text,
        leads.join("; "),
        plan_label(site, r),
        plan.title,
        status.state.label()
    );
    if status.overdue {
        desc.push_str(" (quá hạn)");
    }
    let link = url(site, &format!("ke-hoach/{}/#{}", plan.slug, task.id));
    desc.push_str(&format!("\nXem: {link}"));
    line!("BEGIN:VEVENT");
    line!(format!("UID:{}-{}@kehoach", plan.slug, task.id));
    line!(format!("DTSTAMP:{stamp}"));
    line!(format!("DTSTART;VALUE=DATE:{}", end.format("%Y%m%d")));
    line!(format!(
        "DTEND;VALUE=DATE:{}",
        (end + Duration::days(1)).format("%Y%m%d")
    ));
    line!(format!("SUMMARY:{}", text(&format!("Hạn: {summary}"))));
    line!(format!("DESCRIPTION:{}", text(&desc)));
    if site
        .config
        .base_url
        .as_deref()
        .is_some_and(|b| b.starts_with("http"))
    {
        line!(format!("URL:{link}"));
    }
    line!("TRANSP:TRANSPARENT");
    line!("END:VEVENT");
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
