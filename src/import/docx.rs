//! OOXML (.docx) → a small document model: paragraphs with bold/italic runs, and tables whose
//! cells keep their horizontal span (`w:gridSpan`) and vertical merge (`w:vMerge`).
//!
//! The archive is read with `zip`, `word/document.xml` with quick-xml's streaming events: no
//! regular expressions over XML text. What Word really writes is absorbed here so the
//! importer above sees clean text: a word split over many runs, proofing marks, bookmarks,
//! smart tags, content controls (`w:sdt`), tracked changes (insertions kept, deletions
//! dropped), field codes (`w:instrText` skipped, the field's result kept), soft hyphens,
//! non-breaking hyphens, tabs, line breaks, text boxes, and the duplicate fallback content of
//! `mc:AlternateContent`.
//!
//! Nothing a file claims is trusted for sizes: an entry is decompressed through `take()` up
//! to [`MAX_ENTRY_BYTES`] whatever its header says; `w:gridBefore`, `w:gridSpan` and
//! `w:gridAfter` are clamped, and a row wider than [`MAX_COLUMNS`] grid columns, a table of
//! more than [`MAX_ROWS`] rows or tables nested deeper than [`MAX_TABLE_DEPTH`] are refused
//! while the XML is streamed, before anything is built from them. The nesting is checked
//! because the model is a tree (a table in a cell of a table …) that is walked, cloned and
//! dropped by recursion; what the importer walks itself ([`collect_lines`]) it walks with an
//! explicit stack.

use super::table::{MAX_COLUMNS, MAX_ROWS};
use crate::{msg, tr};
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;
use std::io::Read;
use std::rc::Rc;

/// An archive entry larger than this is refused (a zip bomb, or not a plan): real plans
/// hold a document.xml of 50 KB – 2 MB. The model built from the XML may take several times
/// its size (an empty `<w:p></w:p>` of 11 bytes becomes a paragraph of about 90), and the
/// work of reading it grows with it: eight times the largest real part keeps a hostile one
/// to a few hundred MB and a couple of seconds.
pub const MAX_ENTRY_BYTES: u64 = 16 * 1024 * 1024;
/// A .docx file larger than this is refused before it is opened.
pub const MAX_FILE_BYTES: u64 = 100 * 1024 * 1024;
/// Tables nested deeper than this are refused: a plan's tables are nested a level or two at
/// most, and the depth bounds the recursion over the tree (it is dropped and cloned that way).
pub const MAX_TABLE_DEPTH: usize = 32;

/// Why a file could not be read as a Word document; `Display` is the message for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocxError {
    /// Not a ZIP archive at all (a .doc, a PDF, a renamed text file …).
    NotZip { old_doc: bool },
    /// A ZIP archive without `word/document.xml`.
    NoDocument,
    /// The file itself is larger than [`MAX_FILE_BYTES`].
    FileTooLarge,
    /// An entry that decompresses to more than [`MAX_ENTRY_BYTES`].
    TooLarge { entry: String },
    /// A row spanning more than [`MAX_COLUMNS`] grid columns; tables and rows counted from 1
    /// in document order (`table` is 0 for a row outside any table).
    TooWide { table: usize, row: usize },
    /// A table of more than [`MAX_ROWS`] rows.
    TooManyRows { table: usize },
    /// Tables nested deeper than [`MAX_TABLE_DEPTH`].
    TooDeep,
    /// The archive or the XML inside is damaged.
    Corrupt(String),
}

impl std::fmt::Display for DocxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            DocxError::NotZip { old_doc: true } => tr!(msg::DOCX_OLD_DOC),
            DocxError::NotZip { old_doc: false } => tr!(msg::DOCX_NOT_ZIP),
            DocxError::NoDocument => tr!(msg::DOCX_NO_DOCUMENT),
            DocxError::FileTooLarge => {
                tr!(
                    msg::DOCX_FILE_TOO_LARGE,
                    mb = MAX_FILE_BYTES / (1024 * 1024)
                )
            }
            DocxError::TooLarge { entry } => tr!(
                msg::DOCX_ENTRY_TOO_LARGE,
                entry = entry,
                mb = MAX_ENTRY_BYTES / (1024 * 1024)
            ),
            DocxError::TooWide { table: 0, .. } => tr!(msg::DOCX_ROW_TOO_WIDE, max = MAX_COLUMNS),
            DocxError::TooWide { table, row } => tr!(
                msg::DOCX_TABLE_ROW_TOO_WIDE,
                row = row,
                table = table,
                max = MAX_COLUMNS
            ),
            DocxError::TooManyRows { table } => {
                tr!(msg::DOCX_TOO_MANY_ROWS, table = table, max = MAX_ROWS)
            }
            DocxError::TooDeep => tr!(msg::DOCX_TOO_DEEP, max = MAX_TABLE_DEPTH),
            DocxError::Corrupt(why) => tr!(msg::DOCX_CORRUPT, why = why),
        };
        f.write_str(&text)
    }
}

