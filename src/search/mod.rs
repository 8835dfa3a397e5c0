//! The search index: static files under `tim-kiem/chi-muc/`, queried in the browser by
//! `themes/default/static/search.js`, which fetches only the files a query needs. Every file
//! is a classic script `__khSearch("<name>", <data>)` so that it loads with `<script src>`
//! from `file://` as well as from a server (the record files `r/<g>.dat`, read by byte ranges
//! over HTTP, are the exception).
//!
//! The files, what each holds and what `search.js` may rely on are written down in
//! `docs/search-index.md`; each format has its module here:
//! [`postings`] (record ids while building, segments), [`dictionary`] (`d/`, `p/`),
//! [`pairs`] (`b/`, `q/`), [`records`] (`r/`), [`facets`] (`f/`, histograms), [`meta`]
//! (`meta.js`); [`analyze`] cuts text into words the way `search.js` does, [`encode`] writes
//! ids and facet codes compactly, [`rank`] holds the ranking weights that `search.js` reads
//! from `meta.js`. [`write_index`] writes the whole index, or brings the previous build's
//! index up to date in place ([`update`]).
//!
//! Record ids: each plan (newest first) then its tasks in document order, so a plan's words
//! make runs of ids and equal scores list newer plans first.

pub mod analyze;
mod dictionary;
pub mod encode;
mod facets;
mod meta;
mod order;
mod pairs;
mod postings;
pub mod rank;
mod records;
mod update;

pub use dictionary::{file_part, front_coded, front_decoded, shard_prefixes};
pub use records::{chunk_name, dat_name};

use crate::content::Plan;
use crate::diag::Diagnostic;
use crate::output::Writer;
use crate::site::Site;
use crate::urls::Links;
use analyze::Expansions;
use dictionary::{
    Entry, Want, completion_hints, group_by_shard, make_entry, member_sets, word_shard,
};
use facets::{code_at, facet_block};
use meta::meta_file;
use pairs::{PairPosting, encode_pair, pair_shard, pair_size};
use postings::{Builder, Ids, Postings};
use rayon::prelude::*;
use records::{DataFile, record_folder, site_records};
use rustc_hash::FxHashMap;
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Where the index is written, relative to the output.
pub const DIR: &str = crate::urls::SEARCH_INDEX;
/// Records per chunk file.
pub const CHUNK: u32 = 48;
/// Chunks per folder `r/<g>/`, and per record file `r/<g>.dat`.
pub const FOLDER: u32 = 64;
/// A shard larger than this (bytes) is split by one more letter (times [`scale`]).
pub const SHARD_TARGET: usize = 2048;
/// A posting at most this long (characters) is written inside its dictionary shard.
pub const INLINE: usize = 512;
/// A word pair's posting at most this long is written inside its pair shard.
pub const PAIR_INLINE: usize = 512;
/// A word in more records than this is stored as ids only, with its facet histogram (the
/// codes of its records are read from the facet blocks when a query needs them).
pub const DENSE: usize = 1024;
/// A dense spelling in at most this many records also has a codes file (`p/<prefix>.<k>.c.js`):
/// its records' facet codes in id order, so that a settled query whose rarest word is dense
/// can count its facets exactly by reading that word's codes (about 4 characters a record)
/// rather than every facet block. The file of a word in 8,192 records is about 32 KB, most
/// of what a query may read on to count exactly ([`EXACT`]): a larger
/// one would seldom be read, and each is written again when a status of its records changes.
pub const CODED: usize = 8192;
/// Characters a settled query may read on to count its results and their facets exactly
/// (the rest of its words' lists and its rarest word's codes file), written in `meta.js`: on
/// the search benchmark's 40,000 records, the facet counts are then within ±10 % for nine in
/// ten and the median query reads about 41 KB.
pub const EXACT: usize = 48_000;

