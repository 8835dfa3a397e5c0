//! How each status and timeliness is decided: one page in plain Vietnamese, linked from every
//! status legend and from the footer.

use super::{Key, Kind, Page, page};
use crate::diag::Diagnostic;
use crate::render::Renderer;
use crate::site::status::{State, Timeliness};
use crate::urls;
use serde::Serialize;

pub(in crate::render) struct StatusHelp;

#[derive(Serialize)]
struct Named {
    label: &'static str,
    href: String,
}

#[derive(Serialize)]
struct StatusHelpView {
    /// The status lists, for links.
    states: Vec<Named>,
    /// The timeliness lists, for links.
    timeliness: Vec<Named>,
    overdue_unreported: String,
}

impl Kind for StatusHelp {
    fn keys(&self, _: &Renderer) -> Vec<Key> {
        vec![Key::ONE]
    }

    fn dir(&self, _: &Renderer, _: Key) -> String {
        urls::STATUS_HELP.to_string()
    }

    fn page(&self, r: &Renderer, key: Key) -> Result<Page, Diagnostic> {
        let view = StatusHelpView {
            states: State::ALL
                .iter()
                .map(|s| Named {
                    label: s.label(),
                    href: r
                        .task_lists
                        .iter()
                        .find(|x| x.base == urls::tasks_in_state(s.slug()))
                        .map_or_else(
                            || r.links.dir(urls::TASKS),
                            |x| super::tasks::list_href(r, x),
                        ),
                })
                .collect(),
            timeliness: Timeliness::COUNTED
                .iter()
                .filter_map(|&t| {
                    Some(Named {
                        label: t.label(),
                        href: r.links.dir(&urls::tasks_by_timeliness(t)?),
                    })
                })
                .collect(),
            overdue_unreported: r.links.dir(&urls::overdue_unreported_tasks()),
        };
        Ok(page(
            "status_help.html",
            r.base_context(
                &self.dir(r, key),
                "Cách tính tình trạng và tiến độ",
                "status_help",
            ),
            &view,
        ))
    }
}
