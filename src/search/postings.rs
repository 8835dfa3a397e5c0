//! Postings while the index is built: the records each word and word pair is in, kept as
//! LEB128 gaps ([`Ids`], about a byte an id: a large site's postings are the memory peak of its
//! build), gathered record by record ([`Builder`]) and merged in record order; and the cutting
//! of a long posting into segments by record ranges ([`segmented`]), so that a query reads the
//! records at the start of the index first and reads on only while its first page is not
//! settled. The on-disk forms are in `docs/search-index.md`.

use super::analyze::{Analyzer, Expansions};
use super::facets::facet_code;
use super::records::Record;
use super::{
    CUT_PARTS, DENSE, FIRST_PART, GROWTH, MAX_SEGMENTS, SEGMENT, SEGMENT_CELL, encode, scale,
};
use rustc_hash::FxHashMap;
use serde_json::json;

/// Words and word pairs found in a range of records, with the ids of their records.
#[derive(Default)]
pub(super) struct Postings {
    pub(super) words: FxHashMap<Box<str>, u32>,
    pub(super) word_ids: Vec<Ids>,
    pub(super) pairs: FxHashMap<Box<str>, u32>,
    pub(super) pair_ids: Vec<Ids>,
}

/// The index of `key` in `map`, added with an empty list when new.
pub(super) fn intern(map: &mut FxHashMap<Box<str>, u32>, lists: &mut Vec<Ids>, key: &str) -> u32 {
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
pub(super) struct Ids {
    pub(super) bytes: Vec<u8>,
    /// The last id plus one (0: none yet).
    pub(super) end: u32,
    pub(super) len: u32,
}

impl Ids {
    pub(super) fn push(&mut self, id: u32) {
        if self.len > 0 && id < self.end {
            return; // already there (ids come in order)
        }
        leb(&mut self.bytes, id - self.end);
        self.end = id + 1;
        self.len += 1;
    }

    /// Appends `other`, whose ids all come after these.
    pub(super) fn append(&mut self, other: Ids) {
        let mut at = 0;
        let Some(first) = read_leb(&other.bytes, &mut at) else {
            return;
        };
        leb(&mut self.bytes, first.saturating_sub(self.end));
        self.bytes.extend_from_slice(&other.bytes[at..]);
        self.end = other.end;
        self.len += other.len;
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        let (mut at, mut next) = (0, 0u32);
        std::iter::from_fn(move || {
            let g = read_leb(&self.bytes, &mut at)?;
            let id = next.wrapping_add(g);
            next = id.wrapping_add(1);
            Some(id)
        })
    }

    pub(super) fn to_vec(&self) -> Vec<u32> {
        let mut out = Vec::with_capacity(self.len as usize);
        out.extend(self.iter());
        out
    }
}

/// The ids in both `a` and `b` and not in `pair` (sorted; `pair` is within both).
pub(super) fn exceptions(a: &Ids, b: &Ids, pair: &[u32]) -> Vec<u32> {
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

pub(super) fn leb(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

pub(super) fn read_leb(b: &[u8], at: &mut usize) -> Option<u32> {
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
pub(super) struct FieldIds {
    pub(super) words: Vec<u32>,
    pub(super) pairs: Vec<u32>,
}

/// The mark of an alias spelling: `ủy^` is "ủy" that a record has because it says "UBND" (the
/// other side of an abbreviation). It is a spelling of the word's own entry: the record says
/// the word, in other letters, and is counted, but ranks below one that spells it out.
pub(super) const ALIAS: char = '^';

/// The mark that makes a word's key a context key: `đất~` is "đất" in a record's context
/// (see [`super::records::Record`]), a key of its own beside `đất` in the same dictionary
/// shard (shard prefixes are letters, digits and spaces only).
pub(super) const CONTEXT: char = '~';

impl Postings {
    /// The words and pairs of one field text (already analysed in `a`). An own field gives
    /// its words and adjacent pairs, and the other side of each abbreviation it holds as alias
    /// spellings ([`ALIAS`]: a record that says "UBND" is found by "Ủy ban nhân dân", below
    /// one that spells it out); a context field gives context words only.
    pub(super) fn field(
        &mut self,
        a: &Analyzer,
        exp: &Expansions,
        buf: &mut String,
        own: bool,
    ) -> FieldIds {
        let mut out = FieldIds::default();
        let mut prev: Option<&str> = None;
        for &w in &a.words {
            if !own {
                out.words.push(self.context_word(buf, a.exact(w)));
                continue;
            }
            out.words
                .push(intern(&mut self.words, &mut self.word_ids, a.exact(w)));
            let f = a.folded(w);
            if let Some(p) = prev {
                out.pairs.push(self.pair(buf, p, f));
            }
            prev = Some(f);
        }
        if own {
            // The other side of each abbreviation, as alias spellings and with its own pairs
            // (a record that says "TTHC" has the phrase "thủ tục hành chính").
            let mut added: Vec<Vec<(String, String)>> = Vec::new();
            exp.each(a, |_, words: &[(String, String)], _| {
                added.push(words.to_vec())
            });
            for words in added {
                for (e, _) in &words {
                    buf.clear();
                    buf.push_str(e);
                    buf.push(ALIAS);
                    out.words
                        .push(intern(&mut self.words, &mut self.word_ids, buf));
                }
                for w in words.windows(2) {
                    out.pairs.push(self.pair(buf, &w[0].1, &w[1].1));
                }
            }
        }
        out.words.sort_unstable();
        out.words.dedup();
        out.pairs.sort_unstable();
        out.pairs.dedup();
        out
    }

    /// The index of context word `exact` (its key with [`CONTEXT`]).
    fn context_word(&mut self, buf: &mut String, exact: &str) -> u32 {
        buf.clear();
        buf.push_str(exact);
        buf.push(CONTEXT);
        intern(&mut self.words, &mut self.word_ids, buf)
    }

    pub(super) fn pair(&mut self, buf: &mut String, a: &str, b: &str) -> u32 {
        buf.clear();
        buf.push_str(a);
        buf.push(' ');
        buf.push_str(b);
        intern(&mut self.pairs, &mut self.pair_ids, buf)
    }

    /// Adds record `rec` (not before any record added so far) to the lists of `f`.
    pub(super) fn add(&mut self, f: &FieldIds, rec: u32) {
        for &i in &f.words {
            self.word_ids[i as usize].push(rec);
        }
        for &i in &f.pairs {
            self.pair_ids[i as usize].push(rec);
        }
    }

    /// Appends `other` (records after this one's).
    pub(super) fn merge(&mut self, other: Postings) {
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

pub(super) fn append(
    map: &mut FxHashMap<Box<str>, u32>,
    lists: &mut Vec<Ids>,
    k: Box<str>,
    ids: Ids,
) {
    match map.get(&k) {
        Some(&i) => lists[i as usize].append(ids),
        None => {
            map.insert(k, lists.len() as u32);
            lists.push(ids);
        }
    }
}

/// Analyses records into [`Postings`] and facet codes. Each distinct field text is analysed
/// once per builder (a plan's title and number, a unit's name and a deadline repeat over the
/// records of a range of plans).
#[derive(Default)]
pub(super) struct Builder<'s> {
    pub(super) post: Postings,
    pub(super) a: Analyzer,
    pub(super) pair: String,
    /// Own and context fields by text (a text is analysed once per class).
    pub(super) cache: FxHashMap<(&'s str, bool), FieldIds>,
    pub(super) owned: FxHashMap<String, FieldIds>,
    /// Facet codes of the records added, concatenated, and where each ends.
    pub(super) codes: String,
    pub(super) ends: Vec<u32>,
}

impl<'s> Builder<'s> {
    /// Adds `rec` as record `id` (ids come in increasing order).
    pub(super) fn add(&mut self, rec: &Record<'s>, id: u32, exp: &Expansions) {
        let Builder {
            post,
            a,
            pair,
            cache,
            owned,
            codes,
            ends,
        } = self;
        let fields = rec.own.iter().map(|&f| (f, true));
        for (f, own) in fields.chain(rec.context.iter().map(|&f| (f, false))) {
            let ids = cache.entry((f, own)).or_insert_with(|| {
                a.run(f);
                post.field(a, exp, pair, own)
            });
            post.add(ids, id);
        }
        for f in &rec.own_extra {
            if !owned.contains_key(f.as_str()) {
                a.run(f);
                let ids = post.field(a, exp, pair, true);
                owned.insert(f.clone(), ids);
            }
            if let Some(ids) = owned.get(f.as_str()) {
                post.add(ids, id);
            }
        }
        // A task's facet values as words of their own ([`FACET`]): a filter is then one more
        // word of the query, read by segments like the others.
        let f = &rec.facets;
        if f.s > 0 {
            let mut word = |key: std::fmt::Arguments| {
                pair.clear();
                let _ = std::fmt::Write::write_fmt(pair, key);
                let i = intern(&mut post.words, &mut post.word_ids, pair);
                post.word_ids[i as usize].push(id);
            };
            word(format_args!("{FACET}s{}", f.s & 7));
            if f.s & 8 != 0 {
                word(format_args!("{FACET}o"));
            }
            if f.y > 0 {
                word(format_args!("{FACET}y{}", f.y));
            }
            for u in &f.units {
                word(format_args!("{FACET}u{u}"));
            }
        }
        facet_code(codes, &rec.facets);
        ends.push(codes.len() as u32);
    }
}

/// The mark of a facet word: `@u3` (unit 3 of `meta.units`, leading or supporting), `@s2` (the
/// second state of `meta.states`), `@o` (overdue), `@y1` (the first year of `meta.years`).
/// Words of text never hold it, and its keys fall in the root dictionary shard.
pub(super) const FACET: char = '@';

/// The union of a folded word's spellings' ids (`lists`), if the word is dense (more than
/// [`DENSE`] ids in all): what the pairs of two dense words are encoded against.
pub(super) fn dense_union(lists: &[Vec<u32>]) -> Option<Ids> {
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
pub(super) fn segment_size() -> usize {
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
pub(super) struct Segments {
    /// The encodings of segments `1 ..`.
    pub(super) more: Vec<String>,
    /// Where each segment ends (empty: the posting is not cut).
    pub(super) ends: Vec<u32>,
}

/// Cuts `ids` (sorted, below `n`) into segments when `whole` (their encoding over all
/// records) is longer than [`CUT_PARTS`] first segments ([`segment_size`] / [`FIRST_PART`]):
/// returns the first segment's encoding and the rest. `encode(out, ids, start,
/// end)` writes the ids of `start .. end` counted from `start`.
pub(super) fn segmented(
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
pub(super) fn encode_ids_from(out: &mut String, ids: &[u32], start: u32, end: u32) {
    let local: Vec<u32> = ids.iter().map(|id| id - start).collect();
    encode::ids(out, &local, end - start);
}

impl Segments {
    /// The files of segments `1 ..` of the posting in file `base`.
    pub(super) fn files(&self, base: &str) -> impl Iterator<Item = (String, String)> + '_ {
        let base = base.to_string();
        self.more
            .iter()
            .enumerate()
            .map(move |(j, more)| (format!("{base}.{}", j + 1), json!(more).to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
