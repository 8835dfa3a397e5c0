// Full-page screenshots of each page type of a built site, at desktop and phone widths.
// Usage: node screenshots.mjs PUBLIC_DIR OUT_DIR
import { launch } from "./browser.mjs";
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [site, outDir] = process.argv.slice(2).map((p) => resolve(p));
mkdirSync(outDir, { recursive: true });
const pages = {
  home: "index.html",
  plan: "ke-hoach/an-thanh-66-kh-ubnd/index.html",
  plan003: "ke-hoach/an-thanh-so-ket-01-nam/index.html",
  plans: "ke-hoach/index.html",
  unit: "don-vi/phong-van-hoa-xa-hoi/index.html",
  units: "don-vi/index.html",
  tasks: "nhiem-vu/index.html",
  topic: "linh-vuc/cai-cach-hanh-chinh/index.html",
};
const browser = await launch();
const page = await browser.newPage();
for (const [name, rel] of Object.entries(pages)) {
  for (const [w, h, tag] of [[1280, 900, "desktop"], [390, 844, "phone"]]) {
    await page.setViewportSize({ width: w, height: h });
    await page.goto(pathToFileURL(`${site}/${rel}`).href);
    await page.screenshot({ path: `${outDir}/${name}-${tag}.png`, fullPage: process.env.FULL !== "0" });
  }
}
await browser.close();
console.log(`screenshots in ${outDir}`);
