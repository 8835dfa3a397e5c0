//! Themes: the default theme is compiled into the binary; a site may override any template
//! (`templates/NAME.html`, or `themes/<theme>/templates/NAME.html`) and any asset.
//!
//! Templates are code that runs on every build, and a site folder may come from someone else
//! (a theme copied from another commune): they are confined to the site. A template or theme
//! file that is a symbolic link leading out of the site is an error (it would publish
//! whatever it points at, `/etc/passwd` included), the theme is a folder name under `themes/`
//! (checked in [`crate::config`]), and Tera's `get_env` is replaced by a function that
//! refuses, so no template can publish the build machine's environment.

use crate::diag::Diagnostic;
use crate::{msg, tr};
use std::path::Path;
use tera::Tera;

/// The default theme's templates: every file of `themes/default/templates/`, embedded by the
/// build script (`build.rs`), sorted by name.
pub const TEMPLATES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/templates.rs"));

/// The default theme's static assets, written under `assets/`.
pub const ASSETS: &[(&str, &[u8])] = &[
    (
        "style.css",
        include_bytes!("../../themes/default/static/style.css"),
    ),
    (
        "kehoach.js",
        include_bytes!("../../themes/default/static/kehoach.js"),
    ),
    (
        "search.js",
        include_bytes!("../../themes/default/static/search.js"),
    ),
];

/// `path` resolved (symbolic links followed), if it exists and lies inside `real_root` (the
/// site folder, itself resolved).
pub fn within(real_root: &Path, path: &Path) -> Option<std::path::PathBuf> {
    path.canonicalize()
        .ok()
        .filter(|real| real.starts_with(real_root))
}

/// Replaces Tera's `get_env` (which would publish the build machine's environment variables,
/// tokens included) by a function that refuses with a message saying why.
fn sandbox(tera: &mut Tera) {
    tera.register_function(
        "get_env",
        |_: &std::collections::HashMap<String, tera::Value>| -> tera::Result<tera::Value> {
            Err(tera::Error::msg(tr!(msg::TEMPLATE_GET_ENV_OFF)))
        },
    );
}

/// Which hot templates are still the default theme's (not overridden by the site or its theme):
/// those are rendered natively, byte for byte as Tera would (tests compare the two).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Native {
    /// `task_row.html` and `macros.html`: the row of the cross-plan lists.
    pub row: bool,
    /// `plan_task_row.html` and `macros.html`: a row of a plan page's task table.
    pub plan_row: bool,
    /// `plan.html`: it prints each task's pre-rendered row only, so its tasks need no other
    /// field in the page's context.
    pub plan_page: bool,
    /// `macros.html`, `unit.html` and `tasks.html`: their task tables print the rows one
    /// after the other and nothing else, so a page's rows can be given as one string of
    /// placeholders (Tera then loops once instead of once per row).
    pub joined_rows: bool,
}

/// Template name → the file it was read from, for error messages.
pub type Origins = Vec<(String, String)>;

