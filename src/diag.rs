//! Diagnostics: every problem found in a user's files, with where it is and what to do.
//!
//! A diagnostic renders as `path:line:column: error|warning: message`, then the offending
//! source line with a caret under the column, then `  = hint: …`. All problems of a run are
//! collected before anything is printed, so the editor fixes them in one go.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

/// A position in a file: 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

impl Pos {
    pub const fn new(line: usize, col: usize) -> Pos {
        Pos { line, col }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub path: PathBuf,
    pub pos: Option<Pos>,
    pub message: String,
    pub hint: Option<String>,
    /// The source line the position points into, quoted under the message.
    pub source_line: Option<String>,
}

impl Diagnostic {
    pub fn error(path: impl Into<PathBuf>, pos: Option<Pos>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            pos,
            message: message.into(),
            hint: None,
            source_line: None,
        }
    }

    pub fn warning(path: impl Into<PathBuf>, pos: Option<Pos>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, pos, message)
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Attaches the quoted line from `source` (the whole file's text).
    pub fn with_source(self, source: &str) -> Self {
        let line = self
            .pos
            .and_then(|pos| source.lines().nth(pos.line.saturating_sub(1)));
        self.with_line(line)
    }

    /// [`Self::with_source`] given the line already found: a reader quoting the lines of
    /// many diagnostics of one file finds each without scanning the file from its start.
    pub fn with_line(mut self, line: Option<&str>) -> Self {
        if let Some(pos) = self.pos {
            // Long lines (a 50 MB one-line file) are cut around the column.
            self.source_line = line.map(|l| l.chars().take(pos.col + 80).collect());
        }
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The first line alone: `path:line:column: severity: message`.
    pub fn headline(&self) -> String {
        let sev = match self.severity {
            Severity::Error => crate::tr!(crate::msg::DIAG_ERROR),
            Severity::Warning => crate::tr!(crate::msg::DIAG_WARNING),
        };
        match self.pos {
            Some(p) => format!(
                "{}:{}:{}: {sev}: {}",
                display_path(&self.path),
                p.line,
                p.col,
                self.message
            ),
            None => format!("{}: {sev}: {}", display_path(&self.path), self.message),
        }
    }
}

/// Where each line of a file starts, found in one pass, for [`Diagnostic::with_line`]:
/// quoting the line of each of many diagnostics of one file (200,000 unknown units named in
/// one plan) then costs one look-up each, not a scan from the top of the file. (The plan
/// reader keeps its own index, in content::reader.)
#[derive(Debug, Clone)]
pub struct Lines<'s> {
    source: &'s str,
    starts: Vec<usize>,
}

impl<'s> Lines<'s> {
    pub fn new(source: &'s str) -> Self {
        let mut starts = vec![0];
        starts.extend(source.match_indices('\n').map(|(i, _)| i + 1));
        Lines { source, starts }
    }

    /// Line `n` (from 1), as [`str::lines`] gives it: without its `\n` or `\r\n`.
    pub fn line(&self, n: usize) -> Option<&'s str> {
        let start = *self.starts.get(n.checked_sub(1)?)?;
        if start == self.source.len() {
            return None;
        }
        match self.starts.get(n) {
            Some(&next) => {
                let l = &self.source[start..next - 1];
                Some(l.strip_suffix('\r').unwrap_or(l))
            }
            None => Some(&self.source[start..]),
        }
    }
}

/// Paths are shown with `/` on every platform, relative as given.
pub fn display_path(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.headline())?;
        if let (Some(line), Some(pos)) = (&self.source_line, self.pos) {
            let gutter = pos.line.to_string();
            let pad = " ".repeat(gutter.len());
            let shown: String = line.replace('\t', " ");
            write!(
                f,
                "\n{pad} |\n{gutter} | {shown}\n{pad} | {}^",
                " ".repeat(pos.col.saturating_sub(1))
            )?;
        }
        if let Some(h) = &self.hint {
            write!(f, "\n  = {}: {h}", crate::msg::DIAG_HINT.text())?;
        }
        Ok(())
    }
}

