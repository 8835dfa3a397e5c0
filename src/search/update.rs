//! The index of the previous build brought up to date in place after some plans changed (see
//! [`super::SearchCache`]): only the files that hold their records or words are written again.

use super::analyze::Expansions;
use super::dictionary::{
    Entry, Want, completion_hints, file_part, make_entry, shard_of, shard_prefixes, word_shard,
};
use super::facets::{Histogram, code_at, code_start, codes_file, facet_block};
use super::meta::meta_file;
use super::order::{files_of, order_files, plan_due_keys};
use super::pairs::{PairPosting, encode_pair, pair_shard, pair_size};
use super::postings::{Builder, Ids, dense_union, intern};
use super::records::{
    DataFile, chunk_files, dat_file, dat_name, plan_records, record_file, record_folder, shown,
    site_records,
};
use super::{
    CHUNK, DIR, FOLDER, Kept, SHARD_TARGET, Written, deadline_years, expansions, facet_words,
    fblock, fold_exact, links_of, scale, write_data, write_files,
};
use crate::diag::Diagnostic;
use crate::output::Writer;
use crate::site::{Site, TaskStatus};
use crate::urls::Links;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

/// More changed plans than this write the whole index again (a rename of many files, a
/// change of date that moves plans).
const MAX_CHANGED: usize = 16;

/// Updates `st` and the index files for `site`; `None` when the whole index must be written
/// again instead (nothing has been written then, and `st` is to be dropped).
pub(super) fn update(
    st: &mut Kept,
    site: &Site,
    writer: &Writer,
) -> Option<Result<Written, Vec<Diagnostic>>> {
    if site.plans.len() != st.plans.len() {
        return None;
    }
    let changed: Vec<usize> = (0..site.plans.len())
        .filter(|&pi| !Arc::ptr_eq(&site.plans[pi], &st.plans[pi]))
        .collect();
    if changed.len() > MAX_CHANGED
        || changed
            .iter()
            .any(|&pi| site.plans[pi].task_count() != st.plans[pi].task_count())
    {
        return None;
    }
    let years = deadline_years(site);
    if years != st.years {
        return None;
    }
    if changed.is_empty() {
        return Some(Ok(st.written()));
    }
    let exp = expansions(site);
    let n = *st.first.last().unwrap_or(&0);
    let mut ch = changes(st, site, &changed, &years, &exp);
    let renumber = reencode_words(st, &ch.keys, n)?;
    let pair_renumber = reencode_pairs(st, &mut ch.pair_keys, &ch.moved, n)?;
    update_members(st, &ch.keys, &ch.pair_keys);
    let (mut files, data, mut stale) = changed_files(
        st,
        site,
        writer,
        &ch,
        &renumber,
        &pair_renumber,
        &changed,
        &years,
        &exp,
    );
    // Facet words in deadline order: made again for those whose records changed, or all of
    // them when a deadline did (sorting every facet word's records was a twentieth of a
    // status edit's rebuild).
    let mut due_moved = false;
    for &pi in &changed {
        let (lo, hi) = (st.first[pi] as usize, st.first[pi + 1] as usize);
        let mut keys = Vec::with_capacity(hi - lo);
        plan_due_keys(&site.plans[pi], &mut keys);
        if keys[..] != st.due[lo..hi] {
            due_moved = true;
            st.due[lo..hi].copy_from_slice(&keys);
        }
    }
    let again: Vec<(&str, Vec<u32>)> = facet_words(&st.words, &st.word_ids, |k| {
        due_moved || ch.moved.contains(k)
    })
    .collect();
    let mut old: Vec<String> = Vec::new();
    for (k, _) in &again {
        old.extend(files_of(k, &st.orders));
    }
    let orders = order_files(again.into_iter(), &st.due);
    for (name, body) in &orders {
        if st.orders.get(name) != Some(body) {
            files.push((name.clone(), body.clone()));
        }
    }
    for name in old {
        if !orders.contains_key(&name) {
            st.orders.remove(&name);
            stale.push(name);
        }
    }
    st.orders.extend(orders);
    Some(write_changes(st, writer, files, data, stale))
}

