//! A report → a Word document (.docx, OOXML WordprocessingML) in the form of an
//! administrative document, as Nghị định 30/2020/NĐ-CP, Phụ lục I lays it out: an A4 page
//! with margins of 20 mm top and bottom, 30 mm left and 15 mm right; Times New Roman; the
//! issuer and the document's number on the left of the header, the national motto (Quốc hiệu
//! and Tiêu ngữ) and the place and date on the right; the kind of document and its title
//! centred under them; the body; the signature on the right and the recipients (Nơi nhận)
//! on the left at the bottom. Page numbers are centred in the top margin from the second page
//! on, as the decree asks.
//!
//! The XML is written by hand: the document is small and fixed in shape, and text written
//! directly is easier to compare with what Word saves than the output of a builder. Every
//! string is escaped and put in Unicode NFC (the form Word and the fonts expect for
//! Vietnamese). The bytes are deterministic — fixed zip timestamps, a fixed order of parts and
//! no creation time in the properties — so a report rebuilt from the same data is the same
//! file, and a site's output does not change when nothing did.

use quick_xml::events::Event;
use std::fmt::Write as _;
use std::io::{Read, Write as _};
use unicode_normalization::UnicodeNormalization;

/// A report as an administrative document (Nghị định 30/2020/NĐ-CP, Phụ lục I).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// Left header, upper block: the body above the issuer, e.g. "UBND THÀNH PHỐ HẢI PHÒNG" (may be empty).
    pub authority: String,
    /// Left header, bold: the issuer, e.g. "ỦY BAN NHÂN DÂN XÃ AN THÀNH" (upper case as given).
    pub issuer: String,
    /// "Số: …/BC-UBND" as given.
    pub number: String,
    /// Right, italic: "An Thành, ngày … tháng … năm 2026" as given.
    pub place_date: String,
    /// Centered bold: "BÁO CÁO".
    pub kind: String,
    /// Centered bold under it: "Kết quả thực hiện Kế hoạch số 66/KH-UBND …".
    pub title: String,
    pub body: Vec<Block>,
    /// Signature block, right: e.g. "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH" (bold lines), then blank space for the signature, then the name (may be empty).
    pub signer_lines: Vec<String>,
    pub signer_name: String,
    /// "Nơi nhận:" list, bottom left, each as given ("- UBND thành phố;", "- Lưu: VT.").
    pub recipients: Vec<String>,
}

/// One part of a report's body. A line break (`\n`) or a tab in any text is kept as one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A section heading in bold ("I. KẾT QUẢ CHUNG").
    Heading(String),
    /// A justified paragraph, first line indented 1 cm.
    Paragraph(String),
    /// A table with a bold header row and borders; `widths` are relative column widths (any positive numbers, scaled to the text width); numeric-looking cells right-aligned.
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
        widths: Vec<u32>,
    },
}

/// The page, in twips (1 mm = 56.7 twips): A4 with the margins Phụ lục I sets (top and bottom
/// 20–25 mm, left 30–35 mm, right 15–20 mm), at their smallest.
const PAGE_W: u32 = 11906;
const PAGE_H: u32 = 16838;
const MARGIN_TOP: u32 = 1134;
const MARGIN_BOTTOM: u32 = 1134;
const MARGIN_LEFT: u32 = 1701;
const MARGIN_RIGHT: u32 = 851;
/// The width of the text between the margins, which every table fills.
const TEXT_W: u32 = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT;
/// The header's and the signature's columns: the issuer's side about 40 %, the motto's 60 %.
const LEFT_COL: u32 = TEXT_W * 2 / 5;
const RIGHT_COL: u32 = TEXT_W - LEFT_COL;
/// The left and right padding of a table cell (108 twips each, Word's default).
const CELL_PAD: u32 = 2 * 108;
/// "Độc lập - Tự do - Hạnh phúc" in bold 14 pt Times New Roman is about this wide (the sum of
/// the font's advance widths); the decree wants the rule under it as long as the line.
const MOTTO_W: u32 = 3420;
const QUOC_HIEU: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
const TIEU_NGU: &str = "Độc lập - Tự do - Hạnh phúc";
/// `read_text` refuses a document.xml larger than this: a report's is a few hundred KB.
const MAX_READ_BYTES: u64 = 64 * 1024 * 1024;

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const FONT: &str = "Times New Roman";

