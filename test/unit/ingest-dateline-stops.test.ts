/**
 * Datelines without a dash (kind M27): a head closed by a full stop or a comma, in several languages, and the article
 * a date takes ("le", "el", "am"), which is never a place. Sentences that open with a date stay sentences.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDateline } from '../../src/ingest/dateline.js';

const known = new Set(['vienna', 'warsaw']);
const isPlace = (name: string) => known.has(name.toLowerCase());

type Want = [places: string[], day: number, month: number, year: number, prefix: string] | null;

const CASES: [line: string, want: Want][] = [
  ['COPENHAGEN, 18 June 2026. The Assembly announced a conference.', [['COPENHAGEN'], 18, 6, 2026, 'COPENHAGEN, 18 June 2026. ']],
  ['NOVI SAD, 3. mart 2021. Dvodnevna radionica počinje sutra.', [['NOVI SAD'], 3, 3, 2021, 'NOVI SAD, 3. mart 2021. ']],
  ['SEVILLA, 12 de mayo de 2023. El seminario reunió a treinta jueces.', [['SEVILLA'], 12, 5, 2023, 'SEVILLA, 12 de mayo de 2023. ']],
  ['STRASBOURG, 9 mars 2015, Le Bureau a publié un rapport.', [['STRASBOURG'], 9, 3, 2015, 'STRASBOURG, 9 mars 2015, ']],
  ['Warsaw, 14 April 2025. “We are ready,” the Director said.', [['Warsaw'], 14, 4, 2025, 'Warsaw, 14 April 2025. ']],
  ['NANCY, le 4 juin 2012 – Le séminaire a commencé.', [['NANCY'], 4, 6, 2012, 'NANCY, le 4 juin 2012 – ']],
  ['BORDEAUX, le 4 juin 2012. Le séminaire a commencé.', [['BORDEAUX'], 4, 6, 2012, 'BORDEAUX, le 4 juin 2012. ']],
  ['LE HAVRE, 4 juin 2012 – Le port accueille des experts.', [['LE HAVRE'], 4, 6, 2012, 'LE HAVRE, 4 juin 2012 – ']],
  ['Le 4 juin 2012 – Le séminaire a commencé.', [[], 4, 6, 2012, 'Le 4 juin 2012 – ']],
  ['ОХРИД, 5 мај 2020 година. Семинарот започна денес.', [['ОХРИД'], 5, 5, 2020, 'ОХРИД, 5 мај 2020 година. ']],
  ['ТОМСК, 5 мая 2020 г. Семинар начался сегодня.', [['ТОМСК'], 5, 5, 2020, 'ТОМСК, 5 мая 2020 г. ']],
  ['PRIZREN, 5 May 2020: The seminar opened today.', [['PRIZREN'], 5, 5, 2020, 'PRIZREN, 5 May 2020: ']],
  ['GRAZ (5 May 2020) – The seminar opened today.', [['GRAZ'], 5, 5, 2020, 'GRAZ (5 May 2020) – ']],
  // sentences, not datelines: no place, a place word that is not known, a date without its year
  ['Today, 5 May 2020. The Mission said so.', null],
  ['Kragujevac hosted, 5 May 2020. The Mission said so.', null],
  ['On 5 May 2020, The Mission opened an office.', null],
  ['BELGRADE, 5 May. The Mission opened an office.', null],
  ['Today: The Mission opened an office.', null],
];

for (const [line, want] of CASES) {
  test(`dateline without a dash: ${line.slice(0, 48)}`, () => {
    const got = parseDateline(line, isPlace);
    if (want === null) {
      assert.ok(got === undefined || got.dateline.day === undefined || got.dateline.places.length === 0 && got.dateline.year === undefined, JSON.stringify(got));
      return;
    }
    assert.ok(got, 'no dateline read');
    assert.deepEqual([got.dateline.places, got.dateline.day, got.dateline.month, got.dateline.year, got.dateline.prefix], want);
    assert.equal(got.standalone, false);
  });
}
