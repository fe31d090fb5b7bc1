// pa11y (HTML_CodeSniffer, WCAG 2 AA) on many pages with one browser: the gate in test_gates.py.
// Usage: node pa11y_pages.cjs CHROMIUM URL... ; prints {"url [scheme]": [issues]} as JSON,
// errors only (pa11y's default level), each page in the light and the dark colour scheme.
// CHROMIUM may be "" (Puppeteer's own browser). Each scheme has its own browser context:
// Material keeps the last scheme shown in localStorage and restores it on the next page, so a
// shared context would test the dark pages in the light scheme or the other way round.
"use strict";
const pa11y = require("pa11y");
const puppeteer = require("puppeteer");

const SCHEMES = ["light", "dark"];
const WORKERS = 3;

async function main() {
  const [executablePath, ...urls] = process.argv.slice(2);
  const browser = await puppeteer.launch({
    executablePath: executablePath || undefined,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const contexts = {};
  for (const scheme of SCHEMES) contexts[scheme] = await browser.createBrowserContext();
  const jobs = urls.flatMap(url => SCHEMES.map(scheme => ({url, scheme})));
  const found = {};
  async function worker() {
    for (let job = jobs.shift(); job; job = jobs.shift()) {
      const page = await contexts[job.scheme].newPage();
      await page.emulateMediaFeatures([{name: "prefers-color-scheme", value: job.scheme}]);
      const result = await pa11y(job.url, {
        browser, page, runners: ["htmlcs"], standard: "WCAG2AA", timeout: 60000,
      });
      const shown = await page.evaluate(() => document.body.getAttribute("data-md-color-scheme"));
      if (shown !== null && shown !== {light: "default", dark: "slate"}[job.scheme]) {  // null: not Material's
        throw new Error(`${job.url} [${job.scheme}] was shown in the scheme ${shown}`);
      }
      found[`${job.url} [${job.scheme}]`] = result.issues.map(i => ({
        code: i.code, type: i.type, message: i.message, selector: i.selector, context: i.context,
      }));
      await page.close();
    }
  }
  try {
    await Promise.all(Array.from({length: WORKERS}, worker));
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(found));
}

main().catch(err => {
  process.stderr.write(String(err && err.stack || err) + "\n");
  process.exit(1);
});
