//! Typed reading of a YAML tree: each helper checks one shape and reports what is wrong
//! at the node's position, in the file's own line numbers.

use super::yaml::{Key, Node, Value};
use crate::diag::{Diagnostic, Pos, nearest};
use std::path::Path;

/// Where we are: the file, its text (to quote lines), and the diagnostics found so far.
/// Node positions are already in the file's own lines (see [`super::yaml::parse`]).
pub struct Reader<'a> {
    pub path: &'a Path,
    pub source: &'a str,
    pub diags: Vec<Diagnostic>,
    /// The site's `static/` folder, to check that files named in the content exist.
    pub static_dir: Option<&'a Path>,
    /// Where each line of `source` starts, built at the first diagnostic.
    line_starts: Option<Vec<usize>>,
}

impl<'a> Reader<'a> {
    pub fn new(path: &'a Path, source: &'a str) -> Self {
        Reader {
            path,
            source,
            diags: Vec::new(),
            static_dir: None,
            line_starts: None,
        }
    }

    /// Line `n` (from 1) of the source as [`str::lines`] gives it, found through an index of
    /// where lines start: a file with a diagnostic on each of its many lines (an imported
    /// plan's `# kiểm tra lại` comments) is not scanned from its start for each.
    fn line(&mut self, n: usize) -> Option<&'a str> {
        let source = self.source;
        let starts = self.line_starts.get_or_insert_with(|| {
            std::iter::once(0)
                .chain(source.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        let start = *starts.get(n.saturating_sub(1))?;
        if start >= source.len() {
            return None;
        }
        let end = starts.get(n.max(1)).copied().unwrap_or(source.len());
        let line = &source[start..end];
        Some(match line.strip_suffix('\n') {
            Some(l) => l.strip_suffix('\r').unwrap_or(l),
            None => line,
        })
    }

    /// Checks that an in-site path (`/files/x.pdf`) names a file under `static/`.
    pub fn static_file_exists(&mut self, at: Pos, what: &str, file: &str) -> bool {
        let Some(dir) = self.static_dir else {
            return true;
        };
        let rel = file.trim_start_matches('/');
        let rel = rel.split(['#', '?']).next().unwrap_or(rel);
        if dir.join(rel).is_file() {
            return true;
        }
        self.error(
            at,
            format!("{what} `{file}` not found: there is no static/{rel}"),
            "put the file under the site's `static/` folder (e.g. static/files/66-kh-ubnd.pdf for `/files/66-kh-ubnd.pdf`), or correct the path",
        );
        false
    }

    /// The size of `file` (a site path) under `static/`, when there is such a file.
    pub fn static_file_size(&self, file: &str) -> Option<u64> {
        let rel = file.trim_start_matches('/');
        let rel = rel.split(['#', '?']).next().unwrap_or(rel);
        let meta = std::fs::metadata(self.static_dir?.join(rel)).ok()?;
        meta.is_file().then_some(meta.len())
    }

    pub fn error(&mut self, at: Pos, message: impl Into<String>, hint: impl Into<String>) {
        let line = self.line(at.line);
        let d = Diagnostic::error(self.path, Some(at), message)
            .with_hint(hint)
            .with_line(line);
        self.diags.push(d);
    }

    pub fn warning(&mut self, at: Pos, message: impl Into<String>, hint: impl Into<String>) {
        let line = self.line(at.line);
        let d = Diagnostic::warning(self.path, Some(at), message)
            .with_hint(hint)
            .with_line(line);
        self.diags.push(d);
    }

    /// The node as a map, checking that every key is one of `known`.
    pub fn map<'n>(
        &mut self,
        node: &'n Node,
        what: &str,
        known: &[&str],
    ) -> Option<&'n [(Key, Node)]> {
        let Value::Map(entries) = &node.value else {
            if !node.is_null() {
                self.error(
                    node.pos,
                    format!(
                        "{what} must be a map of `key: value` lines, found {}",
                        node.kind_name()
                    ),
                    format!("known keys: {}", known.join(", ")),
                );
            }
            return None;
        };
        for (k, v) in entries {
            if !known.contains(&k.name.as_str())
                && v.is_null()
                && !k.name.chars().all(|c| c.is_ascii_lowercase() || c == '_')
            {
                // `{ note: Đã rà soát A, B. }`: the comma ended the value and "B." became a key.
                self.error(
                    k.pos,
                    format!("the text `{}` was cut off from the value before it by a comma", k.name),
                    "inside `{ … }` a comma separates fields: put the whole value in quotes, e.g. `note: \"Đã rà soát A, B.\"`, or write the fields one per line",
                );
            } else if !known.contains(&k.name.as_str()) {
                let hint = match nearest(&k.name, known.iter().copied()) {
                    Some(n) => format!(
                        "did you mean `{n}`? Known keys of {what}: {}",
                        known.join(", ")
                    ),
                    None => format!("known keys of {what}: {}", known.join(", ")),
                };
                self.error(k.pos, format!("unknown key `{}` in {what}", k.name), hint);
            }
        }
        Some(entries)
    }