/// What changed plans change in the index ([`changes`]).
#[derive(Default)]
struct Changes {
    /// Folded words whose entries are encoded again, with the spellings touched.
    keys: BTreeMap<String, BTreeSet<Box<str>>>,
    /// Folded words whose records changed (not only their facet codes).
    moved: FxHashSet<String>,
    /// Pairs encoded again.
    pair_keys: BTreeSet<String>,
    /// Record chunks and facet blocks written again.
    chunks: BTreeSet<u32>,
    blocks: BTreeSet<u32>,
    /// Folded words whose dense spellings' histograms were brought up to date in place:
    /// their posting files are written again, nothing is encoded again.
    patched: BTreeSet<String>,
    /// Dense pairs likewise.
    patched_pairs: BTreeSet<String>,
}

/// What the plans `changed` change in the index, found by analysing each one's records as
/// they were and as they are; brings `st`'s postings and facet codes up to date on the way.
fn changes(
    st: &mut Kept,
    site: &Site,
    changed: &[usize],
    years: &[i32],
    exp: &Expansions,
) -> Changes {
    let n = *st.first.last().unwrap_or(&0);
    let mut ch = Changes::default();
    let mut units = Vec::new();
    for &pi in changed {
        let old_plan = st.plans[pi].clone();
        let (lo, hi) = (st.first[pi], st.first[pi + 1]);
        let old_status: Vec<TaskStatus> = old_plan
            .tasks()
            .map(|t| TaskStatus::of(t, site.today))
            .collect();
        let mut old = Builder::default();
        let old_records = plan_records(&site.registry, &old_plan, |k| old_status[k], years, false);
        for (k, rec) in old_records.iter().enumerate() {
            old.add(rec, k as u32, exp);
        }
        let mut new = Builder::default();
        for (k, rec) in site_records(site, pi, years, false).iter().enumerate() {
            new.add(rec, k as u32, exp);
        }
        let recoded: Vec<bool> = (0..hi - lo)
            .map(|k| code_at(&old.codes, &old.ends, k) != code_at(&new.codes, &new.ends, k))
            .collect();

        // Words: a word's posting changes where its records changed, and where the facet
        // codes of its records did (postings of rarer words carry them).
        for (w, old_ids, new_ids) in differences(
            &old.post.words,
            &old.post.word_ids,
            &new.post.words,
            &new.post.word_ids,
        ) {
            let same = old_ids == new_ids;
            if same && !old_ids.iter().any(|&k| recoded[k as usize]) {
                continue;
            }
            let key = fold_exact(w);
            // A dense spelling whose records stay: its ids are as they were, and its
            // histogram counts the changed records' new codes instead of their old ones.
            if same
                && let Some(h) = st
                    .entries
                    .get_mut(&key)
                    .and_then(|e| e.spellings.iter_mut().find(|s| &*s.exact == w))
                    .and_then(|s| s.hist.as_mut())
            {
                recount(h, &old_ids, &recoded, &old, &new, &mut units);
                ch.patched.insert(key);
                continue;
            }
            let gi = intern(&mut st.words, &mut st.word_ids, w);
            let ids = &mut st.word_ids[gi as usize];
            *ids = spliced(ids, lo, hi, &new_ids);
            if !same {
                ch.moved.insert(key.clone());
            }
            ch.keys.entry(key).or_default().insert(w.into());
        }
        // Pairs carry ids, and a dense pair the histogram of its records' facet codes.
        for (p, old_ids, new_ids) in differences(
            &old.post.pairs,
            &old.post.pair_ids,
            &new.post.pairs,
            &new.post.pair_ids,
        ) {
            if old_ids == new_ids {
                // A dense pair whose records stay: its histogram counts the changed records'
                // new codes instead of their old ones, as a dense word's does; nothing is
                // encoded again (that took a third of a status edit's index update).
                if old_ids.iter().any(|&k| recoded[k as usize])
                    && let Some(h) = st.pair_entries.get_mut(p).and_then(|e| e.hist.as_mut())
                {
                    recount(h, &old_ids, &recoded, &old, &new, &mut units);
                    ch.patched_pairs.insert(p.to_string());
                }
                continue;
            }
            let gi = intern(&mut st.pairs, &mut st.pair_ids, p);
            let ids = &mut st.pair_ids[gi as usize];
            *ids = spliced(ids, lo, hi, &new_ids);
            ch.pair_keys.insert(p.to_string());
        }

        // The plan's facet codes.
        let start = code_start(&st.code_end, lo);
        let end = st.code_end[hi as usize - 1];
        st.codes
            .replace_range(start as usize..end as usize, &new.codes);
        let delta = new.codes.len() as i64 - (end - start) as i64;
        for (k, e) in new.ends.iter().enumerate() {
            st.code_end[lo as usize + k] = start + e;
        }
        for e in &mut st.code_end[hi as usize..] {
            *e = (*e as i64 + delta) as u32;
        }
        st.plans[pi] = site.plans[pi].clone();
        ch.chunks.extend(lo / CHUNK..=(hi - 1) / CHUNK);
        ch.blocks.extend(lo / fblock(n)..=(hi - 1) / fblock(n));
    }

    ch
}

