//! Lists of plans, newest first: every plan, the plans issued in a year, the plans of an
//! issuer; each paginated, with filters by year, issuer and topic.

use super::{FilterLink, Key, Kind, Page, page, paginated};
use crate::diag::Diagnostic;
use crate::render::views::PlanCard;
use crate::render::{Pagination, Renderer};
use crate::urls;
use serde::Serialize;
use std::hash::Hash;

pub(in crate::render) struct AllPlans;
pub(in crate::render) struct PlansOfYear;
pub(in crate::render) struct PlansOfIssuer;

#[derive(Serialize)]
struct PlansView {
    plans: Vec<PlanCard>,
    pagination: Pagination,
    heading: String,
    years: Vec<FilterLink>,
    issuers: Vec<FilterLink>,
    topics: Vec<FilterLink>,
    all_plans_href: String,
    all_plans_current: bool,
}

/// One page of a plan list: `plans` (positions in `site.plans`) at `base`, whose filters
/// mark `current` (none: the list of every plan).
fn plan_list(
    r: &Renderer,
    base: &str,
    current: Option<&str>,
    heading: String,
    plans: &[u32],
    page_no: usize,
) -> Page {
    let dir = urls::paged(base, page_no);
    let ctx = r.base_context(&dir, &heading, "plans");
    let (years, issuers, topics) = filters(r, current);
    let view = PlansView {
        plans: r.plan_cards(&r.slice(plans, page_no)),
        pagination: r.pagination(base, page_no, plans.len()),
        heading,
        years,
        issuers,
        topics,
        all_plans_href: r.links.dir(urls::PLANS),
        all_plans_current: current.is_none(),
    };
    page("plans.html", ctx, &view)
}

/// The filters of every plan list: years, issuers (the one at `current` marked) and topics.
fn filters(
    r: &Renderer,
    current: Option<&str>,
) -> (Vec<FilterLink>, Vec<FilterLink>, Vec<FilterLink>) {
    let s = r.site;
    let link = |name: String, dir: String, count: usize| FilterLink {
        href: r.links.dir(&dir),
        current: Some(current == Some(dir.as_str())),
        name,
        count,
    };
    let years = s
        .index
        .years
        .iter()
        .map(|(y, p)| link(y.to_string(), urls::plans_of_year(*y), p.len()))
        .collect();
    let issuers = s
        .index
        .issuers
        .iter()
        .map(|i| {
            link(
                i.name.clone(),
                urls::plans_of_issuer(&i.slug),
                i.plans.len(),
            )
        })
        .collect();
    (years, issuers, topic_filters(r))
}

/// Every topic with its number of plans (links to the topics' own pages).
pub(super) fn topic_filters(r: &Renderer) -> Vec<FilterLink> {
    r.site
        .index
        .topics
        .iter()
        .map(|t| FilterLink {
            name: t.name.clone(),
            href: r.links.topic(&t.slug),
            count: t.plans.len(),
            current: None,
        })
        .collect()
}

impl Kind for AllPlans {
    fn keys(&self, r: &Renderer) -> Vec<Key> {
        paginated(0, r.site.plans.len(), r.page_size()).collect()
    }

    fn dir(&self, _: &Renderer, key: Key) -> String {
        urls::paged(urls::PLANS, key.page)
    }

    fn fingerprint(&self, r: &Renderer, key: Key) -> Option<u64> {
        Some(r.hash(|h| {
            ("plans", key.page).hash(h);
            r.hash_cards(h, &r.all_plans, key.page);
        }))
    }

    fn page(&self, r: &Renderer, key: Key) -> Result<Page, Diagnostic> {
        let heading = "Danh sách kế hoạch".to_string();
        Ok(plan_list(
            r,
            urls::PLANS,
            None,
            heading,
            &r.all_plans,
            key.page,
        ))
    }
}

impl Kind for PlansOfYear {
    fn keys(&self, r: &Renderer) -> Vec<Key> {
        let size = r.page_size();
        r.site
            .index
            .years
            .iter()
            .enumerate()
            .flat_map(|(i, (_, plans))| paginated(i, plans.len(), size))
            .collect()
    }

    fn dir(&self, r: &Renderer, key: Key) -> String {
        urls::paged(
            &urls::plans_of_year(r.site.index.years[key.item].0),
            key.page,
        )
    }

    fn fingerprint(&self, r: &Renderer, key: Key) -> Option<u64> {
        let (year, plans) = &r.site.index.years[key.item];
        Some(r.hash(|h| {
            ("year", year, key.page).hash(h);
            r.hash_cards(h, plans, key.page);
        }))
    }

    fn page(&self, r: &Renderer, key: Key) -> Result<Page, Diagnostic> {
        let (year, plans) = &r.site.index.years[key.item];
        let base = urls::plans_of_year(*year);
        let heading = format!("Kế hoạch ban hành năm {year}");
        Ok(plan_list(r, &base, Some(&base), heading, plans, key.page))
    }
}

impl Kind for PlansOfIssuer {
    fn keys(&self, r: &Renderer) -> Vec<Key> {
        let size = r.page_size();
        r.site
            .index
            .issuers
            .iter()
            .enumerate()
            .flat_map(|(i, iss)| paginated(i, iss.plans.len(), size))
            .collect()
    }

    fn dir(&self, r: &Renderer, key: Key) -> String {
        urls::paged(
            &urls::plans_of_issuer(&r.site.index.issuers[key.item].slug),
            key.page,
        )
    }

    fn fingerprint(&self, r: &Renderer, key: Key) -> Option<u64> {
        let iss = &r.site.index.issuers[key.item];
        Some(r.hash(|h| {
            ("issuer", &iss.slug, key.page).hash(h);
            r.hash_cards(h, &iss.plans, key.page);
        }))
    }

    fn page(&self, r: &Renderer, key: Key) -> Result<Page, Diagnostic> {
        let iss = &r.site.index.issuers[key.item];
        let base = urls::plans_of_issuer(&iss.slug);
        let heading = format!("Kế hoạch của {}", iss.name);
        Ok(plan_list(
            r,
            &base,
            Some(&base),
            heading,
            &iss.plans,
            key.page,
        ))
    }
}
