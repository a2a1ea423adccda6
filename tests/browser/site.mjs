// Walks the registry's web site as a person would, in headless Debian Chromium, at a phone's
// width (390 px) and a desktop's (1280 px): each step loads a page or acts on the current one
// (types in a field and submits, follows a link), checks a text is shown, runs axe-core's WCAG
// 2 A/AA rules, and saves a full-page screenshot. Prints a JSON summary of every step on stdout.
// Exit code: 0 every step passed, 1 a step failed (violations, missing text, overflow), 2 usage
// or browser error. Used by crates/site/tests/browser.rs.
//
//   node site.mjs BASE_URL OUT_DIR STEPS.json
//
// STEPS.json: [{"name": "search", "goto": "/?lang=en", "fill": ["#q", "cam"], "submit": "#q",
//               "check": ["#c-1"], "click": "a[href^='/d/']", "expect": "Status"}, ...]
// (in that order: goto, fill, submit, select, check, click; each submit and click navigates)
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const [, , base, outDir, stepsPath] = process.argv;
if (!base || !outDir || !stepsPath) {
  console.error("usage: node site.mjs BASE_URL OUT_DIR STEPS.json");
  process.exit(2);
}
const steps = JSON.parse(readFileSync(stepsPath, "utf8"));
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";

let browser;
try {
  browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const results = [];
  let failed = false;
  for (const width of [390, 1280]) {
    // The pages forbid scripts (CSP); axe is injected past it, the pages' own code runs none.
    const context = await browser.newContext({ viewport: { width, height: 844 }, bypassCSP: true });
    const page = await context.newPage();
    // Only the site itself: anything else would be a request the page should not make.
    const outside = [];
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(base)) return route.continue();
      outside.push(url);
      return route.abort();
    });
    for (const step of steps) {
      let status = null;
      if (step.goto) {
        const resp = await page.goto(base + step.goto, { waitUntil: "load" });
        status = resp ? resp.status() : null;
      }
      if (step.fill) await page.fill(step.fill[0], step.fill[1]);
      if (step.submit) {
        await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.press(step.submit, "Enter")]);
      }
      if (step.select) await page.selectOption(step.select[0], step.select[1]);
      for (const box of step.check || []) await page.check(box);
      if (step.click) {
        await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.click(step.click)]);
      }
      await page.addScriptTag({ content: axeSource });
      const axe = await page.evaluate(async () =>
        // eslint-disable-next-line no-undef
        await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } }));
      const shot = `${outDir}/${step.name}-${width}.png`;
      await page.screenshot({ path: shot, fullPage: true });
      const text = await page.evaluate(() => document.body.innerText);
      const result = {
        step: step.name,
        width,
        url: page.url(),
        status,
        lang: await page.evaluate(() => document.documentElement.lang),
        shot,
        textLength: text.length,
        expected: step.expect || null,
        found: step.expect ? text.includes(step.expect) : true,
        violations: axe.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
          nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5) })),
        overflow: await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
        // The widest elements that stick out, to name the culprit.
        overflowing: await page.evaluate(() => [...document.querySelectorAll("body *")]
          .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
          .slice(0, 5).map((e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className ? "." + String(e.className).split(" ").join(".") : ""))),
        outside: outside.splice(0),
      };
      if (!result.found || result.violations.length > 0 || result.overflow > 0 || result.outside.length > 0) failed = true;
      results.push(result);
    }
    await context.close();
  }
  console.log(JSON.stringify(results));
  await browser.close();
  process.exit(failed ? 1 : 0);
} catch (e) {
  console.error(`browser error: ${e.message}`);
  if (browser) await browser.close();
  process.exit(2);
}
