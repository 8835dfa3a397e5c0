//! A differential check of incremental rebuilds: random edits of a site's plans (a task's
//! wording, a lead unit, a progress status, a deadline), each followed by `Project::rebuild`,
//! whose output must be byte for byte a full build's (compared with `diff -r`). It edits the
//! plans of SITE in place: run it on a copy.
//!
//!     cp -r target/bench/corpus-1000 /tmp/site
//!     SEED=7 cargo run --release --example rebuild_check -- /tmp/site /tmp/out /tmp/full 20

use std::path::PathBuf;
fn main() {
    let a: Vec<String> = std::env::args().collect();
    if a.len() < 5 {
        eprintln!("usage: rebuild_check SITE OUTPUT FULL_OUTPUT EDITS");
        std::process::exit(2);
    }
    let root = PathBuf::from(&a[1]);
    let out = PathBuf::from(&a[2]);
    let full = PathBuf::from(&a[3]);
    let n: usize = a[4].parse().unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
    let opts = kehoach::BuildOptions {
        root: root.clone(),
        output: out.clone(),
        today,
    };
    let mut p = kehoach::Project::new(opts);
    p.rebuild().unwrap();
    let mut plans: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content/plans"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    plans.sort();
    let mut seed = std::env::var("SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(12345u64);
    let mut rnd = move |m: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % m as u64) as usize
    };
    let words = [
        "đất", "đai", "hoá", "văn", "xã", "hội", "quy", "hoạch", "zzqq", "thủ", "tục", "UBND",
        "công", "an",
    ];
    for i in 0..n {
        let f = &plans[rnd(plans.len())];
        let text = std::fs::read_to_string(f).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let cands: Vec<usize> = (0..lines.len())
            .filter(|&j| {
                lines[j].contains("content: ")
                    || lines[j].contains("status: ")
                    || lines[j].contains("lead: ")
                    || lines[j].trim_start().starts_with("due: ")
            })
            .collect();
        let mut new: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
        for _ in 0..1 + rnd(4) {
            let j = cands[rnd(cands.len())];
            let l = &new[j];
            new[j] = if l.contains("status: ") {
                let st = ["done", "in_progress", "not_started", "cancelled"][rnd(4)];
                let at = l.find("status: ").unwrap() + 8;
                let end = at + l[at..].find([',', ' ', '}']).unwrap_or(l.len() - at);
                format!("{}{st}{}", &l[..at], &l[end..])
            } else if l.trim_start().starts_with("due: ") {
                // Another deadline: the task moves in every deadline order it is in.
                let at = l.find("due: ").unwrap() + 5;
                format!(
                    "{}{}",
                    &l[..at],
                    ["Quý IV/2026", "Tháng 6/2027", "Thường xuyên", "Năm 2025"][rnd(4)]
                )
            } else if l.contains("lead: ") && rnd(2) == 0 {
                let at = l.find("lead: ").unwrap() + 6;
                format!(
                    "{}{}",
                    &l[..at],
                    ["Công an xã", "Phòng Kinh tế", "Văn phòng HĐND và UBND"][rnd(3)]
                )
            } else if l.contains("content: ")
                && !l.trim_end().ends_with('|')
                && !l.trim_end().ends_with("|-")
            {
                let mut ws: Vec<String> = l.split(' ').map(String::from).collect();
                // A word inside the wording: never its first or last (which carry its quotes)
                // nor the key before it, so that the YAML stays valid.
                let from = ws.iter().position(|w| w.ends_with("content:")).unwrap_or(0) + 2;
                if from + 1 >= ws.len() {
                    continue;
                }
                let k = from + rnd(ws.len() - 1 - from);
                if rnd(2) == 0 {
                    ws.remove(k);
                } else {
                    ws.insert(k, words[rnd(words.len())].to_string());
                }
                ws.join(" ")
            } else {
                l.clone()
            };
        }
        std::thread::sleep(std::time::Duration::from_millis(3));
        std::fs::write(f, new.join("\n") + "\n").unwrap();
        let r = p.rebuild();
        let r = match r {
            Ok(r) => r,
            Err(d) => {
                println!(
                    "edit {i}: errors {}",
                    d.iter().next().map(|d| d.to_string()).unwrap_or_default()
                );
                std::fs::write(f, &text).unwrap();
                p.rebuild().unwrap();
                continue;
            }
        };
        let _ = std::fs::remove_dir_all(&full);
        kehoach::build(&kehoach::BuildOptions {
            root: root.clone(),
            output: full.clone(),
            today,
        })
        .unwrap();
        let st = std::process::Command::new("diff")
            .arg("-rq")
            .arg(&full)
            .arg(&out)
            .status()
            .unwrap();
        println!(
            "edit {i}: {} index files made; same: {}",
            r.index_files_made,
            st.success()
        );
        if !st.success() {
            std::process::exit(1);
        }
    }
}
