//! A small YAML tree with a position on every node, read with saphyr-parser's event API.
//!
//! Why not a serde YAML crate: diagnostics must point at the exact value that is wrong
//! (an unknown unit inside the 17th task), which needs positions after deserialising. This
//! tree keeps them. It is also strict on purpose: aliases (and so alias bombs), duplicate keys,
//! non-string keys and nesting deeper than [`MAX_DEPTH`] are errors. Scalars stay text: no
//! YAML 1.1 surprises (`no` is not `false`, `07` stays `07`); the typed reader decides.

use crate::diag::Pos;
use crate::{msg, tr};
use saphyr_parser::{Event, Parser, ScalarStyle};
use std::collections::HashMap;

/// Deeper than any plan needs (site → groups → tasks → updates is 6); bounds stack use.
pub const MAX_DEPTH: usize = 32;

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A scalar as written. `plain` distinguishes `~`/`null` from `"null"`.
    Str {
        text: String,
        plain: bool,
    },
    Seq(Vec<Node>),
    /// Keys in document order.
    Map(Vec<(Key, Node)>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    pub name: String,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub pos: Pos,
}

impl Node {
    /// A plain empty scalar, `~` or `null`: the key is present but has no value.
    pub fn is_null(&self) -> bool {
        matches!(&self.value, Value::Str { text, plain: true } if text.is_empty() || text == "~" || text == "null" || text == "Null" || text == "NULL")
    }

    /// What the node is, in the words of the messages ("a list").
    pub fn kind_name(&self) -> String {
        match &self.value {
            Value::Str { .. } => tr!(msg::YAML_KIND_TEXT),
            Value::Seq(_) => tr!(msg::YAML_KIND_LIST),
            Value::Map(_) => tr!(msg::YAML_KIND_MAP),
        }
    }
}

/// A YAML problem at a position (relative to the YAML text).
#[derive(Debug, Clone, PartialEq)]
pub struct YamlError {
    pub pos: Pos,
    pub message: String,
    pub hint: String,
}

/// Parses one YAML document whose first line is line `first_line` of its file, so that every
/// position (and every message) speaks of the file's own lines. An empty document is an
/// empty map.
pub fn parse(src: &str, first_line: usize) -> Result<Node, YamlError> {
    let shift = first_line.saturating_sub(1);
    if let Some((line, col)) = find_tab_indent(src) {
        return Err(YamlError {
            pos: Pos::new(line + shift, col),
            message: tr!(msg::YAML_TAB_INDENT),
            hint: tr!(msg::YAML_TAB_INDENT_HINT),
        });
    }
    let mut parser = Parser::new_from_str(src);
    let mut stack: Vec<Frame> = Vec::new();
    let mut root: Option<Node> = None;
    while let Some(ev) = parser.next_event() {
        let (ev, span) = ev.map_err(|e| {
            let m = e.marker();
            if e.info().contains("recursion limit") {
                return YamlError {
                    pos: Pos::new(m.line() + shift, m.col() + 1),
                    message: tr!(msg::YAML_TOO_DEEP, max = MAX_DEPTH),
                    hint: tr!(msg::YAML_TOO_DEEP_BRACKETS_HINT),
                };
            }
            let pos = Pos::new(m.line() + shift, m.col() + 1);
            if let Some(e) = unclosed_quote(src, shift, pos) {
                return e;
            }
            YamlError {
                pos,
                message: tr!(msg::YAML_INVALID, why = why_invalid(e.info())),
                hint: tr!(msg::YAML_INVALID_HINT),
            }
        })?;
        let pos = Pos::new(span.start.line() + shift, span.start.col() + 1);
        let node = match ev {
            Event::Alias(_) => {
                return Err(YamlError {
                    pos,
                    message: tr!(msg::YAML_ALIAS),
                    hint: tr!(msg::YAML_ALIAS_HINT),
                });
            }
            Event::Scalar(text, style, _, _) => Some(Node {
                value: Value::Str {
                    text: text.into_owned(),
                    plain: style == ScalarStyle::Plain,
                },
                pos,
            }),
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(YamlError {
                        pos,
                        message: tr!(msg::YAML_TOO_DEEP, max = MAX_DEPTH),
                        hint: tr!(msg::YAML_TOO_DEEP_HINT),
                    });
                }
                let is_map = matches!(ev, Event::MappingStart(..));
                stack.push(Frame {
                    pos,
                    items: Vec::new(),
                    keys: Vec::new(),
                    index: HashMap::new(),
                    is_map,
                    pending_key: None,
                });
                None
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let f = stack
                    .pop()
                    .expect("the parser balances start and end events");
                Some(Node {
                    value: if f.is_map {
                        Value::Map(f.keys)
                    } else {
                        Value::Seq(f.items)
                    },
                    pos: f.pos,
                })
            }
            Event::DocumentEnd => break,
            _ => None,
        };
        if let Some(node) = node {
            match stack.last_mut() {
                None => {
                    if root.is_some() {
                        break;
                    }
                    root = Some(node);
                }
                Some(f) if !f.is_map => f.items.push(node),
                Some(f) => match f.pending_key.take() {
                    None => {
                        let Value::Str { text, .. } = node.value else {
                            return Err(YamlError {
                                pos: node.pos,
                                message: tr!(msg::YAML_KEY_NOT_NAME),
                                hint: tr!(msg::YAML_KEY_NOT_NAME_HINT),
                            });
                        };
                        let first = if f.index.is_empty() {
                            f.keys.iter().find(|(k, _)| k.name == text)
                        } else {
                            f.index.get(&text).map(|&i| &f.keys[i])
                        };
                        if let Some(first) = first {
                            return Err(YamlError {
                                pos: node.pos,
                                message: tr!(
                                    msg::YAML_DUPLICATE_KEY,
                                    key = text,
                                    line = first.0.pos.line
                                ),
                                hint: tr!(msg::YAML_DUPLICATE_KEY_HINT),
                            });
                        }
                        f.pending_key = Some(Key {
                            name: text,
                            pos: node.pos,
                        });
                    }
                    Some(key) => {
                        if f.keys.len() >= INDEXED {
                            if f.index.is_empty() {
                                let names = f.keys.iter().map(|(k, _)| k.name.clone());
                                f.index.extend(names.zip(0..));
                            }
                            f.index.insert(key.name.clone(), f.keys.len());
                        }
                        f.keys.push((key, node));
                    }
                },
            }
        }
    }
    Ok(root.unwrap_or(Node {
        value: Value::Map(Vec::new()),
        pos: Pos::new(1, 1),
    }))
}

