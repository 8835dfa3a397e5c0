//! Search text analysis: words, their three forms, and abbreviations.
//!
//! The browser half (`themes/default/static/search.js`, `KH.analyze`) implements exactly the
//! same steps; `tests/search.rs` folds one table of inputs with both and requires equal output.
//!
//! A word is a run of letters, digits and combining marks; everything else (spaces, every dash,
//! punctuation, `/`, `&`) separates words. Each word has three forms, from strict to loose:
//! - **exact**: NFC, lowercase, the tone mark moved after the letters, so the old and new tone
//!   placements are one form (`hoá` = `hóa` → `hoá`, `thuỷ` = `thủy` → `thuỷ`);
//! - **toneless**: the exact form without its tone (`hoa`, `thuy`; `đất` → `đât`), computed on
//!   the query side only, for ranking;
//! - **folded**: no marks at all, `đ` → `d` (`dat`): the key the index is looked up by.

use rustc_hash::FxHashMap;
use std::collections::HashMap;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The five Vietnamese tone marks as combining characters (huyền, sắc, hỏi, ngã, nặng).
pub const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{309}', '\u{303}', '\u{323}'];

/// Abbreviations that plans use, with what they stand for. A record that says either one is
/// found by both. Each unit's `short` name of `units.yaml` is added to these at build time.
pub const ABBREVIATIONS: &[(&str, &str)] = &[
    ("VHXH", "Văn hóa - Xã hội"),
    ("PVHCC", "Phục vụ hành chính công"),
    ("HCC", "hành chính công"),
    ("TTHC", "thủ tục hành chính"),
    ("UBND", "Ủy ban nhân dân"),
    ("HĐND", "Hội đồng nhân dân"),
    ("CCHC", "cải cách hành chính"),
    ("CNTT", "công nghệ thông tin"),
    ("MTTQ", "Mặt trận Tổ quốc"),
    ("UBMTTQ", "Ủy ban Mặt trận Tổ quốc"),
    ("TTĐT", "thông tin điện tử"),
    ("CĐS", "chuyển đổi số"),
    ("DVC", "dịch vụ công"),
    ("VBQPPL", "văn bản quy phạm pháp luật"),
    ("ATTT", "an toàn thông tin"),
];

/// One word of a text: byte ranges of its exact and folded forms in [`Analyzer::buf`].
#[derive(Debug, Clone, Copy)]
pub struct Word {
    exact: (u32, u32),
    folded: (u32, u32),
}

/// Splits texts into words without allocating per word: the forms are appended to one buffer
/// that is cleared for each text.
///
/// A text is cut at its ASCII separators first (they are starters: no mark reorders or
/// composes across them, so each piece gives the words it would give inside the text). A piece
/// of ASCII letters and digits is one word, lowercased; any other piece is analysed once and
/// its words remembered, as a commune's plans say the same words again and again.
#[derive(Debug, Default)]
pub struct Analyzer {
    buf: String,
    pub words: Vec<Word>,
    letters: String,
    tones: Vec<char>,
    memo: FxHashMap<Box<str>, Forms>,
}

/// The (exact, folded) forms of a piece's words.
type Forms = Box<[(Box<str>, Box<str>)]>;

/// Pieces remembered by one [`Analyzer`] at most (then it forgets them all).
const MEMO: usize = 1 << 16;

impl Analyzer {
    /// Analyses `text`, replacing the previous words.
    pub fn run(&mut self, text: &str) {
        self.buf.clear();
        self.words.clear();
        for piece in text.split(|c: char| c.is_ascii() && !c.is_ascii_alphanumeric()) {
            if piece.is_empty() {
                continue;
            }
            if piece.is_ascii() {
                let e0 = self.buf.len() as u32;
                self.buf
                    .extend(piece.chars().map(|c| c.to_ascii_lowercase()));
                let e1 = self.buf.len() as u32;
                self.buf
                    .extend(piece.chars().map(|c| c.to_ascii_lowercase()));
                self.words.push(Word {
                    exact: (e0, e1),
                    folded: (e1, self.buf.len() as u32),
                });
                continue;
            }
            if let Some(ws) = self.memo.get(piece) {
                for (e, f) in ws.iter() {
                    let e0 = self.buf.len() as u32;
                    self.buf.push_str(e);
                    let e1 = self.buf.len() as u32;
                    self.buf.push_str(f);
                    self.words.push(Word {
                        exact: (e0, e1),
                        folded: (e1, self.buf.len() as u32),
                    });
                }
                continue;
            }
            let first = self.words.len();
            self.piece(piece);
            let ws: Forms = self.words[first..]
                .iter()
                .map(|&w| (self.exact(w).into(), self.folded(w).into()))
                .collect();
            if self.memo.len() >= MEMO {
                self.memo.clear();
            }
            self.memo.insert(piece.into(), ws);
        }
    }

