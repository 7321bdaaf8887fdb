/**
 * HTML news items whose title is the page's heading wherever the head puts it (kind M24): the <h1> under a <dl> of
 * labelled fields, an <h1> that ends in a full stop, and a content type with the date beside it on one line. Pages in
 * the host languages (sr, mk, uk, sq), invented for this test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePage } from '../../src/ingest/page.js';
import { buildRelease, referenceIndex } from '../../src/ingest/index.js';
import { valueKind } from '../../src/ingest/service.js';

const index = referenceIndex('http://localhost:8080/');
const hints = {
  isContentType: (line: string) => index.find(line, 'content-type') !== undefined,
  isPlace: (name: string) => index.find(name, 'place', 'country') !== undefined,
  valueKind: (value: string) => valueKind(value, index),
};

const page = (head: string, body: string) => `<!DOCTYPE html>
<html><head><title>OSCE</title></head>
<body>
<nav><ul><li>Home</li><li>News</li></ul></nav>
<main><article>
${head}
${body}
</article></main>
<footer><p>© OSCE 2024</p></footer>
</body></html>`;

const SR_DL = '<dl>\n<dt>Датум</dt><dd>14. март 2023.</dd>\n<dt>Извор</dt><dd>Мисија ОЕБС у Србији</dd>\n<dt>Области рада</dt><dd>Слобода медија</dd>\n</dl>';
const SR_TITLE = '<h1>Млади новинари из Ниша учили о провери чињеница</h1>';
const SR_BODY = '<p>Мисија ОЕБС у Србији организовала је дводневну обуку за двадесет младих новинара у Нишу.</p>\n<p>Учесници су разговарали о етици и безбедности новинара на терену.</p>';

test('a Serbian news item: content type, the <dl> of fields, then the <h1> under them', () => {
  const raw = parsePage(page(`<p class="type">Вест</p>\n${SR_DL}\n${SR_TITLE}`, SR_BODY), { ...hints, format: 'html' });
  assert.equal(raw.title, 'Млади новинари из Ниша учили о провери чињеница');
  assert.equal(raw.contentType, 'Вест');
  assert.deepEqual(raw.sources, ['Мисија ОЕБС у Србији']);
  assert.deepEqual(raw.fields, ['Слобода медија']);
  assert.equal(raw.dateField, '14. март 2023.');
  assert.equal(raw.paragraphs.length, 2);
});

test('a Serbian news item with its <h1> above the fields is read as before', () => {
  const raw = parsePage(page(`<p class="type">Вест</p>\n${SR_TITLE}\n${SR_DL}`, SR_BODY), { ...hints, format: 'html' });
  assert.equal(raw.title, 'Млади новинари из Ниша учили о провери чињеница');
  assert.deepEqual(raw.fields, ['Слобода медија']);
});

test('an <h1> of eight words ending in a full stop is the title, not a paragraph', () => {
  const title = '<h1>Мисија ОЕБС у Србији подржала обуку младих новинара у Нишу.</h1>';
  const { record } = buildRelease(page(`<p class="type">Вест</p>\n${title}\n${SR_DL}`, SR_BODY), index, { format: 'html', now: new Date('2026-01-01T00:00:00Z') });
  assert.equal(record.title, 'Мисија ОЕБС у Србији подржала обуку младих новинара у Нишу.');
  assert.equal(record.date, '2023-03-14');
  assert.equal(record.contentType.label, 'News item');
});

test('a content type with its date beside it on one line ("Вест 14.03.2023") is no dateline of a place "Вест"', () => {
  const raw = parsePage(page('<div class="meta">Вест 14.03.2023</div>\n<h1>Локалне заједнице у Нишу против трговине људима</h1>', SR_BODY), { ...hints, format: 'html' });
  assert.equal(raw.title, 'Локалне заједнице у Нишу против трговине људима');
  assert.equal(raw.contentType, 'Вест');
  assert.equal(raw.dateline, undefined);
  assert.deepEqual(raw.otherDates.map((d) => d.text), ['14.03.2023']);
});

test('Macedonian, Ukrainian and Albanian news items with the <h1> under their fields', () => {
  const cases: [string, string, string, string][] = [
    ['Вест', '<dl><dt>Датум:</dt><dd>5 мај 2022</dd><dt>Извор:</dt><dd>Мисија на ОБСЕ во Скопје</dd></dl>', 'Младите од Битола разговараа за медиумската писменост', '<p>Мисијата на ОБСЕ во Скопје организираше работилница за триесет средношколци од Битола.</p>'],
    ['Новина', '<dl><dt>Дата:</dt><dd>5 травня 2022</dd><dt>Джерело:</dt><dd>Координатор проектів ОБСЄ в Україні</dd></dl>', 'Судді з Одеси обговорили захист прав людини', '<p>Координатор проектів ОБСЄ в Україні провів дводенний семінар для двадцяти суддів в Одесі.</p>'],
    ['Lajm', '<dl><dt>Data:</dt><dd>5 maj 2022</dd><dt>Burimi:</dt><dd>Prezenca e OSBE-së në Shqipëri</dd></dl>', 'Gazetarët e rinj në Korçë mësojnë për verifikimin e fakteve', '<p>Prezenca e OSBE-së në Shqipëri organizoi një trajnim dyditor për njëzet gazetarë të rinj në Korçë.</p>'],
  ];
  for (const [type, dl, title, body] of cases) {
    const { record } = buildRelease(page(`<p class="type">${type}</p>\n${dl}\n<h1>${title}</h1>`, body), index, { format: 'html', now: new Date('2026-01-01T00:00:00Z') });
    assert.equal(record.title, title, type);
    assert.equal(record.date, '2022-05-05', type);
    assert.equal(record.contentType.label, 'News item', type);
    assert.equal(record.publishers.length, 1, type);
  }
});

test('a heading in the text after the first paragraph is no title', () => {
  const body = '<p>Мисија ОЕБС у Србији организовала је дводневну обуку за двадесет младих новинара у Нишу.</p>\n<h2>Наредни кораци</h2>\n<p>Обука ће бити поновљена у Крагујевцу.</p>';
  assert.throws(() => parsePage(page(`<p class="type">Вест</p>\n${SR_DL}`, body), { ...hints, format: 'html' }), (e: Error & { code?: string }) => e.code === 'NO_TITLE');
});

test('host-language content types of media advisories and news items name their genre', () => {
  const want: [string, string][] = [['Najava za medije', 'Media advisory'], ['Најава за медиумите', 'Media advisory'], ['Вест', 'News item'], ['Lajm', 'News item'], ['Новина', 'News item']];
  for (const [type, genre] of want) {
    const { record } = buildRelease(page(`<p class="type">${type}</p>\n${SR_DL}\n${SR_TITLE}`, SR_BODY), index, { format: 'html', now: new Date('2026-01-01T00:00:00Z') });
    assert.equal(record.contentType.label, genre, type);
  }
});

test('Montenegrin (ijekavian) labels of a <dl>: Datum objave, Mjesto, Izvor, Oblasti rada', () => {
  const dl = '<dl><dt>Datum objave</dt><dd>5. maj 2022.</dd><dt>Mjesto</dt><dd>Budva</dd><dt>Izvor</dt><dd>Misija OEBS-a u Crnoj Gori</dd><dt>Oblasti rada</dt><dd>Sloboda medija</dd></dl>';
  const raw = parsePage(page(`<p class="type">Vijest</p>\n${dl}\n<h1>Mladi novinari iz Budve uče o provjeri činjenica</h1>`, '<p>Misija OEBS-a u Crnoj Gori organizovala je dvodnevnu obuku za dvadeset mladih novinara u Budvi.</p>'), { ...hints, format: 'html' });
  assert.equal(raw.title, 'Mladi novinari iz Budve uče o provjeri činjenica');
  assert.equal(raw.dateField, '5. maj 2022.');
  assert.deepEqual(raw.places, ['Budva']);
  assert.deepEqual(raw.sources, ['Misija OEBS-a u Crnoj Gori']);
});
