/**
 * Table-driven datelines in every style seen on osce.org pages (osce-facts.md), and lines that are not datelines.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDateline, splitGluedCaption } from '../../src/ingest/dateline.js';

const known = new Set(['warsaw', 'vienna']);
const isPlace = (name: string) => known.has(name.toLowerCase());

type Want = [places: string[], day: number | undefined, month: number | undefined, year: number | undefined, standalone: boolean] | null;

const CASES: [line: string, want: Want][] = [
  ['VIENNA, 28 October 2009 - A two-day workshop started today.', [['VIENNA'], 28, 10, 2009, false]],
  ['VIENNA, 28 October 2009 – Text with an en dash.', [['VIENNA'], 28, 10, 2009, false]],
  ['VIENNA, 28 October 2009 — Text with an em dash.', [['VIENNA'], 28, 10, 2009, false]],
  ['TIRANA, 27 March 2007- The dash is glued to the date.', [['TIRANA'], 27, 3, 2007, false]],
  ['VIENNA/BELGRADE, 3 May 2011 - Two cities.', [['VIENNA/BELGRADE'], 3, 5, 2011, false]],
  ['VIENNA / SARAJEVO, 3 May 2011 - Two cities with spaces.', [['VIENNA / SARAJEVO'], 3, 5, 2011, false]],
  ['OSH, Kyrgyzstan, 14 March 2006- Country after the city.', [['OSH', 'Kyrgyzstan'], 14, 3, 2006, false]],
  ['VIENNA, 23 August – The year is missing.', [['VIENNA'], 23, 8, undefined, false]],
  ['VIENNA- The OSCE said there is no date.', [['VIENNA'], undefined, undefined, undefined, false]],
  ['Warsaw, 14 April 2025 – Mixed case.', [['Warsaw'], 14, 4, 2025, false]],
  ['Warsaw - Mixed case without a date, known place.', [['Warsaw'], undefined, undefined, undefined, false]],
  ['PRISHTINË/PRIŠTINA, 5 May 2010 - Bilingual.', [['PRISHTINË/PRIŠTINA'], 5, 5, 2010, false]],
  ['28 January 2015, SARAJEVO – Date before the city.', [['SARAJEVO'], 28, 1, 2015, false]],
  ['Ust-Kamenogorsk, 5 May 2009 - A hyphenated city.', [['Ust-Kamenogorsk'], 5, 5, 2009, false]],
  ['VIENNA 12 July 2001', [['VIENNA'], 12, 7, 2001, true]],
  ['October 28, 2009 - US-style date.', [[], 28, 10, 2009, false]],
  ['KYIV, 24 March 2014 –The first monitors arrived. No space after the dash.', [['KYIV'], 24, 3, 2014, false]],
  ['БИШКЕК, 3 марта 2018 г. – Сорок представителей.', [['БИШКЕК'], 3, 3, 2018, false]],
  ['BEOGRAD, 12. oktobra 2017. – Okrugli sto.', [['BEOGRAD'], 12, 10, 2017, false]],
  ['MADRID, 11 de enero de 2007 – El Presidente.', [['MADRID'], 11, 1, 2007, false]],
  ['TIRANA/SHKODËR, 11 February 2020 – Two cities, one with a diacritic.', [['TIRANA/SHKODËR'], 11, 2, 2020, false]],
  ['Vienna, Austria, 5 March 2025 – City and country in mixed case.', [['Vienna', 'Austria'], 5, 3, 2025, false]],
  ['ГЕНЕВА 3 октобар 2000', [['ГЕНЕВА'], 3, 10, 2000, true]],
  ['The OSCE Mission – in co-operation with partners – held a meeting.', null],
  ['Experts met on 5 May 2010 in Vienna to discuss policing.', null],
  ['OSCE - the organization itself is not a place.', null],
  ['Brussels hosts talks - a sentence, not a dateline.', null],
];

for (const [line, want] of CASES) {
  test(`dateline ${JSON.stringify(line.slice(0, 50))}`, () => {
    const m = parseDateline(line, isPlace);
    if (want === null) return assert.equal(m, undefined);
    assert.ok(m, 'a dateline');
    assert.deepEqual([m.dateline.places, m.dateline.day, m.dateline.month, m.dateline.year, m.standalone], want);
    if (!m.standalone) assert.ok(line.startsWith(m.dateline.prefix) && m.dateline.prefix.length > 0);
  });
}

test('a photo caption glued to the dateline is split off at the seam', () => {
  const line = 'Members of the Committee at the opening session, 2 June 2016VIENNA, 2 June 2016 – The seminar opened.';
  assert.deepEqual(splitGluedCaption(line, isPlace), ['Members of the Committee at the opening session, 2 June 2016', 'VIENNA, 2 June 2016 – The seminar opened.']);
  assert.equal(splitGluedCaption('VIENNA, 2 June 2016 – No caption here.', isPlace), undefined);
  assert.equal(splitGluedCaption('The 2016 OSCE Chairmanship met today.', isPlace), undefined);
});
