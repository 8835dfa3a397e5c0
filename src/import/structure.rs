//! A document as issued under Nghị định 30/2020 → the parts of a plan.
//!
//! The order of a plan is fixed by that decree, and the importer follows it: the header
//! block (issuer and "Số: …" on the left, the national motto and "`<place>`, ngày … tháng …
//! năm …" on the right, usually a borderless two-column table), the kind ("KẾ HOẠCH"), the
//! trích yếu (one or more centred lines), the "Căn cứ …"/"Thực hiện …" lines, the prose, the
//! signature block and "Nơi nhận" (often another borderless table), then appendices
//! ("PHỤ LỤC", its title, "(Kèm theo …)") with the task table.

use super::docx::{Block, Document, Para, Table, collect_lines, to_grid};
use super::emit::{ImportedPlan, Noted};
use super::table::{self, TaskTable, TooMuchText};
use crate::content::Signer;
use crate::content::units::Registry;
use crate::vi::{clean, fold};

/// Reads the parts of a plan out of a document.
pub fn analyse(doc: &Document, registry: &Registry) -> Result<ImportedPlan, TooMuchText> {
    let mut plan = ImportedPlan::default();
    let blocks = &doc.blocks;
    let kind_at = blocks.iter().position(|b| match b {
        Block::Para(p) => is_kind_line(&p.text()),
        Block::Table(_) => false,
    });
    let mut i = match kind_at {
        Some(k) => {
            header(&blocks[..k], &mut plan);
            k + 1
        }
        None => {
            // No "KẾ HOẠCH" line: a leading table is still taken as the header block.
            let first_table = blocks
                .iter()
                .take(4)
                .position(|b| matches!(b, Block::Table(t) if !is_task_table(t)));
            match first_table {
                Some(t) => {
                    header(&blocks[..=t], &mut plan);
                    t + 1
                }
                None => 0,
            }
        }
    };

    // The trích yếu: the centred lines under the kind.
    let mut title_lines: Vec<String> = Vec::new();
    let mut all_centered = true;
    while let Some(Block::Para(p)) = blocks.get(i) {
        let t = p.text();
        if t.is_empty() {
            i += 1;
            if title_lines.is_empty() {
                continue;
            }
            break;
        }
        if is_separator(&t) {
            i += 1;
            break;
        }
        // A centred "Thực hiện Nghị quyết …" is the trích yếu, not a basis line.
        if (is_basis(&t) && !p.centered)
            || heading_level(p).is_some()
            || !title_lines.is_empty() && !p.centered
        {
            break;
        }
        if !p.centered {
            // Not centred: only the first line is taken, as a guess.
            all_centered = false;
            if kind_at.is_none() || t.chars().count() > 300 {
                break;
            }
            title_lines.extend(p.lines());
            i += 1;
            break;
        }
        title_lines.extend(p.lines());
        i += 1;
    }
    let title = clean(&title_lines.join(" "));
    plan.title = if title.is_empty() {
        Noted::unsure(
            "Kế hoạch (chưa có trích yếu)",
            "không tìm thấy trích yếu dưới dòng KẾ HOẠCH: chép trích yếu từ văn bản",
        )
    } else if kind_at.is_none() || !all_centered {
        Noted::unsure(
            title,
            "trích yếu được đoán (không thấy dòng KẾ HOẠCH căn giữa)",
        )
    } else {
        Noted::sure(title)
    };

    // Căn cứ / Thực hiện.
    while let Some(b) = blocks.get(i) {
        match b {
            Block::Para(p) if p.text().is_empty() || is_separator(&p.text()) => i += 1,
            Block::Para(p) if is_basis(&p.text()) => {
                plan.basis.push(p.text());
                i += 1;
            }
            _ => break,
        }
    }

    // The prose, up to the signature block, "Nơi nhận" or an appendix. A table of it becomes
    // a Markdown table, a few bytes for each of its grid cells even when empty: the whole is
    // held to what a plan file may hold.
    let mut body: Vec<String> = Vec::new();
    let mut body_bytes = 0usize;
    let mut push_body = |md: String| {
        body_bytes = body_bytes.saturating_add(md.len() + 2);
        body.push(md);
        if body_bytes > table::MAX_TASK_BYTES {
            return Err(TooMuchText);
        }
        Ok(())
    };
    let mut tasks = TaskTable::default();
    let mut found_table = false;
    while let Some(b) = blocks.get(i) {
        match b {
            Block::Para(p) => {
                let t = p.text();
                if is_closing(&t) || is_appendix(p) {
                    break;
                }
                if let Some(md) = para_md(p) {
                    push_body(md)?;
                }
            }
            Block::Table(t) => {
                if is_closing_table(t) {
                    break;
                }
                if table::read_tasks(&to_grid(t), registry, &mut tasks)? {
                    found_table = true;
                } else if let Some(md) = table_md(t) {
                    push_body(md)?;
                }
            }
        }
        i += 1;
    }

    // Signature and recipients, up to the first appendix.
    let mut closing: Vec<String> = Vec::new();
    while let Some(b) = blocks.get(i) {
        match b {
            Block::Para(p) if is_appendix(p) => break,
            Block::Para(p) => closing.extend(p.lines()),
            Block::Table(t) => {
                if !is_closing_table(t) && is_task_table(t) {
                    break;
                }
                closing.extend(closing_table_lines(t));
            }
        }
        i += 1;
    }
    signature(&closing, &mut plan);

    // Appendices.
    let mut in_appendix_head = false;
    let mut head: Vec<String> = Vec::new();
    while let Some(b) = blocks.get(i) {
        match b {
            Block::Para(p) => {
                let t = p.text();
                if is_appendix(p) {
                    if plan.appendix_title.is_none() {
                        in_appendix_head = true;
                        head = p.lines();
                    }
                } else if let Some(n) = table::stated_total(&t) {
                    plan.stated_total = Some(n);
                } else if in_appendix_head && !t.is_empty() {
                    let f = fold(&t);
                    let f = f.trim_start_matches('(');
                    if f.starts_with("kem theo") || f.starts_with("ban hanh kem theo") {
                        // The note may share the paragraph with the title's last lines.
                        plan.appendix_note = Some(t.clone());
                    } else if plan.appendix_note.is_none() {
                        head.extend(p.lines());
                    }
                }
            }
            Block::Table(t) => {
                if in_appendix_head {
                    in_appendix_head = false;
                    plan.appendix_title = appendix_title(&head, &mut plan.appendix_note);
                }
                if table::read_tasks(&to_grid(t), registry, &mut tasks)? {
                    found_table = true;
                } else {
                    plan.notes.push(format!(
                        "một bảng trong phụ lục không phải bảng nhiệm vụ (dòng đầu: {}) nên chưa được nhập",
                        t.rows
                            .first()
                            .map(|r| r.cells.iter().map(|c| c.lines().join(" ")).collect::<Vec<_>>().join(" | "))
                            .unwrap_or_default()
                    ));
                }
            }
        }
        i += 1;
    }
    if in_appendix_head {
        plan.appendix_title = appendix_title(&head, &mut plan.appendix_note);
    }
    if let Some(n) = tasks.stated_total {
        plan.stated_total = Some(n);
    }
    if !found_table {
        plan.notes.push(
            "không tìm thấy bảng nhiệm vụ trong văn bản: nếu kế hoạch có nhiệm vụ, thêm chúng vào `tasks:` (hoặc dán bảng: kehoach import BANG.tsv --append TỆP.md)".into(),
        );
    } else if tasks.is_empty() {
        plan.notes
            .push("bảng nhiệm vụ không có dòng nhiệm vụ nào được nhận ra".into());
    }
    plan.tasks = tasks;
    plan.body = body.join("\n\n");
    Ok(plan)
}

