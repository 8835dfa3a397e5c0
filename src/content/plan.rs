//! One plan file: front matter split, YAML tree, typed [`Plan`].

use super::reader::{Reader, get};
use super::units::Registry;
use super::yaml::{self, Node};
use super::{
    Attachment, DocDate, Group, Numbering, Plan, Signer, Status, Task, UnitMention, Update,
};
use crate::diag::{Diagnostic, Pos};
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
            return Err(Diagnostic::error(path, Some(Pos::new(line, col)), "the file is not valid UTF-8 text")
                .with_hint("save the file with the UTF-8 encoding (in Word or Notepad: Save As → Encoding: UTF-8)")
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
        return Err(Diagnostic::error(path, Some(Pos::new(1, 1)), "the file does not start with front matter")
            .with_hint("begin the file with a line `---`, the plan's fields (`title: …`), and another line `---`; the prose follows")
            .with_source(text));
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
        Diagnostic::error(path, Some(Pos::new(1, 1)), "the front matter is not closed")
            .with_hint("add a line `---` after the last field, before the plan's prose")
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
    let (yaml_src, body, _) = match split_front_matter(rel, text) {
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
    if let Some(p) = &mut plan {
        use std::hash::{Hash as _, Hasher as _};
        let mut h = std::hash::DefaultHasher::new();
        text.hash(&mut h);
        p.source_hash = h.finish();
    }
    for (pos, why) in review_comments(yaml_src, 2) {
        let message = if why.is_empty() {
            "marked `# kiểm tra lại` (to be checked) by the importer".to_string()
        } else {
            format!("marked `# kiểm tra lại` (to be checked): {why}")
        };
        r.warning(
            pos,
            message,
            "compare this value with the signed document, correct it if needed, then delete the comment `# kiểm tra lại …`",
        );
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
    let Some(m) = r.map(root, "a plan", PLAN_KEYS) else {
        r.error(
            root.pos,
            "the front matter must be a map of `key: value` lines",
            "start with `title: …`",
        );
        return None;
    };
    let title = match get(m, "title")
        .and_then(|n| r.text(n, "title"))
        .filter(|t| !t.is_empty())
    {
        Some(t) => t,
        None => {
            r.error(root.pos, "the plan has no `title`", "add `title: …` with the plan's trích yếu, e.g. `title: Thực hiện Nghị quyết số 268/NQ-CP …`");
            String::new()
        }
    };
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
        let d = parse_doc_date(&t);
        if d.is_none() {
            r.error(n.pos, format!("`date` must be YYYY-MM-DD or YYYY-MM, found `{t}`"), "write the day of issue as `date: 2025-10-07`, or `date: 2025-10` while the day is blank");
        }
        d
    });
    let published = get(m, "published").and_then(|n| {
        let t = r.text(n, "published")?;
        let d = chrono::NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d").ok();
        if d.is_none() {
            r.error(n.pos, format!("`published` must be a day like 2025-10-08, found `{t}`"), "write the day the plan was first published on the portal as `published: 2025-10-08`, or leave it out: the first build that publishes the plan records that day");
        }
        d
    });
    let basis = get(m, "basis")
        .map(|n| r.text_list(n, "basis"))
        .unwrap_or_default()
        .into_iter()
        .map(|(t, _)| t)
        .collect();
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
        let sm = r.map(n, "signer", SIGNER_KEYS)?;
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
            let Some(am) = r.map(item, "an attachment", ATTACHMENT_KEYS) else {
                continue;
            };
            let file = get(am, "file").and_then(|v| r.text(v, "file").map(|t| (t, v.pos)));
            let title = get(am, "title").and_then(|v| r.text(v, "title"));
            match file {
                Some((file, pos)) => {
                    if let Err(why) = check_site_path(&file) {
                        r.error(pos, format!("attachment `{file}` {why}"), "put the file under `static/` and write its path from the site root, e.g. `/files/66-kh-ubnd.pdf`");
                    } else if r.static_file_exists(pos, "attachment", &file) {
                        let title = title.unwrap_or_else(|| {
                            file.rsplit('/').next().unwrap_or(&file).to_string()
                        });
                        let size = r.static_file_size(&file);
                        attachments.push(Attachment { title, file, size });
                    }
                }
                None => r.error(
                    item.pos,
                    "an attachment needs a `file`",
                    "write `{ title: Bản ký số, file: /files/66-kh-ubnd.pdf }`",
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
                    format!("`numbering` must be `per-group` or `continuous`, found `{t}`"),
                    "use `continuous` when the document numbers tasks 1..N across groups",
                );
                Numbering::PerGroup
            }
        };
    let appendix_title = get(m, "appendix_title").and_then(|n| r.text_lines(n, "appendix_title"));
    let appendix_note = get(m, "appendix_note").and_then(|n| r.text(n, "appendix_note"));
    let editor_note = get(m, "editor_note").and_then(|n| r.text_lines(n, "editor_note"));
    let stated_total = get(m, "stated_total").and_then(|n| r.number(n, "stated_total"));

    let groups = get(m, "tasks")
        .map(|n| read_groups(r, n, numbering, registry))
        .unwrap_or_default();

    let plan = Plan {
        path: r.path.to_path_buf(),
        slug,
        number,
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
                r.error(item.pos, "this list mixes groups and tasks: this item is a task but others are groups", "put this task inside a group's `tasks:`, or remove the groups and list all tasks flat");
                continue;
            }
            let Some(gm) = r.map(item, "a group", GROUP_KEYS) else {
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
        let Some(tm) = r.map(item, "a task", TASK_KEYS) else {
            continue;
        };
        let content = match get(tm, "content")
            .and_then(|n| r.text_lines(n, "content"))
            .filter(|t| !t.is_empty())
        {
            Some(c) => c,
            None => {
                r.error(
                    item.pos,
                    "a task has no `content`",
                    "write what is to be done as `content: …`",
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
                        let place = if group_no.is_empty() || numbering == Numbering::Continuous {
                            String::new()
                        } else {
                            format!(" in group {group_no}")
                        };
                        r.warning(pos, format!("task numbering skips {missing}{place}"), "this is fine when the signed document skips it too; otherwise renumber the tasks");
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
                        format!("task `id` `{t}` may only contain a–z, 0–9 and `-`"),
                        format!("for example `id: {}`", crate::vi::slugify(&t)),
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
                format!(
                    "two tasks of this plan have the anchor `{}` (the other is on line {line})",
                    id.0
                ),
                "give one of them a different `no:` or an explicit `id:`",
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
                        format!("the deadline `{t}` is not understood: it is shown as written but cannot be sorted, filtered, marked overdue or put in the calendar"),
                        "write it as the plans do, e.g. `Tháng 12/2025`, `Quý III-IV/2025`, `trước ngày 10/12/2025`, `Năm 2026`, `Thường xuyên`, `Sau khi có hướng dẫn của …` (docs/format.md lists every form)",
                    );
                }
                d
            }
            None => Deadline::parse(""),
        };
        let output = get(tm, "output").and_then(|n| r.text(n, "output"));
        let leader = get(tm, "leader").and_then(|n| r.text(n, "leader"));
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
        let Some(um) = r.map(item, "an update", UPDATE_KEYS) else {
            continue;
        };
        let date = match get(um, "date").and_then(|n| r.text(n, "date").map(|t| (t, n.pos))) {
            Some((t, pos)) => match parse_day(&t) {
                Some(d) => Some(d),
                None => {
                    r.error(
                        pos,
                        format!("update `date` must be a day like 2025-11-20, found `{t}`"),
                        "write `date: 2025-11-20`",
                    );
                    None
                }
            },
            None => {
                r.error(
                    item.pos,
                    "an update needs a `date`",
                    "write `date: 2025-11-20`",
                );
                None
            }
        };
        let status = match get(um, "status").and_then(|n| r.text(n, "status").map(|t| (t, n.pos))) {
            Some((t, pos)) => match parse_status(&t) {
                Some(s) => Some(s),
                None => {
                    r.error(
                        pos,
                        format!("unknown status `{t}`"),
                        "use one of not_started, in_progress, done, cancelled",
                    );
                    None
                }
            },
            None => {
                r.error(
                    item.pos,
                    "an update needs a `status`",
                    "use one of not_started, in_progress, done, cancelled",
                );
                None
            }
        };
        let percent = get(um, "percent").and_then(|n| {
            let v = r.number(n, "percent")?;
            if v > 100 {
                r.error(
                    n.pos,
                    format!("`percent` must be 0–100, found {v}"),
                    "write the share of the task done, e.g. `percent: 60`",
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
                    format!("link `{t}` {why}"),
                    "link to a file under `static/` (`/files/bc-12.pdf`) or to an http(s) address",
                );
                return None;
            }
            // A link to a page of the portal (`/ke-hoach/<slug>/`) is checked once every plan
            // is known (site::load); any other in-site path names a file under static/.
            if crate::urls::strip_plan_link(&t).is_none()
                && !t.contains("://")
                && !t.starts_with("mailto:")
                && !r.static_file_exists(n.pos, "link", &t)
            {
                return None;
            }
            Some(t)
        });
        let completed = get(um, "completed").and_then(|n| {
            let t = r.text(n, "completed")?;
            match parse_day(&t) {
                Some(d) => Some((d, n.pos)),
                None => {
                    r.error(
                        n.pos,
                        format!("`completed` must be a day like 2025-11-20, found `{t}`"),
                        "write the day the task was completed: `completed: 2025-11-20`",
                    );
                    None
                }
            }
        });
        let extended_to = get(um, "extended_to").and_then(|n| {
            let t = r.text(n, "extended_to")?;
            let d = Deadline::parse(&t);
            if !d.kind.is_dated() {
                r.error(
                    n.pos,
                    format!("`extended_to` must be a deadline with a day, month, quarter or year, found `{t}`"),
                    "write the new deadline as the document sets it: `extended_to: Tháng 6/2026` or `extended_to: 30/6/2026`",
                );
                return None;
            }
            Some((d, n.pos))
        });
        let document = get(um, "document").and_then(|n| r.text(n, "document"));
        if let (Some((_, pos)), None) = (&extended_to, &document) {
            r.warning(
                *pos,
                "a deadline extension cites no document",
                "add the number of the document that extended it: `document: 25/QĐ-UBND`",
            );
        }
        if let (Some((_, pos)), Some(s)) = (&completed, status)
            && s != Status::Done
        {
            r.warning(
                *pos,
                "`completed` is on an update that does not say `done`",
                "write `completed:` on the update with `status: done`",
            );
        }
        if let (Some((day, pos)), Some(date)) = (&completed, date)
            && *day > date
        {
            r.error(
                *pos,
                format!(
                    "the task is said completed on {day}, after the update that reports it ({date})"
                ),
                "a task is completed on or before the day it is reported: check both dates",
            );
        }
        if let (Some(date), Some(status)) = (date, status) {
            if let Some(prev) = out.last().filter(|p| p.date > date) {
                r.warning(
                    item.pos,
                    format!(
                        "this update ({date}) is older than the one before it ({})",
                        prev.date
                    ),
                    "list updates oldest first: the last one is the task's status",
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
                        format!(
                            "this extension moves the deadline backwards, from {} to {}",
                            old_end.format("%d/%m/%Y"),
                            new_end.format("%d/%m/%Y")
                        ),
                        "an extension (gia hạn) gives more time: check the new deadline against the document",
                    );
                }
            }
            out.push(Update {
                date,
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
            r.warning(pos, format!("the document states {stated} tasks but its table has {n}"), "keep both when the signed document itself differs; otherwise add the missing tasks");
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

/// `2025-10-07` (or `07/10/2025`).
pub fn parse_day(t: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%d/%m/%Y"))
        .ok()
}

fn parse_doc_date(t: &str) -> Option<DocDate> {
    if let Some(d) = parse_day(t) {
        use chrono::Datelike;
        return Some(DocDate {
            year: d.year(),
            month: d.month(),
            day: Some(d.day()),
        });
    }
    let (y, m) = t.split_once('-')?;
    let (year, month) = (y.parse::<i32>().ok()?, m.parse::<u32>().ok()?);
    (y.len() == 4 && (1..=12).contains(&month)).then_some(DocDate {
        year,
        month,
        day: None,
    })
}

/// A path in the content that must point inside the site: `/files/x.pdf` or `files/x.pdf`.
pub fn check_site_path(p: &str) -> Result<(), &'static str> {
    if p.contains("://") || p.starts_with("//") || p.contains(':') {
        return Err("must be a path inside the site, not an address");
    }
    if p.contains('\\') {
        return Err("uses `\\`; write paths with `/`");
    }
    if p.split('/').any(|s| s == ".." || s == ".") {
        return Err("goes outside the site (`..` is not allowed)");
    }
    if p.trim_matches('/').is_empty() {
        return Err("is empty");
    }
    Ok(())
}

/// A link in the content: a path inside the site, or an http(s)/mailto address.
pub fn check_link(p: &str) -> Result<(), &'static str> {
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
