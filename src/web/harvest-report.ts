/**
 * `/harvest/report` as a page for curators: the last job, the pages rejected with their problems, the pages and
 * sources that failed, and the skipped pages by reason. Values are escaped by hono's `html` tag.
 */
import { html } from 'hono/html';
import type { HarvestReport, ReportEntry } from '../harvest/report.js';
import { renderPage } from './layout.js';

function entries(title: string, list: ReportEntry[]) {
  if (list.length === 0) return '';
  const rows = list.map((e) => html`<tr><td><a href="${e.url}">${e.url}</a></td><td><code>${e.code}</code></td><td>${e.message}${
    e.problems && e.problems.length > 1 ? html`<ul>${e.problems.map((p) => html`<li><code>${p.code}</code> ${p.message}</li>`)}</ul>` : ''
  }</td><td>${e.at}</td></tr>`);
  return html`<h2>${title} (${list.length})</h2>
<table><thead><tr><th scope="col">Page</th><th scope="col">Code</th><th scope="col">Problem</th><th scope="col">Fetched</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}

export function harvestReportPage(r: HarvestReport): Promise<string> {
  const job = r.lastJob;
  const jobLine = job
    ? html`<p>Last harvest <code>${job.id}</code>, started ${job.started}${job.finished ? html`, finished ${job.finished}${job.complete ? '' : ' (stopped before the end)'}` : ', not finished'}.</p>`
    : html`<p>No harvest has run yet.</p>`;
  const p = r.pages;
  const skipped = Object.entries(r.skipped).sort().map(([code, urls]) => html`<li><code>${code}</code>: ${urls.length}</li>`);
  return renderPage({ title: 'Harvest report', lang: 'en', alternates: [{ type: 'application/json', href: '/harvest/report' }] }, html`<h1>Harvest report</h1>
${jobLine}
<p>${p.known} pages known: ${p.releases} releases, ${p.rejected} rejected, ${p.failed} failed, ${p.skipped} skipped.</p>
${entries('Rejected pages', r.rejected)}
${entries('Failed pages', r.failed)}
${entries('Failed sources', r.sources)}
${skipped.length > 0 ? html`<h2>Skipped pages</h2><ul>${skipped}</ul>` : ''}`);
}
