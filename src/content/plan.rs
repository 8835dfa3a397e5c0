//! One plan file: front matter split, YAML tree, typed [`Plan`].

use super::reader::{Reader, get};
use super::units::Registry;
use super::yaml::{self, Node};
use super::{
    Attachment, DocDate, Group, Numbering, Plan, Signer, Status, Task, UnitMention, Update,
};
use crate::diag::{Diagnostic, Pos};
use crate::msg::{self, Msg};
use crate::tr;
use crate::vi::deadline::{Deadline, DeadlineKind};
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// Plan files larger than this are refused before being read: a real plan is 5–60 KB.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

const PLAN_KEYS: &[&str] = &[
    "title",
    "number",
    "kind",
    "issuer",
    "place",
    "date",
    "basis",
    "signer",
    "recipients",
    "topics",
    "attachments",
    "numbering",
    "appendix_title",
    "appendix_note",
    "stated_total",
    "editor_note",
    "published",
    "tasks",
];
const GROUP_KEYS: &[&str] = &["group", "no", "tasks"];
const TASK_KEYS: &[&str] = &[
    "content", "lead", "support", "due", "output", "leader", "no", "id", "updates",
];
const UPDATE_KEYS: &[&str] = &[
    "date",
    "status",
    "percent",
    "note",
    "link",
    "completed",
    "extended_to",
    "document",
];
const SIGNER_KEYS: &[&str] = &["on_behalf", "authority", "title", "name"];
const ATTACHMENT_KEYS: &[&str] = &["title", "file"];

/// Reads a file's bytes as text: refuses invalid UTF-8 with its position, drops a BOM,
/// turns CRLF into LF.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            // The valid prefix is UTF-8 by construction.
            let prefix = std::str::from_utf8(valid).unwrap_or_default();
            let line = prefix.matches('\n').count() + 1;
            let col = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            return Err(Diagnostic::error(
                path,
                Some(Pos::new(line, col)),
                tr!(msg::FILE_NOT_UTF8),
            )
            .with_hint(tr!(msg::FILE_NOT_UTF8_HINT))
            .with_source(&String::from_utf8_lossy(e.as_bytes())));
        }
    };
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    })
}

/// Splits `---\n<yaml>---\n<body>`; returns (yaml, body, line where the body starts).
pub fn split_front_matter<'s>(
    path: &Path,
    text: &'s str,
) -> Result<(&'s str, &'s str, usize), Diagnostic> {
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| (text == "---").then_some(""))
    else {
        return Err(
            Diagnostic::error(path, Some(Pos::new(1, 1)), tr!(msg::FRONT_MATTER_MISSING))
                .with_hint(tr!(msg::FRONT_MATTER_MISSING_HINT))
                .with_source(text),
        );
    };
    let mut offset = 0;
    for (i, line) in rest.split_inclusive('\n').enumerate() {
        let bare = line.trim_end_matches('\n').trim_end();
        if bare == "---" || bare == "..." {
            let yaml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Ok((yaml, body, i + 3));
        }
        offset += line.len();
    }
    Err(
        Diagnostic::error(path, Some(Pos::new(1, 1)), tr!(msg::FRONT_MATTER_UNCLOSED))
            .with_hint(tr!(msg::FRONT_MATTER_UNCLOSED_HINT))
            .with_source(text),
    )
}

/// Reads one plan file. `rel` is the path shown in messages; `slug` its address.
pub fn read_plan(
    rel: &Path,
    text: &str,
    slug: String,
    registry: &Registry,
    default_issuer: Option<&str>,
    static_dir: Option<&Path>,
) -> (Option<Plan>, Vec<Diagnostic>) {
    let (yaml_src, body, body_line) = match split_front_matter(rel, text) {
        Ok(s) => s,
        Err(d) => return (None, vec![d]),
    };
    let mut r = Reader::new(rel, text);
    r.static_dir = static_dir;
    let root = match yaml::parse(yaml_src, 2) {
        Ok(n) => n,
        Err(e) => {
            r.error(e.pos, e.message, e.hint);
            return (None, r.diags);
        }
    };
    let mut plan = read_fields(&mut r, &root, body, slug, registry, default_issuer);
    if let Some(p) = &plan {
        body_placeholder(&mut r, p, body_line);
    }
    if let Some(p) = &mut plan {
        use std::hash::{Hash as _, Hasher as _};
        let mut h = std::hash::DefaultHasher::new();
        text.hash(&mut h);
        p.source_hash = h.finish();
    }
    for (pos, why) in review_comments(yaml_src, 2) {
        let message = if why.is_empty() {
            tr!(msg::REVIEW_MARK)
        } else {
            tr!(msg::REVIEW_MARK_WHY, why = why)
        };
        r.warning(pos, message, tr!(msg::REVIEW_MARK_HINT));
    }
    (plan, r.diags)
}