    /// The words of `text` by the full steps: NFD, lowercase, tones apart, NFC.
    fn piece(&mut self, text: &str) {
        self.letters.clear();
        self.tones.clear();
        for c in text.nfd().flat_map(char::to_lowercase) {
            if TONES.contains(&c) {
                self.tones.push(c);
            } else if c.is_alphanumeric() || is_combining_mark(c) {
                self.letters.push(c);
            } else {
                self.flush();
            }
        }
        self.flush();
    }

    fn flush(&mut self) {
        if self.letters.is_empty() && self.tones.is_empty() {
            return;
        }
        let e0 = self.buf.len() as u32;
        self.tones.sort_unstable();
        let buf = &mut self.buf;
        buf.extend(self.letters.chars().chain(self.tones.iter().copied()).nfc());
        let e1 = buf.len() as u32;
        for c in self.letters.chars().filter(|c| !is_combining_mark(*c)) {
            buf.push(if c == 'đ' { 'd' } else { c });
        }
        let f1 = buf.len() as u32;
        if f1 > e1 {
            self.words.push(Word {
                exact: (e0, e1),
                folded: (e1, f1),
            });
        } else {
            buf.truncate(e0 as usize);
        }
        self.letters.clear();
        self.tones.clear();
    }

    pub fn exact(&self, w: Word) -> &str {
        &self.buf[w.exact.0 as usize..w.exact.1 as usize]
    }
    pub fn folded(&self, w: Word) -> &str {
        &self.buf[w.folded.0 as usize..w.folded.1 as usize]
    }
}

/// The exact forms of the words of `text` (allocating: for tests and small inputs).
pub fn words(text: &str) -> Vec<(String, String)> {
    let mut a = Analyzer::default();
    a.run(text);
    a.words
        .iter()
        .map(|&w| (a.exact(w).to_string(), a.folded(w).to_string()))
        .collect()
}

/// The folded form of a whole text: its words' folded forms joined by single spaces.
pub fn fold_words(text: &str) -> String {
    words(text)
        .into_iter()
        .map(|(_, f)| f)
        .collect::<Vec<_>>()
        .join(" ")
}

/// One side of an abbreviation pair, as words.
#[derive(Debug, Clone)]
struct Phrase {
    /// Folded forms, matched against a text.
    folded: Vec<String>,
    /// (exact, folded) of the words added when the other side is found.
    words: Vec<(String, String)>,
}

/// Abbreviations both ways: when a text contains one side (as whole words, folded), the
/// other side's words are added to it.
#[derive(Debug, Clone, Default)]
pub struct Expansions {
    /// By the folded form of the first word of the side to find.
    by_first: HashMap<String, Vec<(Phrase, Phrase)>>,
    /// The pairs as given, for the browser (highlighting) and the parity test.
    pub pairs: Vec<(String, String)>,
}

impl Expansions {
    /// The built-in [`ABBREVIATIONS`] and `extra` pairs (short, long), e.g. the units' short
    /// names. Pairs whose sides fold to the same words are ignored.
    pub fn new<'a>(extra: impl IntoIterator<Item = (&'a str, &'a str)>) -> Expansions {
        let mut e = Expansions::default();
        for (short, long) in ABBREVIATIONS.iter().copied().chain(extra) {
            let (s, l) = (phrase(short), phrase(long));
            if s.folded.is_empty() || l.folded.is_empty() || s.folded == l.folded {
                continue;
            }
            if e.pairs.iter().any(|(a, b)| a == short && b == long) {
                continue;
            }
            e.pairs.push((short.to_string(), long.to_string()));
            for (from, to) in [(&s, &l), (&l, &s)] {
                e.by_first
                    .entry(from.folded[0].clone())
                    .or_default()
                    .push((from.clone(), to.clone()));
            }
        }
        e
    }

    /// Calls `emit` with the words to add to a text whose words are `a.words`: for each match
    /// of a side, the other side's words, with the words before and after the match (for
    /// the pairs of adjacent words, `None` at the ends).
    pub fn each(
        &self,
        a: &Analyzer,
        mut emit: impl FnMut(Option<Word>, &[(String, String)], Option<Word>),
    ) {
        let ws = &a.words;
        for i in 0..ws.len() {
            let Some(cands) = self.by_first.get(a.folded(ws[i])) else {
                continue;
            };
            for (from, to) in cands {
                let n = from.folded.len();
                if i + n > ws.len() {
                    continue;
                }
                if (0..n).all(|k| a.folded(ws[i + k]) == from.folded[k]) {
                    let before = i.checked_sub(1).map(|j| ws[j]);
                    let after = ws.get(i + n).copied();
                    emit(before, &to.words, after);
                }
            }
        }
    }
}

