//! Search: the Rust index writer and the theme's search script (run under node) agree on
//! folding; ranking on a small fixed corpus; the demo's index files are complete and
//! well-formed.

mod common;
use common::*;
use kehoach::search::analyze::{Expansions, analyze, words};
use serde_json::{Value, json};
use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};
use unicode_normalization::UnicodeNormalization;

/// Runs tests/search/harness.cjs under node with `input` on stdin.
fn harness(args: &[&str], input: &Value) -> Value {
    let script = repo().join("tests/search/harness.cjs");
    let mut child = Command::new("node")
        .arg(&script)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node runs (the search script is tested under node)");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.to_string().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "harness failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn rust_and_javascript_fold_alike() {
    let nfd = |s: &str| s.nfd().collect::<String>();
    let inputs: Vec<String> = vec![
        "Văn hóa - Xã hội".into(),
        nfd("Văn hoá – Xã hội"),
        "VĂN HOÁ—XÃ HỘI".into(),
        "hoá hóa HOÀ hòa thuỷ thủy Thủy lợi".into(),
        nfd("Đất đai, ĐẤT ĐAI; đất-đai"),
        "Phòng VHXH xã".into(),
        "Trung tâm PVHCC; TT Phục vụ HCC".into(),
        "thủ tục hành chính (TTHC)".into(),
        "UBND xã, HĐND xã, Ủy ban nhân dân, Hội đồng nhân dân".into(),
        "CCHC, cải cách hành chính; CNTT và công nghệ thông tin".into(),
        "66/KH-UBND ngày 07/10/2025 — Quý III‑IV/2025".into(),
        "Văn phòng HĐND&UBND".into(),
        "  ưu tiên  ơn ăn ân ê ô  ".into(),
        "Ωμέγα ΣΟΦΟΣ straße".into(),
        "\u{301}a\u{323}".into(),
        "".into(),
    ];
    let pairs = [
        ("Phòng VHXH", "Phòng Văn hóa - Xã hội"),
        ("UBND xã", "Ủy ban nhân dân xã"),
    ];
    let exp = Expansions::new(pairs.iter().copied());
    let js = harness(&["fold"], &json!({"pairs": exp.pairs, "inputs": inputs}));
    for (i, text) in inputs.iter().enumerate() {
        let rust_words: Vec<[String; 2]> = words(text).into_iter().map(|(e, f)| [e, f]).collect();
        assert_eq!(json!(rust_words), js[i]["words"], "words of {text:?}");
        assert_eq!(
            json!(analyze(text, &exp)),
            js[i]["analyze"],
            "abbreviations of {text:?}"
        );
    }
    // The forms the table is about.
    assert_eq!(js[0]["words"], js[1]["words"]);
    assert_eq!(js[1]["words"], js[2]["words"]);
    let f = |i: usize| -> Vec<String> {
        js[i]["words"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w[1].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(f(4), ["dat", "dai", "dat", "dai", "dat", "dai"]);
    let a5: Vec<&str> = js[5]["analyze"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(a5.contains(&"vhxh") && a5.len() > 3, "{a5:?}");
}

/// A site of `units` (units.yaml) and one plan, number `number`, of one group of `tasks`
/// (task items of its YAML list).
fn one_plan_site(number: &str, title: &str, units: &str, tasks: &str) -> tempfile::TempDir {
    let plan = format!(
        "---\nnumber: {number}\ntitle: {title}\ndate: 2025-10-01\ntasks:\n  - group: Nhóm\n    tasks:\n{tasks}---\nVăn bản.\n"
    );
    site(&[
        ("content/units.yaml", units),
        ("content/plans/ke-hoach.md", &plan),
    ])
}

/// A small site whose tasks are made to test ranking.
fn ranking_site() -> tempfile::TempDir {
    let task = |content: &str| {
        format!(
            "      - content: {content}\n        lead: Phòng Kinh tế\n        due: Tháng 12/2025\n"
        )
    };
    let tasks = [
        "Hoa kiểng trong khuôn viên trụ sở", // nv-i-1: hoa
        "Chuẩn hóa dữ liệu",                 // nv-i-2: hóa (new placement)
        "Chuẩn hoá hồ sơ",                   // nv-i-3: hoá (old placement)
        "Hòa giải ở cơ sở",                  // nv-i-4: hòa
        "Quản lý đất đai trên địa bàn",      // nv-i-5: phrase
        "Đất ở và tranh chấp đai ranh giới", // nv-i-6: scattered
        "Đất công",                          // nv-i-7: one word only
        "Tổ chức tiếp công dân định kỳ",     // nv-i-8: prefix "tiep cong"
        "Rà soát thủ tục hành chính",        // nv-i-9: TTHC
        "Công khai TTHC tại Trung tâm",      // nv-i-10: TTHC
        "Đạt chuẩn nông thôn mới",           // nv-i-11: đạt (toneless ≠ đất)
    ];
    let body: String = tasks.iter().map(|t| task(t)).collect();
    one_plan_site(
        "9/KH-UBND",
        "Kế hoạch thử",
        "- name: Phòng Kinh tế\n",
        &body,
    )
}

/// Task anchors of the results of `queries`, best first (plan records left out).
fn ranked(out: &Path, queries: &[&str]) -> Vec<Vec<String>> {
    let index = out.join("tim-kiem/chi-muc");
    let input = json!(queries.iter().map(|q| json!({"q": q})).collect::<Vec<_>>());
    let res = harness(&["query", index.to_str().unwrap()], &input);
    // Record 0 is the plan; tasks follow in document order.
    res.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["ids"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|id| id.as_u64().filter(|&i| i > 0))
                .map(|i| format!("nv-i-{i}"))
                .collect()
        })
        .collect()
}

#[test]
fn a_number_typed_as_one_token_finds_the_records_that_say_it_and_no_others() {
    let dir = ranking_site();
    let out = dir.path().join("public");
    build(dir.path(), &out);
    let index = out.join("tim-kiem/chi-muc");
    let input = json!([{"q": "9/KH-UBND"}, {"q": "9/kh-ubnd"}, {"q": "19/KH-UBND"}]);
    let res = harness(&["query", index.to_str().unwrap()], &input);
    // The plan (record 0) says it in its number; its tasks have it only in their context,
    // and a record with "KH-UBND" but another number is not about it.
    for r in &res.as_array().unwrap()[..2] {
        assert_eq!(r["ids"], json!([0]), "{r}");
        assert_eq!(r["count"], "exact");
        assert_eq!(r["total"], 1);
    }
    assert_eq!(res[2]["ids"], json!([]), "{}", res[2]);
    assert_eq!(res[2]["total"], 0);
}

#[test]
fn ranking_prefers_exact_then_toneless_then_folded_all_words_phrases_and_prefixes() {
    let dir = ranking_site();
    let out = dir.path().join("public");
    build(dir.path(), &out);
    let r = ranked(
        &out,
        &[
            "hoa",
            "hóa",
            "hoá",
            "đất đai",
            "dat dai",
            "tiep cong",
            "TTHC",
            "thủ tục hành chính",
            "đất",
        ],
    );
    // "hoa": the toneless spelling first, then the others; words it begins ("hoạch" of the
    // plan's title, as the query could still be typed on) after them.
    assert_eq!(r[0][0], "nv-i-1", "{:?}", r[0]);
    let mut top: Vec<&String> = r[0][..4].iter().collect();
    top.sort();
    assert_eq!(top, ["nv-i-1", "nv-i-2", "nv-i-3", "nv-i-4"], "{:?}", r[0]);
    // "hóa" and "hoá" are one spelling: both tasks first, "hoa" and "hòa" after.
    for q in [&r[1], &r[2]] {
        let mut top: Vec<&String> = q[..2].iter().collect();
        top.sort();
        assert_eq!(top, ["nv-i-2", "nv-i-3"], "{q:?}");
        let mut next: Vec<&String> = q[2..4].iter().collect();
        next.sort();
        assert_eq!(next, ["nv-i-1", "nv-i-4"], "{q:?}");
    }
    // All words as a phrase, then scattered, then one word only.
    for q in [&r[3], &r[4]] {
        assert_eq!(q[..2], ["nv-i-5", "nv-i-6"], "{q:?}");
        assert!(q.contains(&"nv-i-7".to_string()));
    }
    // The word being typed is a prefix: "cong" finds "công".
    assert_eq!(r[5][0], "nv-i-8", "{:?}", r[5]);
    // Abbreviations both ways.
    for q in [&r[6], &r[7]] {
        let mut top: Vec<&String> = q[..2].iter().collect();
        top.sort();
        assert_eq!(top, ["nv-i-10", "nv-i-9"], "{q:?}");
    }
    // "đất": exact spellings before "đạt" (same letters, another tone).
    let pos = |q: &Vec<String>, t: &str| q.iter().position(|x| x == t).unwrap();
    assert!(pos(&r[8], "nv-i-5") < pos(&r[8], "nv-i-11"), "{:?}", r[8]);
    // The first letter of a next word does not join the query until it can be completed:
    // the results are those of the words before it, with every word.
    let index = out.join("tim-kiem/chi-muc");
    let res = harness(
        &["query", index.to_str().unwrap()],
        &json!([{"q": "dat dai "}, {"q": "dat dai d"}]),
    );
    assert!(res[0]["full"].as_u64().unwrap() >= 2, "{res}");
    assert_eq!(res[1]["ids"], res[0]["ids"]);
    assert_eq!(res[1]["full"], res[0]["full"]);
}

fn script_data(path: &Path) -> (String, Value) {
    let text = read(path);
    let inner = text
        .trim_end()
        .strip_prefix("__khSearch(")
        .and_then(|t| t.strip_suffix(");"))
        .unwrap_or_else(|| panic!("{} is not a __khSearch(…) script", path.display()));
    let comma = inner.find("\",").expect("name, data") + 1;
    let name: String = serde_json::from_str(&inner[..comma]).unwrap();
    let data: Value = serde_json::from_str(&inner[comma + 1..])
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (name, data)
}

#[test]
fn the_demo_index_is_complete_and_well_formed() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build(&repo(), &out);
    let ix = out.join("tim-kiem/chi-muc");
    let (name, meta) = script_data(&ix.join("meta.js"));
    assert_eq!(name, "meta");
    // 5 plans and 117 tasks.
    assert_eq!(meta["n"], 122);
    let mut files = 1;
    let shards = kehoach::search::front_decoded(meta["d"].as_str().unwrap());
    let mut under = 0;
    let mut facets = 0;
    for prefix in &shards {
        let part = kehoach::search::file_part(prefix);
        let (n, dict) = script_data(&ix.join(format!("d/{part}.js")));
        assert_eq!(n, format!("d/{part}"));
        files += 1;
        for (word, spellings) in dict.as_object().unwrap() {
            if word == "+" {
                // The best completions under each shard below this one: words of that shard
                // or of shards below it.
                for (below, best) in spellings.as_object().unwrap() {
                    under += 1;
                    assert!(below.starts_with(prefix.as_str()) && shards.contains(below));
                    let best = best.as_array().unwrap();
                    assert!(!best.is_empty() && best.len() <= 3, "{best:?}");
                    for w in best {
                        assert!(w[0].as_str().unwrap().starts_with(below.as_str()));
                        assert!(w[1].as_u64().unwrap() > 0);
                    }
                }
                continue;
            }
            assert!(word.starts_with(prefix.as_str()), "{word} in d/{part}");
            // A context key (`đất~`: the word in a heading or a title) and a facet word (`@o`:
            // the overdue tasks) list ids only; a word's spellings (`ủy^`: by abbreviation)
            // list ids with their facet codes. A facet word has its deadline order too.
            let facet = word.starts_with('@');
            let context = word.ends_with('~') || facet;
            if facet {
                let (_, order) = script_data(&ix.join(format!("o/{}.js", &word[1..])));
                assert!(order.as_str().unwrap().starts_with('Z'), "{word}: {order}");
                facets += 1;
            }
            for sp in spellings.as_array().unwrap() {
                assert!(sp[1].as_u64().unwrap() > 0);
                assert_eq!(
                    sp[0].as_str().unwrap().ends_with('~'),
                    context && !facet,
                    "{word}: {sp}"
                );
                if let Some(k) = sp[2].as_u64() {
                    let (_, p) = script_data(&ix.join(format!("p/{part}.{k}.js")));
                    assert!(p["p"].is_string());
                    // The head of ids for completions.
                    assert!(sp[3].as_str().unwrap().starts_with('I'));
                } else if context {
                    assert!(!sp[2].as_str().unwrap().starts_with('L'), "{word}: {sp}");
                } else {
                    assert!(sp[2].as_str().unwrap().starts_with('L'), "{word}: {sp}");
                }
            }
        }
    }
    // Every shard but the root is below one.
    assert_eq!(under, shards.len() - 1);
    // States, overdue, years, units: facet words.
    assert!(facets > 10, "{facets} facet words");
    for prefix in kehoach::search::front_decoded(meta["b"].as_str().unwrap()) {
        let part = kehoach::search::file_part(&prefix);
        let (_, dict) = script_data(&ix.join(format!("b/{part}.js")));
        assert!(dict.is_object());
        files += 1;
    }
    let chunks = 122u32.div_ceil(kehoach::search::CHUNK);
    let mut records = 0;
    for c in 0..chunks {
        let name = kehoach::search::chunk_name(c);
        let (n, chunk) = script_data(&ix.join(format!("{name}.js")));
        assert_eq!(n, name);
        let plans = chunk["p"].as_array().unwrap();
        for r in chunk["r"].as_array().unwrap() {
            let plan = &plans[r[2].as_u64().unwrap() as usize];
            let page = plan[0].as_str().unwrap();
            assert!(!plan[1].as_str().unwrap().is_empty(), "{plan}");
            let html = read(&out.join(page));
            if r[0] == 0 {
                let anchor = r[3].as_str().unwrap();
                assert!(ids(&html).contains(anchor), "{page}#{anchor}");
            }
            records += 1;
        }
    }
    let blocks = 122u32.div_ceil(kehoach::search::FBLOCK);
    for k in 0..blocks {
        let (_, codes) = script_data(&ix.join(format!("f/{k}.js")));
        assert!(!codes.as_str().unwrap().is_empty());
    }
    assert_eq!(records, 122);
    assert!(files > 10);
    record_files_match_the_chunks(&ix, 122);
    // The page: no-JavaScript text, the form, the script.
    let page = read(&out.join("tim-kiem/index.html"));
    for needle in [
        "id=\"tim-khong-js\"",
        "name=\"q\"",
        "assets/search.js",
        "role=\"status\"",
    ] {
        assert!(page.contains(needle), "{needle}");
    }
    assert!(out.join("assets/search.js").is_file());
    // Every page but the search page and 404 has the header search box.
    assert!(read(&out.join("index.html")).contains("action=\"tim-kiem/index.html\""));
    // Real queries over the demo.
    let input = json!(["VHXH", "Văn hoá – Xã hội", "dat dai", "đất đai"].map(|q| json!({"q": q})));
    let res = harness(&["query", ix.to_str().unwrap()], &input);
    let ids = |i: usize| -> Vec<u64> {
        let full = res[i]["full"].as_u64().unwrap() as usize;
        res[i]["ids"].as_array().unwrap()[..full]
            .iter()
            .map(|v| v.as_u64().unwrap())
            .collect()
    };
    assert!(
        ids(0).len() > 40,
        "VHXH finds the tasks of Phòng Văn hoá – Xã hội"
    );
    assert!(
        ids(0).iter().all(|id| ids(1).contains(id)),
        "what VHXH finds, its long form finds"
    );
    // Typed with tones, the records that spell both words so; without, every spelling (đạt
    // too), and the first are among those. The toned query lists the others after its own.
    assert!(!ids(3).is_empty() && ids(3).iter().all(|id| ids(2).contains(id)));
    let all3: Vec<u64> = res[3]["ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    assert!(ids(2).iter().all(|id| all3.contains(id)), "{res}");
}

/// Every record of the record files `r/<g>.dat` of index `ix` (of `n` records), read through
/// their headers, is the record its chunk script gives, made as `Engine.records` makes it; and
/// the search script reads the same records through byte ranges as from the chunks, and from the
/// chunks where ranges are refused.
fn record_files_match_the_chunks(ix: &Path, n: u64) {
    let (_, meta) = script_data(&ix.join("meta.js"));
    let rg = meta["rg"].as_u64().unwrap();
    let size = meta["chunk"].as_u64().unwrap();
    let mut chunks = std::collections::HashMap::new();
    for g in 0..n.div_ceil(rg) {
        let bytes = std::fs::read(ix.join(kehoach::search::dat_name(g as u32))).unwrap();
        let off = |j: usize| u32::from_le_bytes(bytes[4 * j..4 * j + 4].try_into().unwrap());
        let count = off(0) as usize / 4 - 1;
        assert_eq!(count as u64, rg.min(n - g * rg), "records in r/{g}.dat");
        assert_eq!(off(count) as usize, bytes.len());
        for j in 0..count {
            let id = g * rg + j as u64;
            let text = &bytes[off(j) as usize..off(j + 1) as usize];
            let rec: Value = serde_json::from_slice(text).unwrap();
            let c = chunks.entry(id / size).or_insert_with(|| {
                let name = kehoach::search::chunk_name((id / size) as u32);
                script_data(&ix.join(format!("{name}.js"))).1
            });
            let r = &c["r"][(id % size) as usize];
            let p = &c["p"][r[2].as_u64().unwrap() as usize];
            let want = if r[0] == 1 {
                json!([1, r[1], p[0], 0, r[4], p[1], r[5], r[6]])
            } else {
                let href = format!("{}#{}", p[0].as_str().unwrap(), r[3].as_str().unwrap());
                json!([
                    0, r[1], href, r[4], r[5], p[1], r[6], r[7], r[8], r[9], r[10], r[11]
                ])
            };
            assert_eq!(rec, want, "record {id}");
        }
    }
    // Unordered, repeated, next to each other, far apart, across record files.
    let ids: Vec<u64> = [n - 1, 0, 5, 5, 6, 7, rg - 1, rg, rg + 1, n / 2, n / 3, 1]
        .into_iter()
        .filter(|&id| id < n)
        .collect();
    let res = harness(&["records", ix.to_str().unwrap()], &json!(ids));
    assert_eq!(res["ranged"].as_array().unwrap().len(), ids.len());
    assert_eq!(res["ranged"], res["scripts"]);
    assert_eq!(res["fallback"], res["scripts"]);
    assert_eq!(res["dropped"], true, "refused ranges are not asked again");
    assert_eq!(res["files"], json!(["meta"]), "ranges read no chunk script");
    let requests = res["requests"].as_u64().unwrap();
    assert!((2..=2 * ids.len() as u64).contains(&requests), "{requests}");
}

/// A site of 4,400 generated tasks: "alpha" in every task, "beta" in two of three (after
/// "alpha", but apart from it in one of eleven), "gamma" in one of 29 (a posting short enough to
/// be read whole, with its records' facet codes); lead unit `i % 5`,
/// deadline year `2025 + i % 4`.
fn counting_site() -> tempfile::TempDir {
    let units: String = (0..5).map(|u| format!("- name: Phòng Số {u}\n")).collect();
    let mut body = String::new();
    for i in 0..4400 {
        let mut words = vec!["alpha"];
        if i % 3 != 0 {
            words.push("beta");
        }
        if i % 3 != 0 && i % 11 == 0 {
            // Both words, not adjacent.
            words = vec!["beta", "rồi", "alpha"];
        }
        if i % 29 == 0 {
            words.push("gamma");
        }
        body.push_str(&format!(
            "      - content: Việc {}\n        lead: Phòng Số {}\n        due: Tháng 12/{}\n",
            words.join(" "),
            i % 5,
            2025 + i % 4
        ));
    }
    one_plan_site("7/KH-UBND", "Kế hoạch đếm", &units, &body)
}

#[test]
fn facet_counts_equal_brute_force_counts_or_say_they_are_estimates() {
    let dir = counting_site();
    let out = dir.path().join("public");
    build(dir.path(), &out);
    let ix = out.join("tim-kiem/chi-muc");
    let (_, meta) = script_data(&ix.join("meta.js"));
    assert_eq!(meta["n"], 4401);
    // Two record files (the second one partly filled).
    record_files_match_the_chunks(&ix, 4401);
    let unit_of = |name: &str| {
        meta["units"]
            .as_array()
            .unwrap()
            .iter()
            .position(|u| u[0] == name)
            .unwrap()
    };
    let year_of = |y: i64| {
        meta["years"]
            .as_array()
            .unwrap()
            .iter()
            .position(|v| v == y)
            .unwrap()
            + 1
    };
    // Brute force: the tasks (record id i + 1) with every word; the counts of the results by
    // unit and year.
    let has = |i: usize, w: &str| match w {
        "alpha" => true,
        "beta" => !i.is_multiple_of(3),
        "gamma" => i.is_multiple_of(29),
        _ => false,
    };
    let full = |ws: &[&str], year: Option<usize>| {
        (0..4400)
            .filter(|&i| ws.iter().all(|w| has(i, w)) && year.is_none_or(|y| y == i % 4))
            .count()
    };
    // The counts are of the records with every word: the first `full` results.
    let truth = |ws: &[&str], year: Option<usize>, ids: &[Value]| {
        let mut units = vec![0u64; 5];
        let mut years = vec![0u64; 5];
        for id in &ids[..full(ws, year)] {
            let i = id.as_u64().unwrap() as usize - 1;
            units[i % 5] += 1;
            years[i % 4] += 1;
        }
        (full(ws, year), units, years)
    };
    let y2026 = year_of(2026);
    // Settled, a query reads the rest of its words' lists and the facet codes of its rarest
    // word's records (its codes file) when they cost little: its counts are exact. With
    // nothing to spend on that (`budget` 0), they are estimated.
    let input = json!([
        {"q": "alpha "},
        {"q": "gamma beta "},
        {"q": "alpha beta ", "filters": {"y": y2026}},
        {"q": "beta alpha "},
        {"q": "alpha beta "},
        {"q": "alpha beta ", "filters": {"y": y2026}, "budget": 0},
        {"q": "beta alpha ", "budget": 0},
    ]);
    let res = harness(&["query", ix.to_str().unwrap()], &input);
    for (k, (ws, year, exact)) in [
        (0, (&["alpha"][..], None, true)),
        (1, (&["gamma", "beta"][..], None, true)),
        (2, (&["alpha", "beta"][..], Some(1), true)),
        (3, (&["beta", "alpha"][..], None, true)),
        // Filtered, the counts of the other facets are sampled from the facet blocks.
        (5, (&["alpha", "beta"][..], Some(1), false)),
        (6, (&["beta", "alpha"][..], None, false)),
    ] {
        let r = &res[k];
        if exact {
            assert_eq!(r["count"], "exact", "{ws:?}");
        }
        let (n, units, years) = truth(ws, year, r["ids"].as_array().unwrap());
        assert_eq!(r["full"].as_u64().unwrap(), n as u64, "{ws:?}");
        let c = &r["counts"];
        assert_eq!(c["approx"].as_bool().unwrap_or(false), !exact, "{ws:?}");
        for u in 0..5 {
            let got = c["u"][unit_of(&format!("Phòng Số {u}")).to_string()]
                .as_u64()
                .unwrap_or(0);
            if exact {
                assert_eq!(got, units[u], "{ws:?} unit {u}");
            } else {
                // Estimated from a sample of the facet blocks: near the truth.
                let want = units[u] as f64;
                assert!(
                    (got as f64 - want).abs() <= want * 0.2,
                    "{ws:?} unit {u}: {got} for {want}"
                );
            }
        }
        for y in 0..4 {
            let got = c["y"][year_of(2025 + y as i64)].as_u64().unwrap_or(0);
            if exact && year.is_none() {
                assert_eq!(got, years[y], "{ws:?} year {y}");
            }
        }
        let states: u64 = c["s"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap_or(0))
            .sum();
        if exact {
            assert_eq!(states, n as u64, "{ws:?}: one state a record");
        }
    }
    // "alpha beta": two frequent words, so the pair is written as the records where both are
    // but apart; the query still ranks the adjacent ones first.
    let mut pair = None;
    for prefix in kehoach::search::front_decoded(meta["b"].as_str().unwrap()) {
        let part = kehoach::search::file_part(&prefix);
        let (_, dict) = script_data(&ix.join(format!("b/{part}.js")));
        if let Some(v) = dict.get("alpha beta") {
            pair = Some(match v.as_u64() {
                Some(k) => script_data(&ix.join(format!("q/{part}.{k}.js"))).1,
                None => v.clone(),
            });
        }
    }
    // A dense pair has a file of its own, with its records' facet histogram (what facet
    // counts are estimated from): equal to a count of the records where the words are
    // adjacent.
    let pair = pair.unwrap();
    assert!(pair["p"].as_str().unwrap().starts_with('X'), "{pair}");
    let adjacent_tasks: Vec<usize> = (0..4400)
        .filter(|i| has(*i, "beta") && !i.is_multiple_of(11))
        .collect();
    let h = &pair["h"];
    let states: u64 = h[0]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(states, adjacent_tasks.len() as u64, "{h}");
    for u in 0..5 {
        let want = adjacent_tasks.iter().filter(|i| *i % 5 == u).count() as u64;
        let got = h[2]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x[0] == unit_of(&format!("Phòng Số {u}")))
            .map_or(0, |x| x[1].as_u64().unwrap());
        assert_eq!(got, want, "unit {u}: {h}");
    }
    let r = &res[4];
    let full = r["full"].as_u64().unwrap() as usize;
    assert_eq!(full, 2933);
    let apart: Vec<usize> = r["ids"].as_array().unwrap()[..full]
        .iter()
        .map(|id| id.as_u64().unwrap() as usize - 1)
        .map(|i| i % 11 == 0)
        .enumerate()
        .filter(|(_, a)| *a)
        .map(|(k, _)| k)
        .collect();
    let adjacent = full - apart.len();
    assert!(adjacent > 2000);
    assert!(
        apart.iter().all(|&k| k >= adjacent),
        "adjacent records first"
    );
    // A site copied without its codes files (`p/….c.js`): the query still answers, its total
    // exact (its lists read whole), its facet counts estimated as before.
    let codes: Vec<_> = files(&ix.join("p"))
        .into_iter()
        .filter(|f| f.to_str().unwrap().ends_with(".c.js"))
        .collect();
    assert!(!codes.is_empty(), "frequent words have codes files");
    for f in &codes {
        std::fs::remove_file(ix.join("p").join(f)).unwrap();
    }
    let res = harness(
        &["query", ix.to_str().unwrap()],
        &json!([{"q": "beta alpha "}]),
    );
    assert_eq!(res[0]["count"], "exact", "{}", res[0]);
    assert_eq!(res[0]["full"], 2933);
    assert_eq!(res[0]["counts"]["approx"], true, "{}", res[0]);
}

/// A site of 6,000 generated tasks for reading postings by segments: "beta" in one of two
/// (spelled "bêta" in one of seventeen, which a query "bêta" prefers), "gamma" in one of
/// five, next to "beta" in two of three of those in the second half only (the phrase ranks
/// them first: a query must read on past the first segments); "delta", a word of 20 tasks
/// read whole, apart from "beta" in 12 at the start and next to it in 8 at the end (these
/// rank first: the records of a list read whole past the segments read are a threat to the
/// first page); deadline year `2025 + i % 3`.
/// Whether an index file is a posting's segment after the first (`p/<prefix>.<k>.<j>.js`,
/// not a codes file `p/<prefix>.<k>.c.js`).
fn is_segment(f: &Path) -> bool {
    let name = f.to_str().unwrap();
    name.matches('.').count() == 3 && !name.ends_with(".c.js")
}

fn segment_site() -> tempfile::TempDir {
    let mut body = String::new();
    for i in 0..6000 {
        let beta = if i % 17 == 0 { "bêta" } else { "beta" };
        let words = match (i % 2 == 0 || i % 17 == 0, i % 5 == 0) {
            _ if i % 40 == 1 && i < 480 => "beta rồi delta".to_string(),
            _ if i % 40 == 1 && i >= 5680 => "beta delta".to_string(),
            (true, true) if i % 3 == 0 || i < 3000 => format!("{beta} rồi gamma"),
            (true, true) => format!("{beta} gamma"),
            (true, false) => beta.to_string(),
            (false, true) => "gamma".to_string(),
            (false, false) => "khác".to_string(),
        };
        body.push_str(&format!(
            "      - content: Việc {words} số {i}\n        lead: Phòng Số {}\n        due: Tháng 12/{}\n",
            i % 4,
            2025 + i % 3
        ));
    }
    let units: String = (0..4).map(|u| format!("- name: Phòng Số {u}\n")).collect();
    one_plan_site("8/KH-UBND", "Kế hoạch đoạn", &units, &body)
}

#[test]
fn postings_read_by_segments_give_the_same_first_pages() {
    let dir = segment_site();
    let build_cut = |out: &str, segment: &str| {
        let o = Command::new(env!("CARGO_BIN_EXE_kehoach"))
            .env("KEHOACH_LANG", "en")
            .args(["build", "--root", ".", "--output", out, "--today", TODAY])
            .current_dir(dir.path())
            .env("KEHOACH_SEARCH_SEGMENT", segment)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        dir.path().join(out)
    };
    // Postings whole, and cut into segments of about 1,024 characters (128 for the first).
    let whole = build_cut("whole", "100000000");
    let cut = build_cut("cut", "1024");
    let segments = |sub: &str| {
        files(&cut.join("tim-kiem/chi-muc").join(sub))
            .iter()
            .filter(|f| is_segment(f))
            .count()
    };
    assert!(segments("p") > 0 && segments("q") > 0, "postings were cut");
    assert_eq!(
        files(&whole.join("tim-kiem/chi-muc/p"))
            .iter()
            .filter(|f| is_segment(f))
            .count(),
        0
    );
    let (_, meta) = script_data(&cut.join("tim-kiem/chi-muc/meta.js"));
    let y2026 = meta["years"]
        .as_array()
        .unwrap()
        .iter()
        .position(|v| v == 2026)
        .unwrap()
        + 1;
    let mut input = Vec::new();
    for q in [
        "beta",
        "bêta",
        "beta gamma",
        "gamma beta",
        "bêta gamma",
        "beta rồi gamma",
        "gamma be",
        "việc beta số",
        "khác gamma",
        "beta delta",
    ] {
        // Nothing spent on reading on to count exactly: what the segments read give.
        for want in [10, 30] {
            input.push(json!({"q": q, "want": want, "budget": 0}));
        }
        input.push(json!({"q": q, "filters": {"y": y2026}, "budget": 0}));
        input.push(json!({"q": q, "typing": true}));
    }
    let input = json!(input);
    // Settled with the default budget, a query may read on to count exactly: the same first
    // page as the index read whole, and its count and facet counts those of the index read
    // whole.
    let settled: Vec<Value> = input
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i.get("typing").is_none())
        .map(|i| {
            let mut i = i.clone();
            i.as_object_mut().unwrap().remove("budget");
            i
        })
        .collect();
    let settled = json!(settled);
    let run = |out: &Path, input: &Value| {
        harness(
            &["query", out.join("tim-kiem/chi-muc").to_str().unwrap()],
            input,
        )
    };
    let (sa, sb) = (run(&whole, &settled), run(&cut, &settled));
    let mut counted = 0;
    for ((x, y), i) in sa
        .as_array()
        .unwrap()
        .iter()
        .zip(sb.as_array().unwrap())
        .zip(settled.as_array().unwrap())
    {
        let ids = |r: &Value| r["ids"].as_array().unwrap().clone();
        let k = 10.min(ids(x).len());
        assert_eq!(ids(x)[..k], ids(y)[..k], "{i}");
        // A small site: every settled query counts exactly, its facets too.
        assert_eq!(y["count"], "exact", "{i}");
        assert_eq!(y["total"], x["total"], "{i}");
        assert_eq!(y["counts"], x["counts"], "{i}");
        if y["complete"] == false {
            counted += 1;
        }
    }
    // Some read on in their words' lists and not in their context's (the words are in
    // every task's group heading): "việc beta số" alone, with and without a filter.
    assert!(
        counted >= 3,
        "queries that read on in their words' lists only"
    );
    let (a, b) = (run(&whole, &input), run(&cut, &input));
    let mut partial = 0;
    let mut provisional = Vec::new();
    let mut settled_bytes = None;
    for ((x, y), i) in a
        .as_array()
        .unwrap()
        .iter()
        .zip(b.as_array().unwrap())
        .zip(input.as_array().unwrap())
    {
        assert_eq!(x["complete"], true);
        let ids = |r: &Value| r["ids"].as_array().unwrap().clone();
        if i.get("typing").is_some() {
            // While typing, the segments read on are capped: the first page is the settled
            // one, or is flagged provisional (then it reads less than settling it would).
            if y["provisional"] == true {
                provisional.push(i["q"].as_str().unwrap().to_string());
                assert!(y["bytes"].as_u64() < settled_bytes, "{i}");
            } else {
                let k = 10.min(ids(x).len());
                assert_eq!(ids(x)[..k], ids(y)[..k], "{i}");
            }
            continue;
        }
        if i.get("filters").is_none() && i["want"] == 10 {
            settled_bytes = y["bytes"].as_u64();
        }
        if i.get("filters").is_some() {
            // A filter is a word of the query, read by segments with the others: the same
            // first page as the index read whole, and a count exact, or an estimate within
            // 10 %, or a lower bound.
            let k = 10.min(ids(x).len());
            assert_eq!(ids(x)[..k], ids(y)[..k], "{i}");
            let (t, real) = (y["total"].as_f64().unwrap(), x["total"].as_f64().unwrap());
            match y["count"].as_str().unwrap() {
                "exact" => assert_eq!(t, real, "{i}"),
                "estimate" => assert!((t - real).abs() <= real * 0.1, "{i}: {t} for {real}"),
                _ => assert!(t <= real, "{i}: at least {t} for {real}"),
            }
            continue;
        }
        let want = i["want"].as_u64().unwrap() as usize;
        let (x_ids, y_ids) = (ids(x), ids(y));
        let k = want.min(x_ids.len());
        assert!(y_ids.len() >= k, "{i}");
        assert_eq!(x_ids[..k], y_ids[..k], "{i}");
        if y["complete"] == false {
            partial += 1;
            // The total is an estimate from the records read, scaled by the rarest word's
            // share of its records read: near the number of results with every word (scaled
            // by the share of all records read, "beta rồi gamma" would be 1.5×); or, when too
            // few were counted to scale, a lower bound: the records counted.
            let (t, real) = (y["total"].as_f64().unwrap(), x["full"].as_f64().unwrap());
            match y["count"].as_str().unwrap() {
                "estimate" => assert!(t >= real / 1.25 && t <= real * 1.25, "{i}: {t} for {real}"),
                "atLeast" => assert!(t <= real, "{i}: at least {t} for {real}"),
                other => panic!("{i}: a count {other} of an index not read whole"),
            }
        }
    }
    assert!(partial >= 4, "most queries stop before the last segment");
    // "beta delta" must read on to settle (above): typed, it shows a provisional page.
    assert!(
        provisional.contains(&"beta delta".to_string()),
        "{provisional:?}"
    );
    // The others settle or read less than settling would (above); a word typed on continues
    // the word before it, so its pair is read by segments too and settles later.
    assert!(provisional.len() <= 6, "{provisional:?}");
    // Fewer bytes for a query that stops early.
    let bytes = |r: &Value| r[4]["bytes"].as_u64().unwrap();
    assert!(bytes(&b) < bytes(&a), "{} < {}", bytes(&b), bytes(&a));
}

