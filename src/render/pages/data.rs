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
    /// The whole site's `tasks.csv` and `tasks.json` are written (they fit in a file).
    whole: bool,
    /// The files of each year's plans, newest first.
    years: Vec<YearView>,
    catalog: String,
    /// The bound of a file, in MB.
    bound_mb: usize,
}

#[derive(Serialize)]
struct YearView {
    /// "2025", or empty for plans without a date.
    year: String,
    plans: usize,
    tasks: usize,
    /// Its files: (csv, json), from the site root.
    files: Vec<(String, String)>,
}

impl Kind for Data {
    fn keys(&self, _: &Renderer) -> Vec<Key> {
        vec![Key::ONE]
    }

    fn dir(&self, _: &Renderer, _: Key) -> String {
        urls::DATA.to_string()
    }

    fn page(&self, r: &Renderer, key: Key) -> Result<Page, Diagnostic> {
        let layout = crate::export::parts::layout(r.site);
        let mut years: Vec<YearView> = Vec::new();
        for part in &layout.parts {
            let year = part.year.map(|y| y.to_string()).unwrap_or_default();
            if part.k == 1 {
                years.push(YearView {
                    year,
                    plans: 0,
                    tasks: 0,
                    files: Vec::new(),
                });
            }
            let y = years.last_mut().expect("a year's first part comes first");
            y.plans += part.plans.len();
            y.tasks += part.tasks;
            y.files.push((part.file("csv"), part.file("json")));
        }
        let view = DataView {
            columns: &crate::site::columns::COLUMNS,
            whole: layout.whole,
            years,
            catalog: urls::data_catalog(),
            bound_mb: crate::export::parts::BOUND / 1_000_000,
        };
        Ok(page(
            "data.html",
            r.base_context(&self.dir(r, key), "Dữ liệu mở", "data"),
            &view,
        ))
    }
}
