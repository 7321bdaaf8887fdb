/**
 * Faults of the disk under the data directory (a full file system, a quota, an I/O error), as opposed to faults of the
 * engine (engine-fault.ts) or of the request. A write that meets one is answered 507 `STORAGE_FULL` (RFC 4918 §11.5:
 * the server cannot store the representation) or 503 `STORAGE_ERROR`, never 500, and the store turns read-only until
 * a probe write succeeds again (embedded-store.ts).
 */
import { AppError, isAppError } from '../errors.js';
import type { StorageStatus } from './types.js';

/** errno codes that mean "no room": the operator frees space (or raises the quota) and writes resume. */
const FULL = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);
const CODES = new Set(['STORAGE_FULL', 'STORAGE_ERROR']);

/** A Node file-system error (it carries an errno code such as ENOSPC or EIO). */
export function isFsError(e: unknown): e is NodeJS.ErrnoException {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string' && /^E[A-Z0-9]+$/.test((e as NodeJS.ErrnoException).code!);
}

/** An AppError that reports a storage fault (it may have crossed from a worker thread as plain data). */
export function isStorageFault(e: unknown): e is AppError {
  return isAppError(e) && CODES.has(e.code);
}

/** The AppError for a file-system error met while doing `what` ("appending to the journal"). */
export function storageFault(e: unknown, what: string): AppError {
  if (isStorageFault(e)) return e;
  const errno = isFsError(e) ? e.code! : 'EIO';
  const cause = e instanceof Error ? e.message : String(e);
  const reason = FULL.has(errno) ? `the disk of the data directory is full (${errno} while ${what})` : `the disk of the data directory failed (${cause}, while ${what})`;
  return fault(FULL.has(errno), reason, `${capitalize(reason)}; the write was not stored.`, errno);
}

/**
 * The answer to a write while the store is read-only after `cause` (a storage fault at `since`): the same status and
 * code, and what the operator can do.
 */
export function readOnlyRefusal(cause: AppError, since: Date, retryMs: number, restart: boolean): AppError {
  const { reason, errno } = cause.detail as { reason: string; errno: string };
  const until = restart
    ? 'until the service is restarted (a snapshot could neither be made durable nor undone)'
    : `until a probe write to the data directory succeeds again (tried every ${retryMs / 1000} s and before each write)`;
  return fault(cause.code === 'STORAGE_FULL', reason,
    `The store is read-only since ${since.toISOString()}: ${reason}. Writes are refused ${until}; reads are served.`, errno);
}

function fault(full: boolean, reason: string, message: string, errno: string): AppError {
  if (full) return new AppError(507, 'STORAGE_FULL', message, { errno, reason });
  return new AppError(503, 'STORAGE_ERROR', message, { errno, reason }, { 'Retry-After': '10' });
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** What a guard needs from its store: the probe itself, and a way to run it in turn with the writes. */
export interface GuardOptions {
  /** Probe interval while read-only, ms. */
  everyMs: number;
  /** Resolves when the disk takes writes again (the journal cut back or reopened, a probe file written). */
  probe(): Promise<void>;
  /** Runs `task` when no write is in progress (the probe touches the journal). */
  inTurn(task: () => Promise<void>): void;
}

/**
 * The read-only state of a store after a storage fault: set by the first fault, cleared by the first probe that
 * succeeds (every `everyMs`, and before each write). A fault that left the data directory in a state only a restart
 * reads right (`restart`) is never cleared.
 */
export class StorageGuard {
  private fault: { error: AppError; since: Date; restart: boolean } | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: GuardOptions) {}

  /** A storage fault turns the store read-only and is returned as the AppError to answer with; other errors as they are. */
  failed(e: unknown, what: string, restart = false): unknown {
    if (!isStorageFault(e) && !isFsError(e)) return e;
    const error = storageFault(e, what);
    if (!this.fault || (restart && !this.fault.restart)) {
      console.error(`osce-kg: ${reasonOf(error)}; the store is read-only until ${restart ? 'a restart' : 'a probe write succeeds'}.`);
      this.fault = { error, since: this.fault?.since ?? new Date(), restart };
      clearInterval(this.timer);
      if (!restart) this.timer = setInterval(() => this.options.inTurn(() => this.probe()), this.options.everyMs).unref();
    }
    return error;
  }

  /** Refuses a write while read-only, after probing the disk once more. */
  async assertWritable(): Promise<void> {
    await this.probe();
    if (this.fault) throw readOnlyRefusal(this.fault.error, this.fault.since, this.options.everyMs, this.fault.restart);
  }

  async probe(): Promise<void> {
    if (!this.fault || this.fault.restart) return;
    try {
      await this.options.probe();
    } catch {
      return; // still failing: the first fault stays the reason given
    }
    console.error(`osce-kg: the data directory takes writes again (read-only since ${this.fault.since.toISOString()}).`);
    this.stop();
  }

  status(): StorageStatus {
    if (!this.fault) return { writable: true };
    const { error, since } = this.fault;
    return { writable: false, code: error.code, reason: reasonOf(error), since: since.toISOString() };
  }

  /** Clears the state and its timer (a successful probe, or the store closing). */
  stop(): void {
    this.fault = undefined;
    clearInterval(this.timer);
    this.timer = undefined;
  }
}

export const reasonOf = (error: AppError): string => (error.detail as { reason: string }).reason;
