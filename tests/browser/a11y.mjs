// Loads an HTML file in headless Debian Chromium, runs axe-core's WCAG 2 A/AA rules, takes a
// screenshot, and prints a JSON summary on stdout. Exit code: 0 no violations, 1 violations,
// 2 usage or browser error. Used by crates/render/tests/browser.rs.
//
//   node a11y.mjs page.html screenshot.png [--no-css] [--width=390] [--open-details]
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const [, , htmlPath, shotPath, ...flags] = process.argv;
if (!htmlPath || !shotPath) {
  console.error("usage: node a11y.mjs page.html screenshot.png [--no-css]");
  process.exit(2);
}
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";

let browser;
try {
  browser = await chromium.launch({
    executablePath,
    headless: true,
    // The machine has no network: keep Chromium from trying to reach Google's services.
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  // `--width=390`: a phone's viewport; the summary says how far the page overflows it.
  const width = Number((flags.find((f) => f.startsWith("--width=")) || "--width=1280").slice(8));
  const page = await browser.newPage({ javaScriptEnabled: true, viewport: { width, height: 844 } });
  // The page must not need the network: block every request that is not the file itself.
  await page.route("**/*", (route) =>
    route.request().url().startsWith("file:") ? route.continue() : route.abort());
  await page.goto(pathToFileURL(htmlPath).href, { waitUntil: "load" });
  if (flags.includes("--no-css")) {
    await page.evaluate(() => {
      document.querySelectorAll("style, link[rel=stylesheet]").forEach((e) => e.remove());
      document.querySelectorAll("[style]").forEach((e) => e.removeAttribute("style"));
    });
  }
  if (flags.includes("--open-details")) {
    // Every disclosure open: the full tables must fit too.
    await page.evaluate(() => document.querySelectorAll("details").forEach((d) => { d.open = true; }));
  }
  await page.addScriptTag({ content: axeSource });
  const results = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
  await page.screenshot({ path: shotPath, fullPage: true });
  const summary = {
    url: results.url,
    passes: results.passes.length,
    violations: results.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5),
    })),
    textLength: await page.evaluate(() => document.body.innerText.length),
    // Pixels the page is wider than the viewport (0: no horizontal scrolling), and the widest
    // elements that stick out, to name the culprit.
    overflow: await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    overflowing: await page.evaluate(() => [...document.querySelectorAll("body *")]
      .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .slice(0, 5).map((e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : ""))),
  };
  console.log(JSON.stringify(summary));
  await browser.close();
  process.exit(summary.violations.length === 0 ? 0 : 1);
} catch (e) {
  console.error(`browser error: ${e.message}`);
  if (browser) await browser.close();
  process.exit(2);
}
