//! `kehoach import`: a plan as it exists today — the signed Word file, or its task table
//! pasted from Word or Excel as tab-separated text — turned into a plan file for the
//! editorial board to review.
//!
//! Stages: [`docx`] (OOXML → paragraphs and tables, merged cells resolved) or [`tsv`] (text →
//! a grid) → [`structure`] (the parts of a plan as Nghị định 30/2020 lays them out) and
//! [`table`] (a grid → groups of tasks, columns recognised by meaning) → [`emit`] (YAML
//! front matter + Markdown). Whatever the importer is unsure of is marked
//! `# kiểm tra lại: <why>` on its line, and `kehoach check` lists those comments as warnings
//! until the editor removes them. The result is read back with the project's own reader
//! before it is written.
//!
//! Every input is read through `Read::take` up to its limit and refused when more arrives:
//! the size a file system reports is not trusted (`/dev/zero`, a pipe or a file still being
//! written report none or another one). The stages below are bounded in turn by what they
//! are given (see [`docx`], [`tsv`] and [`table`]).

pub mod docx;
pub mod emit;
pub mod structure;
pub mod table;
pub mod tsv;

use crate::content::units::Registry;
use crate::diag::Diagnostic;
use crate::{msg, tr};
use emit::{ImportedPlan, Noted};
use std::io::Read;
use std::path::{Path, PathBuf};

/// A table given as text (a file or standard input) larger than this is refused: a 500-row
/// table is about 200 KB.
pub const MAX_TEXT_BYTES: u64 = 16 * 1024 * 1024;

/// What `kehoach import` was asked to do.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The .docx or tab-separated file; `-` reads the table from standard input.
    pub input: PathBuf,
    /// Where to write the plan; `-` = standard output. Default: a new file under
    /// `content/plans/<year>/` named from the plan's place and number.
    pub output: Option<PathBuf>,
    /// Overwrite an existing output file.
    pub force: bool,
    /// The site folder (holds `content/units.yaml`, where plans are written by default).
    pub root: PathBuf,
    /// Add the tasks at the end of this plan's `tasks:` instead of writing a new plan.
    pub append: Option<PathBuf>,
}

/// Where the result went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    File(PathBuf),
    /// The plan's text, for the caller to print.
    Stdout(String),
}

/// What an import did, for the command line to tell.
#[derive(Debug, Clone)]
pub struct ImportReport {
    pub written: Written,
    pub tasks: usize,
    pub groups: usize,
    /// `# kiểm tra lại` comments in what was written.
    pub review_comments: usize,
    /// Things the editor should know (unknown units with the closest one …).
    pub warnings: Vec<Diagnostic>,
    /// The plan written was read back and has these errors (a bug of the importer).
    pub problems: Vec<Diagnostic>,
}

enum Input {
    Docx(Vec<u8>),
    Text(String),
}

