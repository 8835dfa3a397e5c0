//! Topics (lĩnh vực): the list of topics, each topic's plans, and the tasks of those plans,
//! each paginated.

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
    /// The tasks of its plans, and where they are listed.
    task_count: usize,
    tasks_href: String,
    href: String,
}

#[derive(Serialize)]
struct TopicTasksView<'a> {
    topic: TopicHead<'a>,
    heading: String,
    tasks: Vec<String>,
    pagination: Pagination,
}

/// How many tasks the plans of topic `t` hold.
fn task_total(r: &Renderer, t: &crate::site::Topic) -> usize {
    t.plans
        .iter()
        .map(|&p| r.site.plans[p as usize].task_count())
        .sum()
}

/// Positions in `index.tasks` of the tasks of topic `t` shown on page `page`: its plans'
/// tasks in the order of its plans (newest first), each plan's in the document's order.
/// Found by walking the plans' task counts, without listing every task of the topic.
fn task_page(r: &Renderer, t: &crate::site::Topic, page: usize) -> Vec<u32> {
    let want = r.page_range(task_total(r, t), page);
    let mut out = Vec::with_capacity(want.len());
    let mut seen = 0;
    for &p in &t.plans {
        let n = r.site.plans[p as usize].task_count();
        let (from, to) = (seen, seen + n);
        seen = to;
        if to <= want.start {
            continue;
        }
        if from >= want.end {
            break;
        }
        let first = r.site.index.first_task[p as usize] as usize;
        let lo = want.start.max(from) - from;
        let hi = want.end.min(to) - from;
        out.extend((first + lo..first + hi).map(|i| i as u32));
    }
    out
}

fn head<'a>(r: &Renderer, t: &'a crate::site::Topic) -> TopicHead<'a> {
    TopicHead {
        name: &t.name,
        count: t.plans.len(),
        task_count: task_total(r, t),
        tasks_href: r.links.dir(&urls::topic_tasks(&t.slug)),
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
    fn keys(&self, r: &Renderer) -> Vec<Key> {
        let size = r.page_size();
        r.site
            .index
            .topics
            .iter()
            .enumerate()
            .map(|(i, t)| (i, task_total(r, t)))
            .filter(|&(_, n)| n > 0)
            .flat_map(|(i, n)| paginated(i, n, size))
            .collect()
    }

    fn dir(&self, r: &Renderer, key: Key) -> String {
        urls::paged(
            &urls::topic_tasks(&r.site.index.topics[key.item].slug),
            key.page,
        )
    }

    fn fingerprint(&self, r: &Renderer, key: Key) -> Option<u64> {
        let t = &r.site.index.topics[key.item];
        Some(r.hash(|h| {
            ("topic-tasks", &t.slug, &t.name, key.page, task_total(r, t)).hash(h);
            r.hash_rows(task_page(r, t, key.page).into_iter(), h);
        }))
    }

    fn page(&self, r: &Renderer, key: Key) -> Result<Page, Diagnostic> {
        let t = &r.site.index.topics[key.item];
        let base = urls::topic_tasks(&t.slug);
        let heading = format!("Nhiệm vụ thuộc lĩnh vực: {}", t.name);
        let ctx = r.base_context(&urls::paged(&base, key.page), &heading, "topics");
        let total = task_total(r, t);
        let view = TopicTasksView {
            topic: head(r, t),
            heading,
            tasks: r.rows(&task_page(r, t, key.page), r.native.joined_rows),
            pagination: r.pagination(&base, key.page, total),
        };
        Ok(page("topic_tasks.html", ctx, &view))
    }
}
