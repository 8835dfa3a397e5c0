//! The not-found page: `404.html` at the root, with absolute links (a server shows it at any
//! address).

use super::{Key, Kind, Page};
use crate::diag::Diagnostic;
use crate::render::Renderer;
use crate::urls;

pub(in crate::render) struct NotFound;

impl Kind for NotFound {
    fn keys(&self, _: &Renderer) -> Vec<Key> {
        vec![Key::ONE]
    }

    fn dir(&self, _: &Renderer, _: Key) -> String {
        urls::NOT_FOUND_DIR.to_string()
    }

    fn file(&self, _: &Renderer, _: Key) -> String {
        urls::NOT_FOUND.to_string()
    }

    fn page(&self, r: &Renderer, key: Key) -> Result<Page, Diagnostic> {
        Ok(Page {
            template: "404.html",
            context: r.base_context(&self.dir(r, key), "Không tìm thấy trang", "404"),
            files: Vec::new(),
        })
    }
}
