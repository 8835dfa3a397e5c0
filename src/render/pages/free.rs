//! Free pages (`content/pages/<slug>.md`: giới thiệu, hướng dẫn), each at `/<slug>/`.

use super::{Key, Kind, Page, page};
use crate::diag::Diagnostic;
use crate::render::{Renderer, markdown, root_for};
use serde::Serialize;

pub(in crate::render) struct FreePage;

#[derive(Serialize)]
struct FreePageView<'a> {
    title: &'a str,
    /// The page's Markdown as HTML.
    body: String,
    headings: Vec<markdown::Heading>,
}

impl Kind for FreePage {
    fn keys(&self, r: &Renderer) -> Vec<Key> {
        (0..r.site.pages.len())
            .map(|item| Key { item, page: 1 })
            .collect()
    }

    fn dir(&self, r: &Renderer, key: Key) -> String {
        r.site.pages[key.item].slug.clone()
    }

    fn page(&self, r: &Renderer, key: Key) -> Result<Page, Diagnostic> {
        let p = &r.site.pages[key.item];
        let (body, headings) = markdown::render(&p.body, &root_for(&p.slug), &markdown::no_links);
        let view = FreePageView {
            title: &p.title,
            body,
            headings,
        };
        Ok(page(
            "page.html",
            r.base_context(&p.slug, &p.title, "page"),
            &view,
        ))
    }
}