/// Runs an import. `stdin` is read when the input is `-`.
pub fn run(opts: &ImportOptions, stdin: &mut dyn Read) -> Result<ImportReport, Diagnostic> {
    let (registry, mut warnings) = load_registry(&opts.root);
    let input = read_input(&opts.input, stdin)?;
    let from_table;
    let mut plan = match input {
        Input::Docx(bytes) => {
            from_table = false;
            let doc = docx::read(&bytes).map_err(|e| {
                let hint = e.hint();
                Diagnostic::error(&opts.input, None, e.to_string()).with_hint(hint)
            })?;
            structure::analyse(&doc, &registry).map_err(|e| {
                Diagnostic::error(&opts.input, None, e.to_string()).with_hint(e.hint())
            })?
        }
        Input::Text(text) => {
            from_table = true;
            let grid = tsv::parse(&text).map_err(|e| {
                Diagnostic::error(&opts.input, Some(e.pos()), e.to_string())
                    .with_hint(e.hint())
                    .with_source(&text)
            })?;
            let mut tasks = table::TaskTable::default();
            let found = table::read_tasks(&grid, &registry, &mut tasks).map_err(|e| {
                Diagnostic::error(&opts.input, None, e.to_string()).with_hint(e.hint())
            })?;
            if !found {
                return Err(no_header(&opts.input, &grid));
            }
            skeleton(&opts.input, tasks)
        }
    };
    if plan.tasks.grouped {
        plan.tasks
            .groups
            .retain(|g| !(g.tasks.is_empty() && g.title.is_empty()));
    }
    if let Some(target) = &opts.append {
        return append(opts, target, &plan, &registry, warnings);
    }
    let (text, report) = emit::plan_file(&plan, &registry);
    check_size(&opts.input, &text)?;
    warnings.extend(unit_warnings(&opts.input, &report));
    let out = match &opts.output {
        Some(p) if p.as_os_str() == "-" => None,
        Some(p) => Some(p.clone()),
        None if opts.input.as_os_str() == "-" => None,
        // Relative to the site as `check` names files (`content/plans/…`, not `./content/…`).
        None => Some(match default_path(&plan, &opts.input, from_table) {
            p if opts.root == Path::new(".") => p,
            p => opts.root.join(p),
        }),
    };
    let shown = out.clone().unwrap_or_else(|| PathBuf::from("-"));
    let problems = read_back(&shown, &text, &registry);
    let written = match out {
        None => Written::Stdout(text),
        Some(path) => {
            if path.exists() && !opts.force {
                return Err(Diagnostic::error(&path, None, tr!(msg::IMPORT_FILE_EXISTS))
                    .with_hint(tr!(msg::IMPORT_FILE_EXISTS_HINT)));
            }
            write_file(&path, &text)?;
            Written::File(path)
        }
    };
    Ok(ImportReport {
        written,
        tasks: plan.tasks.task_count(),
        groups: if plan.tasks.grouped {
            plan.tasks.groups.len()
        } else {
            0
        },
        review_comments: report.review_comments,
        warnings,
        problems,
    })
}

fn load_registry(root: &Path) -> (Registry, Vec<Diagnostic>) {
    let rel = Path::new("content/units.yaml");
    let limit = crate::content::plan::MAX_FILE_BYTES;
    match read_limited(&root.join(rel), limit) {
        Ok(None) => (
            Registry::default(),
            vec![
                Diagnostic::error(
                    rel,
                    None,
                    tr!(msg::IMPORT_UNITS_TOO_LARGE, mb = limit / (1024 * 1024)),
                )
                .with_hint(tr!(msg::IMPORT_UNITS_TOO_LARGE_HINT)),
            ],
        ),
        Ok(Some(bytes)) => match crate::content::plan::decode(rel, bytes) {
            Ok(text) => {
                let (reg, d) = Registry::read(rel, &text);
                let errors: Vec<Diagnostic> = d.into_iter().filter(|d| d.is_error()).collect();
                (reg, errors)
            }
            Err(d) => (Registry::default(), vec![d]),
        },
        Err(_) => (
            Registry::default(),
            vec![
                Diagnostic::warning(rel, None, tr!(msg::IMPORT_NO_REGISTRY))
                    .with_hint(tr!(msg::IMPORT_NO_REGISTRY_HINT)),
            ],
        ),
    }
}

