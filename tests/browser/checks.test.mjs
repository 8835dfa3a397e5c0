// The built demo portal checked the way citizens see it: the Nu HTML Checker on every page,
// axe-core (WCAG 2.1 A/AA) on every page type at desktop and phone widths in Debian's
// Chromium, no request to another host, and the progressive enhancements working.
//
// KEHOACH_SITE is the built output folder (scripts/test builds the demo there).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { launch } from "./browser.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const site = resolve(process.env.KEHOACH_SITE || join(here, "../../target/browser-site"));
const axePath = join(here, "node_modules/axe-core/axe.min.js");
const vnuJar = join(here, "node_modules/vnu-jar/build/dist/vnu.jar");

const PAGES = {
  home: "index.html",
  plans: "ke-hoach/index.html",
  "plans by year": "ke-hoach/nam/2025/index.html",
  plan: "ke-hoach/an-thanh-66-kh-ubnd/index.html",
  "plan with leaders": "ke-hoach/an-thanh-so-ket-01-nam/index.html",
  "plan without tasks": "ke-hoach/hung-dao-75-kh-ubnd/index.html",
  "plan with deliverables": "ke-hoach/dai-son-cchc-6-thang-cuoi-nam-2025/index.html",
  units: "don-vi/index.html",
  unit: "don-vi/phong-van-hoa-xa-hoi/index.html",
  tasks: "nhiem-vu/index.html",
  "tasks page 2": "nhiem-vu/trang/2/index.html",
  "tasks by period": "nhiem-vu/han/2025/quy-4/index.html",
  topics: "linh-vuc/index.html",
  topic: "linh-vuc/cai-cach-hanh-chinh/index.html",
  "a topic of two plans": "linh-vuc/dat-dai-quy-hoach/index.html",
  "a year's overdue tasks": "nhiem-vu/han/2025/qua-han/index.html",
  data: "du-lieu/index.html",
  reports: "bao-cao/index.html",
  "plan report": "bao-cao/ke-hoach/an-thanh-66-kh-ubnd/index.html",
  "period report": "bao-cao/ky/2025-q4/index.html",
  "how statuses are decided": "cach-tinh-tinh-trang/index.html",
  "a unit's overdue tasks": "don-vi/phong-van-hoa-xa-hoi/chu-tri/qua-han/index.html",
  "tasks done late": "nhiem-vu/hoan-thanh-qua-han/index.html",
  search: "tim-kiem/index.html?q=VHXH",
  "public list": "danh-muc-cong-khai/index.html",
  "embedded plan": "nhung/ke-hoach/an-thanh-66-kh-ubnd/index.html",
  "embedded unit": "nhung/don-vi/phong-kinh-te/index.html",
  "not found": "404.html",
};

// Opens a page of PAGES; one with a query (the search page) once its results are shown.
async function open(page, rel) {
  const [path, query] = rel.split("?");
  await page.goto(pathToFileURL(join(site, path)).href + (query ? "?" + query : ""));
  if (query) await page.waitForSelector("#tim-ket-qua > li");
}

function htmlFiles(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) htmlFiles(p, out);
    else if (name.endsWith(".html")) out.push(p);
  }
  return out;
}

let browser;
let ctx;
before(async () => {
  browser = await launch();
  ctx = await browser.newContext();
});
after(async () => {
  await browser?.close();
});

