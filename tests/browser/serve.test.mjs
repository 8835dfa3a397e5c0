// `kehoach serve` in Chromium: the injected script really reloads the open page after an edit,
// the error panel of a broken edit shows, passes axe-core (WCAG 2.1 A/AA), can be hidden, and
// goes away with the fix; the search page reads its results' records by byte ranges (206).
// Runs on a copy of the demo site.
//
// KEHOACH_BIN is the binary (default: target/debug/kehoach, which `cargo test` builds).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { launch } from "./browser.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../..");
const bin = resolve(process.env.KEHOACH_BIN || join(repo, "target/debug/kehoach"));
const axePath = join(here, "node_modules/axe-core/axe.min.js");

let work, child, url, browser;
const plan = () => join(work, "site/content/plans/2025/an-thanh-66-kh-ubnd.md");
const edit = (from, to) => {
  const text = readFileSync(plan(), "utf8");
  assert.ok(text.includes(from), `the demo plan no longer holds ${from}`);
  writeFileSync(plan(), text.replace(from, to));
};

before(async () => {
  work = mkdtempSync(join(tmpdir(), "kehoach-serve-test-"));
  cpSync(join(repo, "site.toml"), join(work, "site/site.toml"));
  cpSync(join(repo, "content"), join(work, "site/content"), { recursive: true });
  cpSync(join(repo, "static"), join(work, "site/static"), { recursive: true });
  // The clerk's language: Vietnamese, whatever the machine's locale.
  const env = { ...process.env, TMPDIR: work };
  for (const key of ["KEHOACH_LANG", "LANG", "LC_ALL", "LC_MESSAGES"]) delete env[key];
  child = spawn(bin, ["serve", "--root", join(work, "site"), "--port", "0", "--today", "2026-01-15"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  url = await new Promise((ok, fail) => {
    let out = "";
    const timer = setTimeout(() => fail(new Error(`no URL printed: ${out}`)), 60000);
    child.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (m) {
        clearTimeout(timer);
        ok(m[0]);
      }
    });
    child.on("exit", (code) => fail(new Error(`kehoach serve exited (${code}): ${out}`)));
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  child?.kill("SIGINT");
  if (work) rmSync(work, { recursive: true, force: true });
});

test("an edit reloads the open page by itself", async () => {
  const page = await browser.newPage();
  await page.goto(`${url}ke-hoach/an-thanh-66-kh-ubnd/`);
  await page.waitForTimeout(300); // the event stream connects
  const reloaded = page.waitForEvent("load", { timeout: 10000 });
  edit(/^title: .*$/m.exec(readFileSync(plan(), "utf8"))[0], "title: Tiêu đề sửa khi đang xem");
  await reloaded;
  assert.match(await page.title(), /Tiêu đề sửa khi đang xem/);
  await page.close();
});

test("a broken edit shows an accessible error panel that can be hidden; the fix removes it", async () => {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${url}ke-hoach/an-thanh-66-kh-ubnd/`);
  await page.waitForTimeout(300);
  let reloaded = page.waitForEvent("load", { timeout: 10000 });
  edit("date: 2025-11-27, status: done,", "date: 2025-11-31, status: xong,");
  await reloaded;
  const panel = page.locator("#kehoach-loi");
  assert.ok(await panel.isVisible());
  const text = await panel.innerText();
  assert.match(text, /content\/plans\/2025\/an-thanh-66-kh-ubnd\.md:41:21/);
  assert.match(text, /tình trạng `xong` không hợp lệ/);
  assert.match(text, /Gợi ý sửa: có phải là `status: hoàn thành`\?/);
  assert.match(text, /tháng 11 chỉ có 30 ngày/);
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run({ include: [["#kehoach-loi"]] }, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }, resultTypes: ["violations"] }),
  );
  assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.help}`), []);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 392, `the panel is wider than a phone: ${wide}px`);
  await page.click("#kehoach-loi-dong");
  assert.ok(!(await panel.isVisible()));
  reloaded = page.waitForEvent("load", { timeout: 10000 });
  edit("date: 2025-11-31, status: xong,", "date: 2025-11-27, status: done,");
  await reloaded;
  assert.equal(await page.locator("#kehoach-loi").count(), 0);
  await page.close();
});

