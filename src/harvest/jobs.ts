/**
 * Harvest jobs inside the server: one at a time (they share the state file), started by `POST /harvest` or by the
 * schedule of `serve --harvest URL --harvest-every 6h` (the next run starts that long after the previous one ended).
 * Each job is a resource to poll; the last few are kept in memory, the report comes from the state on disk.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../errors.js';
import { referenceIndex } from '../ingest/index.js';
import type { Iris } from '../model/ns.js';
import type { KgStore, WriteGate } from '../store/types.js';
import { runHarvest, type HarvestCounts, type HarvestIssue } from './harvester.js';
import { harvestOptions, type HarvestRequest } from './options.js';
import { harvestReport, type HarvestReport } from './report.js';
import { HarvestState } from './state.js';

export interface HarvestJob {
  id: string;
  status: 'running' | 'succeeded' | 'failed' | 'cancelled';
  trigger: 'request' | 'schedule';
  request: HarvestRequest;
  started: string;
  finished?: string;
  /** The job's id in the harvest state (the same for a resumed job). */
  harvest?: string;
  resumed?: boolean;
  complete?: boolean;
  counts?: HarvestCounts;
  /** What was rejected, failed or skipped in this run (the first 500). */
  issues?: HarvestIssue[];
  /** Why the job stopped, when it failed (a store fault). */
  error?: string;
}

export interface HarvestJobsDeps {
  store: KgStore;
  gate: WriteGate;
  iris: Iris;
  dataDir: string;
  /** What a request leaves out (the server's --harvest-delay-ms and --harvest-contact). */
  defaults?: Pick<HarvestRequest, 'delayMs' | 'contact'>;
}

const KEPT = 20;
const MAX_ISSUES = 500;

export class HarvestJobs {
  private readonly jobs: HarvestJob[] = [];
  private running: { job: HarvestJob; abort: AbortController; done: Promise<void> } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly deps: HarvestJobsDeps) {}

  /** Starts a job now; 409 while another runs, 400 for bad options. */
  start(request: HarvestRequest, trigger: HarvestJob['trigger'] = 'request'): HarvestJob {
    if (this.running) {
      throw new AppError(409, 'HARVEST_RUNNING', `A harvest is already running: /harvest/jobs/${this.running.job.id}.`, { job: this.running.job.id });
    }
    const opts = harvestOptions({ ...this.deps.defaults, ...request });
    const job: HarvestJob = { id: randomUUID(), status: 'running', trigger, request, started: new Date().toISOString() };
    const abort = new AbortController();
    const done = this.run(job, opts, abort.signal);
    this.running = { job, abort, done };
    this.jobs.unshift(job);
    this.jobs.splice(KEPT);
    return job;
  }

  private async run(job: HarvestJob, opts: ReturnType<typeof harvestOptions>, signal: AbortSignal): Promise<void> {
    const state = HarvestState.open(this.deps.dataDir, opts.dryRun);
    try {
      const target = { index: referenceIndex(this.deps.iris.base), ...(opts.dryRun ? {} : { store: this.deps.store, gate: this.deps.gate }) };
      const summary = await runHarvest(opts, state, target, { signal, onProgress: (counts) => (job.counts = { ...counts }) });
      Object.assign(job, {
        status: signal.aborted ? 'cancelled' : 'succeeded', harvest: summary.job, resumed: summary.resumed,
        complete: summary.complete, counts: summary.counts, issues: summary.issues.slice(0, MAX_ISSUES),
      });
    } catch (e) {
      Object.assign(job, { status: 'failed', error: e instanceof Error ? e.message : String(e) });
    } finally {
      state.close();
      job.finished = new Date().toISOString();
      this.running = undefined;
    }
  }

  get(id: string): HarvestJob | undefined {
    return this.jobs.find((j) => j.id === id);
  }

  /** The jobs kept, most recent first. */
  list(): HarvestJob[] {
    return [...this.jobs];
  }

  /** Asks the running job `id` to stop after its current request; false when it is not running. */
  cancel(id: string): boolean {
    if (this.running?.job.id !== id) return false;
    this.running.abort.abort();
    return true;
  }

  /** The curator's report, from the state on disk. */
  report(): HarvestReport {
    return harvestReport(HarvestState.open(this.deps.dataDir, true));
  }

  /** Runs `request` now and then `everyMs` after each run ended (once when `everyMs` is undefined). */
  schedule(request: HarvestRequest, everyMs: number | undefined): void {
    harvestOptions({ ...this.deps.defaults, ...request }); // fail fast on bad options, before the server is up
    const next = async (): Promise<void> => {
      if (this.stopped) return;
      try {
        await this.running?.done;
        this.start(request, 'schedule');
        await this.running?.done;
      } catch (e) {
        console.error('osce-kg: scheduled harvest could not start:', e instanceof Error ? e.message : e);
      }
      if (everyMs !== undefined && !this.stopped) this.timer = setTimeout(() => void next(), everyMs);
    };
    void next();
  }

  /** Stops the schedule and the running job, and waits for it. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.running?.abort.abort();
    await this.running?.done;
  }
}
