//! A plan's page: the document as issued (issuer block, số hiệu, place and date, title,
//! basis, prose, recipients, signature) and its task table grouped as in the document.

use super::{Key, Kind, Page, page};
use crate::content::{Attachment, Signer};
use crate::diag::Diagnostic;
use crate::render::views::{self, Link, issuer_lines, task_row};
use crate::render::{Renderer, markdown, root_for, row};
use crate::site::{Progress, TaskRef};
use crate::urls;
use serde::Serialize;
use serde_json::Value;
use std::hash::Hash;

pub(in crate::render) struct PlanPage;

#[derive(Serialize)]
struct PlanView<'a> {
    plan: PlanHead<'a>,
    /// The plans of the site that cite this one ("Văn bản triển khai").
    cited_by: Vec<CitedBy>,
    /// Its machine-readable description (schema.org `Legislation`, JSON-LD), ready for a
    /// `<script>` element (`<`, `>` and `&` escaped).
    jsonld: String,
    /// The prose as HTML, and its headings.
    body: String,
    headings: Vec<markdown::Heading>,
    groups: Vec<GroupView<'a>>,
    progress: Progress,
}

/// A plan that cites the one shown.
#[derive(Serialize)]
struct CitedBy {
    /// "Kế hoạch số 12/KH-UBND ngày 05 tháng 3 năm 2026 của UBND xã Thử".
    label: String,
    title: String,
    href: String,
}

/// What the page shows of the plan itself.
#[derive(Serialize)]
struct PlanHead<'a> {
    slug: &'a str,
    number: &'a Option<String>,
    number_label: String,
    kind: &'a str,
    kind_upper: String,
    title: &'a str,
    issuer: &'a Option<String>,
    /// The issuer block of Nghị định 30/2020, one line each.
    issuer_lines: Vec<String>,
    place_date: Option<String>,
    date: Option<String>,
    date_iso: Option<String>,
    /// The basis lines as HTML: escaped, with links to the plans of the site they cite.
    basis: Vec<String>,
    signer: &'a Option<Signer>,
    recipients: &'a [String],
    attachments: Vec<AttachmentLink<'a>>,
    /// The plan's tasks as CSV and its calendar of deadlines (written by the exports).
    csv: String,
    calendar: String,
    topics: Vec<Link>,
    appendix_title: Option<Vec<&'a str>>,
    appendix_note: &'a Option<String>,
    stated_total: Option<u32>,
    editor_note: &'a Option<String>,
    task_count: usize,
    /// Whether the task table has Roman-numeral groups.
    grouped: bool,
    has_output: bool,
    has_leader: bool,
    has_support: bool,
    /// Columns of the task table.
    columns: usize,
}

#[derive(Serialize)]
struct AttachmentLink<'a> {
    title: &'a str,
    href: String,
    /// "PDF, 1,2 MB": the file's kind (its extension) and size, as a download link says.
    about: String,
}

/// "PDF, 1,2 MB" for a download link: the extension in capitals and the size in the units a
/// reader expects, with a decimal comma.
fn file_about(file: &str, size: Option<u64>) -> String {
    let kind = file
        .rsplit('/')
        .next()
        .and_then(|n| n.rsplit_once('.'))
        .map(|(_, e)| e.to_uppercase())
        .unwrap_or_default();
    let size = size.map(|b| {
        let one = |x: f64, unit: &str| {
            let t = format!("{x:.1}").replace('.', ",");
            format!("{} {unit}", t.strip_suffix(",0").unwrap_or(&t))
        };
        match b {
            0..1_000 => format!("{b} byte"),
            1_000..1_000_000 => format!("{} KB", b.div_ceil(1_000)),
            _ => one(b as f64 / 1e6, "MB"),
        }
    });
    [Some(kind).filter(|k| !k.is_empty()), size]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ")
}

#[derive(Serialize)]
struct GroupView<'a> {
    no: &'a str,
    title: &'a Option<String>,
    /// Each task: its rendered row (`row`); with a site's own `plan.html`, every field of
    /// the task's view too.
    tasks: Vec<Value>,
}