/// The `# kiểm tra lại: <why>` comments of some front matter (whose first line is line
/// `first_line` of the file): where each starts, and its reason. A comment is a `#` at the
/// start of a line or after a space, outside quotes and block scalars; it matches whatever
/// its case and Unicode normalisation ("# KIỂM TRA LẠI", decomposed marks).
pub fn review_comments(yaml: &str, first_line: usize) -> Vec<(Pos, String)> {
    let mut out = Vec::new();
    // Indentation of the key that opened a block scalar (`content: |-`), while inside it.
    let mut block: Option<usize> = None;
    for (i, line) in yaml.lines().enumerate() {
        let mut indent = line.len() - line.trim_start().len();
        // `  - content: |-`: the key sits after the dashes of its list items.
        let mut rest = line.trim_start();
        while let Some(r) = rest.strip_prefix("- ") {
            let r2 = r.trim_start();
            indent += 2 + (r.len() - r2.len());
            rest = r2;
        }
        let own = line.len() - line.trim_start().len();
        if block.is_some_and(|b| line.trim().is_empty() || own > b) {
            continue;
        }
        let Some(at) = comment_start(line) else {
            block = opens_block(line).then_some(indent);
            continue;
        };
        let comment = &line[at + 1..];
        let folded = crate::vi::fold(comment);
        if folded.starts_with("kiem tra lai") {
            // The reason, as written: after the first `:` if any.
            let why = comment
                .split_once(':')
                .map(|(_, w)| crate::vi::clean(w))
                .unwrap_or_default();
            let col = line[..at].chars().count() + 1;
            out.push((Pos::new(first_line + i, col), why));
        }
        block = opens_block(&line[..at]).then_some(indent);
    }
    out
}

/// The byte index of the `#` that starts a comment on this line, outside quotes.
fn comment_start(line: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    let mut prev = ' ';
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match quote {
            Some('"') if c == '\\' => {
                chars.next();
            }
            Some(q) if c == q => {
                if q == '\'' && chars.peek().is_some_and(|(_, n)| *n == '\'') {
                    chars.next();
                } else {
                    quote = None;
                }
            }
            Some(_) => {}
            None if c == '#' && prev.is_whitespace() => return Some(i),
            // A quote opens a quoted scalar only where a value starts.
            None if (c == '"' || c == '\'')
                && (prev.is_whitespace() || matches!(prev, ':' | '[' | ',' | '{' | '-')) =>
            {
                quote = Some(c)
            }
            None => {}
        }
        prev = c;
    }
    None
}

/// A line whose value is a block scalar indicator: `key: |`, `key: >-`, `- |`.
fn opens_block(line: &str) -> bool {
    let t = line.trim_end();
    let last = t.rsplit([' ', '\t']).next().unwrap_or("");
    let before = &t[..t.len() - last.len()];
    !last.is_empty()
        && (last.starts_with('|') || last.starts_with('>'))
        && last[1..]
            .chars()
            .all(|c| matches!(c, '-' | '+' | '1'..='9'))
        && (before.trim_end().ends_with(':') || before.trim_end().ends_with('-'))
}

