//! Compact text encodings of integers for the index shards: each shard is a JavaScript file
//! (loadable from `file://`), so numbers travel as characters of a string.
//!
//! A varint is written 5 bits per character, low bits first, in the URL-safe base64 alphabet;
//! a character's value ≥ 32 means another character follows. Numbers below 32 take one
//! character, below 1024 two. A list of record ids (sorted, distinct) is written in the shortest
//! of three forms, told apart by its first character:
//! - `I` gaps: each id as the distance from the previous one, minus one;
//! - `R` runs: alternating lengths of absent and present stretches (records of one plan are
//!   consecutive, so words of a plan's title make long runs);
//! - `B` bitmap: 6 records per character, from record 0 to the last id;
//! - `N` complement: `N` then, in one of the three forms above, the ids of the records (of
//!   `0 .. n`, all the index's records) that are *not* in the list, for words found almost
//!   everywhere.

pub const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The value of each byte in [`ALPHABET`] (0 for any other byte).
pub const VALUE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 64 {
        t[ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    t
};

/// A record's facet code: one character for `s + 16 * min(number of units, 3)`, the year as
/// a varint, the number of units as a varint when 3 or more, then each unit as one character
/// (unit 63 and above: `_`, then a varint of `unit - 63`). Most tasks take 3 or 4 characters.
pub fn facet_code(out: &mut String, s: u32, y: u32, units: &[u32]) {
    let n = units.len() as u32;
    out.push(ALPHABET[((s & 15) | (n.min(3) << 4)) as usize] as char);
    varint(out, y);
    if n >= 3 {
        varint(out, n);
    }
    for &u in units {
        if u < 63 {
            out.push(ALPHABET[u as usize] as char);
        } else {
            out.push('_');
            varint(out, u - 63);
        }
    }
}

/// Reads what [`facet_code`] and [`varint`] wrote, in order.
pub struct Reader<'a> {
    b: &'a [u8],
    i: usize,
}

impl<'a> Reader<'a> {
    pub fn new(s: &'a str) -> Self {
        Reader {
            b: s.as_bytes(),
            i: 0,
        }
    }
    pub fn more(&self) -> bool {
        self.i < self.b.len()
    }
    fn char(&mut self) -> Option<u32> {
        let c = *self.b.get(self.i)?;
        self.i += 1;
        Some(VALUE[c as usize] as u32)
    }
    pub fn varint(&mut self) -> Option<u32> {
        let (mut acc, mut shift) = (0u32, 0u32);
        loop {
            let v = self.char()?;
            acc |= (v & 31).checked_shl(shift).unwrap_or(0);
            if v & 32 == 0 {
                return Some(acc);
            }
            shift += 5;
        }
    }
    /// One facet code: `(s, y)`, its units in `units`.
    pub fn code(&mut self, units: &mut Vec<u32>) -> Option<(u32, u32)> {
        units.clear();
        let c = self.char()?;
        let y = self.varint()?;
        let mut n = c >> 4;
        if n == 3 {
            n = self.varint()?;
        }
        for _ in 0..n {
            let u = self.char()?;
            units.push(if u == 63 { 63 + self.varint()? } else { u });
        }
        Some((c & 15, y))
    }
}

pub fn varint(out: &mut String, mut v: u32) {
    loop {
        let low = v & 31;
        v >>= 5;
        if v == 0 {
            out.push(ALPHABET[low as usize] as char);
            return;
        }
        out.push(ALPHABET[(low | 32) as usize] as char);
    }
}

/// Length of [`varint`]'s output for `v`.
pub fn varint_len(v: u32) -> usize {
    let mut n = 1;
    let mut v = v >> 5;
    while v > 0 {
        n += 1;
        v >>= 5;
    }
    n
}

/// Record ids (sorted, distinct, below `n`) in the shortest form, the complement included.
pub fn ids(out: &mut String, ids: &[u32], n: u32) {
    if ids.len() * 2 > n as usize && ids.last().is_some_and(|&l| l < n) {
        let mut absent = Vec::with_capacity(n as usize - ids.len());
        let mut it = ids.iter().peekable();
        for id in 0..n {
            if it.peek() == Some(&&id) {
                it.next();
            } else {
                absent.push(id);
            }
        }
        let mut direct = String::new();
        plain_ids(&mut direct, ids);
        let mut comp = String::from("N");
        plain_ids(&mut comp, &absent);
        out.push_str(if comp.len() < direct.len() {
            &comp
        } else {
            &direct
        });
    } else {
        plain_ids(out, ids);
    }
}

/// Record ids (sorted, distinct) in the shortest of the forms `I`, `R`, `B`.
fn plain_ids(out: &mut String, ids: &[u32]) {
    let gaps: usize = ids
        .iter()
        .scan(-1i64, |prev, &id| {
            let g = (id as i64 - *prev - 1) as u32;
            *prev = id as i64;
            Some(varint_len(g))
        })
        .sum();
    let runs = runs(ids);
    let runs_len: usize = runs.iter().map(|&r| varint_len(r)).sum();
    let bitmap_len = ids.last().map_or(0, |&l| l as usize / 6 + 1);
    if gaps <= runs_len && gaps <= bitmap_len {
        gap_ids(out, ids);
    } else if runs_len <= bitmap_len {
        out.push('R');
        for r in runs {
            varint(out, r);
        }
    } else {
        out.push('B');
        let mut bits = vec![0u8; bitmap_len];
        for &id in ids {
            bits[id as usize / 6] |= 1 << (id % 6);
        }
        out.extend(bits.iter().map(|&b| ALPHABET[b as usize] as char));
    }
}

