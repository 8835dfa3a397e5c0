//! The search index: static files under `tim-kiem/chi-muc/`, queried in the browser by
//! `themes/default/static/search.js`, which fetches only the shards a query needs.
//!
//! Every file is a classic script `__khSearch("<name>", <data>)` so that it loads with
//! `<script src>` from `file://` as well as from a server. Files (names relative to
//! `tim-kiem/chi-muc/`):
//!
//! - `meta.js`: record count, chunk and facet block sizes, the dictionary and pair shard
//!   prefixes, units, states and deadline years (the facets, with their counts over all
//!   records), and the abbreviation pairs (for highlighting).
//! - `d/<prefix>.js`: dictionary shards, by the first letters of the folded word (a shard is
//!   split into longer prefixes while it is larger than [`SHARD_TARGET`]). An entry maps a
//!   folded word to its spellings (exact forms): `[exact, records, posting]` with the posting
//!   inline when at most [`INLINE`] characters, else `[exact, records, k, head]`: the posting
//!   is `p/<prefix>.<k>.js` and `head` its first [`HEAD`] ids, which is all a completion of the
//!   word being typed reads.
//! - `p/<prefix>.<k>.js`: a long posting. A posting lists record ids, each followed by the
//!   record's facet code ([`encode::facet_code`]: state, deadline year, units; 3–4
//!   characters), so that facet counts of a result set need no other file. A word found in
//!   more than [`DENSE`] records is stored as ids only (see [`encode::ids`]: gaps, runs, bitmap
//!   or the complement, whichever is shortest) with its facet histogram. A posting longer
//!   than [`CUT_PARTS`] first segments is cut by record ranges (see [`Segments`]): a first
//!   segment of about [`SEGMENT`] / [`FIRST_PART`] characters, next ones spanning up to
//!   [`GROWTH`] times the records before them, then segments of about [`SEGMENT`]. The file
//!   names where each ends (`"e"`) and holds the first; `p/<prefix>.<k>.<j>.js` holds
//!   segment `j`. A query reads the segments of all its postings from the first, and reads on
//!   only while the records after those read could still enter its first page; its total and
//!   counts are then estimated from the records read (marked "khoảng"). While a query is
//!   typed, it reads no segment on: an unsettled first page is shown as provisional and
//!   settled when typing pauses.
//! - `f/<k>.js`: the facet codes of records `k * fblock ..` ([`fblock`]), read when a
//!   query's results include records of dense words only (their postings have no codes).
//!   Without a filter a query reads at most 4 blocks: when its results span more, it reads 4
//!   blocks spread over the records read and the counts it shows are estimates, scaled to
//!   the result count and marked "khoảng". A filter reads every block it needs (exact results
//!   and counts).
//! - `b/<prefix>.js`, `q/<prefix>.<k>.js`: adjacent word pairs ("thu tuc") with the ids of the
//!   records where they are adjacent, for ranking phrases above scattered words; inline up to
//!   [`PAIR_INLINE`] characters. A pair of two dense words may be written instead as `X` and
//!   the records that have both words apart: the query has both words' postings and
//!   intersects them. A long pair posting is cut into segments like a word's
//!   (`q/<prefix>.<k>.<j>.js`).
//! - `r/<n / 64>/<n>.js`: records `n * CHUNK .. (n + 1) * CHUNK`: what a result shows (text,
//!   anchor, status, deadline, units), each naming its plan in the chunk's list of plan links
//!   and labels, written once per chunk.
//! - `r/<g>.dat`: the records of folder `r/<g>/` ([`FOLDER`] chunks, `meta.rg` records) in one
//!   binary file read by HTTP range requests, so that a results page reads its 10 records
//!   (a few hundred bytes each) instead of up to 10 whole chunks. The file is a header of
//!   `count + 1` little-endian u32 byte offsets from the start of the file, then the records:
//!   record `j` of the file (id `g * meta.rg + j`) is bytes `off[j] .. off[j + 1]`, UTF-8 JSON,
//!   self-contained: `[0, text, plan href + "#" + anchor, s, deadline, plan label, lead,
//!   support, percent]` for a task, `[1, title, plan href, 0, date, plan label, issuer]` for a
//!   plan (what `Engine.records` returns). The script reads the header entries of the records
//!   it needs, then the records, each in as few requests as it can; from `file://`, or where a
//!   server answers a range with the whole file, it reads the chunks instead.
//!
//! Record ids: each plan (newest first) then its tasks in document order, so a plan's words
//! make runs of ids and equal scores list newer plans first.

pub mod analyze;
pub mod encode;
mod update;

use crate::content::Plan;
use crate::diag::Diagnostic;
use crate::output::Writer;
use crate::site::Site;
use crate::site::status::State;
use crate::urls::Links;
use analyze::{Analyzer, Expansions, Word};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
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
/// index first and goes on only while its first page is not settled (see [`Segments`]).
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

/// Words and word pairs found in a range of records, with the ids of their records.
#[derive(Default)]
struct Postings {
    words: FxHashMap<Box<str>, u32>,
    word_ids: Vec<Ids>,
    pairs: FxHashMap<Box<str>, u32>,
    pair_ids: Vec<Ids>,
}

/// The index of `key` in `map`, added with an empty list when new.
fn intern(map: &mut FxHashMap<Box<str>, u32>, lists: &mut Vec<Ids>, key: &str) -> u32 {
    match map.get(key) {
        Some(&i) => i,
        None => {
            let i = lists.len() as u32;
            map.insert(key.into(), i);
            lists.push(Ids::default());
            i
        }
    }
}

/// Record ids (increasing) while the index is built: the gaps as LEB128 bytes, about a byte an
/// id instead of four, as the ids of a large site's words are the memory peak of its build.
#[derive(Default)]
struct Ids {
    bytes: Vec<u8>,
    /// The last id plus one (0: none yet).
    end: u32,
    len: u32,
}

impl Ids {
    fn push(&mut self, id: u32) {
        if self.len > 0 && id < self.end {
            return; // already there (ids come in order)
        }
        leb(&mut self.bytes, id - self.end);
        self.end = id + 1;
        self.len += 1;
    }

    /// Appends `other`, whose ids all come after these.
    fn append(&mut self, other: Ids) {
        let mut at = 0;
        let Some(first) = read_leb(&other.bytes, &mut at) else {
            return;
        };
        leb(&mut self.bytes, first.saturating_sub(self.end));
        self.bytes.extend_from_slice(&other.bytes[at..]);
        self.end = other.end;
        self.len += other.len;
    }

    fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        let (mut at, mut next) = (0, 0u32);
        std::iter::from_fn(move || {
            let g = read_leb(&self.bytes, &mut at)?;
            let id = next.wrapping_add(g);
            next = id.wrapping_add(1);
            Some(id)
        })
    }

    fn to_vec(&self) -> Vec<u32> {
        let mut out = Vec::with_capacity(self.len as usize);
        out.extend(self.iter());
        out
    }
}

/// The ids in both `a` and `b` and not in `pair` (sorted; `pair` is within both).
fn exceptions(a: &Ids, b: &Ids, pair: &[u32]) -> Vec<u32> {
    let (mut ia, mut ib) = (a.iter(), b.iter());
    let (mut x, mut y) = (ia.next(), ib.next());
    let mut p = pair.iter().peekable();
    let mut out = Vec::new();
    while let (Some(u), Some(v)) = (x, y) {
        if u < v {
            x = ia.next();
        } else if v < u {
            y = ib.next();
        } else {
            while p.next_if(|&&q| q < u).is_some() {}
            if p.next_if_eq(&&u).is_none() {
                out.push(u);
            }
            x = ia.next();
            y = ib.next();
        }
    }
    out
}

fn leb(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn read_leb(b: &[u8], at: &mut usize) -> Option<u32> {
    let (mut v, mut shift) = (0u32, 0u32);
    loop {
        let c = *b.get(*at)?;
        *at += 1;
        v |= ((c & 0x7f) as u32).checked_shl(shift).unwrap_or(0);
        if c & 0x80 == 0 {
            return Some(v);
        }
        shift += 7;
    }
}

/// What one field text adds to a record: indexes of its words and pairs in a [`Postings`]
/// (sorted, distinct). A text repeated over records (a plan's title, a unit's name) is
/// analysed once.
#[derive(Default)]
struct FieldIds {
    words: Vec<u32>,
    pairs: Vec<u32>,
}

impl Postings {
    /// The words and pairs of one field text (already analysed in `a`).
    fn field(&mut self, a: &Analyzer, exp: &Expansions, pair: &mut String) -> FieldIds {
        let mut out = FieldIds::default();
        let mut prev: Option<&str> = None;
        for &w in &a.words {
            out.words
                .push(intern(&mut self.words, &mut self.word_ids, a.exact(w)));
            let f = a.folded(w);
            if let Some(p) = prev {
                out.pairs.push(self.pair(pair, p, f));
            }
            prev = Some(f);
        }
        exp.each(a, |before: Option<Word>, words, after: Option<Word>| {
            let mut prev = before.map(|w| a.folded(w).to_string());
            for (e, f) in words {
                out.words
                    .push(intern(&mut self.words, &mut self.word_ids, e));
                if let Some(p) = &prev {
                    out.pairs.push(self.pair(pair, p, f));
                }
                prev = Some(f.clone());
            }
            if let (Some(p), Some(w)) = (prev, after) {
                out.pairs.push(self.pair(pair, &p, a.folded(w)));
            }
        });
        out.words.sort_unstable();
        out.words.dedup();
        out.pairs.sort_unstable();
        out.pairs.dedup();
        out
    }

    fn pair(&mut self, buf: &mut String, a: &str, b: &str) -> u32 {
        buf.clear();
        buf.push_str(a);
        buf.push(' ');
        buf.push_str(b);
        intern(&mut self.pairs, &mut self.pair_ids, buf)
    }

    /// Adds record `rec` (not before any record added so far) to the lists of `f`.
    fn add(&mut self, f: &FieldIds, rec: u32) {
        for &i in &f.words {
            self.word_ids[i as usize].push(rec);
        }
        for &i in &f.pairs {
            self.pair_ids[i as usize].push(rec);
        }
    }

    /// Appends `other` (records after this one's).
    fn merge(&mut self, other: Postings) {
        let Postings {
            words,
            mut word_ids,
            pairs,
            mut pair_ids,
        } = other;
        for (k, i) in words {
            let ids = std::mem::take(&mut word_ids[i as usize]);
            append(&mut self.words, &mut self.word_ids, k, ids);
        }
        for (k, i) in pairs {
            let ids = std::mem::take(&mut pair_ids[i as usize]);
            append(&mut self.pairs, &mut self.pair_ids, k, ids);
        }
    }
}

fn append(map: &mut FxHashMap<Box<str>, u32>, lists: &mut Vec<Ids>, k: Box<str>, ids: Ids) {
    match map.get(&k) {
        Some(&i) => lists[i as usize].append(ids),
        None => {
            map.insert(k, lists.len() as u32);
            lists.push(ids);
        }
    }
}

/// The folded form of an exact form.
pub fn fold_exact(exact: &str) -> String {
    exact
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect()
}

/// Facet values of a record: `s` = 0 for a plan, else state index + 1, plus 8 when overdue;
/// `y` = index of the deadline year + 1 (0: no dated deadline); units (registry indexes).
struct Facets {
    s: u32,
    y: u32,
    units: Vec<u32>,
}

/// One record: a plan or a task, its searchable fields and what a result shows.
struct Record<'s> {
    fields: Vec<&'s str>,
    /// Owned fields (unit names and short names).
    extra: Vec<String>,
    facets: Facets,
    show: Value,
}

/// Analyses records into [`Postings`] and facet codes. Each distinct field text is analysed
/// once per builder (a plan's title and number, a unit's name and a deadline repeat over the
/// records of a range of plans).
#[derive(Default)]
struct Builder<'s> {
    post: Postings,
    a: Analyzer,
    pair: String,
    cache: FxHashMap<&'s str, FieldIds>,
    owned: FxHashMap<String, FieldIds>,
    /// Facet codes of the records added, concatenated, and where each ends.
    codes: String,
    ends: Vec<u32>,
}