/// Brings histogram `h` of a word's or a pair's records `ids` (in the plan, from 0) up to
/// date: the records whose facet code changed (`recoded`) counted with their code in `new`
/// instead of their code in `old`.
fn recount(
    h: &mut Histogram,
    ids: &[u32],
    recoded: &[bool],
    old: &Builder,
    new: &Builder,
    units: &mut Vec<u32>,
) {
    for &k in ids.iter().filter(|&&k| recoded[k as usize]) {
        h.count(code_at(&old.codes, &old.ends, k), units, false);
        h.count(code_at(&new.codes, &new.ends, k), units, true);
    }
}

/// Encodes again the dictionary entries of the folded words `keys` (with the spellings
/// touched); returns the keys whose entry has another number of posting files (the files
/// after them in their shard are numbered anew), or `None` when the shards would be cut
/// differently (the whole index is written again).
fn reencode_words(
    st: &mut Kept,
    keys: &BTreeMap<String, BTreeSet<Box<str>>>,
    n: u32,
) -> Option<Vec<String>> {
    let code = |id: u32| code_at(&st.codes, &st.code_end, id);
    let mut new_entries: Vec<(String, Option<Entry>)> = Vec::with_capacity(keys.len());
    // Keys whose entry has another number of posting files: the files after them in their
    // shard are numbered anew.
    let mut renumber: Vec<String> = Vec::new();
    for (key, touched) in keys {
        let mut forms: BTreeSet<&str> = touched.iter().map(|w| &**w).collect();
        if let Some(e) = st.entries.get(key) {
            forms.extend(e.spellings.iter().map(|s| &*s.exact));
        }
        let forms: Vec<(&str, &Ids)> = forms
            .into_iter()
            .filter_map(|w| {
                let ids = &st.word_ids[*st.words.get(w)? as usize];
                (ids.len > 0).then_some((w, ids))
            })
            .collect();
        let entry = (!forms.is_empty()).then(|| make_entry(key, &forms, &code, n, false).0);
        if entry.as_ref().map_or(0, Entry::files) != st.entries.get(key).map_or(0, Entry::files) {
            renumber.push(key.clone());
        }
        new_entries.push((key.clone(), entry));
    }
    for (key, entry) in new_entries {
        match entry {
            Some(e) => {
                st.entries.insert(key, e);
            }
            None => {
                st.entries.remove(&key);
            }
        }
    }
    let word_shards = shard_prefixes(
        &st.entries
            .values()
            .map(|e| (e.key.as_str(), e.size()))
            .collect::<Vec<_>>(),
        SHARD_TARGET * scale(n) as usize,
    );
    (word_shards == st.word_shards).then_some(renumber)
}

/// Encodes again the pairs `pair_keys`, and adds to them the long pairs of two words whose
/// records changed (`moved`: their form depends on both words' records); returns the pairs
/// with another number of files, or `None` when the shards would be cut differently.
fn reencode_pairs(
    st: &mut Kept,
    pair_keys: &mut BTreeSet<String>,
    moved: &FxHashSet<String>,
    n: u32,
) -> Option<Vec<String>> {
    for k in &st.long_pairs {
        if let Some((a, b)) = k.split_once(' ')
            && (moved.contains(a) || moved.contains(b))
        {
            pair_keys.insert(k.clone());
        }
    }
    let mut pair_renumber: Vec<String> = Vec::new();
    for k in pair_keys.iter() {
        let ids = st
            .pairs
            .get(k.as_str())
            .map(|&i| st.pair_ids[i as usize].to_vec())
            .unwrap_or_default();
        let had_files = st.pair_entries.get(k).map_or(0, PairPosting::files);
        if ids.is_empty() {
            if had_files > 0 {
                pair_renumber.push(k.clone());
            }
            st.pair_entries.remove(k);
            st.long_pairs.remove(k);
            continue;
        }
        let unions = k
            .split_once(' ')
            .and_then(|(a, b)| Some((st.union_of(a)?, st.union_of(b)?)));
        let code = |id: u32| code_at(&st.codes, &st.code_end, id);
        let s = encode_pair(&ids, n, &code, || unions.as_ref().map(|(a, b)| (a, b)));
        if had_files != s.files() {
            pair_renumber.push(k.clone());
        }
        if is_long(&s) {
            st.long_pairs.insert(k.clone());
        } else {
            st.long_pairs.remove(k);
        }
        st.pair_entries.insert(k.clone(), s);
    }
    let pair_shards = shard_prefixes(
        &st.pair_entries
            .iter()
            .map(|(k, s)| (k.as_str(), pair_size(k, s)))
            .collect::<Vec<_>>(),
        SHARD_TARGET * scale(n) as usize,
    );
    (pair_shards == st.pair_shards).then_some(pair_renumber)
}