fn read_fields(
    r: &mut Reader,
    root: &Node,
    body: &str,
    slug: String,
    registry: &Registry,
    default_issuer: Option<&str>,
) -> Option<Plan> {
    let Some(m) = r.map(root, &msg::WHAT_PLAN, PLAN_KEYS) else {
        r.error(
            root.pos,
            tr!(msg::FRONT_MATTER_NOT_MAP),
            tr!(msg::FRONT_MATTER_NOT_MAP_HINT),
        );
        return None;
    };
    let title_pos = get(m, "title").map_or(root.pos, |n| n.pos);
    let title = match get(m, "title")
        .and_then(|n| r.text(n, "title"))
        .filter(|t| !t.is_empty())
    {
        Some(t) => t,
        None => {
            r.error(
                root.pos,
                tr!(msg::PLAN_NO_TITLE),
                tr!(msg::PLAN_NO_TITLE_HINT),
            );
            String::new()
        }
    };
    let number_pos = get(m, "number").map(|n| n.pos);
    let number = get(m, "number")
        .and_then(|n| r.text(n, "number"))
        .filter(|t| !t.is_empty());
    let kind = get(m, "kind")
        .and_then(|n| r.text(n, "kind"))
        .unwrap_or_else(|| "Kế hoạch".to_string());
    let issuer = get(m, "issuer")
        .and_then(|n| r.text(n, "issuer"))
        .or_else(|| default_issuer.map(str::to_string));
    let place = get(m, "place").and_then(|n| r.text(n, "place"));
    let date = get(m, "date").and_then(|n| {
        let t = r.text(n, "date")?;
        if let Some(d) = parse_month(&t) {
            return Some(d);
        }
        read_day(
            r,
            &t,
            n.pos,
            "date",
            &msg::PLAN_DATE_BAD,
            &msg::PLAN_DATE_BAD_HINT,
        )
        .map(|d| {
            use chrono::Datelike;
            DocDate {
                year: d.year(),
                month: d.month(),
                day: Some(d.day()),
            }
        })
    });
    let published = get(m, "published").and_then(|n| {
        let t = r.text(n, "published")?;
        read_day(
            r,
            &t,
            n.pos,
            "published",
            &msg::DAY_BAD,
            &msg::PUBLISHED_HINT,
        )
    });
    let basis = get(m, "basis")
        .map(|n| r.text_list(n, "basis"))
        .unwrap_or_default()
        .into_iter()
        .map(|(t, pos)| {
            placeholder(r, "basis", &t, pos);
            t
        })
        .collect();
    for key in ["title", "place", "issuer"] {
        if let Some(n) = get(m, key)
            && let yaml::Value::Str { text, .. } = &n.value
        {
            placeholder(r, key, &crate::vi::clean(text), n.pos);
        }
    }
    let recipients = get(m, "recipients")
        .map(|n| r.text_list(n, "recipients"))
        .unwrap_or_default()
        .into_iter()
        .map(|(t, _)| t)
        .collect();
    // Each topic once, as first spelled: one matching key made per topic, not per pair.
    let mut topics: Vec<String> = Vec::new();
    let mut topic_keys: HashSet<String> = HashSet::new();
    for (t, _) in get(m, "topics")
        .map(|n| r.text_list(n, "topics"))
        .unwrap_or_default()
    {
        if topic_keys.insert(crate::vi::key(&t)) {
            topics.push(t);
        }
    }
    let signer = get(m, "signer").and_then(|n| {
        let sm = r.map(n, &msg::WHAT_SIGNER, SIGNER_KEYS)?;
        if let Some(v) = get(sm, "name")
            && let yaml::Value::Str { text, .. } = &v.value
        {
            placeholder(r, "name", &crate::vi::clean(text), v.pos);
        }
        let mut field = |k: &str| get(sm, k).and_then(|v| r.text(v, k));
        Some(Signer {
            on_behalf: field("on_behalf"),
            authority: field("authority"),
            title: field("title"),
            name: field("name"),
        })
    });
    let mut attachments = Vec::new();
    if let Some(n) = get(m, "attachments") {
        for item in r.list(n, "attachments") {
            let Some(am) = r.map(item, &msg::WHAT_ATTACHMENT, ATTACHMENT_KEYS) else {
                continue;
            };
            let file = get(am, "file").and_then(|v| r.text(v, "file").map(|t| (t, v.pos)));
            let title = get(am, "title").and_then(|v| r.text(v, "title"));
            match file {
                Some((file, pos)) => {
                    if let Err(why) = check_site_path(&file) {
                        r.error(
                            pos,
                            tr!(msg::ATTACHMENT_BAD_PATH, file = file, why = why.text()),
                            tr!(msg::ATTACHMENT_BAD_PATH_HINT),
                        );
                    } else if r.static_file_exists(pos, &msg::WHAT_ATTACHMENT_FILE, &file) {
                        let title = title.unwrap_or_else(|| {
                            file.rsplit('/').next().unwrap_or(&file).to_string()
                        });
                        let size = r.static_file_size(&file);
                        attachments.push(Attachment { title, file, size });
                    }
                }
                None => r.error(
                    item.pos,
                    tr!(msg::ATTACHMENT_NO_FILE),
                    tr!(msg::ATTACHMENT_NO_FILE_HINT),
                ),
            }
        }
    }
    let numbering =
        match get(m, "numbering").and_then(|n| r.text(n, "numbering").map(|t| (t, n.pos))) {
            None => Numbering::PerGroup,
            Some((t, _)) if t == "per-group" => Numbering::PerGroup,
            Some((t, _)) if t == "continuous" => Numbering::Continuous,
            Some((t, pos)) => {
                r.error(
                    pos,
                    tr!(msg::NUMBERING_BAD, value = t),
                    tr!(msg::NUMBERING_BAD_HINT),
                );
                Numbering::PerGroup
            }
        };
    let appendix_title = get(m, "appendix_title").and_then(|n| r.text_lines(n, "appendix_title"));
    let appendix_note = get(m, "appendix_note").and_then(|n| r.text(n, "appendix_note"));
    let editor_note = get(m, "editor_note").and_then(|n| r.text_lines(n, "editor_note"));
    let stated_total = get(m, "stated_total").and_then(|n| r.number(n, "stated_total", 39));

    let groups = get(m, "tasks")
        .map(|n| read_groups(r, n, numbering, registry))
        .unwrap_or_default();

    let plan = Plan {
        path: r.path.to_path_buf(),
        slug,
        number,
        number_pos,
        title_pos,
        kind,
        title,
        issuer,
        place,
        date,
        basis,
        signer,
        recipients,
        topics,
        published,
        attachments,
        numbering,
        appendix_title,
        appendix_note,
        stated_total,
        editor_note,
        groups,
        body: body.to_string(),
        source_hash: 0,
    };
    check_counts(r, &plan, get(m, "stated_total").map_or(root.pos, |n| n.pos));
    Some(plan)
}

