/** The evaluation scorer itself: what a perfect, a partly wrong and a refused extraction score. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from '../eval/corpus.js';
import { lintPage } from '../eval/lint.js';
import { normalizePerson, tokenOverlap } from '../eval/normalize.js';
import { buildResults, metricValue } from '../eval/results.js';
import { scorePage, sum, precision, recall, rate, type PageScore } from '../eval/score.js';
import type { Expected, Extraction, Outcome } from '../eval/schema.js';

function expected(n: number, over: Partial<Expected> = {}): Expected {
  return {
    valid: true, layout: 'labelled', language: n % 2 ? 'en' : 'ru', format: 'text',
    title: `Title of page ${n}`, datePublished: '2014-03-12', datelineDate: '2014-03-11', places: ['vienna', 'belgrade'],
    sources: ['odihr'], fields: ['elections', 'human-rights'], genre: 'Press release',
    quotations: [
      { starts: 'Elections are inclusive only', speaker: 'Janez Lenarčič', role: 'Director', affiliation: 'odihr' },
      { starts: 'We will apply these', speaker: null, role: 'Chairman-in-Office', affiliation: 'chairpersonship' },
    ],
    speakers: ['Janez Lenarčič'],
    mentions: { states: ['rs', 'ua'], structures: ['odihr'], persons: ['Janez Lenarčič', 'Jan Novak'] },
    event: { name: 'OSCE Conference on Youth and Security', startDate: '2019-11-09', endDate: '2019-11-10', place: 'vienna' },
    ...over,
  };
}

/** The extraction that says exactly what the page's labels say. */
function perfect(e: Expected): Extraction {
  return {
    title: e.title ?? null, datePublished: e.datePublished ?? null, datelineDate: e.datelineDate ?? null,
    language: e.language, genre: e.genre ?? null, places: [...(e.places ?? [])], sources: [...(e.sources ?? [])],
    fields: [...(e.fields ?? [])],
    quotations: (e.quotations ?? []).map((q) => ({ text: `${q.starts} and the rest of it.`, speaker: q.speaker, role: q.role, affiliation: q.affiliation })),
    speakers: [...(e.speakers ?? [])],
    mentions: structuredClone(e.mentions ?? { states: [], structures: [], persons: [] }),
    event: e.event ?? null,
  };
}

const accepted = (extraction: Extraction): Outcome => ({ accepted: true, extraction });
const rejected = (...codes: string[]): Outcome => ({ accepted: false, codes, line: undefined, message: 'refused' });

function pagesOf(expectations: Expected[]): Page[] {
  return expectations.map((e, i) => ({ id: `${String(i + 1).padStart(3, '0')}-page`, number: i + 1, file: `${i + 1}.txt`, text: '', expected: e }));
}

test('a perfect extraction scores 1.0 on every field and accuracy', () => {
  const e = expected(1);
  const s = scorePage(e, accepted(perfect(e)));
  assert.deepEqual(s.diffs, []);
  for (const [field, c] of Object.entries(s.counts)) {
    assert.equal(c.fp, 0, `${field} has false positives`);
    assert.equal(c.fn, 0, `${field} has false negatives`);
  }
  assert.equal(precision(s.counts.places), 1);
  assert.equal(recall(s.counts.speakers), 1);
  for (const r of ['acceptance', 'attribution', 'role', 'affiliation', 'eventPlace', 'eventEnd'] as const) assert.equal(rate(s.ratios[r]), 1, r);
});

test('one wrong title in ten pages lowers title precision and recall to 0.9 and nothing else', () => {
  const es = Array.from({ length: 10 }, (_, i) => expected(i + 1));
  const scores = es.map((e, i) => scorePage(e, accepted({ ...perfect(e), ...(i === 3 ? { title: 'Newsroom' } : {}) })));
  const total = sum(scores);
  assert.equal(precision(total.counts.title), 0.9);
  assert.equal(recall(total.counts.title), 0.9);
  assert.equal(precision(total.counts.datePublished), 1);
  assert.equal(recall(total.counts.places), 1);
  assert.deepEqual(scores[3]?.diffs, ['title: expected "Title of page 4", got "Newsroom"']);
});

test('a rejected valid page counts against acceptance and as missed values, not as wrong ones', () => {
  const es = Array.from({ length: 4 }, (_, i) => expected(i + 1));
  const scores = es.map((e, i) => scorePage(e, i === 0 ? rejected('NO_DATE') : accepted(perfect(e))));
  const total = sum(scores);
  assert.deepEqual(total.ratios.acceptance, { right: 3, of: 4 });
  assert.equal(recall(total.counts.title), 0.75);
  assert.equal(precision(total.counts.title), 1);
  assert.equal(recall(total.counts.places), 0.75);
  assert.match(scores[0]?.diffs[0] ?? '', /^rejected \(NO_DATE\)/);
});

