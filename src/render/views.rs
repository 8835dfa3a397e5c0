//! What templates see: small serialisable views of the site, with every link already made
//! relative to the site root (templates prefix them with `root`).

use crate::content::{DocDate, Task, UnitMention};
use crate::site::status::{State, Timeliness};
use crate::site::{Progress, Site, TaskRef, TaskStatus};
use serde::Serialize;

pub use crate::urls::Links;

/// The link to unit `u`'s page; none for a collective phrase ("các phòng chuyên môn"),
/// which has no page.
pub fn unit_href(site: &Site, links: &Links, u: usize) -> Option<String> {
    let unit = &site.registry.units[u];
    (!unit.collective).then(|| links.unit(&unit.slug))
}

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub name: String,
    pub href: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlanCard {
    pub href: String,
    pub number: Option<String>,
    pub number_label: String,
    pub kind: String,
    pub title: String,
    pub issuer: Option<String>,
    pub date: Option<String>,
    pub date_iso: Option<String>,
    pub task_count: usize,
    pub progress: Progress,
    pub topics: Vec<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct UpdateView {
    pub date: String,
    pub date_iso: String,
    pub state: &'static str,
    pub label: &'static str,
    pub percent: Option<u8>,
    pub note: Option<String>,
    pub link: Option<String>,
    /// The new deadline this update set (gia hạn), as written.
    pub extended_to: Option<String>,
    /// The number of the document that set it.
    pub document: Option<String>,
    /// The day the task was completed, when the update gives one (`completed:`).
    pub completed: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlanRef {
    pub href: String,
    pub number_label: String,
    pub title: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TaskRow {
    pub id: String,
    /// The task's anchor on its plan page.
    pub href: String,
    pub no: String,
    pub group_no: String,
    pub group_title: Option<String>,
    pub content: String,
    /// The first line of the content (the task's own title when it has sub-items).
    pub summary: String,
    /// The lines after the first, if any.
    pub details: Option<String>,
    pub lead: Vec<Link>,
    pub support: Vec<Link>,
    /// The deadline in force (an extension's when a document moved it), as written.
    pub due: String,
    pub due_note: String,
    pub due_kind: crate::vi::deadline::DeadlineKind,
    /// The deadline as the plan wrote it, when an extension moved it.
    pub extended_from: Option<String>,
    /// The number of the document that set the deadline in force.
    pub extended_by: Option<String>,
    /// The last day of the deadline in force, ISO, for a task still open with a dated
    /// deadline: what the page's script compares with the reader's today.
    pub end: Option<String>,
    pub output: Option<String>,
    pub leader: Option<String>,
    pub state: &'static str,
    /// The status as shown: "Hoàn thành đúng hạn", "Hoàn thành quá hạn" for a task done by
    /// or after a dated deadline.
    pub label: &'static str,
    pub overdue: bool,
    /// Overdue and never reported on.
    pub unreported: bool,
    /// The timeliness code (`done_on_time` …, empty when it does not apply).
    pub timeliness: &'static str,
    pub percent: Option<u8>,
    pub last_update: Option<UpdateView>,
    pub updates: Vec<UpdateView>,
    pub plan: PlanRef,
}

pub fn doc_date(d: &Option<DocDate>) -> (Option<String>, Option<String>) {
    (d.map(|d| d.short_vi()), d.map(|d| d.iso()))
}

pub fn plan_card(site: &Site, links: &Links, pi: usize, first_task: Option<usize>) -> PlanCard {
    let plan = &site.plans[pi];
    let (date, date_iso) = doc_date(&plan.date);
    let progress = match first_task {
        Some(start) => site.progress((start..start + plan.task_count()).map(|i| i as u32)),
        None => Progress::default(),
    };
    PlanCard {
        href: links.plan(&plan.slug),
        number: plan.number.clone(),
        number_label: plan.number_label(),
        kind: plan.kind.clone(),
        title: plan.title.clone(),
        issuer: plan.issuer.clone(),
        date,
        date_iso,
        task_count: plan.task_count(),
        progress,
        topics: plan
            .topics
            .iter()
            .map(|t| topic_link(site, links, t))
            .collect(),
    }
}

pub fn topic_link(site: &Site, links: &Links, name: &str) -> Link {
    let key = crate::vi::key(name);
    let href = site
        .index
        .topics
        .iter()
        .find(|t| t.key == key)
        .map(|t| links.topic(&t.slug));
    Link {
        name: name.to_string(),
        href,
    }
}

fn unit_links(site: &Site, links: &Links, ms: &[UnitMention]) -> Vec<Link> {
    ms.iter()
        .map(|m| Link {
            name: m.text.to_string(),
            href: m.unit.and_then(|u| unit_href(site, links, u)),
        })
        .collect()
}

pub fn update_view(u: &crate::content::Update, root: &str, date_format: &str) -> UpdateView {
    let state = State::from(u.status);
    UpdateView {
        date: u.date.format(date_format).to_string(),
        date_iso: u.date.to_string(),
        state: state.code(),
        label: state.label(),
        percent: u.percent,
        note: u.note.clone(),
        link: u.link.as_ref().map(|l| site_href(l, root)),
        extended_to: u.extended_to.as_ref().map(|d| d.text.clone()),
        document: u.document.clone(),
        completed: u.completed.map(|d| d.format(date_format).to_string()),
    }
}

/// The status as a row shows it: a task done by a dated deadline says whether on time.
pub fn status_label(status: &TaskStatus) -> &'static str {
    match status.timeliness {
        Timeliness::DoneOnTime | Timeliness::DoneLate => status.timeliness.label(),
        _ => status.state.label(),
    }
}

/// A content link for an `href`: in-site absolute paths become relative to `root`.
pub fn site_href(link: &str, root: &str) -> String {
    match link.strip_prefix('/') {
        Some(rest) if !rest.starts_with('/') => {
            // A page of the portal: from file:// a folder needs its index.html.
            let (path, frag) = rest
                .split_once('#')
                .map_or((rest, None), |(p, f)| (p, Some(f)));
            let path = if path.ends_with('/') && !root.starts_with("http") && !root.starts_with('/')
            {
                format!("{path}index.html")
            } else {
                path.to_string()
            };
            match frag {
                Some(f) => format!("{root}{path}#{f}"),
                None => format!("{root}{path}"),
            }
        }
        _ => link.to_string(),
    }
}

pub fn task_row(site: &Site, links: &Links, r: TaskRef, status: TaskStatus, root: &str) -> TaskRow {
    let plan = site.plan_of(r);
    let group = &plan.groups[r.group as usize];
    let task: &Task = site.task(r);
    let due = task.due_now();
    let extension = task.extensions().last();
    let plan_href = links.plan(&plan.slug);
    let updates: Vec<UpdateView> = task
        .updates
        .iter()
        .map(|u| update_view(u, root, &site.config.date_format))
        .collect();
    TaskRow {
        id: task.id.clone(),
        href: format!("{plan_href}#{}", task.id),
        no: task.no.clone(),
        group_no: group.no.clone(),
        group_title: group.title.clone(),
        content: task.content.clone(),
        summary: task.content.lines().next().unwrap_or_default().to_string(),
        details: task
            .content
            .split_once('\n')
            .map(|(_, rest)| rest.trim().to_string())
            .filter(|r| !r.is_empty()),
        lead: unit_links(site, links, &task.lead),
        support: unit_links(site, links, &task.support),
        due: due.text.clone(),
        // A day written out is its own reading: the note would only say it again ("trước
        // ngày 31/12/2025" → "Hạn: 31/12/2025"); months, quarters and ranges get their last day.
        due_note: if due.kind == crate::vi::deadline::DeadlineKind::Date {
            String::new()
        } else {
            due.describe()
        },
        due_kind: due.kind,
        extended_from: extension.map(|_| task.due.text.clone()),
        extended_by: extension.and_then(|e| e.document.map(str::to_string)),
        end: due
            .end
            .filter(|_| {
                matches!(
                    status.timeliness,
                    Timeliness::OpenOnTime | Timeliness::OpenOverdue
                )
            })
            .map(|d| d.to_string()),
        output: task.output.clone(),
        leader: task.leader.clone(),
        state: status.state.code(),
        label: status_label(&status),
        overdue: status.overdue,
        unreported: status.overdue_unreported(),
        timeliness: status.timeliness.code(),
        percent: status.percent,
        last_update: updates.last().cloned(),
        updates,
        plan: PlanRef {
            href: plan_href,
            number_label: plan.number_label(),
            title: plan.title.clone(),
        },
    }
}

/// "UBND xã An Thành" → ["ỦY BAN NHÂN DÂN", "XÃ AN THÀNH"], the issuer block of ND 30/2020.
pub fn issuer_lines(issuer: &str) -> Vec<String> {
    let k = crate::vi::key(issuer);
    // `key` makes "ủy"/"uỷ" (tone placement) one spelling.
    for prefix in ["ubnd ", "ủy ban nhân dân "] {
        let pk = crate::vi::key(prefix.trim());
        if k.starts_with(&format!("{pk} ")) {
            let words: Vec<&str> = issuer.split_whitespace().collect();
            let skip = prefix.split_whitespace().count();
            let rest = words[skip.min(words.len())..].join(" ");
            return vec!["ỦY BAN NHÂN DÂN".to_string(), rest.to_uppercase()];
        }
    }
    vec![issuer.to_uppercase()]
}