impl<'s> Builder<'s> {
    /// Adds `rec` as record `id` (ids come in increasing order).
    fn add(&mut self, rec: &Record<'s>, id: u32, exp: &Expansions) {
        let Builder {
            post,
            a,
            pair,
            cache,
            owned,
            codes,
            ends,
        } = self;
        for &f in &rec.fields {
            let ids = cache.entry(f).or_insert_with(|| {
                a.run(f);
                post.field(a, exp, pair)
            });
            post.add(ids, id);
        }
        for f in &rec.extra {
            if !owned.contains_key(f.as_str()) {
                a.run(f);
                let ids = post.field(a, exp, pair);
                owned.insert(f.clone(), ids);
            }
            if let Some(ids) = owned.get(f.as_str()) {
                post.add(ids, id);
            }
        }
        facet_code(codes, &rec.facets);
        ends.push(codes.len() as u32);
    }
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
    let mut years: Vec<i32> = site
        .index
        .tasks
        .iter()
        .filter_map(|&r| {
            let d = &site.task(r).due;
            d.year().filter(|_| d.kind.is_dated())
        })
        .collect();
    years.sort_unstable();
    years.dedup();
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

/// The records of the site's plan `pi`.
fn site_records<'s>(site: &'s Site, pi: usize, years: &[i32], show: bool) -> Vec<Record<'s>> {
    let first = site.index.first_task[pi] as usize;
    plan_records(
        &site.registry,
        &site.plans[pi],
        |k| site.index.status[first + k],
        years,
        show,
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

    // Words and pairs, in parallel over ranges of plans, merged in id order.
    let ranges: Vec<std::ops::Range<usize>> = (0..site.plans.len())
        .step_by(64)
        .map(|s| s..(s + 64).min(site.plans.len()))
        .collect();
    let parts: Vec<Builder> = ranges
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
    let mut post = Postings::default();
    let mut codes = String::new();
    let mut code_end: Vec<u32> = Vec::with_capacity(total);
    for b in parts {
        let base = codes.len() as u32;
        codes.push_str(&b.codes);
        code_end.extend(b.ends.iter().map(|e| e + base));
        post.merge(b.post);
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
                write_files(writer, word_shard(prefix, es, hint, &|_| Want::All))
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
            let s = encode_pair(&ids, n, || {
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
            sizes,
        }));
    }
    Ok(written)
}

/// Where the facet code of record `id` starts in the concatenated codes.
fn code_start(code_end: &[u32], id: u32) -> u32 {
    if id == 0 {
        0
    } else {
        code_end[id as usize - 1]
    }
}

/// The facet code of record `id`.
fn code_at<'c>(codes: &'c str, code_end: &[u32], id: u32) -> &'c str {
    &codes[code_start(code_end, id) as usize..code_end[id as usize] as usize]
}

/// Facet block `k`: the codes of records `k * fblock ..`.
fn facet_block(codes: &str, code_end: &[u32], k: u32) -> (String, String) {
    let n = code_end.len() as u32;
    let lo = k * fblock(n);
    let hi = (lo + fblock(n)).min(n);
    let start = code_start(code_end, lo);
    let end = code_end[hi as usize - 1];
    (
        format!("f/{k}"),
        json!(&codes[start as usize..end as usize]).to_string(),
    )
}

/// `meta.js`: sizes, shard prefixes, facet values and their counts over all records.
fn meta_file(
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
    });
    ("meta".into(), meta.to_string())
}

/// The records of chunk folder `g`: the chunks `want(k)` asks for (chunk numbers), each whole,
/// and the record file `r/<g>.dat` of all its records.
fn record_folder(
    site: &Site,
    links: &Links,
    first: &[u32],
    years: &[i32],
    g: u32,
    want: impl Fn(u32) -> bool,
) -> (Vec<(String, String)>, DataFile) {
    let total = *first.last().unwrap_or(&0);
    let lo = (g * FOLDER * CHUNK).min(total);
    let hi = ((g + 1) * FOLDER * CHUNK).min(total);
    let mut shows = shown(site, first, years, lo..hi);
    let dat = (dat_name(g), dat_file(site, links, &shows));
    shows.retain(|(id, _, _)| want(id / CHUNK));
    (chunk_files(site, links, shows), dat)
}

/// `(id, plan, shown data)` of the records `ids`: the records of the plans they overlap.
fn shown(
    site: &Site,
    first: &[u32],
    years: &[i32],
    ids: std::ops::Range<u32>,
) -> Vec<(u32, usize, Value)> {
    let (lo, hi) = (ids.start, ids.end);
    let mut shows = Vec::new();
    if lo >= hi {
        return shows;
    }
    // The plan of record `lo`: the last plan whose first record is at most `lo`.
    let mut pi = first.partition_point(|&f| f <= lo).saturating_sub(1);
    while pi < site.plans.len() && first[pi] < hi {
        for (k, rec) in site_records(site, pi, years, true).into_iter().enumerate() {
            let id = first[pi] + k as u32;
            if id >= lo && id < hi {
                shows.push((id, pi, rec.show));
            }
        }
        pi += 1;
    }
    shows
}

/// The file name of record file `g` (the records of chunk folder `r/<g>/`).
pub fn dat_name(g: u32) -> String {
    format!("r/{g}.dat")
}

/// A binary file of the index: its name (with its extension) and its bytes, or why it cannot
/// be made.
type DataFile = (String, Result<Vec<u8>, String>);

/// A record file (see the module doc) for `(id, plan, shown data)` of consecutive records: the
/// offsets, then each record as `Engine.records` returns it, with its plan's link and label.
fn dat_file(site: &Site, links: &Links, shows: &[(u32, usize, Value)]) -> Result<Vec<u8>, String> {
    let mut body = Vec::new();
    let mut ends = Vec::with_capacity(shows.len());
    let mut plan: Option<(usize, String, String)> = None;
    for (_, pi, v) in shows {
        if plan.as_ref().is_none_or(|(p, _, _)| p != pi) {
            let p = &site.plans[*pi];
            plan = Some((*pi, links.plan(&p.slug), p.number_label()));
        }
        let Some((_, href, label)) = &plan else {
            continue;
        };
        let r = if v[0] == 1 {
            serde_json::to_writer(&mut body, &(1, &v[1], href, 0, &v[4], label, &v[5]))
        } else {
            let anchor = match &v[3] {
                Value::String(a) => a.clone(),
                other => other.to_string(),
            };
            let target = format!("{href}#{anchor}");
            let r = (0, &v[1], target, &v[4], &v[5], label, &v[6], &v[7], &v[8]);
            serde_json::to_writer(&mut body, &r)
        };
        r.map_err(|e| e.to_string())?;
        ends.push(body.len());
    }
    let mut start = 0;
    let records: Vec<&[u8]> = ends
        .iter()
        .map(|&end| {
            let r = &body[start..end];
            start = end;
            r
        })
        .collect();
    record_file(&records)
}

/// A record file of the records' bytes: their offsets, then the records.
fn record_file(records: &[&[u8]]) -> Result<Vec<u8>, String> {
    let head = 4 * (records.len() + 1);
    let size: usize = records.iter().map(|r| r.len()).sum();
    let too_big = || format!("{size} bytes of records do not fit 32-bit offsets");
    let mut out = Vec::with_capacity(head + size);
    let mut at = head;
    out.extend_from_slice(&u32::try_from(at).map_err(|_| too_big())?.to_le_bytes());
    for r in records {
        at += r.len();
        out.extend_from_slice(&u32::try_from(at).map_err(|_| too_big())?.to_le_bytes());
    }
    for r in records {
        out.extend_from_slice(r);
    }
    Ok(out)
}

