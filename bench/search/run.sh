#!/usr/bin/env bash
# Search benchmark: kehoach's static index and Pagefind on the same built site.
#
#   bench/search/run.sh              ~10,000 and ~100,000 task records (250 and 2,500 plans)
#   bench/search/run.sh 250          one size (plans)
#
# For each size: builds bench/gen_corpus.py's corpus with kehoach (release, KEHOACH_TIMINGS=1),
# reports the index (files, bytes), then for a fixed list of queries the bytes a query fetches
# cold (fresh page: meta, dictionary shards, postings, pairs, the first 10 results' record
# records, read by byte ranges of the record files as over HTTP: requests counted) and per
# keystroke as the query is typed letter by letter (the script's own fetch plan, run under node
# by tests/search/harness.cjs on the real files; a keystroke reads no long posting past its first
# segment, so a page not settled there is provisional: counted, with the bytes of settling the
# last one when typing pauses), and the same from file:// (record chunk scripts
# instead of ranges, KH_NO_RANGE=1), and in Chromium from file:// the time from a query whose
# files have arrived to its results laid out in the page (bench/search/chromium.mjs). Then
# runs Pagefind (npm package, bench/search/package-lock.json) on the same output and measures
# it in Chromium over HTTP.
# Needs: python3, node, npm, Debian's chromium (for Pagefind), GNU time.
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(250 2500)
work="$(realpath -m "${BENCH_DIR:-target/bench-search}")"
mkdir -p "$work"
cargo build --release --quiet
bin="$PWD/target/release/kehoach"
# `npm install` rather than `npm ci`: npm leaves the other platforms' optional Pagefind binaries
# out of a lock file written on Linux, and `npm ci` then refuses it. The version is pinned.
(cd bench/search && [ -x node_modules/.bin/pagefind ] || npm install --no-audit --no-fund --loglevel=error)
[ -d tests/browser/node_modules/playwright-core ] || scripts/install-test-deps
queries='["van hoa xa hoi","Văn hoá – Xã hội","VHXH","dat dai","thu tuc hanh chinh","quy hoach","chuyen doi so","tiep cong dan","Trung tâm Phục vụ hành chính công","12/KH-UBND"]'

for n in "${sizes[@]}"; do
  corpus="$work/corpus-$n"
  [ -d "$corpus" ] || python3 bench/gen_corpus.py "$corpus" "$n"
  out="$corpus/public"
  rm -rf "$out"
  echo "== $n plans: kehoach build"
  KEHOACH_TIMINGS=1 /usr/bin/time -f "wall %e s, peak RSS %M KB" "$bin" build --root "$corpus" --output "$out" --today 2026-01-15 2>&1 | grep -v "^Mở trang"
  ix="$out/tim-kiem/chi-muc"
  python3 - "$ix" "$out/assets/search.js" <<'PY'
import gzip, json, os, sys
ix, script = sys.argv[1], sys.argv[2]
files = size = 0
by = {}
for root, _, fs in os.walk(ix):
    for f in fs:
        s = os.path.getsize(os.path.join(root, f))
        files += 1; size += s
        d = os.path.relpath(root, ix).split("/")[0]
        by.setdefault(d, [0, 0]); by[d][0] += 1; by[d][1] += s
meta = open(os.path.join(ix, "meta.js")).read()
n = json.loads(meta[meta.index(",") + 1:meta.rindex(")")])["n"]
print(f"records {n}; index {files} files, {size / 1e6:.1f} MB: " + ", ".join(f"{d} {c} files {b / 1e6:.2f} MB" for d, (c, b) in sorted(by.items())))
js = open(script, "rb").read()
print(f"search.js {len(js) / 1000:.1f} KB, {len(gzip.compress(js)) / 1000:.1f} KB gzip")
PY
  echo "$queries" | node tests/search/harness.cjs type "$ix" > "$work/kehoach-$n.json"
  echo "$queries" | KH_NO_RANGE=1 node tests/search/harness.cjs type "$ix" > "$work/kehoach-file-$n.json"
  node bench/search/chromium.mjs "$out" "$queries" > "$work/kehoach-chromium-$n.json"
  echo "== $n plans: pagefind"
  rm -rf "$out/pagefind"
  /usr/bin/time -f "pagefind wall %e s, peak RSS %M KB" bench/search/node_modules/.bin/pagefind --site "$out" --quiet 2>&1 | tail -2
  du -sb "$out/pagefind" | awk '{printf "pagefind index %.1f MB, ", $1/1e6}'; find "$out/pagefind" -type f | wc -l | awk '{print $1 " files"}'
  node bench/search/pagefind.mjs "$out" "$queries" > "$work/pagefind-$n.json"
  python3 - "$work/kehoach-$n.json" "$work/pagefind-$n.json" "$work/kehoach-file-$n.json" "$work/kehoach-chromium-$n.json" <<'PY'
import json, sys
k = json.load(open(sys.argv[1]))
p = [json.loads(l) for l in open(sys.argv[2])]
f = json.load(open(sys.argv[3]))
c = [json.loads(l) for l in open(sys.argv[4])]
kb = lambda b: f"{b / 1000:.1f}"
print("| query | kehoach results | kehoach cold KB (gzip) | kehoach max / mean keystroke KB | provisional keystrokes / settling on pause KB | ranges cold / max a keystroke | file:// cold KB / max keystroke KB | result ms (node) | result ms in Chromium, min–max of 5 | Pagefind results | Pagefind cold KB | Pagefind max / mean keystroke KB |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for a, b, c, ch in zip(k, p, f, c):
    ks, ps, fs = a["steps"][1:], b["steps"][1:], c["steps"][1:]
    print(f"| {a['q']} | {'~' if a.get('estimated') else ''}{a['results']} | {kb(a['cold'])} ({kb(a['coldGz'])}) | {kb(max(ks))} / {kb(sum(ks) / len(ks))} | {a['provisional']} / {kb(a['pause'])} | {a['coldRanges']} / {max(a['stepRanges'][1:])} | {kb(c['cold'])} / {kb(max(fs))} | {a['ms']:.0f} | {min(ch['ms']):.0f}–{max(ch['ms']):.0f} | {b['results']} | {kb(b['cold'])} | {kb(max(ps))} / {kb(sum(ps) / len(ps))} |")
PY
done
