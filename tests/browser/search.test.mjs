// The search page of the built demo, opened from file:// in Chromium: real queries typed as a
// citizen would, the expected tasks first (computed from du-lieu/tasks.json), facet counts equal
// to counts over the built data, facets that narrow, the query kept in the address, and no
// request leaving the site. Then the same page over HTTP: records read by byte ranges where the
// server answers them (206), from the chunk scripts where it sends the whole file instead.
//
// KEHOACH_SITE is the built output folder (scripts/test builds the demo there).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { createServer } from "node:http";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import { launch } from "./browser.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const site = resolve(process.env.KEHOACH_SITE || join(here, "../../target/browser-site"));
const KH = createRequire(import.meta.url)(join(here, "../../themes/default/static/search.js"));
const tasks = JSON.parse(readFileSync(join(site, "du-lieu/tasks.json"), "utf8")).tasks;
let meta;
new Function("__khSearch", readFileSync(join(site, "tim-kiem/chi-muc/meta.js"), "utf8"))((n, d) => { meta = d; });
const collective = new Set(meta.units.filter((u) => !u[2]).map((u) => u[0]));

const fold = (s) => " " + KH.words(s).map((w) => w.f).join(" ") + " ";
// What a task says: its words and the units' registered names (as in the index); its group
// heading and plan title are where it stands, not what it says.
const taskText = (t) => fold([t.content, t.lead, t.lead_units, t.support, t.support_units, t.output, t.due].join(" \n "));
const key = (href) => {
  const m = /ke-hoach\/([^/]+)\/(?:index\.html)?#(.+)$/.exec(href);
  return m ? `${m[1]}#${m[2]}` : null;
};
const byKey = new Map(tasks.map((t) => [key(t.url), t]));

// Tasks whose text holds one of the phrases (folded), as keys.
function expected(phrases) {
  const fs = phrases.map(fold);
  return new Set(tasks.filter((t) => fs.some((f) => taskText(t).includes(f))).map((t) => key(t.url)));
}

let browser, ctx, page;
const foreign = [];
before(async () => {
  browser = await launch();
  ctx = await browser.newContext();
  page = await ctx.newPage();
  page.on("request", (r) => {
    if (!r.url().startsWith("file://")) foreign.push(r.url());
  });
});
after(async () => {
  await browser?.close();
});

const searchUrl = pathToFileURL(join(site, "tim-kiem/index.html")).href;

async function results() {
  // Every result: press "Xem thêm" until all are shown.
  while (await page.locator("#tim-them").isVisible()) {
    const n = await page.locator("#tim-ket-qua > li").count();
    await page.locator("#tim-them").click();
    await page.waitForFunction((k) => document.querySelectorAll("#tim-ket-qua > li").length > k, n);
  }
  return page.locator("#tim-ket-qua > li a:first-child").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
}

// Types `q` letter by letter, then waits for the settled page (after typing pauses).
async function type(q) {
  await page.locator("#q").fill("");
  await page.locator("#q").pressSequentially(q, { delay: 15 });
  await page.waitForFunction((q) => {
    const s = document.getElementById("tim-trang-thai");
    return s.textContent.includes("“" + q.trim() + "”") && s.getAttribute("data-settled") === "true";
  }, q);
}

// Queries typed without tones (every spelling alike): the tasks that say the phrase come
// first.
const QUERIES = [
  ["van hoa xa hoi", ["van hoa xa hoi", "vhxh"]],
  ["VHXH", ["van hoa xa hoi", "vhxh"]],
  ["dat dai", ["dat dai"]],
  ["thu tuc hanh chinh", ["thu tuc hanh chinh", "tthc"]],
  ["quy hoach", ["quy hoach"]],
];

