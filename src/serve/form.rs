//! The preview's form for recording progress: "Cập nhật tiến độ" on each task of a plan
//! page, a form with the fields of an update, and the write that appends it to the plan file.
//!
//! This is the one place where a request changes the user's files, so it is held tight:
//! - requests are answered only on 127.0.0.1 with the served `Host` (checked before any
//!   handler), and a POST whose `Origin` is another site's is refused;
//! - a POST must carry the session's token, made from the system's random source when the
//!   preview starts and known only to pages the preview served (CSRF);
//! - the plan file named must be one of the site's plans, under `content/plans/`, reached
//!   without `..`, links or absolute paths;
//! - the body is capped ([`MAX_BODY`]), an attachment too ([`MAX_ATTACHMENT`]) and limited to
//!   document and image kinds, saved under `static/files/` with a name made from its own,
//!   never over an existing file;
//! - the update goes through [`crate::content::edit`]: the smallest change, validated and read
//!   back, written to a file beside the plan and renamed over it.
//!
//! `kehoach build` output never holds any of this: the script that adds the buttons is
//! served by the preview alone and added to pages as they are sent.

use super::http;
use crate::content::edit::{self, Added, Context, NewUpdate};
use crate::content::units::Registry;
use crate::content::{Plan, Status, Task};
use crate::msg;
use crate::render::theme::escape_html as esc;
use crate::tr;
use bytes::Bytes;
use chrono::NaiveDate;
use std::path::{Component, Path, PathBuf};

/// The form's address (GET shows it, POST saves it).
pub const FORM_PATH: &str = "/__kehoach/cap-nhat";
/// The script that adds the buttons to plan pages.
pub const SCRIPT_PATH: &str = "/__kehoach/tien-do.js";
/// Largest request body: an attachment and the fields.
pub const MAX_BODY: usize = MAX_ATTACHMENT + 256 * 1024;
/// Largest attachment (a scanned report of a few dozen pages).
pub const MAX_ATTACHMENT: usize = 20 * 1024 * 1024;
/// Largest text field.
const MAX_FIELD: usize = 16 * 1024;
/// Kinds of file an update may carry.
const ATTACHMENT_KINDS: &[&str] = &[
    "pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "jpg", "jpeg", "png",
];

/// Adds "Cập nhật tiến độ" to each task row of a plan page (`PLANS` stands for the plans'
/// folder of the URL scheme, see [`form_js`]).
const FORM_JS: &str = r#"(function () {
  var m = location.pathname.match(/^\/PLANS\/([^\/]+)\/$/);
  if (!m) return;
  var rows = document.querySelectorAll("tr.task-row[id]");
  for (var i = 0; i < rows.length; i++) {
    var cell = rows[i].lastElementChild;
    if (!cell) continue;
    var a = document.createElement("a");
    a.className = "kh-cap-nhat";
    a.href = "/__kehoach/cap-nhat?dia-chi=" + encodeURIComponent(m[1]) + "&nv=" + encodeURIComponent(rows[i].id);
    a.textContent = "Cập nhật tiến độ";
    a.style.cssText = "display:inline-block;margin-top:.4rem;padding:.2rem .5rem;min-height:24px;border:1px solid currentColor;border-radius:.2rem;font-size:.9em";
    cell.appendChild(document.createElement("br"));
    cell.appendChild(a);
  }
})();
"#;

/// The script that adds the buttons.
pub fn form_js() -> String {
    FORM_JS.replace("PLANS", crate::urls::PLANS)
}

/// What the form needs of the preview.
pub struct Session<'a> {
    pub root: &'a Path,
    pub today: NaiveDate,
    pub token: &'a str,
    /// (address, file relative to the site) of each plan of the last good build.
    pub plans: &'a [(String, PathBuf)],
}

/// A fresh token from the system's random source: 128 bits as hex.
pub fn new_token() -> String {
    let mut b = [0u8; 16];
    if getrandom::fill(&mut b).is_err() {
        // No random source: a token nobody else can guess still comes from the clock and
        // the process (a preview on the user's own machine).
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        b = (t ^ (u128::from(std::process::id()) << 64)).to_le_bytes();
    }
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// Compares without stopping at the first difference.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// `%XX` and `+` of a query or form value decoded; `None` for bad escapes or non-UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let h = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
                out.push(u8::from_str_radix(h, 16).ok()?);
                i += 2;
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// The value of `key` in a query string.
fn query_value(query: &str, key: &str) -> Option<String> {
    query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == key)
        .and_then(|(_, v)| percent_decode(v))
}

