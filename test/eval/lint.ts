/**
 * Checks that a corpus's labels are well-formed and agree with the reference data and with their own page: every key
 * names an entity of data/*.ttl, speakers are the quotations' speakers,
 * titles and quotations occur in the page. Labels are the truth the extractor is measured against; a typo in one
 * would be scored as the extractor's error.
 */
import { Parser } from 'htmlparser2';
import { loadReferenceQuads } from '../../src/model/reference.js';
import { DEFAULT_BASE, Iris, type Kind } from '../../src/model/ns.js';
import type { Page } from './corpus.js';
import { collapse, normalizePerson, normalizeQuote } from './normalize.js';
import { knownTag } from './coverage.js';
import { GENRES, LAYOUTS, type Expected } from './schema.js';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function referenceKeys(): Map<Kind, Set<string>> {
  const iris = new Iris(DEFAULT_BASE);
  const keys = new Map<Kind, Set<string>>();
  for (const q of loadReferenceQuads(iris.base)) {
    const e = iris.parseEntity(q.subject.value);
    if (!e) continue;
    const set = keys.get(e.kind) ?? new Set<string>();
    set.add(e.key);
    keys.set(e.kind, set);
  }
  return keys;
}

/** The visible text of an HTML page (entities decoded), or the text page as is. */
export function pageText(page: Page): string {
  if (page.expected.format !== 'html') return page.text;
  const out: string[] = [];
  let skip = 0;
  const parser = new Parser({
    onopentag: (name) => { if (name === 'script' || name === 'style') skip++; out.push(' '); },
    ontext: (t) => { if (skip === 0) out.push(t); },
    onclosetag: (name) => { if (name === 'script' || name === 'style') skip--; out.push(' '); },
  }, { decodeEntities: true });
  parser.write(page.text);
  parser.end();
  return out.join('');
}

const validDate = (d: string) => DATE.test(d) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;

type Report = (message: string) => void;
type Has = (kinds: Kind[], key: string) => boolean;

function lintForm(page: Page, bad: Report): void {
  const e = page.expected;
  if (!LAYOUTS.includes(e.layout)) bad(`layout "${e.layout}" is not one of ${LAYOUTS.join(', ')}`);
  if (!/^[a-z]{2,3}$/.test(e.language)) bad(`language "${e.language}" is not a primary language subtag`);
  if (!page.file.endsWith(`.${e.format === 'html' ? 'html' : 'txt'}`)) bad(`format "${e.format}" does not match the file name`);
  for (const tag of e.covers ?? []) if (!knownTag(tag)) bad(`covers tag "${tag}" is not in the vocabulary of coverage.ts`);
  if (e.url !== undefined && !/^https?:\/\/\S+$/.test(e.url)) bad(`url "${e.url}" is not an http(s) URL`);
  if (!e.valid && (!e.rejection || e.rejection.codes.length === 0)) bad('an invalid page needs rejection.codes');
  if (!e.valid) return;
  for (const k of ['title', 'datePublished', 'genre', 'places', 'sources', 'fields', 'quotations', 'speakers', 'mentions'] as const) {
    if (e[k] === undefined) bad(`a valid page needs "${k}"`);
  }
  if (!('datelineDate' in e) || !('event' in e)) bad('a valid page needs "datelineDate" and "event" (null when none)');
  for (const [name, d] of [['datePublished', e.datePublished], ['datelineDate', e.datelineDate], ['event.startDate', e.event?.startDate], ['event.endDate', e.event?.endDate]] as const) {
    if (d !== undefined && d !== null && !validDate(d)) bad(`${name} "${d}" is not a calendar date YYYY-MM-DD`);
  }
  if (e.genre !== undefined && !(GENRES as readonly string[]).includes(e.genre)) bad(`genre "${e.genre}" is not one of ${GENRES.join(', ')}`);
}

/** Every key names an entity of the reference data. */
function lintKeys(e: Expected, has: Has, bad: Report): void {
  for (const s of e.sources ?? []) if (!has(['structure', 'field-operation'], s)) bad(`source "${s}" is not a structure or field operation of the reference data`);
  for (const f of e.fields ?? []) if (!has(['field'], f)) bad(`field "${f}" is not a field of work of the reference data`);
  for (const p of [...(e.places ?? []), ...(e.event?.place ? [e.event.place] : [])]) if (!SLUG.test(p)) bad(`place "${p}" is not a key`);
  for (const s of e.mentions?.states ?? []) if (!has(['country', 'territory'], s)) bad(`state "${s}" is not a country or territory key`);
  for (const s of e.mentions?.structures ?? []) if (!has(['structure', 'field-operation'], s)) bad(`structure "${s}" is not a structure or field operation key`);
  for (const q of e.quotations ?? []) {
    if (q.affiliation !== null && !has(['structure', 'field-operation'], q.affiliation)) bad(`affiliation "${q.affiliation}" is not a structure key`);
  }
}

/** The title and quotations occur in the page; speakers are the quotations' speakers and among the persons. */
function lintText(page: Page, bad: Report): void {
  const e = page.expected;
  const text = collapse(pageText(page));
  const folded = normalizeQuote(text);
  if (e.title !== undefined && !text.includes(collapse(e.title))) bad(`the title "${e.title}" does not occur in the page`);
  const quotations = e.quotations ?? [];
  for (const q of quotations) if (!folded.includes(normalizeQuote(q.starts))) bad(`quotation "${q.starts}" does not occur in the page`);
  const speakers = [...new Set(quotations.map((q) => q.speaker).filter((s): s is string => s !== null))];
  if (JSON.stringify(speakers) !== JSON.stringify(e.speakers ?? [])) bad(`speakers ${JSON.stringify(e.speakers)} are not the quotations' speakers ${JSON.stringify(speakers)}`);
  const persons = new Set((e.mentions?.persons ?? []).map(normalizePerson));
  for (const s of speakers) if (!persons.has(normalizePerson(s))) bad(`speaker "${s}" is missing from mentions.persons`);
  for (const p of e.mentions?.persons ?? []) {
    if (!folded.includes(normalizePerson(p)) && !speakers.includes(p)) bad(`person "${p}" neither occurs in the page nor speaks in it`);
  }
}

/** Problems of one page's labels, as sentences naming the page and the label. */
export function lintPage(page: Page, keys = referenceKeys()): string[] {
  const out: string[] = [];
  const bad: Report = (msg) => out.push(`${page.id}: ${msg}`);
  lintForm(page, bad);
  if (!page.expected.valid) return out;
  lintKeys(page.expected, (kinds, key) => kinds.some((k) => keys.get(k)?.has(key)), bad);
  lintText(page, bad);
  return out;
}

/** Problems of every page of a corpus. */
export function lintCorpus(pages: readonly Page[]): string[] {
  const keys = referenceKeys();
  return pages.flatMap((p) => lintPage(p, keys));
}
