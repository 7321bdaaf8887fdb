/**
 * Property-based: what the page says about itself (title, dates, places, sources, fields of work, genre, language)
 * does not change when random site menus, cookie banners and footers are put around a known page, its whitespace
 * and line endings change, its dateline's dash is another dash (with or without a space after it) or its quotation
 * marks are another style. Pages of several layouts and languages from the labelled corpus.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { buildRelease, referenceIndex } from '../../src/ingest/index.js';
import type { ReleaseRecord } from '../../src/ingest/types.js';
import { PATHS } from '../../src/model/paths.js';

const BASE = 'http://localhost:8080/';
const PAGES = join(PATHS.fixtures, 'eval', 'pages');
/** A labelled page (en), a listing entry, an older page (ru), a page without a dateline (fr), a republished copy. */
const FILES = [
  '001-teaching-against-intolerance.txt',
  '046-ashgabat-listing-location.txt',
  '062-bishkek-2003-older-ru.txt',
  '067-kosovo-actualite-fr.txt',
  '007-pa-youth-seminar-republished.txt',
  '058-smm-dacic-ru.txt',
];

const MENU_LINES = [
  'Skip to main content', 'Search', 'Menu', 'Home', '- Home', '- About us', '- Field operations', 'Our work', '-',
  'Home › Newsroom', 'English | Русский | Français', 'We use cookies to improve your experience on our website. Accept',
  'OSCE', 'Organization for Security and Co-operation in Europe',
];
const FOOTER_LINES = ['Share', 'Print', 'Related content', 'Read more', '© OSCE 2024', 'Follow us: Facebook · Twitter', 'Back to top'];

type Page = string[];

const DASHES = ['-', '–', '—'];
/** The dateline's dash as another dash, with or without a space after it (body lines only, never names). */
const reDash = (lines: Page, dash: string, space: boolean): Page =>
  lines.map((l) => l.replace(/^(\p{Lu}[\p{Lu}\p{L}/ .,'-]*,?\s+\d{1,2}\.?\s+\p{L}+\.?\s+\d{4}(?:\s?г\.)?)\s*[-–—]\s+/u, `$1 ${dash}${space ? ' ' : ''}`));
const QUOTES: [string, string][] = [['"', '"'], ['“', '”'], ['«', '»'], ['„', '“']];
/** Quotation marks of another style (pairs of marks only). */
const reQuote = (lines: Page, [open, close]: [string, string]): Page =>
  lines.map((l) => l.replace(/["“«„]([^"“”«»„]{3,}?)["”»“]/gu, `${open}$1${close}`));

const variation = fc.record({
  menu: fc.array(fc.constantFrom(...MENU_LINES), { maxLength: 8 }),
  footer: fc.array(fc.constantFrom(...FOOTER_LINES), { maxLength: 4 }),
  blank: fc.array(fc.nat({ max: 60 }), { maxLength: 6 }),
  crlf: fc.boolean(),
  padding: fc.constantFrom('', ' ', '\t', '\u00a0'),
  dash: fc.constantFrom(...DASHES),
  space: fc.boolean(),
  quote: fc.constantFrom(...QUOTES),
});

type Variation = typeof variation extends fc.Arbitrary<infer V> ? V : never;

function vary(page: Page, v: Variation): string {
  let lines = reQuote(reDash(page, v.dash, v.space), v.quote).map((l) => `${v.padding}${l}${v.padding}`);
  lines = [...v.menu, ...lines, ...v.footer];
  for (const at of v.blank) lines.splice(at % (lines.length + 1), 0, '');
  return lines.join(v.crlf ? '\r\n' : '\n');
}

/** What the page says about itself, keyed for comparison. */
function pageFacts(r: ReleaseRecord): unknown {
  return {
    title: r.title, date: r.date, datelineDate: r.datelineDate, language: r.language, genre: r.contentType.label,
    places: r.places.map((p) => p.iri), sources: r.publishers, fields: r.fields,
  };
}

for (const file of FILES) {
  test(`menus, footers, whitespace, dashes and quotation marks around ${file} never change what it says about itself`, () => {
    const text = readFileSync(join(PAGES, file), 'utf8');
    const lines = text.replace(/\r\n?/g, '\n').split('\n').filter((l) => l.trim() !== '');
    const index = referenceIndex(BASE);
    const want = pageFacts(buildRelease(text, index).record);
    fc.assert(
      fc.property(variation, (v) => {
        assert.deepEqual(pageFacts(buildRelease(vary(lines, v), index).record), want);
      }),
      { numRuns: 60, seed: 2026 },
    );
  });
}
