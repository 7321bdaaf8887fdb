/**
 * Usage limits of anonymous clients (docs/decisions/0016-usage-limits.md): how many queries one client, and all
 * anonymous clients together, may have queued or running; and a query-time budget per client, as Wikidata's query
 * service has (60 s of query time per minute). Query time is known only when a query ends, so it is charged then: the
 * budget is a bucket that refills at `budget / window` and may go into debt; a client is admitted while its spent time
 * is under the budget, so one long query is never cut short by the budget (the query timeout does that), and a client
 * that overspent waits until it has paid the debt back. State is in memory, per opaque client key (client-key.ts),
 * and a client whose bucket is full again and who has nothing running is forgotten.
 */
import { AppError } from '../errors.js';

export interface UsageLimitOptions {
  /** Queries one anonymous client may have queued or running at once (0: no bound). */
  clientQueries: number;
  /** Queries all anonymous clients together may have queued or running at once (0: no bound). */
  anonymousQueries: number;
  /** Query time one anonymous client may use per window, ms (0: no budget). */
  budgetMs: number;
  /** The window the budget is for, ms. */
  windowMs: number;
  /** The clock, ms (tests). */
  now?: () => number;
}

interface ClientState {
  running: number;
  /** Query time charged and not yet refilled, ms, as of `at`. */
  spentMs: number;
  at: number;
}

/** What an admitted query holds until it ends: `finish` charges its time and releases its places. */
export interface Ticket {
  finish(elapsedMs: number): void;
}

/** The RateLimit-Policy names (draft-ietf-httpapi-ratelimit-headers) of the two bounds a client meets. */
export const POLICY_TIME = 'query-time';
export const POLICY_CONCURRENCY = 'concurrency';

export class UsageLimits {
  private readonly clients = new Map<string, ClientState>();
  private anonymousRunning = 0;
  private lastSweep: number;
  private readonly now: () => number;

  constructor(readonly options: UsageLimitOptions) {
    this.now = options.now ?? (() => performance.now());
    this.lastSweep = this.now();
  }

  /** Clients in memory (for tests and metrics). */
  get size(): number {
    return this.clients.size;
  }

  /** Query time a client has spent and not yet got back, ms. */
  spentMs(key: string): number {
    const state = this.clients.get(key);
    return state ? this.refill(state) : 0;
  }

  /** Admits a query of `key`, or throws the 429 (or 503) that refuses it. */
  admit(key: string): Ticket {
    const { clientQueries, anonymousQueries, budgetMs } = this.options;
    this.sweep();
    const state = this.clients.get(key) ?? { running: 0, spentMs: 0, at: this.now() };
    const spent = this.refill(state);
    if (budgetMs > 0 && spent >= budgetMs) throw this.overBudget(spent);
    if (clientQueries > 0 && state.running >= clientQueries) {
      throw new AppError(429, 'TOO_MANY_QUERIES', `This client already has ${state.running} queries queued or running, the most one client may have at once; send the next one when one of them has been answered (see /policy).`, { limit: clientQueries }, { 'Retry-After': '1', RateLimit: `"${POLICY_CONCURRENCY}";r=0` });
    }
    if (anonymousQueries > 0 && this.anonymousRunning >= anonymousQueries) {
      throw new AppError(503, 'ANONYMOUS_QUERIES_BUSY', `Anonymous clients together already have ${this.anonymousRunning} queries queued or running, the most the service takes at once; retry shortly (see /policy).`, { limit: anonymousQueries }, { 'Retry-After': '2' });
    }
    state.running++;
    this.anonymousRunning++;
    this.clients.set(key, state);
    let done = false;
    return {
      finish: (elapsedMs) => {
        if (done) return;
        done = true;
        state.running--;
        this.anonymousRunning--;
        this.refill(state);
        if (budgetMs > 0) state.spentMs += Math.max(0, elapsedMs);
        this.clients.set(key, state);
      },
    };
  }

  /** The RateLimit-Policy field for anonymous clients (one item per bound in force), or undefined without bounds. */
  policyHeader(): string | undefined {
    const { clientQueries, budgetMs, windowMs } = this.options;
    const items: string[] = [];
    if (budgetMs > 0) items.push(`"${POLICY_TIME}";q=${Math.floor(budgetMs / 1000)};w=${Math.ceil(windowMs / 1000)};qu="query-seconds"`);
    if (clientQueries > 0) items.push(`"${POLICY_CONCURRENCY}";q=${clientQueries};qu="concurrent-requests"`);
    return items.length > 0 ? items.join(', ') : undefined;
  }

  /** The RateLimit field of `key` now: the whole seconds of query time left, and the seconds until the budget is full. */
  stateHeader(key: string): string | undefined {
    const { budgetMs } = this.options;
    if (budgetMs <= 0) return undefined;
    const spent = this.spentMs(key);
    const remaining = Math.max(0, Math.floor((budgetMs - spent) / 1000));
    return `"${POLICY_TIME}";r=${remaining};t=${Math.ceil(spent / this.rate() / 1000)}`;
  }

  /** Budget regained per ms, ms. */
  private rate(): number {
    return this.options.budgetMs / this.options.windowMs;
  }

  /** Brings `state` to now: the spent time less what has refilled since. */
  private refill(state: ClientState): number {
    const now = this.now();
    if (this.options.budgetMs > 0) state.spentMs = Math.max(0, state.spentMs - (now - state.at) * this.rate());
    state.at = now;
    return state.spentMs;
  }

  private overBudget(spent: number): AppError {
    const { budgetMs, windowMs } = this.options;
    // admitted again once the spent time is under the budget: the debt past it, refilled at the budget's rate
    const wait = Math.max(1, Math.ceil((spent - budgetMs) / this.rate() / 1000 + 0.001));
    const budget = `${budgetMs / 1000} s of query time per ${windowMs / 1000} s`;
    return new AppError(429, 'QUERY_TIME_EXCEEDED', `This client has used its query time (${budget} for anonymous clients); retry after ${wait} s, or ask for a token (see /policy).`, { budgetSeconds: budgetMs / 1000, windowSeconds: windowMs / 1000, spentSeconds: Math.round(spent) / 1000, retryAfterSeconds: wait }, { 'Retry-After': String(wait), RateLimit: `"${POLICY_TIME}";r=0;t=${wait}` });
  }

  /** Forgets clients with nothing running and nothing left to refill, at most once a window. */
  private sweep(): void {
    const now = this.now();
    if (now - this.lastSweep < this.options.windowMs) return;
    this.lastSweep = now;
    for (const [key, state] of this.clients) if (state.running === 0 && this.refill(state) === 0) this.clients.delete(key);
  }
}