/// Groups entries by shard and returns each shard's keys.
fn member_sets<T>(
    groups: &[(String, Vec<&T>)],
    key: impl Fn(&T) -> String,
) -> FxHashMap<String, BTreeSet<String>> {
    groups
        .iter()
        .map(|(p, es)| (p.clone(), es.iter().map(|e| key(e)).collect()))
        .collect()
}

/// A folded word's dictionary entry from its spellings (exact form, ids), and with `union`,
/// for a dense word, the union of its spellings' ids.
fn make_entry<'c>(
    key: &str,
    forms: &[(&str, &Ids)],
    code: &dyn Fn(u32) -> &'c str,
    n: u32,
    union: bool,
) -> (Entry, Option<Ids>) {
    let lists: Vec<Vec<u32>> = forms.iter().map(|(_, ids)| ids.to_vec()).collect();
    let mut vs: Vec<Spelling> = forms
        .iter()
        .zip(&lists)
        .map(|((exact, _), ids)| encode_word(exact, ids, code, n))
        .collect();
    vs.sort_by(|a, b| b.count.cmp(&a.count).then(a.exact.cmp(&b.exact)));
    let union = if union { dense_union(&lists) } else { None };
    let entry = Entry {
        key: key.to_string(),
        spellings: vs,
    };
    (entry, union)
}

/// The union of a folded word's spellings' ids (`lists`), if the word is dense (more than
/// [`DENSE`] ids in all): what the pairs of two dense words are encoded against.
fn dense_union(lists: &[Vec<u32>]) -> Option<Ids> {
    if lists.iter().map(Vec::len).sum::<usize>() <= DENSE {
        return None;
    }
    let mut all: Vec<u32> = lists.concat();
    all.sort_unstable();
    let mut ids = Ids::default();
    for id in all {
        ids.push(id);
    }
    Some(ids)
}

/// The segment size in characters: [`SEGMENT`], or `KEHOACH_SEARCH_SEGMENT` (for tests and
/// benchmarks, to cut the postings of a small site).
fn segment_size() -> usize {
    static SIZE: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *SIZE.get_or_init(|| {
        std::env::var("KEHOACH_SEARCH_SEGMENT")
            .ok()
            .and_then(|v| v.parse().ok())
            .filter(|&v| v > 0)
            .unwrap_or(SEGMENT)
    })
}

/// A long posting cut by record ranges: the first segment's encoding is the posting's own
/// file (with `"e"`: where each segment ends, the last at the record count), segment `j ≥ 1`
/// is the file `<posting file>.<j>`. Each segment lists the ids from its start, in the form
/// of the whole posting. A query reads segments from the first while records after those
/// read could still outrank its first page.
#[derive(Default, Clone, PartialEq, Debug)]
struct Segments {
    /// The encodings of segments `1 ..`.
    more: Vec<String>,
    /// Where each segment ends (empty: the posting is not cut).
    ends: Vec<u32>,
}

/// Cuts `ids` (sorted, below `n`) into segments when `whole` (their encoding over all
/// records) is longer than [`CUT_PARTS`] first segments ([`segment_size`] / [`FIRST_PART`]):
/// returns the first segment's encoding and the rest. `encode(out, ids, start,
/// end)` writes the ids of `start .. end` counted from `start`.
fn segmented(
    ids: &[u32],
    n: u32,
    whole: &str,
    encode: impl Fn(&mut String, &[u32], u32, u32),
) -> Option<(String, Segments)> {
    let target = segment_size() * scale(n) as usize;
    let first = target / FIRST_PART;
    if whole.len() <= first * CUT_PARTS {
        return None;
    }
    // Records the later segments span: the cell times the largest power of two that keeps a
    // segment near the target at the posting's mean density, and few enough segments.
    let mut span = SEGMENT_CELL as u64;
    let (len, n64) = (whole.len() as u64, n as u64);
    while span * 2 * len <= target as u64 * n64 || span * (MAX_SEGMENTS as u64) < n64 {
        span *= 2;
    }
    // The first segment spans the fewest records (a power of two cells) that hold about
    // `first` characters of the posting; the next ones grow fourfold up to `span`.
    let per_id = len as f64 / ids.len().max(1) as f64;
    let mut lead = SEGMENT_CELL as u64;
    while lead < span
        && (ids.partition_point(|&id| (id as u64) < lead) as f64) * per_id < first as f64
    {
        lead *= 2;
    }
    if lead >= n64 {
        return None;
    }
    let mut parts = Vec::new();
    let mut ends = Vec::new();
    let mut at = 0;
    let mut start = 0u64;
    while start < n64 {
        let step = if start == 0 {
            lead
        } else if start < span {
            (start * (GROWTH - 1)).min(span - start)
        } else {
            span
        };
        let end = (start + step).min(n64) as u32;
        let k = at + ids[at..].partition_point(|&id| id < end);
        let mut s = String::new();
        encode(&mut s, &ids[at..k], start as u32, end);
        parts.push(s);
        ends.push(end);
        at = k;
        start = end as u64;
    }
    let mut parts = parts.into_iter();
    let first = parts.next()?;
    Some((
        first,
        Segments {
            more: parts.collect(),
            ends,
        },
    ))
}

/// Ids of `start .. end` (in `ids`) counted from `start`, in the shortest form.
fn encode_ids_from(out: &mut String, ids: &[u32], start: u32, end: u32) {
    let local: Vec<u32> = ids.iter().map(|id| id - start).collect();
    encode::ids(out, &local, end - start);
}

/// A pair's posting, perhaps cut into segments (then `p` is the first).
#[derive(Clone, PartialEq, Debug)]
struct PairPosting {
    p: String,
    seg: Segments,
}

impl Segments {
    /// The files of segments `1 ..` of the posting in file `base`.
    fn files(&self, base: &str) -> impl Iterator<Item = (String, String)> + '_ {
        let base = base.to_string();
        self.more
            .iter()
            .enumerate()
            .map(move |(j, more)| (format!("{base}.{}", j + 1), json!(more).to_string()))
    }
}

impl PairPosting {
    /// Whether it is written in files of its own rather than in its shard.
    fn has_file(&self) -> bool {
        !self.seg.ends.is_empty() || self.p.len() > PAIR_INLINE
    }
    /// How many files of its own it has.
    fn files(&self) -> usize {
        if self.has_file() {
            1 + self.seg.more.len()
        } else {
            0
        }
    }
}