impl DocxError {
    pub fn hint(&self) -> String {
        match self {
            DocxError::NotZip { .. } | DocxError::NoDocument => tr!(msg::DOCX_RESAVE_HINT),
            DocxError::FileTooLarge | DocxError::TooLarge { .. } => {
                tr!(msg::DOCX_TOO_LARGE_HINT)
            }
            DocxError::TooWide { .. } | DocxError::TooDeep => tr!(msg::DOCX_TOO_WIDE_HINT),
            DocxError::TooManyRows { .. } => tr!(msg::DOCX_TOO_MANY_ROWS_HINT),
            DocxError::Corrupt(_) => tr!(msg::DOCX_CORRUPT_HINT),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Para {
    pub runs: Vec<Run>,
    /// `w:pStyle` (e.g. `Heading1`), empty when absent.
    pub style: String,
    /// Numbered or bulleted through `w:numPr`: the format of its level (`bullet`, `decimal`
    /// …) when numbering.xml says, else `bullet`.
    pub list: Option<String>,
    pub centered: bool,
    /// Bold set on the whole paragraph's mark (`w:pPr/w:rPr/w:b`) — Word uses it for runs too
    /// only through styles, so it is a hint, not the truth.
    pub heading_level: Option<u8>,
}

impl Para {
    /// The paragraph's text as written, runs joined (line breaks kept as `\n`).
    pub fn raw_text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
    /// Cleaned lines (a `w:br` starts a new line), empty ones dropped.
    pub fn lines(&self) -> Vec<String> {
        self.raw_text()
            .split('\n')
            .map(crate::vi::clean)
            .filter(|l| !l.is_empty())
            .collect()
    }
    /// The whole paragraph on one line, cleaned.
    pub fn text(&self) -> String {
        crate::vi::clean(&self.raw_text())
    }
    /// True when every visible character is bold.
    pub fn all_bold(&self) -> bool {
        let mut any = false;
        for r in &self.runs {
            if r.text.trim().is_empty() {
                continue;
            }
            if !r.bold {
                return false;
            }
            any = true;
        }
        any
    }
    pub fn all_italic(&self) -> bool {
        let mut any = false;
        for r in &self.runs {
            if r.text.trim().is_empty() {
                continue;
            }
            if !r.italic {
                return false;
            }
            any = true;
        }
        any
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VMerge {
    Restart,
    Continue,
}

#[derive(Debug, Clone, Default)]
pub struct Cell {
    pub blocks: Vec<Block>,
    pub span: usize,
    pub vmerge: Option<VMerge>,
}

impl Cell {
    /// Every line of text in the cell, nested tables included, in order.
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        collect_lines(&self.blocks, &mut out);
        out
    }
}

#[derive(Debug, Clone, Default)]
pub struct Row {
    pub cells: Vec<Cell>,
    /// `w:tblHeader`: repeated at the top of each page.
    pub header: bool,
    /// `w:gridBefore`: grid columns skipped before the first cell.
    pub grid_before: usize,
    /// `w:gridAfter`: grid columns left empty after the last cell.
    pub grid_after: usize,
}

impl Row {
    /// The grid columns the row covers.
    pub fn width(&self) -> usize {
        self.cells
            .iter()
            .fold(self.grid_before.saturating_add(self.grid_after), |w, c| {
                w.saturating_add(c.span.max(1))
            })
    }
}

#[derive(Debug, Clone, Default)]
pub struct Table {
    pub rows: Vec<Row>,
}

impl Table {
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        lines_from(Box::new(cell_blocks(self)), &mut out);
        out
    }
}

#[derive(Debug, Clone)]
pub enum Block {
    Para(Para),
    Table(Table),
}

/// Every line of text of some blocks, tables flattened cell by cell.
pub fn collect_lines(blocks: &[Block], out: &mut Vec<String>) {
    lines_from(Box::new(blocks.iter()), out);
}

/// The blocks of a table's cells, row by row, cell by cell.
fn cell_blocks(t: &Table) -> impl Iterator<Item = &Block> {
    t.rows.iter().flat_map(|r| &r.cells).flat_map(|c| &c.blocks)
}

/// The lines of some blocks and of the tables nested in them, in order, with one iterator
/// per open table on an explicit stack instead of a recursive call.
fn lines_from<'a>(blocks: Box<dyn Iterator<Item = &'a Block> + 'a>, out: &mut Vec<String>) {
    let mut stack = vec![blocks];
    while let Some(top) = stack.last_mut() {
        match top.next() {
            None => {
                stack.pop();
            }
            Some(Block::Para(p)) => out.extend(p.lines()),
            Some(Block::Table(t)) => stack.push(Box::new(cell_blocks(t))),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Document {
    pub blocks: Vec<Block>,
}

/// Reads a .docx from its bytes.
pub fn read(bytes: &[u8]) -> Result<Document, DocxError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(DocxError::FileTooLarge);
    }
    if !bytes.starts_with(b"PK") {
        return Err(DocxError::NotZip {
            old_doc: bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]),
        });
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| match e {
        zip::result::ZipError::InvalidArchive(_) | zip::result::ZipError::Io(_) => {
            DocxError::NotZip { old_doc: false }
        }
        other => DocxError::Corrupt(other.to_string()),
    })?;
    let main = main_part_name(&mut zip).unwrap_or_else(|| "word/document.xml".to_string());
    let xml = match entry(&mut zip, &main)? {
        Some(x) => x,
        None => return Err(DocxError::NoDocument),
    };
    let numbering = entry(&mut zip, "word/numbering.xml")
        .ok()
        .flatten()
        .map(|x| read_numbering(&x))
        .unwrap_or_default();
    parse_document(&xml, &numbering)
}

/// One entry as text, size-limited; `None` when absent.
fn entry(
    zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, DocxError> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(DocxError::Corrupt(format!("{name}: {e}"))),
    };
    if file.size() > MAX_ENTRY_BYTES {
        return Err(DocxError::TooLarge { entry: name.into() });
    }
    let mut buf = Vec::new();
    // The size in the header may lie: never read past the limit whatever it says.
    file.take(MAX_ENTRY_BYTES + 1)
        .read_to_end(&mut buf)
        .map_err(|e| DocxError::Corrupt(format!("{name}: {e}")))?;
    if buf.len() as u64 > MAX_ENTRY_BYTES {
        return Err(DocxError::TooLarge { entry: name.into() });
    }
    let text = String::from_utf8(buf)
        .map_err(|_| DocxError::Corrupt(tr!(msg::DOCX_NOT_UTF8_XML, name = name)))?;
    Ok(Some(text))
}