fn read_input(path: &Path, stdin: &mut dyn Read) -> Result<Input, Diagnostic> {
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        stdin
            .take(MAX_TEXT_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| {
                Diagnostic::error("-", None, tr!(msg::IMPORT_STDIN_UNREADABLE, error = e))
            })?;
        if bytes.len() as u64 > MAX_TEXT_BYTES {
            return Err(too_large(path));
        }
        return Ok(Input::Text(decode_text(path, bytes)?));
    }
    let cannot = |e: std::io::Error| {
        Diagnostic::error(
            path,
            None,
            tr!(msg::IMPORT_FILE_UNREADABLE, why = io_reason(&e)),
        )
        .with_hint(tr!(msg::IMPORT_FILE_UNREADABLE_HINT))
    };
    let meta = std::fs::metadata(path).map_err(cannot)?;
    if meta.is_dir() {
        return Err(Diagnostic::error(path, None, tr!(msg::IMPORT_IS_FOLDER))
            .with_hint(tr!(msg::IMPORT_IS_FOLDER_HINT)));
    }
    // A size the file system reports refuses a large file before it is read; a small or
    // missing one proves nothing, so the reads below stop at the limit themselves.
    if meta.len() > docx::MAX_FILE_BYTES {
        return Err(too_large(path));
    }
    let mut file = std::fs::File::open(path).map_err(cannot)?;
    // Enough to tell a Word file from text, and all of the text the importer reads.
    (&mut file)
        .take(MAX_TEXT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let zipped = bytes.starts_with(b"PK");
    let ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    if zipped || ole || matches!(ext.as_str(), "docx" | "docm" | "dotx" | "doc") {
        let rest = docx::MAX_FILE_BYTES + 1 - bytes.len() as u64;
        file.take(rest).read_to_end(&mut bytes).map_err(cannot)?;
        if bytes.len() as u64 > docx::MAX_FILE_BYTES {
            return Err(too_large(path));
        }
        return Ok(Input::Docx(bytes));
    }
    if bytes.len() as u64 > MAX_TEXT_BYTES {
        return Err(too_large(path));
    }
    Ok(Input::Text(decode_text(path, bytes)?))
}

/// The whole file, or `None` when it holds more than `limit` bytes (read up to `limit + 1`,
/// whatever its metadata says).
fn read_limited(path: &Path, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(limit + 1)
        .read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

/// Refuses a plan file the build would refuse for its size, before it is read back or written.
fn check_size(input: &Path, text: &str) -> Result<(), Diagnostic> {
    let limit = crate::content::plan::MAX_FILE_BYTES;
    if text.len() as u64 <= limit {
        return Ok(());
    }
    Err(Diagnostic::error(
        input,
        None,
        tr!(
            msg::IMPORT_PLAN_TOO_LARGE,
            size = format!("{:.1}", text.len() as f64 / 1e6),
            max = limit / (1024 * 1024)
        ),
    )
    .with_hint(tr!(msg::IMPORT_PLAN_TOO_LARGE_HINT)))
}

fn too_large(path: &Path) -> Diagnostic {
    Diagnostic::error(path, None, tr!(msg::IMPORT_INPUT_TOO_LARGE))
        .with_hint(tr!(msg::IMPORT_INPUT_TOO_LARGE_HINT))
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => tr!(msg::IO_NOT_FOUND),
        std::io::ErrorKind::PermissionDenied => tr!(msg::IO_PERMISSION_DENIED),
        _ => e.to_string(),
    }
}

/// Text as UTF-8, or UTF-16 with a BOM (Excel's "Unicode Text").
fn decode_text(path: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    let utf16 = |le: bool| -> String {
        let units: Vec<u16> = bytes[2..]
            .chunks_exact(2)
            .map(|c| {
                if le {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            })
            .collect();
        String::from_utf16_lossy(&units)
    };
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return Ok(utf16(true));
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return Ok(utf16(false));
    }
    String::from_utf8(bytes).map_err(|_| {
        Diagnostic::error(path, None, tr!(msg::IMPORT_NOT_TEXT))
            .with_hint(tr!(msg::IMPORT_NOT_TEXT_HINT))
    })
}

