//! Topics (lĩnh vực): the list of topics and each topic's plans, paginated. A topic's plans
//! are listed with their task counts and link to their own task tables: the tasks of a
//! topic are not listed again (a list of them in the plans' order was every row of those
//! plans' tables once more, 72 MB of a 628 MB site at 1,000 plans). The address that list
//! had, `linh-vuc/<slug>/nhiem-vu/`, still answers: a page that sends the reader on to the
//! topic ([`TopicTasks`]).

use super::plans::topic_filters;
use super::{FilterLink, Key, Kind, Page, page, paginated};
use crate::diag::Diagnostic;
use crate::render::views::PlanCard;
use crate::render::{Pagination, Renderer};
use crate::urls;
use serde::Serialize;
use std::hash::Hash;

pub(in crate::render) struct Topics;
pub(in crate::render) struct Topic;
pub(in crate::render) struct TopicTasks;

#[derive(Serialize)]
struct TopicsView {
    topics: Vec<FilterLink>,
}

#[derive(Serialize)]
struct TopicView<'a> {
    topic: TopicHead<'a>,
    plans: Vec<PlanCard>,
    pagination: Pagination,
}

#[derive(Serialize)]
struct TopicHead<'a> {
    name: &'a str,
    count: usize,
    /// The tasks of its plans.
    task_count: usize,
    href: String,
}

#[derive(Serialize)]
struct MovedView<'a> {
    /// What the page was, and where it is now.
    was: &'a str,
    to: String,
    to_name: String,
}

/// How many tasks the plans of topic `t` hold.
fn task_total(r: &Renderer, t: &crate::site::Topic) -> usize {
    t.plans
        .iter()
        .map(|&p| r.site.plans[p as usize].task_count())
        .sum()
}

fn head<'a>(r: &Renderer, t: &'a crate::site::Topic) -> TopicHead<'a> {
    TopicHead {
        name: &t.name,
        count: t.plans.len(),
        task_count: task_total(r, t),
        href: r.links.dir(&urls::topic(&t.slug)),
    }
}

impl Kind for Topics {
    fn keys(&self, _: &Renderer) -> Vec<Key> {
        vec![Key::ONE]
    }

    fn dir(&self, _: &Renderer, _: Key) -> String {
        urls::TOPICS.to_string()
    }

    fn page(&self, r: &Renderer, key: Key) -> Result<Page, Diagnostic> {
        let view = TopicsView {
            topics: topic_filters(r),
        };
        Ok(page(
            "topics.html",
            r.base_context(&self.dir(r, key), "Lĩnh vực", "topics"),
            &view,
        ))
    }
}

impl Kind for Topic {
    fn keys(&self, r: &Renderer) -> Vec<Key> {
        let size = r.page_size();
        r.site
            .index
            .topics
            .iter()
            .enumerate()
            .flat_map(|(i, t)| paginated(i, t.plans.len(), size))
            .collect()
    }

    fn dir(&self, r: &Renderer, key: Key) -> String {
        urls::paged(&urls::topic(&r.site.index.topics[key.item].slug), key.page)
    }

    fn fingerprint(&self, r: &Renderer, key: Key) -> Option<u64> {
        let t = &r.site.index.topics[key.item];
        Some(r.hash(|h| {
            ("topic", &t.slug, key.page).hash(h);
            r.hash_cards(h, &t.plans, key.page);
        }))
    }

    fn page(&self, r: &Renderer, key: Key) -> Result<Page, Diagnostic> {
        let t = &r.site.index.topics[key.item];
        let base = urls::topic(&t.slug);
        let heading = format!("Lĩnh vực: {}", t.name);
        let ctx = r.base_context(&urls::paged(&base, key.page), &heading, "topics");
        let view = TopicView {
            topic: head(r, t),
            plans: r.plan_cards(&r.slice(&t.plans, key.page)),
            pagination: r.pagination(&base, key.page, t.plans.len()),
        };
        Ok(page("topic.html", ctx, &view))
    }
}

impl Kind for TopicTasks {
    /// One page per topic whose plans have tasks (the first page of the list it replaces).
    fn keys(&self, r: &Renderer) -> Vec<Key> {
        r.site
            .index
            .topics
            .iter()
            .enumerate()
            .filter(|(_, t)| task_total(r, t) > 0)
            .map(|(i, _)| Key { item: i, page: 1 })
            .collect()
    }

    fn dir(&self, r: &Renderer, key: Key) -> String {
        urls::topic_tasks(&r.site.index.topics[key.item].slug)
    }

    fn page(&self, r: &Renderer, key: Key) -> Result<Page, Diagnostic> {
        let t = &r.site.index.topics[key.item];
        let heading = format!("Nhiệm vụ thuộc lĩnh vực: {}", t.name);
        let ctx = r.base_context(&self.dir(r, key), &heading, "topics");
        let view = MovedView {
            was: &heading,
            to: r.links.dir(&urls::topic(&t.slug)),
            to_name: format!("Lĩnh vực: {}", t.name),
        };
        Ok(page("moved.html", ctx, &view))
    }
}