/// The main document part named by `_rels/.rels` (almost always `word/document.xml`).
fn main_part_name(zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>) -> Option<String> {
    let rels = entry(zip, "_rels/.rels").ok()??;
    let mut reader = quick_xml::Reader::from_str(&rels);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e))
                if e.local_name().as_ref() == b"Relationship" =>
            {
                let ty = attr(&e, b"Type").unwrap_or_default();
                if ty.ends_with("/officeDocument") {
                    let target = attr(&e, b"Target")?;
                    let t = target.trim_start_matches('/');
                    // Only a plain path inside the archive.
                    if t.split('/').any(|s| s == "..") {
                        return None;
                    }
                    return Some(t.to_string());
                }
            }
            Ok(Event::Eof) | Err(_) => return None,
            _ => {}
        }
    }
}

/// The value of an attribute by local name (`w:val` → `val`).
fn attr(e: &BytesStart, local: &[u8]) -> Option<String> {
    for a in e.attributes().flatten() {
        if a.key.local_name().as_ref() == local {
            return a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned());
        }
    }
    None
}

/// An on/off property (`<w:b/>`, `<w:b w:val="0"/>`).
fn on(e: &BytesStart) -> bool {
    !matches!(
        attr(e, b"val").as_deref(),
        Some("0") | Some("false") | Some("off") | Some("none")
    )
}

/// numId → (ilvl → numFmt), from word/numbering.xml.
type Numbering = HashMap<String, HashMap<String, String>>;