fn no_header(path: &Path, grid: &table::Grid) -> Diagnostic {
    let first = grid
        .rows
        .iter()
        .find(|r| r.cells.iter().any(|c| !c.is_empty()))
        .map(|r| {
            r.cells
                .iter()
                .map(|c| c.text())
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .unwrap_or_default();
    let message = if first.is_empty() {
        tr!(msg::IMPORT_TABLE_EMPTY)
    } else {
        tr!(msg::IMPORT_NO_HEADER, first = first)
    };
    Diagnostic::error(path, None, message).with_hint(tr!(msg::IMPORT_NO_HEADER_HINT))
}

/// A new plan around a pasted task table: every document field left for the editor.
fn skeleton(input: &Path, tasks: table::TaskTable) -> ImportedPlan {
    let stem = if input.as_os_str() == "-" {
        "Kế hoạch".to_string()
    } else {
        input
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Kế hoạch".into())
    };
    ImportedPlan {
        title: Noted::unsure(
            stem,
            "chỉ có bảng nhiệm vụ: ghi trích yếu của kế hoạch, và thêm number, issuer, date …",
        ),
        stated_total: tasks.stated_total,
        tasks,
        ..ImportedPlan::default()
    }
}

/// `content/plans/<year>/<place>-<number>.md`, e.g. `content/plans/2026/an-thanh-75-kh-ubnd.md`.
fn default_path(plan: &ImportedPlan, input: &Path, from_table: bool) -> PathBuf {
    let stem_slug = || {
        input
            .file_stem()
            .map(|s| crate::vi::slugify(&s.to_string_lossy()))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| crate::urls::PLANS.into())
    };
    if from_table {
        return PathBuf::from("content/plans").join(format!("{}.md", stem_slug()));
    }
    let place = plan
        .place
        .as_ref()
        .map(|p| crate::vi::slugify(&p.value))
        .unwrap_or_default();
    let what = match plan.number.as_ref().map(|n| n.value.as_str()) {
        Some(n) if !n.is_empty() => crate::vi::slugify(n),
        _ => {
            let t = crate::vi::slugify(&plan.title.value);
            t.split('-').take(6).collect::<Vec<_>>().join("-")
        }
    };
    let name = [place, what]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let name = if name.is_empty() { stem_slug() } else { name };
    let dir = match plan.date.as_ref().and_then(|d| d.value.get(..4)) {
        Some(y) if y.chars().all(|c| c.is_ascii_digit()) => PathBuf::from("content/plans").join(y),
        _ => PathBuf::from("content/plans"),
    };
    dir.join(format!("{name}.md"))
}

/// Reads the text back with the project's reader; returns its errors.
fn read_back(path: &Path, text: &str, registry: &Registry) -> Vec<Diagnostic> {
    let slug = path
        .file_stem()
        .map(|s| crate::vi::slugify(&s.to_string_lossy()))
        .unwrap_or_default();
    let (_, diags) = crate::content::plan::read_plan(path, text, slug, registry, None, None);
    diags.into_iter().filter(|d| d.is_error()).collect()
}

fn unit_warnings(input: &Path, report: &emit::EmitReport) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (name, near) in &report.unknown_units {
        let d = Diagnostic::warning(input, None, tr!(msg::IMPORT_UNIT_UNKNOWN, name = name));
        out.push(match near {
            Some(n) => d.with_hint(tr!(msg::IMPORT_UNIT_NEAREST_HINT, near = n, name = name)),
            None => d.with_hint(tr!(msg::IMPORT_UNIT_UNKNOWN_HINT)),
        });
    }
    for due in &report.unknown_deadlines {
        out.push(
            Diagnostic::warning(input, None, tr!(msg::IMPORT_DEADLINE_UNKNOWN, due = due))
                .with_hint(tr!(msg::IMPORT_DEADLINE_UNKNOWN_HINT)),
        );
    }
    out
}

fn write_file(path: &Path, text: &str) -> Result<(), Diagnostic> {
    let fail = |e: std::io::Error| {
        Diagnostic::error(
            path,
            None,
            tr!(msg::IMPORT_CANNOT_WRITE, why = io_reason(&e)),
        )
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(fail)?;
    }
    // Written next to the target and renamed: an interrupted import leaves no half file.
    let tmp = path.with_extension("md.kehoach-tmp");
    std::fs::write(&tmp, text).map_err(fail)?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        fail(e)
    })
}

