// Launches Debian's Chromium headless with the flags this offline machine needs. Playwright's
// launch() gives every run a fresh, temporary user-data-dir. Shared by the browser tests and
// the screenshot script.
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

export async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
}