/// A pair's posting: its ids, or, when that is long and `both` gives the two words' ids
/// (both dense), `X` and the records that have both words apart if that is shorter (the query
/// has both words' postings and intersects them). A long one is cut into segments, each in
/// the form of the whole.
fn encode_pair<'d>(
    ids: &[u32],
    n: u32,
    both: impl FnOnce() -> Option<(&'d Ids, &'d Ids)>,
) -> PairPosting {
    let mut s = String::new();
    encode::ids(&mut s, ids, n);
    let mut apart = None;
    if s.len() > PAIR_INLINE
        && let Some((a, b)) = both()
    {
        let exc = exceptions(a, b, ids);
        let mut x = String::from("X");
        encode::ids(&mut x, &exc, n);
        if x.len() < s.len() {
            s = x;
            apart = Some(exc);
        }
    }
    let cut = match &apart {
        Some(exc) => segmented(exc, n, &s, |out, ids, start, end| {
            out.push('X');
            encode_ids_from(out, ids, start, end);
        }),
        None => segmented(ids, n, &s, encode_ids_from),
    };
    match cut {
        Some((p, seg)) => PairPosting { p, seg },
        None => PairPosting {
            p: s,
            seg: Segments::default(),
        },
    }
}

/// Approximate bytes of a pair entry in its shard.
fn pair_size(key: &str, posting: &PairPosting) -> usize {
    key.len()
        + if posting.has_file() {
            3
        } else {
            posting.p.len()
        }
        + 6
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
    let bytes = bytes.map_err(|e| Diagnostic::error(path(), None, format!("cannot make: {e}")))?;
    writer
        .write(Path::new(&rel), bytes)
        .map(|()| bytes.len() as u64)
        .map_err(|e| {
            Diagnostic::error(path(), None, format!("cannot write: {e}"))
                .with_hint("check that the output folder is writable and the disk is not full")
        })
}

/// A record's facet code (see [`encode::facet_code`]).
fn facet_code(out: &mut String, f: &Facets) {
    encode::facet_code(out, f.s, f.y, &f.units);
}

/// Counts of records by facet value.
struct Histogram {
    s: Vec<u32>,
    y: Vec<u32>,
    u: Vec<u32>,
    /// Years always written (the site's histogram has one per deadline year).
    years: usize,
}

impl Histogram {
    fn new(years: usize, units: usize) -> Self {
        Histogram {
            s: vec![0; 16],
            y: vec![0; years + 1],
            u: vec![0; units],
            years: years + 1,
        }
    }
    fn add(&mut self, code: &str, units: &mut Vec<u32>) {
        self.count(code, units, true);
    }
    /// Counts the record of facet code `code` in (`up`) or out of the histogram (an in-place
    /// update: a record's code changed).
    fn count(&mut self, code: &str, units: &mut Vec<u32>, up: bool) {
        let Some((s, y)) = encode::Reader::new(code).code(units) else {
            return;
        };
        let step = |c: &mut u32| *c = if up { *c + 1 } else { c.saturating_sub(1) };
        if let Some(c) = self.s.get_mut(s as usize) {
            step(c);
        }
        let y = y as usize;
        if y >= self.y.len() {
            self.y.resize(y + 1, 0);
        }
        step(&mut self.y[y]);
        for &u in units.iter() {
            let u = u as usize;
            if u >= self.u.len() {
                self.u.resize(u + 1, 0);
            }
            step(&mut self.u[u]);
        }
    }
    /// `[states, years, [[unit, count] …]]`: years up to the last one counted (or all the
    /// site's), units only where the count is not zero.
    fn json(&self) -> Value {
        let units: Vec<[u32; 2]> = self
            .u
            .iter()
            .enumerate()
            .filter(|(_, c)| **c > 0)
            .map(|(u, c)| [u as u32, *c])
            .collect();
        let years = self
            .y
            .iter()
            .rposition(|&c| c > 0)
            .map_or(0, |i| i + 1)
            .max(self.years);
        json!([self.s, self.y[..years], units])
    }
}

/// One spelling of a word with its encoded posting.
struct Spelling {
    exact: Box<str>,
    count: usize,
    /// `L` + (gap, facet code) per record, or, for a dense word, ids only.
    posting: String,
    /// A dense word's facet histogram.
    hist: Option<Histogram>,
    /// The first [`HEAD`] ids (form `I`) of a posting kept in its own file.
    head: Option<String>,
    /// A long posting's further segments (`posting` is then the first).
    seg: Segments,
}

impl Spelling {
    fn inline(&self) -> bool {
        self.hist.is_none() && self.seg.ends.is_empty() && self.posting.len() <= INLINE
    }
}

struct Entry {
    key: String,
    spellings: Vec<Spelling>,
}

impl Entry {
    /// The records of all its spellings (a record with two counts twice).
    fn total(&self) -> usize {
        self.spellings.iter().map(|s| s.count).sum()
    }

    /// How many posting files of its own it has.
    fn files(&self) -> usize {
        self.spellings
            .iter()
            .filter(|s| !s.inline())
            .map(|s| 1 + s.seg.more.len())
            .sum()
    }

    /// Approximate bytes in its dictionary shard.
    fn size(&self) -> usize {
        self.key.len()
            + 4
            + self
                .spellings
                .iter()
                .map(|s| {
                    s.exact.len()
                        + 12
                        + if s.inline() {
                            s.posting.len()
                        } else {
                            4 + s.head.as_ref().map_or(0, String::len)
                        }
                })
                .sum::<usize>()
    }
}

fn encode_word<'a>(exact: &str, ids: &[u32], code: &dyn Fn(u32) -> &'a str, n: u32) -> Spelling {
    // `L`, then each id of `start ..` as its gap from the one before, and its facet code.
    let with_codes = |out: &mut String, ids: &[u32], start: u32, _end: u32| {
        out.push('L');
        let mut prev = start as i64 - 1;
        for &id in ids {
            encode::varint(out, (id as i64 - prev - 1) as u32);
            prev = id as i64;
            out.push_str(code(id));
        }
    };
    let mut posting = String::new();
    let hist = if ids.len() > DENSE {
        encode::ids(&mut posting, ids, n);
        // A word's years go up to the last of its records'.
        let mut h = Histogram {
            years: 0,
            ..Histogram::new(0, 0)
        };
        let mut units = Vec::new();
        for &id in ids {
            h.add(code(id), &mut units);
        }
        Some(h)
    } else {
        with_codes(&mut posting, ids, 0, n);
        None
    };
    let head = (hist.is_some() || posting.len() > INLINE).then(|| {
        let mut h = String::new();
        encode::gap_ids(&mut h, &ids[..ids.len().min(HEAD)]);
        h
    });
    let cut = if hist.is_some() {
        segmented(ids, n, &posting, encode_ids_from)
    } else {
        segmented(ids, n, &posting, with_codes)
    };
    let seg = match cut {
        Some((first, seg)) => {
            posting = first;
            seg
        }
        None => Segments::default(),
    };
    Spelling {
        exact: exact.into(),
        count: ids.len(),
        posting,
        hist,
        head,
        seg,
    }
}

