// A plan printed as the signed document: plan 66/KH-UBND printed to PDF in Chromium (the
// page's own print styles, A4), read back with pdfinfo and pdftotext. The signed document
// takes about a dozen pages; the print must not take more, must show the issuer block and the
// Quốc hiệu side by side, nothing of the portal, and every task of the appendix.
//
// KEHOACH_SITE is the built output folder (scripts/test builds the demo there, on 2026-01-15).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync, rmSync, readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { launch } from "./browser.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const site = resolve(process.env.KEHOACH_SITE || join(here, "../../target/browser-site"));
const slug = "an-thanh-66-kh-ubnd";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const flat = (s) => s.normalize("NFC").replace(/\s+/g, " ");

test("plan 66/KH-UBND prints as the signed document: at most 12 A4 pages, every task, nothing of the portal", async () => {
  const dir = mkdtempSync(join(tmpdir(), "kehoach-print-"));
  try {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(site, "ke-hoach", slug, "index.html")).href);
    const pdf = join(dir, "ke-hoach.pdf");
    // The page's own @page rules decide the size and margins, as "Print" in a browser does.
    writeFileSync(pdf, await page.pdf({ preferCSSPageSize: true }));
    await page.close();

    const info = execFileSync("pdfinfo", ["-f", "1", "-l", "100", pdf], { encoding: "utf8" });
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)[1]);
    console.log(`# plan 66/KH-UBND printed: ${pages} pages`);
    assert.ok(pages <= 12, `${pages} pages (the signed document takes about 12)`);
    const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => [Number(m[1]), Number(m[2])]);
    assert.equal(sizes.length, pages);
    const portrait = sizes.filter(([w, h]) => Math.abs(w - 595) < 2 && Math.abs(h - 842) < 2).length;
    const landscape = sizes.filter(([w, h]) => Math.abs(w - 842) < 2 && Math.abs(h - 595) < 2).length;
    assert.equal(portrait + landscape, pages, `every page A4: ${JSON.stringify(sizes)}`);
    assert.ok(portrait >= 1 && landscape >= 1, "the text on portrait pages, the appendix table on landscape ones");
    assert.ok(sizes[0][1] > sizes[0][0], "the first page is portrait");

    const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" }).normalize("NFC");
    const lines = text.split("\n");
    // The issuer block on the left and the Quốc hiệu on the right, on the same lines.
    assert.ok(lines.some((l) => /ỦY BAN NHÂN DÂN\s{3,}CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/.test(l)), text.slice(0, 800));
    assert.ok(lines.some((l) => /XÃ AN THÀNH\s{3,}Độc lập - Tự do - Hạnh phúc/.test(l)), text.slice(0, 800));
    assert.ok(lines.some((l) => /Số: 66\/KH-UBND\s{3,}An Thành, ngày 07 tháng 10 năm 2025/.test(l)), text.slice(0, 800));
    const all = flat(text);
    for (const needle of ["KẾ HOẠCH", "Nơi nhận:", "PHỤ LỤC", "Nội dung", "Chủ trì", "Thời hạn"]) {
      assert.ok(all.includes(needle), `${needle} printed`);
    }
    // Nothing of the portal: header, navigation, summary box, chips, progress, statuses, footer.
    for (const gone of ["Trang chủ", "Tìm kiếm", "Lĩnh vực:", "Xem 37 nhiệm vụ", "nhiệm vụ đã hoàn thành", "Chưa cập nhật", "Tiến độ:", "Tình trạng", "Báo cáo"]) {
      assert.ok(!all.includes(gone), `“${gone}” is the portal's, not the document's`);
    }
    // Every task of the appendix, by the first words of its content.
    const tasks = JSON.parse(readFileSync(join(site, "du-lieu/tasks.json"), "utf8")).tasks.filter((t) => t.plan === slug);
    assert.equal(tasks.length, 37);
    for (const t of tasks) {
      const words = flat(t.content.split("\n")[0]).split(" ").slice(0, 8).join(" ");
      assert.ok(all.includes(words), `task ${t.task_no} (${t.group_no}): “${words}” printed`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