/// [`EXACT`], or `KEHOACH_SEARCH_EXACT` (for tests, to see a small site's counts estimated).
pub(crate) fn exact_budget() -> usize {
    std::env::var("KEHOACH_SEARCH_EXACT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(EXACT)
}
/// Records per facet code block (`f/<k>.js`).
pub const FBLOCK: u32 = 128;
/// Records from which a site's shards, segments and facet blocks grow (see [`scale`]).
pub const LARGE: u32 = 131_072;

/// How many times [`SHARD_TARGET`], [`SEGMENT`] and [`FBLOCK`] a site of `n` records takes:
/// 1 up to [`LARGE`] records, then doubling with the site, so that the index of a very large
/// site is not a great many more files (each costs build time) for bytes a query saves.
pub fn scale(n: u32) -> u32 {
    ((n / LARGE) + 1).next_power_of_two()
}

/// Records per facet code block for a site of `n` records.
pub fn fblock(n: u32) -> u32 {
    FBLOCK * scale(n)
}
/// Ids at the head of a posting kept in its own file, written in the dictionary shard: what a
/// completion of the word being typed shows before the word is complete.
pub const HEAD: usize = 12;
/// Completions offered for the word being typed.
pub const COMPLETIONS: usize = 3;
/// A long posting is cut by record ranges into segments of about this size (characters)
/// after a few shorter first ones, so that a query reads the records at the start of the
/// index first and goes on only while its first page is not settled (see [`postings::Segments`]).
pub const SEGMENT: usize = 4096;
/// Records of the smallest segment: a segment spans this times a power of two, so that the
/// segments of all postings meet at the same records.
pub const SEGMENT_CELL: u32 = 512;
/// A posting's first segment holds about [`SEGMENT`] / `FIRST_PART` characters.
pub const FIRST_PART: usize = 8;
/// A posting longer than `CUT_PARTS` first segments is cut.
pub const CUT_PARTS: usize = 2;
/// Each segment after the first spans this many times the records before it, up to the
/// span of a [`SEGMENT`].
pub const GROWTH: u64 = 4;
/// A posting has at most this many segments (fewer, larger ones on a very large site: each
/// is a file to write).
pub const MAX_SEGMENTS: u32 = 8;

/// What writing the index produced.
#[derive(Debug, Default, Clone, Copy)]
pub struct Written {
    pub files: usize,
    pub bytes: u64,
    pub records: usize,
    /// Files made (and written where their bytes changed) by this build: all of them, or
    /// those of the changed records when the index was updated in place.
    pub made: usize,
}

/// The folded form of an exact form (of an alias spelling too: `ủy^` is a spelling of `uy`).
pub fn fold_exact(exact: &str) -> String {
    exact
        .strip_suffix(postings::ALIAS)
        .unwrap_or(exact)
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect()
}

/// The parts of the index that [`update`] changes in place; see [`SearchCache`].
struct Kept {
    /// The plans indexed, in record order.
    plans: Vec<Arc<Plan>>,
    /// Record id of each plan, and the record count last.
    first: Vec<u32>,
    years: Vec<i32>,
    /// Facet codes of all records, concatenated, and where each ends.
    codes: String,
    code_end: Vec<u32>,
    words: FxHashMap<Box<str>, u32>,
    word_ids: Vec<Ids>,
    /// Dictionary entries by folded word.
    entries: BTreeMap<String, Entry>,
    word_shards: Vec<String>,
    /// Folded words of each dictionary shard.
    word_members: FxHashMap<String, BTreeSet<String>>,
    pairs: FxHashMap<Box<str>, u32>,
    pair_ids: Vec<Ids>,
    /// Encoded pair postings by pair.
    pair_entries: BTreeMap<String, PairPosting>,
    pair_shards: Vec<String>,
    pair_members: FxHashMap<String, BTreeSet<String>>,
    /// Pairs whose form may change when one of their words' records change
    /// ([`update::is_long`]).
    long_pairs: BTreeSet<String>,
    /// The order files ([`order::order_files`]) by name.
    orders: BTreeMap<String, String>,
    /// Each record's place in deadline order ([`order::due_keys`]).
    due: Vec<u32>,
    /// Every file of the index (a script's name without `.js`, a record file's with `.dat`)
    /// and its size.
    sizes: FxHashMap<String, u64>,
}

/// What an index written through [`crate::Project`] keeps for the next rebuild, so that
/// editing a plan rewrites only the files its records are in: its records keep their ids
/// while the plan keeps its place and its number of tasks, and only the dictionary and pair
/// shards of the words whose records changed, the record chunks, record files and facet
/// blocks of its records and `meta.js` are made again. Anything else (a plan added, removed or moved, a
/// task added, a new deadline year, shards that would split differently) writes the whole
/// index again. A plain build keeps nothing.
#[derive(Default)]
pub struct SearchCache {
    state: Option<Box<Kept>>,
}

impl SearchCache {
    pub fn clear(&mut self) {
        self.state = None;
    }
}

/// Builds the search index of `site` and writes it through `writer`. With `cache` (builds
/// through [`crate::Project`]) it updates the index of the previous build in place when it
/// can, and keeps what the next update needs.
pub fn write_index(
    site: &Site,
    writer: &Writer,
    cache: Option<&mut SearchCache>,
) -> Result<Written, Vec<Diagnostic>> {
    let Some(cache) = cache else {
        return write_whole(site, writer, None);
    };
    if let Some(state) = cache.state.as_mut()
        && writer.is_in_place()
        && let Some(r) = update::update(state, site, writer)
    {
        if r.is_err() {
            cache.state = None;
        }
        return r;
    }
    let mut state = None;
    let r = write_whole(site, writer, Some(&mut state));
    if writer.is_in_place() {
        writer.remove_untouched(Path::new(DIR));
    }
    cache.state = if r.is_ok() { state } else { None };
    r
}

/// The deadline years of the site's tasks with a dated deadline, sorted.
fn deadline_years(site: &Site) -> Vec<i32> {
    // A handful of years among every task: kept as met, not collected and sorted (a rebuild
    // makes this list again).
    let mut years: Vec<i32> = Vec::new();
    for &r in &site.index.tasks {
        let d = &site.task(r).due;
        if let Some(y) = d.year().filter(|_| d.kind.is_dated())
            && !years.contains(&y)
        {
            years.push(y);
        }
    }
    years.sort_unstable();
    years
}

fn links_of(site: &Site) -> Links {
    Links::new(site.config.base_url.is_some())
}

fn expansions(site: &Site) -> Expansions {
    Expansions::new(
        site.registry
            .units
            .iter()
            .filter_map(|u| u.short.as_deref().map(|s| (s, u.name.as_str()))),
    )
}

/// Counts files written and their bytes; errors are gathered, and with `sizes` each file's
/// size is kept.
struct Tally<'a> {
    written: Written,
    errors: Vec<Diagnostic>,
    sizes: Option<&'a mut FxHashMap<String, u64>>,
}

