//! The catalogue of the messages a user reads, each in Vietnamese and in English.
//!
//! The editorial board reads Vietnamese; developers may ask for English (`--lang en`, or a
//! `LANG`/`LC_ALL`/`LC_MESSAGES` that starts with `en`; `KEHOACH_LANG=vi|en` overrides the
//! locale). Every message is one entry of [`ALL`] with both texts, so none exists in one
//! language only; a test walks the catalogue (both texts present, the same placeholders).
//!
//! A text names its values as `{name}` (`{{` and `}}` stand for braces) and is filled with
//! [`tr!`](crate::tr):
//!
//! ```
//! use kehoach::{msg, tr};
//! msg::set_lang(msg::Lang::En);
//! assert_eq!(tr!(msg::DIAG_ERROR), "error");
//! ```

use std::fmt::{self, Display};
use std::sync::atomic::{AtomicU8, Ordering};

/// The language of the messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Vi,
    En,
}

impl Lang {
    /// `vi` or `en` (any case, `vi-VN`, `en_US.UTF-8` …); `None` for anything else.
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        if s.starts_with("vi") {
            Some(Lang::Vi)
        } else if s.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The language the environment asks for: `KEHOACH_LANG`, else the first of `LC_ALL`,
    /// `LC_MESSAGES`, `LANG` that is set; English when it starts with `en`, Vietnamese
    /// otherwise (a Windows PC sets none of them).
    pub fn from_env() -> Lang {
        if let Some(l) = std::env::var("KEHOACH_LANG")
            .ok()
            .and_then(|v| Lang::parse(&v))
        {
            return l;
        }
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(v) = std::env::var(key)
                && !v.is_empty()
            {
                return Lang::parse(&v).unwrap_or(Lang::Vi);
            }
        }
        Lang::Vi
    }
}

/// 0 = not chosen yet (read from the environment on first use), 1 = Vi, 2 = En.
static LANG: AtomicU8 = AtomicU8::new(0);

/// Chooses the language of every message from now on (the command line's `--lang`).
pub fn set_lang(lang: Lang) {
    LANG.store(
        match lang {
            Lang::Vi => 1,
            Lang::En => 2,
        },
        Ordering::Relaxed,
    );
}

/// The language messages are written in.
pub fn lang() -> Lang {
    match LANG.load(Ordering::Relaxed) {
        1 => Lang::Vi,
        2 => Lang::En,
        _ => {
            // The library's own unit tests assert the English texts whatever the machine's
            // locale; the Vietnamese ones are asserted on the binary (tests/).
            let l = if cfg!(test) {
                Lang::En
            } else {
                Lang::from_env()
            };
            set_lang(l);
            l
        }
    }
}

/// One message in both languages.
#[derive(Debug, Clone, Copy)]
pub struct Msg {
    /// The constant's name, for tests and for developers looking a message up.
    pub id: &'static str,
    pub vi: &'static str,
    pub en: &'static str,
}

impl Msg {
    /// The text in the current language, placeholders unfilled.
    pub fn text(&self) -> &'static str {
        self.text_in(lang())
    }

    pub fn text_in(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Vi => self.vi,
            Lang::En => self.en,
        }
    }

    /// The text in the current language with each `{name}` replaced by its value. A name
    /// without a value is left as written (the catalogue test keeps that from happening).
    pub fn fill(&self, args: &[(&str, &dyn Display)]) -> String {
        fill(self.text(), args)
    }
}

/// Replaces `{name}` by its value in `args`; `{{` and `}}` are braces.
pub fn fill(text: &str, args: &[(&str, &dyn Display)]) -> String {
    use fmt::Write;
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
            continue;
        }
        if let Some(end) = tail.find('}').filter(|_| tail.starts_with('{')) {
            let name = &tail[1..end];
            if let Some((_, v)) = args.iter().find(|(k, _)| *k == name) {
                let _ = write!(out, "{v}");
                rest = &tail[end + 1..];
                continue;
            }
        }
        out.push_str(&tail[..1]);
        rest = &tail[1..];
    }
    out.push_str(rest);
    out
}

/// The placeholders of a text, in order of first appearance.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find(['{', '}']) {
        let tail = &rest[i..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            rest = &tail[2..];
            continue;
        }
        if tail.starts_with('{')
            && let Some(end) = tail.find('}')
        {
            let name = &tail[1..end];
            if !names.contains(&name) {
                names.push(name);
            }
            rest = &tail[end + 1..];
            continue;
        }
        rest = &tail[1..];
    }
    names
}

/// A message in the current language: `tr!(msg::X)`, or `tr!(msg::X, name = value, …)` for
/// a text with placeholders.
#[macro_export]
macro_rules! tr {
    ($msg:expr) => {
        $crate::msg::Msg::fill(&$msg, &[])
    };
    ($msg:expr, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::msg::Msg::fill(
            &$msg,
            &[$((stringify!($name), &$value as &dyn ::std::fmt::Display)),+],
        )
    };
}