/// The shard prefixes for sorted `(key, size)` entries: the root `""`, and a longer prefix
/// wherever the keys under it weigh more than [`SHARD_TARGET`]. A key belongs to the longest
/// prefix of it in the list. Prefixes use ASCII letters, digits and the space only.
pub fn shard_prefixes(keys: &[(&str, usize)], target: usize) -> Vec<String> {
    fn split(keys: &[(&str, usize)], prefix: &str, target: usize, out: &mut Vec<String>) {
        out.push(prefix.to_string());
        let total: usize = keys.iter().map(|k| k.1).sum();
        if total <= target || prefix.len() >= 12 {
            return;
        }
        let depth = prefix.len();
        // The keys by their next letter: (letter, range, weight).
        let mut groups = Vec::new();
        let mut i = 0;
        while i < keys.len() {
            let c = keys[i].0.as_bytes().get(depth).copied();
            let mut j = i + 1;
            while j < keys.len() && keys[j].0.as_bytes().get(depth).copied() == c {
                j += 1;
            }
            if let Some(c) = c.filter(|c| c.is_ascii_alphanumeric() || *c == b' ') {
                let weight: usize = keys[i..j].iter().map(|k| k.1).sum();
                groups.push((c, i..j, weight));
            }
            i = j;
        }
        // A letter's keys get a shard of their own when they weigh more than a quarter of
        // the target, and then the heaviest others until what stays here is within it.
        groups.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
        let mut rest = total;
        for (c, range, weight) in groups {
            if weight > target / 4 || rest > target {
                rest -= weight;
                let mut p = prefix.to_string();
                p.push(c as char);
                split(&keys[range], &p, target, out);
            }
        }
    }
    let mut out = Vec::new();
    split(keys, "", target, &mut out);
    out.sort();
    out
}

/// Shard prefixes (sorted; ASCII letters, digits and spaces) in one string: for each, a
/// character of [`encode::ALPHABET`] telling how many first letters it shares with the one
/// before, then its other letters; `,` between them.
pub fn front_coded(prefixes: &[String]) -> String {
    let mut out = String::new();
    let mut prev = "";
    for (i, p) in prefixes.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let same = prev
            .bytes()
            .zip(p.bytes())
            .take_while(|(a, b)| a == b)
            .count()
            .min(63);
        out.push(encode::ALPHABET[same] as char);
        out.push_str(&p[same..]);
        prev = p;
    }
    out
}

/// The prefixes that [`front_coded`] wrote.
pub fn front_decoded(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for e in s.split(',') {
        let Some(c) = e.bytes().next() else { continue };
        let same = encode::VALUE[c as usize] as usize;
        let mut p: String = out
            .last()
            .map_or("", |l| l.as_str())
            .chars()
            .take(same)
            .collect();
        p.push_str(&e[1..]);
        out.push(p);
    }
    out
}

/// The shard of `key`: its longest prefix in `shards` (sorted).
fn shard_of<'a>(key: &str, shards: &'a [String]) -> &'a str {
    let mut best = "";
    let mut end = key.len();
    loop {
        let p = &key[..end];
        if shards.binary_search_by(|s| s.as_str().cmp(p)).is_ok() {
            best = p;
            break;
        }
        // Step back one character (keys may hold non-ASCII letters).
        match p.char_indices().next_back() {
            Some((i, _)) => end = i,
            None => break,
        }
    }
    shards
        .iter()
        .find(|s| s.as_str() == best)
        .map_or("", String::as_str)
}

fn group_by_shard<'e, T>(
    entries: &'e [T],
    key: impl Fn(&T) -> &str,
    shards: &[String],
) -> Vec<(String, Vec<&'e T>)> {
    let mut by: HashMap<&str, Vec<&T>> = shards.iter().map(|s| (s.as_str(), Vec::new())).collect();
    for e in entries {
        let s = shard_of(key(e), shards);
        if let Some(v) = by.get_mut(s) {
            v.push(e);
        }
    }
    let mut out: Vec<(String, Vec<&T>)> = by.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// A shard's file name part: the prefix with spaces as `_`, `-` for the root.
pub fn file_part(prefix: &str) -> String {
    if prefix.is_empty() {
        "-".into()
    } else {
        prefix.replace(' ', "_")
    }
}

/// Which posting files of a dictionary entry to make.
#[derive(Clone, Copy, PartialEq)]
enum Want {
    None,
    /// The first file of each posting (a dense word's histogram changed, not its ids).
    First,
    All,
}

/// Completions to offer for a word being typed, by shard: for each shard that has shards
/// under it, `"+":{"<shard under it>":[["<word>",<records>] …] …}`, the [`COMPLETIONS`] words
/// of most records (sum of their spellings') among all the words each shard under it begins
/// (shards within it included). A word being typed reads its own shard, takes its best
/// completions from the words there and from these, and then reads only the shards of those
/// it takes, not every shard under it. `entries`: (folded word, records), sorted.
fn completion_hints(entries: &[(&str, usize)], shards: &[String]) -> FxHashMap<String, String> {
    type Best<'a> = Vec<(&'a str, usize)>;
    let mut by_parent: BTreeMap<&str, Vec<(&str, Best)>> = BTreeMap::new();
    for s in shards.iter().filter(|s| !s.is_empty()) {
        let parent = shard_of(&s[..s.len() - 1], shards);
        let lo = entries.partition_point(|(k, _)| *k < s.as_str());
        let hi = lo + entries[lo..].partition_point(|(k, _)| k.starts_with(s.as_str()));
        // The best few, in one pass (most records first; keys in order).
        let mut best: Vec<(&str, usize)> = Vec::with_capacity(COMPLETIONS + 1);
        for &(k, n) in &entries[lo..hi] {
            if best.len() == COMPLETIONS && best[COMPLETIONS - 1].1 >= n {
                continue;
            }
            let at = best.partition_point(|b| b.1 >= n);
            best.insert(at, (k, n));
            best.truncate(COMPLETIONS);
        }
        by_parent.entry(parent).or_default().push((s, best));
    }
    by_parent
        .into_iter()
        .map(|(parent, children)| {
            let mut out = String::from("{");
            for (i, (child, best)) in children.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                let _ = write!(out, "{}:{}", json!(child), json!(best));
            }
            out.push('}');
            (parent.to_string(), out)
        })
        .collect()
}