/// Whether a table has the header of a task table (what [`table::read_tasks`] reads).
fn is_task_table(t: &Table) -> bool {
    table::find_header(&to_grid(t)).is_some()
}

fn is_kind_line(t: &str) -> bool {
    let f = fold(t);
    f == "ke hoach" || f == "ke hoach:"
}

fn is_separator(t: &str) -> bool {
    !t.is_empty()
        && t.chars()
            .all(|c| matches!(c, '-' | '_' | '=' | '*' | '.' | ' ' | '–' | '—'))
}

fn is_basis(t: &str) -> bool {
    let f = fold(t);
    f.starts_with("can cu ") || f.starts_with("thuc hien ")
}

fn is_upper(t: &str) -> bool {
    t.chars().any(char::is_alphabetic) && !t.chars().any(char::is_lowercase)
}

fn is_closing(t: &str) -> bool {
    let f = fold(t);
    f.starts_with("noi nhan") || (is_upper(t) && is_authority_line(&f))
}

fn is_authority_line(f: &str) -> bool {
    ["tm.", "tm ", "kt.", "kt ", "q.", "tl.", "tuq."]
        .iter()
        .any(|p| f.starts_with(p))
}

fn is_closing_table(t: &Table) -> bool {
    t.lines().iter().any(|l| is_closing(l))
}