/// The plan file `tep` names, relative to the site, if it is one of the site's plans:
/// `content/plans/…/x.md`, plain names only, and still under `content/plans/` once links
/// are followed.
pub fn confine(root: &Path, plans: &[(String, PathBuf)], tep: &str) -> Option<PathBuf> {
    if tep.is_empty() || tep.contains(['\\', '\0']) || tep.len() > 1024 {
        return None;
    }
    let rel = Path::new(tep);
    if !rel.components().all(|c| matches!(c, Component::Normal(_))) {
        return None;
    }
    if !rel.starts_with(crate::layout::PLANS) || rel.extension().is_none_or(|e| e != "md") {
        return None;
    }
    if !plans.iter().any(|(_, p)| p == rel) {
        return None;
    }
    let base = std::fs::canonicalize(root.join(crate::layout::PLANS)).ok()?;
    let full = std::fs::canonicalize(root.join(rel)).ok()?;
    (full.starts_with(&base) && full.is_file()).then(|| rel.to_path_buf())
}

/// The values a clerk typed, kept to show the form again after an error.
#[derive(Debug, Default, Clone)]
pub struct Fields {
    pub token: String,
    pub tep: String,
    pub nv: String,
    pub ngay: String,
    pub tinh_trang: String,
    pub phan_tram: String,
    pub ghi_chu: String,
    pub hoan_thanh: String,
    pub gia_han: String,
    pub van_ban: String,
    /// The attachment: its name as sent and its bytes.
    pub file: Option<(String, Bytes)>,
}

/// What a GET of the form or a refused POST answers.
pub struct Page {
    pub status: u16,
    pub html: String,
}

fn context_of<'a>(
    root: &Path,
    reg: &'a Registry,
    issuer: Option<&'a str>,
    static_dir: &'a Path,
    today: NaiveDate,
) -> Context<'a> {
    let _ = root;
    Context {
        registry: reg,
        issuer,
        static_dir: Some(static_dir),
        today,
    }
}

/// The site's registry of units and issuer, read as the build reads them (problems there are
/// the build's to report).
fn site_bits(root: &Path) -> (Registry, Option<String>) {
    let issuer = crate::config::Config::read(
        &root.join(crate::layout::SETTINGS),
        Path::new(crate::layout::SETTINGS),
    )
    .ok()
    .and_then(|c| c.issuer);
    let reg = std::fs::read_to_string(root.join(crate::layout::UNITS))
        .map(|t| Registry::read(Path::new(crate::layout::UNITS), &t).0)
        .unwrap_or_default();
    (reg, issuer)
}

/// The form for task `nv` of a plan (GET `?dia-chi=<address>&nv=<id>`, or `?tep=<file>`).
pub fn get(s: &Session<'_>, query: &str) -> Page {
    let nv = query_value(query, "nv").unwrap_or_default();
    let tep = match query_value(query, "tep") {
        Some(t) => Some(t),
        None => query_value(query, "dia-chi").and_then(|slug| {
            s.plans
                .iter()
                .find(|(a, _)| *a == slug)
                .map(|(_, p)| crate::diag::display_path(p))
        }),
    };
    let fields = Fields {
        tep: tep.unwrap_or_default(),
        nv,
        ngay: s.today.to_string(),
        ..Fields::default()
    };
    show(s, &fields, &[], 200)
}

