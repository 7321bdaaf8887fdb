/**
 * `osce-kg harvest URL...`: discovers a site's press releases (robots.txt sitemaps, sitemaps, listing pages), fetches
 * them politely and ingests each into the store in --data-dir, resuming an interrupted job and re-fetching only what
 * changed on later runs. A progress bar on a terminal, a summary at the end; exit 1 when a page or source failed or was
 * rejected. `--report` prints what the curator should look at, from the harvest state.
 */
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { builtinQuads } from '../builtin.js';
import { loadConfig } from '../config.js';
import { checkStoreBase } from './store-base.js';
import { hasFailures, runHarvest, type HarvestCounts, type HarvestSummary } from '../harvest/harvester.js';
import { harvestOptions, type HarvestRequest } from '../harvest/options.js';
import { harvestReport, reportText } from '../harvest/report.js';
import { HarvestState } from '../harvest/state.js';
import { referenceIndex } from '../ingest/index.js';
import { Iris } from '../model/ns.js';
import { createEmbeddedStore } from '../store/embedded-store.js';
import { createShaclGate } from '../validation/index.js';

export interface HarvestArgs {
  dataDir?: string;
  base?: string;
  include?: string[];
  exclude?: string[];
  since?: string;
  delayMs?: string;
  maxPages?: string;
  contact?: string;
  dryRun?: boolean;
  report?: boolean;
  format?: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];
const num = (value: string | undefined) => (value === undefined ? undefined : Number(value));

/** The summary printed at the end of a run. */
export function summaryText(s: HarvestSummary, dryRun: boolean): string {
  const c = s.counts;
  const lines = [
    `harvest ${s.job}${s.resumed ? ' (resumed)' : ''}${s.complete ? '' : ' stopped before the end'}: found ${c.found}, fetched ${c.fetched}` +
      `, ${dryRun ? 'would ingest' : 'ingested'} ${c.ingested}, updated ${c.updated}, unchanged ${c.unchanged}, skipped ${c.skipped}` +
      `, rejected ${c.rejected}, failed ${c.failed}${c.sourcesFailed ? `, sources failed ${c.sourcesFailed}` : ''}` +
      `${c.resumed ? `, done before the interruption ${c.resumed}` : ''}${c.excluded ? `, excluded by filters ${c.excluded}` : ''}`,
  ];
  for (const i of s.issues.filter((x) => x.outcome !== 'skipped')) lines.push(`  ${i.outcome} ${i.url}: ${i.code}: ${i.message}`);
  const skipped = new Map<string, number>();
  for (const i of s.issues.filter((x) => x.outcome === 'skipped')) skipped.set(i.code, (skipped.get(i.code) ?? 0) + 1);
  if (skipped.size > 0) lines.push(`  skipped: ${[...skipped].map(([code, n]) => `${code} ${n}`).join(', ')}`);
  return lines.join('\n');
}

/** A bar on a terminal: pages done of pages found, with the counts, the rate and cli-progress's ETA. */
function progressBar(stream: NodeJS.WriteStream): { update(c: Readonly<HarvestCounts>): void; stop(): void } {
  if (!stream.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar({
    format: 'harvest [{bar}] {value}/{total} | ingested {ingested} updated {updated} unchanged {unchanged} skipped {skipped} rejected {rejected} failed {failed} | {rate}/min | ETA {eta_formatted}',
    stream, hideCursor: true, etaBuffer: 50,
  }, cliProgress.Presets.shades_classic);
  const started = performance.now();
  bar.start(0, 0, { ingested: 0, updated: 0, unchanged: 0, skipped: 0, rejected: 0, failed: 0, rate: '0' });
  return {
    update: (c) => {
      const done = c.ingested + c.updated + c.unchanged + c.skipped + c.rejected + c.failed + c.resumed;
      const minutes = (performance.now() - started) / 60_000;
      bar.setTotal(Math.max(c.found, done));
      bar.update(done, { ...c, rate: minutes > 0 ? (c.fetched / minutes).toFixed(1) : '0' });
    },
    stop: () => bar.stop(),
  };
}

/** The command's work, callable from tests. */
export async function runHarvestCommand(urls: string[], args: HarvestArgs, out: (text: string) => void = (t) => process.stdout.write(t)): Promise<HarvestSummary | undefined> {
  const config = loadConfig({ ...(args.base ? { base: args.base } : {}), ...(args.dataDir ? { dataDir: args.dataDir } : {}) });
  if (args.report) {
    const report = harvestReport(HarvestState.open(config.dataDir, true));
    out(args.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : reportText(report));
    return undefined;
  }
  const request: HarvestRequest = {
    urls, include: args.include ?? [], exclude: args.exclude ?? [], dryRun: Boolean(args.dryRun),
    ...(args.since !== undefined ? { since: args.since } : {}),
    ...(args.delayMs !== undefined ? { delayMs: num(args.delayMs) as number } : {}),
    ...(args.maxPages !== undefined ? { maxPages: num(args.maxPages) as number } : {}),
    ...(args.contact !== undefined ? { contact: args.contact } : {}),
  };
  const opts = harvestOptions(request);
  const iris = new Iris(config.base);
  const store = opts.dryRun ? undefined : createEmbeddedStore({ dataDir: config.dataDir, workers: 1, seed: () => builtinQuads(iris.base) });
  await store?.open();
  try {
    if (store) await checkStoreBase(store, iris.base, config.dataDir, 'harvest');
  } catch (e) {
    await store?.close();
    throw e;
  }
  const state = HarvestState.open(config.dataDir, opts.dryRun);
  const bar = progressBar(process.stderr);
  try {
    const target = { index: referenceIndex(iris.base), ...(store ? { store, gate: createShaclGate(iris) } : {}) };
    const summary = await runHarvest(opts, state, target, { onProgress: (c) => bar.update(c) });
    bar.stop();
    process.stderr.write(`${summaryText(summary, opts.dryRun)}\n`);
    return summary;
  } finally {
    bar.stop();
    state.close();
    await store?.close();
  }
}

export function registerHarvest(program: Command): void {
  program
    .command('harvest')
    .description('Harvest press releases from a website (robots.txt sitemaps, sitemaps, listing pages) into the store, politely and incrementally.')
    .argument('[urls...]', 'a site root, a sitemap or sitemap index (XML or gzipped), or a listing page')
    .option('--data-dir <dir>', 'folder of the embedded store and the harvest state (default: var/store, or OSCE_KG_DATA_DIR)')
    .option('--base <iri>', 'base IRI of entities')
    .option('--include <regex>', 'harvest only page URLs matching this (repeatable: any of them)', collect)
    .option('--exclude <regex>', 'leave out page URLs matching this (repeatable)', collect)
    .option('--since <date>', 'leave out sitemap entries last modified before this date (YYYY-MM-DD)')
    .option('--delay-ms <n>', 'least time between two requests to one host, ms (default 1000; a larger robots.txt Crawl-delay wins)')
    .option('--max-pages <n>', 'fetch at most this many pages in this run (new pages first)')
    .option('--contact <url>', 'a URL where site owners can reach you, sent in the User-Agent')
    .option('--dry-run', 'fetch and extract, but store nothing and record no state')
    .option('--report', 'print the rejected, failed and skipped pages of earlier harvests and exit')
    .option('--format <text|json>', 'format of --report', 'text')
    .action(async (urls: string[], args: HarvestArgs) => {
      if (!args.report && urls.length === 0) program.error('harvest: name at least one URL, or use --report', { exitCode: 2 });
      const summary = await runHarvestCommand(urls, args);
      if (summary && hasFailures(summary)) process.exitCode = 1;
    });
}
