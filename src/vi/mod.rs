//! Vietnamese text: normalisation and folding, slugs, deadline understanding.

pub mod collate;
pub mod deadline;
pub mod fold;

pub use fold::{clean, fold, key, slugify};
