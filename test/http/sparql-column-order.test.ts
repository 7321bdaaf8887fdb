import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reorderColumns, variablesInOrder } from '../../src/sparql/column-order.js';
import sparqljs from 'sparqljs';
import { EX, makeApp } from '../support/http-support.js';

const order = ['s', 'p', 'o'];

describe('SELECT * column order', () => {
  it('lists variables in order of first appearance, BIND expressions before their target', () => {
    const tree = new sparqljs.Parser().parse('SELECT * { ?s ?p ?o . BIND(?o AS ?z) ?s <x:q> ?a }') as { where: unknown };
    assert.deepEqual(variablesInOrder(tree.where), ['s', 'p', 'o', 'z', 'a']);
  });

  it('reorders CSV fields, keeping quoted commas and line breaks intact', () => {
    const csv = 'o,p,s\r\n"a, ""b""\r\nc",http://p,http://s\r\n,http://p2,_:b0\r\n';
    assert.equal(reorderColumns(csv, 'text/csv', order), 's,p,o\r\nhttp://s,http://p,"a, ""b""\r\nc"\r\n_:b0,http://p2,\r\n');
  });

  it('reorders TSV, JSON and XML heads', () => {
    assert.equal(reorderColumns('?o\t?p\t?s\n"x"\t<p>\t<s>\n', 'text/tab-separated-values', order), '?s\t?p\t?o\n<s>\t<p>\t"x"\n');
    assert.equal(reorderColumns('{"head":{"vars":["o","p","s"]},"results":{"bindings":[]}}', 'application/sparql-results+json', order), '{"head":{"vars":["s","p","o"]},"results":{"bindings":[]}}');
    const xml = '<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#"><head><variable name="o"/><variable name="s"/></head><results></results></sparql>';
    assert.equal(reorderColumns(xml, 'application/sparql-results+xml', order), xml.replace('<variable name="o"/><variable name="s"/>', '<variable name="s"/><variable name="o"/>'));
  });

  it('answers SELECT * in CSV with columns in query order through the endpoint', async () => {
    const t = await makeApp();
    try {
      const q = `SELECT * WHERE { GRAPH <${EX}g1> { ?s ?p ?o } }`;
      const res = await t.request(`/sparql?query=${encodeURIComponent(q)}`, { headers: { Accept: 'text/csv' } });
      assert.equal(await res.text(), `s,p,o\r\n${EX}a,${EX}p,alpha\r\n`);
    } finally {
      await t.close();
    }
  });
});