/// How one paragraph looks; sizes in half-points (as `w:sz`), distances in twips.
#[derive(Clone, Copy)]
struct Look {
    size: u32,
    bold: bool,
    italic: bool,
    /// `w:jc`: "left", "center", "right" or "both" (justified).
    align: &'static str,
    first_line: u32,
    /// Indent from both sides, used to make a short centred rule.
    indent: u32,
    before: u32,
    after: u32,
    /// A rule under the paragraph (its bottom border); written on an empty paragraph 2 pt
    /// high, so that it sits just under the line above it.
    rule: bool,
    keep_next: bool,
}

impl Look {
    /// Centred, not indented, no space around: the lines of the header.
    const fn new(size: u32) -> Self {
        Look {
            size,
            bold: false,
            italic: false,
            align: "center",
            first_line: 0,
            indent: 0,
            before: 0,
            after: 0,
            rule: false,
            keep_next: false,
        }
    }
    const fn bold(self) -> Self {
        Look { bold: true, ..self }
    }
    const fn italic(self) -> Self {
        Look {
            italic: true,
            ..self
        }
    }
    const fn align(self, align: &'static str) -> Self {
        Look { align, ..self }
    }
    const fn space(self, before: u32, after: u32) -> Self {
        Look {
            before,
            after,
            ..self
        }
    }
    /// Kept on the page of the paragraph that follows (a heading, the title).
    const fn keep_next(self) -> Self {
        Look {
            keep_next: true,
            ..self
        }
    }
    /// A rule `len` twips long, centred in a column `col` twips wide.
    const fn rule(col: u32, len: u32) -> Self {
        let indent = col.saturating_sub(CELL_PAD + len) / 2;
        Look {
            rule: true,
            indent,
            ..EMPTY
        }
    }
}

/// Body text: 14 pt, justified, first line indented 1 cm, 6 pt after each paragraph, single
/// line spacing (Phụ lục I: at least 6 pt between paragraphs, single to 1.5 lines).
const BODY: Look = Look {
    first_line: 567,
    ..Look::new(28).align("both").space(0, 120)
};
const HEADING: Look = BODY.bold().keep_next();
/// Header lines: 13 pt, within the decree's 12–13 pt, centred in their column.
const HEAD: Look = Look::new(26);
const CENTER_BOLD: Look = Look::new(28).bold().keep_next();
/// Table text is 13 pt, a point under the body's: a report's tables have several columns on
/// a 16.5 cm line, and 14 pt would break most of their words. The decree does not set it.
const CELL: Look = Look::new(26).align("left");
/// An empty paragraph 2 pt high: the paragraph of a rule, which then sits just under the
/// line above it, and the space between two tables.
const EMPTY: Look = Look::new(4);

