//! The ranking weights, in one place: `meta.js` carries them (`"rank"`) and
//! `themes/default/static/search.js` scores with what it reads there, so a ranking change is
//! made here and nowhere else.
//!
//! A result's score is `WORD × (query words it has) + PHRASE × (query word pairs adjacent
//! in it) + QUALITY × (sum over its words of how exactly each matched)`. Each tier must
//! outweigh everything below it for any query a person types (up to 24 words: a citizen's
//! query has 1–8): the quality sum (at most [`EXACT`] per word) times [`QUALITY`] stays below
//! one [`PHRASE`], and the phrases (at most words − 1) with the qualities stay below one
//! [`WORD`]. Ties go to the smaller record id (the newer plan, then document order).

use serde::Serialize;

/// Per query word the record has: a record with more of the words ranks above any with fewer.
pub const WORD: u32 = 1_000_000;
/// Per pair of query words adjacent in the record, as typed: "thủ tục" above "thủ … tục".
pub const PHRASE: u32 = 10_000;
/// Per point of match quality of each word (below).
pub const QUALITY: u32 = 100;

/// Match quality of a word spelled exactly as typed (tones included, hoá = hóa).
pub const EXACT: u8 = 4;
/// … spelled with the same letters and other tones ("hòa" for "hoa").
pub const SAME_LETTERS: u8 = 3;
/// … the same once folded (đ = d, tones dropped).
pub const FOLDED: u8 = 2;
/// … a completion of the word being typed.
pub const COMPLETION: u8 = 1;

/// The weights as `meta.js` carries them.
#[derive(Debug, Serialize)]
pub struct Weights {
    pub word: u32,
    pub phrase: u32,
    pub quality: u32,
    /// Qualities: exact, same letters, folded, completion.
    pub q: [u8; 4],
}

/// The weights of this build.
pub const WEIGHTS: Weights = Weights {
    word: WORD,
    phrase: PHRASE,
    quality: QUALITY,
    q: [EXACT, SAME_LETTERS, FOLDED, COMPLETION],
};

// Each tier outweighs the ones below for a query of up to 24 words, and the qualities are
// ordered: checked when the crate compiles.
const _: () = {
    let words = 24u64;
    let quality = words * EXACT as u64 * QUALITY as u64;
    assert!(quality < PHRASE as u64);
    assert!((words - 1) * PHRASE as u64 + quality < WORD as u64);
    assert!(EXACT > SAME_LETTERS && SAME_LETTERS > FOLDED && FOLDED > COMPLETION);
    assert!(COMPLETION > 0);
};
