/**
 * What makes two pages one release (docs/decisions/0001-release-identity.md): source URL normalization, content
 * normalization and digest, and the placement rule (new, the same page, or a conflict), table-driven.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contentDigest, normalizeContent, normalizeSourceUrl, releaseIdentity } from '../../src/ingest/identity.js';
import { decide, type Candidate, type PageIdentity } from '../../src/ingest/placement.js';

const URLS: Array<[string, string | undefined]> = [
  ['https://www.osce.org/odihr/49932', 'https://www.osce.org/odihr/49932'],
  ['HTTPS://WWW.OSCE.ORG/odihr/49932', 'https://www.osce.org/odihr/49932'],
  ['https://www.osce.org:443/odihr/49932', 'https://www.osce.org/odihr/49932'],
  ['http://www.osce.org:80/odihr/49932', 'http://www.osce.org/odihr/49932'],
  ['http://www.osce.org:8080/odihr/49932', 'http://www.osce.org:8080/odihr/49932'],
  ['https://www.osce.org/odihr/49932/', 'https://www.osce.org/odihr/49932'],
  ['https://www.osce.org/odihr/49932//', 'https://www.osce.org/odihr/49932'],
  ['https://www.osce.org/', 'https://www.osce.org/'],
  ['https://www.osce.org', 'https://www.osce.org/'],
  ['https://www.osce.org/odihr/49932#main-content', 'https://www.osce.org/odihr/49932'],
  ['https://www.osce.org/odihr/49932?utm_source=x&utm_medium=email&fbclid=abc&gclid=1', 'https://www.osce.org/odihr/49932'],
  ['https://www.osce.org/press-releases?page=2&utm_campaign=z&filter=ru', 'https://www.osce.org/press-releases?filter=ru&page=2'],
  ['https://www.osce.org/press-releases?', 'https://www.osce.org/press-releases'],
  ['https://www.osce.org/ru/odihr/49932/', 'https://www.osce.org/ru/odihr/49932'],
  ['https://www.osce.org/RU/odihr/49932', 'https://www.osce.org/RU/odihr/49932'],
  ['https://www.osce.org/a/./b/../c', 'https://www.osce.org/a/c'],
  ['https://www.osce.org/%7Euser/%2fx%3a', 'https://www.osce.org/~user/%2Fx%3A'],
  ['https://user:secret@www.osce.org/odihr/1', 'https://www.osce.org/odihr/1'],
  ['https://www.osce.org./odihr/1', 'https://www.osce.org/odihr/1'],
  ['https://www.osce.org/a|b^c', 'https://www.osce.org/a%7Cb%5Ec'],
  ['  https://www.osce.org/odihr/1  ', 'https://www.osce.org/odihr/1'],
  ['ftp://www.osce.org/odihr/1', undefined],
  ['javascript:alert(1)', undefined],
  ['/odihr/49932', undefined],
  ['not a url', undefined],
];

test('source URLs are normalized: scheme and host case, default port, fragment, tracking, trailing slash, language kept', () => {
  for (const [raw, expected] of URLS) assert.equal(normalizeSourceUrl(raw), expected, raw);
});

test('normalization is idempotent', () => {
  for (const [raw] of URLS) {
    const once = normalizeSourceUrl(raw);
    if (once !== undefined) assert.equal(normalizeSourceUrl(once), once, raw);
  }
});

test('content normalization folds white space, dashes, quotation marks, invisible characters and case', () => {
  const variants = [
    'VIENNA, 3 May 2016 - "We act," she said.',
    'VIENNA,  3 May 2016 – “We act,” she said.',
    'VIENNA, 3 May 2016 —«We act,» she said.',
    'vienna, 3\u00a0May 2016 -„We act,“ she said.\u200b',
    'VIENNA, 3 May 2016 \u2212 \u2018We act,\u2019 she said.',
  ];
  const normal = variants.map(normalizeContent);
  assert.equal(new Set(normal).size, 1, normal.join('\n'));
  assert.equal(normal[0], 'vienna, 3 may 2016-"we act," she said.');
  assert.notEqual(normalizeContent('We act.'), normalizeContent('We acted.'));
});

test('the content digest depends on date, headline and body, not on where paragraphs break', () => {
  const a = { date: '2016-05-03', title: 'OSCE opens office', paragraphs: ['First paragraph.', 'Second paragraph.'] };
  assert.equal(contentDigest(a), contentDigest({ ...a, paragraphs: ['First paragraph.\n\nSecond paragraph.'] }));
  assert.equal(contentDigest(a), contentDigest({ ...a, title: 'OSCE  opens  office ' }));
  assert.notEqual(contentDigest(a), contentDigest({ ...a, date: '2016-05-04' }));
  assert.notEqual(contentDigest(a), contentDigest({ ...a, title: 'OSCE closes office' }));
  assert.notEqual(contentDigest(a), contentDigest({ ...a, paragraphs: ['First paragraph.'] }));
  assert.match(contentDigest(a), /^[0-9a-f]{64}$/);
  assert.equal(releaseIdentity(undefined, 'ab12'), 'sha256:ab12');
  assert.equal(releaseIdentity('https://www.osce.org/x', 'ab12'), 'https://www.osce.org/x');
});

const R = 'http://localhost:8080/id/release/';
function candidate(key: string, url: string | undefined, digest: string | undefined): Candidate {
  return { iri: `${R}${key}`, graph: `http://localhost:8080/graph/release/${key}`, key, url, digest, title: 'T', date: '2016-05-03' };
}
function incoming(url: string | undefined, digest: string, key = 'new', formerUrls: string[] = []): PageIdentity {
  return { url, givenUrl: url, formerUrls, digest, key, iri: `${R}${key}`, date: '2016-05-03' };
}
const U1 = 'https://www.osce.org/a/1';
const U2 = 'https://www.osce.org/a/2';

test('placement: new, the same page by URL or by content, or a conflict naming the release it would replace', () => {
  const cases: Array<[string, PageIdentity, Candidate[], string]> = [
    ['nothing stored', incoming(U1, 'd1'), [], 'new'],
    ['another page of that day', incoming(U1, 'd1'), [candidate('k2', U2, 'd2')], 'new'],
    ['another page without URL', incoming(undefined, 'd1'), [candidate('k2', undefined, 'd2')], 'new'],
    ['same URL, same text', incoming(U1, 'd1'), [candidate('k1', U1, 'd1')], 'same k1 url=' + U1],
    ['same URL, changed text', incoming(U1, 'd9'), [candidate('k1', U1, 'd1')], 'same k1 url=' + U1],
    ['no URL, same text', incoming(undefined, 'd1'), [candidate('k1', undefined, 'd1')], 'same k1 url=undefined'],
    ['no URL, same text as a page with a URL: it keeps its URL', incoming(undefined, 'd1'), [candidate('k1', U1, 'd1')], 'same k1 url=' + U1],
    ['a URL now for a page stored without one', incoming(U1, 'd1'), [candidate('k1', undefined, 'd1')], 'same k1 url=' + U1],
    ['same text from another URL', incoming(U2, 'd1'), [candidate('k1', U1, 'd1')], 'conflict k1'],
    ['same URL, but the text of another release', incoming(U1, 'd2'), [candidate('k1', U1, 'd1'), candidate('k2', U2, 'd2')], 'conflict k1 k2'],
    ['a different release at the same key', incoming(U1, 'd1', 'k1'), [candidate('k1', U2, 'd2')], 'conflict k1'],
    ['a page that moved (its former address known), changed', incoming(U2, 'd9', 'new', [U1]), [candidate('k1', U1, 'd1')], 'same k1 url=' + U2],
    ['a page that moved, unchanged', incoming(U2, 'd1', 'new', [U1]), [candidate('k1', U1, 'd1')], 'same k1 url=' + U2],
    ['a release stored before 0001 with the same text', incoming(U1, 'd1'), [candidate('legacy', undefined, 'd1')], 'same legacy url=' + U1],
  ];
  for (const [name, page, stored, expected] of cases) {
    const p = decide(page, stored);
    const got = p.kind === 'new' ? 'new'
      : p.kind === 'same' ? `same ${p.existing.key} url=${p.url}`
      : `conflict ${p.existing.key}${p.other ? ` ${p.other.key}` : ''}`;
    assert.equal(got, expected, name);
    if (p.kind === 'conflict') assert.ok(p.message.includes(p.existing.iri), `${name}: ${p.message}`);
  }
});
