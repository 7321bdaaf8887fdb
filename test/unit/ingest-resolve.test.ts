/**
 * Table-driven name resolution of the labelled fields: sources and fields of work in any language, by a name inside
 * a longer value, by the place of a field operation and the page's date, by a title's masculine form, by the same
 * words in another order, names run together; places with a country in parentheses; names left out are noted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { referenceIndex } from '../../src/ingest/index.js';
import { masculineForms, resolveList, resolvePlaces, type Problem } from '../../src/ingest/resolve.js';

const BASE = 'http://localhost:8080/';
const index = referenceIndex(BASE);
const key = (iri: string) => iri.slice(`${BASE}id/`.length);

const SOURCES: [value: string, date: string | undefined, want: string[]][] = [
  ['OSCE Secretariat, OSCE Office for Democratic Institutions and Human Rights', '2013-05-14', ['structure/secretariat', 'structure/odihr']],
  ['Secrétariat de l’OSCE', '2018-04-12', ['structure/secretariat']],
  ['Генеральный секретарь ОБСЕ', '2019-10-24', ['structure/secretary-general']],
  ['пресс-служба ПА ОБСЕ', '2017-02-23', ['structure/parliamentary-assembly']],
  ['Présidence belge de l’OSCE', '2006-12-06', ['structure/chairpersonship']],
  ['OSZE-Mission im Kosovo', '2011-10-24', ['field-operation/mission-in-kosovo']],
  ['Mission in Serbien', '2019-03-12', ['field-operation/mission-to-serbia']],
  ['Prezenca e OSBE-së në Shqipëri', '2016-05-17', ['field-operation/presence-in-albania']],
  ['OSCE Programme Office in Nur-Sultan', '2020-02-25', ['field-operation/programme-office-in-astana']],
  ['Représentante de l’OSCE pour la liberté des médias', '2011-05-05', ['structure/representative-on-freedom-of-the-media']],
  ['OSCE Mission to Croatia (closed)', '2005-06-27', ['field-operation/office-in-zagreb']],
  // decision 0030: an Office by its head's office, in French; the Chairpersonship in Serbian and Macedonian
  ["Présidence, Coordonnateur des activités économiques et environnementales de l'OSCE", '2011-10-12', ['structure/chairpersonship', 'structure/office-of-the-co-ordinator-of-osce-economic-and-environmental-activities']],
  ['Председавање ОЕБС-ом, Мисија ОЕБС-а у Србији', '2015-09-16', ['structure/chairpersonship', 'field-operation/mission-to-serbia']],
  ['Головування України в ОБСЄ, Координатор проектів в Україні', '2013-10-08', ['structure/chairpersonship', 'field-operation/project-co-ordinator-in-ukraine']],
  ['OSCE', '2010-01-01', []],
  ['Ministry of Foreign Affairs of Serbia', '2019-03-12', []],
];

for (const [value, date, want] of SOURCES) {
  test(`source ${JSON.stringify(value)}`, () => {
    const notes: Problem[] = [];
    const got = resolveList([value], index, { category: 'structure', also: ['organization'], code: 'UNKNOWN_SOURCE', what: 'source', notes, line: 7, ...(date ? { date } : {}) });
    assert.deepEqual(got.map(key), want);
    if (want.length === 0 && value !== 'OSCE') assert.deepEqual(notes.map((n) => [n.code, n.line]), [['UNKNOWN_SOURCE', 7]]);
  });
}

const FIELDS: [value: string, want: string[]][] = [
  ['Tolérance et non-discrimination, Droits de l’homme', ['field/tolerance-and-non-discrimination', 'field/human-rights']],
  ['Кибербезопасность/безопасность ИКТ', ['field/cyber-ict-security']],
  ['Liberté des médias et développement', ['field/media-freedom-and-development']],
  ['ElectionsHuman rights', ['field/elections', 'field/human-rights']],
  ['Elections | Democratization', ['field/elections', 'field/democratization']],
  ['Medienfreiheit und Medienentwicklung', ['field/media-freedom-and-development']],
  ['Konfliktverhütung und -beilegung', ['field/conflict-prevention-and-resolution']],
  ['Слобода и развој медија', ['field/media-freedom-and-development']],
  ['Роми и Синти', ['field/roma-and-sinti']],
  ['Полицейская деятельность', ['field/policing']],
  ['Кібер/ІКТ безпека', ['field/cyber-ict-security']],
  ['Деятельность в области охраны окружающей среды', ['field/environmental-activities']],
  // a field by the words that tell it apart, in another phrasing: not by a word every field may have
  ['Экологические вопросы', ['field/environmental-activities']],
  ['Menschenhandel, Umweltfragen', ['field/combating-trafficking-in-human-beings', 'field/environmental-activities']],
  ['Верховенство закона', ['field/rule-of-law']],
  ['Minorités nationales', ['field/national-minority-issues']],
  ['Питања националних мањина', ['field/national-minority-issues']],
  ['Trafikimi i qenieve njerëzore, Pakicat kombëtare', ['field/combating-trafficking-in-human-beings', 'field/national-minority-issues']],
  ['Water management', []],
  ['Sicherheit', []],
  ['Права детей', []],
  // kind M16: Albanian fields in their other words ("the young people"), inside a phrase; two fields joined by "and"
  ['Të rinjtë', ['field/youth']],
  ['Puna me të rinjtë', ['field/youth']],
  ['Edukimi dhe të rinjtë', ['field/education', 'field/youth']],
  ['Bildung und Jugend', ['field/education', 'field/youth']],
  ['Rule of law and human rights', ['field/rule-of-law', 'field/human-rights']],
  ['Roma and Sinti', ['field/roma-and-sinti']],
  ['Conflict prevention and resolution', ['field/conflict-prevention-and-resolution']],
  ['Reforma e sektorit të sigurisë', ['field/reform-and-co-operation-in-the-security-sector']],
  ['Родова еднаквост, Демократизација', ['field/gender-equality', 'field/democratization']],
  ['Реформа та співпраця в секторі безпеки, Екологічна діяльність', ['field/reform-and-co-operation-in-the-security-sector', 'field/environmental-activities']],
];

for (const [value, want] of FIELDS) {
  test(`field of work ${JSON.stringify(value)}`, () => {
    const got = resolveList([value], index, { category: 'field', code: 'UNKNOWN_FIELD_OF_WORK', what: 'field of work', notes: [] });
    assert.deepEqual(got.map(key), want);
  });
}

test('masculine forms of office titles', () => {
  assert.deepEqual(masculineForms('Secrétaire générale'), ['Secrétaire général']);
  assert.deepEqual(masculineForms('Hohe Kommissarin für nationale Minderheiten'), ['Hoher Kommissar für nationale Minderheiten']);
  assert.deepEqual(masculineForms('Director'), []);
});

test('places: a country in parentheses or after a comma is the State, not a place; junk is never minted', () => {
  const places = (groups: string[]) => resolvePlaces(groups, index, index.iris).map((p) => (p.minted ? `${key(p.iri)}<${p.country ? key(p.country) : ''}` : key(p.iri)));
  assert.deepEqual(places(['Vienne (Autriche)']), ['place/vienna']);
  assert.deepEqual(places(['OSH', 'Kyrgyzstan']), ['place/osh<country/kg']);
  assert.deepEqual(places(['Vienne Sujets : Liberté des médias']), ['place/vienna']);
  assert.deepEqual(places(['somewhere in the north']), []);
  // a Cyrillic city the data lacks is keyed in a simple Latin spelling
  assert.deepEqual(places(['ТБИЛИСИ']), ['place/tbilisi<']);
});

test('content types up to the inflection of their words, and only when one fits', () => {
  assert.equal(index.findInflected('Соопштение за медиуми', 'content-type')?.label, 'Press release');
  assert.equal(index.findInflected('Объявление для СМИ', 'content-type')?.label, 'Media advisory');
  assert.equal(index.findInflected('Press', 'content-type'), undefined);
  assert.equal(index.findInflected('Presses releases of the week', 'content-type'), undefined);
});
