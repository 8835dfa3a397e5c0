// Accountability as a reader meets it: statuses that follow the reader's today (Chromium with a
// fixed clock), and a report printed to PDF on A4 in the form of Nghị định 30/2020, read back
// with pdftotext.
//
// KEHOACH_SITE is the built output folder (scripts/test builds the demo there, on 2026-01-15).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { launch } from "./browser.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const site = resolve(process.env.KEHOACH_SITE || join(here, "../../target/browser-site"));
const planUrl = pathToFileURL(join(site, "ke-hoach/an-thanh-66-kh-ubnd/index.html")).href;

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

// The plan page as a reader sees it on `day` (local time, mid-morning).
async function planOn(day) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.clock.setFixedTime(new Date(`${day}T09:30:00`));
  await page.goto(planUrl);
  const state = await page.evaluate(() => ({
    overdueRows: [...document.querySelectorAll("tr.task-row")].filter((r) => r.hasAttribute("data-overdue")).map((r) => r.id),
    ends: [...document.querySelectorAll("tr.task-row[data-end]")].map((r) => [r.id, r.getAttribute("data-end"), r.hasAttribute("data-overdue")]),
    count: Number(document.querySelector(".progress [data-n=overdue]").textContent),
    onTime: Number(document.querySelector(".progress [data-n=open_on_time]").textContent),
    footer: document.querySelector(".as-of").textContent,
    badges: [...document.querySelectorAll("tr.task-row")].map((r) => [r.id, [...r.cells[r.cells.length - 1].querySelectorAll(".badge")].map((b) => b.textContent)]),
  }));
  await ctx.close();
  return state;
}

test("statuses follow the reader's today: the build's on the build day, overdue the day after a deadline", async () => {
  const built = await planOn("2026-01-15");
  assert.match(built.footer, /tính đến ngày 15\/01\/2026, ngày cổng được cập nhật/);
  // Open tasks with a deadline carry its last day; the overdue ones are marked by the build.
  assert.ok(built.ends.length > 5, JSON.stringify(built.ends));
  for (const [id, end, overdue] of built.ends) assert.equal(overdue, end < "2026-01-15", `${id} ${end}`);
  // On 1 April 2026 the tasks whose deadline ended before it are overdue: the extended task (to
  // Tháng 3/2026) among them, and the counts move by as many.
  const later = await planOn("2026-04-01");
  const turned = built.ends.filter(([, end, overdue]) => !overdue && end < "2026-04-01").map(([id]) => id);
  assert.ok(turned.length > 0);
  assert.deepEqual(later.overdueRows.sort(), built.overdueRows.concat(turned).sort());
  assert.equal(later.count, built.count + turned.length);
  assert.equal(later.onTime, built.onTime - turned.length);
  const badges = new Map(later.badges);
  for (const id of turned) assert.ok(badges.get(id).some((b) => b.startsWith("Quá hạn")), `${id}: ${badges.get(id)}`);
  assert.match(later.footer, /tính đến hôm nay 01\/04\/2026; số liệu cập nhật lần cuối 15\/01\/2026/);
  // The day before a deadline passes, nothing moves yet for it.
  const [firstId, firstEnd] = built.ends.filter(([, , o]) => !o).sort((a, b) => (a[1] < b[1] ? -1 : 1))[0];
  const eve = await planOn(firstEnd);
  assert.ok(!eve.overdueRows.includes(firstId), `${firstId} due ${firstEnd}`);
});

test("a report prints on A4 in the form of Nghị định 30/2020 and reads back", async () => {
  const dir = mkdtempSync(join(tmpdir(), "kehoach-report-"));
  try {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(site, "bao-cao/ke-hoach/an-thanh-66-kh-ubnd/index.html")).href);
    const pdf = join(dir, "bao-cao.pdf");
    writeFileSync(pdf, await page.pdf({ format: "A4" }));
    await page.close();
    const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
    assert.match(info, /Page size:\s+59[0-9.]+ x 84[0-9.]+ pts \(A4\)/, info);
    const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
    const lines = text.split("\n");
    // The issuer block on the left and the Quốc hiệu on the right, on the same lines.
    assert.ok(lines.some((l) => /ỦY BAN NHÂN DÂN\s{3,}CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/.test(l)), text.slice(0, 600));
    assert.ok(lines.some((l) => /XÃ AN THÀNH\s{3,}Độc lập - Tự do - Hạnh phúc/.test(l)), text.slice(0, 600));
    assert.ok(lines.some((l) => /Số:\s+\/BC-UBND\s{3,}An Thành, ngày\s+tháng\s+năm 2026/.test(l)), text.slice(0, 800));
    const flat = text.replace(/\s+/g, " ");
    for (const needle of [
      "BÁO CÁO Kết quả thực hiện Kế hoạch số 66/KH-UBND ngày 07 tháng 10 năm 2025",
      "I. KẾT QUẢ CHUNG", "II. KẾT QUẢ THEO ĐƠN VỊ CHỦ TRÌ", "III. NHIỆM VỤ QUÁ HẠN CHƯA HOÀN THÀNH",
      "IV. SO VỚI KỲ TRƯỚC", "Nơi nhận:", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Hoàn thành đúng hạn",
    ]) assert.ok(flat.includes(needle), `${needle} in the printed report`);
    // What is for the screen is not printed.
    for (const gone of ["Tải về tệp Word", "Trang chủ", "Tìm kiếm"]) assert.ok(!flat.includes(gone), `${gone} printed`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