test("the search page shows results, their records read by byte ranges", async () => {
  const page = await browser.newPage();
  const dat = [], chunks = [];
  page.on("response", (r) => { if (/\/r\/\d+\.dat$/.test(r.url())) dat.push(r.status()); });
  page.on("request", (r) => { if (/\/chi-muc\/r\/\d+\/\d+\.js$/.test(r.url())) chunks.push(r.url()); });
  await page.goto(`${url}tim-kiem/?q=VHXH`);
  await page.waitForFunction(() => document.getElementById("tim-trang-thai").textContent.includes("Tìm thấy"), null, { timeout: 10000 });
  const hrefs = await page.locator("#tim-ket-qua > li a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  assert.equal(hrefs.length, 10);
  assert.ok(hrefs.every((h) => /ke-hoach\/[^/]+\//.test(h)), hrefs.join(" "));
  assert.ok(dat.includes(206), `a record file read by a range: ${dat}`);
  assert.ok(dat.every((s) => s === 206), `${dat}`);
  assert.deepEqual(chunks, []);
  await page.close();
});

test("a clerk records progress through the form, by its labels; it passes axe and the plan page shows the update", async () => {
  const page = await browser.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${url}ke-hoach/an-thanh-66-kh-ubnd/`);
  const before = readFileSync(plan(), "utf8");
  const button = page.locator("#nv-i-2 a.kh-cap-nhat");
  assert.equal(await button.innerText(), "Cập nhật tiến độ");
  const box = await button.boundingBox();
  assert.ok(box.height >= 24, `the button is ${box.height}px high`);
  await button.click();
  await page.waitForURL(/\/__kehoach\/cap-nhat\?/);
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }, resultTypes: ["violations"] }),
  );
  assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(", ")})`), []);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 390, `the form is wider than a phone: ${wide}px`);
  await page.getByLabel("Ngày", { exact: true }).fill("2026-01-10");
  await page.getByLabel("Tình trạng").selectOption({ label: "Đang thực hiện" });
  await page.getByLabel("Tỷ lệ hoàn thành (%)").fill("40");
  await page.getByLabel("Ghi chú").fill("Đã dự thảo quy chế phân cấp, chờ ý kiến các phòng.");
  await page.getByLabel(/^Văn bản, tài liệu kèm theo/).setInputFiles({ name: "Báo cáo tiến độ.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4 báo cáo") });
  await Promise.all([
    page.waitForURL(/\/ke-hoach\/an-thanh-66-kh-ubnd\/#nv-i-2$/, { timeout: 20000 }).catch(async (e) => { throw new Error(`${e.message}\n${await page.locator("main").innerText()}`); }),
    page.getByRole("button", { name: "Lưu cập nhật" }).click(),
  ]);
  await page.waitForFunction(() => document.getElementById("nv-i-2").textContent.includes("Đã dự thảo quy chế phân cấp"), null, { timeout: 20000 });
  // The plan file gained exactly the update, after the task's last line.
  const after = readFileSync(plan(), "utf8");
  const [b, a] = [before.split("\n"), after.split("\n")];
  let head = 0;
  while (head < b.length && b[head] === a[head]) head++;
  let tail = 0;
  while (tail < b.length - head && b[b.length - 1 - tail] === a[a.length - 1 - tail]) tail++;
  assert.equal(head + tail, b.length, "lines of the plan file changed");
  const added = a.slice(head, a.length - tail);
  assert.deepEqual(added, [
    "        updates:",
    '          - { date: 2026-01-10, status: in_progress, percent: 40, note: "Đã dự thảo quy chế phân cấp, chờ ý kiến các phòng.", link: "/files/bao-cao-tien-do.pdf" }',
  ]);
  assert.equal(readFileSync(join(work, "site/static/files/bao-cao-tien-do.pdf"), "utf8"), "%PDF-1.4 báo cáo");
  await page.close();
});