/// Every diagnostic of a run, in a stable order (by file, then position).
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }
    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }
    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            (&a.path, a.pos, a.severity, &a.message).cmp(&(&b.path, b.pos, b.severity, &b.message))
        });
        self.items.dedup();
    }
    /// Folds errors that differ only by the file they name (`cannot write: No space left on
    /// device` for each of 3,000 pages of a full disk) into the first of them, which then
    /// says how many more files the same problem stopped. Errors with a position (problems in
    /// the user's files) are each kept.
    pub fn fold_repeated(&mut self) {
        let mut seen: std::collections::HashMap<(Severity, String), (usize, usize)> =
            std::collections::HashMap::new();
        let mut keep = Vec::with_capacity(self.items.len());
        for d in std::mem::take(&mut self.items) {
            if d.pos.is_some() || !d.is_error() {
                keep.push(d);
                continue;
            }
            match seen.entry((d.severity, d.message.clone())) {
                std::collections::hash_map::Entry::Occupied(mut e) => e.get_mut().1 += 1,
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert((keep.len(), 0));
                    keep.push(d);
                }
            }
        }
        for (at, more) in seen.into_values() {
            if more > 0 {
                keep[at]
                    .message
                    .push_str(&crate::tr!(crate::msg::DIAG_MORE_FILES, n = more));
            }
        }
        self.items = keep;
    }
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// The closest candidate to `word` by edit distance over folded text, if it is close enough
/// to be a plausible typo: at most half the word's length (2 for short words). Of several
/// equally close, the first.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let list: Vec<&str> = candidates.into_iter().collect();
    let folded = Candidates::new(list.iter().copied());
    folded.nearest(word).map(|i| list[i])
}

/// Candidates for [`nearest`], folded once: a registry of units folds its 50,000 spellings
/// once, not once for each unknown name, and each name then costs one pass over them.
///
/// A pass skips the candidates whose length alone puts them further than the best found so
/// far (or than the limit), and measures the others with a bit-parallel distance (Myers
/// 1999, in Hyyrö's form for words longer than 64 characters) that costs one step per
/// character of the candidate, not one per pair of characters.
#[derive(Debug, Clone, Default)]
pub struct Candidates {
    /// The folded candidates one after the other.
    text: String,
    /// Where each ends in `text`, and its length in characters.
    ends: Vec<(usize, usize)>,
}

impl Candidates {
    pub fn new<'a>(candidates: impl IntoIterator<Item = &'a str>) -> Self {
        let mut c = Candidates::default();
        for word in candidates {
            let f = crate::vi::fold(word);
            c.text.push_str(&f);
            c.ends.push((c.text.len(), f.chars().count()));
        }
        c
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The position of the candidate [`nearest`] names.
    pub fn nearest(&self, word: &str) -> Option<usize> {
        let w: Vec<char> = crate::vi::fold(word).chars().collect();
        let limit = (w.len() / 2).max(2);
        let pattern = Pattern::new(&w);
        let mut best = None;
        // A candidate is taken only when strictly closer than the best so far, so the first
        // of several equally close ones wins, as in a plain scan.
        let mut within = limit;
        let mut start = 0;
        for (i, &(end, chars)) in self.ends.iter().enumerate() {
            let text = &self.text[start..end];
            start = end;
            if chars.abs_diff(w.len()) > within {
                continue;
            }
            if let Some(d) = pattern.distance_within(text, chars, within) {
                best = Some(i);
                match d.checked_sub(1) {
                    Some(closer) => within = closer,
                    None => break,
                }
            }
        }
        best
    }
}

/// A word prepared for [`Pattern::distance_within`]: for each character, the bit mask of where it
/// occurs, in blocks of 64 characters.
struct Pattern {
    len: usize,
    blocks: Vec<Block>,
}

/// The masks of 64 characters of a [`Pattern`]: of each ASCII character, then of the others
/// that occur (sorted by character).
struct Block {
    ascii: [u64; 128],
    other: Vec<(char, u64)>,
}

impl Block {
    /// Where `c` occurs in the block's characters.
    fn mask(&self, c: char) -> u64 {
        if c.is_ascii() {
            self.ascii[c as usize]
        } else {
            self.other
                .binary_search_by_key(&c, |&(x, _)| x)
                .map_or(0, |k| self.other[k].1)
        }
    }
}

impl Pattern {
    fn new(word: &[char]) -> Pattern {
        let mut blocks = Vec::with_capacity(word.len().div_ceil(64));
        for chunk in word.chunks(64) {
            let mut ascii = [0u64; 128];
            let mut other: Vec<(char, u64)> = Vec::new();
            for (i, &c) in chunk.iter().enumerate() {
                let bit = 1u64 << i;
                if c.is_ascii() {
                    ascii[c as usize] |= bit;
                } else {
                    match other.binary_search_by_key(&c, |&(x, _)| x) {
                        Ok(k) => other[k].1 |= bit,
                        Err(k) => other.insert(k, (c, bit)),
                    }
                }
            }
            blocks.push(Block { ascii, other });
        }
        Pattern {
            len: word.len(),
            blocks,
        }
    }

