//! `site.toml`: the site's settings. Unknown keys are errors naming the nearest known key.

use crate::diag::{Diagnostic, Pos, nearest};
use crate::{msg, tr};
use serde::Deserialize;
use std::path::Path;

/// Defines [`Config`] and [`KEYS`] from one list of fields, so that the keys named in
/// messages are always the keys read.
macro_rules! settings {
    ($(#[$sm:meta])* pub struct $name:ident { $($(#[$fm:meta])* pub $field:ident: $ty:ty,)* }) => {
        $(#[$sm])*
        pub struct $name {
            $($(#[$fm])* pub $field: $ty,)*
        }

        /// Every key `site.toml` accepts.
        pub const KEYS: &[&str] = &[$(stringify!($field)),*];
    };
}

settings! {
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The portal's title, e.g. "Kế hoạch của UBND xã An Thành".
    pub title: String,
    /// The commune or ward: "xã An Thành".
    pub commune: String,
    /// The province or city: "thành phố Hải Phòng".
    pub province: String,
    /// The default issuer of plans that do not name one ("UBND xã An Thành").
    #[serde(default)]
    pub issuer: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default = "default_language")]
    pub language: String,
    /// When absent every link is relative, so the output works from any folder and file://.
    #[serde(default)]
    pub base_url: Option<String>,
    #[serde(default = "default_theme")]
    pub theme: String,
    /// chrono format of dates shown on the portal.
    #[serde(default = "default_date_format")]
    pub date_format: String,
    /// Rows per page of the lists that grow with the site.
    #[serde(default = "default_page_size")]
    pub page_size: usize,
    /// A line under every page (the editorial board's contact, licence of the content).
    #[serde(default)]
    pub footer: Option<String>,
}
}

fn default_language() -> String {
    "vi".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_date_format() -> String {
    "%d/%m/%Y".into()
}
fn default_page_size() -> usize {
    100
}

impl Config {
    pub fn read(path: &Path, rel: &Path) -> Result<Config, Diagnostic> {
        let bytes = std::fs::read(path).map_err(|e| {
            Diagnostic::error(rel, None, tr!(msg::SETTINGS_UNREADABLE, error = e))
                .with_hint(tr!(msg::SETTINGS_UNREADABLE_HINT))
        })?;
        let text = crate::content::plan::decode(rel, bytes)?;
        Self::parse(rel, &text)
    }

    pub fn parse(rel: &Path, text: &str) -> Result<Config, Diagnostic> {
        let mut cfg: Config = toml::from_str(text).map_err(|e| {
            let pos = e.span().map(|s| offset_to_pos(text, s.start));
            let msg = e.message().trim().to_string();
            let (message, hint) = if let Some(rest) = msg.strip_prefix("unknown field `") {
                let key = rest.split('`').next().unwrap_or_default();
                let keys = KEYS.join(", ");
                let hint = match nearest(key, KEYS.iter().copied()) {
                    Some(n) => tr!(
                        msg::SETTINGS_UNKNOWN_KEY_DID_YOU_MEAN_HINT,
                        near = n,
                        keys = keys
                    ),
                    None => tr!(msg::MAP_EXPECTED_HINT, keys = keys),
                };
                (tr!(msg::SETTINGS_UNKNOWN_KEY, key = key), hint)
            } else if let Some(rest) = msg.strip_prefix("missing field `") {
                let key = rest.split('`').next().unwrap_or_default();
                (
                    tr!(msg::SETTINGS_MISSING_KEY, key = key),
                    tr!(msg::SETTINGS_MISSING_KEY_HINT, key = key),
                )
            } else {
                (
                    tr!(msg::SETTINGS_INVALID, why = msg),
                    tr!(msg::SETTINGS_INVALID_HINT),
                )
            };
            Diagnostic::error(rel, pos, message)
                .with_hint(hint)
                .with_source(text)
        })?;
        if let Some(b) = &cfg.base_url {
            let b = b.trim().trim_end_matches('/');
            if b.is_empty() {
                cfg.base_url = None;
            } else if !(b.starts_with("http://") || b.starts_with("https://") || b.starts_with('/'))
            {
                let pos = text.find("base_url").map(|o| offset_to_pos(text, o));
                return Err(Diagnostic::error(
                    rel,
                    pos,
                    tr!(msg::SETTINGS_BASE_URL_BAD, value = b),
                )
                .with_hint(tr!(msg::SETTINGS_BASE_URL_BAD_HINT))
                .with_source(text));
            } else {
                cfg.base_url = Some(b.to_string());
            }
        }
        let t = cfg.theme.as_str();
        if t.is_empty()
            || t == "."
            || t == ".."
            || !t
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
        {
            let pos = text.find("theme").map(|o| offset_to_pos(text, o));
            return Err(
                Diagnostic::error(rel, pos, tr!(msg::SETTINGS_THEME_BAD, value = t))
                    .with_hint(tr!(msg::SETTINGS_THEME_BAD_HINT))
                    .with_source(text),
            );
        }
        if cfg.page_size == 0 {
            return Err(Diagnostic::error(
                rel,
                text.find("page_size").map(|o| offset_to_pos(text, o)),
                tr!(msg::SETTINGS_PAGE_SIZE_ZERO),
            )
            .with_hint(tr!(msg::SETTINGS_PAGE_SIZE_ZERO_HINT))
            .with_source(text));
        }
        Ok(cfg)
    }
}

/// 1-based line and character column of a byte offset.
pub fn offset_to_pos(text: &str, offset: usize) -> Pos {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Pos::new(line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_names_nearest() {
        let e = Config::parse(
            Path::new("site.toml"),
            "title = \"a\"\ncommune = \"b\"\nprovince = \"c\"\ntitel = \"x\"\n",
        )
        .unwrap_err();
        assert_eq!(e.pos, Some(Pos::new(4, 1)));
        assert!(e.message.contains("unknown key `titel`"), "{e}");
        assert!(
            e.hint
                .as_deref()
                .unwrap()
                .starts_with("did you mean `title`?"),
            "{e}"
        );
    }

    #[test]
    fn a_theme_is_a_folder_name_under_themes() {
        for bad in ["../../x", "/etc", "a/b", "a\\\\b", "..", "", "C:x"] {
            let e = Config::parse(
                Path::new("site.toml"),
                &format!("title = \"a\"\ncommune = \"b\"\nprovince = \"c\"\ntheme = \"{bad}\"\n"),
            )
            .unwrap_err();
            assert_eq!(e.pos, Some(Pos::new(4, 1)), "{bad}");
            assert!(e.message.contains("name of a folder under themes/"), "{e}");
        }
        for good in ["default", "xa-an-thanh", "phường_1", "v1.2"] {
            Config::parse(
                Path::new("site.toml"),
                &format!("title = \"a\"\ncommune = \"b\"\nprovince = \"c\"\ntheme = \"{good}\"\n"),
            )
            .unwrap();
        }
    }

    #[test]
    fn defaults() {
        let c = Config::parse(
            Path::new("site.toml"),
            "title = \"a\"\ncommune = \"b\"\nprovince = \"c\"\nbase_url = \"\"\n",
        )
        .unwrap();
        assert_eq!(c.base_url, None);
        assert_eq!(c.language, "vi");
        assert_eq!(c.page_size, 100);
    }
}