fn read_groups(
    r: &mut Reader,
    node: &Node,
    numbering: Numbering,
    registry: &Registry,
) -> Vec<Group> {
    let items = r.list(node, "tasks");
    let is_group = |n: &Node| match &n.value {
        yaml::Value::Map(m) => m
            .iter()
            .any(|(k, _)| k.name == "group" || k.name == "tasks"),
        _ => false,
    };
    let grouped = items.iter().any(is_group);
    let mut groups = Vec::new();
    let mut counter = 0u32;
    // Each anchor given to a task, with where it was given first.
    let mut ids: HashMap<String, Pos> = HashMap::new();
    if grouped {
        for (gi, item) in items.iter().enumerate() {
            if !is_group(item) {
                r.error(
                    item.pos,
                    tr!(msg::GROUPS_MIXED),
                    tr!(msg::GROUPS_MIXED_HINT),
                );
                continue;
            }
            let Some(gm) = r.map(item, &msg::WHAT_GROUP, GROUP_KEYS) else {
                continue;
            };
            let title = get(gm, "group").and_then(|n| r.text(n, "group"));
            let no = get(gm, "no")
                .and_then(|n| r.text(n, "no"))
                .unwrap_or_else(|| roman(gi + 1));
            if numbering == Numbering::PerGroup {
                counter = 0;
            }
            let tasks = match get(gm, "tasks") {
                Some(n) => read_tasks(r, n, &no, numbering, &mut counter, registry, &mut ids),
                None => Vec::new(),
            };
            groups.push(Group { no, title, tasks });
        }
    } else {
        let tasks = read_tasks(
            r,
            node,
            "",
            Numbering::Continuous,
            &mut counter,
            registry,
            &mut ids,
        );
        if !tasks.is_empty() {
            groups.push(Group {
                no: String::new(),
                title: None,
                tasks,
            });
        }
    }
    groups
}

#[allow(clippy::too_many_arguments)]
fn read_tasks(
    r: &mut Reader,
    node: &Node,
    group_no: &str,
    numbering: Numbering,
    counter: &mut u32,
    registry: &Registry,
    ids: &mut HashMap<String, Pos>,
) -> Vec<Task> {
    let mut tasks = Vec::new();
    for item in r.list(node, "tasks") {
        let Some(tm) = r.map(item, &msg::WHAT_TASK, TASK_KEYS) else {
            continue;
        };
        let content = match get(tm, "content")
            .and_then(|n| r.text_lines(n, "content"))
            .filter(|t| !t.is_empty())
        {
            Some(c) => {
                if let Some(n) = get(tm, "content") {
                    placeholder(r, "content", &c, n.pos);
                }
                c
            }
            None => {
                r.error(
                    item.pos,
                    tr!(msg::TASK_NO_CONTENT),
                    tr!(msg::TASK_NO_CONTENT_HINT),
                );
                String::new()
            }
        };
        let expected = *counter + 1;
        let no = match get(tm, "no").and_then(|n| r.text(n, "no").map(|t| (t, n.pos))) {
            Some((t, pos)) => {
                if let Ok(n) = t.parse::<u32>() {
                    if n > expected {
                        let missing = if n == expected + 1 {
                            format!("{expected}")
                        } else {
                            format!("{expected}–{}", n - 1)
                        };
                        let message = if group_no.is_empty() || numbering == Numbering::Continuous {
                            tr!(msg::TASK_NUMBER_SKIPS, missing = missing)
                        } else {
                            tr!(
                                msg::TASK_NUMBER_SKIPS_IN_GROUP,
                                missing = missing,
                                group = group_no
                            )
                        };
                        r.warning(pos, message, tr!(msg::TASK_NUMBER_SKIPS_HINT));
                    }
                    *counter = n;
                } else if let Ok(major) = t
                    .split(['.', ')'])
                    .next()
                    .unwrap_or("")
                    .trim()
                    .parse::<u32>()
                {
                    // "1.2", "2)": numbered within a numbered item; the next plain number follows the major.
                    *counter = major;
                }
                t
            }
            None => {
                *counter = expected;
                expected.to_string()
            }
        };
        let default_id = if group_no.is_empty() || numbering == Numbering::Continuous {
            format!("nv-{}", crate::vi::slugify(&no))
        } else {
            format!("nv-{}-{}", group_no.to_lowercase(), crate::vi::slugify(&no))
        };
        let id = match get(tm, "id").and_then(|n| r.text(n, "id").map(|t| (t, n.pos))) {
            Some((t, pos)) => {
                if t.is_empty()
                    || !t
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                {
                    r.error(
                        pos,
                        tr!(msg::TASK_ID_BAD, id = t),
                        tr!(msg::TASK_ID_BAD_HINT, fixed = crate::vi::slugify(&t)),
                    );
                }
                (t, pos)
            }
            None => (default_id, item.pos),
        };
        // One look-up per task: a plan of 200,000 tasks is checked in linear time.
        if let Some(first) = ids.get(&id.0) {
            let line = first.line;
            r.error(
                id.1,
                tr!(msg::TASK_ID_TWICE, id = id.0, line = line),
                tr!(msg::TASK_ID_TWICE_HINT),
            );
        }
        ids.entry(id.0.clone()).or_insert(id.1);
        let mentions = |r: &mut Reader, key: &str| -> Vec<UnitMention> {
            let Some(n) = get(tm, key) else {
                return Vec::new();
            };
            let mut out = Vec::new();
            for (text, pos) in r.text_list(n, key) {
                for part in text.split(';') {
                    let part = part.trim().trim_end_matches(['.', ',']).trim();
                    if part.is_empty() {
                        continue;
                    }
                    let (text, unit) = registry.mention(part);
                    out.push(UnitMention { text, pos, unit });
                }
            }
            // Held for the whole build: no room left for pushes that will not come (a first
            // push reserves four).
            out.shrink_to_fit();
            out
        };
        let lead = mentions(r, "lead");
        let support = mentions(r, "support");
        let due = match get(tm, "due").and_then(|n| r.text(n, "due").map(|t| (t, n.pos))) {
            Some((t, pos)) => {
                let d = Deadline::parse(&t);
                if d.kind == DeadlineKind::Unknown {
                    r.warning(
                        pos,
                        tr!(msg::DEADLINE_NOT_UNDERSTOOD, due = t),
                        tr!(msg::DEADLINE_NOT_UNDERSTOOD_HINT),
                    );
                }
                d
            }
            None => Deadline::parse(""),
        };
        let output = get(tm, "output").and_then(|n| r.text(n, "output"));
        let leader = get(tm, "leader").and_then(|n| {
            let t = r.text(n, "leader")?;
            placeholder(r, "leader", &t, n.pos);
            Some(t)
        });
        let updates = get(tm, "updates")
            .map(|n| read_updates(r, n, &due.end))
            .unwrap_or_default();
        tasks.push(Task {
            no,
            id: id.0,
            content,
            lead,
            support,
            due,
            output,
            leader,
            updates,
            pos: item.pos,
        });
    }
    tasks.shrink_to_fit();
    tasks
}

