/**
 * Table-driven bad input: each broken page is refused with a 4xx AppError whose code names the problem, and a
 * store behind ingestPage does not change.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAppError } from '../../src/errors.js';
import { buildRelease, ingestPage, referenceIndex } from '../../src/ingest/index.js';
import { PATHS } from '../../src/model/paths.js';
import { createMemoryStore } from '../../src/store/embedded-store.js';

const BASE = 'http://localhost:8080/';
const SEED = readFileSync(join(PATHS.pages, '2009-10-28-osce-holds-expert-meeting-police-roma-sinti.txt'), 'utf8');
const TITLE = 'OSCE holds expert meeting on building trust between police and Roma and Sinti communities';

function edit(from: string | RegExp, to: string): string {
  const out = SEED.replace(from, to);
  assert.notEqual(out, SEED, `edit of ${String(from)} must apply`);
  return out;
}

const CASES: [name: string, page: () => string | Uint8Array, status: number, code: string, message?: RegExp][] = [
  ['a page without a title', () => edit(`${TITLE}\n`, ''), 422, 'NO_TITLE'],
  ['a title that is only markup', () => edit(TITLE, '<script>alert(1)</script>'), 422, 'NO_TITLE'],
  ['a page without any date', () => edit('VIENNA, 28 October 2009 - ', 'VIENNA - '), 422, 'NO_DATE'],
  ['an impossible date (31 February)', () => edit('- Date:\n', '- Date:\n- 31 February 2010\n'), 422, 'INVALID_DATE', /31 February 2010/],
  ['an impossible dateline date', () => edit('28 October 2009', '31 November 2009'), 422, 'INVALID_DATE'],
  ['a Date field that is not a date', () => edit('- Date:\n', '- Date:\n- sometime soon\n'), 422, 'INVALID_DATE', /sometime soon/],
  ['a dateline without year and no Date field', () => edit('28 October 2009 -', '28 October -'), 422, 'NO_YEAR'],
  ['a list of entries', () => 'Newsroom\nFirst entry\nPublishing date:\n3 March 2021\nSecond entry\nPublishing date:\n2 March 2021\n', 422, 'NOT_AN_ARTICLE', /list of 2 entries/],
  // kind M14: a section page of teasers without any date is not an article (not NO_DATE)
  ['a list of teasers with "Read more" and no date', () => 'Newsroom\nNews\nMission supports youth councils in the north\nThe Mission helped twelve municipalities set up youth councils this spring.\nRead more\nBorder officers train on risk analysis together\nTwenty officers from two countries took a course on risk analysis at the border.\nRead more\nNext ›\nLast »\n', 422, 'NOT_AN_ARTICLE', /list of 2 teasers without a date/],
  ['a French list of teasers, each with its content type, no date', () => 'Actualités\nCommuniqué de presse\nLa Mission soutient les conseils de jeunes\nLa Mission a aidé douze communes à créer des conseils de jeunes ce printemps.\nCommuniqué de presse\nDes policiers se forment à l\'analyse des risques\nVingt policiers de deux pays ont suivi un cours sur l\'analyse des risques.\n', 422, 'NOT_AN_ARTICLE', /teasers/],
  ['a Russian list of teasers under a pager, no date', () => 'Новости\nМиссия поддерживает молодежные советы на севере\nМиссия помогла двенадцати общинам создать молодежные советы этой весной.\nПограничники учатся анализу рисков вместе\nДвадцать офицеров из двух стран прошли курс по анализу рисков на границе.\nПрокуроры обсуждают новые стандарты расследований\nТридцать прокуроров обсудили в Бишкеке новые стандарты расследования пыток.\n1\n2\nСледующая ›\n', 422, 'NOT_AN_ARTICLE', /list of 3 teasers/],
  ['one undated news item ending in "Read more" is still NO_DATE', () => 'Press release\nMission supports training for election commission members\nThe OSCE Mission to Montenegro supported a training course for members of municipal election commissions this week.\nThe training will continue in the northern municipalities next month.\nRead more\n', 422, 'NO_DATE'],
  ['a page of menus only', () => '- Home\n- About us\nContacts\nWallnerstrasse 6\n', 422, 'NOT_AN_ARTICLE'],
  ['a firewall\'s block page whose "Time:" line is the block\'s moment', () => 'Access Denied\nYour request was blocked by the security service of this site.\nReference #1.2a3b\nTime: 2025-11-03 10:11:12 UTC\n', 422, 'NOT_AN_ARTICLE', /error or redirect page \("Access Denied"\)/],
  ['a German "page moved" stub with a date', () => 'Diese Seite wurde verschoben\nDer Inhalt ist jetzt unter einer neuen Adresse zu finden.\n3. März 2021\n', 422, 'NOT_AN_ARTICLE', /error or redirect page/],
  ['an empty body', () => SEED.slice(0, SEED.indexOf('VIENNA, 28 October')), 422, 'EMPTY_BODY'],
  ['a body that is only a dateline', () => `${SEED.slice(0, SEED.indexOf('VIENNA, 28 October'))}VIENNA 28 October 2009\n`, 422, 'EMPTY_BODY'],
  // a release fetched under embargo: the site's notice where the body should be is no body (as in de and ru)
  ['a release page holding only the embargo notice', () => `${SEED.slice(0, SEED.indexOf('VIENNA, 28 October'))}EMBARGOED until Monday, 16 November 2026, 12:00 CET.\nThe text of this press release will appear on this page when the embargo ends. Accredited journalists can find it in the media portal.\n`, 422, 'EMPTY_BODY'],
  ['a German release page holding only its Sperrfrist notice', () => `${SEED.slice(0, SEED.indexOf('VIENNA, 28 October'))}Sperrfrist: Montag, 16. November 2026, 12:00 MEZ\nDer Text dieser Presseaussendung erscheint hier nach Ablauf der Sperrfrist.\n`, 422, 'EMPTY_BODY'],
  ['a Russian release page holding only its embargo notice', () => `${SEED.slice(0, SEED.indexOf('VIENNA, 28 October'))}Эмбарго до 12:00 16 ноября 2026 года\nТекст этого пресс-релиза появится на странице после окончания эмбарго.\n`, 422, 'EMPTY_BODY'],
  ['binary data', () => Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 1, 2, 3]), 422, 'BINARY_DATA'],
  ['an oversized page', () => SEED + 'x'.repeat(600 * 1024), 413, 'PAYLOAD_TOO_LARGE'],
];

for (const [name, page, status, code, message] of CASES) {
  test(`rejects ${name} with ${status} ${code}`, () => {
    assert.throws(
      () => buildRelease(page(), referenceIndex(BASE)),
      (e: unknown) => {
        assert.ok(isAppError(e), String(e));
        assert.equal(e.status, status);
        assert.equal(e.code, code);
        if (message) assert.match(e.message, message);
        return true;
      },
    );
  });
}

test('a yearless dateline in December before a January Date field belongs to the year before', () => {
  const page = edit('- Date:\n', '- Date:\n- 1 January 2010\n').replace('VIENNA, 28 October 2009 -', 'VIENNA, 31 December -');
  const { record } = buildRelease(page, referenceIndex(BASE));
  assert.equal(record.date, '2010-01-01');
  assert.equal(record.event?.startDate, '2009-12-31');
  assert.equal(record.event?.endDate, '2010-01-01');
});

test('names the line of each problem: the Date field value, the dateline', () => {
  const lineOf = (page: string, text: string) => page.split('\n').findIndex((l) => l.includes(text)) + 1;
  const cases: [page: string, text: string][] = [
    [edit('- Date:\n', '- Date:\n- 31 February 2010\n'), '31 February 2010'],
    [edit('28 October 2009', '31 November 2009'), '31 November 2009'],
    [edit('28 October 2009 -', '28 October -'), '28 October -'],
  ];
  for (const [page, text] of cases) {
    try {
      buildRelease(page, referenceIndex(BASE));
      assert.fail('expected a rejection');
    } catch (e) {
      assert.ok(isAppError(e));
      const problems = (e.detail as { problems: { code: string; line?: number }[] }).problems;
      assert.deepEqual(problems.map((p) => p.line), [lineOf(page, text)], text);
      assert.match(e.message, new RegExp(`\\(line ${lineOf(page, text)}\\)`));
    }
  }
});

test('an unknown source and field of work are left out and noted with their lines; the page is stored', () => {
  const page = edit('OSCE Secretariat,', 'OSCE Nowhere,').replace('Policing,', 'Knitting,');
  const { record } = buildRelease(page, referenceIndex(BASE));
  const lineOf = (text: string) => page.split('\n').findIndex((l) => l.includes(text)) + 1;
  assert.deepEqual(record.notes.map((n) => [n.code, n.value, n.line]), [
    ['UNKNOWN_SOURCE', 'OSCE Nowhere', lineOf('OSCE Nowhere')],
    ['UNKNOWN_FIELD_OF_WORK', 'Knitting', lineOf('Knitting')],
  ]);
  assert.deepEqual(record.publishers.map((p) => p.slice(`${BASE}id/`.length)), ['structure/odihr']);
  assert.ok(!record.fields.some((f) => f.endsWith('/knitting')));
});

test('a rejected page leaves the store unchanged', async () => {
  const store = createMemoryStore([], { workers: 1 });
  await store.open();
  try {
    const version = await store.version();
    await assert.rejects(ingestPage({ store, index: referenceIndex(BASE) }, edit('28 October 2009', '31 November 2009')), { code: 'INVALID_DATE' });
    assert.equal(await store.version(), version);
    assert.equal(await store.size(), 0);
  } finally {
    await store.close();
  }
});

test('an embargo line before the release keeps the release; an arms embargo in a sentence is body text', () => {
  const at = SEED.indexOf('VIENNA, 28 October');
  const page = `${SEED.slice(0, at)}EMBARGOED until 28 October 2009, 12:00 CET\n${SEED.slice(at)}`;
  const plain = buildRelease(SEED, referenceIndex(BASE));
  const rec = buildRelease(page, referenceIndex(BASE));
  assert.deepEqual(rec.record.paragraphs, plain.record.paragraphs);
  const arms = `${SEED.slice(0, at)}VIENNA, 28 October 2009 - The text of this statement will be published when the embargo on arms is discussed again.\nEmbargo until further notice was the ministers' answer.\n`;
  const got = buildRelease(arms, referenceIndex(BASE));
  assert.equal(got.record.paragraphs.length, 2);
});
