/**
 * HTTP access to an external SPARQL 1.1 store (Protocol §2.1 query via POST, §2.2 update via POST): timeouts through
 * AbortController, Basic or Digest credentials (the scheme is learnt from the store's 401 challenge), and the store's
 * failures mapped to the same AppErrors as the embedded store.
 */
import { AppError, queryTimeout, syntaxError } from '../../errors.js';
import { digestAuthorization, parseDigestChallenge, type DigestChallenge } from './digest.js';

export interface ClientOptions {
  queryUrl: string;
  updateUrl: string;
  user?: string;
  password?: string;
  /** Extra query parameters of every query request (Virtuoso: its per-query `timeout`). */
  fetchImpl?: typeof fetch;
}

export interface QueryRequest {
  query: string;
  accept: string;
  timeoutMs: number;
  /** Extra form parameters (default-graph-uri, named-graph-uri, engine-specific ones). */
  params?: [string, string][];
}

type AuthState = { scheme: 'none' } | { scheme: 'basic' } | { scheme: 'digest'; challenge: DigestChallenge; nc: number };

/** Attempts of a query that keeps losing deadlocks against concurrent writes. */
const READ_ATTEMPTS = 4;

export class SparqlClient {
  private auth: AuthState = { scheme: 'none' };
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly opts: ClientOptions) {
    this.fetchImpl = opts.fetchImpl ?? fetch;
  }

  /**
   * Sends a query; resolves with the successful response (status 2xx), body unread. A query the store chose as the
   * victim of a deadlock with a concurrent write (Virtuoso SR172, SQLSTATE 40001) was rolled back, so it is sent
   * again: reading is idempotent (writes are retried by the writer, which first checks whether they committed).
   */
  async query(req: QueryRequest): Promise<Response> {
    const form = new URLSearchParams([['query', req.query], ...(req.params ?? [])]).toString();
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.send(this.opts.queryUrl, form, req.accept, req.timeoutMs, false, 'QUERY');
      } catch (e) {
        if (attempt >= READ_ATTEMPTS || !(e instanceof AppError && e.code === 'STORE_CONFLICT')) throw e;
        await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 40));
      }
    }
  }

  /** Sends an update (authenticated when credentials are configured); resolves when the store has committed it. */
  async update(update: string, timeoutMs: number): Promise<void> {
    const res = await this.send(this.opts.updateUrl, new URLSearchParams([['update', update]]).toString(), '*/*', timeoutMs, true, 'UPDATE');
    await res.arrayBuffer();
  }

  /**
   * Adds RDF to one graph through the store's SPARQL 1.1 Graph Store HTTP Protocol endpoint (§5.5 POST, `?graph=`
   * or `?default`), with the same credentials as updates: the store parses the document itself, which is much
   * cheaper than an INSERT DATA request of the same quads.
   */
  async graphPost(gspUrl: string, graph: string | undefined, body: string, contentType: string, timeoutMs: number): Promise<void> {
    const url = new URL(gspUrl);
    if (graph === undefined) url.searchParams.set('default', '');
    else url.searchParams.set('graph', graph);
    const res = await this.send(url.href, body, '*/*', timeoutMs, true, 'UPDATE', contentType);
    await res.arrayBuffer();
  }

  private async send(url: string, body: string, accept: string, timeoutMs: number, authenticate: boolean, kind: 'QUERY' | 'UPDATE', contentType = 'application/x-www-form-urlencoded'): Promise<Response> {
    const ac = new AbortController();
    const timer = timeoutMs > 0 ? setTimeout(() => ac.abort(), timeoutMs) : undefined;
    try {
      let res = await this.post(url, body, accept, ac.signal, authenticate, contentType);
      if (res.status === 401 && authenticate && this.learnChallenge(res)) {
        await res.arrayBuffer();
        res = await this.post(url, body, accept, ac.signal, authenticate, contentType);
      }
      if (!res.ok) throw await storeError(res, kind);
      // Virtuoso answers a query cut by its per-query timeout with 200 and partial rows; we never pass those on.
      if (res.headers.get('x-sql-state') === 'S1TAT') {
        await res.arrayBuffer();
        throw queryTimeout(Math.round(timeoutMs / 100) / 10);
      }
      return res;
    } catch (e) {
      if (ac.signal.aborted) throw queryTimeout(Math.round(timeoutMs / 100) / 10);
      if (e instanceof AppError) throw e;
      throw new AppError(503, 'STORE_UNAVAILABLE', `The SPARQL store at ${new URL(url).origin} did not answer: ${(e as Error).message}`, undefined, { 'Retry-After': '5' });
    } finally {
      clearTimeout(timer);
    }
  }

  private post(url: string, body: string, accept: string, signal: AbortSignal, authenticate: boolean, contentType: string): Promise<Response> {
    const headers: Record<string, string> = { 'content-type': contentType, accept };
    const authorization = authenticate ? this.authorization(url) : undefined;
    if (authorization) headers.authorization = authorization;
    return this.fetchImpl(url, { method: 'POST', headers, body, signal });
  }

  private authorization(url: string): string | undefined {
    const { user, password } = this.opts;
    if (user === undefined || password === undefined) return undefined;
    if (this.auth.scheme === 'basic') return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    if (this.auth.scheme === 'digest') {
      const u = new URL(url);
      return digestAuthorization(this.auth.challenge, { user, password }, 'POST', u.pathname + u.search, ++this.auth.nc);
    }
    return undefined;
  }

  /** Reads a 401 challenge; true when a retry with (new) credentials may succeed. */
  private learnChallenge(res: Response): boolean {
    if (this.opts.user === undefined || this.opts.password === undefined) return false;
    const header = res.headers.get('www-authenticate');
    const digest = parseDigestChallenge(header);
    const before = this.auth;
    if (digest) {
      // a second 401 for a fresh (non-stale) nonce means the credentials are wrong: do not loop
      if (before.scheme === 'digest' && !digest.stale && before.challenge.nonce !== digest.nonce && before.nc > 0) {
        this.auth = { scheme: 'digest', challenge: digest, nc: 0 };
        return true;
      }
      this.auth = { scheme: 'digest', challenge: digest, nc: 0 };
      return before.scheme !== 'digest' || digest.stale || before.challenge.nonce !== digest.nonce;
    }
    if (header && /^\s*Basic\b/i.test(header) && before.scheme !== 'basic') {
      this.auth = { scheme: 'basic' };
      return true;
    }
    return false;
  }
}