/// The form page, with `errors` above it.
fn show(s: &Session<'_>, f: &Fields, errors: &[String], status: u16) -> Page {
    let Some(rel) = confine(s.root, s.plans, &f.tep) else {
        return message_page(404, &tr!(msg::FORM_NO_PLAN));
    };
    let (reg, issuer) = site_bits(s.root);
    let static_dir = s.root.join(crate::layout::STATIC);
    let ctx = context_of(s.root, &reg, issuer.as_deref(), &static_dir, s.today);
    let raw = match std::fs::read_to_string(s.root.join(&rel)) {
        Ok(r) => r,
        Err(_) => return message_page(404, &tr!(msg::FORM_NO_PLAN)),
    };
    let plan = match edit::read(&rel, &raw, &ctx) {
        Ok((p, _)) => p,
        Err(errs) => {
            let mut v = vec![tr!(msg::EDIT_PLAN_HAS_ERRORS)];
            v.extend(errs.iter().map(|d| d.to_string()));
            return message_page(409, &v.join("\n\n"));
        }
    };
    let Some(task) = edit::find_task(&plan, &f.nv) else {
        return message_page(404, &tr!(msg::EDIT_NO_TASK, id = f.nv));
    };
    let slug = s
        .plans
        .iter()
        .find(|(_, p)| *p == rel)
        .map_or(String::new(), |(a, _)| a.clone());
    Page {
        status,
        html: form_html(s, f, &plan, task, &slug, errors),
    }
}

const STYLE: &str = "body{margin:0;font:17px/1.55 \"Segoe UI\",Roboto,\"Noto Sans\",Arial,sans-serif;color:#1b1f24;background:#f3f6f9}\
main{max-width:44rem;margin:0 auto;padding:1rem;background:#fff;min-height:100vh;box-sizing:border-box}\
h1{font-size:1.45rem;margin:.3rem 0 .6rem;color:#1c4f8a}\
.kh-viec{margin:0 0 1rem;padding:.6rem .8rem;border-left:.3rem solid #1c4f8a;background:#f3f6f9}\
.kh-viec p{margin:.2rem 0}\
.kh-loi{border-left:.3rem solid #b3261e;background:#fdf0ef;padding:.5rem .9rem;margin:0 0 1rem}\
.kh-loi h2{font-size:1.1rem;margin:.2rem 0;color:#8c1d16}\
label,legend{display:block;font-weight:600;margin:.8rem 0 .2rem}\
.kh-ghi{display:block;font-weight:400;font-size:.92em;color:#4a5460}\
input,select,textarea{font:inherit;width:100%;box-sizing:border-box;padding:.4rem .5rem;border:1px solid #4a5460;border-radius:.2rem;min-height:2.4rem;background:#fff}\
textarea{min-height:6rem}\
fieldset{border:1px solid #c8d0d8;border-radius:.3rem;margin:1rem 0;padding:.2rem .8rem .8rem}\
.kh-nut{margin:1.2rem 0 .5rem;display:flex;flex-wrap:wrap;gap:.8rem;align-items:center}\
button{font:inherit;font-weight:600;padding:.5rem 1.2rem;border:0;border-radius:.2rem;background:#1c4f8a;color:#fff;cursor:pointer;min-height:2.6rem}\
a{color:#1c4f8a}";