/// The .docx file's bytes. Deterministic: the same document gives the same bytes (fixed zip timestamps, e.g. 1980-01-01, fixed order of parts).
///
/// Fails on a table without columns, or whose `widths` are not one positive number per
/// column (an empty `widths` shares the width equally).
pub fn write(doc: &Document) -> Result<Vec<u8>, String> {
    let title: Vec<&str> = [doc.kind.trim(), doc.title.trim()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    let parts = [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", RELS.to_string()),
        ("word/document.xml", document_xml(doc)?),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_string()),
        ("word/styles.xml", styles_xml()),
        ("word/settings.xml", SETTINGS.to_string()),
        ("word/header1.xml", header_xml()),
        ("docProps/core.xml", core_xml(&title.join(" "), &doc.issuer)),
        ("docProps/app.xml", APP.to_string()),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        // The fastest level: a report's XML is small and repetitive, so it still shrinks
        // about fivefold, and a site writes a report per plan.
        .compression_level(Some(1))
        .last_modified_time(zip::DateTime::DEFAULT)
        .unix_permissions(0o644);
    for (name, text) in parts {
        zip.start_file(name, options)
            .map_err(|e| format!("{name}: {e}"))?;
        zip.write_all(text.as_bytes())
            .map_err(|e| format!("{name}: {e}"))?;
    }
    let mut bytes = zip.finish().map_err(|e| e.to_string())?.into_inner();
    made_on_unix(&mut bytes)?;
    Ok(bytes)
}

/// Marks every entry of a ZIP archive written by [`write()`] as made on Unix (the high byte of
/// "version made by" in its central directory header is 3), whatever system wrote it. The zip
/// crate picks that byte from the platform it was compiled for (0, MS-DOS, on Windows) and
/// offers no option for it, so without this the same report would differ by a byte per entry
/// between the Windows and Linux builds of the same site. Word reads both; the entries' mode
/// (0644) means the same in either case.
fn made_on_unix(zip: &mut [u8]) -> Result<(), String> {
    const END: u32 = 0x0605_4b50;
    const ENTRY: u32 = 0x0201_4b50;
    const UNIX: u8 = 3;
    let u16_at = |b: &[u8], at: usize| u16::from_le_bytes([b[at], b[at + 1]]) as usize;
    let u32_at = |b: &[u8], at: usize| u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]);
    // The archive has no comment, so its end record is its last 22 bytes.
    let end = zip.len().checked_sub(22).ok_or("ZIP archive too short")?;
    if u32_at(zip, end) != END {
        return Err("ZIP archive without its end record".into());
    }
    let entries = u16_at(zip, end + 10);
    let mut at = u32_at(zip, end + 16) as usize;
    for _ in 0..entries {
        if at + 46 > end || u32_at(zip, at) != ENTRY {
            return Err("ZIP central directory out of place".into());
        }
        zip[at + 5] = UNIX;
        at += 46 + u16_at(zip, at + 28) + u16_at(zip, at + 30) + u16_at(zip, at + 32);
    }
    Ok(())
}