impl Kind for PlanPage {
    fn keys(&self, r: &Renderer) -> Vec<Key> {
        (0..r.site.plans.len())
            .map(|item| Key { item, page: 1 })
            .collect()
    }

    fn dir(&self, r: &Renderer, key: Key) -> String {
        urls::plan(&r.site.plans[key.item].slug)
    }

    fn fingerprint(&self, r: &Renderer, key: Key) -> Option<u64> {
        Some(r.hash(|h| {
            ("plan", r.plan_rows[key.item].fp, r.shared_fp.topics).hash(h);
            // The plans it links to and the plans that cite it (their numbers, titles, places).
            for &p in r.refs.cites[key.item]
                .iter()
                .chain(&r.refs.cited_by[key.item])
            {
                let c = &r.site.plans[p];
                (&c.slug, &c.number, &c.title, &c.kind, &c.issuer).hash(h);
                c.date.as_ref().map(|d| (d.year, d.month, d.day)).hash(h);
            }
            r.refs.cited_by[key.item].len().hash(h);
        }))
    }

    fn page(&self, r: &Renderer, key: Key) -> Result<Page, Diagnostic> {
        let (s, pi) = (r.site, key.item);
        let plan = &s.plans[pi];
        let dir = self.dir(r, key);
        // The number and the title first: that is what a citizen searches and bookmarks.
        let title = match &plan.number {
            Some(n) => format!("{n}: {}", plan.title),
            None => format!("{} (chưa có số): {}", plan.kind, plan.title),
        };
        let ctx = r.base_context(&dir, &title, "plans");
        let root = root_for(&dir);
        // "Kế hoạch số 12/KH-UBND" links to that plan when the site has it (exactly one).
        let link_refs = |text: &str| -> Vec<(usize, usize, String)> {
            crate::site::refs::find(text)
                .into_iter()
                .filter_map(|x| {
                    let t = r.refs.resolve(s, pi, &x)?;
                    Some((
                        x.start,
                        x.end,
                        format!("{root}{}", r.links.plan(&s.plans[t].slug)),
                    ))
                })
                .collect()
        };
        let (body, headings) = markdown::render(&plan.body, &root, &link_refs);
        let basis: Vec<String> = plan
            .basis
            .iter()
            .map(|b| markdown::linked_html(b, link_refs(b)))
            .collect();
        let cited_by: Vec<CitedBy> = r.refs.cited_by[pi]
            .iter()
            .map(|&c| {
                let c = &s.plans[c];
                CitedBy {
                    label: format!(
                        "{} {}{}{}",
                        c.kind,
                        match &c.number {
                            Some(n) if !n.trim().is_empty() => format!("số {n}"),
                            _ => "(chưa có số)".to_string(),
                        },
                        c.date
                            .as_ref()
                            .map(|d| format!(" {}", d.long_vi()))
                            .unwrap_or_default(),
                        c.issuer
                            .as_ref()
                            .map(|i| format!(" của {i}"))
                            .unwrap_or_default()
                    ),
                    title: c.title.clone(),
                    href: r.links.plan(&c.slug),
                }
            })
            .collect();
        let has = |f: fn(&crate::content::Task) -> bool| plan.tasks().any(f);
        let columns = row::PlanColumns {
            support: has(|t| !t.support.is_empty()),
            output: has(|t| t.output.is_some()),
            leader: has(|t| t.leader.is_some()),
        };
        let first = s.index.first_task[pi] as usize;
        let mut k = first;
        let mut groups = Vec::with_capacity(plan.groups.len());
        for (gi, g) in plan.groups.iter().enumerate() {
            let mut tasks = Vec::with_capacity(g.tasks.len());
            for ti in 0..g.tasks.len() {
                let tr = TaskRef {
                    plan: pi as u32,
                    group: gi as u32,
                    task: ti as u32,
                };
                let view = task_row(s, &r.links, tr, s.index.status[k], &root);
                k += 1;
                let html = r.plan_row(&view, g, columns, &root, r.native.plan_row)?;
                // The default page prints the row only; another page may use any field.
                tasks.push(if r.native.plan_page {
                    serde_json::json!({ "row": html })
                } else {
                    let mut v = serde_json::to_value(&view).unwrap_or(Value::Null);
                    if let Value::Object(m) = &mut v {
                        m.insert("row".into(), Value::String(html));
                    }
                    v
                });
            }
            groups.push(GroupView {
                no: &g.no,
                title: &g.title,
                tasks,
            });
        }
        let (date, date_iso) = views::doc_date(&plan.date);
        let place_date = match (&plan.place, &plan.date) {
            (Some(p), Some(d)) => Some(format!("{p}, {}", d.long_vi())),
            (None, Some(d)) => Some(d.long_vi()),
            (Some(p), None) => Some(format!("{p}, ngày … tháng … năm …")),
            (None, None) => None,
        };
        let head = PlanHead {
            slug: &plan.slug,
            number: &plan.number,
            number_label: plan.number_label(),
            kind: &plan.kind,
            kind_upper: plan.kind.to_uppercase(),
            title: &plan.title,
            issuer: &plan.issuer,
            issuer_lines: plan.issuer.as_deref().map(issuer_lines).unwrap_or_default(),
            place_date,
            date,
            date_iso,
            basis,
            signer: &plan.signer,
            recipients: &plan.recipients,
            attachments: plan
                .attachments
                .iter()
                .map(|a: &Attachment| AttachmentLink {
                    title: &a.title,
                    href: views::site_href(&a.file, &root),
                    about: file_about(&a.file, a.size),
                })
                .collect(),
            csv: urls::plan_tasks_csv(&plan.slug),
            calendar: urls::plan_calendar(&plan.slug),
            topics: plan
                .topics
                .iter()
                .map(|t| views::topic_link(s, &r.links, t))
                .collect(),
            appendix_title: plan.appendix_title.as_deref().map(|t| t.lines().collect()),
            appendix_note: &plan.appendix_note,
            stated_total: plan.stated_total,
            editor_note: &plan.editor_note,
            task_count: plan.task_count(),
            grouped: plan.groups.iter().any(|g| !g.no.is_empty()),
            has_output: columns.output,
            has_leader: columns.leader,
            has_support: columns.support,
            columns: 5
                + usize::from(columns.support)
                + usize::from(columns.output)
                + usize::from(columns.leader),
        };
        let jsonld = json_ld(plan, &r.site.config.title, head.date_iso.as_deref());
        let view = PlanView {
            cited_by,
            jsonld,
            plan: head,
            body,
            headings,
            groups,
            progress: s.progress((first..first + plan.task_count()).map(|i| i as u32)),
        };
        Ok(page("plan.html", ctx, &view))
    }
}