/// Appends the imported tasks at the end of `target`'s `tasks:`, keeping every other byte.
fn append(
    opts: &ImportOptions,
    target: &Path,
    plan: &ImportedPlan,
    registry: &Registry,
    mut warnings: Vec<Diagnostic>,
) -> Result<ImportReport, Diagnostic> {
    let refuse =
        |message: String, hint: String| Diagnostic::error(target, None, message).with_hint(hint);
    let limit = crate::content::plan::MAX_FILE_BYTES;
    let raw = read_limited(target, limit)
        .map_err(|e| {
            Diagnostic::error(
                target,
                None,
                tr!(msg::APPEND_UNREADABLE, why = io_reason(&e)),
            )
            .with_hint(tr!(msg::APPEND_UNREADABLE_HINT))
        })?
        .ok_or_else(|| {
            refuse(
                tr!(msg::APPEND_TOO_LARGE, mb = limit / (1024 * 1024)),
                tr!(msg::APPEND_TOO_LARGE_HINT),
            )
        })?;
    let raw = String::from_utf8(raw)
        .map_err(|_| refuse(tr!(msg::APPEND_NOT_UTF8), tr!(msg::APPEND_NOT_UTF8_HINT)))?;
    if plan.tasks.is_empty() {
        return Err(
            Diagnostic::error(&opts.input, None, tr!(msg::APPEND_NO_TASK))
                .with_hint(tr!(msg::APPEND_NO_TASK_HINT)),
        );
    }
    // The plan as it is must read cleanly: appending to a broken file would hide its errors.
    let decoded = crate::content::plan::decode(target, raw.clone().into_bytes())?;
    let slug = target
        .file_stem()
        .map(|s| crate::vi::slugify(&s.to_string_lossy()))
        .unwrap_or_default();
    let (existing, diags) =
        crate::content::plan::read_plan(target, &decoded, slug.clone(), registry, None, None);
    if let Some(e) = diags.iter().find(|d| d.is_error()) {
        return Err(refuse(
            tr!(msg::APPEND_PLAN_HAS_ERRORS, error = e.headline()),
            tr!(msg::APPEND_PLAN_HAS_ERRORS_HINT),
        ));
    }
    let Some(existing) = existing else {
        return Err(refuse(
            tr!(msg::APPEND_PLAN_UNREADABLE),
            tr!(msg::APPEND_RUN_CHECK_HINT),
        ));
    };

    let eol = if raw.contains("\r\n") { "\r\n" } else { "\n" };
    let lines: Vec<&str> = raw.split_inclusive('\n').collect();
    let bare = |l: &str| l.trim_end_matches(['\n', '\r']).to_string();
    // Front matter: line 0 is `---` (after a BOM), the closing `---` follows.
    let close = lines
        .iter()
        .enumerate()
        .skip(1)
        .find(|(_, l)| matches!(bare(l).trim_end(), "---" | "..."))
        .map(|(i, _)| i)
        .ok_or_else(|| {
            refuse(
                tr!(msg::APPEND_FRONT_MATTER_UNCLOSED),
                tr!(msg::APPEND_RUN_CHECK_HINT),
            )
        })?;
    let tasks_line = (1..close).find(|&i| {
        let b = bare(lines[i]);
        b.starts_with("tasks:")
    });
    let existing_grouped = existing
        .groups
        .first()
        .map(|g| !(g.no.is_empty() && g.title.is_none()));
    let mut t = plan.tasks.clone();
    let (insert_at, indent, header) = match tasks_line {
        None => (close, 2, Some("tasks:")),
        Some(i) => {
            let after = bare(lines[i]);
            let value = after["tasks:".len()..].trim();
            if !(value.is_empty() || value.starts_with('#')) {
                return Err(refuse(
                    tr!(msg::APPEND_TASKS_ON_ONE_LINE, line = after),
                    tr!(msg::APPEND_TASKS_ON_ONE_LINE_HINT),
                ));
            }
            let mut end = i + 1;
            let mut last_content = i + 1;
            let mut item_indent: Option<usize> = None;
            while end < close {
                let b = bare(lines[end]);
                let indent = b.len() - b.trim_start().len();
                let blank = b.trim().is_empty();
                if !blank && indent == 0 && !b.starts_with('#') {
                    break;
                }
                if !blank && indent > 0 {
                    last_content = end + 1;
                    if item_indent.is_none() && b.trim_start().starts_with("- ") {
                        item_indent = Some(indent);
                    }
                }
                if !blank && indent == 0 && b.starts_with("- ") {
                    item_indent = Some(0);
                    last_content = end + 1;
                }
                end += 1;
            }
            if item_indent == Some(0) {
                return Err(refuse(
                    tr!(msg::APPEND_ITEMS_AT_FIRST_COLUMN),
                    tr!(msg::APPEND_ITEMS_AT_FIRST_COLUMN_HINT),
                ));
            }
            (last_content, item_indent.unwrap_or(2), None)
        }
    };
    match (existing_grouped, t.grouped) {
        (Some(false), true) => {
            return Err(refuse(
                tr!(msg::APPEND_GROUPS_MISMATCH),
                tr!(msg::APPEND_GROUPS_MISMATCH_HINT),
            ));
        }
        (Some(true), false) => {
            // A new group for the pasted tasks: the editor names it.
            t.grouped = true;
            let tasks = t.groups.drain(..).flat_map(|g| g.tasks).collect();
            t.groups.push(table::RowGroup {
                no: String::new(),
                title: String::new(),
                tasks,
            });
        }
        _ => {}
    }
    let continuous = existing.numbering == crate::content::Numbering::Continuous;
    let start = if continuous || existing_grouped == Some(false) {
        existing
            .tasks()
            .last()
            .and_then(|x| {
                x.no.split(['.', ')'])
                    .next()
                    .and_then(|n| n.trim().parse().ok())
            })
            .unwrap_or(0)
    } else {
        0
    };
    let ids: Vec<String> = existing.tasks().map(|x| x.id.clone()).collect();
    let first_group = existing.groups.len();
    let (yaml, report) =
        emit::tasks_yaml_after(&t, continuous, registry, indent, start, ids, first_group);
    warnings.extend(unit_warnings(&opts.input, &report));
    let mut insert = String::new();
    if let Some(h) = header {
        insert.push_str(h);
        insert.push_str(eol);
    }
    for l in yaml.lines() {
        insert.push_str(l);
        insert.push_str(eol);
    }
    let mut out = String::with_capacity(raw.len() + insert.len());
    for l in &lines[..insert_at] {
        out.push_str(l);
    }
    if !out.ends_with('\n') {
        out.push_str(eol);
    }
    out.push_str(&insert);
    for l in &lines[insert_at..] {
        out.push_str(l);
    }
    check_size(target, &out)?;
    let check_text = crate::content::plan::decode(target, out.clone().into_bytes())?;
    let problems = read_back(target, &check_text, registry);
    if let Some(p) = problems.first() {
        return Err(refuse(
            tr!(msg::APPEND_WOULD_BREAK, error = p.headline()),
            tr!(msg::APPEND_WOULD_BREAK_HINT),
        ));
    }
    write_file(target, &out)?;
    Ok(ImportReport {
        written: Written::File(target.to_path_buf()),
        tasks: t.task_count(),
        groups: if t.grouped { t.groups.len() } else { 0 },
        review_comments: report.review_comments,
        warnings,
        problems: Vec::new(),
    })
}
