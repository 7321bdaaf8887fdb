/**
 * An HTML page over a small RDF description (the DCAT-AP catalog, VoID): one table per subject, terms as on entity
 * pages. What a browser gets where a harvester gets Turtle.
 */
import type { Quad } from '@rdfjs/types';
import { html } from 'hono/html';
import type { Iris } from '../model/ns.js';
import { renderPage } from './layout.js';
import { curie, termHtml, type TermContext } from './term-html.js';

export interface DescriptionPageInput {
  title: string;
  intro: string;
  quads: readonly Quad[];
  iris: Iris;
}

export function renderDescriptionPage({ title, intro, quads, iris }: DescriptionPageInput): Promise<string> {
  const ctx: TermContext = { iris, labels: new Map(), prefs: ['en'], pageLang: 'en' };
  const bySubject = new Map<string, Quad[]>();
  for (const q of quads) bySubject.set(q.subject.value, [...(bySubject.get(q.subject.value) ?? []), q]);
  const sections = [...bySubject.values()].map((group) => {
    const subject = group[0]!.subject;
    const rows = group.map((q) => html`<tr><th scope="row">${curie(q.predicate.value)}</th><td>${termHtml(q.object, ctx)}</td></tr>`);
    return html`<section><h2>${subject.termType === 'NamedNode' ? curie(subject.value) : `[${subject.value}]`}</h2>
<table><tbody>${rows}</tbody></table></section>`;
  });
  return renderPage({ title, lang: 'en' }, html`<h1>${title}</h1>
<p>${intro}</p>
${sections}`);
}
