/**
 * Property-based (fast-check): random site menus and footers, white space, quotation-mark styles and dash variants
 * around a known page never change what is extracted from it nor its content identity (digest and key), so two
 * fetches or copies of one page are one release (docs/decisions/0001-release-identity.md). Robustness against
 * arbitrary mutations (no crash, shapes hold) is ingest-property.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { buildRelease, referenceIndex } from '../../src/ingest/index.js';
import { normalizeContent } from '../../src/ingest/identity.js';
import type { ReleaseRecord } from '../../src/ingest/types.js';
import { NS } from '../../src/model/ns.js';
import { PATHS } from '../../src/model/paths.js';

const BASE = 'http://localhost:8080/';
const index = referenceIndex(BASE);
const SEED = readFileSync(join(PATHS.pages, '2009-10-28-osce-holds-expert-meeting-police-roma-sinti.txt'), 'utf8');
const HTML = readFileSync(join(PATHS.fixtures, 'pages', 'osce-page.html'), 'utf8');

/** What extraction found, with body and quotation texts compared as the identity compares them. */
function extraction(r: ReleaseRecord) {
  const sorted = (xs: readonly string[]) => [...xs].sort();
  return {
    title: r.title, date: r.date, genre: r.contentType.label, publishers: sorted(r.publishers), fields: sorted(r.fields),
    places: r.places.map((p) => p.iri), mentions: sorted(r.mentions), persons: sorted(r.persons.map((p) => p.iri)),
    quotations: r.quotations.map((q) => [normalizeContent(q.text), q.speaker?.iri, q.role, q.affiliation]),
    publications: sorted(r.publications.map((p) => p.iri)),
    event: r.event && [r.event.iri, r.event.startDate, r.event.endDate, r.event.place?.iri, sorted(r.event.organizers)],
    body: normalizeContent(r.paragraphs.join(' ')),
  };
}

function identity(page: string) {
  const { record, quads } = buildRelease(page, index);
  const digest = quads.find((q) => q.predicate.value === `${NS.osce}contentDigest`)?.object.value;
  return { key: record.key, digest, extraction: extraction(record) };
}

/** Words of site menus and footers, as osce.org and its copies have them, and made-up ones. */
const menuWord = fc.oneof(
  fc.constantFrom('Newsroom', 'Press releases', 'Photos', 'Videos', 'Publications', 'Our work', 'Countries', 'About us', 'Events',
    'Jobs', 'Procurement', 'Resources', 'Media advisories', 'Field operations', 'Structures and institutions', 'Home', 'Search',
    'Subscribe to our newsletter', 'Follow us', 'Share this page'),
  fc.stringMatching(/^[A-Z][a-z]{2,10}(?: [a-z]{2,9}){0,3}$/),
);
const menuBlock = fc.tuple(menuWord, fc.array(menuWord, { minLength: 1, maxLength: 8 }));
const menus = fc.array(menuBlock, { minLength: 1, maxLength: 4 });
const footer = fc.tuple(fc.constantFrom('Contacts', 'For further information please contact:', 'Related content', 'Media contacts'), fc.array(menuWord, { maxLength: 5 }));

/** Quotation-mark pairs of English, French and Russian pages. */
const QUOTES: Array<[string, string]> = [['"', '"'], ['\u201C', '\u201D'], ['\u00AB', '\u00BB']];
/** Dateline separators: hyphen, en dash and em dash, with and without a space after them. */
const DASHES = [' - ', ' \u2013 ', ' \u2014 ', ' -', ' \u2013', ' \u2014'];
/** German quotation marks, which page-layouts.md lists. */
const GERMAN: [string, string] = ['\u201E', '\u201C'];