fn is_appendix(p: &Para) -> bool {
    let t = p.text();
    let f = fold(&t);
    f.starts_with("phu luc")
        && t.chars().count() < 120
        && (is_upper(&t) || p.centered || p.all_bold() || f.len() <= 12)
}

/// A closing table: its cells' lines, the "Nơi nhận" cell first.
fn closing_table_lines(t: &Table) -> Vec<String> {
    let mut out = Vec::new();
    for row in &t.rows {
        for c in &row.cells {
            out.extend(c.lines());
        }
    }
    out
}

/// "PHỤ LỤC" + its title lines → `"PHỤ LỤC\n<title joined>"`; a "(Kèm theo …)" line found
/// among them becomes the note.
fn appendix_title(head: &[String], note: &mut Option<String>) -> Option<String> {
    let mut lines: Vec<String> = Vec::new();
    for l in head {
        let f = fold(l);
        let f = f.trim_start_matches('(');
        if f.starts_with("kem theo") || f.starts_with("ban hanh kem theo") {
            if note.is_none() {
                *note = Some(l.clone());
            }
        } else {
            lines.push(l.clone());
        }
    }
    let (first, rest) = lines.split_first()?;
    let rest = clean(&rest.join(" "));
    Some(if rest.is_empty() {
        first.clone()
    } else {
        format!("{first}\n{rest}")
    })
}

/// The header block: issuer, number, place and date.
fn header(blocks: &[Block], plan: &mut ImportedPlan) {
    let mut lines = Vec::new();
    collect_lines(blocks, &mut lines);
    let mut issuer_lines: Vec<String> = Vec::new();
    let mut seen_number = false;
    for l in &lines {
        let f = fold(l);
        if f.contains("cong hoa xa hoi chu nghia") || (f.contains("doc lap") && f.contains("tu do"))
        {
            continue;
        }
        if is_separator(l) {
            continue;
        }
        if let Some(rest) = number_line(l) {
            seen_number = true;
            let n: String = rest.split('/').map(str::trim).collect::<Vec<_>>().join("/");
            let n = clean(&n);
            plan.number = Some(if n.starts_with('/') || n.is_empty() {
                // "Số: /KH-UBND": not numbered yet.
                Noted::sure("")
            } else {
                Noted::sure(n)
            });
            continue;
        }
        if f.contains("ngay") && f.contains("thang") && f.contains("nam") {
            date_line(l, plan);
            continue;
        }
        if !seen_number && is_upper(l) {
            issuer_lines.push(l.clone());
        }
    }
    if plan.number.is_none() {
        plan.number = Some(Noted::unsure(
            "",
            "không tìm thấy dòng “Số: …” trong phần đầu văn bản",
        ));
    }
    if plan.date.is_none() {
        plan.notes.push(
            "không đọc được ngày ban hành (dòng “…, ngày … tháng … năm …”): thêm `date: YYYY-MM-DD`".into(),
        );
    }
    plan.issuer = issuer(&issuer_lines);
    if plan.place.is_none()
        && let Some(i) = &plan.issuer
        && let Some(name) = unit_name_of(&i.value)
    {
        plan.place = Some(Noted::unsure(
            name,
            "địa danh lấy theo tên cơ quan ban hành",
        ));
    }
}

/// "Số: 66 /KH-UBND" → "66 /KH-UBND".
fn number_line(l: &str) -> Option<&str> {
    let f = fold(l);
    if !(f.starts_with("so:") || f.starts_with("so :")) {
        return None;
    }
    let colon = l.find(':')?;
    Some(l[colon + 1..].trim())
}

