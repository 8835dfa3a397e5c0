//! Topics (lĩnh vực): the list of topics, and each topic's plans, paginated.

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
            topic: TopicHead {
                name: &t.name,
                count: t.plans.len(),
            },
            plans: r.plan_cards(&r.slice(&t.plans, key.page)),
            pagination: r.pagination(&base, key.page, t.plans.len()),
        };
        Ok(page("topic.html", ctx, &view))
    }
}
