// Pagefind on the same built site: serves SITE over HTTP (Pagefind's script uses fetch(), which
// file:// does not allow), loads Pagefind's own search API in Chromium and counts the bytes the
// server sends for each query: cold (a fresh browser context), then typed letter by letter.
//
//   node pagefind.mjs SITE QUERIES_JSON  → one JSON line per query
//   node pagefind.mjs SITE QUERIES_FILE --judge  → for relevance/judge.mjs: a JSON array of
//        {q, results, top: [text of each of the first 10 pages], bytes (cold)}
import http from "node:http";
import { readFileSync, statSync } from "node:fs";
import { join, normalize } from "node:path";
import { launch } from "../../tests/browser/browser.mjs";

const [site, queriesArg, mode] = process.argv.slice(2);
const judging = mode === "--judge";
const queries = judging ? JSON.parse(readFileSync(queriesArg, "utf8")).map((x) => x.q) : JSON.parse(queriesArg);
let sent = 0;
const types = { ".js": "text/javascript", ".html": "text/html", ".css": "text/css", ".wasm": "application/wasm" };
const server = http.createServer((req, res) => {
  const rel = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^\/+/, "");
  let file = join(site, rel);
  try {
    if (statSync(file).isDirectory()) file = join(file, "index.html");
    const body = readFileSync(file);
    if (rel.startsWith("pagefind/")) sent += body.length;
    const ext = file.slice(file.lastIndexOf("."));
    res.writeHead(200, { "content-type": types[ext] || "application/octet-stream" });
    res.end(body);
  } catch {
    res.writeHead(404);
    res.end();
  }
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await launch();

async function fresh() {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(origin + "/404.html");
  await page.evaluate(async () => {
    window.pf = await import("/pagefind/pagefind.js");
    await window.pf.init();
  });
  return { ctx, page };
}
const run = (page, q) => page.evaluate(async (q) => {
  const s = await window.pf.search(q);
  await Promise.all(s.results.slice(0, 10).map((r) => r.data()));
  return s.results.length;
}, q);

if (judging) {
  const out = [];
  for (const q of queries) {
    sent = 0;
    const { ctx, page } = await fresh();
    const got = await page.evaluate(async (q) => {
      const s = await window.pf.search(q);
      const top = await Promise.all(s.results.slice(0, 10).map((r) => r.data()));
      return { results: s.results.length, top: top.map((d) => d.content) };
    }, q);
    out.push({ q, results: got.results, top: got.top, bytes: sent });
    await ctx.close();
  }
  console.log(JSON.stringify(out));
  await browser.close();
  server.close();
  process.exit(0);
}
for (const q of queries) {
  sent = 0; // cold: Pagefind's script, WebAssembly and metadata count too
  let { ctx, page } = await fresh();
  const results = await run(page, q);
  const cold = sent;
  await ctx.close();
  sent = 0;
  ({ ctx, page } = await fresh());
  const init = sent;
  const steps = [];
  const chars = Array.from(q);
  for (let i = 1; i <= chars.length; i++) {
    sent = 0;
    await run(page, chars.slice(0, i).join(""));
    steps.push(sent + (i === 1 ? init : 0));
  }
  await ctx.close();
  console.log(JSON.stringify({ q, results, cold, steps }));
}
await browser.close();
server.close();
