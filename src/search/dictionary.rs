//! The dictionary: `d/<prefix>.js` shards of folded words, each entry with its spellings
//! (exact forms), their record counts and postings (inline when short, else in `p/` files of
//! their own with the first ids kept for completions); how the shards are cut by prefix
//! ([`shard_prefixes`]) and named; and the completions a shard offers for a word being typed
//! ([`completion_hints`]). The on-disk forms are in `docs/search-index.md`.

use super::facets::Histogram;
use super::postings::{CONTEXT, FACET, Ids, Segments, dense_union, encode_ids_from, segmented};
use super::{CODED, COMPLETIONS, DENSE, HEAD, INLINE, encode};
use rustc_hash::FxHashMap;
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;

/// Groups entries by shard and returns each shard's keys.
pub(super) fn member_sets<T>(
    groups: &[(String, Vec<&T>)],
    key: impl Fn(&T) -> String,
) -> FxHashMap<String, BTreeSet<String>> {
    groups
        .iter()
        .map(|(p, es)| (p.clone(), es.iter().map(|e| key(e)).collect()))
        .collect()
}

/// A folded word's dictionary entry from its spellings (exact form, ids), and with `union`,
/// for a dense word, the union of its spellings' ids. A context key (ending in
/// [`CONTEXT`]) lists ids only: its records rank below those that say the word, and are not
/// counted, so their facet codes are not needed. A facet key (beginning with [`FACET`]) lists
/// ids only too, with the histogram of its records' facets (a filter's records spread over
/// the other facets).
pub(super) fn make_entry<'c>(
    key: &str,
    forms: &[(&str, &Ids)],
    code: &dyn Fn(u32) -> &'c str,
    n: u32,
    union: bool,
) -> (Entry, Option<Ids>) {
    let context = key.ends_with(CONTEXT);
    let facet = key.starts_with(FACET);
    let lists: Vec<Vec<u32>> = forms.iter().map(|(_, ids)| ids.to_vec()).collect();
    let mut vs: Vec<Spelling> = forms
        .iter()
        .zip(&lists)
        .map(|((exact, _), ids)| encode_word(exact, ids, code, n, context, facet))
        .collect();
    vs.sort_by(|a, b| b.count.cmp(&a.count).then(a.exact.cmp(&b.exact)));
    let union = if union && !context {
        dense_union(&lists)
    } else {
        None
    };
    let entry = Entry {
        key: key.to_string(),
        spellings: vs,
    };
    (entry, union)
}

/// One spelling of a word with its encoded posting.
pub(super) struct Spelling {
    pub(super) exact: Box<str>,
    pub(super) count: usize,
    /// `L` + (gap, facet code) per record, or, for a dense word, ids only.
    pub(super) posting: String,
    /// A dense word's facet histogram.
    pub(super) hist: Option<Histogram>,
    /// The first [`HEAD`] ids (form `I`) of a posting kept in its own file.
    pub(super) head: Option<String>,
    /// A long posting's further segments (`posting` is then the first).
    pub(super) seg: Segments,
}

impl Spelling {
    /// Whether it has a codes file (see [`super::CODED`]): a dense spelling of a word (not of
    /// a facet) in at most that many records.
    pub(super) fn coded(&self, key: &str) -> bool {
        self.hist.is_some() && !key.starts_with(FACET) && self.count <= CODED
    }

    /// Whether its posting is written in its dictionary shard. A context posting only when it
    /// is very short ([`CONTEXT_INLINE`]): a word being typed reads shards, and its context is
    /// read only once typing pauses.
    pub(super) fn inline(&self) -> bool {
        let limit = if self.exact.ends_with(CONTEXT) {
            CONTEXT_INLINE
        } else {
            INLINE
        };
        self.hist.is_none() && self.seg.ends.is_empty() && self.posting.len() <= limit
    }
}

/// The longest context posting written in its dictionary shard (characters).
pub(super) const CONTEXT_INLINE: usize = 48;

pub(super) struct Entry {
    pub(super) key: String,
    pub(super) spellings: Vec<Spelling>,
}

impl Entry {
    /// The records of all its spellings (a record with two counts twice).
    pub(super) fn total(&self) -> usize {
        self.spellings.iter().map(|s| s.count).sum()
    }

    /// How many posting files of its own it has.
    pub(super) fn files(&self) -> usize {
        self.spellings
            .iter()
            .filter(|s| !s.inline())
            .map(|s| 1 + s.seg.more.len())
            .sum()
    }

    /// Approximate bytes in its dictionary shard.
    pub(super) fn size(&self) -> usize {
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

pub(super) fn encode_word<'a>(
    exact: &str,
    ids: &[u32],
    code: &dyn Fn(u32) -> &'a str,
    n: u32,
    context: bool,
    facet: bool,
) -> Spelling {
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
    if context {
        encode::ids(&mut posting, ids, n);
        let seg = match segmented(ids, n, &posting, encode_ids_from) {
            Some((first, seg)) => {
                posting = first;
                seg
            }
            None => Segments::default(),
        };
        return Spelling {
            exact: exact.into(),
            count: ids.len(),
            posting,
            hist: None,
            head: None,
            seg,
        };
    }
    let hist = if ids.len() > DENSE || facet {
        encode::ids(&mut posting, ids, n);
        Some(Histogram::of(ids, code))
    } else {
        with_codes(&mut posting, ids, 0, n);
        None
    };
    let head = (!facet && (hist.is_some() || posting.len() > INLINE)).then(|| {
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
/// wherever the keys under it weigh more than [`super::SHARD_TARGET`]. A key belongs to the longest
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
pub(super) fn shard_of<'a>(key: &str, shards: &'a [String]) -> &'a str {
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

pub(super) fn group_by_shard<'e, T>(
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
pub(super) enum Want {
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
pub(super) fn completion_hints(
    entries: &[(&str, usize)],
    shards: &[String],
) -> FxHashMap<String, String> {
    type Best<'a> = Vec<(&'a str, usize)>;
    let mut by_parent: BTreeMap<&str, Vec<(&str, Best)>> = BTreeMap::new();
    for s in shards.iter().filter(|s| !s.is_empty()) {
        let parent = shard_of(&s[..s.len() - 1], shards);
        let lo = entries.partition_point(|(k, _)| *k < s.as_str());
        let hi = lo + entries[lo..].partition_point(|(k, _)| k.starts_with(s.as_str()));
        // The best few, in one pass (most records first; keys in order).
        let mut best: Vec<(&str, usize)> = Vec::with_capacity(COMPLETIONS + 1);
        // Context keys are no completions: a word being typed completes to what records say.
        for &(k, n) in entries[lo..hi]
            .iter()
            .filter(|(k, _)| !k.ends_with(CONTEXT))
        {
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
/// [`completion_hints`]), if it has shards under it. `codes(exact)`: the codes file of a dense
/// spelling (see [`super::CODED`]), written with its posting's first file.
pub(super) fn word_shard(
    prefix: &str,
    entries: &[&Entry],
    hints: &str,
    want: &dyn Fn(&str) -> Want,
    codes: &dyn Fn(&str) -> Option<String>,
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
                    if s.coded(&e.key)
                        && let Some(c) = codes(&s.exact)
                    {
                        files.push((format!("p/{part}.{k}.c"), c));
                    }
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

#[cfg(test)]
mod tests {
    use super::super::SHARD_TARGET;
    use super::*;
    use rustc_hash::FxHashMap;
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
}
