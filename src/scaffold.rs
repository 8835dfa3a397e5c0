//! `kehoach init` and `kehoach new plan`: skeletons an editor fills in.

use crate::diag::Diagnostic;
use crate::{msg, tr};
use std::path::{Path, PathBuf};

const SITE_TOML: &str = include_str!("scaffold/site.toml");
const UNITS_YAML: &str = include_str!("scaffold/units.yaml");
const PLAN_MD: &str = include_str!("scaffold/plan.md");

fn write_new(path: &Path, text: &str) -> Result<(), Diagnostic> {
    if path.exists() {
        return Err(Diagnostic::error(path, None, tr!(msg::FILE_EXISTS))
            .with_hint(tr!(msg::FILE_EXISTS_HINT)));
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| {
            Diagnostic::error(dir, None, tr!(msg::FOLDER_NOT_CREATED, error = e))
                .with_hint(tr!(msg::CHECK_PERMISSIONS_HINT))
        })?;
    }
    std::fs::write(path, text).map_err(|e| {
        Diagnostic::error(path, None, tr!(msg::CANNOT_WRITE, error = e))
            .with_hint(tr!(msg::CHECK_PERMISSIONS_HINT))
    })
}

/// The example plan of a new site: the skeleton with its placeholders (which `check`
/// refuses, see [`crate::content::plan::PLACEHOLDERS`]) filled in, so that the new site
/// checks clean and builds.
pub fn example_plan() -> String {
    const FILLED: &[(&str, &str)] = &[
        (
            "title: Tên kế hoạch",
            "title: Kế hoạch mẫu về cải cách hành chính năm 2026",
        ),
        ("place: Địa danh", "place: Mẫu"),
        (
            "  - Căn cứ …",
            "  - Căn cứ Luật Tổ chức chính quyền địa phương năm 2025;",
        ),
        (", name: Nguyễn Văn A }", " }"),
        (
            "content: Nội dung nhiệm vụ   ",
            "content: Rà soát, công khai thủ tục hành chính của xã",
        ),
        (
            crate::content::plan::BODY_PLACEHOLDER,
            "Kế hoạch mẫu do `kehoach init` tạo: thay bằng kế hoạch thật, hoặc xóa tệp này.",
        ),
    ];
    FILLED.iter().fold(PLAN_MD.to_string(), |text, (from, to)| {
        text.replace(from, to)
    })
}

/// Creates a new site in `dir` (which must be absent or empty). Returns the number of files.
pub fn init(dir: &Path) -> Result<usize, Diagnostic> {
    if dir.exists()
        && std::fs::read_dir(dir)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        return Err(
            Diagnostic::error(dir, None, tr!(msg::INIT_FOLDER_NOT_EMPTY))
                .with_hint(tr!(msg::INIT_FOLDER_NOT_EMPTY_HINT)),
        );
    }
    write_new(&dir.join("site.toml"), SITE_TOML)?;
    write_new(&dir.join("content/units.yaml"), UNITS_YAML)?;
    write_new(&dir.join("content/plans/ke-hoach-mau.md"), &example_plan())?;
    write_new(
        &dir.join("content/pages/gioi-thieu.md"),
        "---\ntitle: Giới thiệu\n---\nTrang này công khai các kế hoạch của Ủy ban nhân dân xã.\n",
    )?;
    write_new(&dir.join("static/files/.gitkeep"), "")?;
    Ok(5)
}

/// Creates `content/plans/<slug>.md` from the commented skeleton.
pub fn new_plan(root: &Path, name: &str) -> Result<PathBuf, Diagnostic> {
    let slug = crate::vi::slugify(name.trim_end_matches(".md"));
    if slug.is_empty() {
        return Err(
            Diagnostic::error("NAME", None, tr!(msg::NEW_PLAN_EMPTY_NAME, name = name))
                .with_hint(tr!(msg::NEW_PLAN_EMPTY_NAME_HINT)),
        );
    }
    if !root.join("site.toml").is_file() {
        return Err(
            Diagnostic::error(root.join("site.toml"), None, tr!(msg::NOT_A_SITE))
                .with_hint(tr!(msg::NOT_A_SITE_HINT)),
        );
    }
    let path = root.join("content/plans").join(format!("{slug}.md"));
    write_new(&path, PLAN_MD)?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::units::Registry;

    fn read(text: &str) -> Vec<String> {
        let (registry, _) = Registry::read(Path::new("units.yaml"), UNITS_YAML);
        let (plan, diags) = crate::content::plan::read_plan(
            Path::new("a.md"),
            text,
            "a".into(),
            &registry,
            None,
            None,
        );
        assert!(plan.is_some());
        diags.iter().map(|d| d.headline()).collect()
    }

    #[test]
    fn the_skeleton_is_refused_until_each_placeholder_is_replaced() {
        let got = read(PLAN_MD);
        for (field, value) in crate::content::plan::PLACEHOLDERS {
            if *field == "issuer" || *field == "leader" {
                // Commented out in the skeleton.
                assert!(PLAN_MD.contains(value), "{value}");
                continue;
            }
            assert!(
                got.iter().any(|h| h.contains(&format!(
                    "error: `{field}` is still the placeholder of `kehoach new plan`: `{value}`"
                ))),
                "{field}: {got:#?}"
            );
        }
        assert!(
            got.iter()
                .any(|h| h.contains("the prose is still the placeholder")),
            "{got:#?}"
        );
    }

    #[test]
    fn the_example_of_a_new_site_reads_clean() {
        assert_eq!(read(&example_plan()), Vec::<String>::new());
    }
}
