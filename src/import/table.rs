//! A task table as a grid of cells → groups of tasks. Shared by the .docx path (merged cells
//! resolved on the grid by [`super::docx::to_grid`]) and the pasted-text path
//! ([`super::tsv`]).
//!
//! Columns are recognised by what their header says, not by position: "STT"/"TT", "Nội
//! dung"/"Nhiệm vụ", "Cơ quan chủ trì"/"Đơn vị chủ trì thực hiện"/"Cơ quan thực hiện",
//! "phối hợp", "Thời gian"/"Thời hạn"/"Tiến độ", "Sản phẩm", "Lãnh đạo … phụ trách/chỉ
//! đạo", with or without diacritics, in any normalisation and case. A header over two rows
//! ("Cơ quan thực hiện" above "Chủ trì" | "Phối hợp") takes the lower, more specific words.
//!
//! A grid is bounded by what it was read from: at most [`MAX_COLUMNS`] columns and
//! [`MAX_ROWS`] rows (the .docx reader refuses more), and the cells a merged cell covers
//! share its lines instead of holding copies. So a grid's memory follows
//! the size of its input, however wide a file claims a cell or a row to be.

use crate::content::units::Registry;
use crate::vi::fold;
use std::rc::Rc;

/// The most columns a table may have. A plan's task table has fewer than 20 (STT, Nội dung,
/// chủ trì, phối hợp, thời gian, sản phẩm …); every row of a grid is padded to the widest,
/// so this bounds what one short row costs.
pub const MAX_COLUMNS: usize = 64;

/// The most rows a table may have: a plan's task table has a few hundred. With
/// [`MAX_COLUMNS`] it bounds a grid to 640,000 cells, whatever the rows are made of.
pub const MAX_ROWS: usize = 10_000;

/// The most bytes of a cell that may be read as header words ("Cơ quan, đơn vị chủ trì thực
/// hiện" is 40): longer cells are never classified nor compared as a header, so the work on
/// a row does not grow with the text of a long cell merged into it.
const MAX_HEADER_BYTES: usize = 400;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GridCell {
    /// The cell's lines (paragraphs), cleaned, empty ones dropped. Shared by every grid cell
    /// a merged cell covers, across columns and down rows.
    pub lines: Rc<[String]>,
    /// The continuation of a cell spanning several columns (its text repeats the first).
    pub h_cont: bool,
    /// The continuation of a vertically merged cell (its text repeats the one above).
    pub v_cont: bool,
}

impl GridCell {
    pub fn text(&self) -> String {
        self.lines.join(" ")
    }
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }
    /// The text when it is at most `max` bytes, else `None` — found without joining (or even
    /// measuring) a long cell's lines.
    pub fn short_text(&self, max: usize) -> Option<String> {
        short_text(&self.lines, max)
    }
    /// The field the cell names, if it is a header cell.
    fn field(&self) -> Option<Field> {
        self.short_text(MAX_HEADER_BYTES).and_then(|t| classify(&t))
    }
}

/// Lines joined with spaces when that is at most `max` bytes, else `None`; a long text is
/// not read past `max`.
fn short_text(lines: &[String], max: usize) -> Option<String> {
    let mut len = 0usize;
    for l in lines {
        len += l.len() + 1;
        if len > max + 1 {
            return None;
        }
    }
    Some(lines.join(" "))
}

