//! A task table pasted from Word or Excel as tab-separated text → a [`Grid`].
//!
//! Excel quotes a cell that holds a line break, a tab or a quote: `"line 1\nline 2"`, with
//! `""` for a quote inside. Word pastes plain cells, one row per line. Both are read here;
//! the columns are then recognised by [`super::table`], as for a .docx table.
//!
//! A row of more than [`MAX_COLUMNS`] cells, or more than [`MAX_ROWS`] rows, is refused with
//! its line and column in the file: every row is padded to the widest, so a single row of a
//! million tabs would otherwise make every short row a million cells wide. The cells past the
//! limit are only counted, never stored.

use super::table::{Grid, GridCell, GridRow, MAX_COLUMNS, MAX_ROWS};
use crate::diag::Pos;
use crate::{msg, tr};

/// Why pasted text is not read as a table; `Display` is the message for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TsvError {
    /// Row `row` (counted from 1; a quoted cell may hold line breaks) has `columns` cells;
    /// `at` is where the first one past [`MAX_COLUMNS`] starts.
    TooWide { row: usize, columns: usize, at: Pos },
    /// More than [`MAX_ROWS`] rows; `at` is where the first one past the limit starts.
    TooManyRows { at: Pos },
}

impl std::fmt::Display for TsvError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            TsvError::TooWide { row, columns, .. } => tr!(
                msg::TSV_ROW_TOO_WIDE,
                row = row,
                columns = columns,
                max = MAX_COLUMNS
            ),
            TsvError::TooManyRows { .. } => tr!(msg::TSV_TOO_MANY_ROWS, max = MAX_ROWS),
        };
        f.write_str(&text)
    }
}

impl TsvError {
    /// Where in the text the problem is (line and column, from 1).
    pub fn pos(&self) -> Pos {
        match self {
            TsvError::TooWide { at, .. } | TsvError::TooManyRows { at } => *at,
        }
    }
    pub fn hint(&self) -> String {
        match self {
            TsvError::TooWide { .. } => tr!(msg::TSV_TOO_WIDE_HINT),
            TsvError::TooManyRows { .. } => tr!(msg::TSV_TOO_MANY_ROWS_HINT),
        }
    }
}

/// Splits tab-separated text into rows of cells, honouring Excel's quoting.
pub fn parse(text: &str) -> Result<Grid, TsvError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut at_cell_start = true;
    let mut quoted = false;
    // Where the next character is, for the messages.
    let (mut line, mut col) = (1usize, 1usize);
    // Once a row has too many cells: where the first extra one starts, and how many so far.
    let mut extra: Option<(Pos, usize)> = None;
    while let Some(c) = chars.next() {
        let here = Pos::new(line, col);
        if c == '\n' || (c == '\r' && chars.peek() != Some(&'\n')) {
            (line, col) = (line + 1, 1);
        } else if c != '\r' {
            col += 1;
        }
        if rows.len() >= MAX_ROWS && row.is_empty() && cell.is_empty() && at_cell_start && !quoted {
            return Err(TsvError::TooManyRows { at: here });
        }
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    col += 1;
                    cell.push('"');
                } else {
                    quoted = false;
                }
            } else if extra.is_none() {
                cell.push(c);
            }
            continue;
        }
        match c {
            '"' if at_cell_start => {
                quoted = true;
                at_cell_start = false;
            }
            '\t' => {
                match extra.as_mut() {
                    Some((_, n)) => *n += 1,
                    None => {
                        row.push(std::mem::take(&mut cell));
                        if row.len() == MAX_COLUMNS {
                            // The next cell is one too many: it starts here.
                            extra = Some((Pos::new(line, col), 1));
                        }
                    }
                }
                at_cell_start = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                end_row(&mut rows, &mut row, &mut cell, extra)?;
                at_cell_start = true;
            }
            _ => {
                if extra.is_none() {
                    cell.push(c);
                }
                at_cell_start = false;
            }
        }
    }
    if !cell.is_empty() || !row.is_empty() || extra.is_some() {
        end_row(&mut rows, &mut row, &mut cell, extra)?;
    }
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    Ok(Grid {
        rows: rows
            .into_iter()
            .map(|r| {
                let mut cells: Vec<GridCell> = r
                    .into_iter()
                    .map(|t| GridCell {
                        lines: t
                            .split(['\n', '\r'])
                            .map(crate::vi::clean)
                            .filter(|l| !l.is_empty())
                            .collect(),
                        ..GridCell::default()
                    })
                    .collect();
                cells.resize_with(width, GridCell::default);
                GridRow {
                    cells,
                    header: false,
                }
            })
            .collect(),
    })
}

/// Ends a row: stored, or refused when it had too many cells.
fn end_row(
    rows: &mut Vec<Vec<String>>,
    row: &mut Vec<String>,
    cell: &mut String,
    extra: Option<(Pos, usize)>,
) -> Result<(), TsvError> {
    if let Some((at, n)) = extra {
        return Err(TsvError::TooWide {
            row: rows.len() + 1,
            columns: MAX_COLUMNS + n,
            at,
        });
    }
    row.push(std::mem::take(cell));
    rows.push(std::mem::take(row));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_quoting() {
        let g = parse("STT\tNội dung\r\n1\t\"Dòng 1\nDòng \"\"2\"\"\"\r\n2\tx").unwrap();
        assert_eq!(g.rows.len(), 3);
        assert_eq!(*g.rows[1].cells[1].lines, ["Dòng 1", "Dòng \"2\""]);
        assert_eq!(*g.rows[2].cells[1].lines, ["x"]);
    }

    #[test]
    fn a_quote_inside_an_unquoted_cell_is_text() {
        let g = parse("1\tđề án “Xây dựng\" x\t\n").unwrap();
        assert_eq!(*g.rows[0].cells[1].lines, ["đề án “Xây dựng\" x"]);
        assert_eq!(g.rows[0].cells.len(), 3);
    }

    #[test]
    fn rows_and_columns_past_the_limits_are_refused_at_their_place() {
        let row = |n: usize| vec!["x"; n].join("\t");
        let g = parse(&row(MAX_COLUMNS)).unwrap();
        assert_eq!(g.rows[0].cells.len(), MAX_COLUMNS);
        // The 65th cell starts at column 129 of the second line; every cell is counted.
        assert_eq!(
            parse(&format!("a\n{}", row(MAX_COLUMNS + 2))).unwrap_err(),
            TsvError::TooWide {
                row: 2,
                columns: MAX_COLUMNS + 2,
                at: Pos::new(2, 2 * MAX_COLUMNS + 1)
            }
        );
        let blank = "\n".repeat(MAX_ROWS);
        assert_eq!(parse(&blank).unwrap().rows.len(), MAX_ROWS);
        assert_eq!(
            parse(&format!("{blank}x")).unwrap_err(),
            TsvError::TooManyRows {
                at: Pos::new(MAX_ROWS + 1, 1)
            }
        );
    }
}
