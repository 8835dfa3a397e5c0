//! Word pairs: `b/<prefix>.js` shards of adjacent folded word pairs ("thu tuc") with the
//! records where the two words are adjacent, for ranking phrases above scattered words; a
//! pair of two frequent words may be written as the records that have both words apart
//! (`X…`), whichever is shorter. The on-disk forms are in `docs/search-index.md`.

use super::dictionary::file_part;
use super::facets::Histogram;
use super::postings::{Ids, Segments, encode_ids_from, exceptions, segmented};
use super::{DENSE, PAIR_INLINE, encode};
use serde_json::{Value, json};

/// A pair's posting, perhaps cut into segments (then `p` is the first), and for a pair in
/// more than [`DENSE`] records, the histogram of their facets: the records that hold a
/// phrase are spread over the facets much as those of the phrase's rarest pair are (closer
/// than as those of its rarest word: "đất đai" against "đất", whose records are of every
/// kind), which is what the script's facet counts are estimated from.
#[derive(Clone, PartialEq, Debug)]
pub(super) struct PairPosting {
    pub(super) p: String,
    pub(super) seg: Segments,
    pub(super) hist: Option<Histogram>,
}

impl PairPosting {
    /// Whether it is written in files of its own rather than in its shard.
    pub(super) fn has_file(&self) -> bool {
        !self.seg.ends.is_empty() || self.hist.is_some() || self.p.len() > PAIR_INLINE
    }
    /// How many files of its own it has.
    pub(super) fn files(&self) -> usize {
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
/// the form of the whole. `code`: a record's facet code (for the histogram of a dense pair).
pub(super) fn encode_pair<'d, 'c>(
    ids: &[u32],
    n: u32,
    code: &dyn Fn(u32) -> &'c str,
    both: impl FnOnce() -> Option<(&'d Ids, &'d Ids)>,
) -> PairPosting {
    let hist = (ids.len() > DENSE).then(|| Histogram::of(ids, code));
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
        Some((p, seg)) => PairPosting { p, seg, hist },
        None => PairPosting {
            p: s,
            seg: Segments::default(),
            hist,
        },
    }
}

/// Approximate bytes of a pair entry in its shard.
pub(super) fn pair_size(key: &str, posting: &PairPosting) -> usize {
    key.len()
        + if posting.has_file() {
            3
        } else {
            posting.p.len()
        }
        + 6
}

/// A pair shard and its long postings' files; `want(key)` tells which of those to make.
pub(super) fn pair_shard<'e>(
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
                let file = if posting.seg.ends.is_empty() && posting.hist.is_none() {
                    json!(posting.p)
                } else {
                    let mut file = json!({"p": posting.p});
                    if let Some(h) = &posting.hist {
                        file["h"] = h.json();
                    }
                    if !posting.seg.ends.is_empty() {
                        file["e"] = json!(posting.seg.ends);
                    }
                    file
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
