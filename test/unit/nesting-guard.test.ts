/**
 * The nesting bound on RDF uploads (src/sparql/nesting-guard.ts, issue 21 point 2): a depth bomb in every syntax is
 * refused with 400 RDF_TOO_DEEP and where it happened, the bound itself is allowed, and brackets inside strings,
 * IRIs, comments and markup do not count, however the text is cut into chunks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../src/errors.js';
import { MAX_JSONLD_CONTAINERS, MAX_JSONLD_LIST_NESTING, MAX_JSONLD_NESTING, MAX_RDF_NESTING, checkNesting, nestingGuard } from '../../src/sparql/nesting-guard.js';

const E = 'http://example.org/';
const XML_HEAD = `<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="${E}">\n`;

/** A document of `type` nesting `depth` levels, in each syntax's own way; `what` the refusal says. */
const bombs: Record<string, { type: string; doc: (depth: number) => string; max: number; what?: string }> = {
  'Turtle blank nodes': { type: 'text/turtle', max: MAX_RDF_NESTING, doc: (d) => `<${E}s> <${E}p> ${`[ <${E}p> `.repeat(d)}1${' ]'.repeat(d)} .` },
  'Turtle collections': { type: 'text/turtle', max: MAX_RDF_NESTING, doc: (d) => `<${E}s> <${E}p> ${'( '.repeat(d)}1${' )'.repeat(d)} .` },
  'Turtle quoted triples': { type: 'text/turtle', max: MAX_RDF_NESTING, doc: (d) => `<${E}s> <${E}p> ${`<< <${E}a> <${E}b> `.repeat(d)}1${' >>'.repeat(d)} .` },
  'TriG graphs and blank nodes': { type: 'application/trig', max: MAX_RDF_NESTING, doc: (d) => `<${E}g> { <${E}s> <${E}p> ${'[ <p> '.repeat(d - 1)}1${' ]'.repeat(d - 1)} }` },
  'N-Triples quoted triples': { type: 'application/n-triples', max: MAX_RDF_NESTING, doc: (d) => `<${E}s> <${E}p> ${`<< <${E}a> <${E}b> `.repeat(d)}"1"${' >>'.repeat(d)} .\n` },
  'N-Quads quoted triples': { type: 'application/n-quads', max: MAX_RDF_NESTING, doc: (d) => `${`<< <${E}a> <${E}b> `.repeat(d)}"1"${' >>'.repeat(d)} <${E}p> "x" <${E}g> .\n` },
  'RDF/XML elements': { type: 'application/rdf+xml', max: MAX_RDF_NESTING, doc: (d) => `${XML_HEAD}${'<rdf:Description><e:p>'.repeat((d - 1) / 2)}<rdf:Description/>${'</e:p></rdf:Description>'.repeat((d - 1) / 2)}</rdf:RDF>` },
  'JSON-LD arrays in arrays': { type: 'application/ld+json', max: MAX_JSONLD_LIST_NESTING, what: 'nests arrays in arrays deeper than', doc: (d) => `{"@id": "${E}s", "${E}p": ${'['.repeat(d)}1${']'.repeat(d)}}` },
  'JSON-LD objects and arrays': { type: 'application/ld+json', max: MAX_JSONLD_NESTING, doc: (d) => `${`{"${E}p": [`.repeat((d - 1) / 2)}{"@id": "${E}x"}${']}'.repeat((d - 1) / 2)}` },
  'JSON-LD objects': { type: 'application/ld+json', max: MAX_JSONLD_NESTING, doc: (d) => `${`{"${E}p": `.repeat(d - 1)}{"@id": "${E}x"}${'}'.repeat(d - 1)}` },
};

function tooDeep(run: () => void): AppError {
  try {
    run();
  } catch (e) {
    assert.ok(e instanceof AppError);
    return e;
  }
  assert.fail('expected RDF_TOO_DEEP');
}

/** Feeds `text` to a guard in pieces of `size` bytes, resolving or rejecting as the stream does. */
function throughGuard(text: string, type: string, size: number): Promise<void> {
  const guard = nestingGuard(type);
  const bytes = Buffer.from(text, 'utf8');
  return new Promise((resolve, reject) => {
    guard.on('error', reject);
    guard.on('finish', resolve);
    guard.resume();
    for (let off = 0; off < bytes.length; off += size) guard.write(bytes.subarray(off, off + size));
    guard.end();
  });
}

for (const [name, { type, doc, max, what = 'nests deeper than' }] of Object.entries(bombs)) {
  // the RDF/XML bomb nests an odd number of elements, the JSON-LD objects-and-arrays one an odd number of levels
  const allowed = type === 'application/rdf+xml' || name === 'JSON-LD objects and arrays' ? max - 1 : max;
  test(`${name}: ${allowed} levels pass, one more is 400 RDF_TOO_DEEP with its position`, async () => {
    checkNesting(doc(allowed), type);
    const error = tooDeep(() => checkNesting(doc(allowed + 2), type));
    assert.equal(error.status, 400);
    assert.equal(error.code, 'RDF_TOO_DEEP');
    const { line, column, limit } = error.detail as { line: number; column: number; limit: number };
    assert.equal(limit, max);
    assert.match(error.message, new RegExp(`^The (RDF|RDF/XML|JSON-LD) document ${what} ${max} levels at line ${line}, column ${column}; nothing was stored\\.`));
    const text = doc(allowed + 2);
    const lines = text.split('\n');
    assert.ok(line <= lines.length && column <= lines[line - 1]!.length, 'the position is inside the document');
    for (const size of [1, 3, 64]) {
      await assert.rejects(throughGuard(text, type, size), (e: unknown) => (e as AppError).code === 'RDF_TOO_DEEP' && JSON.stringify((e as AppError).detail) === JSON.stringify(error.detail), `in pieces of ${size} bytes`);
      await throughGuard(doc(allowed), type, size);
    }
  });
}

const deep = '[('.repeat(5000);
const harmless: Array<[string, string, string]> = [
  ['Turtle string', 'text/turtle', `<${E}s> <${E}p> "${deep}", '${deep}' .`],
  ['Turtle long strings', 'text/turtle', `<${E}s> <${E}p> """${deep} " "" \\""" ${deep}""", '''${deep}''' .`],
  ['Turtle escaped quotes', 'text/turtle', `<${E}s> <${E}p> "\\" ${deep}" .`],
  ['Turtle comments (LF and CR line ends)', 'text/turtle', `# ${deep}\n<${E}s> <${E}p> 1 . # ${deep}\r<${E}s> <${E}p> 2 .`],
  ['Turtle IRIs', 'text/turtle', `<${E}s> <${E}p> <${E}${'%5B'.repeat(10)}> .`],
  ['N-Triples strings with UTF-8', 'application/n-triples', `<${E}s> <${E}p> "é ${deep} ✓" .\n`],
  ['JSON-LD strings', 'application/ld+json', JSON.stringify({ '@id': `${E}s`, [`${E}p`]: `${deep}\\"${deep}` })],
  ['RDF/XML text, attributes, comments and CDATA', 'application/rdf+xml',
    `${XML_HEAD}<!-- ${'<a>'.repeat(5000)} --><rdf:Description rdf:about="${E}s" e:q="<a> '<b>'"><e:p><![CDATA[${'<a>'.repeat(5000)}]]></e:p></rdf:Description><?pi ${'<a>'.repeat(500)}?></rdf:RDF>`],
  ['RDF/XML with a DOCTYPE and an internal subset', 'application/rdf+xml',
    `<?xml version="1.0"?><!DOCTYPE rdf:RDF [<!ENTITY e "${E}"> <!ENTITY x '>'>]>${XML_HEAD.slice(22)}<rdf:Description rdf:about="&e;s"/></rdf:RDF>`],
];
for (const [name, type, text] of harmless) {
  test(`${name}: brackets that are text do not count`, async () => {
    checkNesting(text, type);
    for (const size of [1, 2, 7]) await throughGuard(text, type, size);
  });
}

test('a Turtle comment cannot hide what follows a CR line end', () => {
  const text = `# comment\r<${E}s> <${E}p> ${'['.repeat(MAX_RDF_NESTING + 1)}`;
  assert.equal(tooDeep(() => checkNesting(text, 'text/turtle')).code, 'RDF_TOO_DEEP');
});

test(`a JSON-LD document of more than ${MAX_JSONLD_CONTAINERS} objects and arrays is 413 RDF_TOO_LARGE`, () => {
  checkNesting(`{"@graph": [${'{},'.repeat(MAX_JSONLD_CONTAINERS - 3)}{}]}`, 'application/ld+json');
  const error = tooDeep(() => checkNesting(`{"@graph": [${'{},'.repeat(MAX_JSONLD_CONTAINERS - 2)}{}]}`, 'application/ld+json'));
  assert.equal(error.status, 413);
  assert.equal(error.code, 'RDF_TOO_LARGE');
  assert.match(error.message, /^The JSON-LD document holds more than 1048576 objects and arrays at line 1, column \d+; nothing was stored\. Split it, or send N-Quads/);
});

test('an RDF/XML document cut off anywhere inside its root element is 400 RDF_SYNTAX with where it ends', async () => {
  const full = `${XML_HEAD}<rdf:Description rdf:about="${E}a"><e:p>v</e:p></rdf:Description>\n<rdf:Description rdf:about="${E}b" e:q="x"/></rdf:RDF>`;
  checkNesting(full, 'application/rdf+xml');
  const root = full.indexOf('<rdf:RDF');
  for (let cut = full.indexOf('>', root) + 1; cut < full.length; cut++) {
    const error = tooDeep(() => checkNesting(full.slice(0, cut), 'application/rdf+xml'));
    assert.equal(error.code, 'RDF_SYNTAX', `cut at ${cut}`);
    const lines = full.slice(0, cut).split('\n');
    assert.deepEqual(error.detail, { line: lines.length, column: lines.at(-1)!.length + 1 }, `cut at ${cut}`);
    assert.match(error.message, /^The RDF\/XML document ends at line \d+, column \d+ with [123] elements? still open: it is cut off; nothing was stored\.$/);
  }
  await throughGuard(full, 'application/rdf+xml', 5);
  await assert.rejects(throughGuard(full.slice(0, -3), 'application/rdf+xml', 5), (e: unknown) => (e as AppError).code === 'RDF_SYNTAX');
});
