//! How the open data is cut into files no larger than a browser, a spreadsheet or a calendar
//! app opens, and a provincial server takes by upload: [`BOUND`] bytes a file.
//!
//! - The whole site's `du-lieu/tasks.csv` and `tasks.json` while they fit ([`Layout::whole`]).
//! - Always, the tasks of each year's plans (the year of the plan's date): `du-lieu/<year>/
//!   tasks.csv` and `tasks.json`, cut into `tasks-1…`, `tasks-2…` of whole plans where one
//!   file would pass the bound ([`Layout::parts`]). Together they hold every task once.
//! - Each plan's `ke-hoach/<slug>/tasks.csv` and `tasks.ics` (a plan is bounded by its page).
//! - The site's and each unit's calendar: what a subscriber needs ([`calendar_window`]).
//! - `du-lieu/catalog.json`, which lists them (DCAT terms), and the page `du-lieu/`.
//!
//! Files are cut by [`super::data::json_size_bound`], a bound of each task's JSON that is
//! made without making the records, once per plan when it is read, so that the pages (which
//! link the files) and the exports (which write them) cut alike and a rebuild pays nothing.

use crate::site::Site;
use crate::site::status::State;
use crate::urls;
use chrono::{Duration, NaiveDate};

/// No open-data file is larger (bytes).
pub const BOUND: usize = 10_000_000;
/// A file is cut before its bound of bytes passes this: room for a JSON head and the
/// calendars' lines around the events.
const TARGET: usize = 9_000_000;

/// The tasks of one file of a year's open data.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// The year of its plans' date (`None`: plans without a date).
    pub year: Option<i32>,
    /// 1-based, of `of` files of that year.
    pub k: usize,
    pub of: usize,
    /// Its plans (indexes in `site.plans`), in site order.
    pub plans: Vec<usize>,
    /// How many tasks.
    pub tasks: usize,
}

impl Part {
    /// Its file with extension `ext` (`csv`, `json`).
    pub fn file(&self, ext: &str) -> String {
        urls::data_part(self.year, self.k, self.of, ext)
    }
    /// Positions in `index.tasks` of its tasks, in order.
    pub fn positions(&self, site: &Site) -> Vec<u32> {
        self.plans
            .iter()
            .flat_map(|&pi| {
                let first = site.index.first_task[pi];
                first..first + site.plans[pi].task_count() as u32
            })
            .collect()
    }
}

/// What the open data is cut into.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// The whole site's `du-lieu/tasks.csv` and `tasks.json` are written (they fit).
    pub whole: bool,
    /// The years' files, newest year first (plans without a date last).
    pub parts: Vec<Part>,
}

/// The open data's files for `site`.
pub fn layout(site: &Site) -> Layout {
    let base = site.config.base_url.as_deref().map_or(0, str::len);
    let sizes: Vec<usize> = (0..site.plans.len())
        .map(|pi| site.index.json_bound[pi] + base * site.plans[pi].task_count())
        .collect();
    let whole = sizes.iter().sum::<usize>() <= TARGET;
    let mut years: std::collections::BTreeMap<std::cmp::Reverse<Option<i32>>, Vec<usize>> =
        Default::default();
    for (pi, plan) in site.plans.iter().enumerate() {
        if plan.task_count() > 0 {
            years
                .entry(std::cmp::Reverse(plan.date.map(|d| d.year)))
                .or_default()
                .push(pi);
        }
    }
    let mut parts = Vec::new();
    // Plans without a date (`None`) sort after every year: `Reverse` puts them last.
    for (std::cmp::Reverse(year), plans) in years {
        let mut cut: Vec<Vec<usize>> = vec![Vec::new()];
        let mut bytes = 0;
        for pi in plans {
            let last = cut.last_mut().expect("one part at least");
            if !last.is_empty() && bytes + sizes[pi] > TARGET {
                cut.push(Vec::new());
                bytes = 0;
            }
            cut.last_mut().expect("one part at least").push(pi);
            bytes += sizes[pi];
        }
        let of = cut.len();
        for (k, plans) in cut.into_iter().enumerate() {
            let tasks = plans.iter().map(|&pi| site.plans[pi].task_count()).sum();
            parts.push(Part {
                year,
                k: k + 1,
                of,
                plans,
                tasks,
            });
        }
    }
    Layout { whole, parts }
}

