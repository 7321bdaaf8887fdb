/**
 * The writer replica owns each write (src/store/writer.ts): a Graph Store document is parsed there (its blank nodes
 * fresh per document, its syntax errors 400 with the line), the SHACL gate runs there on the pending state, and the
 * thread that answers requests only passes bytes and gets a summary back, so it keeps turning during a large write.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMemoryStore } from '../../src/store/embedded-store.js';
import { AppError } from '../../src/errors.js';
import { NS } from '../../src/model/ns.js';
import { createShaclGate } from '../../src/validation/gate.js';
import type { RdfBody } from '../../src/store/types.js';

const EX = 'http://example.org/';
const G = { iri: `${EX}g` };

/** `text` as a request body arriving in pieces of `size` bytes. */
function body(text: string, mediaType = 'text/turtle', size = 64 << 10): RdfBody {
  const bytes = new TextEncoder().encode(text);
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  }
  return { chunks: chunks(), mediaType, baseIri: EX };
}

test('a Turtle document is parsed by the writer into the target graph; its blank nodes are new in every document', async () => {
  const store = createMemoryStore([], { workers: 2 });
  try {
    const doc = `@prefix ex: <${EX}> . ex:a ex:p "a" ; ex:q <rel> . _:b ex:p "blank" .`;
    const put = await store.write({ type: 'put-graph', graph: G, body: body(doc) });
    assert.deepEqual([put.summary.added, put.summary.removed, put.summary.graphs.added], [3, 0, [G.iri]]);
    assert.equal(await store.ask(`ASK { GRAPH <${G.iri}> { <${EX}a> <${EX}q> <${EX}rel> } }`), true, 'relative IRIs against the base');
    const post = await store.write({ type: 'post-graph', graph: G, body: body(doc) });
    assert.equal(post.summary.added, 1, 'only the blank node triple is new: another document, another blank node');
    assert.equal((await store.select(`SELECT ?b { GRAPH <${G.iri}> { ?b <${EX}p> "blank" } }`)).length, 2);
  } finally {
    await store.close();
  }
});

test('a document with a syntax error is 400 RDF_SYNTAX with its line, and nothing changes', async () => {
  const store = createMemoryStore([], { workers: 2 });
  try {
    await assert.rejects(store.write({ type: 'put-graph', graph: G, body: body(`<${EX}a> <${EX}p> "ok" .\n<${EX}b> <${EX}p> .\n`, 'application/n-triples') }),
      (e: unknown) => e instanceof AppError && e.status === 400 && e.code === 'RDF_SYNTAX' && (e.detail as { line: number }).line === 2);
    assert.deepEqual([await store.size(), await store.version()], [0, 0]);
  } finally {
    await store.close();
  }
});

/** `count` press releases with a headline and a date that is not one: each violates its shape. */
function releases(count: number): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const s = `<${EX}release/${i}>`;
    lines.push(`${s} <${NS.rdf}type> <${NS.osce}PressRelease> .`, `${s} <${NS.schema}headline> "Headline ${i}"@en .`,
      `${s} <${NS.schema}datePublished> "not a date" .`);
  }
  return `${lines.join('\n')}\n`;
}

test('a large upload is validated in the writer: 422 with the report, nothing changes, and this thread keeps turning', async () => {
  const store = createMemoryStore([], { workers: 2 });
  try {
    await store.size(); // loaded
    let longest = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 5);
    const t0 = performance.now();
    try {
      await assert.rejects(store.write({ type: 'put-graph', graph: G, body: body(releases(700), 'application/n-triples') }, createShaclGate()),
        (e: unknown) => e instanceof AppError && e.status === 422 && e.code === 'SHACL_VIOLATION' &&
          (e.detail as { results: { focusNode: string }[] }).results.some((r) => r.focusNode === `${EX}release/699`));
    } finally {
      clearInterval(timer);
    }
    const took = performance.now() - t0;
    // validating 2,100 quads in place would be one gap as long as most of the write
    assert.ok(longest < took / 2, `longest gap ${longest.toFixed(0)} ms of ${took.toFixed(0)} ms`);
    assert.deepEqual([await store.size(), await store.version()], [0, 0]);
  } finally {
    await store.close();
  }
});