#[derive(Debug, Clone, Default)]
pub struct GridRow {
    pub cells: Vec<GridCell>,
    /// Marked as a header row repeated on each page (`w:tblHeader`).
    pub header: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Grid {
    pub rows: Vec<GridRow>,
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    No,
    Content,
    Lead,
    Support,
    Due,
    Output,
    Leader,
    Note,
}

/// The field a header cell names, if any.
pub fn classify(header: &str) -> Option<Field> {
    let f = fold(header);
    let f = f.trim_matches(|c: char| !c.is_alphanumeric());
    if f.is_empty() {
        return None;
    }
    let has = |w: &str| f.contains(w);
    if matches!(
        f,
        "stt" | "tt" | "so tt" | "so thu tu" | "s tt" | "tt nhiem vu" | "so"
    ) || f.starts_with("stt")
    {
        return Some(Field::No);
    }
    if has("lanh dao") {
        return Some(Field::Leader);
    }
    if has("phoi hop") {
        return Some(Field::Support);
    }
    if has("thoi gian")
        || has("thoi han")
        || has("tien do")
        || has("han hoan thanh")
        || has("thoi diem")
        || f == "han"
    {
        return Some(Field::Due);
    }
    if has("san pham") || has("ket qua dau ra") {
        return Some(Field::Output);
    }
    if has("chu tri") {
        return Some(Field::Lead);
    }
    if has("noi dung") || has("nhiem vu") || has("cong viec") || has("giai phap") {
        return Some(Field::Content);
    }
    if has("co quan") || has("don vi") || has("thuc hien") || has("trach nhiem") {
        return Some(Field::Lead);
    }
    if has("ghi chu") {
        return Some(Field::Note);
    }
    None
}

/// One task as read from the table, before it is written out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowTask {
    /// The number as written ("1", "4", "1.1"), trailing `.` removed; empty when none.
    pub no: String,
    /// Lines of the content cell, joined with `\n`.
    pub content: String,
    pub lead: Vec<String>,
    pub support: Vec<String>,
    pub due: String,
    pub output: String,
    pub leader: String,
    /// Why the importer is unsure of this task as a whole (comment lines under it).
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowGroup {
    /// The numeral as written ("I", "II"); empty for a group row without one, or for the
    /// tasks before the first group row.
    pub no: String,
    pub title: String,
    pub tasks: Vec<RowTask>,
}

/// The tasks of one or more tables.
#[derive(Debug, Clone, Default)]
pub struct TaskTable {
    pub groups: Vec<RowGroup>,
    /// A "Tổng số: 39 nhiệm vụ" row.
    pub stated_total: Option<u32>,
    /// Whether any group row was seen (else the tasks are a flat list).
    pub grouped: bool,
    /// Rows that could not be read, as comments for the editor.
    pub notes: Vec<String>,
}

impl TaskTable {
    pub fn task_count(&self) -> usize {
        self.groups.iter().map(|g| g.tasks.len()).sum()
    }
    pub fn is_empty(&self) -> bool {
        self.task_count() == 0
    }
}

/// The header of a task table: which rows it takes and what each grid column holds.
#[derive(Debug, Clone)]
pub struct Header {
    /// Index of the first row after the header.
    pub body_start: usize,
    pub columns: Vec<Option<Field>>,
    /// The folded texts of the header rows, to skip the header when it is repeated.
    pub keys: Vec<Vec<String>>,
}

fn row_fields(row: &GridRow) -> Vec<Option<Field>> {
    let mut out: Vec<Option<Field>> = Vec::with_capacity(row.cells.len());
    for c in &row.cells {
        // The continuation of a cell spanning columns names what the cell names.
        let f = match out.last() {
            Some(f) if c.h_cont => *f,
            _ => c.field(),
        };
        out.push(f);
    }
    out
}

/// A row "(1) (2) (3) …" or "1 2 3 …" numbering the columns.
fn is_column_number_row(row: &GridRow) -> bool {
    let mut nums = Vec::new();
    for c in row.cells.iter().filter(|c| !c.h_cont && !c.v_cont) {
        let t = c.text();
        if t.is_empty() {
            continue;
        }
        let inner = t.trim_start_matches('(').trim_end_matches(')').trim();
        match inner.parse::<u32>() {
            Ok(n) => nums.push(n),
            Err(_) => return false,
        }
    }
    nums.len() >= 3 && nums.windows(2).all(|w| w[1] == w[0] + 1)
}

/// Finds the header in the first rows of a grid.
pub fn find_header(grid: &Grid) -> Option<Header> {
    for (i, row) in grid.rows.iter().enumerate().take(8) {
        let fields = row_fields(row);
        let has = |f: Field| fields.contains(&Some(f));
        if !(has(Field::Content) && (has(Field::Lead) || has(Field::Due) || has(Field::Support))) {
            continue;
        }
        let mut columns = fields;
        let mut keys = vec![row_key(row)];
        let mut end = i + 1;
        // A second header row refines the first: every non-empty cell of its own names a field.
        while let Some(next) = grid.rows.get(end) {
            if is_column_number_row(next) {
                break;
            }
            let own: Vec<(usize, &GridCell)> = next
                .cells
                .iter()
                .enumerate()
                .filter(|(_, c)| !c.v_cont && !c.is_empty())
                .collect();
            let named: Vec<Option<Field>> = own.iter().map(|(_, c)| c.field()).collect();
            if own.is_empty() || named.contains(&None) {
                break;
            }
            for ((col, _), f) in own.into_iter().zip(named) {
                columns[col] = f;
            }
            keys.push(row_key(next));
            end += 1;
        }
        return Some(Header {
            body_start: end,
            columns,
            keys,
        });
    }
    None
}

/// The header written again where the table crosses a page (not marked as such): short
/// cells that each name their own column's field, the content column among them.
fn is_repeated_header(row: &GridRow, header: &Header) -> bool {
    let mut same = 0;
    for (c, col) in row.cells.iter().zip(&header.columns) {
        if c.h_cont || c.is_empty() {
            continue;
        }
        let Some(t) = c.short_text(MAX_HEADER_BYTES) else {
            return false;
        };
        if t.chars().count() > 60 {
            return false;
        }
        match classify(&t) {
            Some(f) if Some(f) == *col => same += 1,
            Some(_) if col.is_none() => {}
            _ => return false,
        }
    }
    same >= 2
}

/// The folded texts of a row's cells, to compare it with the header's rows. A cell too long
/// to be a header's is keyed by its number of lines alone: never folded whole.
fn row_key(row: &GridRow) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(row.cells.len());
    for c in &row.cells {
        let key = match out.last() {
            Some(k) if c.h_cont => k.clone(),
            _ => match c.short_text(MAX_HEADER_BYTES) {
                Some(t) => fold(&t),
                None => format!("\u{0}{}", c.lines.len()),
            },
        };
        out.push(key);
    }
    out
}