/// The text of a .docx's body paragraphs and table cells, in order, one string per paragraph or cell (for tests and for `kehoach` tests that read a report back).
///
/// Outside tables, each non-empty paragraph is one string. A table cell is one string
/// (empty when the cell is), its non-empty paragraphs joined by `\n`: the left column of the
/// header reads "UBND …\nỦY BAN NHÂN DÂN …\nSố: …". Line breaks read as `\n`, tabs as `\t`.
/// Only `w:t` text is read, which is all [`write()`] produces; it is no general importer
/// (`crate::import::docx` is).
pub fn read_text(docx: &[u8]) -> Result<Vec<String>, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx))
        .map_err(|e| format!("not a .docx: {e}"))?;
    let file = zip
        .by_name("word/document.xml")
        .map_err(|e| format!("word/document.xml: {e}"))?;
    let mut xml = String::new();
    file.take(MAX_READ_BYTES + 1)
        .read_to_string(&mut xml)
        .map_err(|e| format!("word/document.xml: {e}"))?;
    if xml.len() as u64 > MAX_READ_BYTES {
        return Err("word/document.xml is too large for a report".into());
    }
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut out, mut cell) = (Vec::new(), Vec::new());
    let mut para = String::new();
    let (mut cell_depth, mut in_run, mut in_text) = (0usize, false, false);
    // A paragraph ends into its cell's paragraphs when in a table, into the list otherwise.
    let end_para = |para: &mut String, cell: &mut Vec<String>, out: &mut Vec<String>, depth| {
        let text = std::mem::take(para);
        if !text.is_empty() {
            if depth > 0 { cell } else { out }.push(text);
        }
    };
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("word/document.xml: {e}"))?;
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                b"tc" => cell_depth += 1,
                b"r" => in_run = true,
                b"t" => in_text = in_run,
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                b"tab" if in_run => para.push('\t'),
                b"br" | b"cr" if in_run => para.push('\n'),
                b"p" => end_para(&mut para, &mut cell, &mut out, cell_depth),
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"p" => end_para(&mut para, &mut cell, &mut out, cell_depth),
                b"r" => in_run = false,
                b"t" => in_text = false,
                b"tc" => {
                    cell_depth = cell_depth.saturating_sub(1);
                    if cell_depth == 0 {
                        out.push(cell.join("\n"));
                        cell.clear();
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_text => para.push_str(&t.decode().map_err(|e| e.to_string())?),
            Event::CData(t) if in_text => para.push_str(&t.decode().map_err(|e| e.to_string())?),
            Event::GeneralRef(r) if in_text => {
                let c = match r.decode().map_err(|e| e.to_string())?.as_ref() {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    _ => r.resolve_char_ref().ok().flatten(),
                };
                para.extend(c);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// `text` in NFC, escaped for XML text and attribute values. Characters XML 1.0 forbids
/// (control characters other than tab and line ends, U+FFFE, U+FFFF) are dropped: one of
/// them makes Word refuse the whole file.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfc() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// One paragraph. Its mark carries the run's size too, so an empty paragraph (a rule, the
/// space left for a signature) is as high as its text would be.
fn para(out: &mut String, look: &Look, text: &str) {
    out.push_str("<w:p><w:pPr>");
    if look.keep_next {
        out.push_str("<w:keepNext/>");
    }
    if look.rule {
        out.push_str(
            r#"<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>"#,
        );
    }
    let _ = write!(
        out,
        r#"<w:spacing w:before="{}" w:after="{}" w:line="240" w:lineRule="auto"/>"#,
        look.before, look.after
    );
    if look.indent > 0 || look.first_line > 0 {
        let _ = write!(
            out,
            r#"<w:ind w:left="{0}" w:right="{0}" w:firstLine="{1}"/>"#,
            look.indent, look.first_line
        );
    }
    let mut rpr = String::new();
    if look.bold {
        rpr.push_str("<w:b/><w:bCs/>");
    }
    if look.italic {
        rpr.push_str("<w:i/><w:iCs/>");
    }
    let _ = write!(
        rpr,
        r#"<w:sz w:val="{0}"/><w:szCs w:val="{0}"/>"#,
        look.size
    );
    let _ = write!(
        out,
        r#"<w:jc w:val="{}"/><w:rPr>{rpr}</w:rPr></w:pPr>"#,
        look.align
    );
    if !text.is_empty() {
        let _ = write!(out, "<w:r><w:rPr>{rpr}</w:rPr>");
        // Line breaks and tabs are elements of their own between pieces of text.
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                out.push_str("<w:br/>");
            }
            for (j, piece) in line.trim_end_matches('\r').split('\t').enumerate() {
                if j > 0 {
                    out.push_str("<w:tab/>");
                }
                if piece.is_empty() {
                } else if piece.starts_with(char::is_whitespace)
                    || piece.ends_with(char::is_whitespace)
                {
                    // Without it, the spaces at either end of the text are dropped.
                    let _ = write!(out, r#"<w:t xml:space="preserve">{}</w:t>"#, escape(piece));
                } else {
                    let _ = write!(out, "<w:t>{}</w:t>", escape(piece));
                }
            }
        }
        out.push_str("</w:r>");
    }
    out.push_str("</w:p>");
}

/// Opens a table of fixed column widths (`w:tblGrid`, which Word needs to lay it out),
/// ruled or borderless; the header and the signature are borderless tables, the decree's
/// two columns side by side.
fn table_start(out: &mut String, grid: &[u32], ruled: bool) {
    let total: u32 = grid.iter().sum();
    let _ = write!(
        out,
        r#"<w:tbl><w:tblPr><w:tblW w:w="{total}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>"#
    );
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        if ruled {
            let _ = write!(
                out,
                r#"<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#
            );
        } else {
            let _ = write!(out, r#"<w:{side} w:val="nil"/>"#);
        }
    }
    out.push_str(r#"</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>"#);
    for w in grid {
        let _ = write!(out, r#"<w:gridCol w:w="{w}"/>"#);
    }
    out.push_str("</w:tblGrid>");
}

fn cell_start(out: &mut String, width: u32, valign: &str) {
    let _ = write!(
        out,
        r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:vAlign w:val="{valign}"/></w:tcPr>"#
    );
}

/// Whether a cell reads as a number ("12", "1.250,5", "-3", "45 %"), to be right-aligned so
/// that the digits of a column line up.
fn numeric(cell: &str) -> bool {
    let s = cell
        .trim()
        .trim_start_matches(['-', '+', '−'])
        .trim_end_matches('%')
        .trim_end();
    s.starts_with(|c: char| c.is_ascii_digit())
        && s.ends_with(|c: char| c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ' ' | '\u{a0}'))
}

/// A ruled table filling the text width, its header row bold and repeated on every page.
fn data_table(
    out: &mut String,
    header: &[String],
    rows: &[Vec<String>],
    widths: &[u32],
) -> Result<(), String> {
    let cols = rows
        .iter()
        .map(Vec::len)
        .chain([header.len()])
        .max()
        .unwrap_or(0);
    if cols == 0 {
        return Err("a table in the report has no columns".into());
    }
    let widths = if widths.is_empty() {
        vec![1; cols]
    } else {
        widths.to_vec()
    };
    if widths.len() != cols || widths.contains(&0) {
        return Err(format!(
            "a table of {cols} columns in the report has the widths {widths:?}: give one positive number per column"
        ));
    }
    let sum: u64 = widths.iter().map(|&w| u64::from(w)).sum();
    let mut grid: Vec<u32> = widths
        .iter()
        .map(|&w| (u64::from(TEXT_W) * u64::from(w) / sum) as u32)
        .collect();
    grid[cols - 1] += TEXT_W - grid.iter().sum::<u32>();
    table_start(out, &grid, true);
    let header_row = (!header.is_empty()).then_some(header);
    for (i, row) in header_row
        .into_iter()
        .chain(rows.iter().map(Vec::as_slice))
        .enumerate()
    {
        let head = i == 0 && header_row.is_some();
        out.push_str(if head {
            "<w:tr><w:trPr><w:tblHeader/></w:trPr>"
        } else {
            "<w:tr>"
        });
        for (c, &width) in grid.iter().enumerate() {
            let text = row.get(c).map_or("", String::as_str);
            let look = match () {
                _ if head => CELL.bold().align("center"),
                _ if numeric(text) => CELL.align("right"),
                _ => CELL,
            };
            cell_start(out, width, "center");
            para(out, &look, text);
            out.push_str("</w:tc>");
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    // Two tables one after the other would run together; a paragraph keeps them apart.
    para(out, &EMPTY.space(0, 120), "");
    Ok(())
}

fn document_xml(doc: &Document) -> Result<String, String> {
    let mut out = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>"#
    );
    // The header: issuer and number left, motto and date right.
    table_start(&mut out, &[LEFT_COL, RIGHT_COL], false);
    out.push_str("<w:tr>");
    cell_start(&mut out, LEFT_COL, "top");
    if !doc.authority.is_empty() {
        para(&mut out, &HEAD, &doc.authority);
    }
    para(&mut out, &HEAD.bold(), &doc.issuer);
    para(&mut out, &Look::rule(LEFT_COL, LEFT_COL / 3), "");
    para(&mut out, &HEAD.space(120, 0), &doc.number);
    out.push_str("</w:tc>");
    cell_start(&mut out, RIGHT_COL, "top");
    para(&mut out, &HEAD.bold(), QUOC_HIEU);
    para(&mut out, &Look::new(28).bold(), TIEU_NGU);
    para(&mut out, &Look::rule(RIGHT_COL, MOTTO_W), "");
    para(
        &mut out,
        &Look::new(28).italic().space(120, 0),
        &doc.place_date,
    );
    out.push_str("</w:tc></w:tr></w:tbl>");
    // The kind and the title, with a short rule under them (1/3 to 1/2 of the line in the
    // decree; the line's length is not known here, so a quarter of the text width).
    para(&mut out, &CENTER_BOLD.space(360, 0), &doc.kind);
    if !doc.title.is_empty() {
        para(&mut out, &CENTER_BOLD, &doc.title);
    }
    para(&mut out, &Look::rule(TEXT_W, TEXT_W / 4).space(0, 240), "");
    for block in &doc.body {
        match block {
            Block::Heading(text) => para(&mut out, &HEADING, text),
            Block::Paragraph(text) => para(&mut out, &BODY, text),
            Block::Table {
                header,
                rows,
                widths,
            } => data_table(&mut out, header, rows, widths)?,
        }
    }
    // The signature right and the recipients left, kept on one page.
    table_start(&mut out, &[LEFT_COL, RIGHT_COL], false);
    out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
    cell_start(&mut out, LEFT_COL, "top");
    let small = Look::new(22).align("left");
    if !doc.recipients.is_empty() {
        let label = Look::new(24).align("left").bold().italic().space(240, 0);
        para(&mut out, &label, "Nơi nhận:");
    }
    for line in &doc.recipients {
        para(&mut out, &small, line);
    }
    if doc.recipients.is_empty() {
        // A cell holds at least one paragraph.
        para(&mut out, &small, "");
    }
    out.push_str("</w:tc>");
    cell_start(&mut out, RIGHT_COL, "top");
    let signer = Look::new(28).bold();
    for (i, line) in doc.signer_lines.iter().enumerate() {
        para(
            &mut out,
            &signer.space(if i == 0 { 240 } else { 0 }, 0),
            line,
        );
    }
    // Room for the signature and the seal: four empty lines.
    for _ in 0..4 {
        para(&mut out, &Look::new(28), "");
    }
    para(&mut out, &signer, &doc.signer_name);
    out.push_str("</w:tc></w:tr></w:tbl>");
    para(&mut out, &EMPTY, "");
    let _ = write!(
        out,
        r#"<w:sectPr><w:headerReference w:type="default" r:id="rId3"/><w:pgSz w:w="{PAGE_W}" w:h="{PAGE_H}"/><w:pgMar w:top="{MARGIN_TOP}" w:right="{MARGIN_RIGHT}" w:bottom="{MARGIN_BOTTOM}" w:left="{MARGIN_LEFT}" w:header="567" w:footer="567" w:gutter="0"/><w:titlePg/></w:sectPr></w:body></w:document>"#
    );
    Ok(out)
}

/// The page number, centred in the top margin; `w:titlePg` in the section leaves the first
/// page without it, as Phụ lục I asks.
fn header_xml() -> String {
    let mut out = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:fldSimple w:instr=" PAGE ">"#
    );
    out.push_str(r#"<w:r><w:t>2</w:t></w:r></w:fldSimple></w:p></w:hdr>"#);
    out
}

/// Times New Roman 14 pt for everything not set otherwise, for Word, LibreOffice and Google
/// Docs alike (each reads the defaults and the Normal style), and the cell padding of tables.
fn styles_xml() -> String {
    let fonts = format!(
        r#"<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>"#
    );
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W_NS}"><w:docDefaults><w:rPrDefault><w:rPr>{fonts}<w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:rPr>{fonts}<w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>"#
    )
}

/// The title and the author; no dates, which would make every build a different file.
fn core_xml(title: &str, creator: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:creator>{}</dc:creator><dc:language>vi-VN</dc:language></cp:coreProperties>"#,
        escape(title),
        escape(creator)
    )
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/></Relationships>"#;

/// Word 2013+ layout (compatibility mode 15), so Word does not open the file in
/// compatibility mode.
const SETTINGS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#;

const APP: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>kehoach</Application></Properties>"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Document {
        let s = String::from;
        Document {
            authority: s("UBND THÀNH PHỐ HẢI PHÒNG"),
            issuer: s("ỦY BAN NHÂN DÂN XÃ AN THÀNH"),
            number: s("Số: 12/BC-UBND"),
            place_date: s("An Thành, ngày 05 tháng 3 năm 2026"),
            kind: s("BÁO CÁO"),
            title: s("Kết quả thực hiện Kế hoạch số 66/KH-UBND"),
            body: vec![
                Block::Heading(s("I. KẾT QUẢ CHUNG")),
                Block::Paragraph(s("  Đường & cầu <xã> \"mới\" 'đẹp'")),
                Block::Table {
                    header: vec![s("TT"), s("Nội dung"), s("Số lượng")],
                    rows: vec![
                        vec![s("1"), s("Trồng cây"), s("12")],
                        vec![s("2"), s("Làm đường & cầu")],
                    ],
                    widths: vec![1, 6, 2],
                },
                Block::Paragraph(s("Dòng một\nDòng\thai ")),
            ],
            signer_lines: vec![s("TM. ỦY BAN NHÂN DÂN"), s("CHỦ TỊCH")],
            signer_name: s("Nguyễn Văn A"),
            recipients: vec![s("- UBND thành phố;"), s("- Lưu: VT.")],
        }
    }

    #[test]
    fn reads_back_every_text_in_order() {
        let text = read_text(&write(&sample()).unwrap()).unwrap();
        let expected = [
            "UBND THÀNH PHỐ HẢI PHÒNG\nỦY BAN NHÂN DÂN XÃ AN THÀNH\nSố: 12/BC-UBND",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nAn Thành, ngày 05 tháng 3 năm 2026",
            "BÁO CÁO",
            "Kết quả thực hiện Kế hoạch số 66/KH-UBND",
            "I. KẾT QUẢ CHUNG",
            "  Đường & cầu <xã> \"mới\" 'đẹp'",
            "TT",
            "Nội dung",
            "Số lượng",
            "1",
            "Trồng cây",
            "12",
            "2",
            "Làm đường & cầu",
            "",
            "Dòng một\nDòng\thai ",
            "Nơi nhận:\n- UBND thành phố;\n- Lưu: VT.",
            "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn A",
        ];
        assert_eq!(text, expected);
    }

    #[test]
    fn text_is_written_in_nfc() {
        let mut doc = sample();
        doc.issuer = "ỦY BAN NHÂN DÂN XÃ AN THÀNH".nfd().collect();
        doc.body = vec![Block::Paragraph("a\u{1}b".into())];
        let text = read_text(&write(&doc).unwrap()).unwrap();
        assert!(
            text[0].contains("\nỦY BAN NHÂN DÂN XÃ AN THÀNH\n"),
            "{:?}",
            text[0]
        );
        assert!(text.contains(&"ab".to_string()), "{text:?}");
    }

    #[test]
    fn entries_are_made_on_unix_whichever_system_wrote_them() {
        let bytes = write(&sample()).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes[..])).unwrap();
        for i in 0..zip.len() {
            let file = zip.by_index(i).unwrap();
            assert_eq!(file.unix_mode(), Some(0o100644), "{:?}", file.name());
        }
        // What the Windows build's zip crate writes: MS-DOS (0) as the system of each entry.
        let mut from_windows = bytes.clone();
        let mut dos = 0;
        for at in 0..from_windows.len() - 4 {
            if from_windows[at..at + 4] == [0x50, 0x4b, 0x01, 0x02] {
                from_windows[at + 5] = 0;
                dos += 1;
            }
        }
        assert_eq!(dos, zip.len());
        made_on_unix(&mut from_windows).unwrap();
        assert!(from_windows == bytes, "the same bytes as the Linux build");
    }

    #[test]
    fn holds_the_parts_with_a4_page_and_well_formed_xml() {
        let bytes = write(&sample()).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes[..])).unwrap();
        let names: Vec<String> = zip.file_names().map(|n| n.unwrap().into_owned()).collect();
        for part in [
            "[Content_Types].xml",
            "_rels/.rels",
            "word/document.xml",
            "word/styles.xml",
            "docProps/core.xml",
            "docProps/app.xml",
        ] {
            assert!(
                names.iter().any(|n| n == part),
                "{part} missing from {names:?}"
            );
        }
        let mut attrs = std::collections::HashMap::new();
        let (mut grid_cols, mut cells, mut widths) = (Vec::new(), 0, 0);
        for i in 0..zip.len() {
            let mut file = zip.by_index(i).unwrap();
            assert_eq!(file.last_modified().unwrap(), zip::DateTime::DEFAULT);
            let name = file.name().unwrap().into_owned();
            let mut xml = String::new();
            file.read_to_string(&mut xml).unwrap();
            let mut reader = quick_xml::Reader::from_str(&xml);
            loop {
                let event = reader
                    .read_event()
                    .unwrap_or_else(|e| panic!("{name}: {e}"));
                match event {
                    Event::Start(e) | Event::Empty(e) => {
                        let local = e.local_name().as_ref().to_vec();
                        match &local[..] {
                            b"pgSz" | b"pgMar" => {
                                for a in e.attributes() {
                                    let a = a.unwrap();
                                    let key = String::from_utf8(a.key.as_ref().to_vec()).unwrap();
                                    let value = String::from_utf8(a.value.to_vec()).unwrap();
                                    attrs.insert(key, value);
                                }
                            }
                            b"tblGrid" => grid_cols.push(0),
                            b"gridCol" => *grid_cols.last_mut().unwrap() += 1,
                            b"tc" => cells += 1,
                            b"tcW" => widths += 1,
                            _ => {}
                        }
                    }
                    Event::Eof => break,
                    _ => {}
                }
            }
        }
        // Every table has its grid and every cell its width: header, data, signature.
        assert_eq!(grid_cols, [2, 3, 2]);
        assert_eq!((cells, widths), (2 + 9 + 2, 13));
        for (key, value) in [
            ("w:w", "11906"),
            ("w:h", "16838"),
            ("w:top", "1134"),
            ("w:bottom", "1134"),
            ("w:left", "1701"),
            ("w:right", "851"),
        ] {
            assert_eq!(attrs.get(key).map(String::as_str), Some(value), "{key}");
        }
    }

    #[test]
    fn same_document_same_bytes() {
        assert_eq!(write(&sample()).unwrap(), write(&sample()).unwrap());
    }

    #[test]
    fn tables_need_one_width_per_column() {
        let mut doc = sample();
        let table = |widths| Block::Table {
            header: vec!["a".into(), "b".into()],
            rows: vec![],
            widths,
        };
        doc.body = vec![table(vec![1, 2, 3])];
        assert!(
            write(&doc)
                .unwrap_err()
                .contains("one positive number per column")
        );
        doc.body = vec![table(vec![1, 0])];
        assert!(write(&doc).is_err());
        doc.body = vec![table(vec![])];
        assert!(write(&doc).is_ok());
        doc.body = vec![Block::Table {
            header: vec![],
            rows: vec![],
            widths: vec![],
        }];
        assert!(write(&doc).is_err());
    }

    #[test]
    fn numbers_are_recognised() {
        for yes in ["12", "1.250,5", "-3", "45 %", "100%", " 7 "] {
            assert!(numeric(yes), "{yes}");
        }
        for no in ["", "TT", "12/3/2026", "Quý 2", "%", "3a"] {
            assert!(!numeric(no), "{no}");
        }
    }

    /// Writes the sample to `$TMPDIR/kehoach-report-docx/bao-cao.docx` to open by hand, and
    /// converts it to PDF when LibreOffice is installed (it is no dependency of the tests):
    /// `cargo test --lib report::docx -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn writes_the_sample_and_converts_it_with_libreoffice() {
        let dir = std::env::temp_dir().join("kehoach-report-docx");
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("bao-cao.docx");
        std::fs::write(&file, write(&sample()).unwrap()).unwrap();
        eprintln!("{}", file.display());
        let which = |p: &&str| {
            let which = std::process::Command::new("which").arg(p).output();
            which.is_ok_and(|o| o.status.success())
        };
        let Some(office) = ["soffice", "libreoffice"].into_iter().find(which) else {
            eprintln!("LibreOffice is not installed: not converted");
            return;
        };
        let status = std::process::Command::new(office)
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .args([&dir, &file])
            .status()
            .unwrap();
        assert!(status.success() && dir.join("bao-cao.pdf").exists());
        eprintln!("{}", dir.join("bao-cao.pdf").display());
    }
}