/// Compiles the templates once: the default theme, then the site's theme folder, then the
/// site's own `templates/`, later ones replacing earlier ones of the same name.
/// The third value tells which of the hottest templates are still the default theme's, which
/// [`super::row`] renders without Tera.
pub fn load_templates(
    site_root: &Path,
    theme: &str,
) -> Result<(Tera, Origins, Native), Vec<Diagnostic>> {
    let mut sources: Vec<(String, String, String)> = TEMPLATES
        .iter()
        .map(|(n, s)| {
            (
                n.to_string(),
                s.to_string(),
                format!("themes/default/templates/{n}"),
            )
        })
        .collect();
    let mut errors = Vec::new();
    let real_root = site_root
        .canonicalize()
        .unwrap_or_else(|_| site_root.to_path_buf());
    let theme_dir = site_root.join("themes").join(theme).join("templates");
    if theme != "default" && !theme_dir.is_dir() {
        errors.push(
            Diagnostic::error("site.toml", None, tr!(msg::THEME_NOT_FOUND, theme = theme))
                .with_hint(tr!(msg::THEME_NOT_FOUND_HINT)),
        );
        return Err(errors);
    }
    for name in ASSETS.iter().map(|(n, _)| n) {
        let asset = site_root
            .join("themes")
            .join(theme)
            .join("static")
            .join(name);
        if asset.symlink_metadata().is_ok() && within(&real_root, &asset).is_none() {
            errors.push(
                Diagnostic::error(
                    format!("themes/{theme}/static/{name}"),
                    None,
                    tr!(msg::THEME_FILE_LINKED_OUT),
                )
                .with_hint(tr!(msg::THEME_FILE_LINKED_OUT_HINT)),
            );
        }
    }
    for dir in [theme_dir, site_root.join("templates")] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut files: Vec<_> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "html"))
            .collect();
        files.sort();
        for path in files {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let rel = path
                .strip_prefix(site_root)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            if within(&real_root, &path).is_none() {
                errors.push(
                    Diagnostic::error(rel, None, tr!(msg::TEMPLATE_LINKED_OUT))
                        .with_hint(tr!(msg::TEMPLATE_LINKED_OUT_HINT)),
                );
                continue;
            }
            match std::fs::read_to_string(&path) {
                Ok(text) => {
                    sources.retain(|(n, _, _)| *n != name);
                    sources.push((name, text, rel));
                }
                Err(e) => errors.push(
                    Diagnostic::error(rel, None, tr!(msg::TEMPLATE_UNREADABLE, error = e))
                        .with_hint(tr!(msg::TEMPLATE_UNREADABLE_HINT)),
                ),
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    sandbox(&mut tera);
    let raw: Vec<(&str, &str)> = sources
        .iter()
        .map(|(n, s, _)| (n.as_str(), s.as_str()))
        .collect();
    if let Err(e) = tera.add_raw_templates(raw) {
        // Tera names the template in its message; point at the file it came from.
        let chained = chain(&e);
        let found = sources.iter().find(|(n, _, _)| {
            chained.contains(&format!("'{n}'")) || chained.contains(&format!("`{n}`"))
        });
        let file = found.map_or("templates".to_string(), |(_, _, f)| f.clone());
        // Tera's parse errors read "Failed to parse 'x.html'\n --> 1:48\n  |\n1 | …\n  = expected …".
        let pos = chained.split("--> ").nth(1).and_then(|rest| {
            let (l, c) = rest.split_whitespace().next()?.split_once(':')?;
            Some(crate::diag::Pos::new(l.parse().ok()?, c.parse().ok()?))
        });
        let what = chained
            .lines()
            .rev()
            .find_map(|l| l.trim().strip_prefix("= "))
            .map_or_else(|| tr!(msg::TEMPLATE_SYNTAX_UNKNOWN), str::to_string);
        let mut d = Diagnostic::error(file, pos, tr!(msg::TEMPLATE_SYNTAX, what = what))
            .with_hint(tr!(msg::TEMPLATE_SYNTAX_HINT));
        if let Some((_, text, _)) = found {
            d = d.with_source(text);
        }
        return Err(vec![d]);
    }
    // Compiled once more from compact sources: indentation and line breaks between tags cost
    // bytes on every page, and compacting 15 templates once is far cheaper than minifying
    // every page. The first compilation above keeps error positions in the files' own lines.
    let mut compact = Tera::default();
    compact.autoescape_on(vec![".html", ".xml"]);
    compact.set_escape_fn(escape_html);
    sandbox(&mut compact);
    let squeezed: Vec<(String, String)> = sources
        .iter()
        .map(|(n, s, _)| (n.clone(), compact_template(s)))
        .collect();
    if let Err(e) =
        compact.add_raw_templates(squeezed.iter().map(|(n, s)| (n.as_str(), s.as_str())))
    {
        return Err(vec![
            Diagnostic::error(
                "templates",
                None,
                tr!(msg::TEMPLATE_COMPACTED_BAD, error = chain(&e)),
            )
            .with_hint(tr!(msg::TEMPLATE_COMPACTED_BAD_HINT)),
        ]);
    }
    let default = |names: &[&str]| {
        names.iter().all(|name| {
            let embedded = TEMPLATES.iter().find(|(n, _)| n == name).map(|(_, s)| *s);
            let used = sources.iter().find(|(n, _, _)| n == name);
            used.is_some_and(|(_, s, _)| Some(s.as_str()) == embedded)
        })
    };
    let native = Native {
        row: default(&["task_row.html", "macros.html"]),
        plan_row: default(&["plan_task_row.html", "macros.html"]),
        plan_page: default(&["plan.html"]),
        joined_rows: default(&["macros.html", "unit.html", "tasks.html"]),
    };
    let origins = sources.into_iter().map(|(n, _, f)| (n, f)).collect();
    Ok((compact, origins, native))
}

/// Every message of an error's chain, joined.
pub fn chain(e: &dyn std::error::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut cur = e.source();
    while let Some(s) = cur {
        parts.push(s.to_string());
        cur = s.source();
    }
    parts.join(": ")
}

/// An error while rendering; `file` is where the template came from.
pub fn template_error(file: &str, e: &tera::Error) -> Diagnostic {
    Diagnostic::error(
        file,
        None,
        tr!(msg::TEMPLATE_RENDER_FAILED, error = chain(e)),
    )
    .with_hint(tr!(msg::TEMPLATE_RENDER_FAILED_HINT))
}

/// Elements whose tags may lose the line breaks around them without changing the rendering.
const BLOCK_TAGS: &[&str] = &[
    "html", "head", "body", "meta", "link", "title", "script", "style", "div", "p", "ul", "ol",
    "li", "table", "caption", "thead", "tbody", "tr", "td", "th", "section", "nav", "header",
    "footer", "main", "article", "aside", "h1", "h2", "h3", "h4", "h5", "h6", "details", "summary",
    "!doctype", "br",
];

fn tag_name(s: &str) -> &str {
    let s = s.trim_start_matches('<').trim_start_matches('/');
    let end = s
        .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .unwrap_or(s.len());
    &s[..end]
}

/// Squeezes a template's layout: indentation and trailing spaces go, and a line break between
/// two tags (or Tera statements) next to a block-level element disappears; any other line
/// break becomes one space, as the browser would render it.
pub fn compact_template(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    for line in src.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if !out.is_empty() {
            let is_block =
                |tag: &str| BLOCK_TAGS.contains(&tag_name(tag).to_ascii_lowercase().as_str());
            let prev_tag = if out.ends_with('>') {
                out.rfind('<').map(|i| &out[i..])
            } else {
                None
            };
            let prev_block = prev_tag.is_some_and(is_block);
            let prev_statement = out.ends_with("%}") || out.ends_with("#}");
            let next_block = line.starts_with('<') && is_block(line);
            let next_statement = line.starts_with("{%") || line.starts_with("{#");
            let glue = (prev_tag.is_some() && line.starts_with('<') && (prev_block || next_block))
                || (prev_block && next_statement)
                || (prev_statement && (next_block || next_statement));
            if !glue {
                out.push(' ');
            }
        }
        out.push_str(line);
    }
    out.push('\n');
    out
}