/// Shard membership of new and removed keys.
fn update_members(
    st: &mut Kept,
    keys: &BTreeMap<String, BTreeSet<Box<str>>>,
    pair_keys: &BTreeSet<String>,
) {
    for key in keys.keys() {
        let present = st.entries.contains_key(key);
        set_member(&mut st.word_members, &st.word_shards, key, present);
    }
    for key in pair_keys {
        let present = st.pair_entries.contains_key(key);
        set_member(&mut st.pair_members, &st.pair_shards, key, present);
    }
}

/// The index files to write after the changes `ch`: the shards of the words and pairs
/// touched (and those above them, for their completions), the chunks and record files of
/// the changed records, their facet blocks and `meta.js`; then the binary record files, and
/// the posting files no longer made (a shard numbered anew).
#[allow(clippy::too_many_arguments)]
fn changed_files(
    st: &Kept,
    site: &Site,
    writer: &Writer,
    ch: &Changes,
    renumber: &[String],
    pair_renumber: &[String],
    changed: &[usize],
    years: &[i32],
    exp: &Expansions,
) -> (Vec<(String, String)>, Vec<DataFile>, Vec<String>) {
    let n = *st.first.last().unwrap_or(&0);
    let links = links_of(site);
    // The shards of the words touched, and the shards above those whose records changed
    // (their completions).
    let mut word_parts: BTreeSet<&str> = BTreeSet::new();
    for k in ch.keys.keys() {
        let mut part = shard_of(k, &st.word_shards);
        while word_parts.insert(part) && !part.is_empty() {
            part = shard_of(&part[..part.len() - 1], &st.word_shards);
        }
    }
    word_parts.extend(ch.patched.iter().map(|k| shard_of(k, &st.word_shards)));
    let totals: Vec<(&str, usize)> = st
        .entries
        .values()
        .map(|e| (e.key.as_str(), e.total()))
        .collect();
    let hints = completion_hints(&totals, &st.word_shards);
    let pair_parts: BTreeSet<&str> = ch
        .pair_keys
        .iter()
        .chain(&ch.patched_pairs)
        .map(|k| shard_of(k, &st.pair_shards))
        .collect();
    let mut files: Vec<(String, String)> = Vec::new();
    let mut stale: Vec<String> = Vec::new();
    // A shard's posting files are made for the keys touched, or all of them when they are
    // numbered anew (and then those past the new count are removed).
    let renumbered: FxHashSet<&str> = renumber
        .iter()
        .map(|k| shard_of(k, &st.word_shards))
        .collect();
    for &prefix in &word_parts {
        let es: Vec<&Entry> = st
            .word_members
            .get(prefix)
            .into_iter()
            .flatten()
            .filter_map(|k| st.entries.get(k))
            .collect();
        let all = renumbered.contains(prefix);
        let hint = hints.get(prefix).map_or("", String::as_str);
        let codes =
            |exact: &str| codes_file(exact, &st.words, &st.word_ids, &st.codes, &st.code_end);
        let want = |k: &str| {
            if all || ch.keys.contains_key(k) {
                Want::All
            } else if ch.patched.contains(k) {
                Want::First
            } else {
                Want::None
            }
        };
        let made = word_shard(prefix, &es, hint, &want, &codes);
        if all {
            stale.extend(st.stale(&format!("p/{}.", file_part(prefix)), &made));
        } else {
            stale.extend(st.stale_codes(&made));
        }
        files.extend(made);
    }
    let renumbered: FxHashSet<&str> = pair_renumber
        .iter()
        .map(|k| shard_of(k, &st.pair_shards))
        .collect();
    for &prefix in &pair_parts {
        let es = st
            .pair_members
            .get(prefix)
            .into_iter()
            .flatten()
            .filter_map(|k| st.pair_entries.get_key_value(k))
            .map(|(k, s)| (k.as_str(), s));
        let all = renumbered.contains(prefix);
        let made = pair_shard(prefix, es, &|k| {
            all || ch.pair_keys.contains(k) || ch.patched_pairs.contains(k)
        });
        if all {
            stale.extend(st.stale(&format!("q/{}.", file_part(prefix)), &made));
        }
        files.extend(made);
    }
    // The chunks of the changed records, and the record files of their folders: the changed
    // plans' records put in place of theirs in the file as written (or the folder made whole
    // when that file cannot be read as expected).
    let mut data: Vec<DataFile> = Vec::new();
    let folders: BTreeSet<u32> = ch.chunks.iter().map(|c| c / FOLDER).collect();
    for &g in &folders {
        let old = std::fs::read(writer.dir().join(DIR).join(dat_name(g))).ok();
        match old.and_then(|old| spliced_dat(site, &links, st, years, changed, g, &old)) {
            Some(dat) => {
                for c in ch.chunks.range(g * FOLDER..(g + 1) * FOLDER) {
                    let ids = c * CHUNK..((c + 1) * CHUNK).min(n);
                    files.extend(chunk_files(
                        site,
                        &links,
                        shown(site, &st.first, years, ids),
                    ));
                }
                data.push((dat_name(g), Ok(dat)));
            }
            None => {
                let want = |c: u32| ch.chunks.contains(&c);
                let (made, dat) = record_folder(site, &links, &st.first, years, g, want);
                files.extend(made);
                data.push(dat);
            }
        }
    }
    for &b in &ch.blocks {
        files.push(facet_block(&st.codes, &st.code_end, b));
    }
    files.push(meta_file(
        site,
        exp,
        years,
        &st.codes,
        &st.code_end,
        &st.word_shards,
        &st.pair_shards,
    ));
    (files, data, stale)
}