struct Frame {
    pos: Pos,
    items: Vec<Node>,
    keys: Vec<(Key, Node)>,
    /// Where each key is in `keys`, once the map has more than [`INDEXED`]: a map of a few
    /// keys (a task) is searched directly, a huge one (400,000 keys in a 4 MB front matter)
    /// by name, so that finding duplicates stays linear.
    index: HashMap<String, usize>,
    is_map: bool,
    pending_key: Option<Key>,
}

/// Keys a map holds before they are indexed by name.
const INDEXED: usize = 16;

/// The parser's reason in the user's language, for the reasons met most often (the others
/// are the parser's own words).
fn why_invalid(info: &str) -> String {
    if info.contains("illegal placement of ':'") {
        tr!(msg::YAML_WHY_COLON)
    } else if info.contains("mapping values are not allowed") {
        tr!(msg::YAML_WHY_MAPPING_VALUES)
    } else if info.contains("did not find expected ',' or ']'")
        || info.contains("did not find expected ',' or '}'")
        || info.contains("unclosed bracket")
    {
        tr!(msg::YAML_WHY_UNCLOSED_FLOW)
    } else {
        info.to_string()
    }
}

/// When a syntax error at `at` (in the file's lines; the YAML starts `shift` lines in) comes
/// from a quote opened on an earlier line, or on its own line, and never closed there: the
/// error at the quote that opened, saying that its closing quote is missing. A quoted value
/// may span lines in YAML, but in a plan file one that does and then fails to parse is
/// nearly always a forgotten closing quote (`note: "Đã rà soát` whose value then runs into
/// the next line's quotes).
fn unclosed_quote(src: &str, shift: usize, at: Pos) -> Option<YamlError> {
    // A quote: its line, byte in the line, the quote character, the line's text.
    type Quote<'s> = (usize, usize, char, &'s str);
    let mut open: Option<Quote> = None;
    // The last quote that closed on a later line than it opened, and that line.
    let mut spanned: Option<(Quote, usize)> = None;
    for (i, line) in src.lines().enumerate() {
        let n = i + 1 + shift;
        if n > at.line {
            break;
        }
        let mut quote = open.map(|(_, _, q, _)| q);
        let mut prev = ' ';
        let mut chars = line.char_indices().peekable();
        while let Some((b, c)) = chars.next() {
            match quote {
                Some('"') if c == '\\' => {
                    chars.next();
                }
                Some(q) if c == q => {
                    if q == '\'' && chars.peek().is_some_and(|(_, n)| *n == '\'') {
                        chars.next();
                    } else {
                        quote = None;
                        if let Some(o) = open.take().filter(|o| o.0 != n) {
                            spanned = Some((o, n));
                        }
                    }
                }
                Some(_) => {}
                None if c == '#' && prev.is_whitespace() => break,
                None if (c == '"' || c == '\'')
                    && (prev.is_whitespace() || matches!(prev, ':' | '[' | ',' | '{' | '-')) =>
                {
                    quote = Some(c);
                    open = Some((n, b, c, line));
                }
                None => {}
            }
            prev = c;
        }
    }
    let (line_no, byte, q, line) = match (open, spanned) {
        (Some(o), _) => o,
        (None, Some((o, closed))) if closed == at.line => o,
        _ => return None,
    };
    let col = line[..byte].chars().count() + 1;
    if line_no == at.line && col != at.col {
        return None;
    }
    // The value as it should read: the key, the quoted text closed before the flow's end.
    let before = &line[..byte];
    let key = before
        .rsplit(['{', ',', '['])
        .next()
        .unwrap_or("")
        .trim()
        .trim_start_matches("- ")
        .trim();
    let mut value = line[byte + q.len_utf8()..].trim_end();
    if before.contains('{') || before.contains('[') {
        value = value
            .strip_suffix('}')
            .or_else(|| value.strip_suffix(']'))
            .unwrap_or(value)
            .trim_end();
    }
    let fixed = if key.is_empty() {
        format!("{q}{value}{q}")
    } else {
        format!("{key} {q}{value}{q}")
    };
    let quote = if q == '"' { "`\"`" } else { "`'`" };
    Some(YamlError {
        pos: Pos::new(line_no, col),
        message: tr!(msg::YAML_UNCLOSED_QUOTE, quote = quote),
        hint: tr!(msg::YAML_UNCLOSED_QUOTE_HINT, quote = quote, fixed = fixed),
    })
}

