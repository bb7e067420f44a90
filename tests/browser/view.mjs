// Drives Debian's chromium with playwright-core through tei-encoder's viewer
// pages and prints what it measured as one JSON object on standard output.
// The Rust test (crates/cli/tests/viewer_browser.rs) compares the numbers with counts it
// takes from the XML itself; this script only looks and acts, as a reader would.
//
// Usage: node view.mjs SPEC.json   where SPEC is
//   { "pages": [{ "name", "url", "screenshot"?, "narrowScreenshot"?, "checkFlip"?: bool,
//                 "checkJoin"?: {"id", "reading", "diplomatic"}, "nameSelector"?: CSS }] }

import { readFileSync } from "node:fs";

const here = new URL(".", import.meta.url);
const playwrightUrl = new URL("../../viewer/node_modules/playwright-core/index.mjs", here);
const { chromium } = await import(playwrightUrl.href).catch((e) => {
  console.error(`playwright-core is not installed (${e.message}); run the set-up: bash .ci/setup`);
  process.exit(3);
});

const spec = JSON.parse(readFileSync(process.argv[2], "utf8"));
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";

const COUNTED = ["div", "head", "persName", "orgName", "placeName", "pb", "choice", "lb"];

const browser = await chromium.launch({
  executablePath,
  args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  timeout: 30000,
});

