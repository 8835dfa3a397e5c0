//! Records: each plan and task as the index sees it (its searchable fields and facets,
//! [`plan_records`]) and what a result shows of it: the `r/<n/64>/<n>.js` chunks and the
//! `r/<g>.dat` record files read by byte ranges. The on-disk forms are in
//! `docs/search-index.md`.

use super::{CHUNK, FOLDER};
use crate::content::Plan;
use crate::site::Site;
use crate::site::status::State;
use crate::urls::Links;
use serde_json::{Value, json};

/// Facet values of a record: `s` = 0 for a plan, else state index + 1, plus 8 when overdue;
/// `y` = index of the deadline year + 1 (0: no dated deadline); units (registry indexes).
pub(super) struct Facets {
    pub(super) s: u32,
    pub(super) y: u32,
    pub(super) units: Vec<u32>,
}

/// One record: a plan or a task, its searchable fields by class and what a result shows.
///
/// A record's **own** fields are what it says itself: a task's content, deadline and
/// deliverable and the units it names; a plan's title and number. Its **context** is where it
/// stands, not what it says: a task's group heading, its plan's title and number, its leader;
/// a plan's kind, issuer, topics and prose. A query ranks records that say its words above
/// records that only stand under them (a heading "Về an ninh, an toàn thông tin" does not make
/// every task under it about information security), see [`super::rank`].
pub(super) struct Record<'s> {
    pub(super) own: Vec<&'s str>,
    /// Owned own fields (units: as written with their registered and short names).
    pub(super) own_extra: Vec<String>,
    pub(super) context: Vec<&'s str>,
    pub(super) facets: Facets,
    pub(super) show: Value,
}

/// The records of the site's plan `pi`.
pub(super) fn site_records<'s>(
    site: &'s Site,
    pi: usize,
    years: &[i32],
    show: bool,
) -> Vec<Record<'s>> {
    let first = site.index.first_task[pi] as usize;
    plan_records(
        &site.registry,
        &site.plans[pi],
        |k| site.index.status[first + k],
        years,
        show,
    )
}

/// The records of chunk folder `g`: the chunks `want(k)` asks for (chunk numbers), each whole,
/// and the record file `r/<g>.dat` of all its records.
pub(super) fn record_folder(
    site: &Site,
    links: &Links,
    first: &[u32],
    years: &[i32],
    g: u32,
    want: impl Fn(u32) -> bool,
) -> (Vec<(String, String)>, DataFile) {
    let total = *first.last().unwrap_or(&0);
    let lo = (g * FOLDER * CHUNK).min(total);
    let hi = ((g + 1) * FOLDER * CHUNK).min(total);
    let mut shows = shown(site, first, years, lo..hi);
    let dat = (dat_name(g), dat_file(site, links, &shows));
    shows.retain(|(id, _, _)| want(id / CHUNK));
    (chunk_files(site, links, shows), dat)
}

/// `(id, plan, shown data)` of the records `ids`: the records of the plans they overlap.
pub(super) fn shown(
    site: &Site,
    first: &[u32],
    years: &[i32],
    ids: std::ops::Range<u32>,
) -> Vec<(u32, usize, Value)> {
    let (lo, hi) = (ids.start, ids.end);
    let mut shows = Vec::new();
    if lo >= hi {
        return shows;
    }
    // The plan of record `lo`: the last plan whose first record is at most `lo`.
    let mut pi = first.partition_point(|&f| f <= lo).saturating_sub(1);
    while pi < site.plans.len() && first[pi] < hi {
        for (k, rec) in site_records(site, pi, years, true).into_iter().enumerate() {
            let id = first[pi] + k as u32;
            if id >= lo && id < hi {
                let mut show = rec.show;
                // A task names its plan's record, which a result reads when the plan's title
                // is where the query's words are.
                if let (Value::Array(v), true) = (&mut show, k > 0) {
                    v.push(json!(first[pi]));
                }
                shows.push((id, pi, show));
            }
        }
        pi += 1;
    }
    shows
}

