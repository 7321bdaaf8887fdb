/**
 * Release keys are a function of the date and the headline only: unique for headlines that share their first 60
 * slug characters, identical for headlines that differ only in case or punctuation, and unchanged for short ones.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { releaseKey } from '../../src/ingest/index.js';

const LONG = 'OSCE holds expert meeting on building trust between police and Roma and Sinti communities';
const SIBLING = 'OSCE holds expert meeting on building trust between police and Roma and Sinti youth';

test('a headline whose slug fits in 60 characters is the key as is', () => {
  assert.equal(releaseKey('2010-05-03', 'OSCE talks on policing in May'), '2010-05-03-osce-talks-on-policing-in-may');
});

test('two long headlines of one day sharing their first 60 characters get distinct keys', () => {
  const a = releaseKey('2009-10-28', LONG);
  const b = releaseKey('2009-10-28', SIBLING);
  assert.notEqual(a, b);
  assert.equal(a, '2009-10-28-osce-holds-expert-meeting-on-building-trust-between-d21c9cff');
  assert.match(b, /^2009-10-28-osce-holds-expert-meeting-on-building-trust-between-[0-9a-f]{8}$/);
});

test('long keys are cut at a word boundary and stay within 60 characters after the date', () => {
  for (const title of [LONG, SIBLING, `${'Supercalifragilistic'.repeat(5)} word`, 'a '.repeat(80)]) {
    const key = releaseKey('2020-01-01', title);
    assert.ok(key.length <= 11 + 60, key);
    assert.match(key, /^2020-01-01-[a-z0-9]+(?:-[a-z0-9]+)*$/);
  }
});

test('the key does not depend on anything but date and headline slug', () => {
  assert.equal(releaseKey('2009-10-28', LONG.toUpperCase()), releaseKey('2009-10-28', LONG));
  assert.equal(releaseKey('2009-10-28', LONG.replace('meeting on', 'meeting: on')), releaseKey('2009-10-28', LONG));
  assert.equal(releaseKey('2009-10-29', LONG), releaseKey('2009-10-28', LONG).replace('2009-10-28', '2009-10-29'));
  assert.match(releaseKey('2009-10-28', 'Заявление ОБСЕ'), /^2009-10-28-[0-9a-f]{12}$/);
});