/// A Roman numeral group marker ("I", "II.", "IV)") → the numeral.
pub fn roman_marker(t: &str) -> Option<String> {
    let t = t.trim().trim_end_matches(['.', ')', ':']).trim();
    if t.is_empty() || t.len() > 7 || !t.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L')) {
        return None;
    }
    Some(t.to_string())
}

/// "II. Về thể chế" → ("II", "Về thể chế").
fn split_roman_title(t: &str) -> Option<(String, String)> {
    let (head, rest) = t.split_once([' ', '.', ')'])?;
    let no = roman_marker(head)?;
    let rest = rest.trim_start_matches(['.', ')', ' ', ':', '-']).trim();
    (!rest.is_empty()).then(|| (no, rest.to_string()))
}

/// "Tổng số: 39 nhiệm vụ" → 39.
pub fn stated_total(t: &str) -> Option<u32> {
    // The words and the number are at the start: a long text is not folded whole.
    let head: String = t.chars().take(64).collect();
    let f = fold(&head);
    let rest = f
        .strip_prefix("tong so")
        .or_else(|| f.strip_prefix("tong cong"))?;
    let digits: String = rest
        .trim_start_matches([':', ' '])
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// Reads the tasks of one grid into `out`. Returns false when the grid is not a task table.
pub fn read_tasks(grid: &Grid, registry: &Registry, out: &mut TaskTable) -> bool {
    let Some(header) = find_header(grid) else {
        return false;
    };
    let col_of = |f: Field| -> Vec<usize> {
        header
            .columns
            .iter()
            .enumerate()
            .filter(|(_, c)| **c == Some(f))
            .map(|(i, _)| i)
            .collect()
    };
    let no_cols = col_of(Field::No);
    let content_cols = col_of(Field::Content);
    let lead_cols = col_of(Field::Lead);
    let support_cols = col_of(Field::Support);
    let due_cols = col_of(Field::Due);
    let output_cols = col_of(Field::Output);
    let leader_cols = col_of(Field::Leader);
    // Lines of the cells of some columns (a cell spanning two of them counted once).
    let lines_of = |row: &GridRow, cols: &[usize]| -> Vec<String> {
        let mut v: Vec<String> = Vec::new();
        for &c in cols {
            if let Some(cell) = row.cells.get(c).filter(|c| !c.h_cont) {
                v.extend(cell.lines.iter().cloned());
            }
        }
        v
    };
    let numbered_table = !no_cols.is_empty();
    if out.groups.is_empty() {
        out.groups.push(RowGroup::default());
    }
    for (ri, row) in grid.rows.iter().enumerate().skip(header.body_start) {
        let distinct: Vec<(usize, String)> = row
            .cells
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.h_cont && !c.is_empty())
            .map(|(i, c)| (i, c.text()))
            .collect();
        let rule = |t: &String| {
            t.chars()
                .all(|c| matches!(c, '-' | '_' | '=' | ':' | '–' | ' '))
        };
        if distinct.is_empty() || is_column_number_row(row) || distinct.iter().all(|(_, t)| rule(t))
        {
            continue;
        }
        let key = row_key(row);
        if row.header || header.keys.contains(&key) || is_repeated_header(row, &header) {
            continue;
        }
        if let Some(n) = stated_total(&distinct[0].1).filter(|_| distinct.len() == 1) {
            out.stated_total = Some(n);
            continue;
        }
        let no_text = lines_of(row, &no_cols).join(" ");
        let content = lines_of(row, &content_cols);
        let lead = lines_of(row, &lead_cols);
        let support = lines_of(row, &support_cols);
        let due = lines_of(row, &due_cols);
        let output = lines_of(row, &output_cols);
        let leader = lines_of(row, &leader_cols);
        let others_empty = lead.is_empty()
            && support.is_empty()
            && due.is_empty()
            && output.is_empty()
            && leader.is_empty();
        // A group row: a numeral in the number column and only a title beside it …
        if let Some(no) = roman_marker(&no_text).filter(|_| others_empty) {
            let title = if content.is_empty() {
                distinct
                    .iter()
                    .find(|(c, _)| !no_cols.contains(c))
                    .map(|(_, t)| t.clone())
                    .unwrap_or_default()
            } else {
                content.join(" ")
            };
            start_group(out, no, title);
            continue;
        }
        // … or one cell merged across the row: "II. Về thể chế", or a title without numeral.
        if distinct.len() == 1 {
            let (col, text) = &distinct[0];
            let spans = row.cells.iter().filter(|c| c.h_cont).count() >= 1;
            if let Some((no, title)) = split_roman_title(text) {
                start_group(out, no, title);
                continue;
            }
            if spans && (no_cols.is_empty() || no_cols.contains(col) || !numbered_table) {
                start_group(out, String::new(), text.clone());
                continue;
            }
        }
        let group = out.groups.last_mut().expect("a group exists");
        let no = no_text.trim_end_matches(['.', ')']).trim().to_string();
        // A vertically merged content cell: the same task goes on over this row.
        let content_continues = content_cols
            .iter()
            .any(|&c| row.cells.get(c).is_some_and(|x| x.v_cont));
        if let Some(prev) = group.tasks.last_mut().filter(|_| content_continues) {
            let add = |dst: &mut Vec<String>, src: Vec<String>, registry: &Registry| {
                for u in split_units(&src, registry) {
                    if !dst.contains(&u) {
                        dst.push(u);
                    }
                }
            };
            let v_lead = lead_cols
                .iter()
                .all(|&c| row.cells.get(c).is_some_and(|x| x.v_cont));
            if !v_lead {
                add(&mut prev.lead, lead, registry);
            }
            add(&mut prev.support, support, registry);
            let d = due.join(" ");
            if !d.is_empty() && !prev.due.contains(&d) {
                prev.due = format!("{}; {d}", prev.due)
                    .trim_start_matches("; ")
                    .to_string();
            }
            prev.notes.push(format!(
                "dòng {} của bảng tiếp nối nhiệm vụ này (ô nội dung gộp dọc)",
                ri + 1
            ));
            continue;
        }
        // A row without a number nor a lead unit: the rest of the task above, cut by a page
        // break in the source (cells pasted from Word split that way).
        if numbered_table
            && no.is_empty()
            && lead.is_empty()
            && let Some(prev) = group.tasks.last_mut()
        {
            prev.content = join_cut(&prev.content, &content.join(" "));
            for (dst, src) in [
                (&mut prev.due, due),
                (&mut prev.output, output),
                (&mut prev.leader, leader),
            ] {
                if !src.is_empty() {
                    *dst = join_cut(dst, &src.join(" "));
                }
            }
            if !support.is_empty() {
                let rest = support.join(" ");
                let cut = prev.support.pop().unwrap_or_default();
                prev.support
                    .extend(split_units(&[join_cut(&cut, &rest)], registry));
            }
            prev.notes.push(format!(
                "dòng {} của bảng (không số thứ tự) được ghép vào nhiệm vụ này",
                ri + 1
            ));
            continue;
        }
        if content.is_empty() {
            let what: Vec<String> = distinct.iter().map(|(_, t)| t.clone()).collect();
            let note = format!(
                "dòng {} của bảng không nhận ra (không có nội dung): {}",
                ri + 1,
                what.join(" | ")
            );
            match group.tasks.last_mut() {
                Some(t) => t.notes.push(note),
                None => out.notes.push(note),
            }
            continue;
        }
        let mut task = RowTask {
            no,
            content: content.join("\n"),
            lead: split_units(&lead, registry),
            support: split_units(&support, registry),
            due: due.join(" "),
            output: output.join(" "),
            leader: leader.join(" "),
            notes: Vec::new(),
        };
        if numbered_table && task.no.is_empty() {
            task.notes
                .push(format!("dòng {} của bảng không có số thứ tự", ri + 1));
        }
        group.tasks.push(task);
    }
    true
}

