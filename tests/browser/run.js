#!/usr/bin/env node
// Browser checks of the built gongkai site.
//
//   node run.js [SITE_DIR]      (default: ../../public, i.e. /work/main/public)
//
// Serves SITE_DIR on a free loopback port with a tiny built-in static server,
// then opens a fixed set of pages in headless Debian Chromium (never a
// downloaded browser), in both languages (or those a page's `langs` lists) and at two
// widths, and checks each:
//   - no console errors, page errors, failed requests or HTTP errors;
//   - no request to any host but the loopback server (the site must be
//     self-contained);
//   - <html lang> is zh-CN (Chinese pages) or en (English pages);
//   - no horizontal scrolling (scrollWidth <= innerWidth + 1);
//   - every <img> and <svg role="img"> has an accessible name;
//   - axe-core (wcag2a, wcag2aa, wcag21a, wcag21aa, best-practice) finds no
//     violation of impact serious or critical.
// A full-page screenshot of each lands in screenshots/<lang>-<width>-<slug>.png.
// Prints a summary table and "N passed, M failed"; exits 1 if any check failed.
'use strict';

const fs = require('fs');
const http = require('http');
const path = require('path');

const { chromium } = require('playwright-core');

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const NAV_TIMEOUT_MS = 20000;
const STEP_TIMEOUT_MS = 30000; // any one evaluate/screenshot/axe run
const TOTAL_TIMEOUT_MS = 4 * 60 * 1000; // the whole run, well under 5 minutes
const HEIGHT = 900;
const WIDTHS = [1280, 390];
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const FAILING_IMPACTS = new Set(['serious', 'critical']);

const LANGS = [
  { code: 'zh', htmlLang: 'zh-CN', prefix: '' },
  { code: 'en', htmlLang: 'en', prefix: '/en' },
];

const PAGES = [
  { slug: 'home', path: '/' },
  { slug: 'region-yuncheng', path: '/regions/yuncheng/' },
  { slug: 'kaizhou-average-length-of-stay', path: '/regions/kaizhou/average-length-of-stay/' },
  { slug: 'indicator-cmi', path: '/indicators/cmi/' },
  { slug: 'kaizhou-tasks', path: '/regions/kaizhou/tasks/' },
  { slug: 'regions', path: '/regions/' },
  // The plan's text, landing on a target's paragraph (highlighted by :target) and on an annex row.
  { slug: 'plan-weixi', path: '/regions/weixi/plan/#s5-1' },
  { slug: 'plan-kaizhou-annex', path: '/regions/kaizhou/plan/#a1-r4' },
  // The English page of a plan at a heading: the site's English headings (plan.en.md) under
  // the Chinese ones, and first in the contents.
  { slug: 'plan-yuncheng-heading', path: '/regions/yuncheng/plan/#s2-3', langs: ['en'] },
];

const SITE = path.resolve(process.argv[2] || path.join(__dirname, '..', '..', 'public'));
const SHOTS = path.join(__dirname, 'screenshots');

// ---------------------------------------------------------------- server

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.pdf': 'application/pdf',
};

function contentType(file) {
  return TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
}

