/**
 * Name resolution against the reference data (no slug written in code paths, only in expectations), and layout
 * fallbacks: a page without a content-type line, an unknown content type kept as genre text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildRelease, normalizeName, referenceIndex } from '../../src/ingest/index.js';
import { findNames } from '../../src/ingest/mentions.js';
import { PATHS } from '../../src/model/paths.js';

const BASE = 'http://localhost:8080/';
const id = (iri: string | undefined) => iri?.slice(`${BASE}id/`.length);
const SEED = readFileSync(join(PATHS.pages, '2009-10-28-osce-holds-expert-meeting-police-roma-sinti.txt'), 'utf8');

const LOOKUPS: [name: string, category: 'structure' | 'field' | 'place' | 'country' | 'content-type', expected: string | undefined][] = [
  ['OSCE Secretariat', 'structure', 'structure/secretariat'],
  ['the OSCE Office for Democratic Institutions and Human Rights', 'structure', 'structure/odihr'],
  ['OSCE/ODIHR', 'structure', 'structure/odihr'],
  ['ODIHR', 'structure', 'structure/odihr'],
  ['OSCE Chairmanship', 'structure', 'structure/chairpersonship'],
  ['OSCE Chairman-in-Office', 'structure', 'structure/chairpersonship'],
  ['OSCE Mission to Georgia (closed)', 'structure', 'field-operation/mission-to-georgia'],
  ['OSCE Office in Baku (discontinued)', 'structure', 'field-operation/project-co-ordinator-in-baku'],
  ['OSCE Special Representative and Co-ordinator for Combating Trafficking in Human Beings', 'structure',
    'structure/office-of-the-special-representative-and-co-ordinator-for-combating-trafficking-in-human-beings'],
  ['Ministry of Magic', 'structure', undefined],
  ['Combating human trafficking', 'field', 'field/combating-trafficking-in-human-beings'],
  ['CYBER/ICT SECURITY', 'field', 'field/cyber-ict-security'],
  ['Democratisation', 'field', 'field/democratization'],
  ['Knitting', 'field', undefined],
  ['PRIŠTINA', 'place', 'place/prishtine-pristina'],
  ['VIENNA', 'place', 'place/vienna'],
  ['News', 'content-type', 'content-type/news-item'],
  ['The Netherlands', 'country', 'country/nl'],
  ['Turkey', 'country', 'country/tr'],
  ['Czech Republic', 'country', 'country/cz'],
];

for (const [name, category, expected] of LOOKUPS) {
  test(`"${name}" resolves to ${expected ?? 'nothing'} among ${category}`, () => {
    assert.equal(id(referenceIndex(BASE).find(name, category)?.iri), expected);
  });
}

test('a misspelled place one edit away from a known one resolves to it; short or ambiguous names do not', () => {
  const index = referenceIndex(BASE);
  assert.equal(id(index.findNear('YERAVAN', 'place')?.iri), 'place/yerevan');
  assert.equal(index.findNear('Vienn', 'place'), undefined);
  assert.equal(index.findNear('Atlantis', 'place'), undefined);
});

test('normalizeName ignores case, diacritics, "OSCE"/"the" prefixes and a "(closed)" suffix', () => {
  assert.equal(normalizeName('The OSCE Mission to Croatia (closed)'), 'mission to croatia');
  assert.equal(normalizeName('PRIŠTINA'), 'pristina');
});

test('body text finds States by everyday English names, not by adjectives or "participating States"', () => {
  const found = findNames('Experts from Russia, the United States and Georgian NGOs met 12 participating States.', referenceIndex(BASE));
  assert.deepEqual(found.map((f) => id(f.iri)), ['country/ru', 'country/us']);
});

test('a page without a content-type line after the site menu is a press release with the right title', () => {
  const { record } = buildRelease(SEED.replace('Press release\n', ''), referenceIndex(BASE));
  assert.equal(record.title, 'OSCE holds expert meeting on building trust between police and Roma and Sinti communities');
  assert.equal(id(record.contentType.iri), 'content-type/press-release');
});

test('a content type the reference data lacks is kept as genre text without a concept', () => {
  const { record, quads } = buildRelease(SEED.replace('Press release\n', 'Feature story\n'), referenceIndex(BASE));
  assert.deepEqual(record.contentType, { iri: undefined, label: 'Feature story' });
  assert.equal(quads.filter((q) => q.predicate.value.endsWith('#contentType')).length, 0);
  assert.equal(quads.find((q) => q.predicate.value === 'http://schema.org/genre')?.object.value, 'Feature story');
});

test('a source naming the OSCE as a whole is known but gives no publisher (only structures publish)', () => {
  const { record } = buildRelease(SEED.replace('- OSCE Secretariat, OSCE Office', '- OSCE, OSCE Office'), referenceIndex(BASE));
  assert.deepEqual(record.publishers.map(id), ['structure/odihr']);
});

test('a name in Cyrillic and its Latin spelling are the same name; others are not', async () => {
  const { sameNameAcrossScripts } = await import('../../src/ingest/person-key.js');
  const same: [string, string][] = [['Helga Maria Schmid', 'Гельга Марія Шмід'], ['Helga Maria Schmid', 'Хельга Мария Шмид'],
    ['Matteo Mecacci', 'Маттео Мекаччи'], ['Lamberto Zannier', 'Ламберто Занньер'], ['Michael Georg Link', 'Михаэль Георг Линк'],
    ['Ingibjörg Sólrún Gísladóttir', 'Ингибьёрг Сольрун Гисладоттир'], ['Feridun H. Sinirlioğlu', 'Феридун Синирлиоглу'],
    // Romance spellings as Russian transliterates them: soft g and j as "ж"/"дж", silent final letters and h
    ['Gérard Stoudmann', 'Жерар Штудманн'], ['Giancarlo Aragona', 'Джанкарло Арагона'], ['Mircea Geoană', 'Мирча Джоанэ'],
    ['Didier Burkhalter', 'Дидье Буркхальтер'], ['Harlem Désir', 'Арлем Дезир'], ['Max van der Stoel', 'Макс ван дер Стул']];
  for (const [a, b] of same) assert.equal(sameNameAcrossScripts(a, b), true, `${a} / ${b}`);
  const different: [string, string][] = [['Matteo Mecacci', 'Марко Мекаччи'], ['Lamberto Zannier', 'Ламберто'], ['Thomas Greminger', 'Томас Гремин'],
    ['Gérard Stoudmann', 'Жанна Штудманн'], ['Giancarlo Aragona', 'Джон Арагона']];
  for (const [a, b] of different) assert.equal(sameNameAcrossScripts(a, b), false, `${a} / ${b}`);
});
