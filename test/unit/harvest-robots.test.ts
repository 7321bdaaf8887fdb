/**
 * robots.txt rules for osce-kg (RFC 9309): groups, Allow over Disallow by longest match, wildcards, Crawl-delay,
 * Sitemap lines, and what a missing or unreachable file means.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRobots, robotsUrlOf, rulesWithoutFile } from '../../src/harvest/robots.js';

const ROBOTS = 'https://www.example.org/robots.txt';
const TEXT = [
  'User-agent: *',
  'Disallow: /private/',
  'Allow: /private/press-kit/',
  'Disallow: /*.pdf$',
  'Crawl-delay: 5',
  '',
  'User-agent: osce-kg',
  'Disallow: /search',
  'Allow: /',
  'Crawl-delay: 2.5',
  '',
  'Sitemap: https://www.example.org/sitemap.xml',
  'Sitemap: /sitemaps/news.xml',
].join('\n');

test('the osce-kg group replaces the * group', () => {
  const rules = parseRobots(ROBOTS, TEXT);
  assert.equal(rules.allows('https://www.example.org/search?q=x'), false);
  assert.equal(rules.allows('https://www.example.org/private/x'), true, 'the * group does not apply to osce-kg');
  assert.equal(rules.crawlDelayMs(), 2500);
});

test('without an own group, * applies: the longest match wins, wildcards and $ anchor', () => {
  const rules = parseRobots(ROBOTS, TEXT.split('\n\n')[0] ?? '');
  const cases: [string, boolean][] = [
    ['https://www.example.org/private/report', false],
    ['https://www.example.org/private/press-kit/photo', true],
    ['https://www.example.org/files/a.pdf', false],
    ['https://www.example.org/files/a.pdf?download=1', true],
    ['https://www.example.org/news/1', true],
  ];
  for (const [url, allowed] of cases) assert.equal(rules.allows(url), allowed, url);
  assert.equal(rules.crawlDelayMs(), 5000);
});

test('Sitemap lines are resolved against the robots.txt URL', () => {
  assert.deepEqual(parseRobots(ROBOTS, TEXT).sitemaps(), ['https://www.example.org/sitemap.xml', 'https://www.example.org/sitemaps/news.xml']);
});

test('no Crawl-delay gives undefined; an empty file allows everything', () => {
  const rules = parseRobots(ROBOTS, '');
  assert.equal(rules.crawlDelayMs(), undefined);
  assert.equal(rules.allows('https://www.example.org/anything'), true);
  assert.deepEqual(rules.sitemaps(), []);
});

test('a 4xx robots.txt allows everything; a 5xx or no answer disallows everything (RFC 9309 §2.3.1)', () => {
  assert.equal(rulesWithoutFile(404).allows('https://a.example/x'), true);
  assert.equal(rulesWithoutFile(410).allows('https://a.example/x'), true);
  assert.equal(rulesWithoutFile(503).allows('https://a.example/x'), false);
  assert.equal(rulesWithoutFile(undefined).allows('https://a.example/x'), false);
});

test('the robots.txt of a URL is at the root of its origin', () => {
  assert.equal(robotsUrlOf('https://www.example.org:8443/a/b?c=1#d'), 'https://www.example.org:8443/robots.txt');
});