/// Record ids (sorted, distinct) in the form `I`.
pub fn gap_ids(out: &mut String, ids: &[u32]) {
    out.push('I');
    let mut prev = -1i64;
    for &id in ids {
        varint(out, (id as i64 - prev - 1) as u32);
        prev = id as i64;
    }
}

/// Alternating lengths: absent, present, absent, present …
fn runs(ids: &[u32]) -> Vec<u32> {
    let mut out = Vec::new();
    let mut next = 0u32; // first id not yet described
    let mut i = 0;
    while i < ids.len() {
        let start = ids[i];
        let mut end = start;
        while i + 1 < ids.len() && ids[i + 1] == end + 1 {
            i += 1;
            end += 1;
        }
        out.push(start - next);
        out.push(end - start + 1);
        next = end + 1;
        i += 1;
    }
    out
}

/// Decodes what [`ids`] wrote for `n` records (for tests).
pub fn decode_ids(s: &str, n: u32) -> Vec<u32> {
    if let Some(rest) = s.strip_prefix('N') {
        let absent = decode_ids(rest, n);
        let mut it = absent.iter().peekable();
        return (0..n)
            .filter(|id| {
                if it.peek() == Some(&id) {
                    it.next();
                    false
                } else {
                    true
                }
            })
            .collect();
    }
    let b = s.as_bytes();
    let val = |c: u8| ALPHABET.iter().position(|&a| a == c).unwrap_or(0) as u32;
    let mut nums = Vec::new();
    let mut out = Vec::new();
    match b.first() {
        Some(b'B') => {
            for (k, &c) in b[1..].iter().enumerate() {
                let v = val(c);
                for bit in 0..6 {
                    if v & (1 << bit) != 0 {
                        out.push(k as u32 * 6 + bit);
                    }
                }
            }
            return out;
        }
        Some(_) => {
            let (mut acc, mut shift) = (0u32, 0);
            for &c in &b[1..] {
                let v = val(c);
                acc |= (v & 31) << shift;
                if v & 32 != 0 {
                    shift += 5;
                } else {
                    nums.push(acc);
                    acc = 0;
                    shift = 0;
                }
            }
        }
        None => return out,
    }
    if b[0] == b'I' {
        let mut prev = -1i64;
        for g in nums {
            prev += g as i64 + 1;
            out.push(prev as u32);
        }
    } else {
        let mut next = 0u32;
        for pair in nums.chunks(2) {
            let start = next + pair[0];
            let len = pair.get(1).copied().unwrap_or(0);
            out.extend(start..start + len);
            next = start + len;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facet_codes_round_trip() {
        let cases: Vec<(u32, u32, Vec<u32>)> = vec![
            (0, 0, vec![]),
            (13, 3, vec![5]),
            (1, 40, vec![0, 62, 63, 64, 1000]),
            (5, 1, vec![7, 8]),
        ];
        let mut s = String::new();
        for (st, y, u) in &cases {
            facet_code(&mut s, *st, *y, u);
        }
        let mut r = Reader::new(&s);
        let mut units = Vec::new();
        for (st, y, u) in &cases {
            assert_eq!(r.code(&mut units), Some((*st, *y)));
            assert_eq!(&units, u);
        }
        assert!(!r.more());
        assert_eq!(Reader::new("").code(&mut units), None);
    }

    #[test]
    fn varints_round_trip_in_every_form() {
        let mut s = String::new();
        varint(&mut s, 0);
        varint(&mut s, 31);
        varint(&mut s, 32);
        assert_eq!(s, "AfgB");
        let sparse = vec![3, 700, 40_000];
        let runs: Vec<u32> = (100..400).chain(1000..1500).collect();
        let dense: Vec<u32> = (0..3000).filter(|i| i % 3 != 0).collect();
        let almost: Vec<u32> = (0..5000).filter(|i| i % 1000 != 7).collect();
        let all: Vec<u32> = (0..5000).collect();
        for (v, form) in [
            (sparse, "I"),
            (runs, "R"),
            (dense, "B"),
            (almost, "NI"),
            (all, "NI"),
        ] {
            let mut s = String::new();
            ids(&mut s, &v, 5000);
            assert!(s.starts_with(form), "{s}");
            assert_eq!(decode_ids(&s, 5000), v);
        }
        // Every subset of a few records, in every form, against the complement too.
        for mask in 0u32..(1 << 10) {
            let v: Vec<u32> = (0..10).filter(|i| mask & (1 << i) != 0).collect();
            let mut s = String::new();
            ids(&mut s, &v, 10);
            assert_eq!(decode_ids(&s, 10), v, "{s}");
        }
    }
}
