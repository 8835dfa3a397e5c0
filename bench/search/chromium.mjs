// kehoach's search page in Chromium, from file://: for each query, how long the page takes from
// a search whose index files have all arrived (the same query was run before, so the script's
// cache holds them) to its first results in the page, laid out. Five runs a query.
//
//   node chromium.mjs SITE QUERIES_JSON  → one JSON line per query: {q, ms: [five runs]}
import { pathToFileURL } from "node:url";
import { join } from "node:path";
import { launch } from "../../tests/browser/browser.mjs";

const [site, queriesJson] = process.argv.slice(2);
const queries = JSON.parse(queriesJson);
const browser = await launch();
const page = await browser.newPage();
// The page is settled: the status says so (not provisional, no word being typed), and it
// answers the query.
const settled = () => {
  const s = document.getElementById("tim-trang-thai");
  return s.getAttribute("data-settled") === "true" && /“/.test(s.textContent);
};

for (const q of queries) {
  await page.goto(pathToFileURL(join(site, "tim-kiem/index.html")).href + "?q=" + encodeURIComponent(q));
  await page.waitForFunction(settled, null, { timeout: 60000 });
  const ms = [];
  for (let run = 0; run < 5; run++) {
    ms.push(await page.evaluate(() => new Promise((resolve) => {
      const list = document.getElementById("tim-ket-qua"), want = list.children.length;
      let emptied = false;
      const t0 = performance.now();
      const seen = new MutationObserver(() => {
        if (!list.children.length) emptied = true;
        else if (emptied && list.children.length >= want) {
          seen.disconnect();
          list.getBoundingClientRect(); // layout
          resolve(performance.now() - t0);
        }
      });
      seen.observe(list, { childList: true });
      document.getElementById("tim-form").requestSubmit();
    })));
  }
  console.log(JSON.stringify({ q, ms }));
}
await browser.close();