test('an invalid page must be refused, and with one of its codes', () => {
  const bad: Expected = { valid: false, rejection: { codes: ['EMPTY_BODY', 'NO_ARTICLE'] }, layout: 'listing', language: 'en', format: 'text' };
  const taken = sum([scorePage(bad, accepted(perfect(expected(1))))]);
  assert.deepEqual(taken.ratios.rejection, { right: 0, of: 1 });
  const wrongCode = sum([scorePage(bad, rejected('NO_DATE'))]);
  assert.deepEqual(wrongCode.ratios.rejection, { right: 1, of: 1 });
  assert.deepEqual(wrongCode.ratios.rejectionCode, { right: 0, of: 1 });
  const right = sum([scorePage(bad, rejected('NO_TITLE', 'EMPTY_BODY'))]);
  assert.deepEqual(right.ratios.rejectionCode, { right: 1, of: 1 });
  assert.deepEqual(right.counts.title, { tp: 0, fp: 0, fn: 0 });
  const dated: Expected = { ...bad, rejection: { codes: ['INVALID_DATE'], line: 11 } };
  const atLine = (line: number | undefined): Outcome => ({ accepted: false, codes: ['INVALID_DATE'], line, message: 'bad date' });
  assert.deepEqual(sum([scorePage(dated, atLine(11))]).ratios.rejectionLine, { right: 1, of: 1 });
  assert.deepEqual(sum([scorePage(dated, atLine(undefined))]).ratios.rejectionLine, { right: 0, of: 1 });
});

test('set fields count each missing and each extra key', () => {
  const e = expected(1);
  const s = scorePage(e, accepted({ ...perfect(e), places: ['vienna', 'warsaw', 'skopje'] }));
  assert.deepEqual(s.counts.places, { tp: 1, fp: 2, fn: 1 });
  assert.deepEqual(s.diffs, ['places: -belgrade +warsaw +skopje']);
});

test('quotations match by their first words; attribution compares speakers without honorifics or diacritics', () => {
  const e = expected(1);
  const got = perfect(e);
  got.quotations = [
    { text: '“Elections are inclusive only when minorities can take part”', speaker: 'Ambassador Janez Lenarcic', role: 'Director', affiliation: 'odihr' },
    { text: 'We will apply these recommendations', speaker: 'Janez Lenarčič', role: 'Chairman-in-Office', affiliation: 'chairpersonship' },
    { text: 'Something nobody said', speaker: null, role: null, affiliation: null },
  ];
  const s = scorePage(e, accepted(got));
  assert.deepEqual(s.counts.quotations, { tp: 2, fp: 1, fn: 0 });
  assert.deepEqual(s.ratios.attribution, { right: 1, of: 2 });
  assert.equal(normalizePerson('Dr. Katarina  Lindgren'), 'katarina lindgren');
});

test('an event counts when the start date matches and the names share at least 80% of their words', () => {
  assert.equal(tokenOverlap('OSCE Conference on Youth and Security', 'Conference on Youth and Security'), 0.75);
  assert.equal(tokenOverlap('2019 OSCE Conference on Youth and Security', 'OSCE Conference on Youth and Security'), 0.8);
  const e = expected(1);
  const near = scorePage(e, accepted({ ...perfect(e), event: { name: 'The 2019 OSCE Conference on Youth and Security', startDate: '2019-11-09', endDate: null, place: 'vienna' } }));
  assert.deepEqual(near.counts.events, { tp: 1, fp: 0, fn: 0 });
  assert.deepEqual(near.ratios.eventEnd, { right: 0, of: 1 });
  const wrongDay = scorePage(e, accepted({ ...perfect(e), event: { ...e.event!, startDate: '2019-11-10' } }));
  assert.deepEqual(wrongDay.counts.events, { tp: 0, fp: 1, fn: 1 });
});

test('the results name each target and whether it is met', () => {
  const es = Array.from({ length: 50 }, (_, i) => expected(i + 1));
  const perfectRun = buildResults('test', pagesOf(es), es.map((e) => scorePage(e, accepted(perfect(e)))));
  assert.ok(perfectRun.targets.every((t) => t.met), JSON.stringify(perfectRun.targets.filter((t) => !t.met)));
  const scores: PageScore[] = es.map((e, i) => scorePage(e, accepted({ ...perfect(e), ...(i === 0 ? { title: 'Press releases' } : {}) })));
  const oneWrong = buildResults('test', pagesOf(es), scores);
  assert.equal(metricValue(oneWrong, 'title.precision'), 0.98);
  assert.deepEqual(oneWrong.targets.filter((t) => !t.met).map((t) => t.metric), ['title.precision', 'title.recall']);
  assert.equal(oneWrong.byLanguage.en?.title.recall, 0.96);
  assert.equal(oneWrong.byLanguage.ru?.title.recall, 1);
  assert.equal(oneWrong.pageDifferences['001-page'], 1);
});

test('the label check finds keys the reference data lacks and speakers missing from the persons', () => {
  const e = expected(1, { sources: ['odihr', 'office-of-nobody'], mentions: { states: ['rs', 'xx', 'yu'], structures: [], persons: [] } });
  const page: Page = { id: '001-x', number: 1, file: '001-x.txt', expected: e,
    text: 'Title of page 1\nElections are inclusive only, said Janez Lenarčič. We will apply these, he said.' };
  assert.deepEqual(lintPage(page), [
    '001-x: source "office-of-nobody" is not a structure or field operation of the reference data',
    '001-x: state "xx" is not a country or territory key',
    '001-x: speaker "Janez Lenarčič" is missing from mentions.persons',
  ]);
});