fn form_html(
    s: &Session<'_>,
    f: &Fields,
    plan: &Plan,
    task: &Task,
    slug: &str,
    errors: &[String],
) -> String {
    let number = plan
        .number
        .as_deref()
        .map(|n| format!("{} số {}", plan.kind, n))
        .unwrap_or_else(|| plan.kind.clone());
    let state = task
        .updates
        .last()
        .map(|u| crate::site::status::State::from(u.status).label())
        .unwrap_or("Chưa cập nhật");
    let last = task.updates.last().map_or(String::new(), |u| {
        format!(
            " (lần cập nhật gần nhất: {}{})",
            edit::vi_day(u.date),
            u.note
                .as_deref()
                .map(|n| format!(" — {}", esc(n)))
                .unwrap_or_default()
        )
    });
    let mut h = String::with_capacity(8 * 1024);
    h.push_str("<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\">");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    h.push_str(&format!(
        "<title>Cập nhật tiến độ — nhiệm vụ {} — {}</title><style>{STYLE}</style></head><body><main>",
        esc(&task.no),
        esc(&number)
    ));
    h.push_str("<h1>Cập nhật tiến độ</h1>");
    h.push_str(&format!(
        "<div class=\"kh-viec\"><p><strong>{}</strong>: {}</p><p><strong>Nhiệm vụ {}</strong>: {}</p>\
         <p>Chủ trì: {} · Thời hạn: {}</p><p>Tình trạng: {}{}</p></div>",
        esc(&number),
        esc(&plan.title),
        esc(&task.no),
        esc(&task.content),
        esc(&task.lead_text()),
        esc(&task.due_now().text),
        esc(state),
        last
    ));
    if !errors.is_empty() {
        h.push_str("<div class=\"kh-loi\" role=\"alert\"><h2>Chưa lưu: cần sửa</h2><ul>");
        for e in errors {
            h.push_str(&format!("<li>{}</li>", esc(e)));
        }
        h.push_str("</ul></div>");
    }
    h.push_str(&format!(
        "<form method=\"post\" action=\"{FORM_PATH}\" enctype=\"multipart/form-data\">\
         <input type=\"hidden\" name=\"token\" value=\"{}\">\
         <input type=\"hidden\" name=\"tep\" value=\"{}\">\
         <input type=\"hidden\" name=\"nv\" value=\"{}\">",
        esc(s.token),
        esc(&f.tep),
        esc(&f.nv)
    ));
    h.push_str(&format!(
        "<label for=\"ngay\">Ngày</label><input id=\"ngay\" name=\"ngay\" type=\"date\" required max=\"{}\" value=\"{}\">",
        s.today,
        esc(&f.ngay)
    ));
    let current = if f.tinh_trang.is_empty() {
        task.updates
            .last()
            .map_or("", |u| u.status.code())
            .to_string()
    } else {
        f.tinh_trang.clone()
    };
    h.push_str("<label for=\"tinh-trang\">Tình trạng</label><select id=\"tinh-trang\" name=\"tinh-trang\" required>");
    for st in Status::ALL {
        h.push_str(&format!(
            "<option value=\"{}\"{}>{}</option>",
            st.code(),
            if current == st.code() {
                " selected"
            } else {
                ""
            },
            crate::site::status::State::from(st).label()
        ));
    }
    h.push_str("</select>");
    h.push_str(&format!(
        "<label for=\"phan-tram\">Tỷ lệ hoàn thành (%)</label>\
         <input id=\"phan-tram\" name=\"phan-tram\" type=\"number\" min=\"0\" max=\"100\" step=\"1\" inputmode=\"numeric\" value=\"{}\">\
         <label for=\"ghi-chu\">Ghi chú</label><textarea id=\"ghi-chu\" name=\"ghi-chu\" maxlength=\"4000\">{}</textarea>\
         <label for=\"tep-kem\">Văn bản, tài liệu kèm theo <span class=\"kh-ghi\">PDF, Word, Excel hoặc ảnh, tối đa {} MB; lưu vào static/files/</span></label>\
         <input id=\"tep-kem\" name=\"tep-kem\" type=\"file\" accept=\"{}\">\
         <label for=\"hoan-thanh\">Ngày hoàn thành thực tế <span class=\"kh-ghi\">nếu nhiệm vụ xong trước ngày báo cáo</span></label>\
         <input id=\"hoan-thanh\" name=\"hoan-thanh\" type=\"date\" max=\"{}\" value=\"{}\">",
        esc(&f.phan_tram),
        esc(&f.ghi_chu),
        MAX_ATTACHMENT / (1024 * 1024),
        ATTACHMENT_KINDS
            .iter()
            .map(|k| format!(".{k}"))
            .collect::<Vec<_>>()
            .join(","),
        s.today,
        esc(&f.hoan_thanh)
    ));
    h.push_str(&format!(
        "<fieldset><legend>Gia hạn thời hạn <span class=\"kh-ghi\">chỉ điền khi có văn bản điều chỉnh thời hạn (thời hạn hiện nay: {})</span></legend>\
         <label for=\"gia-han\">Thời hạn mới <span class=\"kh-ghi\">như văn bản ghi, ví dụ: Tháng 6/2026, 30/6/2026, Quý II/2026</span></label>\
         <input id=\"gia-han\" name=\"gia-han\" type=\"text\" maxlength=\"200\" value=\"{}\">\
         <label for=\"van-ban\">Số văn bản gia hạn <span class=\"kh-ghi\">ví dụ: 25/QĐ-UBND</span></label>\
         <input id=\"van-ban\" name=\"van-ban\" type=\"text\" maxlength=\"200\" value=\"{}\"></fieldset>",
        esc(&task.due_now().text),
        esc(&f.gia_han),
        esc(&f.van_ban)
    ));
    h.push_str(&format!(
        "<div class=\"kh-nut\"><button type=\"submit\">Lưu cập nhật</button><a href=\"/{}/{}/#{}\">Quay lại kế hoạch</a></div>\
         <p class=\"kh-ghi\">Cập nhật được ghi thêm vào cuối mục <code>updates:</code> của nhiệm vụ trong tệp <code>{}</code>; phần còn lại của tệp giữ nguyên.</p>",
        crate::urls::PLANS,
        esc(slug),
        esc(&task.id),
        esc(&f.tep)
    ));
    h.push_str("</form></main></body></html>");
    h
}

