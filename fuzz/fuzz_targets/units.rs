//! Any text as content/units.yaml, then name resolution against what was read.
#![no_main]
use kehoach::content::units::Registry;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|text: &str| {
    let (reg, _diags) = Registry::read(Path::new("content/units.yaml"), text);
    for u in &reg.units {
        assert!(reg.resolve(&u.name).is_some());
    }
    let _ = reg.suggest(text);
});
