//! A task table pasted from Word or Excel as tab-separated text → a [`Grid`].
//!
//! Excel quotes a cell that holds a line break, a tab or a quote: `"line 1\nline 2"`, with
//! `""` for a quote inside. Word pastes plain cells, one row per line. Both are read here;
//! the columns are then recognised by [`super::table`], as for a .docx table.

use super::table::{Grid, GridCell, GridRow};

/// Splits tab-separated text into rows of cells, honouring Excel's quoting.
pub fn parse(text: &str) -> Grid {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut at_cell_start = true;
    let mut quoted = false;
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    cell.push('"');
                } else {
                    quoted = false;
                }
            } else {
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
                row.push(std::mem::take(&mut cell));
                at_cell_start = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
                at_cell_start = true;
            }
            _ => {
                cell.push(c);
                at_cell_start = false;
            }
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    Grid {
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_quoting() {
        let g = parse("STT\tNội dung\r\n1\t\"Dòng 1\nDòng \"\"2\"\"\"\r\n2\tx");
        assert_eq!(g.rows.len(), 3);
        assert_eq!(*g.rows[1].cells[1].lines, ["Dòng 1", "Dòng \"2\""]);
        assert_eq!(*g.rows[2].cells[1].lines, ["x"]);
    }

    #[test]
    fn a_quote_inside_an_unquoted_cell_is_text() {
        let g = parse("1\tđề án “Xây dựng\" x\t\n");
        assert_eq!(*g.rows[0].cells[1].lines, ["đề án “Xây dựng\" x"]);
        assert_eq!(g.rows[0].cells.len(), 3);
    }
}