/// The events of a site-wide or unit calendar, from `events` (position in `index.tasks` and
/// the event's bytes, in order): what a subscriber needs — open tasks due from a year before
/// `today` on, and done or cancelled ones due from three months before on — and of those,
/// while they would pass the bound, the farthest deadlines to come are left out. Every
/// task's event stays in its plan's calendar, which keeps them all.
pub fn calendar_window<'e>(site: &Site, events: Vec<(u32, &'e str)>) -> Vec<(u32, &'e str)> {
    window_within(site, events, TARGET)
}

/// [`calendar_window`] with the events' bytes bounded by `limit`.
fn window_within<'e>(
    site: &Site,
    events: Vec<(u32, &'e str)>,
    limit: usize,
) -> Vec<(u32, &'e str)> {
    let size = |es: &[(u32, &str)]| es.iter().map(|(_, e)| e.len()).sum::<usize>();
    let end = |i: u32| site.index.status[i as usize].due_end;
    let open_from = site.today - Duration::days(365);
    let closed_from = site.today - Duration::days(92);
    let mut kept: Vec<(u32, &str)> = events
        .into_iter()
        .filter(|&(i, _)| {
            let st = site.index.status[i as usize];
            let closed = matches!(st.state, State::Done | State::Cancelled);
            let from = if closed { closed_from } else { open_from };
            end(i).is_some_and(|d| d >= from)
        })
        .collect();
    let mut bytes = size(&kept);
    if bytes > limit {
        // The farthest deadlines to come are left out first.
        let mut by_end: Vec<(NaiveDate, u32, usize)> = kept
            .iter()
            .map(|&(i, e)| (end(i).unwrap_or(site.today), i, e.len()))
            .collect();
        by_end.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
        let mut out = std::collections::HashSet::new();
        for (_, i, len) in by_end {
            if bytes <= limit {
                break;
            }
            out.insert(i);
            bytes -= len;
        }
        kept.retain(|(i, _)| !out.contains(i));
    }
    kept
}

