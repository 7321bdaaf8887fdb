/**
 * Listing pages: same-host links in the content are candidates, menus are not; pagination by rel="next" and by
 * ?page=N is found wherever it is.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isPageOf, listingLinks } from '../../src/harvest/listing.js';

const PAGE = 'https://www.example.org/press-releases?type=release';

test('content links are candidates; menu, other-host, same-listing and non-http links are not', () => {
  const html = `<html><head><link rel="next" href="/press-releases?type=release&amp;page=1"></head><body>
    <header><a href="/about">About</a></header><nav><a href="/contacts">Contacts</a></nav>
    <main><h3><a href="/secretariat/1001">One</a></h3><h3><a href="https://www.example.org/odihr/1002#comments">Two</a></h3>
    <a href="https://other.example/x">Elsewhere</a><a href="mailto:press@example.org">Mail</a><a href="javascript:void(0)">JS</a>
    <a href="/press-releases?type=statement">Statements</a><a href="/secretariat/1001">One again</a></main>
    <footer><a href="/privacy">Privacy</a></footer></body></html>`;
  assert.deepEqual(listingLinks(html, PAGE), {
    pages: ['https://www.example.org/secretariat/1001', 'https://www.example.org/odihr/1002'],
    pagination: ['https://www.example.org/press-releases?type=release&page=1'],
  });
});

test('a pager inside a nav is followed: rel="next" and numbered ?page= links', () => {
  const html = `<main><a href="/r/1">1</a></main><nav class="pager"><a href="?type=release&page=1">2</a><a href="?page=2&type=release">3</a><a rel="next nofollow" href="/archive/older">Older</a></nav>`;
  assert.deepEqual(listingLinks(html, PAGE).pagination, [
    'https://www.example.org/press-releases?type=release&page=1',
    'https://www.example.org/press-releases?page=2&type=release',
    'https://www.example.org/archive/older',
  ]);
});

test('a <base href> changes how relative links resolve', () => {
  const html = '<head><base href="https://www.example.org/ru/"></head><body><a href="news/1">1</a></body>';
  assert.deepEqual(listingLinks(html, PAGE).pages, ['https://www.example.org/ru/news/1']);
});

test('isPageOf: the same listing with only page changed', () => {
  const listing = new URL('https://www.example.org/news?type=release');
  assert.equal(isPageOf(new URL('https://www.example.org/news?page=3&type=release'), listing), true);
  assert.equal(isPageOf(new URL('https://www.example.org/news?page=3'), listing), false);
  assert.equal(isPageOf(new URL('https://www.example.org/other?page=3&type=release'), listing), false);
  assert.equal(isPageOf(new URL('https://www.example.org/news?type=release'), listing), false);
});