test("typed queries find the expected demo tasks first, from file://", async () => {
  await page.goto(searchUrl);
  assert.equal(await page.locator("#tim-khong-js").isVisible(), false, "the script replaces the no-JavaScript text");
  for (const [q, phrases] of QUERIES) {
    await type(q);
    const want = expected(phrases);
    assert.ok(want.size > 0, `the demo has tasks for ${q}`);
    const got = (await results()).map(key).filter(Boolean);
    const first = new Set(got.slice(0, want.size));
    const missing = [...want].filter((k) => !first.has(k));
    assert.deepEqual(missing, [], `${q}: the ${want.size} tasks with the phrase come first`);
    const marks = await page.locator("#tim-ket-qua mark").count();
    assert.ok(marks > 0, `${q}: matched words are highlighted`);
    assert.ok(page.url().includes("q="), "the query is kept in the address");
  }
  assert.deepEqual(foreign, []);
});

test("facet counts equal counts over the built data, and a facet narrows the results", async () => {
  await page.goto(searchUrl + "?q=" + encodeURIComponent("thu tuc hanh chinh"));
  await page.waitForSelector("#tim-trang-thai[data-settled=true]");
  // The counts are of the results that say every word: the first `n` (the status says n).
  const n0 = Number(/Tìm thấy (\d+)/.exec(await page.locator("#tim-trang-thai").textContent())[1]);
  const got = (await results()).slice(0, n0).map(key).filter(Boolean).map((k) => byKey.get(k));
  assert.ok(got.every(Boolean), "every task result is a task of the site");
  const units = new Map(), states = new Map();
  for (const t of got) {
    const us = new Set([t.lead_units, t.support_units].join("; ").split("; ").filter((u) => u && !collective.has(u)));
    for (const u of us) units.set(u, (units.get(u) || 0) + 1);
    states.set(t.status, (states.get(t.status) || 0) + 1);
    if (t.overdue) states.set("overdue", (states.get("overdue") || 0) + 1);
  }
  const shown = await page.locator("#tim-bo-loc button").evaluateAll((bs) => bs.map((b) => [b.getAttribute("data-k"), b.firstChild.textContent.trim(), Number(b.querySelector(".count").textContent)]));
  const stateLabel = new Map(meta.states.map((s) => [s[1], s[0]]).concat([["Quá hạn", "overdue"]]));
  for (const [k, label, n] of shown) {
    if (k === "u") assert.equal(n, units.get(label) || 0, `unit ${label}`);
    if (k === "s") assert.equal(n, states.get(stateLabel.get(label)) || 0, `status ${label}`);
  }
  assert.ok(shown.filter((s) => s[0] === "u").length > 2, "units are offered");
  // Click the first unit: results narrow to its count, the address keeps it.
  const [, label, n] = shown.find((s) => s[0] === "u");
  await page.locator("#tim-bo-loc button[data-k=u]").first().click();
  await page.waitForFunction((n) => document.getElementById("tim-trang-thai").textContent.includes("Tìm thấy " + n + " "), n);
  assert.ok(page.url().includes("don-vi="), page.url());
  const narrowed = (await results()).slice(0, n).map(key).filter(Boolean).map((k) => byKey.get(k));
  assert.equal(narrowed.length, n);
  assert.ok(narrowed.every((t) => (t.lead_units + "; " + t.support_units).includes(label)), `every result is of ${label}`);
  assert.equal(await page.locator("#tim-bo-loc button[aria-pressed=true]").count(), 1);
  // A shared address gives the same page.
  const again = await ctx.newPage();
  await again.goto(page.url());
  await again.waitForFunction((n) => document.getElementById("tim-trang-thai").textContent.includes("Tìm thấy " + n + " "), n);
  await again.close();
  assert.deepEqual(foreign, []);
});