impl Tally<'_> {
    fn add(&mut self, results: Vec<(String, Result<u64, Diagnostic>)>) {
        for (name, r) in results {
            match r {
                Ok(b) => {
                    self.written.files += 1;
                    self.written.bytes += b;
                    if let Some(s) = self.sizes.as_deref_mut() {
                        s.insert(name, b);
                    }
                }
                Err(d) => self.errors.push(d),
            }
        }
    }
}

/// Writes the whole index; with `keep`, leaves there what [`update`] needs.
fn write_whole(
    site: &Site,
    writer: &Writer,
    keep: Option<&mut Option<Box<Kept>>>,
) -> Result<Written, Vec<Diagnostic>> {
    let links = links_of(site);
    let exp = expansions(site);
    let years = deadline_years(site);

    // Record ids: plan p's record is first[p], its tasks follow.
    let mut first = Vec::with_capacity(site.plans.len() + 1);
    let mut n = 0u32;
    for p in &site.plans {
        first.push(n);
        n += 1 + p.task_count() as u32;
    }
    first.push(n);
    let total = n as usize;

    // Words and pairs, in parallel over ranges of plans, merged in id order a few ranges at a
    // time: every range's postings held at once before the merge were a third of the memory
    // peak of a large site with long tasks.
    let ranges: Vec<std::ops::Range<usize>> = (0..site.plans.len())
        .step_by(64)
        .map(|s| s..(s + 64).min(site.plans.len()))
        .collect();
    let mut post = Postings::default();
    let mut codes = String::new();
    let mut code_end: Vec<u32> = Vec::with_capacity(total);
    for batch in ranges.chunks(4 * rayon::current_num_threads()) {
        let parts: Vec<Builder> = batch
            .par_iter()
            .map(|r| {
                let mut b = Builder::default();
                for pi in r.clone() {
                    for (k, rec) in site_records(site, pi, &years, false).iter().enumerate() {
                        b.add(rec, first[pi] + k as u32, &exp);
                    }
                }
                b
            })
            .collect();
        for b in parts {
            let base = codes.len() as u32;
            codes.push_str(&b.codes);
            code_end.extend(b.ends.iter().map(|e| e + base));
            post.merge(b.post);
        }
    }
    let code = |id: u32| code_at(&codes, &code_end, id);

    let keeping = keep.is_some();
    let mut sizes = FxHashMap::default();
    let mut tally = Tally {
        written: Written {
            records: total,
            ..Written::default()
        },
        errors: Vec::new(),
        sizes: keeping.then_some(&mut sizes),
    };

    // Words grouped by folded form, each with its spellings.
    let Postings {
        words,
        word_ids,
        pairs,
        pair_ids,
    } = post;
    let mut spellings: Vec<(String, &str, u32)> = words
        .iter()
        .map(|(exact, &i)| (fold_exact(exact), &**exact, i))
        .collect();
    spellings.sort_unstable();
    // Per folded word: its entry and, for a dense word, the ids of all its spellings (for
    // the pairs written as exceptions, below).
    let (entries, dense): (Vec<Entry>, Vec<Option<(String, Ids)>>) = spellings
        .par_chunk_by(|a, b| a.0 == b.0)
        .map(|group| {
            let forms: Vec<(&str, &Ids)> = group
                .iter()
                .map(|(_, exact, i)| (*exact, &word_ids[*i as usize]))
                .collect();
            let (entry, union) = make_entry(&group[0].0, &forms, &code, n, true);
            (entry, union.map(|u| (group[0].0.clone(), u)))
        })
        .unzip();
    let dense: FxHashMap<String, Ids> = dense.into_iter().flatten().collect();
    drop(spellings);
    let word_codes = |exact: &str| facets::codes_file(exact, &words, &word_ids, &codes, &code_end);
    // Facet words in deadline order, for filters without words.
    let due = order::due_keys(site);
    let orders = order::order_files(facet_words(&words, &word_ids, |_| true), &due);
    tally.add(write_files(
        writer,
        orders.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
    ));
    let word_shards = shard_prefixes(
        &entries
            .iter()
            .map(|e| (e.key.as_str(), e.size()))
            .collect::<Vec<_>>(),
        SHARD_TARGET * scale(n) as usize,
    );
    // Dictionary shards and their long postings, written before the word pairs are encoded:
    // the words' postings are freed first, which keeps the memory peak of a large site down.
    let word_groups = group_by_shard(&entries, |e| e.key.as_str(), &word_shards);
    let totals: Vec<(&str, usize)> = entries
        .iter()
        .map(|e| (e.key.as_str(), e.total()))
        .collect();
    let hints = completion_hints(&totals, &word_shards);
    drop(totals);
    tally.add(
        word_groups
            .par_iter()
            .flat_map_iter(|(prefix, es)| {
                let hint = hints.get(prefix.as_str()).map_or("", String::as_str);
                write_files(
                    writer,
                    word_shard(prefix, es, hint, &|_| Want::All, &word_codes),
                )
            })
            .collect(),
    );
    let word_members = member_sets(&word_groups, |e| e.key.clone());
    drop(word_groups);
    let (words, word_ids, entries) = if keeping {
        let entries: BTreeMap<String, Entry> =
            entries.into_iter().map(|e| (e.key.clone(), e)).collect();
        (Some(words), Some(word_ids), Some(entries))
    } else {
        drop(entries);
        drop(word_ids);
        (None, None, None)
    };
    let mut pair_list: Vec<(&str, u32)> = pairs.iter().map(|(k, &i)| (&**k, i)).collect();
    pair_list.sort_unstable();
    let pair_entries: Vec<(String, PairPosting)> = pair_list
        .par_iter()
        .map(|&(k, i)| {
            let ids = pair_ids[i as usize].to_vec();
            let s = encode_pair(&ids, n, &code, || {
                let (a, b) = k.split_once(' ')?;
                Some((dense.get(a)?, dense.get(b)?))
            });
            (k.to_string(), s)
        })
        .collect();
    drop(pair_list);
    drop(dense);
    let pair_shards = shard_prefixes(
        &pair_entries
            .iter()
            .map(|(k, s)| (k.as_str(), pair_size(k, s)))
            .collect::<Vec<_>>(),
        SHARD_TARGET * scale(n) as usize,
    );
    let pair_groups = group_by_shard(&pair_entries, |e| e.0.as_str(), &pair_shards);
    tally.add(
        pair_groups
            .par_iter()
            .flat_map_iter(|(prefix, es)| {
                write_files(
                    writer,
                    pair_shard(prefix, es.iter().map(|(k, s)| (k.as_str(), s)), &|_| true),
                )
            })
            .collect(),
    );
    let pair_members = member_sets(&pair_groups, |e| e.0.clone());
    drop(pair_groups);
    let (pairs, pair_ids, pair_entries, long_pairs) = if keeping {
        let long_pairs = pair_entries
            .iter()
            .filter(|(_, s)| update::is_long(s))
            .map(|(k, _)| k.clone())
            .collect();
        (
            Some(pairs),
            Some(pair_ids),
            Some(pair_entries.into_iter().collect::<BTreeMap<_, _>>()),
            long_pairs,
        )
    } else {
        drop(pair_entries);
        drop(pair_ids);
        (None, None, None, BTreeSet::new())
    };
    // Record chunks and record files, in parallel over the chunk folders: the chunks of
    // `r/<g>/` and `r/<g>.dat` hold the same records, whose shown data is made once for both.
    tally.add(
        (0..n.div_ceil(CHUNK).div_ceil(FOLDER))
            .into_par_iter()
            .flat_map_iter(|g| {
                let (chunks, dat) = record_folder(site, &links, &first, &years, g, |_| true);
                let mut out = write_files(writer, chunks);
                out.extend(write_data(writer, vec![dat]));
                out
            })
            .collect(),
    );

    // Facet code blocks: the codes of records `k * fblock ..`, for counts and filters.
    let blocks = n.div_ceil(fblock(n));
    tally.add(
        (0..blocks)
            .into_par_iter()
            .flat_map_iter(|k| write_files(writer, vec![facet_block(&codes, &code_end, k)]))
            .collect(),
    );
    let meta = meta_file(
        site,
        &exp,
        &years,
        &codes,
        &code_end,
        &word_shards,
        &pair_shards,
    );
    tally.add(write_files(writer, vec![meta]));
    let Tally {
        mut written,
        errors,
        ..
    } = tally;
    written.made = written.files;
    if !errors.is_empty() {
        return Err(errors);
    }
    if let (Some(keep), Some(words), Some(word_ids), Some(entries)) =
        (keep, words, word_ids, entries)
        && let (Some(pairs), Some(pair_ids), Some(pair_entries)) = (pairs, pair_ids, pair_entries)
    {
        *keep = Some(Box::new(Kept {
            plans: site.plans.clone(),
            first,
            years,
            codes,
            code_end,
            words,
            word_ids,
            entries,
            word_shards,
            word_members,
            pairs,
            pair_ids,
            pair_entries,
            pair_shards,
            pair_members,
            long_pairs,
            orders,
            due,
            sizes,
        }));
    }
    Ok(written)
}

