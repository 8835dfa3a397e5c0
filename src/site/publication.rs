//! The day each plan was first published on the portal, for the list of information a
//! commune must publish (Luật Tiếp cận thông tin 2016, Điều 19.1.g; Nghị định 13/2018/NĐ-CP,
//! Điều 6.3: the list names when each document was published).
//!
//! The day is the plan's own `published:` when the file says it. Otherwise it is the day of
//! the first build that published the plan: every build writes the days it knows to
//! `du-lieu/cong-bo.json` in the output, and the next build into the same output reads them
//! back, so a plan keeps its day however often the site is rebuilt. A plan first seen by this
//! build gets the build day. (An output folder deleted loses the record: the guide says to
//! keep it, or to write `published:`.)

use super::Site;
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::path::Path;

/// A record larger than this is not read (10,000 plans take about 400 KB).
const MAX_RECORD_BYTES: u64 = 16 * 1024 * 1024;

#[derive(serde::Serialize, serde::Deserialize, Default)]
struct Record {
    schema: u32,
    /// Plan slug → the day it was first published (`YYYY-MM-DD`).
    plans: BTreeMap<String, NaiveDate>,
}

/// The days recorded in the output folder `output` by earlier builds (none when there is no
/// record, or it cannot be read).
fn recorded(output: &Path) -> BTreeMap<String, NaiveDate> {
    use std::io::Read as _;
    let path = output.join(crate::urls::publication_record());
    let Ok(file) = std::fs::File::open(path) else {
        return BTreeMap::new();
    };
    let mut bytes = Vec::new();
    if file
        .take(MAX_RECORD_BYTES + 1)
        .read_to_end(&mut bytes)
        .is_err()
        || bytes.len() as u64 > MAX_RECORD_BYTES
    {
        return BTreeMap::new();
    }
    serde_json::from_slice::<Record>(&bytes)
        .map(|r| r.plans)
        .unwrap_or_default()
}

/// The day each plan of `site` was first published (by position in `site.plans`), for a
/// build into `output`.
pub fn dates(site: &Site, output: &Path) -> Vec<NaiveDate> {
    let record = recorded(output);
    site.plans
        .iter()
        .map(|p| {
            p.published
                .or_else(|| record.get(&p.slug).copied())
                .unwrap_or(site.today)
        })
        .collect()
}

/// The record a build writes: every plan's day, by slug.
pub fn record_json(site: &Site) -> Vec<u8> {
    let plans = site
        .plans
        .iter()
        .enumerate()
        .map(|(i, p)| (p.slug.clone(), site.published_on(i)))
        .collect();
    serde_json::to_vec_pretty(&Record { schema: 1, plans }).unwrap_or_default()
}