/** Straight double quotes of the text alternately replaced by an opening and a closing mark. */
function requote(text: string, [open, close]: [string, string]): string {
  let n = 0;
  return text.replace(/"/g, () => (n++ % 2 === 0 ? open : close));
}

const space = fc.constantFrom(' ', '  ', '\t', ' \u00A0', '\u00A0');

interface Variation {
  menus: Array<[string, string[]]>;
  footer: [string, string[]] | undefined;
  quotes: [string, string];
  dash: string;
  /** White space: per line, spaces before and after, doubled inner spaces, a blank line after. */
  lineSpace: Array<[string, string, boolean, boolean]>;
  crlf: boolean;
}

const variationOf = (quotes: Array<[string, string]>, dashes: string[]): fc.Arbitrary<Variation> => fc.record({
  menus, footer: fc.option(footer, { nil: undefined }), quotes: fc.constantFrom(...quotes), dash: fc.constantFrom(...dashes),
  lineSpace: fc.array(fc.tuple(fc.oneof(fc.constant(''), space), fc.oneof(fc.constant(''), space), fc.boolean(), fc.boolean()), { minLength: 60, maxLength: 60 }),
  crlf: fc.boolean(),
});
const variation = variationOf(QUOTES, DASHES);

/** The seed text export with the variation applied: menus above, a footer below, its body requoted and redashed. */
function textVariant(v: Variation): string {
  const lines = SEED.split('\n');
  const at = lines.indexOf('Press release');
  const head = lines.slice(0, at);
  const body = lines.slice(at).map((l) => (l.startsWith('VIENNA, 28 October 2009 - ') ? l.replace(' - ', v.dash) : l)).map((l) => requote(l, v.quotes));
  const menu = v.menus.flatMap(([heading, items]) => ['-', heading, ...items.map((i) => `- ${i}`)]);
  const tail = v.footer ? [v.footer[0], ...v.footer[1]] : [];
  const all = [...menu, ...head, ...body, ...tail].map((line, i) => {
    const [before, after, double, blank] = v.lineSpace[i % v.lineSpace.length] as [string, string, boolean, boolean];
    const spaced = `${before}${double ? line.replace(/ /g, '  ') : line}${after}`;
    return blank ? `${spaced}\n` : spaced;
  });
  return all.join(v.crlf ? '\r\n' : '\n');
}

const HTML_QUOTES: Array<[string, string]> = [['&ldquo;', '&rdquo;'], ['&quot;', '&quot;'], ['&laquo;', '&raquo;'], ['\u201C', '\u201D']];
const HTML_DASHES = [' &ndash; ', ' - ', ' &mdash; ', ' \u2014 ', ' &ndash;', ' -'];

/** The HTML page with navigation and footers of random menus, scripts, re-indented markup and other quotes and dashes. */
function htmlVariant(v: Variation, q: [string, string], dash: string): string {
  const nav = v.menus.map(([heading, items]) => `<nav>\n  <h2>${heading}</h2>\n  <ul>${items.map((i) => `<li><a href="/x">${i}</a></li>`).join('\n    ')}</ul>\n</nav>`).join('\n');
  const foot = v.footer ? `<footer><p>${v.footer[0]}</p>${v.footer[1].map((w) => `<p>${w}</p>`).join('')}</footer>` : '';
  const ws = (v.lineSpace[0]?.[0] ?? '') || '\n   ';
  return HTML
    .replace('<body>', `<body>${ws}${nav}<script>var menu = ${JSON.stringify(v.menus.length)};</script>`)
    .replace('</main>', `</main>${ws}${foot}`)
    .replace(' &ndash; ', dash)
    .replace('&ldquo;', q[0]).replace('&rdquo;', q[1])
    .replace(/></g, v.crlf ? '>\r\n<' : '>\n<');
}

test('menus, footers, white space, quotation marks and dashes around the seed text page change neither extraction nor identity', () => {
  const known = identity(SEED);
  fc.assert(fc.property(variation, (v) => {
    assert.deepEqual(identity(textVariant(v)), known);
  }), { numRuns: 150, seed: 20091028 });
});

test('menus, footers, white space, quotation marks and dashes around an HTML page change neither extraction nor identity', () => {
  const known = identity(HTML);
  fc.assert(fc.property(variation, fc.constantFrom(...HTML_QUOTES), fc.constantFrom(...HTML_DASHES), (v, q, dash) => {
    assert.deepEqual(identity(htmlVariant(v, q, dash)), known);
  }), { numRuns: 150, seed: 20100609 });
});

test('German quotation marks change neither extraction nor identity', () => {
  const known = identity(SEED);
  fc.assert(fc.property(variationOf([...QUOTES, GERMAN], DASHES), (v) => {
    assert.deepEqual(identity(textVariant(v)), known);
  }), { numRuns: 60, seed: 1975 });
});

test('the property would catch a change: another body sentence changes the identity', () => {
  assert.notEqual(identity(SEED.replace('started today in Vienna.', 'started today in Graz.')).digest, identity(SEED).digest);
});
