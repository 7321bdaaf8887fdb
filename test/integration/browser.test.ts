/**
 * End-to-end pages in a real browser: playwright-core driving Debian's chromium against a server on a loopback port.
 * Fails on console errors, page errors and on any request that would leave the server (those are aborted and
 * recorded). Without chromium the test is skipped with a message, except under CI, where it fails.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { loadConfig } from '../../src/config.js';
import { startServer, type RunningServer } from '../../src/main.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
const skip = available ? false : `chromium not found at ${CHROMIUM}: install it with "apt-get install -y chromium" (browser tests skipped)`;
if (!available) {
  process.stdout.write(`# SKIP browser tests: ${skip}\n`);
}

/** A free loopback port, so the base IRI (and every link in the pages) can point at the server itself. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

describe('pages in a browser', { skip: process.env.CI ? false : skip }, () => {
  let server: RunningServer;
  let context: BrowserContext;
  let origin: string;
  let dataDir: string;
  let profileDir: string;
  const offsite: string[] = [];
  const consoleErrors: string[] = [];

  before(async () => {
    assert.ok(available, `CI is set and ${skip}`);
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    dataDir = mkdtempSync(join(tmpdir(), 'osce-kg-browser-'));
    profileDir = mkdtempSync(join(tmpdir(), 'osce-kg-chromium-'));
    server = await startServer(loadConfig({ port, host: '127.0.0.1', base: `${origin}/`, dataDir, queryWorkers: 1 }, {}));
    // a fresh profile per run (playwright passes it as --user-data-dir)
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      headless: true,
      timeout: 30_000,
    });
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.origin === origin) return route.continue();
      offsite.push(url.href);
      return route.abort();
    });
  });

  after(async () => {
    await context?.close();
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  });

  async function open(path: string): Promise<Page> {
    const page = await context.newPage();
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(`${path}: ${msg.text()}`);
    });
    page.on('pageerror', (error) => consoleErrors.push(`${path}: ${error.message}`));
    const response = await page.goto(`${origin}${path}`, { waitUntil: 'load', timeout: 30_000 });
    assert.equal(response?.status(), 200, `GET ${path}`);
    return page;
  }

  it('opens the home page and follows links to a participating State', async () => {
    const page = await open('/');
    assert.match(await page.title(), /OSCE/);
    await page.locator('a[href$="/browse/country"]').first().click({ timeout: 10_000 });
    await page.waitForURL(/\/browse\/country$/, { timeout: 10_000 });
    await page.locator('a[href$="/country/de"]').first().click({ timeout: 10_000 });
    await page.waitForURL(/\/doc\/country\/de$/, { timeout: 10_000 });
    assert.match(await page.locator('h1').first().innerText(), /Germany/);
    await page.close();
  });

  it('opens the query page, which runs its first example into a results table', async () => {
    const page = await open('/query');
    const rows = page.locator('.yasr table.dataTable tbody tr');
    await rows.first().waitFor({ timeout: 20_000 });
    assert.ok((await rows.count()) > 0);
    const firstCell = await rows.first().locator('td').nth(1).innerText();
    assert.ok(firstCell.trim().length > 0, 'the first result cell has a value');
    assert.equal(await page.locator('.yasr .yasr_downloadIcon').count(), 1, 'results can be downloaded');
    await page.close();
  });

  it('runs another example chosen from the list', async () => {
    const page = await open('/query');
    await page.locator('.yasr table.dataTable tbody tr').first().waitFor({ timeout: 20_000 });
    const button = page.locator('[data-example]').nth(1);
    const title = (await button.innerText()).trim();
    await button.click();
    await page.locator('#example-status', { hasText: title }).waitFor({ timeout: 10_000 });
    await page.locator('.yasr table.dataTable tbody tr').first().waitFor({ timeout: 20_000 });
    assert.ok((await page.locator('.yasr table.dataTable tbody tr').count()) > 0);
    await page.close();
  });

  it('makes a permalink to the query in the editor, which opens that query and runs it', async () => {
    const page = await open('/query');
    await page.locator('.yasr table.dataTable tbody tr').first().waitFor({ timeout: 20_000 });
    const query = await page.evaluate(() => (window as unknown as { osceYasgui: { getTab(): { getQuery(): string } } }).osceYasgui.getTab().getQuery());
    await page.locator('#share-query').click();
    const link = page.locator('#share-link');
    await link.waitFor({ timeout: 10_000 });
    const href = await link.getAttribute('href');
    assert.match(href ?? '', new RegExp(`^${origin}/q/[\\w-]{10}$`));
    await page.close();
    const opened = await open(new URL(href!).pathname);
    await opened.locator('.yasr table.dataTable tbody tr').first().waitFor({ timeout: 20_000 });
    const reopened = await opened.evaluate(() => (window as unknown as { osceYasgui: { getTab(): { getQuery(): string } } }).osceYasgui.getTab().getQuery());
    assert.equal(reopened, query);
    await opened.close();
  });

  it('completes ontology classes, properties and prefixes from local lists', async () => {
    const page = await open('/query');
    await page.locator('.yasr table.dataTable tbody tr').first().waitFor({ timeout: 20_000 });
    await page.evaluate(() => {
      const y = (window as unknown as { osceYasgui: { getTab(): { getYasqe(): { setValue(v: string): void; focus(): void; setCursor(p: { line: number; ch: number }): void } } } }).osceYasgui.getTab().getYasqe();
      y.setValue('PREFIX osce: <https://w3id.org/osce-kg/ontology#>\nPREFIX schema: <http://schema.org/>\n');
      y.focus();
      y.setCursor({ line: 2, ch: 0 });
    });
    const hints = page.locator('.CodeMirror-hints li');
    const editorValue = () =>
      page.evaluate(() => (window as unknown as { osceYasgui: { getTab(): { getYasqe(): { getValue(): string } } } }).osceYasgui.getTab().getYasqe().getValue());
    // Ctrl-Space shows the matching completions, or inserts the only one directly (CodeMirror's completeSingle)
    const complete = async (text: string): Promise<string> => {
      const before = (await editorValue()) + text;
      await page.keyboard.type(text, { delay: 20 });
      await page.keyboard.press('Control+Space');
      await page.waitForFunction(
        (b) => document.querySelector('.CodeMirror-hints li') !== null || (window as unknown as { osceYasgui: { getTab(): { getYasqe(): { getValue(): string } } } }).osceYasgui.getTab().getYasqe().getValue() !== b,
        before,
        { timeout: 5_000, polling: 100 },
      ).catch(async (e: Error) => { throw new Error(`${e.message} after typing ${JSON.stringify(text)}; editor: ${JSON.stringify(await editorValue())}`); });
      const shown = (await hints.allInnerTexts()).join('\n');
      await page.keyboard.press('Escape');
      await hints.first().waitFor({ state: 'detached', timeout: 5_000 });
      return shown || (await editorValue()).slice(before.length - text.length);
    };
    assert.match(await complete('SELECT * WHERE { ?s a osce:Cou'), /osce:Country\b/);
    assert.match(await complete(' ; schema:foundingD'), /schema:foundingDate\b/);
    assert.match(await complete('\nPREFIX sk'), /skos: <http:\/\/www\.w3\.org\/2004\/02\/skos\/core#>/);
    await page.close();
  });

  it('serves the query page to browsers at /sparql too', async () => {
    const page = await open('/sparql');
    await page.locator('.yasr table.dataTable tbody tr').first().waitFor({ timeout: 20_000 });
    await page.close();
  });

  it('draws the query editor in the site\'s look: its frame, font and accent, not YASGUI\'s', async () => {
    const style = async (path: string) => {
      const page = await open(path);
      if (path === '/sparql') await page.locator('.yasgui .tabsList .tab.active a').first().waitFor({ timeout: 20_000 });
      const read = await page.evaluate(() => {
        const css = (selector: string, property: string) => {
          const el = document.querySelector(selector);
          return el ? getComputedStyle(el).getPropertyValue(property) : undefined;
        };
        return {
          header: document.querySelector('header.site-header nav')?.textContent?.replace(/\s+/g, ' ').trim(),
          footer: document.querySelector('footer')?.textContent?.trim(),
          bodyFont: css('body', 'font-family'),
          editorFont: css('.yasgui', 'font-family'),
          activeTab: css('.yasgui .tabsList .tab.active a', 'border-bottom-color'),
          link: css('main a', 'color'),
          editorBorder: css('.yasqe .CodeMirror', 'border-top-color'),
        };
      });
      await page.close();
      return read;
    };
    const home = await style('/');
    const editor = await style('/sparql');
    assert.equal(editor.header, home.header);
    assert.equal(editor.footer, home.footer);
    assert.equal(editor.editorFont, home.bodyFont);
    assert.equal(editor.activeTab, 'rgb(11, 92, 173)'); // --accent, where YASGUI draws #337ab7
    assert.equal(editor.link, home.link);
    assert.equal(editor.editorBorder, 'rgb(215, 220, 229)'); // --line
  });

  it('searches from the search page', async () => {
    const page = await open('/search?q=Vienna');
    assert.ok((await page.locator('ol.hits li').count()) > 0);
    assert.ok((await page.locator('ol.hits mark').count()) > 0);
    await page.close();
  });

  it('draws the statistics charts, each bar the number in its table row', async () => {
    for (const path of ['/stats', '/doc/field/roma-and-sinti']) {
      const page = await open(path);
      const figures = await page.$$eval('figure.timeline', (figs) => figs.map((f) => ({
        id: f.id,
        bars: [...f.querySelectorAll('svg rect.bar')].map((r) => ({ title: r.querySelector('title')?.textContent ?? '', height: r.getBoundingClientRect().height })),
        rows: [...f.querySelectorAll('table tbody tr')].map((tr) => `${tr.querySelector('th')?.textContent}: ${tr.querySelector('td')?.textContent}`),
        drawn: (f.querySelector('svg')?.getBoundingClientRect().width ?? 0) > 0,
      })));
      assert.ok(figures.length > 0, `${path}: no chart`);
      for (const f of figures) {
        assert.ok(f.drawn, `${path} ${f.id}: the chart has no size`);
        assert.deepEqual(f.bars.map((b) => b.title), f.rows, `${path} ${f.id}: bars and table differ`);
        const counts = f.rows.map((r) => Number(r.split(': ')[1]));
        const tallest = Math.max(...f.bars.map((b) => b.height));
        f.bars.forEach((b, i) => assert.ok(Math.abs(b.height - (counts[i]! / Math.max(...counts)) * tallest) < 1, `${path} ${f.id}: bar ${i} out of scale`));
      }
      await page.close();
    }
  });

  it('made no request outside the server and logged no console error', () => {
    assert.deepEqual(offsite, []);
    assert.deepEqual(consoleErrors, []);
  });
});