function serve(root) {
  const server = http.createServer((req, res) => {
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    } catch (_) {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('bad request\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' });
      res.end();
      return;
    }
    // Stay inside root, whatever the request says.
    let file = path.join(root, path.normalize('/' + pathname));
    if (file !== root && !file.startsWith(root + path.sep)) {
      res.writeHead(403);
      res.end();
      return;
    }
    let stat = statOrNull(file);
    if (stat && stat.isDirectory()) {
      if (!pathname.endsWith('/')) {
        res.writeHead(301, { Location: pathname + '/' });
        res.end();
        return;
      }
      file = path.join(file, 'index.html');
      stat = statOrNull(file);
    }
    if (!stat || !stat.isFile()) {
      const notFound = path.join(root, '404.html');
      const body = fs.existsSync(notFound) ? fs.readFileSync(notFound) : Buffer.from('not found\n');
      res.writeHead(404, { 'Content-Type': fs.existsSync(notFound) ? TYPES['.html'] : TYPES['.txt'] });
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    res.writeHead(200, {
      'Content-Type': contentType(file),
      'Content-Length': stat.size,
      'Cache-Control': 'no-store',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

function statOrNull(file) {
  try {
    return fs.statSync(file);
  } catch (_) {
    return null;
  }
}

// ---------------------------------------------------------------- checks

function isLoopback(urlString) {
  let u;
  try {
    u = new URL(urlString);
  } catch (_) {
    return true; // not a URL we can judge; do not count it
  }
  if (!/^(https?|wss?|ftp):$/.test(u.protocol)) return true; // data:, blob:, about:
  const h = u.hostname.replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\./.test(h);
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

// Runs in the page: images and svg role=img without an accessible name.
function unnamedImagesInPage() {
  function hiddenFromAT(el) {
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
      if (n.getAttribute('aria-hidden') === 'true') return true;
    }
    const role = (el.getAttribute('role') || '').trim();
    return role === 'presentation' || role === 'none';
  }
  function labelledBy(el) {
    const ids = (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
    return ids
      .map((id) => document.getElementById(id))
      .filter(Boolean)
      .map((n) => n.textContent)
      .join(' ')
      .trim();
  }
  function describe(el) {
    let s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    const cls = el.getAttribute('class');
    if (cls) s += '.' + cls.trim().split(/\s+/).join('.');
    if (el.tagName === 'IMG') s += `[src="${el.getAttribute('src')}"]`;
    return s;
  }
  const out = [];
  let checked = 0;
  for (const el of document.querySelectorAll('img, svg[role="img"]')) {
    if (el.tagName === 'IMG' && el.getAttribute('alt') === '') continue; // declared decorative
    if (hiddenFromAT(el)) continue;
    checked++;
    let name = labelledBy(el) || (el.getAttribute('aria-label') || '').trim();
    if (!name && el.tagName === 'IMG') name = (el.getAttribute('alt') || '').trim();
    if (!name && el.tagName.toLowerCase() === 'svg') {
      const t = Array.from(el.children).find((c) => c.tagName.toLowerCase() === 'title');
      name = t ? t.textContent.trim() : '';
    }
    if (!name) name = (el.getAttribute('title') || '').trim();
    if (!name) out.push(describe(el));
  }
  return { checked, unnamed: out };
}

// Runs in the page: layout numbers, and the widest elements if too wide.
function layoutInPage() {
  const de = document.documentElement;
  const vw = window.innerWidth;
  const res = {
    lang: de.getAttribute('lang'),
    scrollWidth: de.scrollWidth,
    innerWidth: vw,
    wide: [],
  };
  if (res.scrollWidth > vw + 1) {
    // Elements sticking out to the right, outermost first.
    const seen = [];
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.right <= vw + 1 || r.width === 0) continue;
      if (seen.some((s) => s.contains(el))) continue;
      seen.push(el);
      let s = el.tagName.toLowerCase();
      if (el.id) s += '#' + el.id;
      const cls = el.getAttribute('class');
      if (cls) s += '.' + cls.trim().split(/\s+/).join('.');
      res.wide.push(`${s} (right edge ${Math.round(r.right)} px)`);
      if (res.wide.length >= 5) break;
    }
  }
  return res;
}

async function checkPage(browser, base, lang, width, pg) {
  const url = base + lang.prefix + pg.path;
  const name = `${lang.code}-${width}-${pg.slug}`;
  const problems = [];
  const notes = [];
  let images = 0;
  const context = await browser.newContext({
    viewport: { width, height: HEIGHT },
    deviceScaleFactor: 1,
    serviceWorkers: 'block',
  });
  try {
    // Anything not on the loopback server is refused and counted.
    await context.route('**/*', (route) => {
      const u = route.request().url();
      if (isLoopback(u)) return route.continue();
      problems.push(`external request: ${route.request().method()} ${u}`);
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    page.setDefaultNavigationTimeout(NAV_TIMEOUT_MS);
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      // Our own refusal of an external request; that request is already counted.
      if (/ERR_BLOCKED_BY_CLIENT/.test(msg.text())) return;
      const loc = msg.location();
      const where = loc && loc.url ? ` (${loc.url}${loc.lineNumber ? ':' + loc.lineNumber : ''})` : '';
      problems.push(`console error: ${msg.text()}${where}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('requestfailed', (req) => {
      const f = req.failure();
      if (!isLoopback(req.url())) return; // already counted as external
      problems.push(`request failed: ${req.method()} ${req.url()} (${f ? f.errorText : 'unknown'})`);
    });
    page.on('response', (resp) => {
      if (resp.status() >= 400) problems.push(`HTTP ${resp.status()}: ${resp.url()}`);
    });

    const resp = await page.goto(url, { waitUntil: 'load', timeout: NAV_TIMEOUT_MS });
    if (!resp) problems.push('navigation returned no response'); // HTTP errors: see 'response' above
    // Let deferred scripts and late requests settle; not an error if it never goes idle.
    await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => {
      notes.push('network did not go idle within 5 s');
    });

    const layout = await withTimeout(page.evaluate(layoutInPage), STEP_TIMEOUT_MS, 'layout check');
    if (layout.lang !== lang.htmlLang) {
      problems.push(`<html lang="${layout.lang}">, expected "${lang.htmlLang}"`);
    }
    if (layout.scrollWidth > layout.innerWidth + 1) {
      problems.push(
        `horizontal scrolling: scrollWidth ${layout.scrollWidth} > innerWidth ${layout.innerWidth}` +
          (layout.wide.length ? `; sticking out: ${layout.wide.join(', ')}` : ''),
      );
    }

    const imgs = await withTimeout(page.evaluate(unnamedImagesInPage), STEP_TIMEOUT_MS, 'image check');
    for (const d of imgs.unnamed) problems.push(`image without accessible name: ${d}`);
    images = imgs.checked;

    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, name + '.png'), fullPage: true, timeout: STEP_TIMEOUT_MS });

    await page.addScriptTag({ path: require.resolve('axe-core') });
    const axe = await withTimeout(
      page.evaluate(
        (tags) =>
          window.axe.run(document, {
            runOnly: { type: 'tag', values: tags },
            resultTypes: ['violations'],
          }),
        AXE_TAGS,
      ),
      STEP_TIMEOUT_MS,
      'axe run',
    );
    const axeFailing = [];
    const axeOther = [];
    for (const v of axe.violations) {
      const entry = {
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({
          target: n.target.join(' '),
          summary: (n.failureSummary || '').replace(/\s+/g, ' ').trim(),
        })),
      };
      (FAILING_IMPACTS.has(v.impact) ? axeFailing : axeOther).push(entry);
    }
    for (const v of axeFailing) {
      for (const n of v.nodes) {
        problems.push(`axe ${v.id} [${v.impact}] ${n.target}: ${v.help}. ${n.summary}`);
      }
    }
    for (const v of axeOther) {
      notes.push(`axe ${v.id} [${v.impact}] on ${v.nodes.length} node(s): ${v.help} (e.g. ${v.nodes[0].target})`);
    }
    return { name, url, problems, notes, images, axeFailing: axeFailing.length, axeOther: axeOther.length };
  } catch (err) {
    problems.push(`check aborted: ${err.message.split('\n')[0]}`);
    return { name, url, problems, notes, images, axeFailing: 0, axeOther: 0 };
  } finally {
    await context.close().catch(() => {});
  }
}

// ---------------------------------------------------------------- main

function pad(s, n) {
  s = String(s);
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

async function main() {
  const started = Date.now();
  if (!fs.existsSync(path.join(SITE, 'index.html'))) {
    throw new Error(`no built site at ${SITE} (index.html missing); run \`cargo run --release -- build\` first`);
  }
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)`);
  }
  fs.rmSync(SHOTS, { recursive: true, force: true });

  const server = await serve(SITE);
  const base = `http://127.0.0.1:${server.address().port}`;
  console.log(`serving ${SITE} at ${base}`);

  let browser;
  const results = [];
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: LAUNCH_ARGS,
      timeout: 30000,
    });
    console.log(`browser: Chromium ${browser.version()}`);
    for (const lang of LANGS) {
      for (const width of WIDTHS) {
        for (const pg of PAGES) {
          if (pg.langs && !pg.langs.includes(lang.code)) continue;
          const r = await checkPage(browser, base, lang, width, pg);
          results.push(r);
          console.log(`${r.problems.length ? 'FAIL' : 'ok  '} ${r.name}  ${r.url}`);
          for (const p of r.problems) console.log(`       - ${p}`);
          for (const n of r.notes) console.log(`       . ${n}`);
        }
      }
    }
  } finally {
    if (browser) await browser.close().catch(() => {});
    server.close();
  }

  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.log('');
  // The same problem on several pages, listed once (the server's port left out).
  const distinct = new Map();
  for (const r of results) {
    for (const p of r.problems) {
      const key = p.split(base).join('');
      if (!distinct.has(key)) distinct.set(key, []);
      distinct.get(key).push(r.name);
    }
  }
  if (distinct.size) {
    console.log(`distinct problems (${distinct.size}):`);
    for (const [p, pages] of distinct) {
      const where = pages.length === results.length ? 'every page' : pages.join(', ');
      console.log(`  * ${p}\n      on ${pages.length} check(s): ${where}`);
    }
    console.log('');
  }
  const line = '-'.repeat(96);
  console.log(
    `${pad('check', 42)} ${pad('result', 6)} ${pad('problems', 8)} ${pad('axe s/c', 7)} ` +
      `${pad('axe minor/mod', 13)} named images`,
  );
  console.log(line);
  for (const r of results) {
    console.log(
      `${pad(r.name, 42)} ${pad(r.problems.length ? 'FAIL' : 'ok', 6)} ${pad(r.problems.length, 8)} ` +
        `${pad(r.axeFailing, 7)} ${pad(r.axeOther, 13)} ${r.images}`,
    );
  }
  const failed = results.filter((r) => r.problems.length).length;
  const passed = results.length - failed;
  console.log(line);
  console.log(`screenshots in ${SHOTS}; took ${secs} s`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

const watchdog = setTimeout(() => {
  console.error(`browser tests: gave up after ${TOTAL_TIMEOUT_MS / 1000} s`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}, TOTAL_TIMEOUT_MS);
watchdog.unref();

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`browser tests: ${err && err.stack ? err.stack : err}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
