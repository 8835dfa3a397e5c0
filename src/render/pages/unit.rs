//! A unit's page: the tasks it leads, by status, then those it supports, across all plans,
//! in one paginated sequence (cut by content, [`super::Cuts`]), with the counts of each on
//! its first page; a heading row starts each status's tasks (what the count of that status
//! links to).

use super::{Key, Kind, Page, page};
use crate::diag::Diagnostic;
use crate::render::{Pagination, Renderer};
use crate::site::Progress;
use crate::urls;
use serde::Serialize;
use std::collections::BTreeMap;
use std::hash::Hash;

pub(in crate::render) struct UnitPage;

#[derive(Serialize)]
struct UnitView<'a> {
    unit: UnitHead<'a>,
    /// Row placeholders of the tasks on this page (see [`Renderer::rows`]).
    lead: Vec<String>,
    support: Vec<String>,
    lead_progress: &'a Progress,
    support_progress: &'a Progress,
    /// The unit's lists of each state, by the code of the count that links to it.
    lead_links: BTreeMap<&'static str, String>,
    support_links: BTreeMap<&'static str, String>,
    /// Where the counts are (on the first page only: later pages change only when their
    /// own rows do).
    first_page_href: String,
    pagination: Pagination,
}

#[derive(Serialize)]
struct UnitHead<'a> {
    slug: &'a str,
    name: &'a str,
    short: &'a Option<String>,
    group: &'a Option<String>,
    description: &'a Option<String>,
    aliases: &'a [String],
    lead_count: usize,
    support_count: usize,
    /// The unit's calendar file.
    calendar: String,
}

impl Kind for UnitPage {
    fn keys(&self, r: &Renderer) -> Vec<Key> {
        r.unit_order
            .iter()
            .flat_map(|&u| r.unit_runs[u].cuts.keys(u))
            .collect()
    }

    fn dir(&self, r: &Renderer, key: Key) -> String {
        urls::paged(&urls::unit(&r.site.registry.units[key.item].slug), key.page)
    }

    fn fingerprint(&self, r: &Renderer, key: Key) -> Option<u64> {
        let (s, i) = (r.site, key.item);
        let order = &r.unit_runs[i];
        let (lead, support) = (&order.lead, &s.index.support[i]);
        let range = order.cuts.range(key.page);
        Some(r.hash(|h| {
            ("unit", &s.registry.units[i].slug, key.page).hash(h);
            (lead.len(), support.len(), order.cuts.pages()).hash(h);
            if key.page == 1 {
                // The counts, and the pages their links lead to.
                let (lp, sp) = &r.unit_progress[i];
                crate::render::incremental::progress_hash(lp, h);
                crate::render::incremental::progress_hash(sp, h);
                for run in &order.runs {
                    (run.code, order.cuts.page_of(run.start)).hash(h);
                }
            }
            // The heading rows among this page's rows.
            for run in order.runs.iter().filter(|run| range.contains(&run.start)) {
                (run.code, run.start - range.start, run.len).hash(h);
            }
            r.hash_rows(
                lead.iter()
                    .chain(support)
                    .skip(range.start)
                    .take(range.len())
                    .copied(),
                h,
            );
        }))
    }

    fn page(&self, r: &Renderer, key: Key) -> Result<Page, Diagnostic> {
        let (s, i, page_no) = (r.site, key.item, key.page);
        let unit = &s.registry.units[i];
        let base = urls::unit(&unit.slug);
        let ctx = r.base_context(&urls::paged(&base, page_no), &unit.name, "units");
        let order = &r.unit_runs[i];
        let (lead, runs) = (&order.lead, &order.runs);
        let support = &s.index.support[i];
        let range = order.cuts.range(page_no);
        let (start, end) = (range.start, range.end);
        // One sequence: the tasks it leads, then those it supports.
        let lead_slice: Vec<u32> = lead
            .iter()
            .copied()
            .skip(start)
            .take(end.saturating_sub(start))
            .collect();
        let s_start = start.saturating_sub(lead.len());
        let s_take = end.saturating_sub(lead.len()).saturating_sub(s_start);
        let support_slice: Vec<u32> = support.iter().copied().skip(s_start).take(s_take).collect();
        let view = UnitView {
            unit: UnitHead {
                slug: &unit.slug,
                name: &unit.name,
                short: &unit.short,
                group: &unit.group,
                description: &unit.description,
                aliases: &unit.aliases,
                lead_count: lead.len(),
                support_count: support.len(),
                calendar: urls::unit_calendar(&unit.slug),
            },
            lead: super::rows_with_heads(r, &lead_slice, start, |at| {
                let run = runs.iter().find(|run| run.start == at)?;
                let id = super::unit_lists::run_id(run.slug);
                Some(super::head_row(
                    &id,
                    &format!("{} ({})", run.label, run.len),
                ))
            }),
            support: r.rows(&support_slice, r.native.joined_rows),
            lead_progress: &r.unit_progress[i].0,
            support_progress: &r.unit_progress[i].1,
            lead_links: super::unit_lists::links_of(r, i, true),
            support_links: super::unit_lists::links_of(r, i, false),
            first_page_href: r.links.dir(&base),
            pagination: r.pagination_cut(&base, page_no, &order.cuts, lead.len() + support.len()),
        };
        Ok(page("unit.html", ctx, &view))
    }
}