/// The first line whose indentation contains a tab (outside block scalars we cannot tell
/// cheaply, so any leading tab counts: plan files have no reason to contain one).
fn find_tab_indent(src: &str) -> Option<(usize, usize)> {
    for (i, line) in src.lines().enumerate() {
        let lead: String = line
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .collect();
        if let Some(col) = lead.chars().position(|c| c == '\t') {
            return Some((i + 1, col + 1));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_test(s: &str) -> Result<Node, YamlError> {
        parse(s, 1)
    }

    fn map(n: &Node) -> &Vec<(Key, Node)> {
        match &n.value {
            Value::Map(m) => m,
            _ => panic!("not a map"),
        }
    }

    #[test]
    fn positions_are_one_based() {
        let n = parse_test("title: A\ntasks:\n  - content: B\n").unwrap();
        let m = map(&n);
        assert_eq!(m[0].0.pos, Pos::new(1, 1));
        assert_eq!(m[0].1.pos, Pos::new(1, 8));
        let Value::Seq(items) = &m[1].1.value else {
            panic!()
        };
        assert_eq!(map(&items[0])[0].1.pos, Pos::new(3, 14));
    }

    #[test]
    fn scalars_stay_text() {
        let n = parse_test("no: no\ndate: 2025-10-07\nn: 07\n").unwrap();
        let m = map(&n);
        assert_eq!(
            m[0].1.value,
            Value::Str {
                text: "no".into(),
                plain: true
            }
        );
        assert_eq!(
            m[2].1.value,
            Value::Str {
                text: "07".into(),
                plain: true
            }
        );
    }

    #[test]
    fn duplicates_are_found_in_linear_time() {
        let map = |n: usize, dup: bool| {
            let mut y: String = (0..n).map(|i| format!("k{i}: x\n")).collect();
            if dup {
                y.push_str("k3: y\n");
            }
            y
        };
        let e = parse(&map(40, true), 1).unwrap_err();
        assert_eq!(e.message, "duplicate key `k3` (first given on line 4)");
        assert_eq!(e.pos, Pos::new(41, 1));
        assert!(parse(&map(40, false), 1).is_ok());
        crate::scaling::assert_linear(
            "keys of one map",
            256,
            |n| map(n, false),
            |y| {
                assert!(parse(y, 1).is_ok());
            },
        );
    }

    #[test]
    fn rejects_duplicates_aliases_tabs_and_depth() {
        let e = parse_test("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert_eq!(e.pos, Pos::new(3, 1));
        assert!(
            e.message
                .contains("duplicate key `a` (first given on line 1)")
        );
        let e = parse_test("a: &x [1]\nb: *x\n").unwrap_err();
        assert!(e.message.contains("aliases"));
        let e = parse_test("a:\n\t- 1\n").unwrap_err();
        assert_eq!(e.pos, Pos::new(2, 1));
        let deep = "[".repeat(100) + &"]".repeat(100);
        assert!(
            parse_test(&deep)
                .unwrap_err()
                .message
                .contains("nested deeper")
        );
    }

    #[test]
    fn syntax_errors_have_positions() {
        let e = parse_test("title: [unclosed\nnumber: 1\n").unwrap_err();
        assert!(e.pos.line >= 1, "{e:?}");
        assert!(e.message.starts_with("invalid YAML"));
    }
}