/// A page with one message (a refused request).
pub fn message_page(status: u16, text: &str) -> Page {
    let mut h = String::from(
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Cập nhật tiến độ</title>",
    );
    h.push_str(&format!("<style>{STYLE}</style></head><body><main><h1>Cập nhật tiến độ</h1><div class=\"kh-loi\" role=\"alert\">"));
    for p in text.split("\n\n") {
        h.push_str(&format!("<p>{}</p>", esc(p).replace('\n', "<br>")));
    }
    h.push_str("</div><p><a href=\"/\">Về trang chủ</a></p></main></body></html>");
    Page { status, html: h }
}

/// Reads a multipart body into [`Fields`]; `Err` for a body that is not one.
pub async fn parse(body: Vec<u8>, content_type: &str) -> Result<Fields, String> {
    let boundary = multer::parse_boundary(content_type).map_err(|_| tr!(msg::FORM_BAD_REQUEST))?;
    let stream =
        futures_util::stream::once(async move { Ok::<Bytes, std::io::Error>(Bytes::from(body)) });
    let mut mp = multer::Multipart::with_constraints(
        stream,
        boundary,
        multer::Constraints::new().size_limit(
            multer::SizeLimit::new()
                .whole_stream(MAX_BODY as u64)
                .per_field(MAX_FIELD as u64)
                .for_field("tep-kem", MAX_ATTACHMENT as u64),
        ),
    );
    let mut f = Fields::default();
    let too_large = || tr!(msg::FORM_TOO_LARGE, mb = MAX_ATTACHMENT / (1024 * 1024));
    while let Some(field) = mp
        .next_field()
        .await
        .map_err(|_| tr!(msg::FORM_BAD_REQUEST))?
    {
        let name = field.name().unwrap_or_default().to_string();
        if name == "tep-kem" {
            let file_name = field.file_name().unwrap_or_default().to_string();
            let data = field.bytes().await.map_err(|e| match e {
                multer::Error::FieldSizeExceeded { .. }
                | multer::Error::StreamSizeExceeded { .. } => too_large(),
                _ => tr!(msg::FORM_BAD_REQUEST),
            })?;
            if !file_name.is_empty() || !data.is_empty() {
                f.file = Some((file_name, data));
            }
            continue;
        }
        let text = field.text().await.map_err(|e| match e {
            multer::Error::FieldSizeExceeded { .. } | multer::Error::StreamSizeExceeded { .. } => {
                too_large()
            }
            _ => tr!(msg::FORM_BAD_REQUEST),
        })?;
        let slot = match name.as_str() {
            "token" => &mut f.token,
            "tep" => &mut f.tep,
            "nv" => &mut f.nv,
            "ngay" => &mut f.ngay,
            "tinh-trang" => &mut f.tinh_trang,
            "phan-tram" => &mut f.phan_tram,
            "ghi-chu" => &mut f.ghi_chu,
            "hoan-thanh" => &mut f.hoan_thanh,
            "gia-han" => &mut f.gia_han,
            "van-ban" => &mut f.van_ban,
            _ => continue,
        };
        *slot = text;
    }
    Ok(f)
}

/// What a POST ends in.
pub enum Saved {
    /// Done: the plan page to go back to (`/ke-hoach/<address>/#<task>`), and whether the
    /// file changed (the same update sent twice changes nothing).
    Redirect(String, bool),
    /// Nothing written.
    Refused(Page),
}

