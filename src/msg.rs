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
        vi: "dòng {row}, cột {column} ({name})",
        en: "row {row}, column {column} ({name})",
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