/// "An Thành, ngày 06 tháng 5 năm 2026" → place and date.
fn date_line(l: &str, plan: &mut ImportedPlan) {
    if let Some((place, _)) = l.split_once(',') {
        let place = clean(place);
        if !place.is_empty() && fold(&place) != "ngay" && place.chars().count() < 60 {
            plan.place = Some(Noted::sure(place));
        }
    }
    let f = fold(l);
    let after = |word: &str| -> Option<u32> {
        let i = f.find(word)?;
        let digits: String = f[i + word.len()..]
            .trim_start()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse().ok()
    };
    let day = after("ngay ");
    let month = after("thang ");
    let year = after("nam ");
    plan.date = match (year, month, day) {
        (Some(y), Some(m), Some(d)) => match chrono::NaiveDate::from_ymd_opt(y as i32, m, d) {
            Some(date) => Some(Noted::sure(date.format("%Y-%m-%d").to_string())),
            None => Some(Noted::unsure(
                format!("{y}-{m:02}"),
                format!("ngày {d}/{m}/{y} không có thật"),
            )),
        },
        (Some(y), Some(m), None) if (1..=12).contains(&m) && y > 1900 => {
            Some(Noted::sure(format!("{y}-{m:02}")))
        }
        _ => None,
    };
}

/// Issuer lines → "UBND xã An Thành".
fn issuer(lines: &[String]) -> Option<Noted> {
    // "ỦY BAN NHÂN DÂN" on one line and "XÃ AN THÀNH" on the next are one issuer; of several
    // issuers (the city above the commune), the last is the one that signs.
    let mut joined: Vec<String> = Vec::new();
    for l in lines {
        let k = fold(l);
        let prev_is_bare = joined
            .last()
            .is_some_and(|p| matches!(fold(p).as_str(), "uy ban nhan dan" | "ubnd"));
        if prev_is_bare && !k.starts_with("uy ban") && !k.starts_with("ubnd") {
            let last = joined.pop().unwrap_or_default();
            joined.push(format!("{last} {l}"));
        } else {
            joined.push(l.clone());
        }
    }
    let raw = joined.pop()?;
    Some(match issuer_case(&raw) {
        Some(v) => Noted::sure(v),
        None => Noted::unsure(
            raw,
            "tên cơ quan ban hành chép nguyên văn: viết lại như “UBND xã An Thành”",
        ),
    })
}

/// "ỦY BAN NHÂN DÂN XÃ AN THÀNH" → "UBND xã An Thành".
fn issuer_case(raw: &str) -> Option<String> {
    let words: Vec<&str> = raw.split_whitespace().collect();
    let f: Vec<String> = words.iter().map(|w| fold(w)).collect();
    let rest_at = if f.len() >= 4 && f[..4].join(" ") == "uy ban nhan dan" {
        4
    } else if f.first().is_some_and(|w| w == "ubnd") {
        1
    } else {
        return None;
    };
    let levels: &[&[&str]] = &[
        &["xa"],
        &["phuong"],
        &["thi", "tran"],
        &["dac", "khu"],
        &["thanh", "pho"],
        &["tinh"],
        &["huyen"],
        &["quan"],
        &["thi", "xa"],
    ];
    let mut level_len = 0;
    for l in levels {
        let n = l.len();
        if f.len() >= rest_at + n
            && f[rest_at..rest_at + n] == l.iter().map(|s| s.to_string()).collect::<Vec<_>>()[..]
        {
            level_len = level_len.max(n);
        }
    }
    if level_len == 0 || f.len() == rest_at + level_len {
        return None;
    }
    let level: Vec<String> = words[rest_at..rest_at + level_len]
        .iter()
        .map(|w| w.to_lowercase())
        .collect();
    let name: Vec<String> = words[rest_at + level_len..]
        .iter()
        .map(|w| title_case(w))
        .collect();
    Some(format!("UBND {} {}", level.join(" "), name.join(" ")))
}