/// The file name of record file `g` (the records of chunk folder `r/<g>/`).
pub fn dat_name(g: u32) -> String {
    format!("r/{g}.dat")
}

/// A binary file of the index: its name (with its extension) and its bytes, or why it cannot
/// be made.
pub(super) type DataFile = (String, Result<Vec<u8>, String>);

/// A record file (see the module doc) for `(id, plan, shown data)` of consecutive records: the
/// offsets, then each record as `Engine.records` returns it, with its plan's link and label.
pub(super) fn dat_file(
    site: &Site,
    links: &Links,
    shows: &[(u32, usize, Value)],
) -> Result<Vec<u8>, String> {
    let mut body = Vec::new();
    let mut ends = Vec::with_capacity(shows.len());
    let mut plan: Option<(usize, String, String)> = None;
    for (_, pi, v) in shows {
        if plan.as_ref().is_none_or(|(p, _, _)| p != pi) {
            let p = &site.plans[*pi];
            plan = Some((*pi, links.plan(&p.slug), p.number_label()));
        }
        let Some((_, href, label)) = &plan else {
            continue;
        };
        let r = if v[0] == 1 {
            serde_json::to_writer(&mut body, &(1, &v[1], href, 0, &v[4], label, &v[5], &v[6]))
        } else {
            let anchor = match &v[3] {
                Value::String(a) => a.clone(),
                other => other.to_string(),
            };
            let target = format!("{href}#{anchor}");
            let r = (
                0, &v[1], target, &v[4], &v[5], label, &v[6], &v[7], &v[8], &v[9], &v[10], &v[11],
            );
            serde_json::to_writer(&mut body, &r)
        };
        r.map_err(|e| e.to_string())?;
        ends.push(body.len());
    }
    let mut start = 0;
    let records: Vec<&[u8]> = ends
        .iter()
        .map(|&end| {
            let r = &body[start..end];
            start = end;
            r
        })
        .collect();
    record_file(&records)
}

/// A record file of the records' bytes: their offsets, then the records.
pub(super) fn record_file(records: &[&[u8]]) -> Result<Vec<u8>, String> {
    let head = 4 * (records.len() + 1);
    let size: usize = records.iter().map(|r| r.len()).sum();
    let too_big = || format!("{size} bytes of records do not fit 32-bit offsets");
    let mut out = Vec::with_capacity(head + size);
    let mut at = head;
    out.extend_from_slice(&u32::try_from(at).map_err(|_| too_big())?.to_le_bytes());
    for r in records {
        at += r.len();
        out.extend_from_slice(&u32::try_from(at).map_err(|_| too_big())?.to_le_bytes());
    }
    for r in records {
        out.extend_from_slice(r);
    }
    Ok(out)
}

/// The file name of record chunk `k` (in sub-folders of [`FOLDER`] chunks).
pub fn chunk_name(k: u32) -> String {
    format!("r/{}/{k}", k / FOLDER)
}

/// Record chunk files for `(id, plan, shown data)` of consecutive records, each chunk whole.
/// A chunk is `{"p": [[plan href, plan label] …], "r": [record …]}`: a record names its plan by
/// its position in `p`, so a plan's link and label are written once per chunk.
pub(super) fn chunk_files(
    site: &Site,
    links: &Links,
    shows: Vec<(u32, usize, Value)>,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut cur: Option<(u32, Vec<usize>, Vec<Value>)> = None;
    let flush = |out: &mut Vec<(String, String)>,
                 (k, plans, list): (u32, Vec<usize>, Vec<Value>)| {
        let p: Vec<Value> = plans
            .iter()
            .map(|&pi| {
                json!([
                    links.plan(&site.plans[pi].slug),
                    site.plans[pi].number_label()
                ])
            })
            .collect();
        out.push((chunk_name(k), json!({"p": p, "r": list}).to_string()));
    };
    for (id, pi, mut v) in shows {
        let c = id / CHUNK;
        if cur.as_ref().is_some_and(|(k, _, _)| *k != c)
            && let Some(done) = cur.take()
        {
            flush(&mut out, done);
        }
        let (_, plans, list) = cur.get_or_insert_with(|| (c, Vec::new(), Vec::new()));
        let local = match plans.iter().position(|&p| p == pi) {
            Some(i) => i,
            None => {
                plans.push(pi);
                plans.len() - 1
            }
        };
        if let Some(slot) = v.get_mut(2) {
            *slot = json!(local);
        }
        list.push(v);
    }
    if let Some(done) = cur {
        flush(&mut out, done);
    }
    out
}