/// A dictionary shard and the posting files of its entries; `want(key)` tells which entries'
/// posting files to make (the shard itself is always made). `hints`: its completions (see
/// [`completion_hints`]), if it has shards under it.
fn word_shard(
    prefix: &str,
    entries: &[&Entry],
    hints: &str,
    want: &dyn Fn(&str) -> Want,
) -> Vec<(String, String)> {
    let part = file_part(prefix);
    let mut files = Vec::new();
    let mut dict = String::from("{");
    if !hints.is_empty() {
        let _ = write!(dict, "\"+\":{hints}");
        if !entries.is_empty() {
            dict.push(',');
        }
    }
    let mut k = 0;
    for (n, e) in entries.iter().enumerate() {
        if n > 0 {
            dict.push(',');
        }
        let _ = write!(dict, "{}:[", json!(e.key));
        for (m, s) in e.spellings.iter().enumerate() {
            if m > 0 {
                dict.push(',');
            }
            if s.inline() {
                let _ = write!(
                    dict,
                    "[{},{},{}]",
                    json!(s.exact),
                    s.count,
                    json!(s.posting)
                );
            } else {
                k += 1;
                let want = want(&e.key);
                if want != Want::None {
                    let mut file = json!({"p": s.posting});
                    if let Some(h) = &s.hist {
                        file["h"] = h.json();
                    }
                    if !s.seg.ends.is_empty() {
                        file["e"] = json!(s.seg.ends);
                    }
                    files.push((format!("p/{part}.{k}"), file.to_string()));
                }
                if want == Want::All {
                    files.extend(s.seg.files(&format!("p/{part}.{k}")));
                }
                let _ = write!(
                    dict,
                    "[{},{},{k},{}]",
                    json!(s.exact),
                    s.count,
                    json!(s.head.as_deref().unwrap_or("I"))
                );
            }
        }
        dict.push(']');
    }
    dict.push('}');
    files.push((format!("d/{part}"), dict));
    files
}

/// A pair shard and its long postings' files; `want(key)` tells which of those to make.
fn pair_shard<'e>(
    prefix: &str,
    entries: impl IntoIterator<Item = (&'e str, &'e PairPosting)>,
    want: &dyn Fn(&str) -> bool,
) -> Vec<(String, String)> {
    let part = file_part(prefix);
    let mut files = Vec::new();
    let mut dict = serde_json::Map::new();
    let mut k = 0;
    for (key, posting) in entries {
        let v = if !posting.has_file() {
            json!(posting.p)
        } else {
            k += 1;
            if want(key) {
                let file = if posting.seg.ends.is_empty() {
                    json!(posting.p)
                } else {
                    json!({"p": posting.p, "e": posting.seg.ends})
                };
                files.push((format!("q/{part}.{k}"), file.to_string()));
                files.extend(posting.seg.files(&format!("q/{part}.{k}")));
            }
            json!(k)
        };
        dict.insert(key.to_string(), v);
    }
    files.push((format!("b/{part}"), Value::Object(dict).to_string()));
    files
}

/// The file name of record chunk `k` (in sub-folders of [`FOLDER`] chunks).
pub fn chunk_name(k: u32) -> String {
    format!("r/{}/{k}", k / FOLDER)
}

/// Record chunk files for `(id, plan, shown data)` of consecutive records, each chunk whole.
/// A chunk is `{"p": [[plan href, plan label] …], "r": [record …]}`: a record names its plan by
/// its position in `p`, so a plan's link and label are written once per chunk.
fn chunk_files(
    site: &Site,
    links: &Links,
    shows: Vec<(u32, usize, Value)>,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut cur: Option<(u32, Vec<usize>, Vec<Value>)> = None;
    let flush = |out: &mut Vec<(String, String)>,
                 (k, plans, list): (u32, Vec<usize>, Vec<Value>)| {
        let p: Vec<Value> = plans
            .iter()
            .map(|&pi| {
                json!([
                    links.plan(&site.plans[pi].slug),
                    site.plans[pi].number_label()
                ])
            })
            .collect();
        out.push((chunk_name(k), json!({"p": p, "r": list}).to_string()));
    };
    for (id, pi, mut v) in shows {
        let c = id / CHUNK;
        if cur.as_ref().is_some_and(|(k, _, _)| *k != c)
            && let Some(done) = cur.take()
        {
            flush(&mut out, done);
        }
        let (_, plans, list) = cur.get_or_insert_with(|| (c, Vec::new(), Vec::new()));
        let local = match plans.iter().position(|&p| p == pi) {
            Some(i) => i,
            None => {
                plans.push(pi);
                plans.len() - 1
            }
        };
        if let Some(slot) = v.get_mut(2) {
            *slot = json!(local);
        }
        list.push(v);
    }
    if let Some(done) = cur {
        flush(&mut out, done);
    }
    out
}