/// Checks and saves a posted update (blocking: reads and writes files).
pub fn save(s: &Session<'_>, f: Fields) -> Saved {
    if !same(&f.token, s.token) {
        return Saved::Refused(message_page(403, &tr!(msg::FORM_TOKEN_BAD)));
    }
    let Some(rel) = confine(s.root, s.plans, &f.tep) else {
        return Saved::Refused(message_page(400, &tr!(msg::FORM_NO_PLAN)));
    };
    let mut errors = Vec::new();
    let day = |t: &str, errors: &mut Vec<String>, what: &str| -> Option<NaiveDate> {
        let t = t.trim();
        if t.is_empty() {
            return None;
        }
        let d = crate::content::plan::parse_day(t);
        if d.is_none() {
            errors.push(tr!(msg::FORM_DAY_BAD, field = what, found = t));
        }
        d
    };
    let date = day(&f.ngay, &mut errors, "Ngày");
    let completed = day(&f.hoan_thanh, &mut errors, "Ngày hoàn thành thực tế");
    let status = Status::parse(f.tinh_trang.trim());
    let percent = match f.phan_tram.trim().trim_end_matches('%').trim() {
        "" => None,
        p => match p.parse::<u8>() {
            Ok(v) => Some(v),
            Err(_) => {
                errors.push(tr!(msg::FORM_PERCENT_BAD, found = f.phan_tram.trim()));
                None
            }
        },
    };
    let opt = |t: &str| Some(t.trim().to_string()).filter(|t| !t.is_empty());
    let mut u = NewUpdate {
        date,
        status,
        percent,
        note: opt(&f.ghi_chu),
        link: None,
        completed,
        extended_to: opt(&f.gia_han),
        document: opt(&f.van_ban),
    };
    let (reg, issuer) = site_bits(s.root);
    let static_dir = s.root.join(crate::layout::STATIC);
    let ctx = context_of(s.root, &reg, issuer.as_deref(), &static_dir, s.today);
    let path = s.root.join(&rel);
    let raw = match std::fs::read(&path).map(String::from_utf8) {
        Ok(Ok(r)) => r,
        _ => return Saved::Refused(message_page(409, &tr!(msg::EDIT_PLAN_HAS_ERRORS))),
    };
    // The attachment's kind and size are checked before anything is written.
    let attachment = match &f.file {
        Some((name, data)) => match attachment_name(name) {
            Some(n) if data.len() <= MAX_ATTACHMENT => Some((n, data)),
            Some(_) => {
                errors.push(tr!(
                    msg::FORM_TOO_LARGE,
                    mb = MAX_ATTACHMENT / (1024 * 1024)
                ));
                None
            }
            None => {
                errors.push(tr!(
                    msg::FORM_ATTACHMENT_KIND,
                    name = name,
                    kinds = ATTACHMENT_KINDS.join(", ")
                ));
                None
            }
        },
        None => None,
    };
    if !errors.is_empty() {
        return Saved::Refused(show(s, &f, &errors, 422));
    }
    // Checked against the task first, so that a refused update leaves no attachment behind.
    if let Ok((plan, _)) = edit::read(&rel, &raw, &ctx)
        && let Some(task) = edit::find_task(&plan, &f.nv)
    {
        let errs = edit::validate(task, &u, s.today);
        if !errs.is_empty() {
            return Saved::Refused(show(s, &f, &errs, 422));
        }
    }
    let mut saved_file = None;
    if let Some((name, data)) = attachment {
        match save_attachment(&static_dir, &name, data) {
            Ok((link, p)) => {
                u.link = Some(link);
                saved_file = Some(p);
            }
            Err(e) => {
                return Saved::Refused(show(s, &f, &[tr!(msg::FORM_CANNOT_WRITE, why = e)], 500));
            }
        }
    }
    let undo = || {
        if let Some(p) = &saved_file {
            let _ = std::fs::remove_file(p);
        }
    };
    let changed = match edit::add_update(&rel, &raw, &f.nv, &u, &ctx) {
        Ok(Added::Written { text, .. }) => {
            if let Err(e) = crate::report::write_file(&path, text.as_bytes()) {
                undo();
                return Saved::Refused(show(s, &f, &[tr!(msg::FORM_CANNOT_WRITE, why = e)], 500));
            }
            true
        }
        Ok(Added::Unchanged) => {
            undo();
            false
        }
        Err(errs) => {
            undo();
            let v: Vec<String> = errs
                .iter()
                .map(|d| match d.pos {
                    Some(_) => d.to_string(),
                    None => d.message.clone(),
                })
                .collect();
            return Saved::Refused(show(s, &f, &v, 422));
        }
    };
    let slug = s
        .plans
        .iter()
        .find(|(_, p)| *p == rel)
        .map_or(String::new(), |(a, _)| a.clone());
    Saved::Redirect(
        format!("/{}/{}/#{}", crate::urls::PLANS, slug, f.nv),
        changed,
    )
}

