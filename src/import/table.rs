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
//! [`MAX_ROWS`] rows (both readers refuse more, with the place in the file), and the cells a
//! merged cell covers share its lines instead of holding copies. So a grid's memory follows
//! the size of its input, however wide a file claims a cell or a row to be.

use crate::content::units::Registry;
use crate::vi::fold;
use std::collections::HashSet;
use std::rc::Rc;

/// The most columns a table may have. A plan's task table has fewer than 20 (STT, Nội dung,
/// chủ trì, phối hợp, thời gian, sản phẩm …); every row of a grid is padded to the widest,
/// so this bounds what one short row costs.
pub const MAX_COLUMNS: usize = 64;

/// The most rows a table may have: a plan's task table has a few hundred. With
/// [`MAX_COLUMNS`] it bounds a grid to 640,000 cells, whatever the rows are made of.
pub const MAX_ROWS: usize = 10_000;

/// The most text the tasks read from tables may hold, in bytes (and the prose, on its own):
/// a plan file may be no larger ([`crate::content::plan::MAX_FILE_BYTES`]), so more could
/// never be built. A cell merged down over many tasks is copied into each of them, and an
/// empty grid cell of the prose's tables is a few bytes of Markdown; this bounds both.
pub const MAX_TASK_BYTES: usize = crate::content::plan::MAX_FILE_BYTES as usize;

/// The most bytes of a cell that may be read as header words ("Cơ quan, đơn vị chủ trì thực
/// hiện" is 40): longer cells are never classified nor compared as a header, so the work on
/// a row does not grow with the text of a long cell merged into it.
const MAX_HEADER_BYTES: usize = 400;

/// The tasks read from tables, or the prose, hold more than [`MAX_TASK_BYTES`] of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooMuchText;

impl std::fmt::Display for TooMuchText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::tr!(
            crate::msg::IMPORT_TOO_MUCH_TEXT,
            mb = MAX_TASK_BYTES / (1024 * 1024)
        ))
    }
}

impl TooMuchText {
    pub fn hint(&self) -> String {
        crate::tr!(crate::msg::IMPORT_TOO_MUCH_TEXT_HINT)
    }
}

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
    /// Bytes of text read into the tasks and notes so far, held under [`MAX_TASK_BYTES`].
    pub bytes: usize,
    /// The units of the task being continued over rows, to add each unit once.
    seen: Option<SeenUnits>,
}