/// A plan of two groups for ranking by field: a task that says "đất đai", one under the
/// heading "Về quản lý đất đai" that does not, one that says "đạt … đai"; tasks for typos,
/// quoted phrases and filters without words (deadlines from 2024 to 2027, two units).
fn field_site() -> tempfile::TempDir {
    let plan = "---\nnumber: 12/KH-UBND\ntitle: Kế hoạch thử trường\ndate: 2025-10-01\ntasks:\n  - group: Về quản lý đất đai\n    tasks:\n      - content: Rà soát hồ sơ cấp giấy chứng nhận\n        lead: Phòng Kinh tế\n        due: Tháng 6/2027\n  - group: Nhiệm vụ khác\n    tasks:\n      - content: Đạt chỉ tiêu trồng đai rừng phòng hộ\n        lead: Phòng Kinh tế\n        due: Tháng 12/2025\n      - content: Quản lý đất đai trên địa bàn\n        lead: Phòng Văn hóa - Xã hội\n        due: Tháng 3/2025\n      - content: Đẩy mạnh cải cách hành chính\n        lead: Phòng Văn hóa - Xã hội\n        due: Tháng 9/2024\n      - content: Dữ liệu của cơ sở và hồ sơ\n        lead: Phòng Kinh tế\n        due: Tháng 1/2025\n      - content: Xây dựng cơ sở dữ liệu dân cư\n        lead: Phòng Kinh tế\n        due: Tháng 5/2025\n---\nVăn bản.\n";
    site(&[
        (
            "content/units.yaml",
            "- name: Phòng Kinh tế\n- name: Phòng Văn hóa - Xã hội\n",
        ),
        ("content/plans/ke-hoach.md", plan),
    ])
}