fn phrase(s: &str) -> Phrase {
    let words = words(s);
    Phrase {
        folded: words.iter().map(|(_, f)| f.clone()).collect(),
        words,
    }
}

/// The words a record is found by for `text`: its own (exact forms) then, per abbreviation
/// found, the other side's; for tests and the parity table.
pub fn analyze(text: &str, exp: &Expansions) -> Vec<String> {
    let mut a = Analyzer::default();
    a.run(text);
    let mut out: Vec<String> = a.words.iter().map(|&w| a.exact(w).to_string()).collect();
    exp.each(&a, |_, add, _| {
        out.extend(add.iter().map(|(e, _)| e.clone()))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exact(s: &str) -> Vec<String> {
        words(s).into_iter().map(|(e, _)| e).collect()
    }

    #[test]
    fn nfd_input_and_tone_placement_give_one_exact_form() {
        let nfc = exact("Văn hóa thủy lợi");
        let nfd: String = "Văn hóa thủy lợi".nfd().collect();
        assert_eq!(exact(&nfd), nfc);
        assert_eq!(exact("VĂN HOÁ THUỶ LỢI"), nfc);
        // The tone goes after the letters: one spelling whatever the placement.
        assert_eq!(nfc[1], "hoá");
        assert_eq!(exact("hóa"), exact("hoá"));
        assert_eq!(exact("thủy"), exact("thuỷ"));
        assert_ne!(exact("hoà"), exact("hoá"));
        assert_ne!(exact("đất"), exact("dat"));
    }

    #[test]
    fn folded_forms_drop_every_mark_and_d_stroke() {
        assert_eq!(fold_words("Đất đai"), "dat dai");
        assert_eq!(fold_words("ĐẤT ĐAI"), "dat dai");
        assert_eq!(fold_words("Ủy ban nhân dân"), "uy ban nhan dan");
        assert_eq!(
            fold_words("ưu tiên, ơn, ăn, ân, ê, ô"),
            "uu tien on an an e o"
        );
    }

    /// The words of `text` by the full steps over the whole text, without the ASCII cut and
    /// the memo.
    fn slow(text: &str) -> Vec<(String, String)> {
        let mut a = Analyzer::default();
        a.buf.clear();
        a.words.clear();
        a.piece(text);
        a.words
            .iter()
            .map(|&w| (a.exact(w).to_string(), a.folded(w).to_string()))
            .collect()
    }

    #[test]
    fn cutting_at_ascii_separators_and_remembering_pieces_changes_nothing() {
        let texts = [
            "Văn hoá – Xã hội, UBND xã; 66/KH-UBND (2025)",
            "ĐẤT ĐAI\u{301} a\u{323}\u{302} hệ thống ự được",
            " \u{301}x \u{303}, e\u{302}\u{323}!ê\u{323}",
            "Ǆ İstanbul ΐ ﬁ ½ Ω K Å",
            "x\u{0345}\u{301}-\u{0651}\u{064B}a",
        ];
        let mut a = Analyzer::default();
        for round in 0..2 {
            for t in texts {
                a.run(t);
                let got: Vec<(String, String)> = a
                    .words
                    .iter()
                    .map(|&w| (a.exact(w).to_string(), a.folded(w).to_string()))
                    .collect();
                assert_eq!(got, slow(t), "{t:?} (round {round})");
            }
        }
    }

    #[test]
    fn dashes_and_punctuation_separate_words() {
        for s in [
            "Văn hoá – Xã hội",
            "Văn hoá—Xã hội",
            "Văn hoá-Xã hội",
            "văn hoá ‑ xã hội.",
            "(Văn hoá, Xã hội)",
        ] {
            assert_eq!(fold_words(s), "van hoa xa hoi", "{s}");
        }
        assert_eq!(fold_words("66/KH-UBND"), "66 kh ubnd");
        assert_eq!(fold_words("HĐND&UBND"), "hdnd ubnd");
        assert_eq!(fold_words(" -- ,; "), "");
    }

    #[test]
    fn abbreviations_work_both_ways() {
        let e = Expansions::new([("Phòng VHXH", "Phòng Văn hóa - Xã hội")]);
        assert_eq!(
            analyze("Phòng VHXH", &e),
            exact("phòng vhxh phòng văn hoá xã hội văn hoá xã hội")
        );
        assert_eq!(
            analyze("Văn hoá – Xã hội", &e),
            ["văn", "hoá", "xã", "hội", "vhxh"].map(|w| exact(w)[0].clone())
        );
        assert!(analyze("Trung tâm PVHCC", &e).contains(&exact("phục")[0]));
        assert!(analyze("thủ tục hành chính", &e).contains(&"tthc".to_string()));
        assert!(analyze("HĐND xã", &e).contains(&exact("đồng")[0]));
        assert!(analyze("Hội đồng nhân dân", &e).contains(&"hđnd".to_string()));
    }
}
