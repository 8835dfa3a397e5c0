//! `meta.js`: what every query reads first: the record count, chunk and block sizes, the
//! shard prefixes, the facet values with their counts over all records, the abbreviation
//! pairs. The on-disk form is in `docs/search-index.md`.

use super::analyze::Expansions;
use super::dictionary::front_coded;
use super::facets::{Histogram, code_at};
use super::{CHUNK, CODED, DENSE, FOLDER, fblock};
use crate::site::Site;
use crate::site::status::State;
use serde_json::json;

/// `meta.js`: sizes, shard prefixes, facet values and their counts over all records.
pub(super) fn meta_file(
    site: &Site,
    exp: &Expansions,
    years: &[i32],
    codes: &str,
    code_end: &[u32],
    word_shards: &[String],
    pair_shards: &[String],
) -> (String, String) {
    let reg = &site.registry;
    let mut all = Histogram::new(years.len(), reg.units.len());
    let mut units = Vec::new();
    for id in 0..code_end.len() as u32 {
        all.add(code_at(codes, code_end, id), &mut units);
    }
    let meta = json!({
        "v": 2,
        "n": code_end.len(),
        "chunk": CHUNK,
        "fblock": fblock(code_end.len() as u32),
        "rg": FOLDER * CHUNK,
        "d": front_coded(word_shards),
        "b": front_coded(pair_shards),
        "units": reg.units.iter().map(|u| json!([u.name, u.short, (!u.collective).then(|| u.slug.clone())])).collect::<Vec<_>>(),
        "states": State::ALL.iter().map(|s| json!([s.code(), s.label(), s.slug()])).collect::<Vec<_>>(),
        "years": years,
        "abbr": exp.pairs,
        "h": all.json(),
        "dense": DENSE,
        "coded": CODED,
        "exact": super::exact_budget(),
        "rank": super::rank::WEIGHTS,
    });
    ("meta".into(), meta.to_string())
}
