//! What the preview server adds to HTML responses, and only to them: the live-reload script
//! before `</body>` and, while the last rebuild failed, a panel at the top of the page listing
//! the errors. The files on disk stay exactly what `kehoach build` writes.

use crate::diag::{Diagnostic, display_path};

/// The address of the server-sent events stream.
pub const EVENTS_PATH: &str = "/__kehoach/events";
/// The address of the reload script.
pub const SCRIPT_PATH: &str = "/__kehoach/reload.js";

/// The reload script. It listens to the event stream and reloads the page on `reload`; it
/// tells the server which build it was served with (`?v=` of its own address), so a rebuild
/// that finished while the page was loading is not missed.
pub const RELOAD_JS: &str = r#"(function () {
  if (!window.EventSource) return;
  var me = document.currentScript && document.currentScript.src;
  var v = me ? (me.split("?v=")[1] || "") : "";
  var es = new EventSource("/__kehoach/events?v=" + encodeURIComponent(v));
  es.addEventListener("reload", function () { es.close(); location.reload(); });
  var close = document.getElementById("kehoach-loi-dong");
  if (close) close.addEventListener("click", function () {
    var p = document.getElementById("kehoach-loi");
    if (p) p.hidden = true;
  });
})();
"#;

/// `html` with the reload script (tagged with the build `generation`) before its last
/// `</body>` and, when given, the error panel right after its `<body …>` tag.
pub fn inject(html: &str, generation: u64, panel: Option<&str>) -> String {
    let script = format!(
        "<script src=\"{SCRIPT_PATH}?v={generation}\"></script><script src=\"{}\"></script>",
        super::form::SCRIPT_PATH
    );
    let mut out = String::with_capacity(html.len() + script.len() + panel.map_or(0, str::len));
    let lower = html.to_ascii_lowercase();
    let body_open = panel.and_then(|_| {
        let i = lower.find("<body")?;
        Some(i + lower[i..].find('>')? + 1)
    });
    let body_close = lower.rfind("</body");
    let mut rest = html;
    let mut at = 0;
    if let Some(p) = panel {
        let i = body_open.unwrap_or(0);
        out.push_str(&html[..i]);
        out.push_str(p);
        rest = &html[i..];
        at = i;
    }
    match body_close.filter(|&c| c >= at) {
        Some(c) => {
            out.push_str(&rest[..c - at]);
            out.push_str(&script);
            out.push_str(&rest[c - at..]);
        }
        None => {
            out.push_str(rest);
            out.push_str(&script);
        }
    }
    out
}

