//! Embeds the default theme's templates: every `themes/default/templates/*.html`, so that a
//! new template (a new kind of page) is in the binary without being listed anywhere.

use std::fmt::Write as _;

fn main() {
    // Read when the script runs, not baked in when it is compiled: a build script compiled for
    // one checkout may be reused by cargo for another sharing the target directory.
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = std::path::Path::new(&root).join("themes/default/templates");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("themes/default/templates is part of the source")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".html"))
        .collect();
    names.sort();
    let mut out = String::from("&[\n");
    for n in &names {
        let path = dir.join(n);
        println!("cargo:rerun-if-changed={}", path.display());
        let _ = writeln!(
            out,
            "    ({n:?}, include_str!({:?})),",
            path.display().to_string()
        );
    }
    out.push(']');
    let dest = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("templates.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}
