//! The units index: every unit (not the collective phrases) with its counts, in the groups
//! of `units.yaml`.

use super::{Key, Kind, Page, page};
use crate::diag::Diagnostic;
use crate::render::Renderer;
use crate::render::views::unit_href;
use crate::site::Progress;
use crate::urls;
use serde::Serialize;

pub(in crate::render) struct Units;

/// The name of the group of units that `units.yaml` gives no group.
const NO_GROUP: &str = "Đơn vị khác";

#[derive(Serialize)]
struct UnitsView {
    groups: Vec<UnitGroup>,
    unit_count: usize,
}

#[derive(Serialize)]
struct UnitGroup {
    name: String,
    units: Vec<UnitLine>,
}

#[derive(Serialize)]
struct UnitLine {
    name: String,
    short: Option<String>,
    href: Option<String>,
    lead: usize,
    support: usize,
    progress: Progress,
}

impl Kind for Units {
    fn keys(&self, _: &Renderer) -> Vec<Key> {
        vec![Key::ONE]
    }

    fn dir(&self, _: &Renderer, _: Key) -> String {
        urls::UNITS.to_string()
    }

    fn page(&self, r: &Renderer, key: Key) -> Result<Page, Diagnostic> {
        let s = r.site;
        // Groups in the order units.yaml introduces them; units within a group in
        // Vietnamese alphabetical order.
        let group_of = |u: &crate::content::units::Unit| {
            u.group.clone().unwrap_or_else(|| NO_GROUP.to_string())
        };
        let mut groups: Vec<UnitGroup> = Vec::new();
        for unit in s.registry.units.iter().filter(|u| !u.collective) {
            let g = group_of(unit);
            if !groups.iter().any(|x| x.name == g) {
                groups.push(UnitGroup {
                    name: g,
                    units: Vec::new(),
                });
            }
        }
        for &u in &r.unit_order {
            let unit = &s.registry.units[u];
            let g = group_of(unit);
            let line = UnitLine {
                name: unit.name.clone(),
                short: unit.short.clone(),
                href: unit_href(s, &r.links, u),
                lead: s.index.lead[u].len(),
                support: s.index.support[u].len(),
                progress: s.progress(s.index.lead[u].iter().copied()),
            };
            match groups.iter_mut().find(|x| x.name == g) {
                Some(x) => x.units.push(line),
                None => groups.push(UnitGroup {
                    name: g,
                    units: vec![line],
                }),
            }
        }
        let view = UnitsView {
            groups,
            unit_count: r.unit_order.len(),
        };
        Ok(page(
            "units.html",
            r.base_context(&self.dir(r, key), "Đơn vị thực hiện", "units"),
            &view,
        ))
    }
}