/// The error panel: every error of the failed rebuild with its place, the quoted line and the
/// hint, over the last good page (which stays underneath and can be shown again).
pub fn error_panel(errors: &[Diagnostic]) -> String {
    let lang = match crate::msg::lang() {
        crate::msg::Lang::Vi => "vi",
        crate::msg::Lang::En => "en",
    };
    let mut s = format!("<div id=\"kehoach-loi\" role=\"alert\" lang=\"{lang}\">");
    s.push_str(concat!(
        "<style>",
        "#kehoach-loi{position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,24,.55);",
        "padding:2rem 1rem;font:16px/1.5 \"Segoe UI\",Roboto,\"Noto Sans\",Arial,sans-serif;color:#1b1f24}",
        "#kehoach-loi[hidden]{display:none}",
        "#kehoach-loi .kh-hop{max-width:60rem;margin:0 auto;background:#fff;border-top:.4rem solid #b3261e;",
        "border-radius:.3rem;padding:1rem 1.5rem;box-shadow:0 .5rem 2rem rgba(0,0,0,.35)}",
        "#kehoach-loi h2{margin:.2rem 0 .5rem;font-size:1.35rem;color:#b3261e}",
        "#kehoach-loi ol{padding-left:1.4rem}#kehoach-loi li{margin:1rem 0}",
        "#kehoach-loi code{font:600 .95rem/1.4 ui-monospace,\"DejaVu Sans Mono\",Consolas,monospace;",
        "background:#f3f6f9;padding:.1rem .3rem;border-radius:.2rem}",
        "#kehoach-loi pre{margin:.4rem 0;padding:.6rem .8rem;background:#1b1f24;color:#f3f6f9;overflow:auto;",
        "font:.9rem/1.45 ui-monospace,\"DejaVu Sans Mono\",Consolas,monospace;border-radius:.2rem}",
        "#kehoach-loi .kh-goi-y{margin:.2rem 0;color:#1c4f8a}",
        "#kehoach-loi button{font:inherit;padding:.3rem .9rem;border:1px solid #4a5460;border-radius:.2rem;",
        "background:#fff;cursor:pointer}",
        "</style><div class=\"kh-hop\">",
    ));
    let n = errors.len();
    let intro = if n == 1 {
        crate::tr!(crate::msg::PANEL_INTRO_ONE)
    } else {
        crate::tr!(crate::msg::PANEL_INTRO_MANY)
    };
    s.push_str(&format!(
        "<h2>{}</h2><p>{} <code>kehoach serve</code>.</p><ol>",
        escape(&crate::tr!(crate::msg::PANEL_TITLE, n = n)),
        escape(&intro)
    ));
    for d in errors {
        let place = match d.pos {
            Some(p) => format!("{}:{}:{}", display_path(&d.path), p.line, p.col),
            None => display_path(&d.path),
        };
        s.push_str(&format!(
            "<li><p><strong>{} <code>{}</code></strong>: {}</p>",
            escape(crate::msg::PANEL_FILE.text()),
            escape(&place),
            escape(&d.message)
        ));
        if let (Some(line), Some(pos)) = (&d.source_line, d.pos) {
            let gutter = pos.line.to_string();
            let pad = " ".repeat(gutter.len());
            let quoted = format!(
                "{gutter} | {}\n{pad} | {}^",
                line.replace('\t', " "),
                " ".repeat(pos.col.saturating_sub(1))
            );
            s.push_str(&format!("<pre tabindex=\"0\">{}</pre>", escape(&quoted)));
        }
        if let Some(h) = &d.hint {
            s.push_str(&format!(
                "<p class=\"kh-goi-y\">{}: {}</p>",
                escape(crate::msg::PANEL_HINT.text()),
                escape(h)
            ));
        }
        s.push_str("</li>");
    }
    s.push_str(&format!(
        "</ol><p><button type=\"button\" id=\"kehoach-loi-dong\">{}</button></p></div></div>",
        escape(crate::msg::PANEL_HIDE.text())
    ));
    s
}

/// A page of its own for when there is no good build to show yet (the first build failed).
pub fn error_page(errors: &[Diagnostic], generation: u64) -> String {
    let html = "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Lỗi trong nội dung — kehoach serve</title></head><body>\
         <main><h1>Chưa dựng được trang</h1></main></body></html>";
    inject(html, generation, Some(&error_panel(errors)))
}

/// Text made safe inside HTML elements and quoted attributes: the theme's escaping.
pub use crate::render::theme::escape_html as escape;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Pos;

    #[test]
    fn script_goes_before_the_last_body_end() {
        let out = inject("<html><body><p>x</p></body></html>", 7, None);
        assert_eq!(
            out,
            "<html><body><p>x</p><script src=\"/__kehoach/reload.js?v=7\"></script><script src=\"/__kehoach/tien-do.js\"></script></body></html>"
        );
        // No </body> (omitted, or a fragment): appended.
        assert!(
            inject("<p>x", 1, None)
                .ends_with("<p>x<script src=\"/__kehoach/reload.js?v=1\"></script><script src=\"/__kehoach/tien-do.js\"></script>")
        );
    }

    #[test]
    fn panel_goes_after_the_body_tag() {
        let out = inject(
            "<html><BODY class=\"a\"><p>x</p></BODY></html>",
            2,
            Some("<div>P</div>"),
        );
        assert_eq!(
            out,
            "<html><BODY class=\"a\"><div>P</div><p>x</p><script src=\"/__kehoach/reload.js?v=2\"></script><script src=\"/__kehoach/tien-do.js\"></script></BODY></html>"
        );
    }

    #[test]
    fn panel_quotes_the_line_and_escapes_everything() {
        let d = Diagnostic::error("content/plans/a.md", Some(Pos::new(2, 8)), "bad <script>")
            .with_hint("write \"x\" & 'y'")
            .with_source("---\ntitle: <script>alert(1)</script>\n");
        let p = error_panel(&[d]);
        assert!(p.contains("<code>content/plans/a.md:2:8</code>"), "{p}");
        assert!(p.contains("bad &lt;script&gt;"), "{p}");
        assert!(
            p.contains("2 | title: &lt;script&gt;alert(1)&lt;/script&gt;\n  |        ^"),
            "{p}"
        );
        assert!(
            p.contains("How to fix it: write &quot;x&quot; &amp; &#39;y&#39;"),
            "{p}"
        );
        assert!(!p.contains("<script>alert"), "{p}");
    }
}
