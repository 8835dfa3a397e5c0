//! Measures the in-process rebuild API (`kehoach::Project`, what `serve` uses): one full
//! build, then N edits of one plan file (a progress update that changes a task's status, and
//! a change of a task's wording), each followed by a rebuild. Prints the time of each phase.
//!
//!     cargo run --release --example rebuild -- SITE_DIR OUTPUT_DIR [N]

use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: rebuild SITE_DIR OUTPUT_DIR [N]");
        std::process::exit(2);
    }
    let root = PathBuf::from(&args[1]);
    let out = PathBuf::from(&args[2]);
    let n: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(10);
    let opts = kehoach::BuildOptions {
        root: root.clone(),
        output: out,
        today: chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap(),
    };
    let mut project = kehoach::Project::new(opts);
    let t = Instant::now();
    let s = project.rebuild().unwrap_or_else(|d| panic!("{d:?}"));
    println!(
        "full build: {:.0} ms, {} plans, {} pages",
        t.elapsed().as_secs_f64() * 1e3,
        s.plans,
        s.pages
    );
    // The plan in the middle of the file list: its tasks sit in the middle of every list.
    let mut plans: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content/plans"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    plans.sort();
    let plan = plans[plans.len() / 2].clone();
    let original = std::fs::read_to_string(&plan).unwrap();
    // Let the full build's writes reach the disk first: an editor's first save comes later.
    let _ = std::process::Command::new("sync").status();
    std::thread::sleep(std::time::Duration::from_secs(2));
    let (mut wording, mut status) = (Vec::new(), Vec::new());
    let mut current = original.clone();
    // `KIND=status` or `KIND=wording` makes every edit of one kind (for profiling one of them).
    let only = std::env::var("KIND").ok();
    for i in 0..n {
        // Alternate, each edit on top of the previous ones: a task's wording (the same task
        // each time), then the status of a progress update (done ↔ in progress).
        let wording_edit = match only.as_deref() {
            Some("status") => false,
            Some("wording") => true,
            _ => i % 2 == 0,
        };
        current = if wording_edit {
            match current.find("(sửa ") {
                Some(at) => {
                    let end = at + current[at..].find(')').unwrap() + 1;
                    format!("{}(sửa {i}){}", &current[..at], &current[end..])
                }
                None => current.replacen("content: ", &format!("content: (sửa {i}) "), 1),
            }
        } else {
            let at = current
                .find("status: ")
                .expect("a plan with progress updates")
                + 8;
            let end = at + current[at..].find([',', ' ', '}', '\n']).unwrap_or(0);
            let new = if &current[at..end] == "done" {
                "in_progress"
            } else {
                "done"
            };
            format!("{}{new}{}", &current[..at], &current[end..])
        };
        std::thread::sleep(std::time::Duration::from_millis(5));
        std::fs::write(&plan, &current).unwrap();
        let t = Instant::now();
        let s = project.rebuild().unwrap_or_else(|d| panic!("{d:?}"));
        let ms = t.elapsed().as_secs_f64() * 1e3;
        let kind = if wording_edit { "wording" } else { "status" };
        if wording_edit {
            wording.push(ms)
        } else {
            status.push(ms)
        };
        println!(
            "rebuild {i} ({kind}): {ms:.1} ms — {} plan read, {} of {} pages rendered, {} index files made",
            s.plans_read, s.pages_rendered, s.pages, s.index_files_made
        );
    }
    std::fs::write(&plan, original).unwrap();
    project.rebuild().unwrap();
    for _ in 0..std::env::var("NOOPS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
    {
        project.rebuild().unwrap();
    }
    // A save that changes nothing (editors do it all the time): nothing is read or written.
    let t = Instant::now();
    let s = project.rebuild().unwrap_or_else(|d| panic!("{d:?}"));
    println!(
        "rebuild with nothing changed: {:.1} ms — {} plans read, {} pages rendered",
        t.elapsed().as_secs_f64() * 1e3,
        s.plans_read,
        s.pages_rendered
    );
    for (kind, mut times) in [("a task's wording", wording), ("a task's status", status)] {
        if times.is_empty() {
            continue;
        }
        times.sort_by(f64::total_cmp);
        println!(
            "median rebuild after editing {kind}: {:.1} ms (min {:.1}, max {:.1}, {} edits)",
            times[times.len() / 2],
            times[0],
            times[times.len() - 1],
            times.len()
        );
    }
}
