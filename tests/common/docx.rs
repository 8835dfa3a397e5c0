//! Writes .docx files for the import tests from OOXML parts, the way Word lays them out:
//! [Content_Types].xml, _rels/.rels, word/document.xml, word/_rels/document.xml.rels.
#![allow(dead_code)]

use std::io::Write;
use std::path::Path;

pub const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

pub fn esc(t: &str) -> String {
    t.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A run: text with optional bold/italic.
pub fn run(t: &str, bold: bool, italic: bool) -> String {
    let mut props = String::new();
    if bold {
        props.push_str("<w:b/><w:bCs/>");
    }
    if italic {
        props.push_str("<w:i/>");
    }
    let props = if props.is_empty() {
        String::new()
    } else {
        format!("<w:rPr><w:rFonts w:ascii=\"Times New Roman\"/>{props}<w:sz w:val=\"28\"/></w:rPr>")
    };
    format!(
        "<w:r>{props}<w:t xml:space=\"preserve\">{}</w:t></w:r>",
        esc(t)
    )
}

/// A paragraph of plain runs; the text is cut into several runs with proofing marks
/// between them, as Word does.
pub fn p(t: &str) -> String {
    para(t, false, false, false)
}

pub fn para(t: &str, center: bool, bold: bool, italic: bool) -> String {
    let ppr = if center {
        "<w:pPr><w:jc w:val=\"center\"/></w:pPr>"
    } else {
        "<w:pPr><w:spacing w:before=\"120\"/><w:ind w:firstLine=\"720\"/><w:jc w:val=\"both\"/></w:pPr>"
    };
    let chars: Vec<char> = t.chars().collect();
    let mut runs = String::new();
    // Split in three runs at character boundaries, with a proofing mark and a bookmark.
    let a = chars.len() / 3;
    let b = 2 * chars.len() / 3;
    let parts: [String; 3] = [
        chars[..a].iter().collect(),
        chars[a..b].iter().collect(),
        chars[b..].iter().collect(),
    ];
    for (i, part) in parts.iter().enumerate() {
        if part.is_empty() {
            continue;
        }
        if i == 1 {
            runs.push_str("<w:proofErr w:type=\"spellStart\"/><w:bookmarkStart w:id=\"0\" w:name=\"_GoBack\"/>");
        }
        runs.push_str(&run(part, bold, italic));
        if i == 1 {
            runs.push_str("<w:proofErr w:type=\"spellEnd\"/><w:bookmarkEnd w:id=\"0\"/>");
        }
    }
    format!("<w:p>{ppr}{runs}</w:p>")
}

/// A paragraph from explicit runs.
pub fn p_runs(runs: &[(&str, bool, bool)]) -> String {
    let r: String = runs.iter().map(|(t, b, i)| run(t, *b, *i)).collect();
    format!("<w:p><w:pPr><w:jc w:val=\"both\"/></w:pPr>{r}</w:p>")
}

/// A bulleted paragraph (w:numPr).
pub fn bullet(t: &str) -> String {
    format!(
        "<w:p><w:pPr><w:pStyle w:val=\"ListParagraph\"/><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>{}</w:p>",
        run(t, false, false)
    )
}

/// A table cell.
#[derive(Clone, Default)]
pub struct Cell {
    pub lines: Vec<String>,
    pub span: usize,
    /// Some(true) = vMerge restart, Some(false) = continue.
    pub vmerge: Option<bool>,
    pub bold: bool,
    /// Raw XML put in the cell instead of paragraphs (a nested table).
    pub raw: Option<String>,
}

pub fn c(t: &str) -> Cell {
    Cell {
        lines: if t.is_empty() {
            vec![]
        } else {
            t.split('\n').map(str::to_string).collect()
        },
        span: 1,
        ..Cell::default()
    }
}

impl Cell {
    pub fn span(mut self, n: usize) -> Self {
        self.span = n;
        self
    }
    pub fn restart(mut self) -> Self {
        self.vmerge = Some(true);
        self
    }
    pub fn cont() -> Self {
        Cell {
            span: 1,
            vmerge: Some(false),
            ..Cell::default()
        }
    }
    pub fn bold(mut self) -> Self {
        self.bold = true;
        self
    }
}

/// A row; `header` marks it w:tblHeader (repeated on each page).
pub fn row(cells: &[Cell], header: bool) -> String {
    let mut x = String::from("<w:tr>");
    if header {
        x.push_str("<w:trPr><w:tblHeader/></w:trPr>");
    }
    for cell in cells {
        x.push_str("<w:tc><w:tcPr><w:tcW w:w=\"1000\" w:type=\"dxa\"/>");
        if cell.span > 1 {
            x.push_str(&format!("<w:gridSpan w:val=\"{}\"/>", cell.span));
        }
        match cell.vmerge {
            Some(true) => x.push_str("<w:vMerge w:val=\"restart\"/>"),
            Some(false) => x.push_str("<w:vMerge/>"),
            None => {}
        }
        x.push_str("<w:vAlign w:val=\"center\"/></w:tcPr>");
        if let Some(raw) = &cell.raw {
            x.push_str(raw);
            x.push_str("<w:p/>");
        } else if cell.lines.is_empty() {
            x.push_str("<w:p/>");
        } else {
            for l in &cell.lines {
                x.push_str(&format!("<w:p>{}</w:p>", run(l, cell.bold, false)));
            }
        }
        x.push_str("</w:tc>");
    }
    x.push_str("</w:tr>");
    x
}

/// A table; `borderless` as the header and signature blocks are.
pub fn table(cols: usize, rows: &[String], borderless: bool) -> String {
    let borders = if borderless {
        "<w:tblBorders><w:top w:val=\"nil\"/><w:left w:val=\"nil\"/><w:bottom w:val=\"nil\"/><w:right w:val=\"nil\"/><w:insideH w:val=\"nil\"/><w:insideV w:val=\"nil\"/></w:tblBorders>"
    } else {
        "<w:tblBorders><w:top w:val=\"single\"/><w:insideH w:val=\"single\"/></w:tblBorders>"
    };
    let grid: String = (0..cols).map(|_| "<w:gridCol w:w=\"1000\"/>").collect();
    format!(
        "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/>{borders}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{}</w:tbl>",
        rows.concat()
    )
}

/// The XML of word/document.xml around a body.
pub fn document_xml(body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w:document xmlns:w=\"{W}\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>{body}<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:body></w:document>"
    )
}

/// Writes a .docx holding `body` (the children of w:body).
pub fn write(path: &Path, body: &str) {
    write_parts(
        path,
        &[
            ("[Content_Types].xml", CONTENT_TYPES.to_string()),
            ("_rels/.rels", RELS.to_string()),
            ("word/document.xml", document_xml(body)),
            ("word/_rels/document.xml.rels", DOC_RELS.to_string()),
            ("word/numbering.xml", NUMBERING.to_string()),
        ],
    );
}

pub fn write_parts(path: &Path, parts: &[(&str, String)]) {
    let file = std::fs::File::create(path).unwrap();
    let mut z = zip::ZipWriter::new(file);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in parts {
        z.start_file(*name, opts).unwrap();
        z.write_all(content.as_bytes()).unwrap();
    }
    z.finish().unwrap();
}

pub const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>"#;

pub const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

pub const DOC_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>"#;

pub const NUMBERING: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#;
