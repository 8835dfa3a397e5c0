import { launch } from "./browser.mjs";
import { pathToFileURL } from "node:url";
const browser = await launch();
const page = await browser.newPage();
page.on("pageerror", (e) => console.log("pageerror:", e.message));
const [file, out, width, print] = process.argv.slice(2);
await page.setViewportSize({ width: Number(width || 1200), height: 900 });
await page.goto(pathToFileURL(file).href);
await page.waitForTimeout(300);
if (print) { await page.pdf({ path: out.replace(/png$/, "pdf"), format: "A4", printBackground: true }); }
await page.screenshot({ path: out, fullPage: true });
await browser.close();