/// `du-lieu/catalog.json`: the open data's files in the terms of DCAT (W3C's Data Catalog
/// Vocabulary) — a dataset of the whole site's tasks (while it fits in a file), one per year
/// of plans, and one of the calendars, each file with its media type and size (`sizes`: bytes
/// of each file written). Each plan's own files are named by the pattern in the catalogue's
/// description rather than listed (a city's catalogue would list tens of thousands).
pub fn catalog(
    site: &Site,
    layout: &Layout,
    sizes: &std::collections::HashMap<String, u64>,
) -> String {
    use serde_json::{Value, json};
    let url = |path: &str| super::data::url(site, path);
    let media = |path: &str| match path.rsplit('.').next() {
        Some("csv") => "text/csv",
        Some("json") => "application/json",
        _ => "text/calendar",
    };
    let file = |path: String| -> Value {
        json!({
            "@type": "dcat:Distribution",
            "dcat:downloadURL": url(&path),
            "dcat:mediaType": media(&path),
            "dcat:byteSize": sizes.get(&path).copied().unwrap_or(0),
        })
    };
    let mut datasets = Vec::new();
    if layout.whole {
        datasets.push(json!({
            "@type": "dcat:Dataset",
            "dct:identifier": "tasks",
            "dct:title": "Mọi nhiệm vụ của các kế hoạch",
            "dcat:distribution": [file(urls::data_file("csv")), file(urls::data_file("json"))],
        }));
    }
    let mut i = 0;
    while i < layout.parts.len() {
        let year = layout.parts[i].year;
        let of = layout.parts[i].of;
        let these = &layout.parts[i..i + of];
        let mut d = json!({
            "@type": "dcat:Dataset",
            "dct:identifier": match year {
                Some(y) => format!("tasks-{y}"),
                None => "tasks-khong-ngay".to_string(),
            },
            "dct:title": match year {
                Some(y) => format!("Nhiệm vụ của các kế hoạch ban hành năm {y}"),
                None => "Nhiệm vụ của các kế hoạch chưa ghi ngày ban hành".to_string(),
            },
            "plans": these.iter().map(|p| p.plans.len()).sum::<usize>(),
            "tasks": these.iter().map(|p| p.tasks).sum::<usize>(),
            "dcat:distribution": these
                .iter()
                .flat_map(|p| [file(p.file("csv")), file(p.file("json"))])
                .collect::<Vec<_>>(),
        });
        if let Some(y) = year {
            d["dct:temporal"] = json!({
                "@type": "dct:PeriodOfTime",
                "dcat:startDate": format!("{y}-01-01"),
                "dcat:endDate": format!("{y}-12-31"),
            });
        }
        datasets.push(d);
        i += of;
    }
    let mut calendars = vec![file(urls::data_file("ics"))];
    for unit in site.registry.units.iter().filter(|u| !u.collective) {
        calendars.push(file(urls::unit_calendar(&unit.slug)));
    }
    datasets.push(json!({
        "@type": "dcat:Dataset",
        "dct:identifier": "calendars",
        "dct:title": "Lịch thời hạn nhiệm vụ (iCalendar): toàn cổng và từng đơn vị",
        "dcat:distribution": calendars,
    }));
    let v = json!({
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
        },
        "@type": "dcat:Catalog",
        "dct:title": format!("Dữ liệu mở — {}", site.config.title),
        "dct:modified": site.today.to_string(),
        "dct:description": "Mỗi kế hoạch còn có ke-hoach/<slug>/tasks.csv và ke-hoach/<slug>/tasks.ics; các cột như du-lieu/ mô tả.",
        "bound": BOUND,
        "dcat:dataset": datasets,
    });
    v.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo(today: NaiveDate) -> Site {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let (site, _) = crate::site::load::load(root, today);
        site.expect("the demo loads")
    }

    #[test]
    fn a_calendar_keeps_open_tasks_of_a_year_and_closed_ones_of_a_quarter_within_its_bound() {
        let today = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
        let site = demo(today);
        let made: Vec<(u32, String)> = (0..site.index.tasks.len() as u32)
            .filter_map(|i| Some((i, super::super::ics::event(&site, i)?)))
            .collect();
        let events: Vec<(u32, &str)> = made.iter().map(|(i, e)| (*i, e.as_str())).collect();
        let total: usize = events.iter().map(|(_, e)| e.len()).sum();
        let end = |i: u32| {
            site.task(site.index.tasks[i as usize])
                .due_now()
                .end
                .unwrap()
        };
        let closed = |i: u32| {
            matches!(
                site.index.status[i as usize].state,
                State::Done | State::Cancelled
            )
        };
        let wanted = |i: u32| end(i) >= today - Duration::days(if closed(i) { 92 } else { 365 });
        // The window, whatever the size.
        let kept = window_within(&site, events.clone(), total);
        let ids: Vec<u32> = kept.iter().map(|(i, _)| *i).collect();
        let window: Vec<u32> = events
            .iter()
            .map(|(i, _)| *i)
            .filter(|&i| wanted(i))
            .collect();
        assert!(window.len() < events.len() && !window.is_empty());
        assert_eq!(ids, window);
        // Smaller still: the farthest deadlines are left out first.
        let half: usize = kept.iter().map(|(_, e)| e.len()).sum::<usize>() / 2;
        let less = window_within(&site, events.clone(), half);
        assert!(less.iter().map(|(_, e)| e.len()).sum::<usize>() <= half);
        let last = less.iter().map(|(i, _)| end(*i)).max().unwrap();
        let out: Vec<u32> = window
            .iter()
            .copied()
            .filter(|i| !less.iter().any(|(j, _)| j == i))
            .collect();
        assert!(!out.is_empty());
        assert!(out.iter().all(|&i| end(i) >= last), "the farthest left out");
    }
}
