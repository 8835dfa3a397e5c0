//! Typed reading of a YAML tree: each helper checks one shape and reports what is wrong
//! at the node's position, in the file's own line numbers.

use super::yaml::{Key, Node, Value};
use crate::diag::{Diagnostic, Pos, nearest};
use crate::msg::{self, Msg};
use crate::tr;
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
    pub fn static_file_exists(&mut self, at: Pos, what: &Msg, file: &str) -> bool {
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
            tr!(
                msg::STATIC_FILE_MISSING,
                what = what.text(),
                file = file,
                rel = rel
            ),
            tr!(msg::STATIC_FILE_MISSING_HINT),
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

    /// The node as a map, checking that every key is one of `known`; `what` names the map
    /// in messages ([`msg::WHAT_TASK`]).
    pub fn map<'n>(
        &mut self,
        node: &'n Node,
        what: &Msg,
        known: &[&str],
    ) -> Option<&'n [(Key, Node)]> {
        let what = what.text();
        let Value::Map(entries) = &node.value else {
            if !node.is_null() {
                self.error(
                    node.pos,
                    tr!(msg::MAP_EXPECTED, what = what, kind = node.kind_name()),
                    tr!(msg::MAP_EXPECTED_HINT, keys = known.join(", ")),
                );
            }
            return None;
        };
        for (i, (k, v)) in entries.iter().enumerate() {
            if !known.contains(&k.name.as_str())
                && v.is_null()
                && !k.name.chars().all(|c| c.is_ascii_lowercase() || c == '_')
            {
                // `{ note: Đã rà soát A, B. }`: the comma ended the value and "B." became a key.
                let fixed = match i.checked_sub(1).map(|p| &entries[p]) {
                    Some((
                        pk,
                        Node {
                            value: Value::Str { text, .. },
                            ..
                        },
                    )) => format!("{}: \"{text}, {}\"", pk.name, k.name),
                    _ => format!("note: \"…, {}\"", k.name),
                };
                self.error(
                    k.pos,
                    tr!(msg::VALUE_CUT_BY_COMMA, text = k.name),
                    tr!(msg::VALUE_CUT_BY_COMMA_HINT, fixed = fixed),
                );
            } else if !known.contains(&k.name.as_str()) {
                let keys = known.join(", ");
                let hint = match nearest(&k.name, known.iter().copied()) {
                    Some(n) => tr!(
                        msg::UNKNOWN_KEY_DID_YOU_MEAN,
                        near = n,
                        what = what,
                        keys = keys
                    ),
                    None => tr!(msg::UNKNOWN_KEY_HINT, what = what, keys = keys),
                };
                self.error(
                    k.pos,
                    tr!(msg::UNKNOWN_KEY, key = k.name, what = what),
                    hint,
                );
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
                    tr!(msg::TEXT_EXPECTED, field = field, kind = node.kind_name()),
                    tr!(msg::TEXT_EXPECTED_HINT, field = field),
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
                    tr!(msg::TEXT_LIST_EXPECTED, field = field),
                    tr!(msg::TEXT_LIST_EXPECTED_HINT, field = field),
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
                    tr!(msg::LIST_EXPECTED, field = field, kind = node.kind_name()),
                    tr!(msg::LIST_EXPECTED_HINT),
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
                    tr!(msg::BOOL_EXPECTED, field = field, value = other),
                    tr!(msg::BOOL_EXPECTED_HINT, field = field),
                );
                None
            }
        }
    }

    /// A whole number; `example` shows one in the hint when the value holds none. The hint
    /// shows the value corrected when it holds a number: `50%` → `percent: 50`.
    pub fn number(&mut self, node: &Node, field: &str, example: u32) -> Option<u32> {
        let t = self.text(node, field)?;
        match t.parse::<u32>() {
            Ok(n) => Some(n),
            Err(_) => {
                let digits: String = t
                    .chars()
                    .skip_while(|c| !c.is_ascii_digit())
                    .take_while(char::is_ascii_digit)
                    .collect();
                let hint = match t.trim_end_matches(['%', ' ']).trim().parse::<u32>() {
                    Ok(n) if t.contains('%') => {
                        tr!(msg::NUMBER_WITHOUT_PERCENT_HINT, field = field, fixed = n)
                    }
                    _ if !digits.is_empty() && digits.len() <= 9 => {
                        tr!(msg::NUMBER_ALONE_HINT, field = field, fixed = digits)
                    }
                    _ => tr!(msg::NUMBER_HINT, field = field, example = example),
                };
                self.error(
                    node.pos,
                    tr!(msg::NUMBER_EXPECTED, field = field, value = t),
                    hint,
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
