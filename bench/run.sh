#!/usr/bin/env bash
# Build benchmark: kehoach and Hugo on the same generated corpus, in the same run.
#
#   bench/run.sh               1,000 and 10,000 plans
#   bench/run.sh 1000          only 1,000
#   bench/run.sh 100000        a 100,000-plan corpus (long; not for CI)
#
# Then the in-process rebuild after editing one plan of the first size (examples/rebuild.rs).
#
# For each size: wall time, CPU time (user+sys), peak RSS, pages and pages/s, output size and
# the largest HTML page, for `kehoach build` (every output: pages, exports, calendars) and for
# `hugo --minify` with equivalent templates (bench/hugo: plan pages + a page per unit).
# Needs: a release build of kehoach (built here), python3, GNU time, Debian's hugo.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
work="$(realpath -m "${BENCH_DIR:-target/bench}")"
mkdir -p "$work"
cargo build --release --quiet
bin="$PWD/target/release/kehoach"
today=2026-01-15

measure() { # name dir command... → prints "wall cpu rss"
  shift 2
  local log="$work/time.txt"
  /usr/bin/time -v "$@" >/dev/null 2>"$log" || { cat "$log"; exit 1; }
  python3 - "$log" <<'PY'
import re, sys
t = open(sys.argv[1]).read()
def get(k): return re.search(re.escape(k) + r": (.*)", t).group(1).strip()
w = get("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":")
wall = sum(float(x) * 60 ** i for i, x in enumerate(reversed(w)))
cpu = float(get("User time (seconds)")) + float(get("System time (seconds)"))
rss = int(get("Maximum resident set size (kbytes)")) / 1024
print(f"{wall:.2f} {cpu:.2f} {rss:.0f}")
PY
}

stats() { # dir → "pages bytes largest"
  python3 - "$1" <<'PY'
import os, sys
pages = total = largest = 0
for root, _, files in os.walk(sys.argv[1]):
    for f in files:
        s = os.path.getsize(os.path.join(root, f))
        total += s
        if f.endswith(".html"):
            pages += 1
            largest = max(largest, s)
print(pages, total, largest)
PY
}

echo "| plans | tasks | tool | wall s | CPU s | peak RSS MB | pages | pages/s | output MB | largest page KB |"
echo "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
  corpus="$work/corpus-$n"
  hsite="$work/hugo-$n"
  # A corpus made by another version of the generator is made again (with the Hugo site made
  # from it): an older one may hold what `check` now refuses (updates dated after the day).
  stamp="$(sha256sum bench/gen_corpus.py | cut -c1-16)"
  if [ -d "$corpus" ] && [ "$(cat "$corpus/.generator" 2>/dev/null)" != "$stamp" ]; then
    rm -rf "$corpus" "$hsite"
  fi
  if [ ! -d "$corpus" ]; then
    python3 bench/gen_corpus.py "$corpus" "$n"
    echo "$stamp" > "$corpus/.generator"
  fi
  tasks=$(grep -rh "^      - content:" "$corpus/content/plans" | wc -l)
  [ -d "$hsite" ] || python3 bench/hugo/prepare.py "$corpus" "$hsite"
  # Both tools build into empty folders. The previous outputs are removed first, then the run
  # waits: on a journal-less ext4 (this VM) the kernel skips inodes freed in the last 60 s
  # (more while their inode table is not written back) when it allocates new ones, so creating
  # files right after deleting thousands is several times slower — that would measure the
  # clean-up, not the tool. Even so the system time of file creation varies between runs.
  rm -rf "$corpus/public" "$hsite/public" "$hsite/resources"
  sync
  sleep "${BENCH_SETTLE:-65}"
  read -r wall cpu rss < <(measure kehoach "$corpus" "$bin" build --root "$corpus" --output "$corpus/public" --today "$today")
  read -r pages bytes largest < <(stats "$corpus/public")
  printf "| %s | %s | kehoach | %s | %s | %s | %s | %.0f | %.0f | %.0f |\n" "$n" "$tasks" "$wall" "$cpu" "$rss" "$pages" "$(echo "$pages / $wall" | bc -l)" "$(echo "$bytes / 1000000" | bc -l)" "$(echo "$largest / 1000" | bc -l)"
  if command -v hugo >/dev/null 2>&1; then
    read -r wall cpu rss < <(measure hugo "$hsite" hugo --minify --quiet --source "$hsite" --destination "$hsite/public")
    read -r pages bytes largest < <(stats "$hsite/public")
    printf "| %s | %s | hugo %s | %s | %s | %s | %s | %.0f | %.0f | %.0f |\n" "$n" "$tasks" "$(hugo version | grep -o 'v[0-9.]*' | head -1)" "$wall" "$cpu" "$rss" "$pages" "$(echo "$pages / $wall" | bc -l)" "$(echo "$bytes / 1000000" | bc -l)" "$(echo "$largest / 1000" | bc -l)"
  fi
done

# Incremental rebuilds through the in-process API (`kehoach::Project`, what `serve` uses):
# one plan of the smallest corpus edited eight times (wording, then a progress status).
n="${sizes[0]}"
echo
echo "Rebuild after editing one plan of the $n-plan corpus (examples/rebuild.rs):"
cargo build --release --quiet --example rebuild
rm -rf "$work/rebuild-out"
target/release/examples/rebuild "$work/corpus-$n" "$work/rebuild-out" 8