/// Writes the files made by [`changed_files`] and removes the stale ones.
fn write_changes(
    st: &mut Kept,
    writer: &Writer,
    files: Vec<(String, String)>,
    data: Vec<DataFile>,
    stale: Vec<String>,
) -> Result<Written, Vec<Diagnostic>> {
    let made = files.len() + data.len();
    let mut results: Vec<(String, Result<u64, Diagnostic>)> = files
        .into_par_iter()
        .flat_map_iter(|f| write_files(writer, vec![f]))
        .collect();
    results.extend(
        data.into_par_iter()
            .flat_map_iter(|f| write_data(writer, vec![f]))
            .collect::<Vec<_>>(),
    );
    let mut errors = Vec::new();
    for (name, r) in results {
        match r {
            Ok(b) => {
                st.sizes.insert(name, b);
            }
            Err(d) => errors.push(d),
        }
    }
    for name in stale {
        st.sizes.remove(&name);
        if let Err(e) = writer.remove(Path::new(&format!("{DIR}/{name}.js"))) {
            errors.push(
                Diagnostic::error(
                    writer.dir().join(DIR).join(format!("{name}.js")),
                    None,
                    crate::tr!(crate::msg::CANNOT_REMOVE, error = e),
                )
                .with_hint(crate::tr!(crate::msg::OUTPUT_FOLDER_WRITABLE_HINT)),
            );
        }
    }
    if errors.is_empty() {
        Ok(Written {
            made,
            ..st.written()
        })
    } else {
        Err(errors)
    }
}