/// The plan as schema.org `Legislation` in JSON-LD: what a portal or a search engine reads of
/// a government document (its number, date and issuer), the same fields as the page's Dublin
/// Core `<meta>` elements. Nothing is fetched: `@context` is a name, not a request.
fn json_ld(plan: &crate::content::Plan, portal: &str, date_iso: Option<&str>) -> String {
    let mut v = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": format!("{} {}", plan.kind, plan.title),
        "legislationType": plan.kind,
        "inLanguage": "vi",
        "publisher": { "@type": "GovernmentOrganization", "name": portal },
    });
    if let Some(n) = &plan.number {
        v["legislationIdentifier"] = n.as_str().into();
    }
    if let Some(d) = date_iso {
        v["legislationDate"] = d.into();
    }
    if let Some(i) = &plan.issuer {
        v["legislationPassedBy"] =
            serde_json::json!({ "@type": "GovernmentOrganization", "name": i });
    }
    // Inside <script>, "</script>" or "<!--" in a title must not end or change the element.
    v.to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_download_says_its_kind_and_size() {
        use super::file_about;
        assert_eq!(
            file_about("/files/66-kh-ubnd.pdf", Some(1_234_567)),
            "PDF, 1,2 MB"
        );
        assert_eq!(file_about("/files/a.docx", Some(2_000_000)), "DOCX, 2 MB");
        assert_eq!(file_about("/files/a.pdf", Some(350_001)), "PDF, 351 KB");
        assert_eq!(file_about("/files/a.pdf", Some(512)), "PDF, 512 byte");
        assert_eq!(file_about("/files/README", None), "");
    }
}
