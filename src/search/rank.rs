//! The ranking weights, in one place: `meta.js` carries them (`"rank"`) and
//! `themes/default/static/search.js` scores with what it reads there, so a ranking change is
//! made here and nowhere else.
//!
//! A result's score is, from the most to the least weighty:
//!
//! 0. [`SPELT`] once, for a record that has every query word **spelled as asked** (in what it
//!    says or in its context; a word typed with tones, with those tones): a task under the
//!    heading "Về quản lý đất đai" is about land, one that says "đạt … đai" is not, so the
//!    first ranks above the second for "đất đai" though the second says both letters' words;
//! 1. [`OWN`] × the query words the record **says** (a task's content, deadline, deliverable
//!    and units; a plan's title and number): a task that says "an toàn thông tin" ranks above
//!    every task that only stands under a heading that says it;
//! 2. [`ANY`] × the words it has at all, its **context** too (its group heading, its plan's
//!    title and number, its leader, the other side of an abbreviation it uses): after the
//!    records that say every word come those whose heading or plan holds the rest, then those
//!    with fewer words;
//! 3. [`EXACT`] × the words it says **as typed**, for words typed with tones or đ (hoá = hóa):
//!    "đất" ranks "đất đai" above "đạt" (a word typed without tones takes every spelling alike:
//!    "dat" asks for no tone);
//! 4. [`PHRASE`] × the pairs of query words **adjacent** in it, as typed;
//! 5. [`QUALITY`] × the sum of its words' match qualities ([`EXACT_Q`] … [`COMPLETION_Q`]):
//!    a record that spells a word out ranks above one that has it by abbreviation ("UBND"
//!    for "Ủy ban nhân dân").
//!
//! Each tier outweighs everything below it for any query a person types (up to 24 words: a
//! citizen's query has 1–8), checked when the crate compiles. Ties go to the smaller record
//! id (the newer plan, then document order).

use serde::Serialize;

/// Once, for a record with every query word spelled as asked.
pub const SPELT: u64 = 100_000_000_000;
/// Per query word the record says.
pub const OWN: u64 = 1_000_000_000;
/// Per query word the record has, in what it says or in its context.
pub const ANY: u64 = 10_000_000;
/// Per query word typed with tones that the record says exactly so.
pub const EXACT: u64 = 100_000;
/// Per pair of query words adjacent in what the record says.
pub const PHRASE: u64 = 1_000;
/// Per point of match quality.
pub const QUALITY: u64 = 1;

/// Match quality of a word spelled exactly as typed (tones included, hoá = hóa).
pub const EXACT_Q: u8 = 5;
/// … spelled with the same letters and other tones ("hòa" for "hoa").
pub const SAME_LETTERS_Q: u8 = 4;
/// … the same once folded (đ = d, tones dropped), or any spelling of a word typed without
/// tones, or the word a misspelt one was corrected to.
pub const FOLDED_Q: u8 = 3;
/// … the other side of an abbreviation the record uses ("UBND" for "ủy ban nhân dân").
pub const ALIAS_Q: u8 = 2;
/// … a completion of the word being typed.
pub const COMPLETION_Q: u8 = 1;

/// The weights as `meta.js` carries them.
#[derive(Debug, Serialize)]
pub struct Weights {
    pub spelt: u64,
    pub own: u64,
    pub any: u64,
    pub exact: u64,
    pub phrase: u64,
    pub quality: u64,
    /// Qualities: exact, same letters, folded, completion, alias.
    pub q: [u8; 5],
}

/// The weights of this build.
pub const WEIGHTS: Weights = Weights {
    spelt: SPELT,
    own: OWN,
    any: ANY,
    exact: EXACT,
    phrase: PHRASE,
    quality: QUALITY,
    q: [EXACT_Q, SAME_LETTERS_Q, FOLDED_Q, COMPLETION_Q, ALIAS_Q],
};

// Each tier outweighs all the ones below it for a query of up to 24 words, the qualities are
// ordered, and the largest score stays an exact integer in a JavaScript number.
const _: () = {
    let words = 24u64;
    let quality = words * EXACT_Q as u64 * QUALITY;
    assert!(quality < PHRASE);
    assert!((words - 1) * PHRASE + quality < EXACT);
    assert!(words * EXACT + (words - 1) * PHRASE + quality < ANY);
    assert!(words * ANY + words * EXACT + (words - 1) * PHRASE + quality < OWN);
    assert!(words * (OWN + ANY + EXACT + PHRASE) + quality < SPELT);
    assert!(SPELT + words * (OWN + ANY + EXACT + PHRASE) + quality < 1 << 53);
    assert!(EXACT_Q > SAME_LETTERS_Q && SAME_LETTERS_Q > FOLDED_Q && FOLDED_Q > ALIAS_Q);
    assert!(ALIAS_Q > COMPLETION_Q);
    assert!(COMPLETION_Q > 0);
};