/// HTML escaping for text and quoted attribute values. Unlike Tera's default it leaves `/`
/// alone: every link on every page would otherwise carry `&#x2F;`.
pub fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + input.len() / 8);
    escape_html_into(&mut out, input);
    out
}

/// [`escape_html`], appending to `out`.
pub fn escape_html_into(out: &mut String, input: &str) {
    for c in input.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compaction_keeps_inline_spaces_and_drops_block_breaks() {
        let src = "<ul>\n  <li><a href=\"x\">A</a>\n    <span>B</span></li>\n  {% for x in y %}\n  <li>{{ x }}</li>\n  {% endfor %}\n</ul>\n";
        assert_eq!(
            compact_template(src),
            "<ul><li><a href=\"x\">A</a> <span>B</span></li>{% for x in y %}<li>{{ x }}</li>{% endfor %}</ul>\n"
        );
    }

    #[test]
    fn every_default_template_still_compiles_compacted() {
        let mut t = Tera::default();
        let compacted: Vec<(&str, String)> = TEMPLATES
            .iter()
            .map(|(n, s)| (*n, compact_template(s)))
            .collect();
        t.add_raw_templates(compacted.iter().map(|(n, s)| (*n, s.as_str())))
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(TEMPLATES.len() >= 16, "{} templates", TEMPLATES.len());
    }
}
