/** HTML for single RDF terms: links for IRIs (ours to their documents), text with `lang` for literals. */
import type { Literal, Term } from '@rdfjs/types';
import { html } from 'hono/html';
import { NS, type Iris } from '../model/ns.js';
import { labelOf } from '../linked-data/language.js';
import type { Fragment } from './layout.js';

/** `prefix:local` for IRIs in a known namespace, else the IRI. */
export function curie(iri: string): string {
  for (const [p, ns] of Object.entries(NS)) if (iri.startsWith(ns) && iri.length > ns.length) return `${p}:${iri.slice(ns.length)}`;
  return iri;
}

export interface TermContext {
  iris: Iris;
  labels: Map<string, Literal[]>;
  prefs: readonly string[];
  /** Language of the page: literals in another language get their own `lang` attribute. */
  pageLang: string;
}

/** Our entity IRIs link to their documents; other http(s) IRIs link out; any other scheme is shown as text only. */
export function linkTarget(iri: string, iris: Iris): string | undefined {
  const parsed = iris.parseEntity(iri);
  if (parsed) return iris.document(parsed.kind, parsed.key);
  return /^https?:\/\//i.test(iri) ? iri : undefined;
}

export function literalHtml(l: Literal, pageLang: string): Fragment {
  if (l.language && l.language !== pageLang) return html`<span lang="${l.language}">${l.value}</span>`;
  return html`${l.value}`;
}

export function termHtml(term: Term, ctx: TermContext): Fragment {
  if (term.termType === 'Literal') return literalHtml(term, ctx.pageLang);
  if (term.termType !== 'NamedNode') return html`<span class="bnode">[${term.value}]</span>`;
  const label = labelOf(term, ctx.labels, ctx.prefs);
  const text = label ? literalHtml(label, ctx.pageLang) : html`${curie(term.value)}`;
  const href = linkTarget(term.value, ctx.iris);
  return href ? html`<a href="${href}">${text}</a>` : html`<span>${text}</span>`;
}
