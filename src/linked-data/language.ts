/**
 * Label language selection from `Accept-Language` (RFC 9110 §12.5.4, basic filtering of RFC 4647 §3.3.1), falling
 * back to English, then to a literal without a language tag, then to any literal.
 */
import type { Literal, Quad, Term } from '@rdfjs/types';
import { LABEL_PREDICATES } from './sparql-terms.js';

/** Language ranges of an Accept-Language header, best first (q=0 dropped, `*` ignored). */
export function parseAcceptLanguage(header: string | undefined | null): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const q = qParam ? Number(qParam.slice(2)) : 1;
      return { tag: tag.trim().toLowerCase(), q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((r) => r.tag && r.tag !== '*' && r.q > 0 && /^[a-z]{1,8}(-[a-z0-9]{1,8})*$/.test(r.tag))
    .sort((a, b) => b.q - a.q || a.i - b.i)
    .map((r) => r.tag);
}

function matches(range: string, lang: string): boolean {
  const l = lang.toLowerCase();
  return l === range || l.startsWith(`${range}-`) || range.startsWith(`${l}-`);
}

/** Picks the literal that best fits the visitor's languages. */
export function pickLiteral(literals: readonly Literal[], prefs: readonly string[]): Literal | undefined {
  for (const range of [...prefs, 'en']) {
    const hit = literals.find((l) => l.language && matches(range, l.language));
    if (hit) return hit;
  }
  return literals.find((l) => !l.language) ?? literals[0];
}

/** Labels per subject IRI from the label predicates of a set of quads. */
export function labelIndex(quads: readonly Quad[]): Map<string, Literal[]> {
  const byPredicate = new Map<string, Map<string, Literal[]>>();
  for (const q of quads) {
    if (q.object.termType !== 'Literal' || !(LABEL_PREDICATES as readonly string[]).includes(q.predicate.value)) continue;
    const m = byPredicate.get(q.predicate.value) ?? new Map<string, Literal[]>();
    m.set(q.subject.value, [...(m.get(q.subject.value) ?? []), q.object]);
    byPredicate.set(q.predicate.value, m);
  }
  // rdfs:label first, then schema:name, then skos:prefLabel, so one predicate's set of languages decides.
  const out = new Map<string, Literal[]>();
  for (const p of LABEL_PREDICATES) {
    for (const [s, ls] of byPredicate.get(p) ?? []) out.set(s, [...(out.get(s) ?? []), ...ls]);
  }
  return out;
}

/** The display label of a term in the visitor's languages, or undefined. */
export function labelOf(term: Term, labels: Map<string, Literal[]>, prefs: readonly string[]): Literal | undefined {
  const ls = labels.get(term.value);
  return ls ? pickLiteral(ls, prefs) : undefined;
}
