import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../src/errors.js';
import { negotiate, pickMediaType } from '../../src/http/negotiate.js';

const OFFERS = ['text/turtle', 'application/n-triples', 'application/ld+json'];

describe('content negotiation', () => {
  const cases: [string | undefined, string | undefined][] = [
    [undefined, 'text/turtle'],
    ['', 'text/turtle'],
    ['*/*', 'text/turtle'],
    ['application/ld+json', 'application/ld+json'],
    ['application/*', 'application/n-triples'],
    ['text/turtle;q=0.5, application/ld+json;q=0.9', 'application/ld+json'],
    ['*/*;q=0.1, application/n-triples', 'application/n-triples'],
    ['text/turtle;q=0, */*', 'application/n-triples'],
    ['application/*;q=0, */*;q=0.5', 'text/turtle'],
    ['TEXT/TURTLE', 'text/turtle'],
    ['text/html, application/xhtml+xml, application/xml;q=0.9, */*;q=0.8', 'text/turtle'],
    ['application/ld+json;profile="http://www.w3.org/ns/json-ld#expanded"', undefined],
    ['image/png', undefined],
    ['text/turtle; charset=utf-8', 'text/turtle'],
    ['text/turtle; charset=UTF-8, */*;q=0.1', 'text/turtle'],
    ['text/turtle; charset=iso-8859-1', undefined],
    ['text/turtle;q=0', undefined],
  ];
  for (const [accept, expected] of cases) {
    it(`picks ${expected ?? 'nothing'} for Accept: ${accept ?? '(none)'}`, () => {
      assert.equal(pickMediaType(accept, OFFERS), expected);
    });
  }

  it('prefers the more specific range over a wildcard for the same type', () => {
    assert.equal(pickMediaType('text/*;q=0.2, text/turtle;q=0.9, */*;q=0.5', OFFERS), 'text/turtle');
    assert.equal(pickMediaType('text/*;q=0.9, text/turtle;q=0.1, */*;q=0.5', OFFERS), 'application/n-triples');
  });

  it('matches a range with parameters only when the offer carries them', () => {
    assert.equal(pickMediaType('text/turtle;charset=utf-8', ['text/turtle;charset=utf-8']), 'text/turtle;charset=utf-8');
  });

  it('remembers answers per offer list: one Accept header gets the answer of each list, every time', () => {
    const graph = ['text/turtle', 'application/n-triples'];
    const results = ['application/sparql-results+json', 'application/sparql-results+xml'];
    const accept = 'application/n-triples, application/sparql-results+xml;q=0.9';
    for (let i = 0; i < 3; i++) {
      assert.equal(pickMediaType(accept, graph), 'application/n-triples');
      assert.equal(pickMediaType(accept, results), 'application/sparql-results+xml');
      assert.equal(pickMediaType('image/png', graph), undefined);
    }
  });

  it('returns 406 NOT_ACCEPTABLE listing the offers when nothing fits', () => {
    assert.throws(
      () => negotiate('image/png', OFFERS),
      (e: unknown) => e instanceof AppError && e.status === 406 && e.code === 'NOT_ACCEPTABLE' && JSON.stringify(e.detail) === JSON.stringify({ offered: OFFERS }),
    );
  });
});