/// The facet words of `words` ([`postings::FACET`]) that `pick` takes, with their ids.
fn facet_words<'a>(
    words: &'a FxHashMap<Box<str>, u32>,
    ids: &'a [Ids],
    pick: impl Fn(&str) -> bool + 'a,
) -> impl Iterator<Item = (&'a str, Vec<u32>)> + 'a {
    words
        .iter()
        .filter(move |(k, _)| k.starts_with(postings::FACET) && pick(k))
        .map(|(k, &i)| (&**k, ids[i as usize].to_vec()))
}

/// Writes `(name, data)` files as `__khSearch(name, data)` scripts: each name with its size
/// or error.
fn write_files(
    writer: &Writer,
    files: Vec<(String, String)>,
) -> Vec<(String, Result<u64, Diagnostic>)> {
    files
        .into_iter()
        .map(|(name, data)| {
            let body = format!("__khSearch({},{data});\n", json!(name));
            let r = write_one(writer, &format!("{name}.js"), Ok(body.as_bytes()));
            (name, r)
        })
        .collect()
}

/// Writes binary files as they are: each name with its size or error.
fn write_data(writer: &Writer, files: Vec<DataFile>) -> Vec<(String, Result<u64, Diagnostic>)> {
    files
        .into_iter()
        .map(|(name, bytes)| {
            let r = write_one(writer, &name, bytes.as_deref().map_err(String::as_str));
            (name, r)
        })
        .collect()
}

/// Writes `bytes` (or reports why they could not be made) as index file `file`.
fn write_one(writer: &Writer, file: &str, bytes: Result<&[u8], &str>) -> Result<u64, Diagnostic> {
    let rel = format!("{DIR}/{file}");
    let path = || writer.dir().join(&rel);
    let bytes = bytes.map_err(|e| {
        Diagnostic::error(path(), None, crate::tr!(crate::msg::CANNOT_MAKE, error = e))
    })?;
    writer
        .write(Path::new(&rel), bytes)
        .map(|()| bytes.len() as u64)
        .map_err(|e| {
            Diagnostic::error(
                path(),
                None,
                crate::tr!(crate::msg::CANNOT_WRITE, error = e),
            )
            .with_hint(crate::tr!(crate::msg::OUTPUT_WRITABLE_HINT))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_forms_fold_to_their_key() {
        assert_eq!(fold_exact("hoá"), "hoa");
        assert_eq!(fold_exact("đất"), "dat");
        assert_eq!(fold_exact("thuỷ"), "thuy");
    }
}