/// A safe name for an attachment: its own name folded to `[a-z0-9-]`, with its extension
/// when that is an allowed kind.
pub fn attachment_name(sent: &str) -> Option<String> {
    // Browsers send the bare name; some older ones the whole path.
    let base = sent.rsplit(['/', '\\']).next().unwrap_or(sent);
    let (stem, ext) = base.rsplit_once('.')?;
    let ext = ext.to_ascii_lowercase();
    if !ATTACHMENT_KINDS.contains(&ext.as_str()) {
        return None;
    }
    let mut stem = crate::vi::slugify(stem);
    stem.truncate(60);
    let stem = stem.trim_end_matches('-');
    let stem = if stem.is_empty() { "tai-lieu" } else { stem };
    Some(format!("{stem}.{ext}"))
}

/// Writes an attachment under `static/files/` with `name`, or `name-2`, `name-3` … when taken
/// (never over a file); returns its link (`/files/…`) and path.
fn save_attachment(
    static_dir: &Path,
    name: &str,
    data: &[u8],
) -> std::io::Result<(String, PathBuf)> {
    let dir = static_dir.join("files");
    std::fs::create_dir_all(&dir)?;
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
    for n in 1..1000 {
        let candidate = if n == 1 {
            name.to_string()
        } else {
            format!("{stem}-{n}.{ext}")
        };
        let target = dir.join(&candidate);
        // Written beside, then linked in only if the name is still free: an existing file is
        // never replaced, and a half-written attachment is never seen.
        let tmp = dir.join(format!(".{candidate}.kehoach-tmp"));
        std::fs::write(&tmp, data)?;
        let linked = std::fs::hard_link(&tmp, &target);
        let _ = std::fs::remove_file(&tmp);
        match linked {
            Ok(()) => return Ok((format!("/files/{candidate}"), target)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other(crate::tr!(
        crate::msg::FORM_TOO_MANY_NAMESAKES
    )))
}

/// The response of a refused request or a form page.
pub fn respond(p: Page) -> http::Response {
    http::response(
        p.status,
        &[
            ("Content-Type", "text/html; charset=utf-8"),
            ("Cache-Control", "no-store"),
            ("X-Content-Type-Options", "nosniff"),
            ("X-Frame-Options", "DENY"),
            ("Referrer-Policy", "same-origin"),
        ],
        p.html,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attachment_names_are_folded_and_limited_to_documents() {
        assert_eq!(
            attachment_name("Báo cáo số 12 (bản ký).PDF").as_deref(),
            Some("bao-cao-so-12-ban-ky.pdf")
        );
        assert_eq!(
            attachment_name("C:\\Users\\x\\Quyết định.docx").as_deref(),
            Some("quyet-dinh.docx")
        );
        assert_eq!(attachment_name("../../site.toml"), None);
        assert_eq!(attachment_name("x.html"), None);
        assert_eq!(attachment_name("noext"), None);
        assert_eq!(attachment_name("—.pdf").as_deref(), Some("tai-lieu.pdf"));
    }

    #[test]
    fn percent_decoding_refuses_bad_escapes() {
        assert_eq!(percent_decode("nv-i-1").as_deref(), Some("nv-i-1"));
        assert_eq!(percent_decode("a%2Fb+c").as_deref(), Some("a/b c"));
        assert_eq!(percent_decode("%E1%BA%A1").as_deref(), Some("ạ"));
        assert_eq!(percent_decode("%zz"), None);
        assert_eq!(percent_decode("%ff"), None);
    }

    #[test]
    fn tokens_are_random_and_compared_whole() {
        let (a, b) = (new_token(), new_token());
        assert_eq!(a.len(), 32);
        assert_ne!(a, b);
        assert!(same(&a, &a.clone()));
        assert!(!same(&a, &b));
        assert!(!same(&a, &a[..31]));
    }
}
