//! The search page (the index it queries is written by [`crate::search`]).

use super::{Key, Kind, Page};
use crate::diag::Diagnostic;
use crate::render::Renderer;
use crate::urls;

pub(in crate::render) struct Search;

impl Kind for Search {
    fn keys(&self, _: &Renderer) -> Vec<Key> {
        vec![Key::ONE]
    }

    fn dir(&self, _: &Renderer, _: Key) -> String {
        urls::SEARCH.to_string()
    }

    fn page(&self, r: &Renderer, key: Key) -> Result<Page, Diagnostic> {
        Ok(Page {
            template: "search.html",
            context: r.base_context(&self.dir(r, key), "Tìm kiếm", "search"),
            files: Vec::new(),
        })
    }
}