test("filters alone list the tasks earliest deadline first, with counts equal to the built data", async () => {
  await page.goto(searchUrl);
  await page.waitForSelector("#tim-bo-loc button");
  assert.match(await page.locator("#tim-trang-thai").textContent(), /Nhập từ khóa/);
  const overdue = tasks.filter((t) => t.overdue);
  const od = page.locator("#tim-bo-loc button[data-v=overdue]");
  assert.equal(Number((await od.locator(".count").textContent()).replace(/\./g, "")), overdue.length, "the overdue count over all tasks");
  await od.click();
  await page.waitForFunction((n) => document.getElementById("tim-trang-thai").textContent.includes("Có " + n + " nhiệm vụ quá hạn"), overdue.length);
  assert.ok(page.url().includes("tinh-trang=qua-han"), page.url());
  const got = (await results()).map(key).map((k) => byKey.get(k));
  assert.equal(got.length, overdue.length);
  assert.ok(got.every((t) => t && t.overdue), "every result is overdue");
  const ends = got.map((t) => t.due_end || "9999");
  assert.deepEqual(ends, ends.slice().sort(), "earliest deadline first");
  // A unit too: the overdue tasks it leads or supports; the unit's count was exact.
  const ub = page.locator("#tim-bo-loc button[data-k=u]").first();
  const label = (await ub.evaluate((b) => b.firstChild.textContent)).trim();
  const n = Number((await ub.locator(".count").textContent()).replace(/\./g, ""));
  const want = overdue.filter((t) => [t.lead_units, t.support_units].join("; ").split("; ").includes(label));
  assert.equal(n, want.length, `overdue tasks of ${label}`);
  await ub.click();
  await page.waitForFunction((n) => document.getElementById("tim-trang-thai").textContent.includes("Có " + n + " nhiệm vụ quá hạn, do "), n);
  const both = (await results()).map(key).map((k) => byKey.get(k));
  assert.deepEqual(both.map((t) => t.url).sort(), want.map((t) => t.url).sort());
  assert.deepEqual(foreign, []);
});

test("a result found by its group heading shows the heading, and only what matched is highlighted", async () => {
  // No task says "thể chế": the tasks under the headings "Về thể chế" and "Cải cách thể chế" are
  // found by them, and show them.
  await page.goto(searchUrl + "?q=" + encodeURIComponent('"thể chế"'));
  await page.waitForSelector("#tim-trang-thai[data-settled=true]");
  const whys = await page.locator("#tim-ket-qua .result-why").allTextContents();
  assert.ok(whys.length > 0 && whys.every((w) => /^Trong nhóm: .*thể chế/i.test(w)), whys.join(" | "));
  const marked = await page.locator("#tim-ket-qua .result-why mark").allTextContents();
  assert.ok(marked.length > 0 && marked.every((m) => /^(thể|chế|thể chế)$/i.test(m)), marked.join(" | "));
  // "đất đai" typed with tones: "đạt" is never highlighted for "đất".
  await type("đất đai");
  const marks = await page.locator("#tim-ket-qua mark").allTextContents();
  assert.ok(marks.length > 0, "matches are highlighted");
  const bad = marks.filter((m) => !/^(đất|đai|đất đai)$/i.test(m.normalize("NFC")));
  assert.deepEqual(bad, [], "only the words as typed");
  assert.deepEqual(foreign, []);
});

test("the header search box submits to the search page from a sub-folder, by keyboard", async () => {
  await page.goto(pathToFileURL(join(site, "ke-hoach/an-thanh-66-kh-ubnd/index.html")).href);
  await page.getByRole("searchbox", { name: /Tìm kế hoạch/ }).fill("VHXH");
  await page.keyboard.press("Enter");
  await page.waitForURL(/tim-kiem\/index\.html\?q=VHXH/);
  await page.waitForSelector("#tim-ket-qua > li");
  assert.equal(await page.locator("#q").inputValue(), "VHXH");
  const status = await page.locator("#tim-trang-thai").textContent();
  assert.match(status, /Tìm thấy \d+ kết quả/);
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const p = await noJs.newPage();
  await p.goto(searchUrl);
  assert.equal(await p.locator("#tim-khong-js").isVisible(), true, "without JavaScript the page explains itself");
  assert.ok((await p.locator("#tim-khong-js a").count()) >= 2);
  await noJs.close();
  assert.deepEqual(foreign, []);
});

// A static server of the built site; with `ranges`, it answers a single `Range: bytes=a-b`
// with 206, else with the whole file (200) as some servers do.
function serveSite(ranges) {
  const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css" };
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (path.endsWith("/")) path += "index.html";
    let body;
    try {
      if (path.includes("..") || !statSync(join(site, path)).isFile()) throw new Error();
      body = readFileSync(join(site, path));
    } catch {
      res.writeHead(404).end();
      return;
    }
    const type = types[path.slice(path.lastIndexOf("."))] || "application/octet-stream";
    const m = ranges && /^bytes=(\d+)-(\d+)$/.exec(req.headers.range || "");
    if (m) {
      const part = body.subarray(Number(m[1]), Number(m[2]) + 1);
      res.writeHead(206, { "Content-Type": type, "Content-Range": `bytes ${m[1]}-${Number(m[1]) + part.length - 1}/${body.length}` });
      res.end(part);
    } else {
      res.writeHead(200, { "Content-Type": type }).end(body);
    }
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok(server)));
}