fn read_updates(r: &mut Reader, node: &Node, due_end: &Option<NaiveDate>) -> Vec<Update> {
    let mut out: Vec<Update> = Vec::new();
    for item in r.list(node, "updates") {
        let Some(um) = r.map(item, &msg::WHAT_UPDATE, UPDATE_KEYS) else {
            continue;
        };
        let date_pos = get(um, "date").map_or(item.pos, |n| n.pos);
        let date = match get(um, "date").and_then(|n| r.text(n, "date").map(|t| (t, n.pos))) {
            Some((t, pos)) => read_day(
                r,
                &t,
                pos,
                "date",
                &msg::UPDATE_DATE_BAD,
                &msg::DAY_FORM_HINT,
            ),
            None => {
                r.error(
                    item.pos,
                    tr!(msg::UPDATE_NO_DATE),
                    tr!(msg::UPDATE_NO_DATE_HINT),
                );
                None
            }
        };
        let status = match get(um, "status").and_then(|n| r.text(n, "status").map(|t| (t, n.pos))) {
            Some((t, pos)) => match parse_status(&t) {
                Some(s) => Some(s),
                None => {
                    let hint = match status_suggestion(&t) {
                        Some(s) => tr!(msg::STATUS_DID_YOU_MEAN_HINT, status = s),
                        None => tr!(msg::STATUS_UNKNOWN_HINT),
                    };
                    r.error(pos, tr!(msg::STATUS_UNKNOWN, value = t), hint);
                    None
                }
            },
            None => {
                r.error(
                    item.pos,
                    tr!(msg::UPDATE_NO_STATUS),
                    tr!(msg::STATUS_UNKNOWN_HINT),
                );
                None
            }
        };
        let percent = get(um, "percent").and_then(|n| {
            let v = r.number(n, "percent", 60)?;
            if v > 100 {
                r.error(
                    n.pos,
                    tr!(msg::PERCENT_RANGE, value = v),
                    tr!(msg::PERCENT_RANGE_HINT),
                );
                return None;
            }
            u8::try_from(v).ok()
        });
        let note = get(um, "note").and_then(|n| r.text(n, "note"));
        let link_pos = get(um, "link").map(|n| n.pos);
        let link = get(um, "link").and_then(|n| {
            let t = r.text(n, "link")?;
            if let Err(why) = check_link(&t) {
                r.error(
                    n.pos,
                    tr!(msg::LINK_BAD, link = t, why = why.text()),
                    tr!(msg::LINK_BAD_HINT),
                );
                return None;
            }
            // A link to a page of the portal (`/ke-hoach/<slug>/`) is checked once every plan
            // is known (site::load); any other in-site path names a file under static/.
            if crate::urls::strip_plan_link(&t).is_none()
                && !t.contains("://")
                && !t.starts_with("mailto:")
                && !r.static_file_exists(n.pos, &msg::WHAT_LINK_FILE, &t)
            {
                return None;
            }
            Some(t)
        });
        let completed = get(um, "completed").and_then(|n| {
            let t = r.text(n, "completed")?;
            read_day(
                r,
                &t,
                n.pos,
                "completed",
                &msg::DAY_BAD,
                &msg::DAY_FORM_HINT,
            )
            .map(|d| (d, n.pos))
        });
        let extended_to = get(um, "extended_to").and_then(|n| {
            let t = r.text(n, "extended_to")?;
            let d = Deadline::parse(&t);
            if !d.kind.is_dated() {
                r.error(
                    n.pos,
                    tr!(msg::EXTENDED_TO_BAD, value = t),
                    tr!(msg::EXTENDED_TO_BAD_HINT),
                );
                return None;
            }
            Some((d, n.pos))
        });
        let document = get(um, "document").and_then(|n| r.text(n, "document"));
        if let (Some((_, pos)), None) = (&extended_to, &document) {
            r.warning(
                *pos,
                tr!(msg::EXTENSION_NO_DOCUMENT),
                tr!(msg::EXTENSION_NO_DOCUMENT_HINT),
            );
        }
        if let (Some((_, pos)), Some(s)) = (&completed, status)
            && s != Status::Done
        {
            r.warning(
                *pos,
                tr!(msg::COMPLETED_NOT_DONE),
                tr!(msg::COMPLETED_NOT_DONE_HINT),
            );
        }
        if let (Some((day, pos)), Some(date)) = (&completed, date)
            && *day > date
        {
            r.error(
                *pos,
                tr!(msg::COMPLETED_AFTER_UPDATE, day = day, date = date),
                tr!(msg::COMPLETED_AFTER_UPDATE_HINT),
            );
        }
        if let (Some(date), Some(status)) = (date, status) {
            if let Some(prev) = out.last().filter(|p| p.date > date) {
                r.warning(
                    item.pos,
                    tr!(msg::UPDATE_OUT_OF_ORDER, date = date, prev = prev.date),
                    tr!(msg::UPDATE_OUT_OF_ORDER_HINT),
                );
            }
            if let Some((to, pos)) = &extended_to {
                // The deadline in force before this update: the last extension, or the task's.
                let before = out.iter().rev().find_map(|u| u.extended_to.as_ref());
                if let (Some(old_end), Some(new_end)) = (before.map_or(*due_end, |d| d.end), to.end)
                    && new_end < old_end
                {
                    r.warning(
                        *pos,
                        tr!(
                            msg::EXTENSION_BACKWARDS,
                            from = old_end.format("%d/%m/%Y"),
                            to = new_end.format("%d/%m/%Y")
                        ),
                        tr!(msg::EXTENSION_BACKWARDS_HINT),
                    );
                }
            }
            out.push(Update {
                date,
                date_pos,
                status,
                percent,
                note,
                link,
                link_pos,
                completed: completed.map(|(d, _)| d),
                extended_to: extended_to.map(|(d, _)| Box::new(d)),
                document,
            });
        }
    }
    out.shrink_to_fit();
    out
}