    /// Text of a scalar, cleaned (NFC, single spaces). Lists and maps are errors.
    pub fn text(&mut self, node: &Node, field: &str) -> Option<String> {
        match &node.value {
            _ if node.is_null() => None,
            Value::Str { text, .. } => Some(crate::vi::clean(text)),
            _ => {
                self.error(
                    node.pos,
                    format!("`{field}` must be text, found {}", node.kind_name()),
                    format!("write `{field}: …` on one line, or quote the text"),
                );
                None
            }
        }
    }

    /// Text that keeps its line breaks (multi-line titles): each line cleaned.
    pub fn text_lines(&mut self, node: &Node, field: &str) -> Option<String> {
        match &node.value {
            _ if node.is_null() => None,
            Value::Str { text, .. } => Some(
                text.lines()
                    .map(crate::vi::clean)
                    .filter(|l| !l.is_empty())
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            _ => self.text(node, field),
        }
    }

    /// A list of texts; a single text is a list of one.
    pub fn text_list(&mut self, node: &Node, field: &str) -> Vec<(String, Pos)> {
        match &node.value {
            _ if node.is_null() => Vec::new(),
            Value::Str { .. } => self
                .text(node, field)
                .map(|t| vec![(t, node.pos)])
                .unwrap_or_default(),
            Value::Seq(items) => items
                .iter()
                .filter_map(|n| self.text(n, field).map(|t| (t, n.pos)))
                .filter(|(t, _)| !t.is_empty())
                .collect(),
            Value::Map(_) => {
                self.error(
                    node.pos,
                    format!("`{field}` must be a text or a list of texts, found a map"),
                    format!("write `{field}: [A, B]` or one `- item` per line"),
                );
                Vec::new()
            }
        }
    }

    pub fn list<'n>(&mut self, node: &'n Node, field: &str) -> &'n [Node] {
        match &node.value {
            Value::Seq(items) => items,
            _ if node.is_null() => &[],
            _ => {
                self.error(
                    node.pos,
                    format!("`{field}` must be a list, found {}", node.kind_name()),
                    "start each item on its own line with `- `",
                );
                &[]
            }
        }
    }

    pub fn bool(&mut self, node: &Node, field: &str) -> Option<bool> {
        match self.text(node, field)?.to_lowercase().as_str() {
            "true" | "yes" | "có" => Some(true),
            "false" | "no" | "không" => Some(false),
            other => {
                self.error(
                    node.pos,
                    format!("`{field}` must be true or false, found `{other}`"),
                    format!("write `{field}: true` or `{field}: false`"),
                );
                None
            }
        }
    }

    pub fn number(&mut self, node: &Node, field: &str) -> Option<u32> {
        let t = self.text(node, field)?;
        match t.parse::<u32>() {
            Ok(n) => Some(n),
            Err(_) => {
                self.error(
                    node.pos,
                    format!("`{field}` must be a whole number, found `{t}`"),
                    format!("write `{field}: 39`"),
                );
                None
            }
        }
    }
}

/// The value of `key` in a map, if present and not null.
pub fn get<'n>(map: &'n [(Key, Node)], key: &str) -> Option<&'n Node> {
    map.iter()
        .find(|(k, _)| k.name == key)
        .map(|(_, v)| v)
        .filter(|v| !v.is_null())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_found_as_str_lines_finds_them() {
        for src in [
            "",
            "a",
            "a\n",
            "a\r\nb",
            "a\n\nb\r",
            "x\r\n\r\ny\n",
            "\n",
            "\r",
        ] {
            let mut r = Reader::new(Path::new("x.md"), src);
            for n in 0..6usize {
                let expected = src.lines().nth(n.saturating_sub(1));
                assert_eq!(r.line(n), expected, "{src:?}, line {n}");
            }
        }
    }
}
