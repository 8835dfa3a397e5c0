//! The open-data page: the exports and the meaning of each column.

use super::{Key, Kind, Page, page};
use crate::diag::Diagnostic;
use crate::render::Renderer;
use crate::urls;
use serde::Serialize;

pub(in crate::render) struct Data;

#[derive(Serialize)]
struct DataView {
    /// (name, meaning) of each column of the exports.
    columns: &'static [(&'static str, &'static str)],
}

impl Kind for Data {
    fn keys(&self, _: &Renderer) -> Vec<Key> {
        vec![Key::ONE]
    }

    fn dir(&self, _: &Renderer, _: Key) -> String {
        urls::DATA.to_string()
    }

    fn page(&self, r: &Renderer, key: Key) -> Result<Page, Diagnostic> {
        let view = DataView {
            columns: &crate::site::columns::COLUMNS,
        };
        Ok(page(
            "data.html",
            r.base_context(&self.dir(r, key), "Dữ liệu mở", "data"),
            &view,
        ))
    }
}