/// The lead and support units of one task (at `task`: the number of groups and of tasks in
/// the last group when it was the last task), kept as a set so that a task continued over
/// many rows checks each new unit in constant time instead of against all it has.
#[derive(Debug, Clone, Default)]
struct SeenUnits {
    task: (usize, usize),
    lead: HashSet<String>,
    support: HashSet<String>,
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
///
/// The text of a vertically merged cell belongs to the rows it covers: a new task takes it
/// (a lead unit merged over two tasks leads both), but a row continuing the task above adds
/// only its own cells, since the merged text is the task's already. So a row's work follows
/// its own cells, and what is copied into new tasks is held under [`MAX_TASK_BYTES`].
pub fn read_tasks(
    grid: &Grid,
    registry: &Registry,
    out: &mut TaskTable,
) -> Result<bool, TooMuchText> {
    let Some(header) = find_header(grid) else {
        return Ok(false);
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
    // The non-empty cells of some columns (a cell spanning two of them counted once), those
    // merged from above included or not.
    fn cells_of<'g>(
        row: &'g GridRow,
        cols: &[usize],
        merged: bool,
    ) -> impl Iterator<Item = &'g GridCell> {
        cols.iter()
            .filter_map(|&c| row.cells.get(c))
            .filter(move |c| !c.h_cont && (merged || !c.v_cont) && !c.is_empty())
    }
    // Their lines, copied; the bytes are counted in `spent`.
    fn lines_of(row: &GridRow, cols: &[usize], merged: bool, spent: &mut usize) -> Vec<String> {
        let mut v: Vec<String> = Vec::new();
        for cell in cells_of(row, cols, merged) {
            *spent = spent.saturating_add(cell.lines.iter().map(|l| l.len() + 1).sum());
            v.extend(cell.lines.iter().cloned());
        }
        v
    }
    let mut spent = out.bytes;
    let numbered_table = !no_cols.is_empty();
    if out.groups.is_empty() {
        out.groups.push(RowGroup::default());
    }
    for (ri, row) in grid.rows.iter().enumerate().skip(header.body_start) {
        // The row's own cells: not the continuation of a cell spanning columns or rows.
        let own: Vec<(usize, &GridCell)> = row
            .cells
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.h_cont && !c.v_cont && !c.is_empty())
            .collect();
        // A vertically merged content cell: the same task goes on over this row.
        let content_continues = content_cols
            .iter()
            .any(|&c| row.cells.get(c).is_some_and(|x| x.v_cont));
        // Every non-empty cell, merged from above or not (one alone can be a title or a total).
        let filled_cells = row
            .cells
            .iter()
            .filter(|c| !c.h_cont && !c.is_empty())
            .count();
        let rule = |c: &GridCell| {
            c.short_text(MAX_HEADER_BYTES).is_some_and(|t| {
                t.chars()
                    .all(|c| matches!(c, '-' | '_' | '=' | ':' | '–' | ' '))
            })
        };
        if (own.is_empty() && !content_continues)
            || is_column_number_row(row)
            || (!own.is_empty() && own.iter().all(|(_, c)| rule(c)))
        {
            continue;
        }
        let key = row_key(row);
        if row.header || header.keys.contains(&key) || is_repeated_header(row, &header) {
            continue;
        }
        if filled_cells == 1
            && own.len() == 1
            && let Some(n) = own[0]
                .1
                .short_text(MAX_HEADER_BYTES)
                .and_then(|t| stated_total(&t))
        {
            out.stated_total = Some(n);
            continue;
        }
        // The number: short, merged from above or not.
        let no_text = cells_of(row, &no_cols, true)
            .map(|c| c.short_text(MAX_HEADER_BYTES).unwrap_or_default())
            .collect::<Vec<_>>()
            .join(" ");
        let filled = |cols: &[usize]| cells_of(row, cols, true).next().is_some();
        let others_empty = !filled(&lead_cols)
            && !filled(&support_cols)
            && !filled(&due_cols)
            && !filled(&output_cols)
            && !filled(&leader_cols);
        let own_text = |col: usize| -> Option<String> {
            own.iter().find(|(c, _)| *c == col).map(|(_, c)| c.text())
        };
        // A group row: a numeral in the number column and only a title beside it …
        if let Some(no) = roman_marker(&no_text).filter(|_| others_empty) {
            let title = content_cols
                .iter()
                .filter_map(|&c| own_text(c))
                .collect::<Vec<_>>()
                .join(" ");
            let title = if title.is_empty() {
                own.iter()
                    .find(|(c, _)| !no_cols.contains(c))
                    .map(|(_, c)| c.text())
                    .unwrap_or_default()
            } else {
                title
            };
            spent = spent.saturating_add(title.len());
            start_group(out, no, title);
            continue;
        }
        // … or one cell merged across the row: "II. Về thể chế", or a title without numeral.
        if filled_cells == 1 && own.len() == 1 {
            let (col, cell) = own[0];
            let text = cell.text();
            let spans = row.cells.iter().any(|c| c.h_cont);
            if let Some((no, title)) = split_roman_title(&text) {
                spent = spent.saturating_add(title.len());
                start_group(out, no, title);
                continue;
            }
            if spans && (no_cols.is_empty() || no_cols.contains(&col) || !numbered_table) {
                spent = spent.saturating_add(text.len());
                start_group(out, String::new(), text);
                continue;
            }
        }
        let task_at = (
            out.groups.len(),
            out.groups.last().map_or(0, |g| g.tasks.len()),
        );
        let group = out.groups.last_mut().expect("a group exists");
        let no = no_text.trim_end_matches(['.', ')']).trim().to_string();
        if let Some(prev) = group.tasks.last_mut().filter(|_| content_continues) {
            let seen = match &mut out.seen {
                Some(s) if s.task == task_at => s,
                slot => slot.insert(SeenUnits {
                    task: task_at,
                    lead: prev.lead.iter().cloned().collect(),
                    support: prev.support.iter().cloned().collect(),
                }),
            };
            // Only the row's own cells: what is merged from above is the task's already.
            let add = |dst: &mut Vec<String>,
                       set: &mut HashSet<String>,
                       src: Vec<String>,
                       registry: &Registry| {
                for u in split_units(&src, registry) {
                    if set.insert(u.clone()) {
                        dst.push(u);
                    }
                }
            };
            let lead = lines_of(row, &lead_cols, false, &mut spent);
            add(&mut prev.lead, &mut seen.lead, lead, registry);
            let support = lines_of(row, &support_cols, false, &mut spent);
            add(&mut prev.support, &mut seen.support, support, registry);
            let d = lines_of(row, &due_cols, false, &mut spent).join(" ");
            if !d.is_empty() && !prev.due.ends_with(&d) {
                if !prev.due.is_empty() {
                    prev.due.push_str("; ");
                }
                prev.due.push_str(&d);
            }
            let note = format!(
                "dòng {} của bảng tiếp nối nhiệm vụ này (ô nội dung gộp dọc)",
                ri + 1
            );
            spent = spent.saturating_add(note.len());
            prev.notes.push(note);
            out.bytes = spent;
            if spent > MAX_TASK_BYTES {
                return Err(TooMuchText);
            }
            continue;
        }
        // A row without a number nor a lead unit: the rest of the task above, cut by a page
        // break in the source (cells pasted from Word split that way).
        if numbered_table
            && no.is_empty()
            && !filled(&lead_cols)
            && let Some(prev) = group.tasks.last_mut()
        {
            append_cut(
                &mut prev.content,
                &lines_of(row, &content_cols, false, &mut spent).join(" "),
            );
            for (dst, cols) in [
                (&mut prev.due, &due_cols),
                (&mut prev.output, &output_cols),
                (&mut prev.leader, &leader_cols),
            ] {
                append_cut(dst, &lines_of(row, cols, false, &mut spent).join(" "));
            }
            let support = lines_of(row, &support_cols, false, &mut spent);
            if !support.is_empty() {
                let mut cut = prev.support.pop().unwrap_or_default();
                let mut seen = out.seen.as_mut().filter(|s| s.task == task_at);
                if let Some(s) = seen.as_mut() {
                    s.support.remove(&cut);
                }
                append_cut(&mut cut, &support.join(" "));
                let units = split_units(&[cut], registry);
                if let Some(s) = seen {
                    s.support.extend(units.iter().cloned());
                }
                prev.support.extend(units);
            }
            let note = format!(
                "dòng {} của bảng (không số thứ tự) được ghép vào nhiệm vụ này",
                ri + 1
            );
            spent = spent.saturating_add(note.len());
            prev.notes.push(note);
            out.bytes = spent;
            if spent > MAX_TASK_BYTES {
                return Err(TooMuchText);
            }
            continue;
        }
        let content = lines_of(row, &content_cols, true, &mut spent);
        if content.is_empty() {
            let what: Vec<String> = own.iter().map(|(_, c)| c.text()).collect();
            let note = format!(
                "dòng {} của bảng không nhận ra (không có nội dung): {}",
                ri + 1,
                what.join(" | ")
            );
            spent = spent.saturating_add(note.len());
            match group.tasks.last_mut() {
                Some(t) => t.notes.push(note),
                None => out.notes.push(note),
            }
            out.bytes = spent;
            if spent > MAX_TASK_BYTES {
                return Err(TooMuchText);
            }
            continue;
        }
        // A new task takes the cells merged from above too (its share of a merged cell).
        let lead = lines_of(row, &lead_cols, true, &mut spent);
        let support = lines_of(row, &support_cols, true, &mut spent);
        let due = lines_of(row, &due_cols, true, &mut spent);
        let output = lines_of(row, &output_cols, true, &mut spent);
        let leader = lines_of(row, &leader_cols, true, &mut spent);
        out.bytes = spent;
        if spent > MAX_TASK_BYTES {
            return Err(TooMuchText);
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
    out.bytes = spent;
    if spent > MAX_TASK_BYTES {
        return Err(TooMuchText);
    }
    Ok(true)
}

/// Two halves of a text cut by a page break, joined in place: "Quý III-" + "IV/2025" →
/// "Quý III-IV/2025". In place, so a task continued over many rows costs each row its own
/// text only.
fn append_cut(a: &mut String, b: &str) {
    if b.is_empty() {
        return;
    }
    if !a.is_empty() && !a.ends_with(['-', '/', '–']) {
        a.push(' ');
    }
    a.push_str(b);
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

/// The most comma-separated pieces one unit's name is tried over: a registered name has a
/// comma or two ("Các cơ quan, đơn vị liên quan"), and trying every span of a cell of many
/// commas would cost the square of their number in names looked up.
const MAX_NAME_PIECES: usize = 8;

/// Greedy longest-known split at commas; `None` unless every piece is known.
fn split_commas(p: &str, known: &dyn Fn(&str) -> bool) -> Option<Vec<String>> {
    let pieces: Vec<&str> = p.split(',').collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < pieces.len() {
        let mut found = None;
        for j in (i + 1..=pieces.len().min(i + MAX_NAME_PIECES)).rev() {
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
        assert_eq!(read_tasks(&g, &registry(), &mut t), Ok(true));
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
    fn merged_cells_belong_to_new_tasks_but_are_not_added_again_to_continued_ones() {
        let mut g = grid(&[
            &["STT", "Nội dung", "Cơ quan chủ trì", "Thời gian thực hiện"],
            &["1", "Việc một", "Phòng Kinh tế", "Quý I"],
            &["2", "Việc hai", "", "Quý II"],
            &["", "", "Công an xã", ""],
        ]);
        let merged = |g: &Grid, row: usize, col: usize| GridCell {
            lines: Rc::clone(&g.rows[row].cells[col].lines),
            v_cont: true,
            ..GridCell::default()
        };
        // The lead merged down from task 1 to task 2; task 2's content and due cells merged
        // down over the last row, which adds a lead of its own.
        g.rows[2].cells[2] = merged(&g, 1, 2);
        g.rows[3].cells[1] = merged(&g, 2, 1);
        g.rows[3].cells[3] = merged(&g, 2, 3);
        let mut t = TaskTable::default();
        assert_eq!(read_tasks(&g, &registry(), &mut t), Ok(true));
        let tasks = &t.groups[0].tasks;
        assert_eq!(tasks.len(), 2);
        assert_eq!(tasks[0].lead, ["Phòng Kinh tế"]);
        assert_eq!(tasks[1].lead, ["Phòng Kinh tế", "Công an xã"]);
        assert_eq!(tasks[1].content, "Việc hai");
        assert_eq!(tasks[1].due, "Quý II");
        assert_eq!(tasks[1].notes.len(), 1, "{:?}", tasks[1].notes);
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