fn read_numbering(xml: &str) -> Numbering {
    let mut abstracts: HashMap<String, HashMap<String, String>> = HashMap::new();
    let mut nums: HashMap<String, String> = HashMap::new();
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut cur_abstract: Option<String> = None;
    let mut cur_lvl: Option<String> = None;
    let mut cur_num: Option<String> = None;
    loop {
        let ev = match reader.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(ev) => ev,
        };
        match ev {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"abstractNum" => cur_abstract = attr(&e, b"abstractNumId"),
                b"lvl" => cur_lvl = attr(&e, b"ilvl"),
                b"numFmt" => {
                    if let (Some(a), Some(l), Some(v)) = (&cur_abstract, &cur_lvl, attr(&e, b"val"))
                    {
                        abstracts.entry(a.clone()).or_default().insert(l.clone(), v);
                    }
                }
                b"num" => cur_num = attr(&e, b"numId"),
                b"abstractNumId" => {
                    if let (Some(n), Some(v)) = (&cur_num, attr(&e, b"val")) {
                        nums.insert(n.clone(), v);
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"abstractNum" => cur_abstract = None,
                b"lvl" => cur_lvl = None,
                b"num" => cur_num = None,
                _ => {}
            },
            _ => {}
        }
    }
    nums.into_iter()
        .filter_map(|(n, a)| abstracts.get(&a).map(|l| (n, l.clone())))
        .collect()
}

/// Elements whose whole content is not part of the visible text.
fn skipped(name: &[u8]) -> bool {
    matches!(
        name,
        b"del"
            | b"moveFrom"
            | b"instrText"
            | b"delText"
            | b"delInstrText"
            | b"sdtPr"
            | b"sdtEndPr"
            | b"Fallback"
            | b"rPrChange"
            | b"pPrChange"
            | b"tblPrChange"
            | b"trPrChange"
            | b"tcPrChange"
            | b"sectPrChange"
            | b"footnoteReference"
            | b"endnoteReference"
            | b"commentReference"
            | b"annotationRef"
    )
}

enum Container {
    Body(Vec<Block>),
    Cell(Cell),
}

struct State<'n> {
    numbering: &'n Numbering,
    containers: Vec<Container>,
    tables: Vec<Table>,
    rows: Vec<Row>,
    paras: Vec<Para>,
    /// Inside a run: its properties so far.
    run: Option<Run>,
    in_rpr: bool,
    in_ppr: bool,
    in_text: bool,
    num_id: Option<String>,
    ilvl: Option<String>,
    /// The number of each open table (in `tables`), counted from 1 in document order.
    table_no: Vec<usize>,
    tables_seen: usize,
}

