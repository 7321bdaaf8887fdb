/** The evaluation's console report: the field table, the accuracies, the breakdowns, the worst pages' diffs. */
import type { Page } from './corpus.js';
import type { GroupFigures, Results } from './results.js';
import { FIELDS, RATIOS, type PageScore } from './score.js';

const pct = (x: number | null | undefined): string => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`);

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function targetOf(results: Results, metric: string): string {
  const t = results.targets.find((x) => x.metric === metric);
  return t ? `${t.met ? 'ok' : 'BELOW'} ≥${pct(t.min)}` : '';
}

function fieldTable(results: Results): string {
  const rows = FIELDS.map((f) => {
    const c = results.fields[f];
    const target = [targetOf(results, `${f}.precision`), targetOf(results, `${f}.recall`)].filter(Boolean).join(' / ');
    return [f, String(c.tp), String(c.fp), String(c.fn), pct(c.precision), pct(c.recall), target];
  });
  return table(['field', 'TP', 'FP', 'FN', 'precision', 'recall', 'target (P / R)'], rows);
}

function ratioTable(results: Results): string {
  const rows = RATIOS.map((r) => {
    const x = results.ratios[r];
    return [r, `${x.right}/${x.of}`, pct(x.rate), targetOf(results, r)];
  });
  return table(['accuracy', 'right', 'rate', 'target'], rows);
}

function groupTable(title: string, groups: Record<string, GroupFigures>): string {
  const pr = (x: { precision: number | null; recall: number | null }) => `${pct(x.precision)}/${pct(x.recall)}`;
  const rows = Object.entries(groups).map(([k, g]) => [
    k, String(g.pages), pct(g.acceptance), pct(g.title.recall), pct(g.datePublished.recall), pr(g.places), pr(g.sources),
    pr(g.fields), pct(g.genre.recall), pr(g.speakers), pct(g.attribution), pr(g.states), pct(g.events.recall),
  ]);
  return table([title, 'pages', 'accepted', 'title', 'date', 'places P/R', 'sources P/R', 'fields P/R', 'genre', 'speakers P/R', 'attrib.', 'states P/R', 'events'], rows);
}

/** The whole report of a run; `worst` pages with the most differences are listed with their diffs. */
export function formatReport(results: Results, pages: readonly Page[], scores: readonly PageScore[], worst = 10): string {
  const failed = results.targets.filter((t) => !t.met);
  const ranked = pages
    .map((p, i) => ({ p, s: scores[i] as PageScore }))
    .filter((x) => x.s.diffs.length > 0)
    .sort((a, b) => b.s.diffs.length - a.s.diffs.length || a.p.number - b.p.number)
    .slice(0, worst);
  return [
    `Ingestion evaluation: ${results.corpus} corpus, ${results.pages.total} pages (${results.pages.valid} valid, ${results.pages.invalid} to be rejected)`,
    '',
    fieldTable(results),
    '',
    ratioTable(results),
    '',
    groupTable('language', results.byLanguage),
    '',
    groupTable('layout', results.byLayout),
    '',
    groupTable('format', results.byFormat),
    '',
    `Pages with the most differences (of ${pages.filter((_, i) => (scores[i]?.diffs.length ?? 0) > 0).length} with any):`,
    ...ranked.map(({ p, s }) => formatPage(p, s, 6)),
    '',
    failed.length === 0 ? 'All targets met.' : `${failed.length} of ${results.targets.length} targets not met: ${failed.map((t) => `${t.metric} ${pct(t.value)} < ${pct(t.min)}`).join(', ')}`,
  ].join('\n');
}

/** One page's differences (all of them unless `limit`). */
export function formatPage(page: Page, score: PageScore, limit = Infinity): string {
  const e = page.expected;
  const head = `${page.id} [${e.layout}, ${e.language}, ${e.format}${e.valid ? '' : ', invalid'}]: ${score.diffs.length} difference${score.diffs.length === 1 ? '' : 's'}`;
  const shown = score.diffs.slice(0, limit).map((d) => `    ${d}`);
  const more = score.diffs.length > limit ? [`    … ${score.diffs.length - limit} more (--page ${page.number})`] : [];
  return [`  ${head}`, ...shown, ...more].join('\n');
}