/** Maps a failed store response to an AppError: the store's own words, the position where it gives one. */
async function storeError(res: Response, kind: 'QUERY' | 'UPDATE'): Promise<AppError> {
  const text = (await res.text()).slice(0, 4000);
  // Virtuoso: "Virtuoso 37000 Error SP030: SPARQL compiler, line 2: syntax error at '}' before '}'"
  const message = (text.split('\n\nSPARQL query:')[0] ?? text).trim().replace(/\s+/g, ' ') || res.statusText;
  if (res.status === 401 || res.status === 403) {
    return new AppError(502, 'STORE_AUTH', `The SPARQL store refused the configured credentials (${res.status}); check OSCE_KG_STORE_USER and OSCE_KG_STORE_PASSWORD.`);
  }
  if (res.status === 400 || /\bSP0\d\d\b|SPARQL compiler/.test(message)) {
    const line = /\bline (\d+)\b/.exec(message);
    // Virtuoso counts lines from 1 but says "line 0" when it cannot tell
    const n = line && Number(line[1]) > 0 ? Number(line[1]) : undefined;
    return /syntax|compiler|parse/i.test(message) ? syntaxError(`${kind}_SYNTAX`, message, n) : new AppError(400, `${kind}_EVALUATION`, message);
  }
  // SQLSTATE 40001 (Virtuoso SR172 "Transaction deadlocked"): the store rolled the request back; the writer retries
  if (/\b40001\b/.test(message)) return new AppError(503, 'STORE_CONFLICT', `The SPARQL store aborted a transaction that collided with another: ${message}`, undefined, { 'Retry-After': '1' });
  if (res.status === 404) return new AppError(502, 'STORE_ERROR', `The SPARQL store has no endpoint at ${res.url} (404).`);
  return new AppError(502, 'STORE_ERROR', `The SPARQL store failed (${res.status}): ${message}`);
}