fn title_case(w: &str) -> String {
    let lower = w.to_lowercase();
    let mut c = lower.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// "UBND xã An Thành" → "An Thành".
fn unit_name_of(issuer: &str) -> Option<String> {
    for level in ["xã ", "phường ", "thị trấn ", "đặc khu "] {
        if let Some(i) = issuer.find(level) {
            let name = issuer[i + level.len()..].trim();
            if !name.is_empty() {
                return Some(name.to_string());
            }
        }
    }
    None
}

/// Signature block and "Nơi nhận" lines → signer and recipients.
fn signature(lines: &[String], plan: &mut ImportedPlan) {
    let mut signer = Signer::default();
    let mut in_recipients = false;
    let mut sign_lines: Vec<String> = Vec::new();
    for l in lines {
        let f = fold(l);
        if f.starts_with("noi nhan") {
            in_recipients = true;
            let rest = l.split_once(':').map(|(_, r)| r.trim()).unwrap_or("");
            if !rest.is_empty() {
                plan.recipients.push(recipient(rest));
            }
            continue;
        }
        let bulleted = l.starts_with(['-', '+', '•', '–']);
        if in_recipients && (bulleted || l.ends_with(';') || f.starts_with("luu")) {
            let r = recipient(l);
            if !r.is_empty() {
                plan.recipients.push(r);
            }
            if f.starts_with("luu") {
                in_recipients = false;
            }
            continue;
        }
        in_recipients = false;
        sign_lines.push(l.clone());
    }
    for l in &sign_lines {
        let f = fold(l);
        if f.starts_with("tm.") || f.starts_with("tm ") {
            signer.on_behalf = Some(l.clone());
        } else if is_upper(l) && is_authority_line(&f) {
            signer.authority = Some(l.clone());
        } else if is_upper(l) && signer.title.is_none() && f.chars().count() < 60 {
            signer.title = Some(l.clone());
        } else if !is_upper(l)
            && !l.starts_with('(')
            && !f.starts_with("ky boi")
            && !f.starts_with("da ky")
            && is_name(l)
        {
            signer.name = Some(l.clone());
        }
    }
    if signer.on_behalf.is_some()
        || signer.authority.is_some()
        || signer.title.is_some()
        || signer.name.is_some()
    {
        plan.signer = Some(signer);
    }
}

/// A person's name: 2–6 words, each starting with a capital letter.
fn is_name(l: &str) -> bool {
    let words: Vec<&str> = l.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(char::is_alphabetic)
        })
}

/// "- Sở Nội vụ thành phố;" → "Sở Nội vụ thành phố".
fn recipient(l: &str) -> String {
    clean(
        l.trim_start_matches(['-', '+', '•', '–', ' '])
            .trim_end_matches([';', ',', ' ']),
    )
}

/// The Markdown heading level a paragraph is set apart as, if any.
fn heading_level(p: &Para) -> Option<usize> {
    let t = p.text();
    if t.is_empty() || t.chars().count() > 200 {
        return None;
    }
    if let Some(l) = p.heading_level {
        return Some((l as usize + 1).min(6));
    }
    let (head, _) = t.split_once(' ')?;
    let head_f = head.trim_end_matches(['.', ')']);
    if head.ends_with('.')
        && table::roman_marker(head_f).is_some()
        && (p.all_bold() || is_upper(&t))
    {
        return Some(2);
    }
    if !p.all_bold() {
        return None;
    }
    if head.ends_with('.') && head_f.chars().all(|c| c.is_ascii_digit()) && !head_f.is_empty() {
        return Some(3);
    }
    if head.ends_with(')')
        && head_f.chars().count() == 1
        && head_f.chars().all(|c| c.is_lowercase())
    {
        return Some(4);
    }
    None
}

/// One paragraph of prose as Markdown.
fn para_md(p: &Para) -> Option<String> {
    let text = p.text();
    if text.is_empty() || is_separator(&text) {
        return None;
    }
    if let Some(level) = heading_level(p) {
        return Some(format!("{} {}", "#".repeat(level), escape(&text)));
    }
    let inline = inline_md(p);
    if p.list.is_some() {
        return Some(format!("- {inline}"));
    }
    for marker in ["- ", "+ ", "• ", "– ", "— "] {
        if text.starts_with(marker) {
            let rest = inline
                .trim_start_matches(['-', '+', '•', '–', '—', '\\'])
                .trim_start();
            return Some(format!("- {rest}"));
        }
    }
    // "1. Kinh phí …" stays a paragraph, not an ordered list.
    if let Some((head, _)) = text.split_once(". ")
        && !head.is_empty()
        && head.chars().all(|c| c.is_ascii_digit())
        && inline.starts_with(head)
    {
        return Some(format!("{head}\\.{}", &inline[head.len() + 1..]));
    }
    Some(inline)
}

