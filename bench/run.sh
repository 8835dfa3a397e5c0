#!/usr/bin/env bash
# Build benchmark: kehoach and Hugo on the same generated corpus, in the same run.
#
#   bench/run.sh               1,000 and 10,000 plans
#   bench/run.sh 1000          only 1,000
#   bench/run.sh 100000        a 100,000-plan corpus (long; not for CI): kehoach's output is
#                              about 60 GB; BENCH_DIR on a compressed file system holds it
#                              (BENCHMARKS.md says how the figures were taken)
#
# Then the in-process rebuild after editing one plan of the first size (examples/rebuild.rs).
#
# For each size, with the outputs on disk and on tmpfs (BENCH_WHERE="disk" or "tmpfs" for one):
# wall time, CPU time (user+sys), peak RSS, pages, files, output size, the largest page and the
# largest file, for `kehoach build` (every output: pages, exports, calendars, search) and for
# `hugo --minify` with the templates a skilled Hugo user would write (bench/hugo: plan pages
# and unit pages read from a unit index made once per build with partialCached). Fails when a
# kehoach page passes 300 KB or a file 10 MB. BENCH_SHAPE="--long" makes a corpus of longer
# tasks and more units (see bench/gen_corpus.py).
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

measure() { # name dir command... → prints "wall cpu rss status" (status: ok, or how it failed)
  shift 2
  local log="$work/time.txt" status=ok
  /usr/bin/time -v "$@" >/dev/null 2>"$log" || status=failed
  # A tool that fails is reported, not hidden: Hugo is killed by the kernel when it runs out
  # of memory (100,000 plans on this machine), and its row says so with the time it ran.
  [ "$status" = ok ] || { grep -q "terminated by signal 9" "$log" && status=killed-out-of-memory; } || tail -5 "$log" >&2
  python3 - "$log" "$status" <<'PY'
import re, sys
t = open(sys.argv[1]).read()
def get(k): return re.search(re.escape(k) + r": (.*)", t).group(1).strip()
w = get("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":")
wall = sum(float(x) * 60 ** i for i, x in enumerate(reversed(w)))
cpu = float(get("User time (seconds)")) + float(get("System time (seconds)"))
rss = int(get("Maximum resident set size (kbytes)")) / 1024
print(f"{wall:.2f} {cpu:.2f} {rss:.0f} {sys.argv[2]}")
PY
}

stats() { # dir → "pages bytes files largest_page largest_file largest_file_name"
  python3 - "$1" <<'PY'
import os, sys
pages = total = files = largest = big = 0
name = ""
for root, _, fs in os.walk(sys.argv[1]):
    for f in fs:
        p = os.path.join(root, f)
        s = os.path.getsize(p)
        total += s
        files += 1
        if f.endswith(".html"):
            pages += 1
            largest = max(largest, s)
        if s > big:
            big, name = s, os.path.relpath(p, sys.argv[1])
print(pages, total, files, largest, big, name)
PY
}

# Outputs on disk (under the work folder) and on tmpfs, unless BENCH_WHERE says one of them.
tmpfs="${BENCH_TMPFS:-/dev/shm/kehoach-bench}"
wheres=(${BENCH_WHERE:-disk tmpfs})
failed=0
echo "| plans | tasks | output on | tool | wall s | CPU s | peak RSS MB | pages | files | output MB | largest page KB | largest file MB |"
echo "|---:|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
  corpus="$work/corpus-$n${BENCH_SHAPE:+-long}"
  hsite="$work/hugo-$n${BENCH_SHAPE:+-long}"
  # A corpus made by another version of the generator is made again (with the Hugo site made
  # from it): an older one may hold what `check` now refuses (updates dated after the day).
  stamp="$(sha256sum bench/gen_corpus.py bench/hugo/prepare.py | sha256sum | cut -c1-16)"
  if [ -d "$corpus" ] && [ "$(cat "$corpus/.generator" 2>/dev/null)" != "$stamp" ]; then
    rm -rf "$corpus" "$hsite"
  fi
  if [ ! -d "$corpus" ]; then
    python3 bench/gen_corpus.py "$corpus" "$n" ${BENCH_SHAPE:-}
    echo "$stamp" > "$corpus/.generator"
  fi
  tasks=$(grep -rh "^      - content:" "$corpus/content/plans" | wc -l)
  # The Hugo site's templates are copied afresh: they may have changed since it was made.
  [ -d "$hsite" ] || python3 bench/hugo/prepare.py "$corpus" "$hsite"
  rm -rf "$hsite/layouts" && cp -r bench/hugo/layouts "$hsite/layouts"
  for where in "${wheres[@]}"; do
    case "$where" in
      disk) dest="$work/out-$n" ;;
      tmpfs) dest="$tmpfs/out-$n" ;;
      *) echo "BENCH_WHERE: disk or tmpfs" >&2; exit 2 ;;
    esac
    # Both tools build into empty folders. The previous outputs are removed first, then the
    # run waits on disk: on a journal-less ext4 (this VM) the kernel skips inodes freed in the
    # last 60 s when it allocates new ones, so creating files right after deleting thousands
    # is several times slower — that would measure the clean-up, not the tool.
    rm -rf "$dest" "$hsite/resources"
    mkdir -p "$dest"
    if [ "$where" = disk ]; then sync; sleep "${BENCH_SETTLE:-65}"; fi
    read -r wall cpu rss status < <(measure kehoach "$corpus" "$bin" build --root "$corpus" --output "$dest/kehoach" --today "$today")
    [ "$status" = ok ] || { echo "FAIL: kehoach build: $status" >&2; exit 1; }
    read -r pages bytes files largest big bigname < <(stats "$dest/kehoach")
    printf "| %s | %s | %s | kehoach | %s | %s | %s | %s | %s | %.0f | %.0f | %.1f |\n" "$n" "$tasks" "$where" "$wall" "$cpu" "$rss" "$pages" "$files" "$(echo "$bytes / 1000000" | bc -l)" "$(echo "$largest / 1000" | bc -l)" "$(echo "$big / 1000000" | bc -l)"
    if [ "$largest" -gt 300000 ]; then echo "FAIL: a page of $largest bytes (over 300 KB)" >&2; failed=1; fi
    if [ "$big" -gt 10000000 ]; then echo "FAIL: $bigname is $big bytes (over 10 MB)" >&2; failed=1; fi
    if command -v hugo >/dev/null 2>&1; then
      hv="$(hugo version | grep -o 'v[0-9.]*' | head -1)"
      read -r wall cpu rss status < <(measure hugo "$hsite" hugo --minify --quiet --source "$hsite" --destination "$dest/hugo")
      if [ "$status" != ok ]; then
        printf "| %s | %s | %s | hugo %s | %s (%s) | %s | %s | – | – | – | – | – |\n" "$n" "$tasks" "$where" "$hv" "$status" "$wall" "$cpu" "$rss"
      else
        read -r pages bytes files largest big bigname < <(stats "$dest/hugo")
        printf "| %s | %s | %s | hugo %s | %s | %s | %s | %s | %s | %.0f | %.0f | %.1f |\n" "$n" "$tasks" "$where" "$hv" "$wall" "$cpu" "$rss" "$pages" "$files" "$(echo "$bytes / 1000000" | bc -l)" "$(echo "$largest / 1000" | bc -l)" "$(echo "$big / 1000000" | bc -l)"
      fi
    fi
    [ "$where" = tmpfs ] && rm -rf "$dest"
  done
done
[ "$failed" = 0 ] || { echo "bench: a page or a file passes its bound" >&2; exit 1; }

# Incremental rebuilds through the in-process API (`kehoach::Project`, what `serve` uses):
# one plan of the smallest corpus edited eight times (wording, then a progress status).
# BENCH_REBUILD=0 skips them (the 100,000-plan run).
[ "${BENCH_REBUILD:-1}" = 0 ] && exit 0
n="${sizes[0]}"
echo
echo "Rebuild after editing one plan of the $n-plan corpus (examples/rebuild.rs):"
cargo build --release --quiet --example rebuild
rm -rf "$work/rebuild-out"
target/release/examples/rebuild "$work/corpus-$n${BENCH_SHAPE:+-long}" "$work/rebuild-out" 8