test("the Nu HTML Checker finds no error on any page", () => {
  const files = htmlFiles(site);
  assert.ok(files.length > 40, `${files.length} pages`);
  let report;
  try {
    report = execFileSync("java", ["-jar", vnuJar, "--errors-only", "--format", "json", ...files], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    report = e.stderr || e.stdout; // vnu exits 1 when it reports errors, in JSON on stderr
  }
  const messages = report ? JSON.parse(report).messages.filter((m) => m.type === "error") : [];
  const lines = messages.map((m) => `${m.url.replace(pathToFileURL(site).href, "")}:${m.lastLine}: ${m.message}`);
  assert.deepEqual(lines, [], lines.join("\n"));
});

for (const [width, device] of [[1280, "desktop"], [390, "phone"]]) {
  test(`axe-core finds no WCAG 2.1 A/AA violation on any page type (${device})`, async () => {
    const page = await ctx.newPage();
    await page.setViewportSize({ width, height: 900 });
    const foreign = [];
    page.on("request", (r) => {
      if (!r.url().startsWith("file://")) foreign.push(r.url());
    });
    const problems = [];
    for (const [name, rel] of Object.entries(PAGES)) {
      await open(page, rel);
      await page.addScriptTag({ path: axePath });
      const result = await page.evaluate(() =>
        // eslint-disable-next-line no-undef
        axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }, resultTypes: ["violations"] }),
      );
      for (const v of result.violations) {
        problems.push(`${name} (${rel}): ${v.id} — ${v.help}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
      }
    }
    await page.close();
    assert.deepEqual(problems, [], problems.join("\n"));
    assert.deepEqual(foreign, [], `requests to other hosts: ${foreign.join(", ")}`);
  });
}

test("pages are readable on a phone: nothing wider than the screen", async () => {
  const page = await ctx.newPage();
  await page.setViewportSize({ width: 360, height: 800 });
  const wide = [];
  for (const [name, rel] of Object.entries(PAGES)) {
    await open(page, rel);
    const w = await page.evaluate(() => document.documentElement.scrollWidth);
    if (w > 362) wide.push(`${name}: ${w}px`);
  }
  await page.close();
  assert.deepEqual(wide, []);
});

// A phone (390 × 844): every page type screenshotted (target/browser-shots/, heights in the
// output), the home page within four screens, the first search result on the first screen,
// and the controls a thumb taps (navigation, pagers, filters, buttons) at least 24 px tall.
test("phone first: page heights, the home page in four screens, search results on the first", async () => {
  const shots = resolve(here, "../../target/browser-shots");
  mkdirSync(shots, { recursive: true });
  const page = await ctx.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  const heights = {};
  const small = [];
  for (const [name, rel] of Object.entries(PAGES)) {
    await open(page, rel);
    heights[name] = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.screenshot({ path: join(shots, `${name.replace(/[^a-z0-9]+/gi, "-")}-390.png`), fullPage: true });
    const tiny = await page.evaluate(() =>
      [...document.querySelectorAll(".main-nav a, .pager a, .filter-bar a, .stat-links a, button, summary, input")]
        .filter((e) => e.offsetParent !== null)
        .map((e) => [e.textContent.trim().slice(0, 30) || e.id || e.tagName, e.getBoundingClientRect().height])
        .filter(([, h]) => h < 24),
    );
    // The not-found page links its stylesheet from the server's root (it is served at any
    // depth), so from file:// it is unstyled: its targets are measured where it is served.
    if (name !== "not found") for (const [what, h] of tiny) small.push(`${name}: “${what}” ${h.toFixed(1)} px`);
  }
  console.log(`# page heights at 390 px (screens of 844): ${Object.entries(heights).map(([n, h]) => `${n} ${h} (${(h / 844).toFixed(1)})`).join("; ")}`);
  assert.ok(heights.home <= 4 * 844, `home page ${heights.home} px`);
  await open(page, PAGES.search);
  const top = await page.evaluate(() => document.querySelector("#tim-ket-qua > li").getBoundingClientRect().top + scrollY);
  console.log(`# first search result at ${top.toFixed(0)} px`);
  assert.ok(top < 844, `the first result at ${top} px, below the first screen`);
  assert.equal(await page.evaluate(() => document.getElementById("tim-loc").open), false, "the filters folded behind “Lọc kết quả”");
  await page.close();
  assert.deepEqual(small, [], "tap targets under 24 px");
});

// Another portal takes in a plan's progress and a unit's open tasks in an <iframe>: the views
// pass axe inside the frame, fit a narrow frame without scrolling sideways, and their links
// open in the top window.
test("embeddable views pass axe inside an iframe of another page", async () => {
  const dir = mkdtempSync(join(tmpdir(), "kehoach-embed-"));
  try {
    const views = ["nhung/ke-hoach/an-thanh-66-kh-ubnd/index.html", "nhung/don-vi/phong-kinh-te/index.html"];
    const host = join(dir, "cong-tinh.html");
    writeFileSync(host, `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Cổng tỉnh</title></head><body><main><h1>Cổng thông tin tỉnh</h1>${views
      .map((v, k) => `<iframe title="Tiến độ ${k}" src="${pathToFileURL(join(site, v)).href}" width="360" height="600"></iframe>`)
      .join("")}</main></body></html>`);
    const page = await ctx.newPage();
    await page.goto(pathToFileURL(host).href);
    const problems = [];
    for (const v of views) {
      const frame = page.frames().find((f) => f.url().endsWith(v));
      assert.ok(frame, `${v} loaded in its frame`);
      await frame.waitForLoadState();
      await frame.addScriptTag({ path: axePath });
      const result = await frame.evaluate(() =>
        // eslint-disable-next-line no-undef
        axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }, resultTypes: ["violations"] }),
      );
      for (const x of result.violations) problems.push(`${v}: ${x.id} — ${x.help}`);
      const wide = await frame.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(wide <= 362, `${v}: ${wide} px wide in a 360 px frame`);
      const targets = await frame.evaluate(() => [...document.querySelectorAll("a")].map((a) => a.target || document.querySelector("base")?.target));
      assert.ok(targets.every((t) => t === "_top"), `${v}: links open in the top window`);
      assert.equal(await frame.evaluate(() => document.querySelectorAll(".site-header, .main-nav, .site-footer").length), 0, "no portal chrome");
    }
    await page.close();
    assert.deepEqual(problems, [], problems.join("\n"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// A year's list: its own counts by status, each leading to a page of the build that lists
// that many tasks of the year in that status.
// (A quarter's and a month's lists have none: read whole, or narrowed by the page's filter.)
test("a year's tasks by status: each count leads to a list of that many tasks", async () => {
  const page = await ctx.newPage();
  for (const [period, words] of [["nhiem-vu/han/2025/index.html", "năm 2025"]]) {
    await page.goto(pathToFileURL(join(site, period)).href);
    const links = await page.$$eval('nav[aria-label="Nhiệm vụ trong kỳ theo tình trạng"] a', (as) => as.map((a) => [a.textContent, a.href]));
    assert.ok(links.length >= 2, `${period}: ${JSON.stringify(links)}`);
    for (const [label, href] of links) {
      const n = /\((\d+)\)$/.exec(label)[1];
      await page.goto(href);
      const caption = await page.textContent("table.tasks caption");
      assert.match(caption, new RegExp(`${words.replace("/", "\\/")}: .*\\(${n}\\)$`), `${label}: ${caption}`);
      const current = await page.$eval('nav[aria-label="Nhiệm vụ trong kỳ theo tình trạng"] a[aria-current="page"]', (a) => a.textContent);
      assert.equal(current, label);
    }
  }
  await page.close();
});

test("the quick filter finds tasks without diacritics, and pages work without JavaScript", async () => {
  const page = await ctx.newPage();
  await page.goto(pathToFileURL(join(site, "ke-hoach/an-thanh-66-kh-ubnd/index.html")).href);
  const all = await page.locator("tr.task-row").count();
  assert.equal(all, 37);
  const box = page.getByLabel(/Lọc nhanh các nhiệm vụ của trang này/);
  await box.fill("dat dai");
  const visible = await page.locator("tr.task-row:visible").count();
  assert.ok(visible > 0 && visible < all, `${visible} of ${all} rows match "dat dai"`);
  const fold = (t) => t.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  const words = (t) => fold(t).split(/[^\p{L}\p{N}]+/u);
  const texts = await page.locator("tr.task-row:visible").allTextContents();
  assert.ok(texts.every((t) => words(t).includes("dat") && words(t).some((w) => w.startsWith("dai"))), "every visible row has both words, whole");
  assert.ok(texts.some((t) => /đất đai/i.test(t)), "rows about đất đai are found");
  // Whole words, tones as typed: "hạn " finds "hạn", not "hành" nor "hán".
  await box.fill("hạn ");
  const han = await page.locator("tr.task-row:visible").allTextContents();
  assert.ok(han.length > 0 && han.every((t) => t.toLowerCase().normalize("NFC").split(/[^\p{L}\p{N}]+/u).includes("hạn")), han.join(" | "));
  // It says it filters this page only, and links to the search page with the same words.
  const status = page.locator(".filter-status");
  assert.match(await status.textContent(), /trang này/);
  const href = await status.locator("a").getAttribute("href");
  assert.ok(href.includes("tim-kiem/") && href.includes("q=h%E1%BA%A1n"), href);
  await page.close();

  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const p = await noJs.newPage();
  await p.goto(pathToFileURL(join(site, "nhiem-vu/qua-han/index.html")).href);
  assert.ok((await p.locator("tr.task-row").count()) > 0, "server-rendered filter views need no script");
  assert.equal(await p.locator(".filter-input").count(), 0, "no script, no filter box");
  await noJs.close();
});

test("a task anchor takes the reader to the task and highlights it", async () => {
  const page = await ctx.newPage();
  await page.goto(pathToFileURL(join(site, "ke-hoach/an-thanh-66-kh-ubnd/index.html")).href + "#nv-iii-4");
  const bg = await page.locator("#nv-iii-4").evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.notEqual(bg, "rgba(0, 0, 0, 0)", "the :target row is highlighted");
  const inView = await page.locator("#nv-iii-4").evaluate((el) => {
    const r = el.getBoundingClientRect();
    // Scroll positions are whole pixels, layout is not: a row scrolled to the top of the
    // window may sit a fraction of a pixel above it.
    return r.top > -1 && r.top < window.innerHeight;
  });
  assert.ok(inView);
  await page.close();
});

test("the plan prints on A4 with its task table", async () => {
  const page = await ctx.newPage();
  await page.goto(pathToFileURL(join(site, "ke-hoach/an-thanh-66-kh-ubnd/index.html")).href);
  const pdf = await page.pdf({ format: "A4", printBackground: false });
  assert.ok(pdf.length > 50_000, `${pdf.length} bytes`);
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.locator(".site-header").isVisible(), false, "navigation is not printed");
  assert.equal(await page.locator("table.doc-tasks").isVisible(), true);
  await page.close();
});
