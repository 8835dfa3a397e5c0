// Screenshots for the editors' guide (docs/huong-dan-bien-tap.md), taken from a running
// `kehoach serve`. Usage: node guide-screenshots.mjs BASE_URL OUT_DIR NAME=PATH ...
// Each shot is the top of the page in a 1040×660 window (not the full page), so the PNGs
// stay small. scripts/guide-screenshots drives it.
import { launch } from "./browser.mjs";
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";

const [base, out, ...shots] = process.argv.slice(2);
const outDir = resolve(out);
mkdirSync(outDir, { recursive: true });
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1040, height: 660 } });
for (const shot of shots) {
  const [name, path] = shot.split("=");
  await page.goto(new URL(path, base).href, { waitUntil: "load" });
  // A #fragment names a task: its progress history is unfolded and the row shown with a
  // little room above it.
  const id = path.split("#")[1];
  if (id) {
    await page.evaluate((id) => {
      const row = document.getElementById(id);
      row.querySelectorAll("details").forEach((d) => { d.open = true; });
      row.scrollIntoView();
      window.scrollBy(0, -110);
    }, id);
  }
  await page.screenshot({ path: `${outDir}/${name}.png` });
  console.log(`${outDir}/${name}.png`);
}
await browser.close();