// The first results page of `q` at `base` (the search page's address), and the record
// requests it made: the status of each .dat response, the .dat requests, the chunk scripts.
async function firstPage(base, q) {
  const p = await ctx.newPage();
  const dat = [], asked = [], chunks = [];
  p.on("response", (r) => { if (/\/r\/\d+\.dat$/.test(r.url())) dat.push(r.status()); });
  p.on("request", (r) => {
    if (/\/r\/\d+\.dat$/.test(r.url())) asked.push(r.url());
    if (/\/chi-muc\/r\/\d+\/\d+\.js$/.test(r.url())) chunks.push(r.url());
  });
  await p.goto(base + "?q=" + encodeURIComponent(q));
  await p.waitForFunction((q) => {
    const s = document.getElementById("tim-trang-thai");
    return s.textContent.includes("“" + q + "”") && s.getAttribute("data-settled") === "true";
  }, q);
  const html = await p.locator("#tim-ket-qua").innerHTML();
  await p.close();
  return { html, dat, asked, chunks };
}

test("over HTTP, records are read by byte ranges, or from the chunk scripts where the server sends whole files", async () => {
  for (const ranges of [true, false]) {
    const server = await serveSite(ranges);
    try {
      const base = `http://127.0.0.1:${server.address().port}/tim-kiem/index.html`;
      for (const q of ["VHXH", "dat dai"]) {
        const local = await firstPage(searchUrl, q);
        assert.ok(local.html.includes("<li"), `${q}: results from file://`);
        assert.deepEqual(local.dat, [], "no range requests from file://");
        const web = await firstPage(base, q);
        assert.equal(web.html, local.html, `${q}: the same results page over HTTP (ranges: ${ranges})`);
        if (ranges) {
          assert.ok(web.dat.length > 0 && web.dat.every((s) => s === 206), `${q}: ${web.dat}`);
          assert.deepEqual(web.chunks, [], `${q}: no chunk script`);
        } else {
          assert.equal(web.asked.length, 1, `one range asked (the demo has one record file), then none: ${web.asked}`);
          assert.ok(web.dat.every((s) => s === 200), `${web.dat}`);
          assert.ok(web.chunks.length > 0, `${q}: the chunk scripts instead`);
        }
      }
    } finally {
      server.close();
    }
  }
});