impl State<'_> {
    /// Refuses the open row once it spans more grid columns than any table may have: checked
    /// as each cell or grid count is read, so no row grows past the limit.
    fn check_width(&self) -> Result<(), DocxError> {
        match self.rows.last() {
            Some(r) if r.width() > MAX_COLUMNS => Err(DocxError::TooWide {
                table: self.table_no.last().copied().unwrap_or(0),
                row: self.tables.last().map_or(0, |t| t.rows.len()) + 1,
            }),
            _ => Ok(()),
        }
    }
    fn push_block(&mut self, b: Block) {
        match self.containers.last_mut() {
            Some(Container::Body(v)) => v.push(b),
            Some(Container::Cell(c)) => c.blocks.push(b),
            None => {}
        }
    }
    fn text(&mut self, s: &str) {
        if let Some(run) = self.run.as_mut() {
            run.text.push_str(s);
        } else if let Some(p) = self.paras.last_mut() {
            // Text outside a run (malformed but seen): keep it.
            p.runs.push(Run {
                text: s.to_string(),
                ..Run::default()
            });
        }
    }
    fn start(&mut self, e: &BytesStart, empty: bool) -> Result<(), DocxError> {
        let name = e.local_name();
        let name = name.as_ref();
        match name {
            b"p" if !empty => {
                self.paras.push(Para::default());
                self.num_id = None;
                self.ilvl = None;
            }
            b"pPr" if !empty => self.in_ppr = true,
            b"pStyle" if self.in_ppr => {
                if let Some(p) = self.paras.last_mut() {
                    p.style = attr(e, b"val").unwrap_or_default();
                    p.heading_level = heading_level(&p.style);
                }
            }
            b"jc" if self.in_ppr && !self.in_rpr => {
                if let Some(p) = self.paras.last_mut() {
                    p.centered = matches!(attr(e, b"val").as_deref(), Some("center"));
                }
            }
            b"numId" if self.in_ppr => self.num_id = attr(e, b"val"),
            b"ilvl" if self.in_ppr => self.ilvl = attr(e, b"val"),
            b"outlineLvl" if self.in_ppr => {
                if let (Some(p), Some(v)) = (
                    self.paras.last_mut(),
                    attr(e, b"val")
                        .and_then(|v| v.parse::<u8>().ok())
                        .filter(|v| *v < 6),
                ) {
                    p.heading_level = Some(v + 1);
                }
            }
            b"r" if !empty => {
                self.run = Some(Run::default());
            }
            b"rPr" if !empty => self.in_rpr = true,
            b"b" if self.in_rpr && !self.in_ppr => {
                if let Some(r) = self.run.as_mut() {
                    r.bold = on(e);
                }
            }
            b"i" if self.in_rpr && !self.in_ppr => {
                if let Some(r) = self.run.as_mut() {
                    r.italic = on(e);
                }
            }
            b"t" if !empty && self.run.is_some() => self.in_text = true,
            b"tab" if self.run.is_some() && !self.in_ppr => self.text("\t"),
            b"br" | b"cr" if self.run.is_some() => {
                // A page or column break ends a line too.
                self.text("\n")
            }
            b"noBreakHyphen" => self.text("-"),
            b"softHyphen" => {}
            b"sym" => {
                if let Some(c) = attr(e, b"char")
                    .and_then(|h| u32::from_str_radix(&h, 16).ok())
                    .and_then(|n| {
                        // Symbol fonts map to the private-use area F0xx.
                        let n = if (0xF000..=0xF0FF).contains(&n) {
                            n - 0xF000
                        } else {
                            n
                        };
                        char::from_u32(n)
                    })
                    .filter(|c| !c.is_control())
                {
                    self.text(&c.to_string());
                }
            }
            b"tbl" if !empty => {
                if self.tables.len() >= MAX_TABLE_DEPTH {
                    return Err(DocxError::TooDeep);
                }
                self.tables_seen += 1;
                self.table_no.push(self.tables_seen);
                self.tables.push(Table::default());
            }
            b"tr" if !empty => self.rows.push(Row::default()),
            b"tblHeader" => {
                if let Some(r) = self.rows.last_mut() {
                    r.header = on(e);
                }
            }
            b"gridBefore" | b"gridAfter" => {
                if let Some(r) = self.rows.last_mut() {
                    let n = grid_count(e, 0, 0);
                    if name == b"gridBefore" {
                        r.grid_before = n;
                    } else {
                        r.grid_after = n;
                    }
                }
                self.check_width()?;
            }
            b"tc" if !empty => self.containers.push(Container::Cell(Cell {
                span: 1,
                ..Cell::default()
            })),
            b"gridSpan" => {
                if let Some(Container::Cell(c)) = self.containers.last_mut() {
                    c.span = grid_count(e, 1, 1);
                }
            }
            b"vMerge" => {
                if let Some(Container::Cell(c)) = self.containers.last_mut() {
                    c.vmerge = Some(match attr(e, b"val").as_deref() {
                        Some("restart") => VMerge::Restart,
                        _ => VMerge::Continue,
                    });
                }
            }
            _ => {}
        }
        Ok(())
    }
    fn end(&mut self, name: &[u8]) -> Result<(), DocxError> {
        match name {
            b"p" => {
                if let Some(mut p) = self.paras.pop() {
                    if let Some(id) = self.num_id.take().filter(|id| id != "0") {
                        let lvl = self.ilvl.take().unwrap_or_else(|| "0".into());
                        let fmt = self
                            .numbering
                            .get(&id)
                            .and_then(|l| l.get(&lvl))
                            .cloned()
                            .unwrap_or_else(|| "bullet".into());
                        p.list = Some(fmt);
                    }
                    tidy(&mut p);
                    self.push_block(Block::Para(p));
                }
            }
            b"pPr" => self.in_ppr = false,
            b"r" => {
                if let (Some(run), Some(p)) = (self.run.take(), self.paras.last_mut()) {
                    p.runs.push(run);
                }
            }
            b"rPr" => self.in_rpr = false,
            b"t" => self.in_text = false,
            b"tc" => {
                if !matches!(self.containers.last(), Some(Container::Cell(_))) {
                    return Ok(());
                }
                if let (Some(Container::Cell(c)), Some(r)) =
                    (self.containers.pop(), self.rows.last_mut())
                {
                    r.cells.push(c);
                }
                self.check_width()?;
            }
            b"tr" => {
                if let (Some(r), Some(t)) = (self.rows.pop(), self.tables.last_mut()) {
                    if t.rows.len() >= MAX_ROWS {
                        return Err(DocxError::TooManyRows {
                            table: self.table_no.last().copied().unwrap_or(0),
                        });
                    }
                    t.rows.push(r);
                }
            }
            b"tbl" => {
                self.table_no.pop();
                if let Some(t) = self.tables.pop() {
                    self.push_block(Block::Table(t));
                }
            }
            _ => {}
        }
        Ok(())
    }
}