/// Warns when the document's stated total differs from the tasks transcribed.
fn check_counts(r: &mut Reader, plan: &Plan, pos: Pos) {
    if let Some(stated) = plan.stated_total {
        let n = plan.task_count();
        if n != stated as usize {
            r.warning(
                pos,
                tr!(msg::STATED_TOTAL_DIFFERS, stated = stated, count = n),
                tr!(msg::STATED_TOTAL_DIFFERS_HINT),
            );
        }
    }
}

pub fn parse_status(t: &str) -> Option<Status> {
    if let Some(s) = Status::parse(t) {
        return Some(s);
    }
    match crate::vi::fold(t).as_str() {
        "chua thuc hien" | "chua bat dau" => Some(Status::NotStarted),
        "dang thuc hien" => Some(Status::InProgress),
        "hoan thanh" | "da hoan thanh" => Some(Status::Done),
        "huy" | "da huy" | "dung thuc hien" | "khong thuc hien" => Some(Status::Cancelled),
        _ => None,
    }
}

/// A status the files do not accept but that a clerk may write for one they do (`xong`
/// for `hoàn thành`), or a near miss of one: the status to suggest, never accepted as is.
fn status_suggestion(t: &str) -> Option<&'static str> {
    const DONE: &str = "hoàn thành";
    const IN_PROGRESS: &str = "đang thực hiện";
    const NOT_STARTED: &str = "chưa thực hiện";
    const CANCELLED: &str = "dừng thực hiện";
    let folded = crate::vi::fold(t);
    let folded = folded.trim().trim_end_matches(['.', '!']);
    Some(match folded {
        "xong" | "da xong" | "xong roi" | "hoan tat" | "da hoan tat" | "da thuc hien"
        | "da thuc hien xong" | "da lam xong" | "dat" | "complete" | "completed" | "finished" => {
            DONE
        }
        "dang lam" | "dang trien khai" | "dang tien hanh" | "dang xu ly" | "chua xong"
        | "chua hoan thanh" | "in progress" => IN_PROGRESS,
        "chua lam" | "chua trien khai" | "chua" | "not started" => NOT_STARTED,
        "dung" | "tam dung" | "da dung" | "huy bo" | "bo" | "canceled" => CANCELLED,
        _ => {
            let accepted = [NOT_STARTED, IN_PROGRESS, DONE, CANCELLED];
            let codes = Status::ALL.map(Status::code);
            return crate::diag::nearest(t, accepted.into_iter().chain(codes));
        }
    })
}

