//! Any text as a deadline: the engine must never panic, and what it understands must be
//! consistent (a start never after its end).
#![no_main]
use kehoach::vi::deadline::Deadline;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let d = Deadline::parse(text);
    if let (Some(s), Some(e)) = (d.start, d.end) {
        assert!(s <= e, "{text:?}: start {s} after end {e}");
    }
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
    let _ = (d.is_past(today), d.next_due(today), d.describe(), d.year());
});
