/**
 * Harvest state in `{data-dir}/harvest/state.jsonl`: one JSON record per line, appended and fsynced as the harvest
 * goes (a job's start and end, each discovery document and each page with its time, validators, content hash and what
 * it became). The last record of a URL is its state. A torn last line (a kill during a write) is cut on open; the log
 * is rewritten with only the live records (temp file, fsync, rename) when it has grown to more than twice their size.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Validators } from './fetcher.js';

/** What a page is, after its last fetch. */
export type Standing = 'release' | 'skipped' | 'rejected' | 'failed';

export interface Problem {
  code: string;
  message: string;
}

export interface PageRecord {
  t: 'page';
  url: string;
  job: string;
  /** When it was last fetched (or answered 304), ISO 8601. */
  at: string;
  standing: Standing;
  /** The URL after redirects, when it differs. */
  finalUrl?: string;
  validators?: Validators;
  /** Hex SHA-256 of the body last fetched. */
  sha256?: string;
  /** Its Content-Type, to decode a kept body again. */
  contentType?: string;
  /** The release IRI it became, and its named graph. */
  release?: string;
  graph?: string;
  /** Why it was skipped, rejected or failed. */
  code?: string;
  message?: string;
  problems?: Problem[];
}

export interface DocRecord {
  t: 'doc';
  url: string;
  job: string;
  at: string;
  kind: 'robots' | 'sitemap' | 'listing';
  validators?: Validators;
  /** robots.txt text, so a 304 can be answered from state. */
  text?: string;
  /** What the document led to: sitemap entries (with lastmod), listing links, pagination. */
  entries?: { loc: string; lastmod?: string }[];
  pagination?: string[];
  /** Set when the document could not be fetched or read. */
  code?: string;
  message?: string;
  /** The HTTP status of a failed fetch (robots.txt rules depend on it). */
  status?: number;
}

export interface JobRecord {
  t: 'job';
  id: string;
  started: string;
  /** The seeds and filters: a job is resumed only by a run with the same ones. */
  fingerprint: string;
}

export interface EndRecord {
  t: 'end';
  id: string;
  finished: string;
  counts: Record<string, number>;
  /** False when the job stopped at --max-pages or was cancelled. */
  complete: boolean;
}

export type StateRecord = PageRecord | DocRecord | JobRecord | EndRecord;

export class HarvestState {
  readonly pages = new Map<string, PageRecord>();
  readonly docs = new Map<string, DocRecord>();
  /** The last job started, and its end if it ended. */
  lastJob: JobRecord | undefined;
  lastEnd: EndRecord | undefined;
  private fd: number | undefined;
  private lines = 0;
  /** Bodies kept by a dry run or an in-memory state. */
  private readonly heldBodies = new Map<string, Uint8Array>();

  /** `file`: where records are appended (none when read-only); `home`: the state's folder, to read kept bodies. */
  private constructor(readonly file: string | undefined, private readonly home: string | undefined) {}

  private get bodiesDir(): string | undefined {
    return this.file && this.home && join(this.home, 'bodies');
  }

  /**
   * Keeps the body of a page that is not a release (rejected, or without the marks of one), so later runs can give it
   * to a newer extractor after a 304 without fetching it again. Written before the page's record.
   */
  keepBody(sha256: string, body: Uint8Array): void {
    const dir = this.bodiesDir;
    if (!dir) return void this.heldBodies.set(sha256, body);
    mkdirSync(dir, { recursive: true });
    const path = join(dir, sha256);
    if (existsSync(path)) return;
    writeFileSync(`${path}.tmp`, body, { flush: true });
    renameSync(`${path}.tmp`, path);
  }

  /** A kept body, if there is one. */
  body(sha256: string): Uint8Array | undefined {
    const held = this.heldBodies.get(sha256);
    if (held) return held;
    const kept = this.home && join(this.home, 'bodies', sha256);
    return kept && existsSync(kept) ? readFileSync(kept) : undefined;
  }

  /** The state of `dataDir` (read-only when `readOnly`, for dry runs and reports). */
  static open(dataDir: string, readOnly = false): HarvestState {
    const file = join(dataDir, 'harvest', 'state.jsonl');
    const state = new HarvestState(readOnly ? undefined : file, dirname(file));
    if (existsSync(file)) state.load(file, readOnly);
    if (!readOnly) {
      mkdirSync(dirname(file), { recursive: true });
      if (state.lines > 2 * state.live().length + 100) state.compact(file);
      state.fd = openSync(file, 'a');
    }
    return state;
  }

  /** A state kept in memory only (dry runs without a data dir). */
  static memory(): HarvestState {
    return new HarvestState(undefined, undefined);
  }

  private load(file: string, readOnly: boolean): void {
    const text = readFileSync(file, 'utf8');
    const end = text.lastIndexOf('\n') + 1;
    if (end < text.length && !readOnly) truncateSync(file, Buffer.byteLength(text.slice(0, end)));
    for (const line of text.slice(0, end).split('\n')) {
      if (!line) continue;
      try {
        this.apply(JSON.parse(line) as StateRecord);
        this.lines++;
      } catch {
        // a line damaged outside this program: its URL is fetched again
      }
    }
  }

  private apply(record: StateRecord): void {
    if (record.t === 'page') this.pages.set(record.url, record);
    else if (record.t === 'doc') this.docs.set(record.url, record);
    else if (record.t === 'job') {
      this.lastJob = record;
      this.lastEnd = undefined;
    } else if (record.id === this.lastJob?.id) this.lastEnd = record;
  }

  /** The job to resume: the last one, if it did not end and had these seeds and filters. */
  resumable(fingerprint: string): JobRecord | undefined {
    return this.lastJob && !this.lastEnd && this.lastJob.fingerprint === fingerprint ? this.lastJob : undefined;
  }

  /** Applies a record and makes it durable before returning. */
  write(record: StateRecord): void {
    this.apply(record);
    if (this.fd === undefined) return;
    writeSync(this.fd, `${JSON.stringify(record)}\n`);
    fsyncSync(this.fd);
    this.lines++;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private live(): StateRecord[] {
    return [...(this.lastJob ? [this.lastJob] : []), ...this.docs.values(), ...this.pages.values(), ...(this.lastEnd ? [this.lastEnd] : [])];
  }

  private compact(file: string): void {
    const temp = `${file}.tmp`;
    const fd = openSync(temp, 'w');
    try {
      writeSync(fd, this.live().map((r) => `${JSON.stringify(r)}\n`).join(''));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
    const dir = openSync(dirname(file), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
    this.lines = this.live().length;
    this.dropUnusedBodies();
  }

  private dropUnusedBodies(): void {
    const dir = this.bodiesDir;
    if (!dir || !existsSync(dir)) return;
    const used = new Set([...this.pages.values()].filter((p) => p.standing !== 'release').map((p) => p.sha256));
    for (const name of readdirSync(dir)) if (!used.has(name)) rmSync(join(dir, name), { force: true });
  }
}