macro_rules! catalogue {
    ($( $(#[$doc:meta])* $id:ident { vi: $vi:literal, en: $en:literal $(,)? } )*) => {
        $( $(#[$doc])* pub const $id: Msg = Msg { id: stringify!($id), vi: $vi, en: $en }; )*
        /// Every message of the catalogue.
        pub const ALL: &[Msg] = &[$($id),*];
    };
}

// The catalogue. Group entries by the part of the program that shows them; name each by what
// it says (`PLAN_DATE_BAD`), not where it is used.
catalogue! {
    // Recording progress: the preview's form, `import updates` (content/edit.rs, serve/form.rs,
    // import/updates.rs)
    EDIT_NEED_DATE { vi: "Chưa ghi ngày cập nhật.", en: "The update has no date." }
    EDIT_DATE_AFTER_TODAY {
        vi: "Ngày cập nhật {date} sau ngày hôm nay ({today}): chỉ ghi tiến độ đã có.",
        en: "The update is dated {date}, after today ({today}): record only progress already made.",
    }
    EDIT_OLDER_THAN_LATEST {
        vi: "Ngày cập nhật {date} trước lần cập nhật gần nhất của nhiệm vụ ({latest}): các lần cập nhật được ghi theo thứ tự thời gian, lần sau cùng là tình trạng hiện nay.",
        en: "The update is dated {date}, before the task's latest update ({latest}): updates are kept oldest first, the last one being the task's status.",
    }
    EDIT_NEED_STATUS { vi: "Chưa chọn tình trạng.", en: "The update has no status." }
    EDIT_PERCENT_RANGE {
        vi: "Tỷ lệ hoàn thành phải từ 0 đến 100, đã ghi {found}.",
        en: "The share done must be 0–100, found {found}.",
    }
    EDIT_COMPLETED_AFTER_DATE {
        vi: "Ngày hoàn thành ({completed}) sau ngày cập nhật ({date}): nhiệm vụ hoàn thành vào hoặc trước ngày báo cáo.",
        en: "The day completed ({completed}) is after the update's date ({date}): a task is completed on or before the day it is reported.",
    }
    EDIT_COMPLETED_NOT_DONE {
        vi: "Ngày hoàn thành chỉ ghi khi tình trạng là “Hoàn thành”.",
        en: "A day completed goes only with the status “done”.",
    }
    EDIT_EXTENSION_UNDATED {
        vi: "Thời hạn mới “{found}” không có ngày, tháng, quý hoặc năm: ghi như văn bản gia hạn, ví dụ “Tháng 6/2026” hoặc “30/6/2026”.",
        en: "The new deadline “{found}” has no day, month, quarter or year: write it as the document sets it, e.g. “Tháng 6/2026” or “30/6/2026”.",
    }
    EDIT_DOCUMENT_WITHOUT_EXTENSION {
        vi: "Số văn bản gia hạn chỉ ghi kèm thời hạn mới.",
        en: "The number of an extending document goes only with a new deadline.",
    }
    EDIT_LONE_CR {
        vi: "Tệp có ký tự xuống dòng kiểu cũ (CR) nên không ghi thêm được an toàn; không có gì bị thay đổi. Mở tệp bằng Notepad++ và lưu lại với kiểu xuống dòng Windows (CRLF) hoặc Unix (LF).",
        en: "The file has old-style line breaks (CR alone), so it cannot be added to safely; nothing was changed. Save it with Windows (CRLF) or Unix (LF) line breaks.",
    }
    EDIT_PLAN_HAS_ERRORS {
        vi: "Tệp kế hoạch đang có lỗi nên chưa ghi thêm được; không có gì bị thay đổi. Sửa các lỗi dưới đây (hoặc chạy `kehoach check`) rồi làm lại.",
        en: "The plan file has errors, so nothing can be added to it; nothing was changed. Fix the errors below (or run `kehoach check`), then try again.",
    }
    EDIT_NO_TASK {
        vi: "Kế hoạch không có nhiệm vụ `{id}`.",
        en: "The plan has no task `{id}`.",
    }
    EDIT_WOULD_BREAK {
        vi: "Không ghi được cập nhật mà vẫn giữ nguyên phần còn lại của tệp; không có gì bị thay đổi. Hãy ghi tay một dòng `- {{ date: …, status: … }}` dưới `updates:` của nhiệm vụ.",
        en: "The update cannot be added while keeping the rest of the file as it is; nothing was changed. Add a line `- {{ date: …, status: … }}` under the task's `updates:` by hand.",
    }
    EDIT_CANNOT_PLACE {
        vi: "Không tìm được chắc chắn chỗ ghi cập nhật trong tệp (nhiệm vụ viết trong `{{ … }}`, hoặc danh sách `updates:` trải trên nhiều dòng trong `[ … ]`); không có gì bị thay đổi. Hãy ghi tay một dòng `- {{ date: …, status: … }}` dưới `updates:` của nhiệm vụ.",
        en: "The place of the update in the file cannot be found for sure (a task written inside `{{ … }}`, or an `updates:` list spread over lines inside `[ … ]`); nothing was changed. Add a line `- {{ date: …, status: … }}` under the task's `updates:` by hand.",
    }

    FORM_NO_PLAN {
        vi: "Không tìm thấy kế hoạch này trong trang: mở lại trang kế hoạch rồi bấm “Cập nhật tiến độ” ở nhiệm vụ cần cập nhật.",
        en: "This plan is not one of the site's: open the plan page again and click “Cập nhật tiến độ” on the task.",
    }
    FORM_BAD_REQUEST {
        vi: "Yêu cầu gửi lên không đúng dạng biểu mẫu; không có gì bị thay đổi.",
        en: "The request is not a form submission; nothing was changed.",
    }
    FORM_TOO_LARGE {
        vi: "Tệp kèm theo lớn quá {mb} MB; không có gì bị thay đổi. Hãy nén hoặc chia nhỏ tệp.",
        en: "The attachment is larger than {mb} MB; nothing was changed. Compress or split the file.",
    }
    FORM_TOKEN_BAD {
        vi: "Yêu cầu không đến từ trang xem trước đang mở (thiếu hoặc sai mã phiên); không có gì bị thay đổi. Mở lại trang kế hoạch trong trình duyệt rồi gửi lại.",
        en: "The request does not come from the open preview (the session token is missing or wrong); nothing was changed. Open the plan page again and resend.",
    }
    FORM_ORIGIN_BAD {
        vi: "Yêu cầu đến từ một trang web khác; không có gì bị thay đổi.",
        en: "The request comes from another web site; nothing was changed.",
    }
    FORM_DAY_BAD {
        vi: "{field}: “{found}” không phải là một ngày; ghi theo dạng 20/01/2026.",
        en: "{field}: “{found}” is not a day; write it as 2026-01-20.",
    }
    FORM_PERCENT_BAD {
        vi: "Tỷ lệ hoàn thành: “{found}” không phải là số từ 0 đến 100; ghi số, không kèm dấu %, ví dụ 60.",
        en: "Share done: “{found}” is not a number from 0 to 100; write a number without %, e.g. 60.",
    }
    FORM_ATTACHMENT_KIND {
        vi: "Tệp kèm theo “{name}” không thuộc loại được nhận ({kinds}).",
        en: "The attachment “{name}” is not of a kind accepted ({kinds}).",
    }
    FORM_CANNOT_WRITE {
        vi: "Không ghi được tệp: {why}. Không có gì bị thay đổi; kiểm tra quyền ghi của thư mục trang rồi thử lại.",
        en: "Cannot write the file: {why}. Nothing was changed; check that the site folder is writable and try again.",
    }
    FORM_TOO_MANY_NAMESAKES {
        vi: "static/files/ đã có quá nhiều tệp cùng tên",
        en: "too many files of that name",
    }

    // Progress sheets: `export phieu`, `import updates` (progress.rs)
    SHEET_TOO_LARGE {
        vi: "Bảng tính lớn hơn {mb} MB, quá lớn đối với một phiếu cập nhật; không có gì bị thay đổi.",
        en: "The sheet is larger than {mb} MB, too large for a progress sheet; nothing was changed.",
    }
    SHEET_NOT_XLSX {
        vi: "Không đọc được tệp Excel (.xlsx) này; hãy mở bằng Excel và lưu lại dạng “Excel Workbook (.xlsx)” hoặc “CSV UTF-8”.",
        en: "This Excel (.xlsx) file cannot be read; open it in Excel and save it as “Excel Workbook (.xlsx)” or “CSV UTF-8”.",
    }
    SHEET_NOT_UTF8 {
        vi: "Tệp CSV không ở bảng mã UTF-8; trong Excel chọn Lưu thành → “CSV UTF-8 (phân cách bằng dấu phẩy)”.",
        en: "The CSV file is not UTF-8; in Excel choose Save As → “CSV UTF-8 (Comma delimited)”.",
    }
    SHEET_NO_HEADER {
        vi: "Bảng tính không có cột “{column}”; dùng phiếu do `kehoach export phieu` tạo ra và giữ nguyên dòng tiêu đề.",
        en: "The sheet has no column “{column}”; use the sheet `kehoach export phieu` writes and keep its header row.",
    }
    SHEET_PLACE {
        vi: "dòng {row}, cột {column} ({name}): {what}",
        en: "row {row}, column {column} ({name}): {what}",
    }
    SHEET_UNKNOWN_ID {
        vi: "mã nhiệm vụ “{id}” không có trong trang (kế hoạch đã đổi tên tệp, hoặc mã bị sửa); lấy phiếu mới bằng `kehoach export phieu`.",
        en: "the task id “{id}” is not in the site (the plan file was renamed, or the id edited); get a new sheet with `kehoach export phieu`.",
    }
    SHEET_DAY_BAD {
        vi: "“{found}” không phải là một ngày; ghi ngày báo cáo dạng 20/01/2026.",
        en: "“{found}” is not a day; write the day of the report as 20/01/2026.",
    }
    SHEET_DAY_PAST_MONTH {
        vi: "“{found}” không phải là một ngày: tháng {month} chỉ có {days} ngày.",
        en: "“{found}” is not a day: month {month} has {days} days.",
    }
    SHEET_STATUS_BAD {
        vi: "tình trạng “{found}” không hợp lệ; chọn một trong: {words}.",
        en: "the status “{found}” is not one of: {words}.",
    }
    SHEET_PERCENT_BAD {
        vi: "“{found}” không phải là số từ 0 đến 100; ghi số, ví dụ 60.",
        en: "“{found}” is not a number from 0 to 100; write a number, e.g. 60.",
    }
    SHEET_SUMMARY {
        vi: "{file}: {rows} dòng nhiệm vụ, {filled} dòng đã điền\n  thêm mới: {added} (vào {plans} kế hoạch)\n  không đổi (đã có cập nhật này): {unchanged}\n  mã nhiệm vụ không có: {unknown}\n  trước một cập nhật mới hơn đã có: {conflicts}\n  giá trị sai: {bad}",
        en: "{file}: {rows} task rows, {filled} filled in\n  added: {added} (to {plans} plans)\n  unchanged (already recorded): {unchanged}\n  unknown task ids: {unknown}\n  older than an update already recorded: {conflicts}\n  bad values: {bad}",
    }
    SHEET_NOTHING_WRITTEN {
        vi: "Chưa ghi gì vào các tệp kế hoạch vì có {n} dòng sai. Sửa các dòng trên trong bảng tính rồi nhập lại, hoặc thêm --skip-bad để chỉ ghi các dòng đúng.",
        en: "Nothing was written to the plan files: {n} row(s) are wrong. Fix them in the sheet and import again, or add --skip-bad to write the good rows only.",
    }
    SHEET_WRITTEN {
        vi: "Đã ghi {added} cập nhật vào {plans} tệp kế hoạch. Xem lại bằng `kehoach serve`, rồi `kehoach build`.",
        en: "Wrote {added} update(s) to {plans} plan file(s). Review them with `kehoach serve`, then `kehoach build`.",
    }
    SHEET_SKIPPED {
        vi: "Đã bỏ qua {n} dòng sai (--skip-bad).",
        en: "Skipped {n} wrong row(s) (--skip-bad).",
    }
    SHEET_EXPORTED {
        vi: "Đã ghi {file}: {n} nhiệm vụ chưa hoàn thành do {unit} chủ trì{period}. Gửi đơn vị điền các cột tô vàng, rồi nhập lại bằng `kehoach import updates {file}`.",
        en: "Wrote {file}: {n} open task(s) led by {unit}{period}. Send it to the unit to fill in the shaded columns, then import it with `kehoach import updates {file}`.",
    }
    SHEET_PERIOD {
        vi: ", đến hạn trong hoặc trước {period}",
        en: ", due in or before {period}",
    }

    // Diagnostics (diag.rs)
    DIAG_ERROR { vi: "lỗi", en: "error" }
    DIAG_WARNING { vi: "cảnh báo", en: "warning" }
    DIAG_HINT { vi: "gợi ý", en: "hint" }
    DIAG_MORE_FILES {
        vi: " (và {n} tệp khác vì cùng lý do)",
        en: " (and {n} more file(s) for the same reason)",
    }

    // Reading YAML (content/yaml.rs)
    YAML_TAB_INDENT {
        vi: "dòng này thụt lề bằng phím Tab; YAML chỉ cho thụt lề bằng dấu cách",
        en: "a tab is used for indentation; YAML only allows spaces",
    }
    YAML_TAB_INDENT_HINT {
        vi: "thay dấu Tab ở đầu dòng này bằng dấu cách (2 dấu cách cho mỗi bậc)",
        en: "replace the tab at the start of this line with spaces (2 per level)",
    }
    YAML_TOO_DEEP {
        vi: "YAML lồng sâu quá {max} bậc",
        en: "YAML nested deeper than {max} levels",
    }
    YAML_TOO_DEEP_BRACKETS_HINT {
        vi: "một kế hoạch chỉ cần vài bậc (nhóm → nhiệm vụ → cập nhật); kiểm tra lại các dấu ngoặc và thụt lề",
        en: "a plan needs at most a few levels (groups → tasks → updates); check the brackets and indentation",
    }
    YAML_TOO_DEEP_HINT {
        vi: "một kế hoạch chỉ cần vài bậc (nhóm → nhiệm vụ → cập nhật); kiểm tra lại thụt lề",
        en: "a plan needs at most a few levels (groups → tasks → updates); check the indentation",
    }
    YAML_INVALID {
        vi: "sai cú pháp YAML: {why}",
        en: "invalid YAML: {why}",
    }
    YAML_INVALID_HINT {
        vi: "kiểm tra thụt lề và dấu ngoặc kép ở dòng này; giá trị có chứa `: ` hoặc bắt đầu bằng `[`, `{{`, `*`, `&`, `!`, `|`, `>`, `'`, `\"`, `%`, `@` phải đặt trong ngoặc kép",
        en: "check the indentation and quoting on this line; values containing `: ` or starting with `[`, `{{`, `*`, `&`, `!`, `|`, `>`, `'`, `\"`, `%`, `@` must be quoted",
    }
    YAML_WHY_COLON {
        vi: "dấu `:` đặt sai chỗ (một giá trị có `: ` cần đặt trong ngoặc kép)",
        en: "illegal placement of ':' indicator",
    }
    YAML_WHY_MAPPING_VALUES {
        vi: "không được có `: ` ở đây (một giá trị có `: ` cần đặt trong ngoặc kép)",
        en: "mapping values are not allowed in this context",
    }
    YAML_WHY_UNCLOSED_FLOW {
        vi: "thiếu dấu ngoặc đóng `]` hoặc `}}`",
        en: "a `[` or `{{` is not closed",
    }
    YAML_UNCLOSED_QUOTE {
        vi: "thiếu dấu {quote} đóng: giá trị mở bằng {quote} ở đây chưa được đóng trên dòng này",
        en: "missing closing {quote}: the value opened with {quote} here is not closed on this line",
    }
    YAML_UNCLOSED_QUOTE_HINT {
        vi: "thêm dấu {quote} vào cuối giá trị: `{fixed}`",
        en: "add the closing {quote} at the end of the value: `{fixed}`",
    }
    YAML_ALIAS {
        vi: "không được dùng bí danh YAML (`*tên`) trong tệp của kehoach",
        en: "YAML aliases (`*name`) are not allowed in kehoach files",
    }
    YAML_ALIAS_HINT {
        vi: "viết đầy đủ giá trị thay vì trỏ tới một neo (`&tên`)",
        en: "write the value out in full instead of referring to an anchor",
    }
    YAML_KEY_NOT_NAME {
        vi: "tên mục phải là một từ, không phải danh sách hay nhóm mục",
        en: "a key must be a plain name, not a list or a map",
    }
    YAML_KEY_NOT_NAME_HINT {
        vi: "viết `tên_mục: giá trị`, tên mục là một từ đơn giản",
        en: "write `key: value` with a simple word as the key",
    }
    YAML_DUPLICATE_KEY {
        vi: "mục `{key}` được ghi hai lần (lần đầu ở dòng {line})",
        en: "duplicate key `{key}` (first given on line {line})",
    }
    YAML_DUPLICATE_KEY_HINT {
        vi: "xóa một trong hai dòng, hoặc gộp giá trị của chúng làm một",
        en: "remove one of the two, or merge their values",
    }
    YAML_KIND_TEXT { vi: "một giá trị chữ", en: "a text value" }
    YAML_KIND_LIST { vi: "một danh sách", en: "a list" }
    YAML_KIND_MAP { vi: "một nhóm mục", en: "a map of keys" }

    // Reading the fields of a content file (content/reader.rs)
    WHAT_PLAN { vi: "phần đầu kế hoạch", en: "a plan" }
    WHAT_GROUP { vi: "một nhóm nhiệm vụ", en: "a group" }
    WHAT_TASK { vi: "một nhiệm vụ", en: "a task" }
    WHAT_UPDATE { vi: "một dòng cập nhật", en: "an update" }
    WHAT_SIGNER { vi: "phần người ký (`signer`)", en: "signer" }
    WHAT_ATTACHMENT { vi: "một tệp đính kèm", en: "an attachment" }
    WHAT_UNIT { vi: "một đơn vị", en: "a unit" }
    WHAT_PAGE { vi: "phần đầu trang", en: "a page" }
    WHAT_ATTACHMENT_FILE { vi: "tệp đính kèm", en: "attachment" }
    WHAT_LINK_FILE { vi: "tệp của liên kết", en: "link" }
    STATIC_FILE_MISSING {
        vi: "không thấy {what} `{file}`: không có tệp static/{rel}",
        en: "{what} `{file}` not found: there is no static/{rel}",
    }
    STATIC_FILE_MISSING_HINT {
        vi: "đặt tệp vào thư mục `static/` của trang (ví dụ static/files/66-kh-ubnd.pdf cho `/files/66-kh-ubnd.pdf`), hoặc sửa lại đường dẫn",
        en: "put the file under the site's `static/` folder (e.g. static/files/66-kh-ubnd.pdf for `/files/66-kh-ubnd.pdf`), or correct the path",
    }
    MAP_EXPECTED {
        vi: "{what} phải gồm các dòng `tên mục: giá trị`, nhưng đang là {kind}",
        en: "{what} must be a map of `key: value` lines, found {kind}",
    }
    MAP_EXPECTED_HINT {
        vi: "các mục dùng được: {keys}",
        en: "known keys: {keys}",
    }
    VALUE_CUT_BY_COMMA {
        vi: "đoạn chữ `{text}` bị dấu phẩy tách khỏi giá trị đứng trước",
        en: "the text `{text}` was cut off from the value before it by a comma",
    }
    VALUE_CUT_BY_COMMA_HINT {
        vi: "trong cặp ngoặc `{{ … }}` dấu phẩy ngăn cách các mục: đặt cả giá trị trong ngoặc kép, `{fixed}`, hoặc viết mỗi mục một dòng",
        en: "inside `{{ … }}` a comma separates fields: put the whole value in quotes, `{fixed}`, or write the fields one per line",
    }
    UNKNOWN_KEY {
        vi: "mục `{key}` không dùng được trong {what}",
        en: "unknown key `{key}` in {what}",
    }
    UNKNOWN_KEY_DID_YOU_MEAN {
        vi: "có phải là `{near}`? Các mục của {what}: {keys}",
        en: "did you mean `{near}`? Known keys of {what}: {keys}",
    }
    UNKNOWN_KEY_HINT {
        vi: "các mục của {what}: {keys}",
        en: "known keys of {what}: {keys}",
    }
    TEXT_EXPECTED {
        vi: "`{field}` phải là một dòng chữ, nhưng đang là {kind}",
        en: "`{field}` must be text, found {kind}",
    }
    TEXT_EXPECTED_HINT {
        vi: "viết `{field}: …` trên một dòng, hoặc đặt chữ trong ngoặc kép",
        en: "write `{field}: …` on one line, or quote the text",
    }
    TEXT_LIST_EXPECTED {
        vi: "`{field}` phải là một dòng chữ hoặc một danh sách, nhưng đang là một nhóm mục",
        en: "`{field}` must be a text or a list of texts, found a map",
    }
    TEXT_LIST_EXPECTED_HINT {
        vi: "viết `{field}: [A, B]`, hoặc mỗi mục một dòng bắt đầu bằng `- `",
        en: "write `{field}: [A, B]` or one `- item` per line",
    }
    LIST_EXPECTED {
        vi: "`{field}` phải là một danh sách, nhưng đang là {kind}",
        en: "`{field}` must be a list, found {kind}",
    }
    LIST_EXPECTED_HINT {
        vi: "viết mỗi mục trên một dòng riêng, bắt đầu bằng `- `",
        en: "start each item on its own line with `- `",
    }
    BOOL_EXPECTED {
        vi: "`{field}` phải là true hoặc false, đang ghi `{value}`",
        en: "`{field}` must be true or false, found `{value}`",
    }
    BOOL_EXPECTED_HINT {
        vi: "ghi `{field}: true` (có) hoặc `{field}: false` (không)",
        en: "write `{field}: true` or `{field}: false`",
    }
    NUMBER_EXPECTED {
        vi: "`{field}` phải là một số nguyên, đang ghi `{value}`",
        en: "`{field}` must be a whole number, found `{value}`",
    }
    NUMBER_WITHOUT_PERCENT_HINT {
        vi: "ghi số, không kèm dấu %: `{field}: {fixed}`",
        en: "write the number without the % sign: `{field}: {fixed}`",
    }
    NUMBER_ALONE_HINT {
        vi: "chỉ ghi con số, không kèm chữ: `{field}: {fixed}`",
        en: "write the number alone: `{field}: {fixed}`",
    }
    NUMBER_HINT {
        vi: "ghi một số nguyên, ví dụ `{field}: {example}`",
        en: "write a whole number, e.g. `{field}: {example}`",
    }

    // Reading a plan file (content/plan.rs)
    FILE_NOT_UTF8 {
        vi: "tệp không phải chữ UTF-8 hợp lệ",
        en: "the file is not valid UTF-8 text",
    }
    FILE_NOT_UTF8_HINT {
        vi: "lưu lại tệp với bảng mã UTF-8 (trong Word hoặc Notepad: Save As → Encoding: UTF-8)",
        en: "save the file with the UTF-8 encoding (in Word or Notepad: Save As → Encoding: UTF-8)",
    }
    FRONT_MATTER_MISSING {
        vi: "tệp không bắt đầu bằng phần đầu (các dòng giữa hai dòng `---`)",
        en: "the file does not start with front matter",
    }
    FRONT_MATTER_MISSING_HINT {
        vi: "mở đầu tệp bằng một dòng `---`, rồi các mục của kế hoạch (`title: …`), rồi một dòng `---` nữa; nội dung văn bản viết sau đó",
        en: "begin the file with a line `---`, the plan's fields (`title: …`), and another line `---`; the prose follows",
    }
    FRONT_MATTER_UNCLOSED {
        vi: "phần đầu tệp chưa được đóng bằng dòng `---`",
        en: "the front matter is not closed",
    }
    FRONT_MATTER_UNCLOSED_HINT {
        vi: "thêm một dòng `---` sau mục cuối cùng, trước nội dung văn bản",
        en: "add a line `---` after the last field, before the plan's prose",
    }
    FRONT_MATTER_NOT_MAP {
        vi: "phần đầu tệp phải gồm các dòng `tên mục: giá trị`",
        en: "the front matter must be a map of `key: value` lines",
    }
    FRONT_MATTER_NOT_MAP_HINT {
        vi: "bắt đầu bằng `title: …`",
        en: "start with `title: …`",
    }
    REVIEW_MARK {
        vi: "chỗ này được đánh dấu `# kiểm tra lại` khi nhập từ văn bản",
        en: "marked `# kiểm tra lại` (to be checked) by the importer",
    }
    REVIEW_MARK_WHY {
        vi: "chỗ này được đánh dấu `# kiểm tra lại`: {why}",
        en: "marked `# kiểm tra lại` (to be checked): {why}",
    }
    REVIEW_MARK_HINT {
        vi: "đối chiếu giá trị này với văn bản đã ký, sửa nếu cần, rồi xóa ghi chú `# kiểm tra lại …`",
        en: "compare this value with the signed document, correct it if needed, then delete the comment `# kiểm tra lại …`",
    }
    PLAN_NO_TITLE {
        vi: "kế hoạch chưa có `title` (trích yếu)",
        en: "the plan has no `title`",
    }
    PLAN_NO_TITLE_HINT {
        vi: "thêm `title: …` ghi trích yếu của kế hoạch, ví dụ `title: Thực hiện Nghị quyết số 268/NQ-CP …`",
        en: "add `title: …` with the plan's trích yếu, e.g. `title: Thực hiện Nghị quyết số 268/NQ-CP …`",
    }
    PLAN_PLACEHOLDER {
        vi: "`{field}` vẫn là chữ mẫu của `kehoach new plan`: `{value}`",
        en: "`{field}` is still the placeholder of `kehoach new plan`: `{value}`",
    }
    PLAN_PLACEHOLDER_HINT {
        vi: "thay bằng đúng nội dung của văn bản đã ký; bỏ dòng này nếu văn bản không có mục ấy",
        en: "replace it with the text of the signed document; remove the line if the document has no such item",
    }
    PLAN_PLACEHOLDER_BODY {
        vi: "nội dung văn bản vẫn là chữ mẫu của `kehoach new plan`: `{value}`",
        en: "the prose is still the placeholder of `kehoach new plan`: `{value}`",
    }
    PLAN_PLACEHOLDER_BODY_HINT {
        vi: "thay bằng đúng nội dung của văn bản đã ký (từ đoạn mở đầu đến đoạn kết, trước \"Nơi nhận\")",
        en: "replace it with the text of the signed document (from its opening paragraph to its closing one, before \"Nơi nhận\")",
    }
    PLAN_DATE_BAD {
        vi: "`date` phải ghi dạng năm-tháng-ngày (YYYY-MM-DD) hoặc năm-tháng (YYYY-MM), đang ghi `{value}`",
        en: "`date` must be YYYY-MM-DD or YYYY-MM, found `{value}`",
    }
    PLAN_DATE_BAD_HINT {
        vi: "ghi ngày ban hành dạng `date: 2025-10-07`, hoặc `date: 2025-10` khi văn bản chưa điền ngày",
        en: "write the day of issue as `date: 2025-10-07`, or `date: 2025-10` while the day is blank",
    }
    DAY_BAD {
        vi: "`{field}` không phải một ngày đúng: `{value}`",
        en: "`{field}` must be a day like 2025-11-20, found `{value}`",
    }
    UPDATE_DATE_BAD {
        vi: "ngày cập nhật (`date`) không đúng: `{value}`",
        en: "update `date` must be a day like 2025-11-20, found `{value}`",
    }
    DAY_FORM_HINT {
        vi: "ghi ngày dạng năm-tháng-ngày, ví dụ `{field}: 2025-11-20`",
        en: "write the day as year-month-day, e.g. `{field}: 2025-11-20`",
    }
    DAY_MONTH_LENGTH_HINT {
        vi: "tháng {month} chỉ có {days} ngày: sửa lại đúng ngày ghi trong văn bản, ví dụ `{field}: {fixed}`",
        en: "month {month} has only {days} days: write the day the document gives, e.g. `{field}: {fixed}`",
    }
    DAY_FEBRUARY_HINT {
        vi: "tháng 2 năm {year} chỉ có {days} ngày: sửa lại đúng ngày ghi trong văn bản, ví dụ `{field}: {fixed}`",
        en: "February {year} has only {days} days: write the day the document gives, e.g. `{field}: {fixed}`",
    }
    DAY_NO_SUCH_MONTH_SWAPPED_HINT {
        vi: "không có tháng {month} (tháng chỉ từ 1 đến 12); có lẽ đã đảo ngày và tháng: `{field}: {fixed}`",
        en: "there is no month {month} (months run from 1 to 12); perhaps the day and the month are swapped: `{field}: {fixed}`",
    }
    DAY_NO_SUCH_MONTH_HINT {
        vi: "không có tháng {month} (tháng chỉ từ 1 đến 12): ghi ngày dạng năm-tháng-ngày, ví dụ `{field}: 2025-11-20`",
        en: "there is no month {month} (months run from 1 to 12): write the day as year-month-day, e.g. `{field}: 2025-11-20`",
    }
    DAY_WRITTEN_DMY {
        vi: "`{field}` ghi theo kiểu ngày/tháng/năm (`{value}`); trong tệp, ngày ghi theo năm-tháng-ngày",
        en: "`{field}` is written day/month/year (`{value}`); files write days year-month-day",
    }
    DAY_WRITTEN_DMY_HINT {
        vi: "đã đọc là ngày {day} tháng {month} năm {year}; ghi lại thành `{field}: {iso}`",
        en: "read as day {day} of month {month}, {year}; write it `{field}: {iso}`",
    }
    PUBLISHED_HINT {
        vi: "ghi ngày kế hoạch được đăng lần đầu lên cổng dạng `published: 2025-10-08`, hoặc bỏ mục này: lần dựng đầu tiên đăng kế hoạch sẽ tự ghi ngày",
        en: "write the day the plan was first published on the portal as `published: 2025-10-08`, or leave it out: the first build that publishes the plan records that day",
    }
    PATH_IS_ADDRESS {
        vi: "phải là đường dẫn trong trang, không phải một địa chỉ web",
        en: "must be a path inside the site, not an address",
    }
    PATH_BACKSLASH {
        vi: "dùng dấu `\\`; đường dẫn viết bằng dấu `/`",
        en: "uses `\\`; write paths with `/`",
    }
    PATH_OUTSIDE {
        vi: "trỏ ra ngoài trang (không được dùng `..`)",
        en: "goes outside the site (`..` is not allowed)",
    }
    PATH_EMPTY { vi: "để trống", en: "is empty" }
    ATTACHMENT_BAD_PATH {
        vi: "tệp đính kèm `{file}` {why}",
        en: "attachment `{file}` {why}",
    }
    ATTACHMENT_BAD_PATH_HINT {
        vi: "đặt tệp vào thư mục `static/` và ghi đường dẫn tính từ gốc trang, ví dụ `/files/66-kh-ubnd.pdf`",
        en: "put the file under `static/` and write its path from the site root, e.g. `/files/66-kh-ubnd.pdf`",
    }
    ATTACHMENT_NO_FILE {
        vi: "tệp đính kèm chưa có `file`",
        en: "an attachment needs a `file`",
    }
    ATTACHMENT_NO_FILE_HINT {
        vi: "ghi `{{ title: Bản ký số, file: /files/66-kh-ubnd.pdf }}`",
        en: "write `{{ title: Bản ký số, file: /files/66-kh-ubnd.pdf }}`",
    }
    NUMBERING_BAD {
        vi: "`numbering` chỉ được là `per-group` hoặc `continuous`, đang ghi `{value}`",
        en: "`numbering` must be `per-group` or `continuous`, found `{value}`",
    }
    NUMBERING_BAD_HINT {
        vi: "ghi `numbering: continuous` khi văn bản đánh số nhiệm vụ liên tục 1..N qua các nhóm, `numbering: per-group` khi mỗi nhóm đánh số lại từ 1",
        en: "use `continuous` when the document numbers tasks 1..N across groups",
    }
    GROUPS_MIXED {
        vi: "danh sách này lẫn nhóm và nhiệm vụ: mục này là một nhiệm vụ trong khi các mục khác là nhóm",
        en: "this list mixes groups and tasks: this item is a task but others are groups",
    }
    GROUPS_MIXED_HINT {
        vi: "đưa nhiệm vụ này vào `tasks:` của một nhóm, hoặc bỏ các nhóm và liệt kê mọi nhiệm vụ liền nhau",
        en: "put this task inside a group's `tasks:`, or remove the groups and list all tasks flat",
    }
    TASK_NO_CONTENT {
        vi: "nhiệm vụ chưa có `content` (nội dung)",
        en: "a task has no `content`",
    }
    TASK_NO_CONTENT_HINT {
        vi: "ghi việc phải làm đúng như văn bản: `content: …`",
        en: "write what is to be done as `content: …`",
    }
    TASK_NUMBER_SKIPS {
        vi: "số thứ tự nhiệm vụ bỏ qua {missing}",
        en: "task numbering skips {missing}",
    }
    TASK_NUMBER_SKIPS_IN_GROUP {
        vi: "số thứ tự nhiệm vụ bỏ qua {missing} trong nhóm {group}",
        en: "task numbering skips {missing} in group {group}",
    }
    TASK_NUMBER_SKIPS_HINT {
        vi: "để nguyên nếu văn bản đã ký cũng bỏ qua số này; nếu không, đánh số lại các nhiệm vụ",
        en: "this is fine when the signed document skips it too; otherwise renumber the tasks",
    }
    TASK_ID_BAD {
        vi: "`id` của nhiệm vụ `{id}` chỉ được gồm chữ a–z, số 0–9 và dấu `-`",
        en: "task `id` `{id}` may only contain a–z, 0–9 and `-`",
    }
    TASK_ID_BAD_HINT {
        vi: "ví dụ `id: {fixed}`",
        en: "for example `id: {fixed}`",
    }
    TASK_ID_TWICE {
        vi: "hai nhiệm vụ của kế hoạch này có cùng mã neo `{id}` (nhiệm vụ kia ở dòng {line})",
        en: "two tasks of this plan have the anchor `{id}` (the other is on line {line})",
    }
    TASK_ID_TWICE_HINT {
        vi: "đổi `no:` của một trong hai nhiệm vụ, hoặc ghi cho nó một `id:` khác",
        en: "give one of them a different `no:` or an explicit `id:`",
    }
    DEADLINE_NOT_UNDERSTOOD {
        vi: "không hiểu thời hạn `{due}`: vẫn hiện đúng như viết, nhưng không sắp xếp, lọc, tính quá hạn hay đưa vào lịch được",
        en: "the deadline `{due}` is not understood: it is shown as written but cannot be sorted, filtered, marked overdue or put in the calendar",
    }
    DEADLINE_NOT_UNDERSTOOD_HINT {
        vi: "ghi như các văn bản vẫn ghi, ví dụ `Tháng 12/2025`, `Quý III-IV/2025`, `trước ngày 10/12/2025`, `Năm 2026`, `Thường xuyên`, `Sau khi có hướng dẫn của …` (docs/format.md liệt kê mọi cách ghi)",
        en: "write it as the plans do, e.g. `Tháng 12/2025`, `Quý III-IV/2025`, `trước ngày 10/12/2025`, `Năm 2026`, `Thường xuyên`, `Sau khi có hướng dẫn của …` (docs/format.md lists every form)",
    }
    UPDATE_NO_DATE {
        vi: "dòng cập nhật chưa có `date` (ngày báo cáo)",
        en: "an update needs a `date`",
    }
    UPDATE_NO_DATE_HINT {
        vi: "ghi ngày báo cáo dạng năm-tháng-ngày: `date: 2025-11-20`",
        en: "write `date: 2025-11-20`",
    }
    STATUS_UNKNOWN {
        vi: "tình trạng `{value}` không hợp lệ",
        en: "unknown status `{value}`",
    }
    STATUS_UNKNOWN_HINT {
        vi: "ghi một trong các tình trạng: `chưa thực hiện`, `đang thực hiện`, `hoàn thành`, `dừng thực hiện` (hoặc not_started, in_progress, done, cancelled)",
        en: "write one of `chưa thực hiện`, `đang thực hiện`, `hoàn thành`, `dừng thực hiện` (or not_started, in_progress, done, cancelled)",
    }
    STATUS_DID_YOU_MEAN_HINT {
        vi: "có phải là `status: {status}`? Các tình trạng được nhận: `chưa thực hiện`, `đang thực hiện`, `hoàn thành`, `dừng thực hiện` (hoặc not_started, in_progress, done, cancelled)",
        en: "did you mean `status: {status}`? The statuses are `chưa thực hiện`, `đang thực hiện`, `hoàn thành`, `dừng thực hiện` (or not_started, in_progress, done, cancelled)",
    }
    UPDATE_NO_STATUS {
        vi: "dòng cập nhật chưa có `status` (tình trạng)",
        en: "an update needs a `status`",
    }
    PERCENT_RANGE {
        vi: "`percent` phải từ 0 đến 100, đang ghi {value}",
        en: "`percent` must be 0–100, found {value}",
    }
    PERCENT_RANGE_HINT {
        vi: "ghi phần trăm công việc đã làm, ví dụ `percent: 60`",
        en: "write the share of the task done, e.g. `percent: 60`",
    }
    LINK_BAD {
        vi: "liên kết `{link}` {why}",
        en: "link `{link}` {why}",
    }
    LINK_BAD_HINT {
        vi: "liên kết tới một tệp trong `static/` (`/files/bc-12.pdf`) hoặc một địa chỉ http(s)",
        en: "link to a file under `static/` (`/files/bc-12.pdf`) or to an http(s) address",
    }
    EXTENDED_TO_BAD {
        vi: "`extended_to` phải là một thời hạn có ngày, tháng, quý hoặc năm, đang ghi `{value}`",
        en: "`extended_to` must be a deadline with a day, month, quarter or year, found `{value}`",
    }
    EXTENDED_TO_BAD_HINT {
        vi: "ghi thời hạn mới đúng như văn bản gia hạn: `extended_to: Tháng 6/2026` hoặc `extended_to: 30/6/2026`",
        en: "write the new deadline as the document sets it: `extended_to: Tháng 6/2026` or `extended_to: 30/6/2026`",
    }
    EXTENSION_NO_DOCUMENT {
        vi: "gia hạn mà không ghi văn bản nào cho gia hạn",
        en: "a deadline extension cites no document",
    }
    EXTENSION_NO_DOCUMENT_HINT {
        vi: "thêm số hiệu văn bản cho gia hạn: `document: 25/QĐ-UBND`",
        en: "add the number of the document that extended it: `document: 25/QĐ-UBND`",
    }
    COMPLETED_NOT_DONE {
        vi: "`completed` ghi ở dòng cập nhật không phải `hoàn thành`",
        en: "`completed` is on an update that does not say `done`",
    }
    COMPLETED_NOT_DONE_HINT {
        vi: "ghi `completed:` ở dòng cập nhật có `status: hoàn thành` (`done`)",
        en: "write `completed:` on the update with `status: done`",
    }
    COMPLETED_AFTER_UPDATE {
        vi: "nhiệm vụ được ghi hoàn thành ngày {day}, sau ngày của dòng cập nhật báo việc đó ({date})",
        en: "the task is said completed on {day}, after the update that reports it ({date})",
    }
    COMPLETED_AFTER_UPDATE_HINT {
        vi: "nhiệm vụ hoàn thành vào hoặc trước ngày báo cáo: kiểm tra lại cả hai ngày",
        en: "a task is completed on or before the day it is reported: check both dates",
    }
    UPDATE_OUT_OF_ORDER {
        vi: "dòng cập nhật này ({date}) cũ hơn dòng đứng trước nó ({prev})",
        en: "this update ({date}) is older than the one before it ({prev})",
    }
    UPDATE_OUT_OF_ORDER_HINT {
        vi: "xếp các dòng cập nhật từ cũ đến mới: dòng cuối cùng là tình trạng hiện nay của nhiệm vụ",
        en: "list updates oldest first: the last one is the task's status",
    }
    EXTENSION_BACKWARDS {
        vi: "gia hạn này lùi thời hạn lại, từ {from} về {to}",
        en: "this extension moves the deadline backwards, from {from} to {to}",
    }
    EXTENSION_BACKWARDS_HINT {
        vi: "gia hạn là cho thêm thời gian: đối chiếu thời hạn mới với văn bản",
        en: "an extension (gia hạn) gives more time: check the new deadline against the document",
    }
    STATED_TOTAL_DIFFERS {
        vi: "văn bản ghi {stated} nhiệm vụ nhưng bảng có {count}",
        en: "the document states {stated} tasks but its table has {count}",
    }
    STATED_TOTAL_DIFFERS_HINT {
        vi: "giữ nguyên nếu chính văn bản đã ký ghi như vậy; nếu không, thêm các nhiệm vụ còn thiếu",
        en: "keep both when the signed document itself differs; otherwise add the missing tasks",
    }

    // Loading a site (site/load.rs)
    UNITS_MISSING {
        vi: "chưa có danh mục đơn vị: mọi đơn vị hiện như chữ thường, không có trang riêng",
        en: "there is no registry of units: every unit is shown as plain text without a page",
    }
    UNITS_MISSING_HINT {
        vi: "tạo tệp content/units.yaml ghi mỗi đơn vị với `name` (tên) và `aliases` (các cách viết khác)",
        en: "create content/units.yaml listing each unit with its `name` and `aliases`",
    }
    PLAN_ADDRESS_TAKEN {
        vi: "địa chỉ `{wanted}/` đã thuộc về một kế hoạch khác hoặc được dành riêng; kế hoạch này được đăng ở `{address}/`",
        en: "the address `{wanted}/` is taken by another plan or reserved; this plan is published at `{address}/`",
    }
    PLAN_ADDRESS_TAKEN_HINT {
        vi: "đổi tên tệp để mỗi kế hoạch có một địa chỉ riêng",
        en: "rename the file so that each plan has its own address",
    }
    NO_PLANS {
        vi: "chưa có kế hoạch nào",
        en: "there are no plans yet",
    }
    NO_PLANS_HINT {
        vi: "thêm một kế hoạch bằng lệnh `kehoach new plan TÊN`",
        en: "add a plan with `kehoach new plan NAME`",
    }
    FILE_UNREADABLE {
        vi: "không đọc được tệp: {error}",
        en: "cannot read the file: {error}",
    }
    FILE_UNREADABLE_HINT {
        vi: "kiểm tra tệp có tồn tại và có quyền đọc không",
        en: "check that the file exists and is readable",
    }
    FILE_TOO_LARGE {
        vi: "tệp nặng {size} MB; một tệp kế hoạch chỉ được tối đa {max} MB",
        en: "the file is {size} MB; a plan file may be at most {max} MB",
    }
    FILE_TOO_LARGE_HINT {
        vi: "chia thành nhiều kế hoạch, hoặc đưa phần tài liệu lớn thành tệp đính kèm trong static/",
        en: "split it into several plans, or move large material into an attachment under static/",
    }
    LINKED_PLAN_FOLDER {
        vi: "thư mục này là một liên kết tượng trưng (symbolic link) nên các kế hoạch trong đó bị bỏ qua: liên kết không được dò theo, để nội dung không lấy tệp từ ngoài trang",
        en: "this folder is a symbolic link and the plans in it are skipped: links are not followed, so that content cannot pull files from outside the site",
    }
    LINKED_PAGE_FOLDER {
        vi: "thư mục này là một liên kết tượng trưng (symbolic link) nên các trang trong đó bị bỏ qua: liên kết không được dò theo, để nội dung không lấy tệp từ ngoài trang",
        en: "this folder is a symbolic link and the pages in it are skipped: links are not followed, so that content cannot pull files from outside the site",
    }
    LINKED_PLAN {
        vi: "kế hoạch này là một liên kết tượng trưng (symbolic link) nên bị bỏ qua: liên kết không được dò theo, để nội dung không lấy tệp từ ngoài trang",
        en: "this plan is a symbolic link and is skipped: links are not followed, so that content cannot pull files from outside the site",
    }
    LINKED_PAGE {
        vi: "trang này là một liên kết tượng trưng (symbolic link) nên bị bỏ qua: liên kết không được dò theo, để nội dung không lấy tệp từ ngoài trang",
        en: "this page is a symbolic link and is skipped: links are not followed, so that content cannot pull files from outside the site",
    }
    LINKED_STATIC_FOLDER {
        vi: "thư mục này là một liên kết tượng trưng (symbolic link) nên các tệp trong đó không được đăng: liên kết không được dò theo, để nội dung không lấy tệp từ ngoài trang",
        en: "this folder is a symbolic link and the files in it are not published: links are not followed, so that content cannot pull files from outside the site",
    }
    LINKED_STATIC_FILE {
        vi: "tệp này là một liên kết tượng trưng (symbolic link) nên không được đăng: liên kết không được dò theo, để nội dung không lấy tệp từ ngoài trang",
        en: "this static file is a symbolic link and is not published: links are not followed, so that content cannot pull files from outside the site",
    }
    LINKED_FOLDER_HINT {
        vi: "chép cả thư mục vào đây thay vì tạo liên kết",
        en: "copy the folder here instead of linking it",
    }
    LINKED_FILE_HINT {
        vi: "chép tệp vào đây thay vì tạo liên kết",
        en: "copy the file here instead of linking it",
    }
    LINKED_STATIC_FOLDER_HINT {
        vi: "chép cả thư mục vào static/ thay vì tạo liên kết",
        en: "copy the folder into static/ instead of linking it",
    }
    LINKED_STATIC_FILE_HINT {
        vi: "chép tệp vào static/ thay vì tạo liên kết",
        en: "copy the file into static/ instead of linking it",
    }
    PAGE_NO_TITLE {
        vi: "trang chưa có `title` (tiêu đề)",
        en: "the page has no `title`",
    }
    PAGE_NO_TITLE_HINT {
        vi: "thêm `title: Giới thiệu` vào phần đầu trang",
        en: "add `title: Giới thiệu` to its front matter",
    }
    LINK_NO_PLAN {
        vi: "liên kết `{link}` không trỏ tới kế hoạch nào của trang",
        en: "link `{link}` names no plan of this site",
    }
    LINK_NO_PLAN_HINT {
        vi: "địa chỉ của một kế hoạch là `{prefix}<tên tệp, bỏ .md>/`, ví dụ `{prefix}an-thanh-66-kh-ubnd/`",
        en: "a plan's address is `{prefix}<file name without .md>/`, e.g. `{prefix}an-thanh-66-kh-ubnd/`",
    }
    UNIT_UNKNOWN {
        vi: "đơn vị `{unit}` chưa có trong content/units.yaml; chỉ hiện như chữ thường",
        en: "unit `{unit}` is not in content/units.yaml; it is shown as plain text",
    }
    UNIT_UNKNOWN_DID_YOU_MEAN_HINT {
        vi: "có phải là `{near}`? Nếu đúng, thêm `{unit}` vào `aliases` của đơn vị đó trong content/units.yaml; nếu không, thêm một đơn vị mới vào đó",
        en: "did you mean `{near}`? If so, add `{unit}` to its `aliases` in content/units.yaml; otherwise add a new unit there",
    }
    UNIT_UNKNOWN_HINT {
        vi: "thêm đơn vị vào content/units.yaml (với cách viết này là `name` hoặc một mục của `aliases`)",
        en: "add the unit to content/units.yaml (with this spelling as `name` or in `aliases`)",
    }
    UPDATE_AFTER_TODAY {
        vi: "ngày cập nhật {date} sau ngày hôm nay ({today})",
        en: "the update is dated {date}, after today ({today})",
    }
    UPDATE_AFTER_TODAY_HINT {
        vi: "một dòng cập nhật ghi việc đã xảy ra: sửa lại ngày báo cáo (hay gõ nhầm năm hoặc tháng), ví dụ `date: {today}`",
        en: "an update reports what has happened: correct the day of the report (a mistyped year or month is common), e.g. `date: {today}`",
    }
    PLAN_SAME_NUMBER {
        vi: "kế hoạch số {number} của {issuer} có hai tệp: {first} và {second}",
        en: "plan {number} of {issuer} is in two files: {first} and {second}",
    }
    PLAN_SAME_NUMBER_NO_ISSUER {
        vi: "kế hoạch số {number} có hai tệp: {first} và {second}",
        en: "plan {number} is in two files: {first} and {second}",
    }
    PLAN_SAME_TITLE_AND_DATE {
        vi: "hai tệp {first} và {second} cùng ghi một kế hoạch (cùng trích yếu, cùng ngày {date})",
        en: "the files {first} and {second} hold the same plan (the same title, the same date {date})",
    }
    PLAN_TWICE_HINT {
        vi: "mỗi kế hoạch chỉ ghi trong một tệp, nếu không mọi nhiệm vụ của nó bị đếm hai lần: xóa một tệp, hoặc sửa số hiệu, trích yếu hay ngày cho đúng văn bản",
        en: "a plan is written in one file only, or each of its tasks is counted twice: delete one of the files, or correct the number, title or date to the document's",
    }

    // Settings (config.rs)
    SETTINGS_UNREADABLE {
        vi: "không đọc được site.toml: {error}",
        en: "cannot read site.toml: {error}",
    }
    SETTINGS_UNREADABLE_HINT {
        vi: "chạy `kehoach init THƯ_MỤC` để tạo một trang mới, hoặc chỉ tới thư mục trang bằng `--root THƯ_MỤC`",
        en: "run `kehoach init DIR` to create a site, or pass `--root DIR` to point at one",
    }
    SETTINGS_UNKNOWN_KEY {
        vi: "site.toml không dùng mục `{key}`",
        en: "unknown key `{key}` in site.toml",
    }
    SETTINGS_UNKNOWN_KEY_DID_YOU_MEAN_HINT {
        vi: "có phải là `{near}`? Các mục dùng được: {keys}",
        en: "did you mean `{near}`? Known keys: {keys}",
    }
    SETTINGS_MISSING_KEY {
        vi: "site.toml chưa có `{key}`",
        en: "site.toml has no `{key}`",
    }
    SETTINGS_MISSING_KEY_HINT {
        vi: "thêm một dòng `{key} = \"…\"`",
        en: "add a line `{key} = \"…\"`",
    }
    SETTINGS_INVALID {
        vi: "site.toml viết sai: {why}",
        en: "site.toml: {why}",
    }
    SETTINGS_INVALID_HINT {
        vi: "xem các mục của site.toml trong README (docs/format.md); chữ phải đặt trong ngoặc kép: `title = \"Kế hoạch xã …\"`",
        en: "see the settings in the README (docs/format.md)",
    }
    SETTINGS_BASE_URL_BAD {
        vi: "`base_url` phải bắt đầu bằng https://, http:// hoặc /, đang ghi `{value}`",
        en: "`base_url` must start with https://, http:// or /, found `{value}`",
    }
    SETTINGS_BASE_URL_BAD_HINT {
        vi: "ghi địa chỉ đăng trang, ví dụ `base_url = \"https://anthanh.haiphong.gov.vn/ke-hoach\"`, hoặc bỏ dòng này để dùng liên kết tương đối",
        en: "write the address the site is served at, e.g. `base_url = \"https://anthanh.haiphong.gov.vn/ke-hoach\"`, or remove it for relative links",
    }
    SETTINGS_THEME_BAD {
        vi: "`theme` phải là tên một thư mục trong themes/, đang ghi `{value}`",
        en: "`theme` must be the name of a folder under themes/, found `{value}`",
    }
    SETTINGS_THEME_BAD_HINT {
        vi: "chỉ ghi tên thư mục, ví dụ `theme = \"xa-an-thanh\"` cho themes/xa-an-thanh/, hoặc bỏ `theme` để dùng giao diện mặc định",
        en: "write only the folder's name, e.g. `theme = \"xa-an-thanh\"` for themes/xa-an-thanh/, or remove `theme` to use the default theme",
    }
    SETTINGS_PAGE_SIZE_ZERO {
        vi: "`page_size` phải từ 1 trở lên",
        en: "`page_size` must be at least 1",
    }
    SETTINGS_PAGE_SIZE_ZERO_HINT {
        vi: "100 là cỡ vừa phải: `page_size = 100`",
        en: "100 is a good size",
    }

    // The build's day (lib.rs)
    TODAY_BAD {
        vi: "`{value}` không phải một ngày",
        en: "`{value}` is not a date",
    }
    TODAY_BAD_HINT {
        vi: "ghi theo năm-tháng-ngày, ví dụ --today 2026-01-15",
        en: "write it as YYYY-MM-DD, e.g. --today 2026-01-15",
    }
    EPOCH_NOT_A_NUMBER {
        vi: "`{value}` không phải một số giây",
        en: "`{value}` is not a number of seconds",
    }
    EPOCH_OUT_OF_RANGE {
        vi: "`{value}` vượt quá giới hạn",
        en: "`{value}` is out of range",
    }
    EPOCH_HINT {
        vi: "đặt một thời điểm Unix, ví dụ SOURCE_DATE_EPOCH=1767225600",
        en: "set it to a Unix time, e.g. SOURCE_DATE_EPOCH=1767225600",
    }

    // Writing files (scaffold.rs, output.rs, render/, search/)
    FILE_EXISTS {
        vi: "tệp đã có",
        en: "the file already exists",
    }
    FILE_EXISTS_HINT {
        vi: "chọn tên khác, hoặc xóa tệp đó trước",
        en: "choose another name, or remove the file first",
    }
    FOLDER_NOT_CREATED {
        vi: "không tạo được thư mục: {error}",
        en: "cannot create the folder: {error}",
    }
    CANNOT_WRITE {
        vi: "không ghi được: {error}",
        en: "cannot write: {error}",
    }
    CHECK_PERMISSIONS_HINT {
        vi: "kiểm tra quyền ghi vào thư mục",
        en: "check the permissions",
    }
    CANNOT_WRITE_OUTPUT {
        vi: "không ghi được thư mục xuất: {error}",
        en: "cannot write the output: {error}",
    }
    OUTPUT_WRITABLE_HINT {
        vi: "kiểm tra thư mục xuất có quyền ghi và ổ đĩa còn chỗ trống",
        en: "check that the output folder is writable and the disk is not full",
    }
    CANNOT_MAKE {
        vi: "không tạo được: {error}",
        en: "cannot make: {error}",
    }
    CANNOT_REMOVE {
        vi: "không xóa được: {error}",
        en: "cannot remove: {error}",
    }
    OUTPUT_FOLDER_WRITABLE_HINT {
        vi: "kiểm tra thư mục xuất có quyền ghi",
        en: "check that the output folder is writable",
    }
    INIT_FOLDER_NOT_EMPTY {
        vi: "thư mục đã có và không trống",
        en: "the folder exists and is not empty",
    }
    INIT_FOLDER_NOT_EMPTY_HINT {
        vi: "chọn một tên thư mục mới: `kehoach init xa-moi`",
        en: "choose a new folder name: `kehoach init xa-moi`",
    }
    NEW_PLAN_EMPTY_NAME {
        vi: "`{name}` cho ra một tên tệp rỗng",
        en: "`{name}` gives an empty file name",
    }
    NEW_PLAN_EMPTY_NAME_HINT {
        vi: "dùng chữ và số, ví dụ `kehoach new plan 12-kh-ubnd-2026`",
        en: "use letters and digits, e.g. `kehoach new plan 12-kh-ubnd-2026`",
    }
    NOT_A_SITE {
        vi: "đây không phải thư mục trang của kehoach (không có site.toml)",
        en: "this is not a kehoach site (no site.toml)",
    }
    NOT_A_SITE_HINT {
        vi: "chạy lệnh trong thư mục trang, hoặc chỉ tới nó bằng --root THƯ_MỤC",
        en: "run the command in the site folder, or pass --root DIR",
    }
    OUTPUT_REFUSED_HINT {
        vi: "{hint}; thư mục xuất bị thay toàn bộ ở mỗi lần dựng, nên kehoach không bao giờ ghi vào nơi có tệp của bạn",
        en: "{hint}; the output folder is replaced whole by each build, so kehoach never writes where your files are",
    }
    OUTPUT_IS_SITE {
        vi: "thư mục xuất chính là thư mục trang: dựng vào đó sẽ xoá site.toml, content/ và static/",
        en: "the output is the site itself: building into it would delete site.toml, content/ and static/",
    }
    OUTPUT_CONTAINS_SITE {
        vi: "thư mục xuất chứa thư mục trang {site}: dựng vào đó sẽ xoá các tệp nguồn",
        en: "the output contains the site {site}: building into it would delete the sources",
    }
    OUTPUT_IN_SOURCES {
        vi: "thư mục xuất nằm trong {dir}/ của trang: đó là tệp nguồn, không phải nơi xuất bản",
        en: "the output lies inside the site's {dir}/: those are sources, not a place to publish",
    }
    OUTPUT_OTHER_FOLDER_HINT {
        vi: "chọn thư mục xuất khác, ví dụ bỏ `--output` để dùng `public/` trong thư mục trang",
        en: "choose another output folder, e.g. leave out `--output` to use `public/` in the site folder",
    }
    OUTPUT_IS_FILE {
        vi: "đường dẫn xuất đã có và là một tệp, không phải thư mục",
        en: "the output path is a file, not a folder",
    }
    OUTPUT_IS_FILE_HINT {
        vi: "chọn thư mục xuất khác, hoặc tự xoá tệp đó nếu nó không còn cần",
        en: "choose another output folder, or delete that file yourself if it is no longer needed",
    }
    OUTPUT_NOT_OURS {
        vi: "thư mục xuất đã có tệp và không phải do kehoach tạo (không có tệp {marker}): kehoach không thay thư mục này",
        en: "the output folder holds files no build made (it has no {marker}): kehoach does not replace it",
    }
    OUTPUT_NOT_OURS_HINT {
        vi: "chọn một thư mục trống hoặc chưa có, hoặc tự chuyển các tệp trong đó đi nơi khác rồi dựng lại",
        en: "choose an empty or new folder, or move its files elsewhere yourself and build again",
    }

    // The command line (main.rs)
    CLI_INIT_DONE {
        vi: "Đã tạo trang mới tại {dir} ({files} tệp).",
        en: "Created a new site in {dir} ({files} files).",
    }
    CLI_INIT_NEXT {
        vi: "Tiếp theo, gõ lần lượt hai lệnh:\n  cd {dir}\n  kehoach build",
        en: "Next, type these two commands:\n  cd {dir}\n  kehoach build",
    }
    CLI_CREATED {
        vi: "Đã tạo {path}",
        en: "Created {path}",
    }
    CLI_REPORT_REFUSED {
        vi: "kehoach report: {errors} lỗi — chưa viết báo cáo. Sửa các lỗi trên (kehoach check) rồi chạy lại.",
        en: "kehoach report: {errors} error(s) — no report written. Fix the errors above (kehoach check) and run it again.",
    }
    CLI_REPORT_NOT_MADE {
        vi: "không tạo được báo cáo: {error}",
        en: "cannot make the report: {error}",
    }
    CLI_FOLDER_WRITABLE_HINT {
        vi: "kiểm tra thư mục có tồn tại và có quyền ghi",
        en: "check that the folder exists and is writable",
    }
    CLI_REPORT_DONE {
        vi: "kehoach report: {title} — {timed} nhiệm vụ có thời hạn: {done_on_time} hoàn thành đúng hạn, {done_late} hoàn thành quá hạn, {open_on_time} trong hạn, {open_overdue} quá hạn chưa hoàn thành → {output}",
        en: "kehoach report: {title} — {timed} tasks with a deadline: {done_on_time} done on time, {done_late} done late, {open_on_time} not yet due, {open_overdue} overdue and not done → {output}",
    }
    CLI_CHECK_SUMMARY {
        vi: "kehoach check: {errors} lỗi (errors), {warnings} cảnh báo (warnings)",
        en: "kehoach check: {errors} lỗi (errors), {warnings} cảnh báo (warnings)",
    }
    CLI_IMPORT_TASKS_IN_GROUPS {
        vi: "{tasks} nhiệm vụ trong {groups} nhóm",
        en: "{tasks} tasks in {groups} groups",
    }
    CLI_IMPORT_TASKS {
        vi: "{tasks} nhiệm vụ",
        en: "{tasks} tasks",
    }
    CLI_IMPORT_REVIEW {
        vi: "{n} chỗ cần kiểm tra lại (# kiểm tra lại)",
        en: "{n} place(s) to check (# kiểm tra lại)",
    }
    CLI_IMPORT_STDOUT {
        vi: "kehoach import: {what}; {review}",
        en: "kehoach import: {what}; {review}",
    }
    CLI_IMPORT_CREATED {
        vi: "Đã tạo {path}: {what}; {review}.",
        en: "Created {path}: {what}; {review}.",
    }
    CLI_IMPORT_APPENDED {
        vi: "Đã thêm vào {path}: {what}; {review}.",
        en: "Added to {path}: {what}; {review}.",
    }
    CLI_IMPORT_NEXT {
        vi: "Tiếp theo: đối chiếu với văn bản, xoá từng ghi chú `# kiểm tra lại`, rồi chạy `kehoach check`.",
        en: "Next: compare with the document, delete each `# kiểm tra lại` comment, then run `kehoach check`.",
    }
    CLI_BUILD_NOTHING_WRITTEN {
        vi: "kehoach build: chưa dựng; không tệp nào bị thay đổi (nothing was written).",
        en: "kehoach build: not built; no file was changed (nothing was written).",
    }
    CLI_BUILD_DONE {
        vi: "kehoach build: {plans} kế hoạch, {tasks} nhiệm vụ, {units} đơn vị → {pages} trang, {files} tệp, {mb} MB trong {seconds} s; {warnings} cảnh báo{see}",
        en: "kehoach build: {plans} plans, {tasks} tasks, {units} units → {pages} pages, {files} files, {mb} MB in {seconds} s; {warnings} warning(s){see}",
    }
    CLI_BUILD_SEE_CHECK {
        vi: " (xem bằng `kehoach check`)",
        en: " (see them with `kehoach check`)",
    }
    CLI_BUILD_OPEN {
        vi: "Mở trang: {url}",
        en: "Open: {url}",
    }
    CLI_BUILD_REFUSED {
        vi: "kehoach build: {errors} lỗi — chưa xuất bản; thư mục {output} giữ nguyên.",
        en: "kehoach build: {errors} error(s) — nothing published; the folder {output} is unchanged.",
    }

    // The preview (serve/)
    SERVE_NO_SITE {
        vi: "ở đây không có trang: thiếu site.toml",
        en: "no site here: site.toml is missing",
    }
    SERVE_NO_SITE_HINT {
        vi: "chạy `kehoach serve` trong thư mục trang, hoặc chỉ tới nó bằng --root THƯ_MỤC",
        en: "run `kehoach serve` in the site folder, or give it with --root DIR",
    }
    SERVE_CANNOT_START {
        vi: "không khởi động được máy chủ xem trước: {error}",
        en: "cannot start the server: {error}",
    }
    SERVE_CANNOT_START_HINT {
        vi: "đóng bớt các chương trình khác rồi thử lại",
        en: "close other programs and try again",
    }
    SERVE_STOPPED {
        vi: "máy chủ xem trước đã dừng",
        en: "the server stopped",
    }
    SERVE_STOPPED_HINT {
        vi: "chạy lại `kehoach serve`",
        en: "start `kehoach serve` again",
    }
    SERVE_PORT_BUSY {
        vi: "không mở được cổng 127.0.0.1:{tried}: {error}",
        en: "cannot listen on 127.0.0.1:{tried}: {error}",
    }
    SERVE_PORT_BUSY_HINT {
        vi: "một chương trình khác đang dùng cổng đó: chọn cổng khác bằng --port N, hoặc --port 0 để dùng cổng bất kỳ còn trống",
        en: "another program uses that port: choose another with --port N, or --port 0 for any free port",
    }
    SERVE_CANNOT_WATCH {
        vi: "không theo dõi được thay đổi của tệp: {error}",
        en: "cannot watch for changes: {error}",
    }
    SERVE_CANNOT_WATCH_HINT {
        vi: "trên Linux, tăng fs.inotify.max_user_watches (sysctl) hoặc đóng các chương trình khác đang theo dõi nhiều tệp",
        en: "on Linux, raise fs.inotify.max_user_watches (sysctl) or close other programs that watch many files",
    }
    SERVE_STOPPED_BY_USER {
        vi: "Đã dừng kehoach serve.",
        en: "kehoach serve stopped.",
    }
    SERVE_LISTENING {
        vi: "Đang phục vụ tại {url} — Ctrl+C để dừng",
        en: "Serving at {url} — Ctrl+C to stop",
    }
    SERVE_WARNINGS {
        vi: "; {n} cảnh báo (xem bằng `kehoach check`)",
        en: "; {n} warning(s) (see them with `kehoach check`)",
    }
    SERVE_BUILT {
        vi: "kehoach serve: {plans} kế hoạch, {tasks} nhiệm vụ, {units} đơn vị → {pages} trang trong {seconds} s{warnings}",
        en: "kehoach serve: {plans} plans, {tasks} tasks, {units} units → {pages} pages in {seconds} s{warnings}",
    }
    SERVE_MORE_FILES {
        vi: " và {n} tệp khác",
        en: " and {n} other file(s)",
    }
    SERVE_FIXED {
        vi: "Đã hết lỗi. ",
        en: "No more errors. ",
    }
    SERVE_REBUILT {
        vi: "{fixed}Đã dựng lại sau thay đổi ở {file}{more} trong {seconds} s{warnings}",
        en: "{fixed}Rebuilt after a change in {file}{more} in {seconds} s{warnings}",
    }
    SERVE_FAILED {
        vi: "kehoach serve: {errors} lỗi — trình duyệt vẫn hiện bản dựng trước, kèm danh sách lỗi; sửa rồi lưu lại tệp.",
        en: "kehoach serve: {errors} error(s) — the browser still shows the last build, with the list of errors; fix them and save the file.",
    }
    PANEL_TITLE {
        vi: "Chưa cập nhật được trang: {n} lỗi trong nội dung",
        en: "The pages are not updated: {n} error(s) in the content",
    }
    PANEL_INTRO_ONE {
        vi: "Trang bên dưới là bản dựng thành công gần nhất. Hãy sửa lỗi sau rồi lưu tệp: trang sẽ tự tải lại khi nội dung hợp lệ. Các lỗi này cũng được in ra cửa sổ lệnh đang chạy",
        en: "The page below is the last successful build. Fix the error below and save the file: the page reloads by itself once the content is valid. The errors are also printed in the window running",
    }
    PANEL_INTRO_MANY {
        vi: "Trang bên dưới là bản dựng thành công gần nhất. Hãy sửa các lỗi sau rồi lưu tệp: trang sẽ tự tải lại khi nội dung hợp lệ. Các lỗi này cũng được in ra cửa sổ lệnh đang chạy",
        en: "The page below is the last successful build. Fix the errors below and save the file: the page reloads by itself once the content is valid. The errors are also printed in the window running",
    }
    PANEL_FILE { vi: "Tệp", en: "File" }
    PANEL_HINT { vi: "Gợi ý sửa", en: "How to fix it" }
    PANEL_HIDE {
        vi: "Ẩn thông báo, xem trang cũ",
        en: "Hide this, show the last page",
    }
    SERVE_BROWSER_NOT_OPENED {
        vi: "(Không mở được trình duyệt: hãy tự mở {url})",
        en: "(Cannot open a browser: open {url} yourself)",
    }
    SERVE_NO_CLEANUP {
        vi: "kehoach serve: khi bấm Ctrl+C sẽ không xóa được thư mục tạm {dir}: {error}",
        en: "kehoach serve: Ctrl+C will not clean up {dir}: {error}",
    }
    SERVE_CANNOT_ACCEPT {
        vi: "kehoach serve: không nhận được kết nối: {error}",
        en: "kehoach serve: cannot listen: {error}",
    }
    SERVE_BUILDING {
        vi: "Đang dựng trang…",
        en: "Building the pages…",
    }
    // The preview's plain-text answers to the browser (serve/mod.rs, serve/http.rs)
    HTTP_NOT_FOUND {
        vi: "Không tìm thấy trang.",
        en: "Page not found.",
    }
    HTTP_BUSY {
        vi: "Máy chủ xem trước đang bận, hãy thử lại sau giây lát.",
        en: "The preview server is busy; try again in a moment.",
    }
    HTTP_GET_HEAD_ONLY {
        vi: "Chỉ hỗ trợ GET và HEAD.",
        en: "Only GET and HEAD are supported.",
    }
    HTTP_WRONG_HOST {
        vi: "Máy chủ xem trước của kehoach chỉ trả lời ở địa chỉ nó đã in ra: http://127.0.0.1:{port}/ hoặc http://localhost:{port}/.",
        en: "The kehoach preview answers only at the address it printed: http://127.0.0.1:{port}/ or http://localhost:{port}/.",
    }
    HTTP_MOVED {
        vi: "Chuyển tới {to}",
        en: "Moved to {to}",
    }

    // Builds (output.rs, lib.rs)
    BUILD_WAITING_FOR_LOCK {
        vi: "kehoach: một lần dựng khác đang ghi vào {dir}; chờ lần đó xong…",
        en: "kehoach: another build is writing to {dir}; waiting for it to finish…",
    }
    BUILD_PROGRESS {
        vi: "{spinner} Đang tạo trang {pos}/{len} {wide_bar} {eta}",
        en: "{spinner} Making pages {pos}/{len} {wide_bar} {eta}",
    }

    // The registry of units (content/units.rs)
    UNIT_NO_NAME {
        vi: "đơn vị chưa có `name` (tên)",
        en: "a unit has no `name`",
    }
    UNIT_NO_NAME_HINT {
        vi: "ghi tên chuẩn của đơn vị: `name: Phòng Văn hóa - Xã hội`",
        en: "write its canonical name as `name: Phòng Văn hóa - Xã hội`",
    }
    UNIT_SPELLING_TAKEN {
        vi: "`{spelling}` đã là tên của đơn vị `{unit}` (dòng {line})",
        en: "`{spelling}` already names the unit `{unit}` (line {line})",
    }
    UNIT_SPELLING_TAKEN_HINT {
        vi: "mỗi cách viết chỉ thuộc về một đơn vị: xóa nó ở đây hoặc ở đơn vị kia",
        en: "a spelling can belong to one unit only: remove it here or there",
    }
    UNIT_ADDRESS_TAKEN {
        vi: "địa chỉ của `{name}` trùng với địa chỉ của một đơn vị khác; đơn vị này được đăng ở `{address}/`",
        en: "the address of `{name}` would be the same as another unit's; it is published at `{address}/`",
    }
    UNIT_ADDRESS_TAKEN_HINT {
        vi: "các tên chỉ khác nhau ở dấu được đăng ở hai địa chỉ khác nhau; đổi một tên nếu không muốn vậy",
        en: "names that differ only by accents get distinct addresses; rename one if that is not wanted",
    }
    LIST_ITEM_CUT_BY_COMMA {
        vi: "mục `{item}` bắt đầu bằng chữ thường: có lẽ dấu phẩy đã cắt đôi tên `{whole}`",
        en: "the item `{item}` starts with a lowercase letter: a comma has probably cut the name `{whole}` in two",
    }
    LIST_ITEM_CUT_BY_COMMA_HINT {
        vi: "trong `[ … ]` dấu phẩy ngăn cách các mục: đặt tên có dấu phẩy trong ngoặc kép, `{fixed}`",
        en: "inside `[ … ]` a comma separates items: put a name that holds a comma in quotes, `{fixed}`",
    }

    // Importing a plan: `kehoach import` (import/). The `# kiểm tra lại: …` comments the
    // importer writes into the plan file are part of the file, in Vietnamese whatever the
    // language of the messages, and are not in the catalogue.
    IMPORT_FILE_EXISTS {
        vi: "tệp này đã có; chưa ghi gì",
        en: "this file already exists; nothing was written",
    }
    IMPORT_FILE_EXISTS_HINT {
        vi: "thêm --force để ghi đè lên tệp, hoặc --output ĐƯỜNG_DẪN để ghi kế hoạch vào tệp khác",
        en: "pass --force to overwrite it, or --output PATH to write the plan elsewhere",
    }
    IMPORT_UNITS_TOO_LARGE {
        vi: "tệp nặng hơn {mb} MB, mức lớn nhất trang đọc được",
        en: "the file is larger than {mb} MB, the most the site reads",
    }
    IMPORT_UNITS_TOO_LARGE_HINT {
        vi: "content/units.yaml chỉ liệt kê tên các đơn vị: thường chỉ nặng vài KB",
        en: "content/units.yaml lists units by name: it is a few KB",
    }
    IMPORT_NO_REGISTRY {
        vi: "ở đây không có danh sách đơn vị (content/units.yaml): tên đơn vị được giữ nguyên như viết, không được đối chiếu",
        en: "there is no registry of units here: units are kept as written without being checked",
    }
    IMPORT_NO_REGISTRY_HINT {
        vi: "chạy lệnh nhập trong thư mục trang, hoặc chỉ tới thư mục đó bằng --root THƯ_MỤC",
        en: "run the import in the site's folder, or pass --root DIR",
    }
    IMPORT_STDIN_UNREADABLE {
        vi: "không đọc được nội dung dán vào (đầu vào chuẩn): {error}",
        en: "cannot read standard input: {error}",
    }
    IMPORT_FILE_UNREADABLE {
        vi: "không đọc được tệp này: {why}",
        en: "cannot read this file: {why}",
    }
    IMPORT_FILE_UNREADABLE_HINT {
        vi: "kiểm tra lại tên tệp và thư mục chứa tệp",
        en: "check the file's name and folder",
    }
    IMPORT_IS_FOLDER {
        vi: "đây là một thư mục, không phải một tệp",
        en: "this is a folder, not a file",
    }
    IMPORT_IS_FOLDER_HINT {
        vi: "chỉ ra một tệp .docx, hoặc một tệp .tsv chứa bảng nhiệm vụ đã dán",
        en: "name a .docx file, or a .tsv file holding a pasted task table",
    }
    IMPORT_PLAN_TOO_LARGE {
        vi: "kế hoạch nhập ra sẽ nặng {size} MB; một tệp kế hoạch chỉ được tối đa {max} MB",
        en: "the plan would be {size} MB; a plan file may be at most {max} MB",
    }
    IMPORT_PLAN_TOO_LARGE_HINT {
        vi: "một kế hoạch chỉ có nhiều nhất vài trăm KB chữ: kiểm tra xem tệp này có đúng là kế hoạch không; chưa ghi gì",
        en: "a plan is a few hundred KB of text at most: check that this is a plan; nothing was written",
    }
    IMPORT_INPUT_TOO_LARGE {
        vi: "tệp này quá lớn, không thể là một kế hoạch",
        en: "this input is too large to be a plan",
    }
    IMPORT_INPUT_TOO_LARGE_HINT {
        vi: "tệp .docx của một kế hoạch chỉ nặng vài MB, bảng dán vào nhiều nhất vài trăm KB",
        en: "a plan's .docx is a few MB and a pasted table a few hundred KB at most",
    }
    IO_NOT_FOUND {
        vi: "không có tệp hoặc thư mục này",
        en: "it does not exist",
    }
    IO_PERMISSION_DENIED {
        vi: "không có quyền truy cập",
        en: "permission denied",
    }
    IMPORT_NOT_TEXT {
        vi: "tệp này không phải tệp .docx, cũng không phải văn bản UTF-8",
        en: "this file is neither a .docx nor UTF-8 text",
    }
    IMPORT_NOT_TEXT_HINT {
        vi: "nhập chính tệp Word (.docx), hoặc lưu bảng đã dán thành văn bản UTF-8 (.tsv)",
        en: "import the Word file itself (.docx), or save the pasted table as UTF-8 text (.tsv)",
    }
    IMPORT_TABLE_EMPTY {
        vi: "bảng trống",
        en: "the table is empty",
    }
    IMPORT_NO_HEADER {
        vi: "không nhận ra dòng tiêu đề của bảng nhiệm vụ (dòng đầu: `{first}`)",
        en: "no header row of a task table was recognised (first row: `{first}`)",
    }
    IMPORT_NO_HEADER_HINT {
        vi: "dán cả dòng tiêu đề của bảng: một cột “Nội dung” (hoặc “Nhiệm vụ”) và ít nhất một trong các cột “Cơ quan chủ trì”, “Cơ quan phối hợp”, “Thời gian thực hiện”",
        en: "paste the table with its header row: a column “Nội dung” (or “Nhiệm vụ”) and at least one of “Cơ quan chủ trì”, “Cơ quan phối hợp”, “Thời gian thực hiện”",
    }
    IMPORT_UNIT_UNKNOWN {
        vi: "đơn vị `{name}` chưa có trong content/units.yaml; được giữ nguyên như viết",
        en: "the unit `{name}` is not in content/units.yaml; it is kept as written",
    }
    IMPORT_UNIT_NEAREST_HINT {
        vi: "đơn vị đã đăng ký gần giống nhất là `{near}`: nếu là cùng một đơn vị, thêm `{name}` vào `aliases` của đơn vị đó; nếu không, thêm một đơn vị mới",
        en: "the closest registered unit is `{near}`: add `{name}` to its aliases if it is the same unit, or add a new unit",
    }
    IMPORT_UNIT_UNKNOWN_HINT {
        vi: "thêm vào content/units.yaml (thành một đơn vị mới, hoặc một cách viết khác trong `aliases` của một đơn vị)",
        en: "add it to content/units.yaml (as a unit, or as an alias of one)",
    }
    IMPORT_DEADLINE_UNKNOWN {
        vi: "không hiểu thời hạn `{due}`; được giữ nguyên như viết",
        en: "the deadline `{due}` is not understood; it is kept as written",
    }
    IMPORT_DEADLINE_UNKNOWN_HINT {
        vi: "xem các cách ghi thời hạn đọc được trong docs/format.md",
        en: "see docs/format.md for the forms that are understood",
    }
    IMPORT_CANNOT_WRITE {
        vi: "không ghi được tệp này: {why}",
        en: "cannot write this file: {why}",
    }
    IMPORT_TOO_MUCH_TEXT {
        vi: "kế hoạch đọc từ tệp này sẽ có hơn {mb} MB chữ, quá mức cho phép của một tệp kế hoạch",
        en: "the plan read from this file would hold more than {mb} MB of text, more than a plan file may",
    }
    IMPORT_TOO_MUCH_TEXT_HINT {
        vi: "một kế hoạch chỉ có nhiều nhất vài trăm KB chữ: kiểm tra xem tệp này có đúng là kế hoạch không, và có ô nào của bảng bị gộp dọc qua nhiều dòng không",
        en: "a plan is a few hundred KB of text at most: check that this is a plan, and whether a cell of a table is merged down over many rows",
    }
    APPEND_UNREADABLE {
        vi: "không đọc được kế hoạch cần thêm nhiệm vụ vào: {why}",
        en: "cannot read the plan to append to: {why}",
    }
    APPEND_UNREADABLE_HINT {
        vi: "chỉ ra một tệp kế hoạch đã có, ví dụ --append content/plans/2025/an-thanh-66-kh-ubnd.md",
        en: "name an existing plan file, e.g. --append content/plans/2025/an-thanh-66-kh-ubnd.md",
    }
    APPEND_TOO_LARGE {
        vi: "kế hoạch nặng hơn {mb} MB, mức lớn nhất của một tệp kế hoạch",
        en: "the plan is larger than {mb} MB, the most a plan file may be",
    }
    APPEND_TOO_LARGE_HINT {
        vi: "chỉ ra một tệp kế hoạch của trang, ví dụ --append content/plans/2025/an-thanh-66-kh-ubnd.md",
        en: "name a plan file of the site, e.g. --append content/plans/2025/an-thanh-66-kh-ubnd.md",
    }
    APPEND_NOT_UTF8 {
        vi: "tệp kế hoạch không phải văn bản UTF-8",
        en: "the plan is not UTF-8 text",
    }
    APPEND_NOT_UTF8_HINT {
        vi: "chạy `kehoach check` và sửa tệp trước",
        en: "run `kehoach check` and fix the file first",
    }
    APPEND_NO_TASK {
        vi: "không tìm thấy nhiệm vụ nào để thêm vào",
        en: "no task was found to append",
    }
    APPEND_NO_TASK_HINT {
        vi: "bảng cần có dòng tiêu đề và ít nhất một dòng nhiệm vụ",
        en: "the table needs a header row and at least one task row",
    }
    APPEND_PLAN_HAS_ERRORS {
        vi: "kế hoạch đang có lỗi nên chưa thêm nhiệm vụ vào được an toàn: {error}",
        en: "the plan has errors, so tasks cannot be appended safely: {error}",
    }
    APPEND_PLAN_HAS_ERRORS_HINT {
        vi: "sửa kế hoạch trước (`kehoach check`), rồi thêm nhiệm vụ",
        en: "fix the plan first (`kehoach check`), then append",
    }
    APPEND_PLAN_UNREADABLE {
        vi: "không đọc được kế hoạch",
        en: "the plan could not be read",
    }
    APPEND_RUN_CHECK_HINT {
        vi: "chạy `kehoach check`",
        en: "run `kehoach check`",
    }
    APPEND_FRONT_MATTER_UNCLOSED {
        vi: "phần thông tin đầu tệp (giữa hai dòng `---`) chưa được đóng",
        en: "the front matter is not closed",
    }
    APPEND_TASKS_ON_ONE_LINE {
        vi: "`{line}` được viết trên một dòng nên không thêm nhiệm vụ vào được an toàn",
        en: "`{line}` is written on one line, so tasks cannot be appended to it safely",
    }
    APPEND_TASKS_ON_ONE_LINE_HINT {
        vi: "viết mỗi nhiệm vụ một dòng dưới `tasks:` (bắt đầu bằng `- `), hoặc thêm vào một kế hoạch khác",
        en: "write the tasks one per line under `tasks:` (each starting with `- `), or append to another plan",
    }
    APPEND_ITEMS_AT_FIRST_COLUMN {
        vi: "các mục của `tasks:` bắt đầu ở cột đầu tiên nên không tìm được chắc chắn chỗ kết thúc danh sách",
        en: "the items of `tasks:` start at the first column, so the end of the list cannot be found safely",
    }
    APPEND_ITEMS_AT_FIRST_COLUMN_HINT {
        vi: "thụt lề danh sách nhiệm vụ vào hai dấu cách dưới `tasks:`",
        en: "indent the task list by two spaces under `tasks:`",
    }
    APPEND_GROUPS_MISMATCH {
        vi: "kế hoạch ghi các nhiệm vụ không chia nhóm nhưng bảng dán vào có dòng nhóm (I, II …)",
        en: "the plan lists its tasks without groups but the pasted table has group rows (I, II …)",
    }
    APPEND_GROUPS_MISMATCH_HINT {
        vi: "xóa các dòng nhóm khỏi bảng, hoặc chia các nhiệm vụ của kế hoạch thành nhóm trước",
        en: "remove the group rows from the table, or put the plan's tasks in groups first",
    }
    APPEND_WOULD_BREAK {
        vi: "thêm vào sẽ làm kế hoạch bị lỗi ({error}); chưa ghi gì",
        en: "appending would make the plan invalid ({error}); nothing was written",
    }
    APPEND_WOULD_BREAK_HINT {
        vi: "thêm các nhiệm vụ bằng tay, hoặc gửi bảng này cho người phát triển kehoach",
        en: "append the tasks by hand, or report this table to the developers",
    }

    // Reading a Word file (import/docx.rs) and a pasted table (import/tsv.rs)
    DOCX_OLD_DOC {
        vi: "đây là tệp Word 97–2003 (.doc) kiểu cũ, không phải tệp .docx",
        en: "this is an old Word 97–2003 .doc file, not a .docx",
    }
    DOCX_NOT_ZIP {
        vi: "đây không phải tệp .docx (không phải tệp nén ZIP)",
        en: "this is not a .docx file (it is not a ZIP archive)",
    }
    DOCX_NO_DOCUMENT {
        vi: "tệp nén ZIP này không có word/document.xml: đây không phải văn bản Word",
        en: "this ZIP archive has no word/document.xml: it is not a Word document",
    }
    DOCX_FILE_TOO_LARGE {
        vi: "tệp nặng hơn {mb} MB; không đọc",
        en: "the file is larger than {mb} MB; refusing to read it",
    }
    DOCX_ENTRY_TOO_LARGE {
        vi: "{entry} trong tệp nén giải nén ra hơn {mb} MB; không đọc",
        en: "{entry} inside the archive unpacks to more than {mb} MB; refusing to read it",
    }
    DOCX_ROW_TOO_WIDE {
        vi: "một dòng bảng trong văn bản trải quá {max} cột; bảng của một kế hoạch có dưới 20 cột",
        en: "a table row in the document spans more than {max} columns; a plan's tables have fewer than 20",
    }
    DOCX_TABLE_ROW_TOO_WIDE {
        vi: "dòng {row} của bảng {table} trong văn bản trải quá {max} cột; bảng của một kế hoạch có dưới 20 cột",
        en: "row {row} of table {table} in the document spans more than {max} columns; a plan's tables have fewer than 20",
    }
    DOCX_TOO_MANY_ROWS {
        vi: "bảng {table} của văn bản có hơn {max} dòng; bảng nhiệm vụ của một kế hoạch chỉ có vài trăm dòng",
        en: "table {table} of the document has more than {max} rows; a plan's task table has a few hundred",
    }
    DOCX_TOO_DEEP {
        vi: "văn bản có bảng lồng nhau quá {max} bậc (bảng nằm trong ô của bảng …); văn bản Word thường chỉ lồng vài bậc",
        en: "the document nests tables more than {max} deep (a table in a cell of a table …); Word documents nest a few levels",
    }
    DOCX_CORRUPT {
        vi: "văn bản Word bị hỏng: {why}",
        en: "the Word document is damaged: {why}",
    }
    DOCX_XML_BAD {
        vi: "word/document.xml sai cú pháp XML gần byte {at}: {error}",
        en: "word/document.xml is not well-formed XML near byte {at}: {error}",
    }
    DOCX_CUT_SHORT {
        vi: "word/document.xml kết thúc giữa chừng (tệp bị cắt cụt)",
        en: "word/document.xml ends in the middle of the document (the file is cut short)",
    }
    DOCX_NO_BODY {
        vi: "word/document.xml không có phần w:body",
        en: "word/document.xml has no w:body",
    }
    DOCX_NOT_UTF8_XML {
        vi: "{name} không phải XML ở bảng mã UTF-8",
        en: "{name} is not UTF-8 XML",
    }
    DOCX_RESAVE_HINT {
        vi: "mở tệp bằng Word và lưu lại dạng “Word Document (*.docx)”, rồi nhập tệp đó; cũng có thể dán bảng nhiệm vụ thành văn bản (kehoach import TỆP.tsv)",
        en: "open the file in Word and save it as “Word Document (*.docx)”, then import that file; a task table can also be pasted as text (kehoach import FILE.tsv)",
    }
    DOCX_TOO_LARGE_HINT {
        vi: "văn bản của một kế hoạch chỉ nặng vài MB; mở bằng Word, xóa các đối tượng nhúng lớn rồi lưu lại",
        en: "a plan's document is a few MB at most; open it in Word, remove large embedded objects and save it again",
    }
    DOCX_TOO_WIDE_HINT {
        vi: "bảng rộng hoặc lồng sâu như vậy không phải bảng của kế hoạch: mở tệp bằng Word, kiểm tra các bảng rồi lưu lại; cũng có thể dán bảng nhiệm vụ thành văn bản (kehoach import TỆP.tsv)",
        en: "a table this wide or this deep is not a plan's: open the file in Word, check its tables and save it again; a task table can also be pasted as text (kehoach import FILE.tsv)",
    }
    DOCX_TOO_MANY_ROWS_HINT {
        vi: "nhập chính văn bản của kế hoạch: bảng dài như vậy không phải bảng nhiệm vụ của kế hoạch",
        en: "import the plan's own document: a table that long is not a plan's task table",
    }
    DOCX_CORRUPT_HINT {
        vi: "mở tệp bằng Word (Word sẽ đề nghị sửa tệp) rồi lưu lại dạng .docx",
        en: "open the file in Word (it offers to repair it) and save it again as .docx",
    }
    TSV_ROW_TOO_WIDE {
        vi: "dòng {row} có {columns} cột; bảng nhiệm vụ có nhiều nhất {max} cột",
        en: "row {row} has {columns} columns; a task table has at most {max}",
    }
    TSV_TOO_MANY_ROWS {
        vi: "bảng có hơn {max} dòng; bảng nhiệm vụ chỉ có vài trăm dòng",
        en: "the table has more than {max} rows; a task table has a few hundred",
    }
    TSV_TOO_WIDE_HINT {
        vi: "chỉ chép các cột của bảng nhiệm vụ (các cột trống lỡ chọn thêm ở bên phải cũng được tính), rồi dán lại",
        en: "copy only the task table's own columns (empty columns selected at its right count too), then paste it again",
    }
    TSV_TOO_MANY_ROWS_HINT {
        vi: "chỉ chép bảng nhiệm vụ (các dòng trống lỡ chọn thêm bên dưới cũng được tính); danh sách dài hơn có thể thêm từng phần bằng --append",
        en: "copy only the task table (empty rows selected under it count too); a longer list can be added in parts with --append",
    }

    // `kehoach report` (report/mod.rs, render/pages/reports.rs). The report itself is an
    // administrative document in Vietnamese and is not in the catalogue.
    REPORT_PERIOD_BAD {
        vi: "`{value}` không phải là một kỳ báo cáo",
        en: "`{value}` is not a period",
    }
    REPORT_PERIOD_BAD_HINT {
        vi: "ghi một quý `2025-Q4`, nửa năm `2025-H2` hoặc một năm `2025`",
        en: "write a quarter `2025-Q4`, a half year `2025-H2` or a year `2025`",
    }
    REPORT_PLAN_AND_UNIT {
        vi: "một báo cáo là về một kế hoạch hoặc về một đơn vị, không phải cả hai",
        en: "a report is on a plan or on a unit, not both",
    }
    REPORT_PLAN_AND_UNIT_HINT {
        vi: "bỏ --plan hoặc --unit",
        en: "leave out --plan or --unit",
    }
    REPORT_NO_PLAN {
        vi: "không có kế hoạch `{plan}`",
        en: "no plan `{plan}`",
    }
    REPORT_PLAN_DID_YOU_MEAN_HINT {
        vi: "có phải là `{near}`? Kế hoạch được gọi theo tên trong địa chỉ của nó, ke-hoach/<tên>/",
        en: "did you mean `{near}`? The plans are named as in their address ke-hoach/<name>/",
    }
    REPORT_PLAN_HINT {
        vi: "gọi kế hoạch theo tên trong địa chỉ của nó, ke-hoach/<tên>/, hoặc theo số văn bản (66/KH-UBND)",
        en: "name the plan as in its address ke-hoach/<name>/, or by its number (66/KH-UBND)",
    }
    REPORT_NO_UNIT {
        vi: "không có đơn vị `{unit}`",
        en: "no unit `{unit}`",
    }
    REPORT_UNIT_DID_YOU_MEAN_HINT {
        vi: "có phải là `{near}`? Đơn vị được gọi theo tên trong địa chỉ của nó, don-vi/<tên>/",
        en: "did you mean `{near}`? Units are named as in their address don-vi/<name>/",
    }
    REPORT_UNIT_HINT {
        vi: "gọi đơn vị theo tên trong địa chỉ của nó, don-vi/<tên>/, hoặc theo tên đã đăng ký trong content/units.yaml",
        en: "name the unit as in its address don-vi/<name>/, or by its registered name",
    }
    REPORT_DOCX_NOT_MADE {
        vi: "không tạo được tệp Word của báo cáo: {error}",
        en: "cannot make the report's Word document: {error}",
    }

    // Exports and static files (export/mod.rs, render/pages/embeds.rs)
    EXPORTS_NOT_MADE {
        vi: "không tạo được các tệp dữ liệu xuất: {error}",
        en: "cannot make the exports: {error}",
    }
    STATIC_OVERWRITES {
        vi: "tệp tĩnh `{file}` sẽ ghi đè lên một tệp do kehoach tạo ra",
        en: "static file `{file}` would overwrite a generated file",
    }
    STATIC_OVERWRITES_HINT {
        vi: "đổi tên hoặc chuyển tệp đi chỗ khác: các trang và tệp do kehoach tạo ra được ưu tiên",
        en: "rename or move it: generated pages and assets take precedence",
    }
    STATIC_IN_SEARCH_INDEX {
        vi: "tệp tĩnh `{file}` nằm trong thư mục chỉ mục tìm kiếm {dir}/, thư mục này được tạo lại mỗi lần dựng trang",
        en: "static file `{file}` lies in the search index's folder {dir}/, which every build makes anew",
    }
    STATIC_IN_SEARCH_INDEX_HINT {
        vi: "chuyển tệp sang một thư mục khác trong static/, ví dụ static/files/",
        en: "move it to another folder of static/, e.g. static/files/",
    }
    CANNOT_COPY {
        vi: "không chép được: {error}",
        en: "cannot copy: {error}",
    }
    FILE_PERMISSIONS_HINT {
        vi: "kiểm tra quyền đọc của tệp",
        en: "check the file's permissions",
    }

    // Themes and templates (render/theme.rs)
    THEME_NOT_FOUND {
        vi: "không tìm thấy giao diện `{theme}`: không có thư mục themes/{theme}/templates",
        en: "theme `{theme}` not found: there is no folder themes/{theme}/templates",
    }
    THEME_NOT_FOUND_HINT {
        vi: "bỏ `theme` khỏi site.toml để dùng giao diện mặc định, hoặc tạo thư mục đó",
        en: "remove `theme` from site.toml to use the default theme, or create the folder",
    }
    THEME_FILE_LINKED_OUT {
        vi: "tệp giao diện này là liên kết tới một tệp bên ngoài thư mục trang: không được đọc",
        en: "this theme file is a link to a file outside the site: it is not read",
    }
    THEME_FILE_LINKED_OUT_HINT {
        vi: "chép tệp vào thư mục giao diện thay vì liên kết tới nó",
        en: "copy the file into the theme instead of linking to it",
    }
    TEMPLATE_LINKED_OUT {
        vi: "mẫu trang này là liên kết tới một tệp bên ngoài thư mục trang: không được đọc",
        en: "this template is a link to a file outside the site: it is not read",
    }
    TEMPLATE_LINKED_OUT_HINT {
        vi: "chép mẫu trang vào thư mục trang thay vì liên kết tới nó",
        en: "copy the template into the site instead of linking to it",
    }
    TEMPLATE_UNREADABLE {
        vi: "không đọc được mẫu trang: {error}",
        en: "cannot read template: {error}",
    }
    TEMPLATE_UNREADABLE_HINT {
        vi: "lưu mẫu trang dạng văn bản UTF-8",
        en: "save the template as UTF-8 text",
    }
    TEMPLATE_SYNTAX {
        vi: "mẫu trang sai cú pháp: {what}",
        en: "template syntax: {what}",
    }
    TEMPLATE_SYNTAX_UNKNOWN {
        vi: "không đọc được mẫu trang",
        en: "the template cannot be read",
    }
    TEMPLATE_GET_ENV_OFF {
        vi: "get_env đã bị tắt: mẫu trang không được đọc biến môi trường của máy dựng trang",
        en: "get_env is turned off: a template cannot read the environment of the machine that builds the site",
    }
    TEMPLATE_SYNTAX_HINT {
        vi: "kiểm tra các thẻ {{{{ … }}}} và {{% … %}} ở dòng này; các mẫu mặc định trong themes/default/ là ví dụ viết đúng",
        en: "check the {{{{ … }}}} and {{% … %}} tags on this line; the default templates in themes/default/ show working examples",
    }
    TEMPLATE_COMPACTED_BAD {
        vi: "mẫu trang bị lỗi sau khi thu gọn: {error}",
        en: "template error after compaction: {error}",
    }
    TEMPLATE_COMPACTED_BAD_HINT {
        vi: "đây là lỗi của kehoach: hãy báo cho người phát triển, gửi kèm mẫu trang",
        en: "this is a kehoach bug: please report it with the template",
    }
    TEMPLATE_RENDER_FAILED {
        vi: "không tạo được trang từ mẫu: {error}",
        en: "cannot render: {error}",
    }
    TEMPLATE_RENDER_FAILED_HINT {
        vi: "mẫu trang dùng một biến không có ở trang này; đối chiếu tên biến với mẫu mặc định cùng tên",
        en: "a variable the template uses does not exist for this page; check its name against the default template of the same name",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_exists_in_both_languages_with_the_same_placeholders() {
        let mut ids = std::collections::HashSet::new();
        for m in ALL {
            assert!(ids.insert(m.id), "{} is in the catalogue twice", m.id);
            assert!(!m.vi.trim().is_empty(), "{} has no Vietnamese text", m.id);
            assert!(!m.en.trim().is_empty(), "{} has no English text", m.id);
            let (mut vi, mut en) = (placeholders(m.vi), placeholders(m.en));
            vi.sort_unstable();
            en.sort_unstable();
            assert_eq!(vi, en, "{}: the two texts name different values", m.id);
            for name in vi {
                assert!(
                    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
                    "{}: `{{{name}}}` is not a placeholder name",
                    m.id
                );
            }
        }
    }

    /// The arguments of the call whose `(` ends `text[..open]`, as written (up to the
    /// matching `)`), split at their top-level commas.
    fn call_args(text: &str, open: usize) -> Vec<&str> {
        let bytes = text.as_bytes();
        let (mut depth, mut start, mut i) = (0usize, open, open);
        let mut args = Vec::new();
        while i < bytes.len() {
            match bytes[i] {
                b'"' => {
                    i += 1;
                    while i < bytes.len() && bytes[i] != b'"' {
                        i += if bytes[i] == b'\\' { 2 } else { 1 };
                    }
                }
                b'\'' if bytes.get(i + 2) == Some(&b'\'') => i += 2,
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        args.push(text[start + 1..i].trim());
                        return args;
                    }
                }
                b',' if depth == 1 => {
                    args.push(text[start + 1..i].trim());
                    start = i;
                }
                _ => {}
            }
            i += 1;
        }
        args
    }

    /// Whether the string literal that starts `arg` (as written in the source, after a
    /// `format!(` or `&format!(`) holds words: a letter outside its `{…}` placeholders and
    /// `\n`-style escapes (`"{x}\n"` holds none).
    fn has_words(arg: &str) -> bool {
        let arg = arg.trim_start_matches('&');
        let arg = arg.strip_prefix("format!(").unwrap_or(arg);
        let Some(body) = arg.trim_start_matches(['r', '#']).strip_prefix('"') else {
            return false;
        };
        let mut chars = body.chars();
        let mut depth = 0usize;
        while let Some(c) = chars.next() {
            match c {
                '"' => return false,
                '\\' => {
                    chars.next();
                }
                '{' => depth += 1,
                '}' => depth = depth.saturating_sub(1),
                c if depth == 0 && c.is_alphabetic() => return true,
                _ => {}
            }
        }
        false
    }

    /// A heuristic scan of the sources: a message or hint passed straight to a diagnostic, or
    /// to the preview's plain-text answer, as a string literal (or a `format!` of one), and a
    /// printed line or an error's `Display` whose format string holds words, are messages
    /// outside the catalogue, in one language only. A call that only a developer can see
    /// says so on its line or the line before with `// msg: not user-facing`. Test modules
    /// (from `#[cfg(test)]` on) are not scanned.
    #[test]
    fn every_diagnostic_takes_its_words_from_the_catalogue() {
        // (call, the positions of its arguments that are words for the user, whether only a
        // literal with words counts: a format string may hold only placeholders)
        const CALLS: &[(&str, &[usize], bool)] = &[
            ("Diagnostic::error(", &[2], false),
            ("Diagnostic::warning(", &[2], false),
            (".with_hint(", &[0], false),
            ("r.error(", &[1, 2], false),
            ("r.warning(", &[1, 2], false),
            ("http::text(", &[1], false),
            ("println!(", &[0], true),
            ("eprintln!(", &[0], true),
            ("print!(", &[0], true),
            ("eprint!(", &[0], true),
            ("say!(", &[0], true),
            ("say(", &[0], true),
            ("write!(f, ", &[1], true),
        ];
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut found = Vec::new();
        let mut files = Vec::new();
        let mut dirs = vec![root.join("src")];
        while let Some(dir) = dirs.pop() {
            for e in std::fs::read_dir(dir).unwrap().map(Result::unwrap) {
                let p = e.path();
                if p.is_dir() {
                    dirs.push(p);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    files.push(p);
                }
            }
        }
        files.sort();
        for path in files {
            let rel = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if rel == "src/msg.rs" {
                continue;
            }
            let all = std::fs::read_to_string(&path).unwrap();
            let text = all.split("#[cfg(test)]").next().unwrap_or("");
            for (call, words, only_words) in CALLS {
                for (at, _) in text.match_indices(call) {
                    // `println!(` inside `eprintln!(`, `say(` inside `essay(`: another call.
                    if text[..at]
                        .chars()
                        .next_back()
                        .is_some_and(|c| c.is_alphanumeric() || c == '_')
                    {
                        continue;
                    }
                    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
                    let prev_start = text[..line_start.saturating_sub(1)]
                        .rfind('\n')
                        .map_or(0, |i| i + 1);
                    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
                    if text[prev_start..line_end].contains("// msg: not user-facing") {
                        continue;
                    }
                    let args = call_args(text, at + call.rfind('(').unwrap_or(0));
                    for &k in *words {
                        if let Some(arg) = args.get(k)
                            && if *only_words {
                                has_words(arg)
                            } else {
                                arg.starts_with('"')
                                    || arg.starts_with("r\"")
                                    || arg.starts_with("r#\"")
                                    || arg.starts_with("format!(")
                                    || arg.starts_with("&format!(")
                            }
                        {
                            let line = text[..at].matches('\n').count() + 1;
                            found.push(format!("{rel}:{line}: {call}… {arg}"));
                        }
                    }
                }
            }
        }
        assert!(
            found.is_empty(),
            "words for the user written outside the catalogue (add an entry to src/msg.rs and use tr!):\n{}",
            found.join("\n")
        );
    }

    #[test]
    fn the_scan_tells_words_from_placeholders() {
        assert!(!has_words(r#""{x}\n""#));
        assert!(!has_words(r#""{:>8.3} {name}", name"#));
        assert!(!has_words("tr!(msg::X)"));
        assert!(!has_words("&format!(\"{}\", tr!(msg::X))"));
        assert!(has_words(r#""Không tìm thấy trang.\n""#));
        assert!(has_words(r#""cannot listen: {e}""#));
        assert!(has_words(
            r#"&format!("(Không mở được trình duyệt: {url})")"#
        ));
    }

    #[test]
    fn the_scan_finds_a_literal_message() {
        let text = "d = Diagnostic::error(p, None, format!(\"x {a}\")).with_hint(tr!(msg::X, a = f(1, 2)));";
        let at = text.find("error(").unwrap() + 5;
        assert_eq!(call_args(text, at), ["p", "None", "format!(\"x {a}\")"]);
        let at = text.find("hint(").unwrap() + 4;
        assert_eq!(call_args(text, at), ["tr!(msg::X, a = f(1, 2))"]);
    }

    #[test]
    fn fill_replaces_names_and_keeps_braces() {
        assert_eq!(
            fill(
                "`{field}` phải là {{ … }}: {n}",
                &[("field", &"date"), ("n", &3)]
            ),
            "`date` phải là { … }: 3"
        );
        assert_eq!(fill("{unknown} {", &[]), "{unknown} {");
        assert_eq!(placeholders("{a} {{b}} {c} {a}"), vec!["a", "c"]);
    }

    #[test]
    fn the_language_follows_the_locale_and_defaults_to_vietnamese() {
        assert_eq!(Lang::parse("en_US.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::parse("vi_VN.UTF-8"), Some(Lang::Vi));
        assert_eq!(Lang::parse("C.UTF-8"), None);
    }
}