const results = {};
try {
  for (const p of spec.pages) {
    results[p.name] = await checkPage(p);
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(results, null, 1) + "\n");

async function checkPage(p) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  const errors = [];
  const requests = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(p.url);
  await page.waitForSelector("body[data-ready]");
  const out = { ready: await page.getAttribute("body", "data-ready"), errors };
  out.status = (await page.textContent("#status")).trim();

  // Rendered elements: all of them, and those shown in the text.
  out.counts = await page.evaluate((names) => {
    const counts = {};
    for (const n of names) {
      const tag = "tei-" + n.toLowerCase();
      const all = document.querySelectorAll(tag);
      const inText = document.querySelectorAll("tei-text " + tag);
      counts[n] = {
        all: all.length,
        inText: inText.length,
        visibleInText: Array.from(inText).filter((e) => e.checkVisibility()).length,
      };
    }
    counts.highlightedNames = document.querySelectorAll("tei-text .name").length;
    counts.pageMarkersShown = Array.from(document.querySelectorAll("tei-text tei-pb")).filter(
      (e) => getComputedStyle(e, "::before").content.includes("p. ") || getComputedStyle(e, "::before").content.includes("page")
    ).length;
    counts.tocLinks = document.querySelectorAll("#toc a").length;
    counts.indexEntries = document.querySelectorAll("#name-index details").length;
    return counts;
  }, COUNTED);

  out.metadata = await page.evaluate(() => {
    const dl = {};
    document.querySelectorAll("#metadata dt").forEach((dt) => {
      dl[dt.textContent] = dt.nextElementSibling.textContent;
    });
    return dl;
  });
  out.title = await page.title();

  // Every page break is a visible marker with its number.
  out.pageLabels = await page.evaluate(() =>
    Array.from(document.querySelectorAll("tei-text tei-pb")).map((e) => getComputedStyle(e, "::before").content)
  );

  if (p.screenshot) {
    await page.screenshot({ path: p.screenshot });
  }

  // The first correction, before and after the switch.
  if (p.checkFlip) {
    out.flip = await flip(page);
  }
  if (p.checkJoin) {
    const j = p.checkJoin;
    const text = () => page.evaluate((id) => document.getElementById(id).innerText.replace(/\s+/g, " "), j.id);
    await page.click("label[for=mode-reading]");
    const reading = await text();
    await page.click("label[for=mode-diplomatic]");
    const diplomatic = await text();
    await page.click("label[for=mode-reading]");
    out.join = {
      readingHas: reading.includes(j.reading),
      readingHasDiplomatic: reading.includes(j.diplomatic),
      diplomaticHas: diplomatic.includes(j.diplomatic),
      reading,
      diplomatic,
    };
  }

  // Keyboard: focus the last contents link and press Enter.
  out.toc = await page.evaluate(() => {
    const links = document.querySelectorAll("#toc a");
    const last = links[links.length - 1];
    return last ? { href: last.getAttribute("href"), label: last.textContent } : null;
  });
  if (out.toc) {
    await page.focus(`#toc a[href="${out.toc.href}"]`);
    await page.keyboard.press("Enter");
    await page.waitForFunction((h) => location.hash === h, out.toc.href);
    await page.waitForTimeout(100);
    out.toc.after = await page.evaluate((h) => {
      const target = document.getElementById(decodeURIComponent(h.slice(1)));
      const r = target.getBoundingClientRect();
      return { hash: location.hash, top: Math.round(r.top), bottom: Math.round(r.bottom), innerHeight, scrollY: Math.round(scrollY) };
    }, out.toc.href);
  }

  // Names: hover and keyboard focus show the card; the index jumps to a mention.
  const firstName = await page.$(p.nameSelector || "tei-text .name");
  if (firstName) {
    const mention = await firstName.evaluate((e) => ({ id: e.id, ref: e.getAttribute("ref"), text: e.textContent }));
    await firstName.scrollIntoViewIfNeeded();
    await firstName.hover();
    await page.waitForSelector("#name-card:not([hidden])");
    const card = () =>
      page.evaluate(() => {
        const c = document.getElementById("name-card");
        return {
          hidden: c.hidden,
          name: c.querySelector(".card-name")?.textContent,
          kind: c.querySelector(".card-kind")?.textContent,
          links: Array.from(c.querySelectorAll(".card-links a")).map((a) => a.href),
        };
      });
    const onHover = await card();
    await page.mouse.move(5, 5);
    await page.waitForSelector("#name-card[hidden]", { state: "attached" });
    await firstName.focus();
    const onFocus = await card();
    await page.keyboard.press("Escape");
    const afterEscape = await card();
    // The index: open the entry and follow its first mention link.
    const entryLink = await page.$("#name-index details a[href^='#']");
    let index = null;
    if (entryLink) {
      await page.evaluate(() => {
        document.getElementById("index-panel").open = true;
        document.querySelector("#name-index details").open = true;
      });
      const href = await entryLink.getAttribute("href");
      await entryLink.click();
      await page.waitForFunction((h) => location.hash === h, href);
      index = await page.evaluate((h) => {
        const t = document.getElementById(h.slice(1));
        const r = t.getBoundingClientRect();
        return { href: h, isName: t.classList.contains("name"), inView: r.top >= 0 && r.bottom <= innerHeight };
      }, href);
    }
    out.names = { mention, onHover, onFocus, afterEscape, index };
  }

  out.externalRequests = requests.filter((u) => !u.startsWith("file:") && !u.startsWith(new URL(p.url).origin) && !u.startsWith("data:"));
  await context.close();

  // A phone-sized window, loaded afresh.
  if (p.narrowScreenshot) {
    const narrow = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const small = await narrow.newPage();
    await small.goto(p.url);
    await small.waitForSelector("body[data-ready]");
    out.narrow = await small.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
      panelsOpen: document.querySelectorAll(".sidebar details[open]").length,
    }));
    await small.screenshot({ path: p.narrowScreenshot });
    await narrow.close();
  }
  return out;
}

async function flip(page) {
  const state = () =>
    page.evaluate(() => {
      const choice = document.querySelector("tei-text tei-choice");
      const sic = choice.querySelector("tei-sic");
      const corr = choice.querySelector("tei-corr");
      const block = choice.closest("tei-p, tei-head, tei-ab, tei-titlepart") || choice.parentElement;
      return {
        sic: sic.textContent,
        corr: corr.textContent,
        sicVisible: sic.checkVisibility(),
        corrVisible: corr.checkVisibility(),
        blockText: block.innerText.replace(/\s+/g, " "),
        mode: document.body.className,
      };
    });
  const reading = await state();
  await page.click("label[for=mode-diplomatic]");
  const diplomatic = await state();
  // Back by keyboard: the radio group answers the arrow keys.
  await page.focus("#mode-diplomatic");
  await page.keyboard.press("ArrowLeft");
  const back = await state();
  return { reading, diplomatic, back };
}
