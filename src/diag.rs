//! Diagnostics: every problem found in a user's files, with where it is and what to do.
//!
//! A diagnostic renders as `path:line:column: error|warning: message`, then the offending
//! source line with a caret under the column, then `  = hint: …`. All problems of a run are
//! collected before anything is printed, so the editor fixes them in one go.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

/// A position in a file: 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

impl Pos {
    pub const fn new(line: usize, col: usize) -> Pos {
        Pos { line, col }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub path: PathBuf,
    pub pos: Option<Pos>,
    pub message: String,
    pub hint: Option<String>,
    /// The source line the position points into, quoted under the message.
    pub source_line: Option<String>,
}

impl Diagnostic {
    pub fn error(path: impl Into<PathBuf>, pos: Option<Pos>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            pos,
            message: message.into(),
            hint: None,
            source_line: None,
        }
    }

    pub fn warning(path: impl Into<PathBuf>, pos: Option<Pos>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, pos, message)
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Attaches the quoted line from `source` (the whole file's text).
    pub fn with_source(self, source: &str) -> Self {
        let line = self
            .pos
            .and_then(|pos| source.lines().nth(pos.line.saturating_sub(1)));
        self.with_line(line)
    }

    /// [`Self::with_source`] given the line already found: a reader quoting the lines of
    /// many diagnostics of one file finds each without scanning the file from its start.
    pub fn with_line(mut self, line: Option<&str>) -> Self {
        if let Some(pos) = self.pos {
            // Long lines (a 50 MB one-line file) are cut around the column.
            self.source_line = line.map(|l| l.chars().take(pos.col + 80).collect());
        }
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The first line alone: `path:line:column: severity: message`.
    pub fn headline(&self) -> String {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match self.pos {
            Some(p) => format!(
                "{}:{}:{}: {sev}: {}",
                display_path(&self.path),
                p.line,
                p.col,
                self.message
            ),
            None => format!("{}: {sev}: {}", display_path(&self.path), self.message),
        }
    }
}

/// Paths are shown with `/` on every platform, relative as given.
pub fn display_path(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.headline())?;
        if let (Some(line), Some(pos)) = (&self.source_line, self.pos) {
            let gutter = pos.line.to_string();
            let pad = " ".repeat(gutter.len());
            let shown: String = line.replace('\t', " ");
            write!(
                f,
                "\n{pad} |\n{gutter} | {shown}\n{pad} | {}^",
                " ".repeat(pos.col.saturating_sub(1))
            )?;
        }
        if let Some(h) = &self.hint {
            write!(f, "\n  = hint: {h}")?;
        }
        Ok(())
    }
}

/// Every diagnostic of a run, in a stable order (by file, then position).
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }
    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }
    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            (&a.path, a.pos, a.severity, &a.message).cmp(&(&b.path, b.pos, b.severity, &b.message))
        });
        self.items.dedup();
    }
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// The closest candidate to `word` by edit distance over folded text, if it is close enough
/// to be a plausible typo.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let w = crate::vi::fold(word);
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let d = levenshtein(&w, &crate::vi::fold(c));
        if best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    let limit = (w.chars().count() / 2).max(2);
    best.filter(|(d, _)| *d <= limit).map(|(_, c)| c)
}

/// Edit distance in characters.
pub fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_with_caret_and_hint() {
        let d = Diagnostic::error(
            "content/plans/a.md",
            Some(Pos::new(3, 5)),
            "unknown key `titel`",
        )
        .with_hint("did you mean `title`?")
        .with_source("---\nnumber: 1\ntitel: x\n");
        let s = d.to_string();
        assert!(
            s.starts_with("content/plans/a.md:3:5: error: unknown key `titel`"),
            "{s}"
        );
        assert!(s.contains("3 | titel: x\n  |     ^"), "{s}");
        assert!(s.ends_with("= hint: did you mean `title`?"), "{s}");
    }

    #[test]
    fn nearest_finds_typos_only() {
        let keys = ["title", "number", "issuer"];
        assert_eq!(nearest("titel", keys), Some("title"));
        assert_eq!(nearest("isuer", keys), Some("issuer"));
        assert_eq!(nearest("zzzzzzzzzz", keys), None);
    }
}