/// A grid count (`w:gridBefore`, `w:gridSpan`, `w:gridAfter`) clamped to
/// `min..=`[`MAX_COLUMNS`]: a number too large for any integer is as large as the cap, an
/// unreadable one is `default`.
fn grid_count(e: &BytesStart, min: usize, default: usize) -> usize {
    match attr(e, b"val") {
        Some(v) if !v.trim().is_empty() && v.trim().bytes().all(|b| b.is_ascii_digit()) => v
            .trim()
            .parse::<usize>()
            .unwrap_or(usize::MAX)
            .clamp(min, MAX_COLUMNS),
        _ => default,
    }
}

/// Soft hyphens and zero-width characters out of a paragraph's runs; every other character
/// stays as typed. Done as each paragraph ends, so the tree is never walked again for it.
fn tidy(p: &mut Para) {
    for r in &mut p.runs {
        if r.text.contains(['\u{ad}', '\u{200b}', '\u{feff}']) {
            r.text = r
                .text
                .chars()
                .filter(|c| !matches!(c, '\u{ad}' | '\u{200b}' | '\u{feff}'))
                .collect();
        }
    }
}

fn heading_level(style: &str) -> Option<u8> {
    let lower = style.to_ascii_lowercase();
    let n = lower.strip_prefix("heading")?.trim();
    n.parse::<u8>().ok().filter(|n| (1..=6).contains(n))
}

/// Parses word/document.xml into blocks.
fn parse_document(xml: &str, numbering: &Numbering) -> Result<Document, DocxError> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut st = State {
        numbering,
        containers: vec![Container::Body(Vec::new())],
        tables: Vec::new(),
        rows: Vec::new(),
        paras: Vec::new(),
        run: None,
        in_rpr: false,
        in_ppr: false,
        in_text: false,
        num_id: None,
        ilvl: None,
        table_no: Vec::new(),
        tables_seen: 0,
    };
    let mut skip_depth = 0usize;
    let mut depth = 0usize;
    let mut saw_body = false;
    loop {
        let ev = reader.read_event().map_err(|e| {
            DocxError::Corrupt(tr!(
                msg::DOCX_XML_BAD,
                at = reader.buffer_position(),
                error = e
            ))
        })?;
        match ev {
            Event::Eof => break,
            Event::Start(e) => {
                depth += 1;
                if skip_depth > 0 {
                    skip_depth += 1;
                } else if skipped(e.local_name().as_ref()) {
                    skip_depth = 1;
                } else {
                    if e.local_name().as_ref() == b"body" {
                        saw_body = true;
                    }
                    st.start(&e, false)?;
                }
            }
            Event::Empty(e) if skip_depth == 0 && !skipped(e.local_name().as_ref()) => {
                st.start(&e, true)?;
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                if skip_depth > 0 {
                    skip_depth -= 1;
                } else {
                    st.end(e.local_name().as_ref())?;
                }
            }
            Event::Text(t) if skip_depth == 0 && st.in_text => {
                let s = t.decode().map_err(|e| DocxError::Corrupt(e.to_string()))?;
                st.text(&s);
            }
            Event::CData(t) if skip_depth == 0 && st.in_text => {
                let s = t.decode().map_err(|e| DocxError::Corrupt(e.to_string()))?;
                st.text(&s);
            }
            Event::GeneralRef(r) if skip_depth == 0 && st.in_text => {
                let c = if r.is_char_ref() {
                    r.resolve_char_ref().ok().flatten()
                } else {
                    match r.decode().as_deref() {
                        Ok("amp") => Some('&'),
                        Ok("lt") => Some('<'),
                        Ok("gt") => Some('>'),
                        Ok("quot") => Some('"'),
                        Ok("apos") => Some('\''),
                        _ => None,
                    }
                };
                if let Some(c) = c {
                    st.text(&c.to_string());
                }
            }
            _ => {}
        }
    }
    if depth > 0 {
        return Err(DocxError::Corrupt(tr!(msg::DOCX_CUT_SHORT)));
    }
    if !saw_body {
        return Err(DocxError::Corrupt(tr!(msg::DOCX_NO_BODY)));
    }
    let blocks = match st.containers.into_iter().next() {
        Some(Container::Body(b)) => b,
        _ => Vec::new(),
    };
    Ok(Document { blocks })
}

