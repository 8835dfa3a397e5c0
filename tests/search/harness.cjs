// Runs the theme's search script (themes/default/static/search.js) under node, for the Rust
// tests (parity of the folding, ranking on a small corpus) and the search benchmark.
//
//   node harness.cjs fold            stdin {pairs, inputs} → [{words: [[exact, folded]], analyze}]
//   node harness.cjs query DIR       stdin [{q, filters, want}] → [{ids, full, total, complete,
//                                    counts, bytes}]
//   node harness.cjs type DIR        stdin [q] → per query: bytes of a cold query, and bytes per
//                                    keystroke while it is typed letter by letter
//
// DIR is an index folder (…/tim-kiem/chi-muc). Files are read like the browser reads them: each
// is a script calling __khSearch(name, data); a result page shows the first 10 records.
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

async function page(engine, q, filters, want) {
  const t0 = process.hrtime.bigint();
  const res = await engine.search(q, filters, want);
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
    for (const { q, filters, want } of input) {
      const stats = { bytes: 0, files: [] };
      const engine = new KH.Engine(loader(dir, stats));
      const res = await page(engine, q, filters || {}, want);
      out.push({ q, ids: res.ids, full: res.full, total: res.total, complete: res.complete, counts: plainCounts(res.counts), bytes: stats.bytes });
    }
  } else if (cmd === "type") {
    out = [];
    for (const q of input) {
      const cold = { bytes: 0, gz: 0, files: [] };
      const r = await page(new KH.Engine(loader(dir, cold)), q, {});
      const typing = { bytes: 0, gz: 0, files: [] };
      const engine = new KH.Engine(loader(dir, typing));
      const steps = [];
      let ms = 0;
      const chars = Array.from(q);
      for (let i = 1; i <= chars.length; i++) {
        const before = typing.bytes, t = Date.now();
        await page(engine, chars.slice(0, i).join(""), {});
        steps.push(typing.bytes - before);
        ms = Math.max(ms, Date.now() - t);
      }
      out.push({ q, results: r.ids.length, cold: cold.bytes, coldGz: cold.gz, coldFiles: cold.files.length, ms: r.ms, keyMs: ms, steps });
    }
  } else {
    throw new Error("usage: harness.cjs fold|query|type [DIR]");
  }
  process.stdout.write(JSON.stringify(out) + "\n");
}
main().catch((e) => { console.error(e); process.exit(1); });
