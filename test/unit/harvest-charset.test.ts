/**
 * A fetched page's encoding: a BOM, else the Content-Type's charset, else a <meta> in the first 1024 bytes (HTML
 * only), else UTF-8.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeBody, isPageType } from '../../src/harvest/charset.js';

const latin1 = (text: string) => Buffer.from(text, 'latin1');

test('the Content-Type charset decides over a meta tag', () => {
  const body = latin1('<html><head><meta charset="utf-8"></head><body>Liège</body></html>');
  assert.deepEqual(decodeBody(body, 'text/html; charset=ISO-8859-1'), { text: '<html><head><meta charset="utf-8"></head><body>Liège</body></html>', format: 'html', encoding: 'windows-1252' });
});

test('a meta charset or http-equiv is read when the header has none', () => {
  const page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head><body>René</body></html>';
  const decoded = decodeBody(latin1(page), 'text/html');
  assert.ok(!('error' in decoded));
  assert.equal(decoded.text, page);
  const cyrillic = new Uint8Array([...Buffer.from('<meta charset="windows-1251"><p>'), 0xc2, 0xc5, 0xcd, 0xc0, ...Buffer.from('</p>')]);
  assert.equal((decodeBody(cyrillic, 'application/xhtml+xml') as { text: string }).text, '<meta charset="windows-1251"><p>ВЕНА</p>');
});

test('a byte order mark decides over everything; plain text ignores markup; the default is UTF-8', () => {
  const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Вена')]);
  assert.equal((decodeBody(bom, 'text/plain; charset=iso-8859-1') as { text: string }).text, 'Вена');
  assert.deepEqual(decodeBody(Buffer.from('<meta charset="windows-1251">Вена'), 'text/plain'), { text: '<meta charset="windows-1251">Вена', format: 'text', encoding: 'UTF-8' });
});

test('pages are HTML, XHTML or plain text', () => {
  assert.deepEqual(['text/html', 'application/xhtml+xml', 'text/plain', 'application/pdf', 'image/jpeg', 'application/xml'].map(isPageType), [true, true, true, false, false, false]);
});

test('windows-1252 (and the ISO-8859-1 and latin1 labels, its aliases) decodes 0x80-0x9F as its quotes, dashes and euro, never as C1 controls', () => {
  // Node 20.18.3 and later decode them as U+0080-U+009F (nodejs/node#60888), which the ingester strips as control characters
  const body = new Uint8Array([...Buffer.from('<p>VIENNA, 5 June 2023 '), 0x96, ...Buffer.from(' '), 0x93, ...Buffer.from('Peace'), 0x94, ...Buffer.from(' costs 5 '), 0x80, 0x85, 0x81, ...Buffer.from(' caf'), 0xe9]);
  for (const type of ['text/html; charset=windows-1252', 'text/html; charset=ISO-8859-1', 'text/plain; charset=latin1']) {
    assert.equal((decodeBody(body, type) as { text: string }).text, '<p>VIENNA, 5 June 2023 \u2013 \u201cPeace\u201d costs 5 \u20ac\u2026\u0081 café', type);
  }
});
