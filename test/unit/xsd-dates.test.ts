/** XSD date and time literals whose day must exist (src/model/xsd-dates.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isCalendarDay, isXsdDate, isXsdDateTime, isXsdGYearMonth } from '../../src/model/xsd-dates.js';

const cases: Array<[(v: string) => boolean, string, boolean]> = [
  [isXsdDate, '2009-12-31', true], [isXsdDate, '2008-02-29', true], [isXsdDate, '2000-02-29', true], [isXsdDate, '2009-03-14Z', true],
  [isXsdDate, '2009-03-14+14:00', true], [isXsdDate, '-0044-03-15', true], [isXsdDate, '12009-01-01', true],
  [isXsdDate, '2009-13-45', false], [isXsdDate, '2009-02-29', false], [isXsdDate, '1900-02-29', false], [isXsdDate, '2025-04-31', false],
  [isXsdDate, '2009-00-10', false], [isXsdDate, '2009-01-00', false], [isXsdDate, '2009-1-10', false], [isXsdDate, '2009-03-14+15:00', false],
  [isXsdDate, '0000-1-1', false], [isXsdDate, '02009-01-01', false],
  [isXsdDateTime, '2009-03-14T10:20:30Z', true], [isXsdDateTime, '2009-03-14T10:20:30.125+01:00', true], [isXsdDateTime, '2009-03-14T24:00:00', true],
  [isXsdDateTime, '2009-03-14T24:00:01', false], [isXsdDateTime, '2009-03-14T25:00:00', false], [isXsdDateTime, '2009-03-14T10:60:00', false],
  [isXsdDateTime, '2009-03-14T10:00:60', false], [isXsdDateTime, '2009-02-30T10:00:00', false],
  [isXsdGYearMonth, '2009-12', true], [isXsdGYearMonth, '2009-13', false], [isXsdGYearMonth, '2009-00', false],
];
for (const [check, value, expected] of cases) {
  test(`${check.name}("${value}") is ${expected}`, () => assert.equal(check(value), expected));
}

test('xsd:dateTimeStamp needs a timezone', () => {
  assert.equal(isXsdDateTime('2009-03-14T10:20:30', true), false);
  assert.equal(isXsdDateTime('2009-03-14T10:20:30Z', true), true);
});

test('every day of 2000 and 2100 exists exactly when the calendar has it', () => {
  for (const [year, days] of [[2000, 366], [2100, 365]] as const) {
    let n = 0;
    for (let m = 1; m <= 13; m++) for (let d = 0; d <= 32; d++) if (isCalendarDay(year, m, d)) n++;
    assert.equal(n, days);
  }
});
