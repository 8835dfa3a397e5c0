//! A unit's page: the tasks it leads, by status, then those it supports, across all plans,
//! in one paginated sequence, with the counts of each; a heading row starts each status's
//! tasks (what the count of that status links to).

use super::{Key, Kind, Page, page, paginated};
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
        let (s, size) = (r.site, r.page_size());
        r.unit_order
            .iter()
            .flat_map(|&u| paginated(u, s.index.lead[u].len() + s.index.support[u].len(), size))
            .collect()
    }

    fn dir(&self, r: &Renderer, key: Key) -> String {
        urls::paged(&urls::unit(&r.site.registry.units[key.item].slug), key.page)
    }

    fn fingerprint(&self, r: &Renderer, key: Key) -> Option<u64> {
        let (s, i) = (r.site, key.item);
        let (lead, support) = (&r.unit_runs[i].0, &s.index.support[i]);
        Some(r.hash(|h| {
            ("unit", &s.registry.units[i].slug, key.page).hash(h);
            (lead.len(), support.len()).hash(h);
            let (lp, sp) = &r.unit_progress[i];
            crate::render::incremental::progress_hash(lp, h);
            crate::render::incremental::progress_hash(sp, h);
            for run in &r.unit_runs[i].1 {
                (run.code, run.start, run.len).hash(h);
            }
            let range = r.page_range(lead.len() + support.len(), key.page);
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
        let (lead, runs) = (&r.unit_runs[i].0, &r.unit_runs[i].1);
        let support = &s.index.support[i];
        let size = r.page_size();
        let start = (page_no - 1) * size;
        let end = start + size;
        // One numbered sequence: the tasks it leads, then those it supports.
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
            pagination: r.pagination(&base, page_no, lead.len() + support.len()),
        };
        Ok(page("unit.html", ctx, &view))
    }
}