/// The records of `plan`: the plan, then its tasks; `status(k)` is the status of its task `k`
/// (in document order).
fn plan_records<'s>(
    reg: &'s crate::content::units::Registry,
    plan: &'s Plan,
    status: impl Fn(usize) -> crate::site::TaskStatus,
    years: &[i32],
    show: bool,
) -> Vec<Record<'s>> {
    let mut out = Vec::with_capacity(1 + plan.task_count());
    let mut fields: Vec<&str> = vec![plan.title.as_str(), plan.kind.as_str(), plan.body.as_str()];
    fields.extend(plan.number.as_deref());
    fields.extend(plan.issuer.as_deref());
    fields.extend(plan.topics.iter().map(String::as_str));
    out.push(Record {
        fields,
        extra: Vec::new(),
        facets: Facets {
            s: 0,
            y: 0,
            units: Vec::new(),
        },
        show: if show {
            json!([
                1,
                plan.title,
                0,
                0,
                plan.date.map(|d| d.short_vi()),
                plan.issuer
            ])
        } else {
            Value::Null
        },
    });
    let mut k = 0;
    for g in &plan.groups {
        for task in &g.tasks {
            let status = status(k);
            k += 1;
            let mut fields: Vec<&str> = vec![
                task.content.as_str(),
                task.due.text.as_str(),
                plan.title.as_str(),
            ];
            fields.extend(task.output.as_deref());
            fields.extend(task.leader.as_deref());
            fields.extend(plan.number.as_deref());
            fields.extend(g.title.as_deref());
            let mut extra = Vec::new();
            let mut units = Vec::new();
            let mut shown = |ms: &[crate::content::UnitMention]| -> Vec<Value> {
                ms.iter()
                    .map(|m| match m.unit {
                        Some(u) => {
                            let unit = &reg.units[u];
                            extra.push(format!("{} {}", m.text, unit.name));
                            if let Some(s) = &unit.short {
                                extra.push(s.clone());
                            }
                            if !unit.collective && !units.contains(&(u as u32)) {
                                units.push(u as u32);
                            }
                            json!(u)
                        }
                        None => {
                            extra.push(m.text.to_string());
                            json!(&*m.text)
                        }
                    })
                    .collect()
            };
            let lead = shown(&task.lead);
            let support = shown(&task.support);
            let due = &task.due;
            let year = due.year().filter(|_| due.kind.is_dated());
            let y = year
                .and_then(|y| years.binary_search(&y).ok())
                .map_or(0, |i| i as u32 + 1);
            let s = State::ALL
                .iter()
                .position(|&st| st == status.state)
                .map_or(0, |i| i as u32 + 1)
                + if status.overdue { 8 } else { 0 };
            out.push(Record {
                fields,
                extra,
                facets: Facets { s, y, units },
                show: if show {
                    json!([
                        0,
                        task.content,
                        0,
                        task.id,
                        s,
                        due.text,
                        lead,
                        support,
                        status.percent
                    ])
                } else {
                    Value::Null
                },
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_split_where_keys_weigh_most() {
        let keys: Vec<(String, usize)> = (0..400)
            .map(|i| (format!("th{i:03}"), 40))
            .chain([("an".to_string(), 10), ("ba".to_string(), 10)])
            .collect();
        let refs: Vec<(&str, usize)> = keys.iter().map(|(k, s)| (k.as_str(), *s)).collect();
        let shards = shard_prefixes(&refs, SHARD_TARGET);
        assert!(shards.contains(&String::new()));
        assert!(
            shards.iter().any(|s| s.starts_with("th") && s.len() > 2),
            "{shards:?}"
        );
        assert_eq!(shard_of("an", &shards), "");
        assert!(shard_of("th123", &shards).starts_with("th"));
    }

    #[test]
    fn no_shard_weighs_more_than_the_target_when_its_keys_can_be_split() {
        // Many light letters: none weighs a quarter of the target, all together far more.
        let keys: Vec<(String, usize)> = (b'a'..=b'z')
            .chain(b'0'..=b'9')
            .flat_map(|c| (0..9).map(move |i| (format!("{}{i}", c as char), 40)))
            .collect();
        let refs: Vec<(&str, usize)> = keys.iter().map(|(k, s)| (k.as_str(), *s)).collect();
        let shards = shard_prefixes(&refs, SHARD_TARGET);
        let mut weight: FxHashMap<&str, usize> = FxHashMap::default();
        for (k, w) in &refs {
            *weight.entry(shard_of(k, &shards)).or_default() += w;
        }
        assert!(weight.len() > 1, "{shards:?}");
        assert!(weight.values().all(|&w| w <= SHARD_TARGET), "{weight:?}");
    }

    #[test]
    fn shard_prefixes_round_trip_front_coded() {
        let prefixes: Vec<String> = ["", "0", "1", "10", "cao", "cao ", "cao t", "d", "th", "thu"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let s = front_coded(&prefixes);
        assert_eq!(s, "A,A0,A1,B0,Acao,D ,Et,Ad,Ath,Cu");
        assert_eq!(front_decoded(&s), prefixes);
    }

    #[test]
    fn segments_meet_on_the_grid_and_hold_every_id() {
        let n = 100_000u32;
        let ids: Vec<u32> = (0..n).filter(|i| i % 3 != 1 && i % 7 != 2).collect();
        let mut whole = String::new();
        encode::ids(&mut whole, &ids, n);
        let (first, seg) = segmented(&ids, n, &whole, encode_ids_from).unwrap();
        assert_eq!(seg.ends.last(), Some(&n));
        assert!(seg.ends.len() > 1 && seg.ends.len() <= 2 * MAX_SEGMENTS as usize);
        // The first segment holds about FIRST_PART-th of a segment; the next grow fourfold.
        assert!(first.len() >= SEGMENT / FIRST_PART && first.len() < 2 * SEGMENT / FIRST_PART);
        let mut back = Vec::new();
        let mut start = 0;
        let mut last = 0;
        for (j, part) in std::iter::once(&first).chain(&seg.more).enumerate() {
            let end = seg.ends[j];
            // Every segment but the last ends at a power of two cells (the first ones, each
            // at most GROWTH times the records before it), or spans a power of two cells from
            // a multiple of that span (the later ones, no shorter than those before): the
            // segments of all postings meet at the same records.
            let span = end - start;
            if j + 1 < seg.ends.len() {
                assert_eq!(end % SEGMENT_CELL, 0);
                let ramp = (end / SEGMENT_CELL).is_power_of_two()
                    && (j == 0 || u64::from(end) <= u64::from(start) * GROWTH);
                let steady = (span / SEGMENT_CELL).is_power_of_two()
                    && span % SEGMENT_CELL == 0
                    && start % span == 0;
                assert!(ramp || steady, "segment {j}: {start}..{end}");
                assert!(span >= last);
            }
            last = span;
            back.extend(
                encode::decode_ids(part, end - start)
                    .iter()
                    .map(|id| id + start),
            );
            start = end;
        }
        assert_eq!(back, ids);
        // A short posting stays whole.
        assert!(segmented(&ids[..100], n, "I", encode_ids_from).is_none());
    }

    #[test]
    fn ids_kept_as_gaps_round_trip_and_append() {
        let mut a = Ids::default();
        for id in [0, 0, 5, 127, 128, 128, 20_000, 3_000_000] {
            a.push(id);
        }
        assert_eq!(a.to_vec(), [0, 5, 127, 128, 20_000, 3_000_000]);
        let mut b = Ids::default();
        for id in [3_000_001, 3_000_200] {
            b.push(id);
        }
        a.append(b);
        a.append(Ids::default());
        assert_eq!(
            a.to_vec(),
            [0, 5, 127, 128, 20_000, 3_000_000, 3_000_001, 3_000_200]
        );
        assert_eq!(a.len, 8);
        let mut c = Ids::default();
        c.append(a);
        assert_eq!(c.to_vec().len(), 8);
    }

    #[test]
    fn pair_exceptions_are_the_common_records_without_the_pair() {
        let ids = |v: &[u32]| {
            let mut i = Ids::default();
            v.iter().for_each(|&x| i.push(x));
            i
        };
        let a = ids(&[1, 2, 3, 5, 8, 13, 21]);
        let b = ids(&[2, 3, 4, 8, 13, 20, 21]);
        assert_eq!(exceptions(&a, &b, &[3, 13]), [2, 8, 21]);
        assert_eq!(exceptions(&a, &b, &[2, 3, 8, 13, 21]), Vec::<u32>::new());
        assert_eq!(exceptions(&a, &ids(&[]), &[]), Vec::<u32>::new());
    }

    #[test]
    fn exact_forms_fold_to_their_key() {
        assert_eq!(fold_exact("hoá"), "hoa");
        assert_eq!(fold_exact("đất"), "dat");
        assert_eq!(fold_exact("thuỷ"), "thuy");
    }
}
