//! Any bytes as a plan file: decoding, front-matter split, YAML, typed reading, deadlines and
//! the Markdown renderer must never panic, only report.
#![no_main]
use kehoach::content::plan::{decode, read_plan};
use kehoach::content::units::Registry;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("content/plans/fuzz.md");
    let Ok(text) = decode(path, data.to_vec()) else { return };
    let (plan, _diags) = read_plan(path, &text, "fuzz".into(), &Registry::default(), None, None);
    if let Some(plan) = plan {
        let _ = kehoach::render::markdown::render(&plan.body, "../../");
    }
});