/// Two halves of a text cut by a page break: "Quý III-" + "IV/2025" → "Quý III-IV/2025".
fn join_cut(a: &str, b: &str) -> String {
    if a.is_empty() {
        b.to_string()
    } else if b.is_empty() {
        a.to_string()
    } else if a.ends_with(['-', '/', '–']) {
        format!("{a}{b}")
    } else {
        format!("{a} {b}")
    }
}

fn start_group(out: &mut TaskTable, no: String, title: String) {
    out.grouped = true;
    // The tasks read so far without a group row stay in their own (untitled) group.
    if let Some(last) = out
        .groups
        .last_mut()
        .filter(|g| g.tasks.is_empty() && g.title.is_empty() && g.no.is_empty())
    {
        last.no = no;
        last.title = title;
        return;
    }
    out.groups.push(RowGroup {
        no,
        title,
        tasks: Vec::new(),
    });
}

/// The units named in a cell: one per line, and lines split at `;`; a part is split at `,`
/// too when every piece is a registered unit ("Phòng Kinh tế, các cơ quan liên quan") but
/// never inside a name that has a comma ("Các cơ quan, đơn vị liên quan").
pub fn split_units(lines: &[String], registry: &Registry) -> Vec<String> {
    let known = |s: &str| registry.resolve(s).is_some();
    let mut cleaned: Vec<String> = Vec::new();
    for line in lines {
        let l = line
            .trim()
            .trim_start_matches(['-', '+', '•', '–', '*'])
            .trim();
        for part in l.split(';') {
            let p = part.trim().trim_end_matches([',', ';']).trim();
            if !p.is_empty() {
                cleaned.push(p.to_string());
            }
        }
    }
    // A name wrapped over two lines of the cell: join when only the pair is known.
    let mut joined: Vec<String> = Vec::new();
    let mut i = 0;
    while i < cleaned.len() {
        if !known(&cleaned[i]) && i + 1 < cleaned.len() {
            let pair = format!("{} {}", cleaned[i], cleaned[i + 1]);
            if known(&pair) && !known(&cleaned[i + 1]) {
                joined.push(pair);
                i += 2;
                continue;
            }
        }
        joined.push(cleaned[i].clone());
        i += 1;
    }
    let mut out = Vec::new();
    for p in joined {
        if known(&p) || !p.contains(',') {
            out.push(p);
            continue;
        }
        match split_commas(&p, &known) {
            Some(parts) => out.extend(parts),
            None => out.push(p),
        }
    }
    out
}