#[test]
fn what_a_task_says_ranks_above_its_heading_above_another_word_and_filters_need_no_words() {
    let dir = field_site();
    let out = dir.path().join("public");
    build(dir.path(), &out);
    let ix = out.join("tim-kiem/chi-muc");
    let (_, meta) = script_data(&ix.join("meta.js"));
    let unit = |name: &str| {
        meta["units"]
            .as_array()
            .unwrap()
            .iter()
            .position(|u| u[0] == name)
            .unwrap()
    };
    // Records: 0 the plan; 1 heading task, 2 đạt, 3 đất đai, 4 cải cách, 5 scattered, 6 phrase.
    let input = json!([
        {"q": "đất đai"},
        {"q": "cải cách hành chímh"},
        {"q": "\"cơ sở dữ liệu\""},
        {"q": "cơ sở dữ liệu"},
        {"q": "", "filters": {"s": "overdue"}},
        {"q": "", "filters": {"s": "overdue", "u": unit("Phòng Kinh tế")}},
        {"q": "", "filters": {"u": unit("Phòng Văn hóa - Xã hội")}},
    ]);
    let res = harness(&["query", ix.to_str().unwrap()], &input);
    let ids = |i: usize| -> Vec<u64> {
        res[i]["ids"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap())
            .collect()
    };
    // What the task says, then where it stands (its heading), then the other word (đạt).
    assert_eq!(ids(0)[..3], [3, 1, 2], "{}", res[0]);
    assert_eq!(res[0]["full"], 1);
    // One wrong letter: the word one letter away, said so.
    assert_eq!(ids(1)[0], 4, "{}", res[1]);
    assert_eq!(res[1]["fixed"], "cải cách hành chính");
    // Quoted, the words must be adjacent: only the phrase; unquoted, the scattered one after.
    assert_eq!(res[2]["full"], 1, "{}", res[2]);
    assert_eq!(ids(2)[0], 6);
    assert_eq!(res[3]["full"], 2, "{}", res[3]);
    assert_eq!(ids(3)[..2], [6, 5]);
    // Filters without words: the tasks of every filter, earliest deadline first, counted
    // exactly (today is 2026-01-15: 9/2024, 1/2025, 3/2025, 5/2025 and 12/2025 are past).
    assert_eq!(ids(4), [4, 5, 3, 6, 2], "{}", res[4]);
    assert_eq!(
        (res[4]["total"].as_u64(), res[4]["count"].as_str()),
        (Some(5), Some("exact"))
    );
    assert_eq!(ids(5), [5, 6, 2], "{}", res[5]);
    assert_eq!(ids(6), [4, 3], "{}", res[6]);
    // Their facets count exactly: with one filter, the others' counts are its tasks'.
    let counts = &res[4]["counts"];
    assert_eq!(counts["approx"], false);
    assert_eq!(
        counts["u"][unit("Phòng Kinh tế").to_string()],
        3,
        "{counts}"
    );
}
