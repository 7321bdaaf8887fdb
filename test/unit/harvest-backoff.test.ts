/**
 * Retry-After (RFC 9110 §10.2.3) and exponential backoff with a cap; and the harvest options a user gives.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRetryAfter, retryDelay } from '../../src/harvest/backoff.js';
import { harvestOptions, userAgentOf } from '../../src/harvest/options.js';
import { VERSION } from '../../src/model/version.js';
import { isAppError } from '../../src/errors.js';

const NOW = Date.parse('2024-03-05T10:00:00Z');

test('Retry-After as seconds or as an HTTP-date; unreadable or absent is undefined', () => {
  assert.equal(parseRetryAfter('120', NOW), 120_000);
  assert.equal(parseRetryAfter(' 0 ', NOW), 0);
  assert.equal(parseRetryAfter('Tue, 05 Mar 2024 10:00:30 GMT', NOW), 30_000);
  assert.equal(parseRetryAfter('Tue, 05 Mar 2024 09:00:00 GMT', NOW), 0, 'a date in the past: now');
  assert.equal(parseRetryAfter('soon', NOW), undefined);
  assert.equal(parseRetryAfter(null, NOW), undefined);
});

test('backoff doubles from the base, is capped, and yields to a longer Retry-After', () => {
  const policy = { baseMs: 1000, capMs: 10_000, retries: 5 };
  assert.deepEqual([0, 1, 2, 3, 4].map((n) => retryDelay(n, undefined, policy)), [1000, 2000, 4000, 8000, 10_000]);
  assert.equal(retryDelay(0, 7000, policy), 7000);
  assert.equal(retryDelay(3, 1000, policy), 8000, 'never less than the backoff');
});

test('gives up after the last retry, or when the server asks for longer than the cap', () => {
  const policy = { baseMs: 1000, capMs: 10_000, retries: 2 };
  assert.equal(retryDelay(2, undefined, policy), undefined);
  assert.equal(retryDelay(0, 3_600_000, policy), undefined);
});

test('the User-Agent names osce-kg, its version and the contact URL', () => {
  assert.equal(userAgentOf(undefined), `osce-kg/${VERSION}`);
  assert.equal(userAgentOf('https://example.org/contact'), `osce-kg/${VERSION} (+https://example.org/contact)`);
});

test('harvest options: defaults, and a 400 naming the option that is wrong, as POST /harvest and the command name it', () => {
  const opts = harvestOptions({ urls: ['https://www.example.org/', 'https://www.example.org/#x'] });
  assert.deepEqual(opts.seeds, ['https://www.example.org/']);
  assert.equal(opts.delayMs, 1000);
  assert.equal(opts.maxPages, undefined);
  const bad: [Parameters<typeof harvestOptions>[0], RegExp][] = [
    [{ urls: [] }, /at least one URL/],
    [{ urls: ['ftp://example.org/'] }, /http\(s\) URL, got "ftp:/],
    [{ urls: ['https://example.org/'], include: ['(unclosed'] }, /^"include" \(--include\) "\(unclosed" is not a valid regular expression/],
    [{ urls: ['https://example.org/'], since: 'last week' }, /^"since" \(--since\) must be a date/],
    [{ urls: ['https://example.org/'], delayMs: -5 }, /^"delayMs" \(--delay-ms\) must be an integer of at least 0, got -5\.$/],
    [{ urls: ['https://example.org/'], maxPages: 0 }, /^"maxPages" \(--max-pages\) must be an integer of at least 1/],
  ];
  for (const [req, message] of bad) {
    assert.throws(() => harvestOptions(req), (e: unknown) => isAppError(e) && e.status === 400 && e.code === 'INVALID_HARVEST_OPTION' && message.test(e.message));
  }
});