/// How a day is written in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Day {
    /// `2025-11-27`, the form of the files.
    Iso(NaiveDate),
    /// `27/11/2025` (or `5/3/2026`), as documents write it: read, with a warning.
    DayMonthYear(NaiveDate),
    /// Three numbers that make no day (`31/11/2025`, `2025-13-01`): year, month, day.
    NotADay(i32, u32, u32),
    /// Anything else.
    Unreadable,
}

impl Day {
    pub fn read(t: &str) -> Day {
        let t = t.trim();
        let num = |s: &str| {
            (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse::<u32>().ok())
                .flatten()
        };
        let parts: Vec<&str> = t.split(['-', '/']).collect();
        let (iso, sep_ok) = if t.contains('-') && !t.contains('/') {
            (true, true)
        } else {
            (false, t.contains('/') && !t.contains('-'))
        };
        let &[a, b, c] = parts.as_slice() else {
            return Day::Unreadable;
        };
        let (Some(a), Some(b), Some(c)) = (num(a), num(b), num(c)) else {
            return Day::Unreadable;
        };
        let (y, m, d, year_len) = if iso {
            (a, b, c, parts[0].len())
        } else {
            (c, b, a, parts[2].len())
        };
        if !sep_ok || year_len != 4 || (iso && (parts[1].len() > 2 || parts[2].len() > 2)) {
            return Day::Unreadable;
        }
        match NaiveDate::from_ymd_opt(y as i32, m, d) {
            Some(day) if iso => Day::Iso(day),
            Some(day) => Day::DayMonthYear(day),
            None => Day::NotADay(y as i32, m, d),
        }
    }
}

/// `2025-10-07` or `07/10/2025`.
pub fn parse_day(t: &str) -> Option<NaiveDate> {
    match Day::read(t) {
        Day::Iso(d) | Day::DayMonthYear(d) => Some(d),
        _ => None,
    }
}

/// The number of days of a month.
pub fn month_days(year: i32, month: u32) -> u32 {
    (28..=31)
        .rev()
        .find(|&d| NaiveDate::from_ymd_opt(year, month, d).is_some())
        .unwrap_or(31)
}

/// Reads the day `t` of `field` at `pos`: a `dd/mm/yyyy` day is read with a warning that
/// shows it as `yyyy-mm-dd`; a value that is no day is an error `bad` whose hint says why
/// (`tháng 11 chỉ có 30 ngày`) and shows the value corrected, or `hint` when it cannot tell.
fn read_day(
    r: &mut Reader,
    t: &str,
    pos: Pos,
    field: &str,
    bad: &Msg,
    hint: &Msg,
) -> Option<NaiveDate> {
    use chrono::Datelike;
    match Day::read(t) {
        Day::Iso(d) => Some(d),
        Day::DayMonthYear(d) => {
            r.warning(
                pos,
                tr!(msg::DAY_WRITTEN_DMY, field = field, value = t),
                tr!(
                    msg::DAY_WRITTEN_DMY_HINT,
                    day = d.day(),
                    month = d.month(),
                    year = d.year(),
                    field = field,
                    iso = d.format("%Y-%m-%d")
                ),
            );
            Some(d)
        }
        Day::NotADay(y, m, d) => {
            let hint = if !(1..=12).contains(&m) {
                match NaiveDate::from_ymd_opt(y, d, m) {
                    Some(swapped) => tr!(
                        msg::DAY_NO_SUCH_MONTH_SWAPPED_HINT,
                        month = m,
                        field = field,
                        fixed = swapped.format("%Y-%m-%d")
                    ),
                    None => tr!(msg::DAY_NO_SUCH_MONTH_HINT, month = m, field = field),
                }
            } else if d == 0 {
                tr!(*hint, field = field)
            } else {
                let days = month_days(y, m);
                let fixed = format!("{y}-{m:02}-{days:02}");
                if m == 2 {
                    tr!(
                        msg::DAY_FEBRUARY_HINT,
                        year = y,
                        days = days,
                        field = field,
                        fixed = fixed
                    )
                } else {
                    tr!(
                        msg::DAY_MONTH_LENGTH_HINT,
                        month = m,
                        days = days,
                        field = field,
                        fixed = fixed
                    )
                }
            };
            r.error(pos, tr!(*bad, field = field, value = t), hint);
            None
        }
        Day::Unreadable => {
            r.error(
                pos,
                tr!(*bad, field = field, value = t),
                tr!(*hint, field = field),
            );
            None
        }
    }
}

/// The values `kehoach new plan` writes for the editor to replace (src/scaffold/plan.md),
/// by field: a plan published with one of them would show the skeleton's words.
pub const PLACEHOLDERS: &[(&str, &str)] = &[
    ("title", "Tên kế hoạch"),
    ("place", "Địa danh"),
    ("issuer", "UBND xã Mẫu"),
    ("basis", "Căn cứ …"),
    ("name", "Nguyễn Văn A"),
    ("content", "Nội dung nhiệm vụ"),
    ("leader", "Đ/c Nguyễn Văn A – Phó Chủ tịch UBND xã"),
];

