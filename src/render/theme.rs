//! Themes: the default theme is compiled into the binary; a site may override any template
//! (`templates/NAME.html`, or `themes/<theme>/templates/NAME.html`) and any asset.

use crate::diag::Diagnostic;
use std::path::Path;
use tera::Tera;

macro_rules! embed {
    ($($name:literal),* $(,)?) => { &[$(($name, include_str!(concat!("../../themes/default/templates/", $name)))),*] };
}

/// The default theme's templates.
pub const TEMPLATES: &[(&str, &str)] = embed!(
    "base.html",
    "macros.html",
    "home.html",
    "plans.html",
    "plan.html",
    "units.html",
    "unit.html",
    "tasks.html",
    "topics.html",
    "topic.html",
    "page.html",
    "data.html",
    "404.html",
);

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
];

/// Template name → the file it was read from, for error messages.
pub type Origins = Vec<(String, String)>;

/// Compiles the templates once: the default theme, then the site's theme folder, then the
/// site's own `templates/`, later ones replacing earlier ones of the same name.
pub fn load_templates(site_root: &Path, theme: &str) -> Result<(Tera, Origins), Vec<Diagnostic>> {
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
    let theme_dir = site_root.join("themes").join(theme).join("templates");
    if theme != "default" && !theme_dir.is_dir() {
        errors.push(
            Diagnostic::error(
                "site.toml",
                None,
                format!("theme `{theme}` not found: there is no folder themes/{theme}/templates"),
            )
            .with_hint(
                "remove `theme` from site.toml to use the default theme, or create the folder",
            ),
        );
        return Err(errors);
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
            match std::fs::read_to_string(&path) {
                Ok(text) => {
                    sources.retain(|(n, _, _)| *n != name);
                    sources.push((name, text, rel));
                }
                Err(e) => errors.push(
                    Diagnostic::error(rel, None, format!("cannot read template: {e}"))
                        .with_hint("save the template as UTF-8 text"),
                ),
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    let raw: Vec<(&str, &str)> = sources
        .iter()
        .map(|(n, s, _)| (n.as_str(), s.as_str()))
        .collect();
    if let Err(e) = tera.add_raw_templates(raw) {
        // Tera names the template in its message; point at the file it came from.
        let msg = chain(&e);
        let found = sources
            .iter()
            .find(|(n, _, _)| msg.contains(&format!("'{n}'")) || msg.contains(&format!("`{n}`")));
        let file = found.map_or("templates".to_string(), |(_, _, f)| f.clone());
        // Tera's parse errors read "Failed to parse 'x.html'\n --> 1:48\n  |\n1 | …\n  = expected …".
        let pos = msg.split("--> ").nth(1).and_then(|rest| {
            let (l, c) = rest.split_whitespace().next()?.split_once(':')?;
            Some(crate::diag::Pos::new(l.parse().ok()?, c.parse().ok()?))
        });
        let what = msg
            .lines()
            .rev()
            .find_map(|l| l.trim().strip_prefix("= "))
            .unwrap_or("the template cannot be read");
        let mut d = Diagnostic::error(file, pos, format!("template syntax: {what}"))
            .with_hint("check the {{ … }} and {% … %} tags on this line; the default templates in themes/default/ show working examples");
        if let Some((_, text, _)) = found {
            d = d.with_source(text);
        }
        return Err(vec![d]);
    }
    let origins = sources.into_iter().map(|(n, _, f)| (n, f)).collect();
    Ok((tera, origins))
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
    Diagnostic::error(file, None, format!("cannot render: {}", chain(e)))
        .with_hint("a variable the template uses does not exist for this page; check its name against the default template of the same name")
}