/// Record file `g` (`old`: as written) with the records of the plans `changed` made again;
/// `None` when `old` is not a record file of the folder's records.
fn spliced_dat(
    site: &Site,
    links: &Links,
    st: &Kept,
    years: &[i32],
    changed: &[usize],
    g: u32,
    old: &[u8],
) -> Option<Vec<u8>> {
    let total = *st.first.last()?;
    let lo = (g * FOLDER * CHUNK).min(total);
    let hi = ((g + 1) * FOLDER * CHUNK).min(total);
    let count = (hi - lo) as usize;
    let offsets = |file: &[u8], n: usize| -> Option<Vec<usize>> {
        let head = file.get(..4 * (n + 1))?;
        let offs: Vec<usize> = head
            .chunks_exact(4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
            .collect();
        (offs[0] == head.len() && offs.windows(2).all(|w| w[0] <= w[1]) && offs[n] == file.len())
            .then_some(offs)
    };
    let old_offs = offsets(old, count)?;
    // Each record's bytes: the changed plans' made again, the others as they were.
    let mut bodies: Vec<&[u8]> = (0..count)
        .map(|j| &old[old_offs[j]..old_offs[j + 1]])
        .collect();
    let mut made = Vec::new();
    for &pi in changed {
        let (a, b) = (st.first[pi].max(lo), st.first[pi + 1].min(hi));
        if a < b {
            let file = dat_file(site, links, &shown(site, &st.first, years, a..b)).ok()?;
            made.push((a, (b - a) as usize, file));
        }
    }
    for (a, n, file) in &made {
        let offs = offsets(file, *n)?;
        for k in 0..*n {
            *bodies.get_mut((*a - lo) as usize + k)? = &file[offs[k]..offs[k + 1]];
        }
    }
    record_file(&bodies).ok()
}

/// Adds `key` to the members of its shard, or removes it when it is no longer `present`.
fn set_member(
    members: &mut FxHashMap<String, BTreeSet<String>>,
    shards: &[String],
    key: &str,
    present: bool,
) {
    let set = members
        .entry(shard_of(key, shards).to_string())
        .or_default();
    if present {
        set.insert(key.to_string());
    } else {
        set.remove(key);
    }
}

/// For each word (or pair) of either of two postings of the same plan: its ids there before
/// and after.
fn differences<'p>(
    old: &'p FxHashMap<Box<str>, u32>,
    old_ids: &[Ids],
    new: &'p FxHashMap<Box<str>, u32>,
    new_ids: &[Ids],
) -> Vec<(&'p str, Vec<u32>, Vec<u32>)> {
    let list =
        |ids: &[Ids], i: Option<&u32>| i.map(|&i| ids[i as usize].to_vec()).unwrap_or_default();
    old.iter()
        .map(|(w, i)| (&**w, list(old_ids, Some(i)), list(new_ids, new.get(w))))
        .chain(
            new.iter()
                .filter(|(w, _)| !old.contains_key(*w))
                .map(|(w, i)| (&**w, Vec::new(), list(new_ids, Some(i)))),
        )
        .collect()
}

/// `ids` with those in `lo..hi` replaced by `lo + k` for each `k` of `local`.
fn spliced(ids: &Ids, lo: u32, hi: u32, local: &[u32]) -> Ids {
    let mut out = Ids::default();
    let mut it = ids.iter().peekable();
    while let Some(id) = it.next_if(|&id| id < lo) {
        out.push(id);
    }
    for &k in local {
        out.push(lo + k);
    }
    for id in it.filter(|&id| id >= hi) {
        out.push(id);
    }
    out
}

/// A pair posting that may change form when one of its words' records change: a long list, or
/// the exceptions form.
pub(super) fn is_long(posting: &PairPosting) -> bool {
    posting.has_file() || posting.p.starts_with('X')
}

impl Kept {
    /// The union of the ids of the spellings of folded word `key`, if it is dense.
    fn union_of(&self, key: &str) -> Option<Ids> {
        let e = self.entries.get(key)?;
        let lists: Vec<Vec<u32>> = e
            .spellings
            .iter()
            .filter_map(|s| Some(self.word_ids[*self.words.get(&*s.exact)? as usize].to_vec()))
            .collect();
        dense_union(&lists)
    }

    /// Files named `<prefix><k>` that exist and are not among `made`.
    fn stale(&self, prefix: &str, made: &[(String, String)]) -> Vec<String> {
        self.sizes
            .keys()
            .filter(|k| k.starts_with(prefix) && !made.iter().any(|(m, _)| m == *k))
            .cloned()
            .collect()
    }

    /// The codes files of postings written again in `made` without one: their spelling is no
    /// longer dense, or is in more records than [`super::CODED`].
    fn stale_codes(&self, made: &[(String, String)]) -> Vec<String> {
        let names: FxHashSet<&str> = made.iter().map(|(m, _)| m.as_str()).collect();
        made.iter()
            .map(|(m, _)| format!("{m}.c"))
            .filter(|c| self.sizes.contains_key(c) && !names.contains(c.as_str()))
            .collect()
    }

    fn written(&self) -> Written {
        Written {
            files: self.sizes.len(),
            bytes: self.sizes.values().sum(),
            records: self.code_end.len(),
            made: 0,
        }
    }
}
