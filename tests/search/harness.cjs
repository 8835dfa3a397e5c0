// Runs the theme's search script (themes/default/static/search.js) under node, for the Rust
// tests (parity of the folding, ranking on a small corpus) and the search benchmark.
//
//   node harness.cjs fold            stdin {pairs, inputs} → [{words: [[exact, folded]], analyze}]
//   node harness.cjs query DIR       stdin [{q, filters, want, typing, budget (what a
//                                    settled query may read on to count exactly)}] → [{ids, full,
//                                    secondary, total, count (exact, estimate, atLeast),
//                                    complete, provisional, fixed, completion, counts, bytes}]
//   node harness.cjs type DIR        stdin [q] → per query: bytes of a cold query, bytes per
//                                    keystroke while it is typed letter by letter (how many
//                                    showed a provisional page), and bytes of settling the
//                                    last one when typing pauses
//   node harness.cjs records DIR     stdin [ids] → {ranged, scripts, fallback, …}: the records
//                                    read by byte ranges, from the chunk scripts, and where
//                                    ranges are refused
//
// DIR is an index folder (…/tim-kiem/chi-muc). Files are read like the browser reads them: each
// is a script calling __khSearch(name, data); a result page shows the first 10 records, read
// as a browser over HTTP reads them: byte ranges of the record files r/<g>.dat (counted as
// requests and body bytes, and as their own gzip size: a range is sent as it is). With
// KH_NO_RANGE=1, as from file://: the record chunk scripts.
"use strict";
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");
const KH = require(path.join(__dirname, "../../themes/default/static/search.js"));

function loader(dir, stats) {
  return (name) => {
    const file = path.join(dir, name + ".js");
    const src = fs.readFileSync(file, "utf8");
    stats.bytes += Buffer.byteLength(src);
    stats.gz = (stats.gz || 0) + zlib.gzipSync(src).length;
    stats.files.push(name);
    let got;
    new Function("__khSearch", src)((n, d) => { got = d; });
    return Promise.resolve(got);
  };
}

// Reads bytes start..end of the binary index file `name`, counted in `stats`; null with
// KH_NO_RANGE=1.
function ranger(dir, stats) {
  if (process.env.KH_NO_RANGE) return null;
  return (name, start, end) => {
    const fd = fs.openSync(path.join(dir, name), "r");
    try {
      const buf = Buffer.alloc(end - start);
      const got = fs.readSync(fd, buf, 0, end - start, start);
      stats.bytes += got;
      stats.gz = (stats.gz || 0) + got;
      stats.ranges = (stats.ranges || 0) + 1;
      return Promise.resolve(new Uint8Array(buf.buffer, buf.byteOffset, got));
    } finally {
      fs.closeSync(fd);
    }
  };
}

// An engine reading `dir`, counting what it reads in `stats`.
function engine(dir, stats) {
  return new KH.Engine(loader(dir, stats), ranger(dir, stats));
}

async function page(engine, q, filters, want, typing) {
  const t0 = process.hrtime.bigint();
  const res = await engine.search(q, filters, want, typing);
  await engine.records(res.ids.slice(0, 10));
  res.ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return res;
}

function plainCounts(c) {
  if (!c) return null;
  return { s: c.s.map((x) => x || 0), y: Array.from(c.y, (x) => x || 0), u: Object.fromEntries([...c.u].sort((a, b) => a[0] - b[0])), approx: !!c.approx };
}

async function main() {
  const [cmd, dir] = process.argv.slice(2);
  const input = JSON.parse(fs.readFileSync(0, "utf8"));
  let out;
  if (cmd === "fold") {
    const exp = new KH.Expansions(input.pairs);
    out = input.inputs.map((t) => ({ words: KH.words(t).map((w) => [w.e, w.f]), analyze: KH.analyze(t, exp) }));
  } else if (cmd === "query") {
    out = [];
    for (const { q, filters, want, typing, budget } of input) {
      const stats = { bytes: 0, files: [] };
      const e = engine(dir, stats);
      if (budget != null) e.budget = budget;
      const res = await page(e, q, filters || {}, want, typing);
      out.push({ q, ids: res.ids, full: res.full, secondary: res.secondary, total: res.total, count: res.count, complete: res.complete, provisional: res.provisional, fixed: res.fixed, completion: res.completion, counts: plainCounts(res.counts), bytes: stats.bytes });
    }
  } else if (cmd === "type") {
    out = [];
    for (const q of input) {
      const cold = { bytes: 0, gz: 0, files: [], ranges: 0 };
      const r = await page(engine(dir, cold), q, {});
      const typing = { bytes: 0, gz: 0, files: [], ranges: 0 };
      const typed = engine(dir, typing);
      const steps = [], stepRanges = [];
      let ms = 0;
      const chars = Array.from(q);
      let provisional = 0, last;
      for (let i = 1; i <= chars.length; i++) {
        const before = typing.bytes, ranges = typing.ranges, t = Date.now();
        last = await page(typed, chars.slice(0, i).join(""), {}, undefined, true);
        if (last.provisional) provisional++;
        steps.push(typing.bytes - before);
        stepRanges.push(typing.ranges - ranges);
        ms = Math.max(ms, Date.now() - t);
      }
      // Typing pauses: a provisional last page is settled.
      const before = typing.bytes;
      if (last.provisional) await page(typed, q, {});
      const pause = typing.bytes - before;
      out.push({ q, results: r.total, estimated: r.estimated, cold: cold.bytes, coldGz: cold.gz, coldFiles: cold.files.length, coldRanges: cold.ranges, ms: r.ms, keyMs: ms, steps, stepRanges, provisional, pause });
    }
  } else if (cmd === "records") {
    const ranged = { bytes: 0, files: [], ranges: 0 };
    const viaRanges = await engine(dir, ranged).records(input);
    const scripts = await new KH.Engine(loader(dir, { bytes: 0, files: [] })).records(input);
    // A server that answers ranges with the whole file: the loader says null.
    const refused = new KH.Engine(loader(dir, { bytes: 0, files: [] }), () => Promise.resolve(null));
    const fallback = await refused.records(input);
    out = { ranged: viaRanges, scripts, fallback, dropped: refused.range === null, requests: ranged.ranges, files: ranged.files };
  } else {
    throw new Error("usage: harness.cjs fold|query|type|records [DIR]");
  }
  process.stdout.write(JSON.stringify(out) + "\n");
}
main().catch((e) => { console.error(e); process.exit(1); });