/// Greedy longest-known split at commas; `None` unless every piece is known.
fn split_commas(p: &str, known: &dyn Fn(&str) -> bool) -> Option<Vec<String>> {
    let pieces: Vec<&str> = p.split(',').collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < pieces.len() {
        let mut found = None;
        for j in (i + 1..=pieces.len()).rev() {
            let cand = pieces[i..j].join(",");
            let cand = cand.trim().trim_end_matches('.').trim();
            if known(cand) {
                found = Some((j, cand.to_string()));
                break;
            }
        }
        let (j, name) = found?;
        out.push(name);
        i = j;
    }
    (out.len() > 1).then_some(out)
}

/// Whether the tasks are numbered 1..N across groups rather than from 1 in each group.
pub fn is_continuous(groups: &[RowGroup]) -> bool {
    let mut last: Option<u32> = None;
    let (mut cont, mut per) = (0, 0);
    for (gi, g) in groups.iter().enumerate() {
        let first = g.tasks.iter().find_map(|t| t.no.parse::<u32>().ok());
        if let (Some(f), Some(l), true) = (first, last, gi > 0) {
            if f == l + 1 && f != 1 {
                cont += 1;
            } else if f == 1 {
                per += 1;
            }
        }
        if let Some(l) = g.tasks.iter().rev().find_map(|t| t.no.parse::<u32>().ok()) {
            last = Some(l);
        }
    }
    cont > per
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(rows: &[&[&str]]) -> Grid {
        Grid {
            rows: rows
                .iter()
                .map(|r| GridRow {
                    cells: r
                        .iter()
                        .map(|t| GridCell {
                            lines: t
                                .split('\n')
                                .map(crate::vi::clean)
                                .filter(|l| !l.is_empty())
                                .collect(),
                            ..GridCell::default()
                        })
                        .collect(),
                    header: false,
                })
                .collect(),
        }
    }

    fn registry() -> Registry {
        let (r, d) = Registry::read(
            std::path::Path::new("units.yaml"),
            "- name: Phòng Kinh tế\n- name: Các cơ quan, đơn vị liên quan\n  aliases: [Các cơ quan liên quan]\n  collective: true\n",
        );
        assert!(d.is_empty(), "{d:?}");
        r
    }

    #[test]
    fn classifies_header_spellings() {
        use Field::*;
        for (t, f) in [
            ("STT", No),
            ("TT", No),
            ("Nội dung công việc", Content),
            ("Nhiệm vụ", Content),
            ("Cơ quan chủ trì", Lead),
            ("Đơn vị chủ trì thực hiện", Lead),
            ("Cơ quan thực hiện", Lead),
            ("Cơ quan phối hợp", Support),
            ("Đơn vị phối hợp", Support),
            ("Cơ quan, đơn vị phối hợp", Support),
            ("Thời gian thực hiện", Due),
            ("Thời hạn hoàn thành", Due),
            ("Tiến độ hoàn thành", Due),
            ("Sản phẩm", Output),
            ("Lãnh đạo UBND xã phụ trách", Leader),
            ("Lãnh đạo chỉ đạo", Leader),
            ("Ghi chú", Note),
            ("THOI GIAN HOAN THANH", Due),
        ] {
            assert_eq!(classify(t), Some(f), "{t}");
        }
        let nfd: String =
            unicode_normalization::UnicodeNormalization::nfd("Cơ quan phối hợp").collect();
        assert_eq!(classify(&nfd), Some(Field::Support));
        assert_eq!(classify("Phòng Kinh tế xã hội"), None);
    }

    #[test]
    fn two_header_rows_groups_and_continuation() {
        let g = grid(&[
            &[
                "STT",
                "Nội dung",
                "Cơ quan thực hiện",
                "",
                "Tiến độ hoàn thành",
            ],
            &["", "", "Cơ quan chủ trì", "Cơ quan, đơn vị phối hợp", ""],
            &["I", "Về thể chế", "", "", ""],
            &[
                "1",
                "Rà soát",
                "Phòng Kinh tế",
                "Các cơ quan, đơn vị liên quan",
                "Tháng 11/2025",
            ],
            &["", "tiếp theo", "", "", ""],
            &[
                "STT",
                "Nội dung",
                "Cơ quan chủ trì",
                "Cơ quan, đơn vị phối hợp",
                "Tiến độ hoàn thành",
            ],
            &[
                "2",
                "Ban hành",
                "Phòng Kinh tế, các cơ quan liên quan",
                "",
                "Quý IV/2025",
            ],
            &["Tổng số: 2 nhiệm vụ", "", "", "", ""],
        ]);
        let mut t = TaskTable::default();
        assert!(read_tasks(&g, &registry(), &mut t));
        assert_eq!(t.groups.len(), 1);
        assert_eq!(t.groups[0].no, "I");
        assert_eq!(t.groups[0].title, "Về thể chế");
        let tasks = &t.groups[0].tasks;
        assert_eq!(tasks.len(), 2);
        assert_eq!(tasks[0].content, "Rà soát tiếp theo");
        assert_eq!(tasks[0].support, vec!["Các cơ quan, đơn vị liên quan"]);
        assert_eq!(
            tasks[1].lead,
            vec!["Phòng Kinh tế", "các cơ quan liên quan"]
        );
        assert_eq!(t.stated_total, Some(2));
    }

    #[test]
    fn continuous_numbering() {
        let mk = |nos: &[&str]| RowGroup {
            tasks: nos
                .iter()
                .map(|n| RowTask {
                    no: n.to_string(),
                    ..RowTask::default()
                })
                .collect(),
            ..RowGroup::default()
        };
        assert!(is_continuous(&[mk(&["1", "2"]), mk(&["3", "4"])]));
        assert!(!is_continuous(&[mk(&["1", "2"]), mk(&["1", "2"])]));
    }
}
