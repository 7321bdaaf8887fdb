/**
 * Server-rendered charts (no script, no CDN): a bar chart of releases per year as inline SVG, with its numbers in a
 * table beside it (what a screen reader reads; the SVG itself is one labelled image) and a link to the same counts
 * as CSV. Colours come from the stylesheet's classes, since the pages' CSP allows no inline style.
 */
import { html } from 'hono/html';
import type { Fragment } from './layout.js';

export interface YearCount {
  key: string;
  releases: number;
}

export interface ChartOptions {
  /** Unique on the page: ids of the caption and table derive from it. */
  id: string;
  title: string;
  /** The counts as CSV (`/api/stats?…&format=csv`). */
  csvHref: string;
  /** A small multiple: smaller, with the table for screen readers only. */
  small?: boolean;
}

/** Every year from the first to the last with a count, zeros included, so that gaps show as gaps. */
export function fillYears(rows: readonly YearCount[]): YearCount[] {
  const years = rows.map((r) => Number(r.key)).filter(Number.isFinite);
  if (years.length === 0) return [];
  const by = new Map(rows.map((r) => [Number(r.key), r.releases]));
  const out: YearCount[] = [];
  for (let y = Math.min(...years); y <= Math.max(...years); y++) out.push({ key: String(y), releases: by.get(y) ?? 0 });
  return out;
}

const fmt = (n: number) => n.toLocaleString('en');

function svg(rows: readonly YearCount[], o: ChartOptions): Fragment {
  const [w, h, pad, bottom] = o.small ? [220, 64, 4, 14] : [640, 180, 28, 22];
  const max = Math.max(1, ...rows.map((r) => r.releases));
  const inner = w - pad - 4;
  const step = inner / Math.max(1, rows.length);
  const barW = Math.max(1, step - (step > 4 ? 1.5 : 0));
  const plotH = h - bottom - 6;
  const bars = rows.map((r, i) => {
    const bh = (r.releases / max) * plotH;
    const x = pad + i * step;
    return html`<rect class="bar" x="${x.toFixed(1)}" y="${(6 + plotH - bh).toFixed(1)}" width="${barW.toFixed(1)}" height="${bh.toFixed(1)}"><title>${r.key}: ${fmt(r.releases)}</title></rect>`;
  });
  const first = rows[0]?.key ?? '';
  const last = rows.at(-1)?.key ?? '';
  const axis = o.small
    ? html`<text class="tick" x="${pad}" y="${h - 2}">${first}</text><text class="tick" x="${w - 4}" y="${h - 2}" text-anchor="end">${last}</text>`
    : html`<text class="tick" x="${pad - 4}" y="12" text-anchor="end">${fmt(max)}</text><text class="tick" x="${pad - 4}" y="${6 + plotH}" text-anchor="end">0</text>
${rows.map((r, i) => (Number(r.key) % 5 === 0 || i === 0 || i === rows.length - 1 ? html`<text class="tick" x="${(pad + i * step + barW / 2).toFixed(1)}" y="${h - 6}" text-anchor="middle">${r.key}</text>` : ''))}`;
  const total = rows.reduce((a, r) => a + r.releases, 0);
  const summary = rows.length ? `${o.title}: ${fmt(total)} releases from ${first} to ${last}, at most ${fmt(max)} in a year` : `${o.title}: no releases`;
  return html`<svg class="chart${o.small ? ' small' : ''}" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${summary}" xmlns="http://www.w3.org/2000/svg">
<line class="axis" x1="${pad}" y1="${6 + plotH}" x2="${w - 4}" y2="${6 + plotH}"></line>
${bars}${axis}</svg>`;
}

function table(rows: readonly YearCount[], o: ChartOptions): Fragment {
  return html`<table class="chart-data${o.small ? ' sr-only' : ''}" id="${o.id}-table">
<caption>${o.title}</caption>
<thead><tr><th scope="col">Year</th><th scope="col">Releases</th></tr></thead>
<tbody>${rows.map((r) => html`<tr><th scope="row">${r.key}</th><td>${r.releases}</td></tr>`)}</tbody>
</table>`;
}

/** A figure: the chart, its table and the CSV link. `rows` are years with counts (missing years are drawn as 0). */
export function yearChart(rows: readonly YearCount[], o: ChartOptions): Fragment {
  const years = fillYears(rows);
  const heading = o.small ? html`<figcaption id="${o.id}-caption">${o.title}</figcaption>` : html`<figcaption id="${o.id}-caption">${o.title}</figcaption>`;
  if (years.length === 0) return html`<figure class="timeline" id="${o.id}">${heading}<p>No releases.</p></figure>`;
  return html`<figure class="timeline${o.small ? ' small' : ''}" id="${o.id}">${heading}
<div class="chart-row">${svg(years, o)}${table(years, o)}</div>
<p class="chart-links"><a href="${o.csvHref}" type="text/csv" download>CSV</a></p>
</figure>`;
}
