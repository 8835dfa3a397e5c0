//! Any text as a task table pasted for `kehoach import` (tab-separated, Excel's quoting):
//! the grid, the columns recognised, the tasks and the plan file written from them must
//! never panic, and stay within memory and time in proportion to the input.
#![no_main]
use kehoach::content::units::Registry;
use kehoach::import::emit::{self, ImportedPlan};
use kehoach::import::{table, tsv};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|text: &str| {
    let Ok(grid) = tsv::parse(text) else {
        return;
    };
    let (registry, _) = Registry::read(
        Path::new("content/units.yaml"),
        include_str!("../../content/units.yaml"),
    );
    let mut tasks = table::TaskTable::default();
    if let Ok(true) = table::read_tasks(&grid, &registry, &mut tasks) {
        let plan = ImportedPlan {
            tasks,
            ..ImportedPlan::default()
        };
        let _ = emit::plan_file(&plan, &registry);
    }
});