    /// The edit distance in characters between the word and `text` (of `chars` characters)
    /// if it is at most `within`: the bit-vector form of the distance table, one column (a
    /// character of `text`) at a time. `vp`/`vn` hold the column's vertical +1/−1 steps, the
    /// carries pass a horizontal step between blocks. Each column moves the distance by one
    /// at most, so the columns left bound how far it can still come down: a candidate that
    /// cannot come within `within` is left early.
    fn distance_within(&self, text: &str, chars: usize, within: usize) -> Option<usize> {
        if self.len == 0 {
            return (chars <= within).then_some(chars);
        }
        let last = 1u64 << ((self.len - 1) % 64);
        let mut dist = self.len;
        let mut left = chars;
        if let [block] = &self.blocks[..] {
            // One block (words of up to 64 characters, nearly every name): no carries.
            let (mut vp, mut vn) = (!0u64, 0u64);
            for c in text.chars() {
                let x = block.mask(c);
                let d0 = ((x & vp).wrapping_add(vp) ^ vp) | x | vn;
                let hp = vn | !(d0 | vp);
                let hn = d0 & vp;
                dist = dist + usize::from(hp & last != 0) - usize::from(hn & last != 0);
                let hp = (hp << 1) | 1;
                let hn = hn << 1;
                vp = hn | !(d0 | hp);
                vn = hp & d0;
                left -= 1;
                if dist > within + left {
                    return None;
                }
            }
            return (dist <= within).then_some(dist);
        }
        let n = self.blocks.len();
        let mut vp = vec![!0u64; n];
        let mut vn = vec![0u64; n];
        for c in text.chars() {
            let (mut hp_carry, mut hn_carry) = (1u64, 0u64);
            for (b, block) in self.blocks.iter().enumerate() {
                let x = block.mask(c) | hn_carry;
                let d0 = ((x & vp[b]).wrapping_add(vp[b]) ^ vp[b]) | x | vn[b];
                let hp = vn[b] | !(d0 | vp[b]);
                let hn = d0 & vp[b];
                let (hp_in, hn_in) = (hp_carry, hn_carry);
                if b + 1 < n {
                    hp_carry = hp >> 63;
                    hn_carry = hn >> 63;
                } else {
                    hp_carry = u64::from(hp & last != 0);
                    hn_carry = u64::from(hn & last != 0);
                }
                let hp = (hp << 1) | hp_in;
                let hn = (hn << 1) | hn_in;
                vp[b] = hn | !(d0 | hp);
                vn[b] = hp & d0;
            }
            dist = dist + hp_carry as usize - hn_carry as usize;
            left -= 1;
            if dist > within + left {
                return None;
            }
        }
        (dist <= within).then_some(dist)
    }
}

