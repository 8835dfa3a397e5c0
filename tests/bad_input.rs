//! The bad-input corpus: `tests/bad_input/<case>/site/` is a site with one kind of mistake,
//! `tests/bad_input/<case>/expected` the exit code and the exact diagnostic lines the editor
//! must see (`path:line:column: error|warning: message`), no more and no fewer. Every
//! diagnostic carries a hint, every positioned one quotes its line with a caret, nothing
//! panics, and nothing is written.

mod common;
use common::*;

struct Expected {
    command: String,
    exit: i32,
    lines: Vec<String>,
}

fn expected(case: &std::path::Path) -> Expected {
    let text = read(&case.join("expected"));
    let mut e = Expected {
        command: "check".into(),
        exit: 0,
        lines: Vec::new(),
    };
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        if let Some(c) = line.strip_prefix("command: ") {
            e.command = c.trim().into();
        } else if let Some(x) = line.strip_prefix("exit ") {
            e.exit = x.trim().parse().unwrap();
        } else {
            e.lines.push(line.to_string());
        }
    }
    e
}

#[test]
fn every_bad_input_gets_its_diagnostic() {
    let corpus = repo().join("tests/bad_input");
    let mut cases: Vec<_> = std::fs::read_dir(&corpus)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 25, "{} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let exp = expected(case);
        // Work on a copy: nothing may be written into the corpus, and we check that too.
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        copy_dir(&case.join("site"), &site);
        let before = files(&site);
        let out = tmp.path().join("public");
        let o = match exp.command.as_str() {
            "build" => kehoach(
                &["build", "--output", out.to_str().unwrap(), "--today", TODAY],
                &site,
            ),
            _ => kehoach(&["check", "--today", TODAY], &site),
        };
        let (so, se) = text(&o);
        let all = format!("{se}{so}");
        if se.contains("panicked") {
            failures.push(format!("{name}: panicked\n{all}"));
            continue;
        }
        let got: Vec<String> = all
            .lines()
            .filter(|l| {
                !l.starts_with(' ') && (l.contains(": error: ") || l.contains(": warning: "))
            })
            .map(str::to_string)
            .collect();
        if o.status.code() != Some(exp.exit) {
            failures.push(format!(
                "{name}: exit {:?}, expected {}\n{all}",
                o.status.code(),
                exp.exit
            ));
        }
        if got != exp.lines {
            failures.push(format!(
                "{name}: diagnostics differ\n  expected: {:#?}\n  got: {:#?}",
                exp.lines, got
            ));
        }
        // Each diagnostic: a hint; and a quoted line with a caret when it has a position.
        for block in all
            .split("\n\n")
            .filter(|b| b.contains(": error: ") || b.contains(": warning: "))
        {
            if !block.contains("= hint: ") {
                failures.push(format!("{name}: no hint in\n{block}"));
            }
            let head = block.lines().next().unwrap_or_default();
            let positioned = head
                .split(": ")
                .next()
                .is_some_and(|p| p.matches(':').count() >= 2);
            if positioned
                && !block
                    .lines()
                    .any(|l| l.trim_start().starts_with('|') && l.trim_end().ends_with('^'))
            {
                failures.push(format!(
                    "{name}: no caret under the quoted line in\n{block}"
                ));
            }
        }
        if files(&site) != before {
            failures.push(format!("{name}: the command wrote into the site folder"));
        }
        if exp.exit != 0 && out.exists() {
            failures.push(format!(
                "{name}: a failed {} created the output folder",
                exp.command
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    for f in files(from) {
        let dest = to.join(&f);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::copy(from.join(&f), dest).unwrap();
    }
}