/// A table's cells laid out on its grid: one entry per grid column and row, merged cells
/// resolved. A cell spanning columns appears in each (the extra ones marked `h_cont`); a
/// cell continuing a vertical merge carries the text of the cell that started it (`v_cont`).
/// The entries of a merged cell share one list of lines, and no row goes past
/// [`MAX_COLUMNS`] (which [`read`] refuses anyway), so the grid is bounded by the table.
pub fn to_grid(t: &Table) -> super::table::Grid {
    use super::table::{GridCell, GridRow};
    let mut rows: Vec<GridRow> = Vec::with_capacity(t.rows.len());
    for row in &t.rows {
        let mut cells: Vec<GridCell> = Vec::new();
        cells.resize_with(row.grid_before.min(MAX_COLUMNS), GridCell::default);
        for c in &row.cells {
            let col = cells.len();
            if col >= MAX_COLUMNS {
                break;
            }
            let (lines, v_cont) = match c.vmerge {
                Some(VMerge::Continue) => {
                    let above = rows
                        .last()
                        .and_then(|r| r.cells.get(col))
                        .map(|g| Rc::clone(&g.lines))
                        .unwrap_or_default();
                    (above, true)
                }
                _ => (Rc::from(c.lines()), false),
            };
            for k in 0..c.span.clamp(1, MAX_COLUMNS - col) {
                cells.push(GridCell {
                    lines: Rc::clone(&lines),
                    h_cont: k > 0,
                    v_cont,
                });
            }
        }
        let end = cells.len().saturating_add(row.grid_after).min(MAX_COLUMNS);
        cells.resize_with(end.max(cells.len()), GridCell::default);
        rows.push(GridRow {
            cells,
            header: row.header,
        });
    }
    let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    for r in &mut rows {
        r.cells.resize_with(width, GridCell::default);
    }
    super::table::Grid { rows }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(body: &str) -> Result<Document, DocxError> {
        let xml = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
        );
        parse_document(&xml, &Numbering::new())
    }

    fn doc(body: &str) -> Document {
        parse(body).unwrap()
    }

    fn first_table(d: &Document) -> &Table {
        match &d.blocks[0] {
            Block::Table(t) => t,
            Block::Para(_) => panic!("a paragraph"),
        }
    }

    fn para_text(d: &Document, i: usize) -> String {
        match &d.blocks[i] {
            Block::Para(p) => p.text(),
            Block::Table(_) => panic!("a table"),
        }
    }

    #[test]
    fn runs_proofing_marks_revisions_and_fields() {
        let d = doc(
            r#"<w:p><w:r><w:t>Phòng Văn </w:t></w:r><w:proofErr w:type="spellStart"/><w:bookmarkStart w:id="0" w:name="x"/><w:r><w:rPr><w:b/></w:rPr><w:t>hó</w:t></w:r><w:r><w:t>a</w:t></w:r><w:ins><w:r><w:t xml:space="preserve"> - Xã hội</w:t></w:r></w:ins><w:del><w:r><w:delText>XÓA</w:delText></w:r></w:del><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>&#160;1</w:t></w:r><w:r><w:softHyphen/><w:t>&amp;</w:t></w:r></w:p>"#,
        );
        assert_eq!(para_text(&d, 0), "Phòng Văn hóa - Xã hội 1&");
        match &d.blocks[0] {
            Block::Para(p) => assert!(p.runs.iter().any(|r| r.bold && r.text == "hó")),
            _ => unreachable!(),
        }
    }

    #[test]
    fn sdt_smart_tags_and_fallback() {
        let d = doc(
            r#"<w:sdt><w:sdtPr><w:alias w:val="Số"/></w:sdtPr><w:sdtContent><w:p><w:smartTag w:uri="x" w:element="place"><w:r><w:t>An Thành</w:t></w:r></w:smartTag></w:p></w:sdtContent></w:sdt><w:p><w:r><mc:AlternateContent xmlns:mc="m"><mc:Choice Requires="wps"><w:t>A</w:t></mc:Choice><mc:Fallback><w:t>A</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>"#,
        );
        assert_eq!(para_text(&d, 0), "An Thành");
        assert_eq!(para_text(&d, 1), "A");
    }

    #[test]
    fn merged_cells_on_the_grid() {
        let d = doc(
            r#"<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>I. Nhóm</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>Phòng A</w:t></w:r></w:p><w:p><w:r><w:t>Phòng B</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p/></w:tc><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>"#,
        );
        let g = to_grid(first_table(&d));
        assert_eq!(g.rows[0].cells.len(), 3);
        assert!(g.rows[0].cells[1].h_cont);
        assert_eq!(*g.rows[1].cells[2].lines, ["Phòng A", "Phòng B"]);
        assert!(g.rows[1].cells[2].v_cont);
    }

    #[test]
    fn grid_counts_are_clamped_and_a_row_wider_than_the_limit_is_refused() {
        let cell = "<w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc>";
        // A count too large for any integer is as large as the limit: one cell fills the row.
        let span = format!(
            "<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"{}\"/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>",
            "9".repeat(40)
        );
        let g = to_grid(first_table(&doc(&span)));
        assert_eq!(g.rows[0].cells.len(), MAX_COLUMNS);
        for trpr in [
            "<w:gridBefore w:val=\"1000000000000\"/>",
            "<w:gridAfter w:val=\"64\"/>",
        ] {
            let t = format!("<w:tbl><w:tr><w:trPr>{trpr}</w:trPr>{cell}</w:tr></w:tbl>");
            assert_eq!(
                parse(&t).unwrap_err(),
                DocxError::TooWide { table: 1, row: 1 }
            );
        }
        let wide = format!(
            "<w:tbl><w:tr>{cell}</w:tr></w:tbl><w:tbl><w:tr>{cell}</w:tr><w:tr>{}</w:tr></w:tbl>",
            cell.repeat(MAX_COLUMNS + 1)
        );
        assert_eq!(
            parse(&wide).unwrap_err(),
            DocxError::TooWide { table: 2, row: 2 }
        );
        let long = format!(
            "<w:tbl>{}</w:tbl>",
            format!("<w:tr>{cell}</w:tr>").repeat(MAX_ROWS + 1)
        );
        assert_eq!(
            parse(&long).unwrap_err(),
            DocxError::TooManyRows { table: 1 }
        );
    }

    #[test]
    fn merged_cells_share_their_lines_across_the_grid() {
        let d = doc(
            r#"<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="3"/><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>Phòng A</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:tcPr><w:gridSpan w:val="3"/><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>"#,
        );
        let g = to_grid(first_table(&d));
        let first = &g.rows[0].cells[0].lines;
        assert_eq!(**first, ["Phòng A"]);
        for row in &g.rows {
            for c in &row.cells {
                assert!(Rc::ptr_eq(first, &c.lines));
            }
        }
        assert!(g.rows[1].cells[2].v_cont && g.rows[1].cells[2].h_cont);
    }

    #[test]
    fn tables_nested_deeper_than_the_limit_are_refused_and_the_rest_read_without_recursion() {
        let nest = |n: usize| {
            format!(
                "{}<w:p><w:r><w:t>đáy</w:t></w:r></w:p>{}",
                "<w:tbl><w:tr><w:tc>".repeat(n),
                "</w:tc></w:tr></w:tbl>".repeat(n)
            )
        };
        assert_eq!(
            parse(&nest(MAX_TABLE_DEPTH + 1)).unwrap_err(),
            DocxError::TooDeep
        );
        let d = doc(&nest(MAX_TABLE_DEPTH));
        assert_eq!(first_table(&d).lines(), ["đáy"]);
        let mut lines = Vec::new();
        collect_lines(&d.blocks, &mut lines);
        assert_eq!(lines, ["đáy"]);
    }

    #[test]
    fn not_a_zip_and_no_document() {
        assert_eq!(
            read(b"hello").unwrap_err(),
            DocxError::NotZip { old_doc: false }
        );
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        w.start_file("a.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut w, b"x").unwrap();
        let bytes = w.finish().unwrap().into_inner();
        assert_eq!(read(&bytes).unwrap_err(), DocxError::NoDocument);
    }
}
