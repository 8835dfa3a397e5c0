//! Reports about plans, written as the administrative documents a commune files.
//!
//! [`docx`] writes a report as a Word document in the form Nghị định 30/2020/NĐ-CP sets for
//! administrative documents (thể thức văn bản hành chính), so the office can print, sign and
//! file it as it is, and reads the text of such a document back for tests.

pub mod docx;