/// Runs → text with `**bold**` and `*italic*`, Markdown characters escaped.
fn inline_md(p: &Para) -> String {
    let all_bold = p.all_bold();
    let all_italic = p.all_italic();
    let mut segs: Vec<(String, bool, bool)> = Vec::new();
    for r in &p.runs {
        let text = r.text.replace(['\n', '\t'], " ");
        if text.is_empty() {
            continue;
        }
        let (b, i) = if text.trim().is_empty() {
            segs.last().map_or((false, false), |s| (s.1, s.2))
        } else {
            (r.bold, r.italic)
        };
        match segs.last_mut() {
            Some(last) if last.1 == b && last.2 == i => last.0.push_str(&text),
            _ => segs.push((text, b, i)),
        }
    }
    let mut out = String::new();
    for (text, b, i) in segs {
        let esc = escape(&text);
        let core = esc.trim();
        if core.is_empty() {
            out.push(' ');
            continue;
        }
        let mark = match (b, i) {
            (true, true) => "***",
            (true, false) => "**",
            (false, true) => "*",
            (false, false) => "",
        };
        if esc.starts_with(char::is_whitespace) {
            out.push(' ');
        }
        out.push_str(mark);
        out.push_str(core);
        out.push_str(mark);
        if esc.ends_with(char::is_whitespace) {
            out.push(' ');
        }
    }
    let out = clean(&out);
    let _ = (all_bold, all_italic);
    out
}

/// Escapes the characters Markdown would read as syntax.
fn escape(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    for c in t.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A table of the prose that is not a task table → a Markdown table.
fn table_md(t: &Table) -> Option<String> {
    let grid = to_grid(t);
    let width = grid.rows.first()?.cells.len();
    if width == 0 {
        return None;
    }
    let mut lines = Vec::new();
    for (ri, row) in grid.rows.iter().enumerate() {
        let cells: Vec<String> = row
            .cells
            .iter()
            .map(|c| {
                if c.h_cont || c.v_cont {
                    String::new()
                } else {
                    escape(&c.text())
                }
            })
            .collect();
        lines.push(format!("| {} |", cells.join(" | ")));
        if ri == 0 {
            lines.push(format!("|{}", " --- |".repeat(width)));
        }
    }
    Some(lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issuer_names() {
        assert_eq!(
            issuer_case("ỦY BAN NHÂN DÂN XÃ AN THÀNH").as_deref(),
            Some("UBND xã An Thành")
        );
        assert_eq!(
            issuer_case("UBND PHƯỜNG HƯNG ĐẠO").as_deref(),
            Some("UBND phường Hưng Đạo")
        );
        let lines = vec!["ỦY BAN NHÂN DÂN".to_string(), "XÃ ĐẠI SƠN".to_string()];
        assert_eq!(issuer(&lines).unwrap().value, "UBND xã Đại Sơn");
        assert_eq!(issuer_case("BAN CHỈ ĐẠO"), None);
    }

    #[test]
    fn date_lines() {
        let mut p = ImportedPlan::default();
        date_line("An Thành, ngày 06 tháng 5 năm 2026", &mut p);
        assert_eq!(p.date.unwrap().value, "2026-05-06");
        assert_eq!(p.place.unwrap().value, "An Thành");
        let mut p = ImportedPlan::default();
        date_line("Đại Sơn, ngày     tháng 10 năm 2025", &mut p);
        assert_eq!(p.date.unwrap().value, "2025-10");
    }

    #[test]
    fn number_lines() {
        assert_eq!(number_line("Số: 66 /KH-UBND"), Some("66 /KH-UBND"));
        assert_eq!(number_line("Số:     /KH-UBND"), Some("/KH-UBND"));
        assert_eq!(number_line("Số hóa"), None);
    }
}