/// The skeleton's prose that stands for the document's.
pub const BODY_PLACEHOLDER: &str = "Nội dung kế hoạch viết bằng Markdown.";

/// An error when `value` of `field` (at `pos`) is still the skeleton's placeholder.
fn placeholder(r: &mut Reader, field: &str, value: &str, pos: Pos) {
    let key = crate::vi::key(value);
    let is = PLACEHOLDERS
        .iter()
        .any(|(f, p)| *f == field && crate::vi::key(p) == key);
    // The skeleton's name, wherever a person is named ("Đ/c Nguyễn Văn A – …"), but not a
    // real "Nguyễn Văn An".
    let named = matches!(field, "name" | "leader")
        && key
            .match_indices(&crate::vi::key("Nguyễn Văn A"))
            .any(|(i, m)| {
                !key[i + m.len()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
            });
    if is || named {
        r.error(
            pos,
            tr!(msg::PLAN_PLACEHOLDER, field = field, value = value),
            tr!(msg::PLAN_PLACEHOLDER_HINT),
        );
    }
}

/// An error when the prose still holds the skeleton's placeholder paragraph.
fn body_placeholder(r: &mut Reader, plan: &Plan, body_line: usize) {
    if let Some(i) = plan.body.lines().position(|l| l.trim() == BODY_PLACEHOLDER) {
        r.error(
            Pos::new(body_line + i, 1),
            tr!(msg::PLAN_PLACEHOLDER_BODY, value = BODY_PLACEHOLDER),
            tr!(msg::PLAN_PLACEHOLDER_BODY_HINT),
        );
    }
}

/// `2025-10`: a plan's date while its day is blank.
fn parse_month(t: &str) -> Option<DocDate> {
    let (y, m) = t.split_once('-')?;
    let (year, month) = (y.parse::<i32>().ok()?, m.parse::<u32>().ok()?);
    (y.len() == 4 && (1..=12).contains(&month)).then_some(DocDate {
        year,
        month,
        day: None,
    })
}

/// A path in the content that must point inside the site: `/files/x.pdf` or `files/x.pdf`.
pub fn check_site_path(p: &str) -> Result<(), &'static Msg> {
    if p.contains("://") || p.starts_with("//") || p.contains(':') {
        return Err(&msg::PATH_IS_ADDRESS);
    }
    if p.contains('\\') {
        return Err(&msg::PATH_BACKSLASH);
    }
    if p.split('/').any(|s| s == ".." || s == ".") {
        return Err(&msg::PATH_OUTSIDE);
    }
    if p.trim_matches('/').is_empty() {
        return Err(&msg::PATH_EMPTY);
    }
    Ok(())
}

/// A link in the content: a path inside the site, or an http(s)/mailto address.
pub fn check_link(p: &str) -> Result<(), &'static Msg> {
    let lower = p.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:")
    {
        return Ok(());
    }
    check_site_path(p)
}

pub fn roman(mut n: usize) -> String {
    const TABLE: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in TABLE {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Option<Plan>, Vec<Diagnostic>) {
        read_plan(
            Path::new("a.md"),
            text,
            "a".into(),
            &Registry::default(),
            None,
            None,
        )
    }

    #[test]
    fn each_repeated_anchor_names_the_first() {
        let (_, d) = read(
            "---\ntitle: A\ntasks:\n  - content: x\n  - content: y\n    no: 1\n  - content: z\n    id: nv-1\n---\n",
        );
        let got: Vec<String> = d.iter().map(Diagnostic::headline).collect();
        assert_eq!(
            got,
            [
                "a.md:5:5: error: two tasks of this plan have the anchor `nv-1` (the other is on line 4)",
                "a.md:8:9: error: two tasks of this plan have the anchor `nv-1` (the other is on line 4)",
            ]
        );
    }

    #[test]
    fn topics_are_kept_once_in_linear_time() {
        let (p, _) = read("---\ntitle: A\ntopics: [Văn hoá, văn hóa, Y tế, VĂN HÓA]\n---\n");
        assert_eq!(p.unwrap().topics, ["Văn hoá", "Y tế"]);
        crate::scaling::assert_linear(
            "topics",
            64,
            |n| {
                let topics: Vec<String> = (0..n).map(|i| format!("Lĩnh vực {i}")).collect();
                format!("---\ntitle: A\ntopics: [{}]\n---\n", topics.join(", "))
            },
            |t| {
                read(t);
            },
        );
    }

    #[test]
    fn task_anchors_are_checked_in_linear_time() {
        let plan = |tasks: String| format!("---\ntitle: A\ntasks:\n{tasks}---\n");
        crate::scaling::assert_linear(
            "distinct anchors",
            256,
            |n| plan("  - content: x\n".repeat(n)),
            |t| {
                read(t);
            },
        );
        // Every task after the first repeats its anchor: one error each, with its line.
        crate::scaling::assert_linear(
            "repeated anchors",
            256,
            |n| plan("  - content: x\n    id: a\n".repeat(n)),
            |t| {
                assert!(!read(t).1.is_empty());
            },
        );
    }
}