/// Edit distance in characters.
pub fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let chars = b.chars().count();
    Pattern::new(&a)
        .distance_within(b, chars, usize::MAX / 2)
        .unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_with_caret_and_hint() {
        let d = Diagnostic::error(
            "content/plans/a.md",
            Some(Pos::new(3, 5)),
            "unknown key `titel`",
        )
        .with_hint("did you mean `title`?")
        .with_source("---\nnumber: 1\ntitel: x\n");
        let s = d.to_string();
        assert!(
            s.starts_with("content/plans/a.md:3:5: error: unknown key `titel`"),
            "{s}"
        );
        assert!(s.contains("3 | titel: x\n  |     ^"), "{s}");
        assert!(s.ends_with("= hint: did you mean `title`?"), "{s}");
    }

    #[test]
    fn repeated_errors_without_position_are_folded_into_one() {
        let mut d = Diagnostics::new();
        for i in 0..3301 {
            d.push(Diagnostic::error(
                format!("public/p{i}.html"),
                None,
                "cannot write: No space left on device (os error 28)",
            ));
        }
        d.push(Diagnostic::error(
            "public/x",
            None,
            "cannot write: Permission denied",
        ));
        for line in [2, 3] {
            d.push(Diagnostic::error(
                "a.md",
                Some(Pos::new(line, 1)),
                "unknown key `x`",
            ));
        }
        d.fold_repeated();
        let v: Vec<String> = d.iter().map(|x| x.headline()).collect();
        assert_eq!(
            v,
            [
                "public/p0.html: error: cannot write: No space left on device (os error 28) (and 3300 more file(s) for the same reason)",
                "public/x: error: cannot write: Permission denied",
                "a.md:2:1: error: unknown key `x`",
                "a.md:3:1: error: unknown key `x`",
            ]
        );
    }

    #[test]
    fn nearest_finds_typos_only() {
        let keys = ["title", "number", "issuer"];
        assert_eq!(nearest("titel", keys), Some("title"));
        assert_eq!(nearest("isuer", keys), Some("issuer"));
        assert_eq!(nearest("zzzzzzzzzz", keys), None);
    }

    #[test]
    fn lines_are_those_of_str_lines() {
        for source in ["", "\n", "a", "a\n", "a\nb", "a\r\nb\r\n\nc\r", "\n\nx\n\n"] {
            let lines = Lines::new(source);
            let want: Vec<&str> = source.lines().collect();
            let got: Vec<&str> = (1..).map_while(|n| lines.line(n)).collect();
            assert_eq!(got, want, "{source:?}");
            assert_eq!(lines.line(want.len() + 1), None);
        }
    }

    /// The distance table filled cell by cell, as [`levenshtein`] was first written.
    fn table_distance(a: &str, b: &str) -> usize {
        let b: Vec<char> = b.chars().collect();
        let mut prev: Vec<usize> = (0..=b.len()).collect();
        let mut cur = vec![0; b.len() + 1];
        for (i, ca) in a.chars().enumerate() {
            cur[0] = i + 1;
            for (j, cb) in b.iter().enumerate() {
                let cost = usize::from(ca != *cb);
                cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            }
            std::mem::swap(&mut prev, &mut cur);
        }
        prev[b.len()]
    }

    /// [`nearest`] as first written: every candidate folded and measured.
    fn plain_nearest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
        let w = crate::vi::fold(word);
        let mut best: Option<(usize, &str)> = None;
        for c in candidates {
            let d = table_distance(&w, &crate::vi::fold(c));
            if best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, c));
            }
        }
        let limit = (w.chars().count() / 2).max(2);
        best.filter(|(d, _)| *d <= limit).map(|(_, c)| c)
    }

    /// Words of a few letters (ASCII and not) so that many pairs are close, some longer than
    /// one or two blocks of 64.
    fn words(seed: u64, count: usize) -> Vec<String> {
        let letters = ['a', 'b', 'c', ' ', 'đ', 'ơ', 'x', '-'];
        let mut state = seed;
        let mut next = move || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as usize
        };
        (0..count)
            .map(|_| {
                let len = match next() % 10 {
                    0 => 60 + next() % 150,
                    _ => next() % 12,
                };
                (0..len).map(|_| letters[next() % letters.len()]).collect()
            })
            .collect()
    }

    #[test]
    fn the_bit_parallel_distance_is_the_table_distance() {
        let w = words(7, 400);
        for a in &w {
            for b in w.iter().take(60) {
                let d = table_distance(a, b);
                assert_eq!(levenshtein(a, b), d, "{a:?} {b:?}");
                let pattern = Pattern::new(&a.chars().collect::<Vec<_>>());
                for within in [0, 1, 2, 5, d.saturating_sub(1), d, d + 1] {
                    assert_eq!(
                        pattern.distance_within(b, b.chars().count(), within),
                        (d <= within).then_some(d),
                        "{a:?} {b:?} within {within}"
                    );
                }
            }
        }
        assert_eq!(levenshtein("", "abc"), 3);
        assert_eq!(levenshtein("kitten", "sitting"), 3);
    }

    #[test]
    fn nearest_names_what_a_plain_scan_names() {
        let candidates = words(11, 300);
        let refs: Vec<&str> = candidates.iter().map(String::as_str).collect();
        for word in words(13, 300) {
            assert_eq!(
                nearest(&word, refs.iter().copied()),
                plain_nearest(&word, &refs),
                "{word:?}"
            );
        }
        let units = [
            "Phòng Văn hóa - Xã hội",
            "Phòng VHXH",
            "Phòng Kinh tế",
            "Phòng VHXB",
        ];
        for word in [
            "Phòng Văn hoá Xã hôi",
            "Phong VHXH",
            "Phòng Tư pháp",
            "phòng kinh te",
            "",
        ] {
            assert_eq!(nearest(word, units), plain_nearest(word, &units), "{word}");
        }
    }
}
