import { test } from 'node:test';
import assert from 'node:assert/strict';
import { holdsOn, literalRange, onlyHolding } from '../../src/model/periods.js';

const XSD = 'http://www.w3.org/2001/XMLSchema#';
const day = (d: string) => ({ earliest: d, latest: d });

test('literal precision: a date is one day, a month and a year span their days (leap years included)', () => {
  assert.deepEqual(literalRange('2020-07-18', `${XSD}date`), day('2020-07-18'));
  assert.deepEqual(literalRange('2020-02', `${XSD}gYearMonth`), { earliest: '2020-02-01', latest: '2020-02-29' });
  assert.deepEqual(literalRange('2019-02', `${XSD}gYearMonth`), { earliest: '2019-02-01', latest: '2019-02-28' });
  assert.deepEqual(literalRange('1998', `${XSD}gYear`), { earliest: '1998-01-01', latest: '1998-12-31' });
  assert.equal(literalRange('2020-13', `${XSD}gYearMonth`), undefined);
  assert.equal(literalRange('2020-02-30', `${XSD}date`), undefined);
  assert.equal(literalRange('1998', `${XSD}string`), undefined);
});

test('an end is the first day out of force (half-open); an imprecise boundary leaves its days open', () => {
  const renamed = { end: day('1995-01-01') };
  assert.equal(holdsOn(renamed, '1994-12-31'), 'yes');
  assert.equal(holdsOn(renamed, '1995-01-01'), 'no');
  const since = { begin: day('1995-01-01') };
  assert.equal(holdsOn(since, '1995-01-01'), 'yes');
  assert.equal(holdsOn(since, '1994-12-31'), 'no');
  const years = { begin: literalRange('1993', `${XSD}gYear`)!, end: literalRange('1996', `${XSD}gYear`)! };
  assert.deepEqual(['1992-12-31', '1993-01-01', '1993-12-31', '1994-01-01', '1995-12-31', '1996-01-01', '1996-12-31', '1997-01-01'].map((d) => holdsOn(years, d)),
    ['no', 'maybe', 'yes', 'yes', 'yes', 'maybe', 'no', 'no']); // 1993-12-31: the latest possible first day
  assert.equal(holdsOn({}, '2000-01-01'), 'yes');
});

test('only one candidate that certainly holds while the others certainly do not is an answer', () => {
  const a = { begin: day('2000-01-01'), end: day('2001-01-01') };
  const b = { begin: day('2001-01-01') };
  const fuzzy = { begin: literalRange('2000', `${XSD}gYear`)! };
  assert.equal(onlyHolding([a, b], (x) => x, '2000-06-01'), a);
  assert.equal(onlyHolding([a, b], (x) => x, '2001-01-01'), b);
  assert.equal(onlyHolding([a, fuzzy], (x) => x, '2000-06-01'), undefined);
  assert.equal(onlyHolding([a, { ...a }], (x) => x, '2000-06-01'), undefined); // two certain holders: not one answer
  assert.equal(onlyHolding([a, b], (x) => x, '1999-01-01'), undefined);
});
