/**
 * A small RDF/XML writer (RDF 1.1 XML Syntax §2). No maintained npm package writes RDF/XML for RDF/JS quads without
 * pulling a whole framework, and only `store/` may use oxigraph's writer; the output is checked by parsing it back
 * with rdfxml-streaming-parser in test/unit/publish-serialize.test.ts.
 */
import type { Quad, Term } from '@rdfjs/types';
import { NS } from '../model/ns.js';

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes text for XML content and attribute values; drops characters XML 1.0 cannot carry. */
export function xmlEscape(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);
}

/** Splits a predicate IRI into namespace and an XML NCName local part (the part after the last / or #). */
function splitPredicate(iri: string): { ns: string; local: string } {
  const m = /^(.*[/#])([A-Za-z_][A-Za-z0-9_.-]*)$/.exec(iri);
  if (!m || !m[1] || !m[2]) throw new Error(`Predicate cannot be written as RDF/XML: ${iri}`);
  return { ns: m[1], local: m[2] };
}

function subjectAttr(term: Term): string {
  return term.termType === 'BlankNode' ? `rdf:nodeID="${xmlEscape(term.value)}"` : `rdf:about="${xmlEscape(term.value)}"`;
}

function propertyElement(qname: string, o: Term): string {
  if (o.termType === 'NamedNode') return `<${qname} rdf:resource="${xmlEscape(o.value)}"/>`;
  if (o.termType === 'BlankNode') return `<${qname} rdf:nodeID="${xmlEscape(o.value)}"/>`;
  if (o.termType !== 'Literal') throw new Error(`Unsupported object term: ${o.termType}`);
  let attrs = '';
  if (o.language) attrs = ` xml:lang="${xmlEscape(o.language)}"`;
  else if (o.datatype.value !== `${NS.xsd}string`) attrs = ` rdf:datatype="${xmlEscape(o.datatype.value)}"`;
  return `<${qname}${attrs}>${xmlEscape(o.value)}</${qname}>`;
}

/** Serializes triples (graph names ignored) as RDF/XML, one rdf:Description per subject. */
export function toRdfXml(quads: readonly Quad[]): string {
  const known = new Map<string, string>(Object.entries(NS).map(([p, iri]) => [iri, p]));
  const used = new Map<string, string>([[NS.rdf, 'rdf']]);
  const bySubject = new Map<string, { subject: Term; lines: string[] }>();
  for (const q of quads) {
    const { ns, local } = splitPredicate(q.predicate.value);
    let prefix = used.get(ns);
    if (!prefix) {
      prefix = known.get(ns) ?? `ns${used.size}`;
      used.set(ns, prefix);
    }
    const key = `${q.subject.termType}:${q.subject.value}`;
    const entry = bySubject.get(key) ?? { subject: q.subject, lines: [] };
    entry.lines.push(`    ${propertyElement(`${prefix}:${local}`, q.object)}`);
    bySubject.set(key, entry);
  }
  const xmlns = [...used].map(([ns, p]) => `\n    xmlns:${p}="${xmlEscape(ns)}"`).join('');
  const body = [...bySubject.values()]
    .map((e) => `  <rdf:Description ${subjectAttr(e.subject)}>\n${e.lines.join('\n')}\n  </rdf:Description>`)
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF${xmlns}>\n${body}\n</rdf:RDF>\n`;
}