/// The records of `plan`: the plan, then its tasks; `status(k)` is the status of its task `k`
/// (in document order).
pub(super) fn plan_records<'s>(
    reg: &'s crate::content::units::Registry,
    plan: &'s Plan,
    status: impl Fn(usize) -> crate::site::TaskStatus,
    years: &[i32],
    show: bool,
) -> Vec<Record<'s>> {
    let mut out = Vec::with_capacity(1 + plan.task_count());
    let mut own: Vec<&str> = vec![plan.title.as_str()];
    own.extend(plan.number.as_deref());
    let mut context: Vec<&str> = vec![plan.kind.as_str(), plan.body.as_str()];
    context.extend(plan.issuer.as_deref());
    context.extend(plan.topics.iter().map(String::as_str));
    out.push(Record {
        own,
        own_extra: Vec::new(),
        context,
        facets: Facets {
            s: 0,
            y: 0,
            units: Vec::new(),
        },
        show: if show {
            json!([
                1,
                plan.title,
                0,
                0,
                plan.date.map(|d| d.short_vi()),
                plan.issuer,
                // Its group headings, which a task names by number: read with the plan's
                // record only when a result's words are in its heading.
                plan.groups
                    .iter()
                    .map(|g| g.title.as_deref())
                    .collect::<Vec<_>>()
            ])
        } else {
            Value::Null
        },
    });
    let mut k = 0;
    for (gi, g) in plan.groups.iter().enumerate() {
        for task in &g.tasks {
            let status = status(k);
            k += 1;
            let mut own: Vec<&str> = vec![task.content.as_str(), task.due.text.as_str()];
            own.extend(task.output.as_deref());
            let mut context: Vec<&str> = vec![plan.title.as_str()];
            context.extend(task.leader.as_deref());
            context.extend(plan.number.as_deref());
            context.extend(g.title.as_deref());
            let mut extra = Vec::new();
            let mut units = Vec::new();
            let mut shown = |ms: &[crate::content::UnitMention]| -> Vec<Value> {
                ms.iter()
                    .map(|m| match m.unit {
                        Some(u) => {
                            let unit = &reg.units[u];
                            extra.push(format!("{} {}", m.text, unit.name));
                            if let Some(s) = &unit.short {
                                extra.push(s.clone());
                            }
                            if !unit.collective && !units.contains(&(u as u32)) {
                                units.push(u as u32);
                            }
                            json!(u)
                        }
                        None => {
                            extra.push(m.text.to_string());
                            json!(&*m.text)
                        }
                    })
                    .collect()
            };
            let lead = shown(&task.lead);
            let support = shown(&task.support);
            let due = task.due_now();
            let year = due.year().filter(|_| due.kind.is_dated());
            let y = year
                .and_then(|y| years.binary_search(&y).ok())
                .map_or(0, |i| i as u32 + 1);
            let s = State::ALL
                .iter()
                .position(|&st| st == status.state)
                .map_or(0, |i| i as u32 + 1)
                + if status.overdue { 8 } else { 0 };
            out.push(Record {
                own,
                own_extra: extra,
                context,
                facets: Facets { s, y, units },
                show: if show {
                    json!([
                        0,
                        task.content,
                        0,
                        task.id,
                        s,
                        due.text,
                        lead,
                        support,
                        status.percent,
                        gi,
                        task.output
                    ])
                } else {
                    Value::Null
                },
            });
        }
    }
    out
}
