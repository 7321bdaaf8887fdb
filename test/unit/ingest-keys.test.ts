/**
 * Release keys (docs/decisions/0001-release-identity.md): `{date}-{slug ≤ 48}-{8 hex of sha256(identity)}`, readable,
 * and distinct for two pages of one day with one title; and the rule before it (`releaseKey`, date and title only),
 * which earlier versions issued IRIs under and which must keep giving the same keys so those IRIs stay valid.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { identityKey, keySlug, releaseKey } from '../../src/ingest/keys.js';

const LONG = 'OSCE holds expert meeting on building trust between police and Roma and Sinti communities';
const SIBLING = 'OSCE holds expert meeting on building trust between police and Roma and Sinti youth';
const URL = 'https://www.osce.org/odihr/900001';
const hex8 = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 8);

test('a key is date, title slug and 8 hex digits of the SHA-256 of the identity', () => {
  assert.equal(identityKey('2010-05-03', 'OSCE talks on policing in May', URL), `2010-05-03-osce-talks-on-policing-in-may-${hex8(URL)}`);
  assert.equal(hex8(URL), createHash('sha256').update('https://www.osce.org/odihr/900001').digest('hex').slice(0, 8));
});

test('two pages of one day with one title get two keys; one page keeps its key whatever the title case', () => {
  const a = identityKey('2010-05-03', 'Daily report', 'https://www.osce.org/a');
  const b = identityKey('2010-05-03', 'Daily report', 'https://www.osce.org/b');
  const c = identityKey('2010-05-03', 'Daily report', 'sha256:00ff');
  assert.equal(new Set([a, b, c]).size, 3);
  assert.equal(identityKey('2010-05-03', 'DAILY REPORT', 'https://www.osce.org/a'), a);
});

test('the slug is cut at a word boundary within 48 characters', () => {
  assert.equal(identityKey('2009-10-28', LONG, URL), `2009-10-28-osce-holds-expert-meeting-on-building-trust-${hex8(URL)}`);
  for (const title of [LONG, SIBLING, `${'Supercalifragilistic'.repeat(5)} word`, 'a '.repeat(80), 'x'.repeat(48), `${'x'.repeat(47)} y`]) {
    const key = identityKey('2020-01-01', title, URL);
    assert.match(key, /^2020-01-01-[a-z0-9]+(?:-[a-z0-9]+)*-[0-9a-f]{8}$/);
    assert.ok(key.length <= 11 + 48 + 9, key);
  }
  assert.equal(identityKey('2020-01-01', `${'x'.repeat(47)} y`, URL), `2020-01-01-${'x'.repeat(47)}-${hex8(URL)}`);
  assert.equal(identityKey('2020-01-01', 'x'.repeat(60), URL), `2020-01-01-${'x'.repeat(48)}-${hex8(URL)}`);
});

test('Cyrillic headlines are transliterated into a readable slug; a headline with no letters gives the hash alone', () => {
  assert.equal(keySlug('Заявление ОБСЕ о выборах в Кыргызстане'), 'zayavlenie-obse-o-vyborakh-v-kyrgyzstane');
  assert.equal(keySlug('Місія ОБСЄ в Україні'), 'misiya-obsye-v-ukrayini');
  assert.equal(keySlug('Мисија ОЕБС у Србији'), 'misija-oebs-u-srbiji');
  assert.equal(identityKey('2016-03-03', '— « » —', URL), `2016-03-03-${hex8(URL)}`);
});

test('the rule before 0001 still gives the keys it issued (date and headline slug only)', () => {
  assert.equal(releaseKey('2010-05-03', 'OSCE talks on policing in May'), '2010-05-03-osce-talks-on-policing-in-may');
  assert.equal(releaseKey('2009-10-28', LONG), '2009-10-28-osce-holds-expert-meeting-on-building-trust-between-d21c9cff');
  assert.match(releaseKey('2009-10-28', SIBLING), /^2009-10-28-osce-holds-expert-meeting-on-building-trust-between-[0-9a-f]{8}$/);
  assert.notEqual(releaseKey('2009-10-28', SIBLING), releaseKey('2009-10-28', LONG));
  assert.equal(releaseKey('2009-10-28', LONG.toUpperCase()), releaseKey('2009-10-28', LONG));
  assert.match(releaseKey('2009-10-28', 'Заявление ОБСЕ'), /^2009-10-28-[0-9a-f]{12}$/);
});