// A site of 4,000 generated tasks built with its postings cut into small segments
// (KEHOACH_SEARCH_SEGMENT) and whole. The cut index stops reading early: with nothing to spend
// on counting exactly (KEHOACH_SEARCH_EXACT=0) the page says its count is an estimate, else it
// reads on to the exact count; its first pages, "Xem thêm" included, are those of the whole
// one; typed, the page is provisional until typing pauses.
test("with postings read by segments, the first pages are those of whole postings, 'Xem thêm' reads on, and a page typed is settled when typing pauses", async () => {
  const bin = resolve(process.env.KEHOACH_BIN || join(here, "../../target/debug/kehoach"));
  const work = mkdtempSync(join(tmpdir(), "kehoach-segments-"));
  try {
    let body = "";
    for (let i = 0; i < 4000; i++) {
      // "beta gamma" adjacent in 1 task of 45 in the second half only: the first 30 results
      // are there, spread over several segments.
      const words = i % 5 === 0 ? (i >= 2000 && i % 45 === 0 ? "beta gamma" : "beta rồi gamma") : i % 2 ? "beta" : "khác";
      body += `      - content: Việc ${words} số ${i}\n        lead: Phòng Số ${i % 4}\n        due: Tháng 12/${2025 + (i % 3)}\n`;
    }
    mkdirSync(join(work, "content/plans"), { recursive: true });
    writeFileSync(join(work, "site.toml"), 'title = "Kế hoạch xã Thử"\ncommune = "xã Thử"\nprovince = "thành phố Hải Phòng"\n');
    writeFileSync(join(work, "content/units.yaml"), [0, 1, 2, 3].map((u) => `- name: Phòng Số ${u}\n`).join(""));
    writeFileSync(join(work, "content/plans/doan.md"), `---\nnumber: 8/KH-UBND\ntitle: Kế hoạch đoạn\ndate: 2025-10-01\ntasks:\n  - group: Nhóm\n    tasks:\n${body}---\nVăn bản.\n`);
    const build = (out, env) => execFileSync(bin, ["build", "--root", work, "--output", join(work, out), "--today", "2026-01-15"], { env: { ...process.env, ...env }, stdio: "ignore" });
    // The cut index with nothing to spend on reading on to count exactly, and with the
    // default budget (this small site then counts exactly).
    build("cut", { KEHOACH_SEARCH_SEGMENT: "64", KEHOACH_SEARCH_EXACT: "0" });
    build("counted", { KEHOACH_SEARCH_SEGMENT: "64" });
    build("whole", { KEHOACH_SEARCH_SEGMENT: "100000000" });
    const pages = {};
    for (const out of ["whole", "cut", "counted"]) {
      await page.goto(pathToFileURL(join(work, out, "tim-kiem/index.html")).href + "?q=beta+gamma");
      await page.waitForFunction(() => document.querySelectorAll("#tim-ket-qua > li").length >= 10);
      const status = await page.locator("#tim-trang-thai").textContent();
      const facets = await page.locator("#tim-bo-loc").textContent();
      for (let k = 10; k < 30; k += 10) {
        await page.locator("#tim-them").click();
        await page.waitForFunction((k) => document.querySelectorAll("#tim-ket-qua > li").length > k, k);
      }
      const hrefs = await page.locator("#tim-ket-qua > li a:first-child").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
      pages[out] = { status, facets, hrefs: hrefs.slice(0, 30) };
    }
    assert.doesNotMatch(pages.whole.status, /khoảng|ít nhất/);
    assert.match(pages.cut.status, /Tìm thấy (khoảng|ít nhất) \d+/);
    assert.equal(pages.cut.hrefs.length, 30);
    assert.deepEqual(pages.cut.hrefs, pages.whole.hrefs);
    // Settled, the counted index read on in its words' lists: the count of the whole one, and
    // its facet counts, exact ("khoảng" nowhere).
    assert.equal(pages.counted.status, pages.whole.status);
    assert.equal(pages.counted.facets, pages.whole.facets);
    assert.doesNotMatch(pages.counted.facets, /khoảng/);
    assert.match(pages.cut.facets, /khoảng/);
    assert.deepEqual(pages.counted.hrefs, pages.whole.hrefs);
    // Typed, the query reads no segment on: its page is provisional until typing pauses, then
    // settled, the same as the whole one.
    await page.goto(pathToFileURL(join(work, "cut", "tim-kiem/index.html")).href);
    await page.evaluate(() => {
      window.statuses = [];
      const s = document.getElementById("tim-trang-thai");
      const facets = document.getElementById("tim-bo-loc");
      new MutationObserver(() => window.statuses.push([s.textContent, facets.getAttribute("aria-busy")])).observe(s, { childList: true, characterData: true, subtree: true });
    });
    await type("beta gamma");
    const statuses = await page.evaluate(() => window.statuses);
    assert.ok(statuses.some(([t]) => /Kết quả sơ bộ cho “beta gamma”/.test(t)), statuses.join(" | "));
    // The facets wait for a settled page: their counts are not scaled from a few records.
    for (const [t, busy] of statuses) if (/sơ bộ/.test(t)) assert.equal(busy, "true", t);
    assert.equal(await page.locator("#tim-bo-loc").getAttribute("aria-busy"), null, "settled: the facets are shown");
    const settled = await page.locator("#tim-ket-qua > li a:first-child").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    assert.deepEqual(settled.slice(0, 10), pages.whole.hrefs.slice(0, 10));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
