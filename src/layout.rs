//! Where a site's sources are, relative to its folder: listed once, for the stages that read
//! them, `serve` that watches them, [`crate::Project`] that decides when a full build is
//! needed, and [`crate::output`] that refuses to publish over them.

/// The site's settings.
pub const SETTINGS: &str = "site.toml";
/// Plans, units and free pages.
pub const CONTENT: &str = "content";
/// The registry of units.
pub const UNITS: &str = "content/units.yaml";
/// One plan per Markdown file, sub-folders allowed.
pub const PLANS: &str = "content/plans";
/// Free pages (giới thiệu, hướng dẫn).
pub const PAGES: &str = "content/pages";
/// Copied into the output as is (logos, the signed PDF of each plan).
pub const STATIC: &str = "static";
/// The site's own templates, overriding the theme's.
pub const TEMPLATES: &str = "templates";
/// Themes, each `themes/<name>/templates/` and `themes/<name>/static/`.
pub const THEMES: &str = "themes";

/// The folders whose every change can change the portal (`serve` watches them, with
/// [`SETTINGS`]).
pub const SOURCE_DIRS: [&str; 4] = [CONTENT, THEMES, TEMPLATES, STATIC];

/// The inputs other than plans: a change to any of them makes [`crate::Project`] build the
/// whole site again (plans are re-read one by one).
pub const FULL_BUILD_FILES: [&str; 2] = [SETTINGS, UNITS];
/// … and the folders of such inputs.
pub const FULL_BUILD_DIRS: [&str; 4] = [TEMPLATES, THEMES, STATIC, PAGES];
