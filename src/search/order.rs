//! Each facet word's records in deadline order (`o/<key>.js`, `o/<key>.<j>.js`): what a
//! search with filters and no words lists, earliest deadline first (docs/search-index.md).
//!
//! A facet word's posting ([`super::postings::FACET`]) lists its records by id, which is what
//! a query with words intersects. Without words the results are the records of every filter,
//! sorted by deadline: the page walks the order of its rarest filter, keeping the records the
//! other filters' postings hold, until a page is full. The order is cut in chunks of
//! [`CHUNK`] records so that a page reads a chunk or two.

use super::encode;
use super::postings::FACET;
use crate::content::Plan;
use crate::site::Site;
use std::collections::BTreeMap;

/// Records a chunk of an order lists.
pub(super) const CHUNK: usize = 512;

/// A record's place in deadline order: dated deadlines by their last day, then ongoing,
/// recurring, conditional, unknown and none (`Deadline::sort_key`); plans last (they are in
/// no facet word).
pub(super) fn due_keys(site: &Site) -> Vec<u32> {
    let mut out = Vec::new();
    for plan in &site.plans {
        plan_due_keys(plan, &mut out);
    }
    out
}

/// The records of `plan` in [`due_keys`]: its own, then its tasks'.
pub(super) fn plan_due_keys(plan: &Plan, out: &mut Vec<u32>) {
    out.push(u32::MAX);
    for task in plan.groups.iter().flat_map(|g| &g.tasks) {
        let (rank, end) = task.due_now().sort_key();
        out.push(match end {
            Some(d) => chrono::Datelike::num_days_from_ce(&d).max(0) as u32,
            None => (1 << 30) + rank as u32,
        });
    }
}

/// The names of the order files of facet word `key` in `files` (made by [`order_files`]).
pub(super) fn files_of(key: &str, files: &BTreeMap<String, String>) -> Vec<String> {
    let name = format!("o/{}", key.strip_prefix(FACET).unwrap_or(key));
    let chunks = format!("{name}.");
    files
        .range(name.clone()..)
        .map(|(k, _)| k)
        .take_while(|k| k.starts_with(&name))
        .filter(|k| {
            **k == name
                || k.strip_prefix(&chunks)
                    .is_some_and(|j| j.parse::<u32>().is_ok())
        })
        .cloned()
        .collect()
}

/// The order files of facet words `(key, ids)`: per word, its ids sorted by `(due, id)`,
/// each chunk written (as a JSON string) `Z` then each id as the zigzag varint of its difference from the one
/// before (from 0 at a chunk's start; ids of one deadline, mostly consecutive tasks of a
/// plan, take a character each).
pub(super) fn order_files<'a>(
    words: impl Iterator<Item = (&'a str, Vec<u32>)>,
    due: &[u32],
) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (key, mut ids) in words {
        let Some(name) = key.strip_prefix(FACET) else {
            continue;
        };
        ids.sort_unstable_by_key(|&id| (due.get(id as usize).copied().unwrap_or(u32::MAX), id));
        for (j, chunk) in ids.chunks(CHUNK).enumerate() {
            // A JSON string: its characters need no escape.
            let mut s = String::from("\"Z");
            let mut prev = 0i64;
            for &id in chunk {
                let d = id as i64 - prev;
                encode::varint(&mut s, ((d << 1) ^ (d >> 63)) as u32);
                prev = id as i64;
            }
            s.push('"');
            let file = if j == 0 {
                format!("o/{name}")
            } else {
                format!("o/{name}.{j}")
            };
            out.insert(file, s);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(s: &str) -> Vec<u32> {
        let mut r = encode::Reader::new(&s[2..s.len() - 1]);
        let mut prev = 0i64;
        let mut out = Vec::new();
        while r.more() {
            let v = r.varint().unwrap() as i64;
            prev += (v >> 1) ^ -(v & 1);
            out.push(prev as u32);
        }
        out
    }

    #[test]
    fn orders_list_each_facet_by_deadline_then_id_in_chunks() {
        let due = [u32::MAX, 30, 10, 10, 1 << 30, 20];
        let files = order_files([("@s1", vec![1, 2, 3, 4, 5])].into_iter(), &due);
        assert_eq!(files.len(), 1);
        assert_eq!(decode(&files["o/s1"]), [2, 3, 5, 1, 4]);
        let many: Vec<u32> = (0..1200).collect();
        let due = vec![7; 1200];
        let files = order_files([("@u3", many), ("word", vec![1])].into_iter(), &due);
        let names: Vec<&str> = files.keys().map(String::as_str).collect();
        assert_eq!(names, ["o/u3", "o/u3.1", "o/u3.2"]);
        assert_eq!(decode(&files["o/u3.2"]), (1024..1200).collect::<Vec<u32>>());
    }

    #[test]
    fn a_facet_words_files_are_its_own_and_not_those_of_words_it_begins() {
        let files: BTreeMap<String, String> = ["o/o", "o/u1", "o/u1.1", "o/u10", "o/u10.1", "o/u2"]
            .iter()
            .map(|k| (k.to_string(), String::new()))
            .collect();
        assert_eq!(files_of("@u1", &files), ["o/u1", "o/u1.1"]);
        assert_eq!(files_of("@u10", &files), ["o/u10", "o/u10.1"]);
        assert_eq!(files_of("@o", &files), ["o/o"]);
        assert!(files_of("@s1", &files).is_empty());
    }
}
