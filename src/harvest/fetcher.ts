/**
 * Polite HTTP GETs: paced per host (pacer.ts), conditional on the validators of the last fetch (RFC 9110 §13.1),
 * redirects followed by hand within the site with loops detected, 429/502/503/504 retried after Retry-After or an
 * exponential backoff (backoff.ts), a time limit per exchange and a byte cap on every body. Every fault becomes an
 * outcome with a code; nothing here throws for what a site answers.
 */
import { mediaTypeOf } from '../http/body.js';
import { retryDelay, parseRetryAfter, type BackoffPolicy } from './backoff.js';
import { HostPacer } from './pacer.js';

export interface Validators {
  etag?: string;
  lastModified?: string;
}

export interface FetcherOptions {
  userAgent: string;
  /** Least gap between two exchanges with one host, ms. */
  delayMs: number;
  /** Time limit of one exchange (headers and body), ms. */
  timeoutMs: number;
  backoff: BackoffPolicy;
  maxRedirects: number;
  /** Stops the whole harvest (a server shutting down). */
  signal?: AbortSignal;
}

export interface FetchRequest {
  url: string;
  /** Validators of the last fetch: the request is conditional when given. */
  validators?: Validators;
  /** Whether a body of this media type is wanted; others are not downloaded. */
  wants: (mediaType: string) => boolean;
  maxBytes: number;
}

export type FetchOutcome =
  | { kind: 'ok'; url: string; status: number; contentType: string; body: Buffer; validators: Validators }
  | { kind: 'not-modified'; url: string }
  | { kind: 'unwanted'; url: string; contentType: string; validators: Validators }
  | { kind: 'failed'; url: string; code: string; message: string; status?: number };

type Exchange =
  | FetchOutcome
  | { kind: 'redirect'; url: string; location: string | null; status: number }
  | { kind: 'retry'; url: string; status: number; retryAfterMs: number | undefined };

const RETRIED = new Set([429, 502, 503, 504]);

/** Hosts of one site: the same host name, or the same with and without a leading "www.". */
export function sameSite(a: URL, b: URL): boolean {
  const bare = (u: URL) => u.hostname.replace(/^www\./, '');
  return bare(a) === bare(b) && (a.port === b.port || a.protocol !== b.protocol);
}

export class PoliteFetcher {
  private readonly pacers = new Map<string, HostPacer>();

  constructor(private readonly opts: FetcherOptions) {}

  /** The pacer of a host (created with the configured delay). */
  pacer(host: string): HostPacer {
    let pacer = this.pacers.get(host);
    if (!pacer) this.pacers.set(host, (pacer = new HostPacer(this.opts.delayMs)));
    return pacer;
  }

  /** GETs `req.url`, following redirects within the site that `allows` lets it fetch. */
  async get(req: FetchRequest, allows: (url: string) => Promise<boolean> = async () => true): Promise<FetchOutcome> {
    const chain = [req.url];
    let url = req.url;
    for (let attempt = 0; ;) {
      const host = new URL(url).host;
      // the validators go with every hop: they are those of the page the chain ended at last time, and a server
      // answers a redirect whatever they say (RFC 9110 §13.2.1)
      const answer = await this.pacer(host).run(() => this.exchange(url, req.validators, req), this.opts.signal).catch((e: unknown) => {
        if (this.opts.signal?.aborted) return failed(url, 'ABORTED', 'The harvest was stopped.');
        throw e;
      });
      if (answer.kind === 'retry') {
        const wait = retryDelay(attempt++, answer.retryAfterMs, this.opts.backoff);
        if (wait === undefined) return failed(url, `HTTP_${answer.status}`, `The server answered ${answer.status} ${attempt} time(s); the page is left for the next run.`, answer.status);
        this.pacer(host).holdFor(wait);
        continue;
      }
      if (answer.kind !== 'redirect') return answer;
      const next = redirectTarget(answer, chain, this.opts.maxRedirects);
      if (typeof next !== 'string') return next;
      if (!(await allows(next))) return failed(next, 'DISALLOWED', `The redirect from ${url} leads to ${next}, which robots.txt disallows.`);
      chain.push(next);
      url = next;
    }
  }

  private async exchange(url: string, validators: Validators | undefined, req: FetchRequest): Promise<Exchange> {
    const signals = [AbortSignal.timeout(this.opts.timeoutMs), ...(this.opts.signal ? [this.opts.signal] : [])];
    try {
      const res = await fetch(url, { headers: this.headers(validators), redirect: 'manual', signal: AbortSignal.any(signals) });
      const status = res.status;
      if (status >= 300 && status < 400 && status !== 304) {
        await res.body?.cancel();
        return { kind: 'redirect', url, location: res.headers.get('location'), status };
      }
      if (status === 304) return { kind: 'not-modified', url };
      if (RETRIED.has(status)) {
        await res.body?.cancel();
        return { kind: 'retry', url, status, retryAfterMs: parseRetryAfter(res.headers.get('retry-after'), Date.now()) };
      }
      if (status < 200 || status >= 300) {
        await res.body?.cancel();
        return failed(url, `HTTP_${status}`, `The server answered ${status} ${res.statusText}.`.replace(/ \.$/, '.'), status);
      }
      return await this.readBody(res, url, req);
    } catch (e) {
      return networkFailure(url, e, this.opts.timeoutMs);
    }
  }

  private async readBody(res: Response, url: string, req: FetchRequest): Promise<FetchOutcome> {
    const contentType = res.headers.get('content-type') ?? '';
    if (!req.wants(mediaTypeOf(contentType))) {
      await res.body?.cancel();
      return { kind: 'unwanted', url, contentType, validators: validatorsOf(res) };
    }
    const tooLarge = () => failed(url, 'TOO_LARGE', `The page is larger than the limit of ${req.maxBytes} bytes.`, res.status);
    if (Number(res.headers.get('content-length') ?? 0) > req.maxBytes) {
      await res.body?.cancel();
      return tooLarge();
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of res.body ?? []) {
      size += chunk.byteLength;
      if (size > req.maxBytes) return tooLarge(); // leaving the loop cancels the stream
      chunks.push(chunk);
    }
    return { kind: 'ok', url, status: res.status, contentType, body: Buffer.concat(chunks), validators: validatorsOf(res) };
  }

  private headers(validators: Validators | undefined): Record<string, string> {
    const headers: Record<string, string> = {
      'User-Agent': this.opts.userAgent,
      Accept: 'text/html, application/xhtml+xml, text/plain;q=0.9, application/xml;q=0.8, */*;q=0.1',
    };
    if (validators?.etag) headers['If-None-Match'] = validators.etag;
    if (validators?.lastModified) headers['If-Modified-Since'] = validators.lastModified;
    return headers;
  }
}

function validatorsOf(res: Response): Validators {
  const validators: Validators = {};
  const etag = res.headers.get('etag');
  const lastModified = res.headers.get('last-modified');
  if (etag) validators.etag = etag;
  if (lastModified) validators.lastModified = lastModified;
  return validators;
}

function failed(url: string, code: string, message: string, status?: number): FetchOutcome {
  return { kind: 'failed', url, code, message, ...(status !== undefined ? { status } : {}) };
}

/** The next URL of a redirect chain, or the failure that ends it. */
function redirectTarget(answer: { url: string; location: string | null; status: number }, chain: string[], max: number): string | FetchOutcome {
  let next: URL;
  try {
    next = new URL(answer.location ?? '', answer.url);
    next.hash = '';
  } catch {
    return failed(answer.url, 'BAD_REDIRECT', `The server answered ${answer.status} with an unusable Location header.`, answer.status);
  }
  if (!answer.location || (next.protocol !== 'http:' && next.protocol !== 'https:')) {
    return failed(answer.url, 'BAD_REDIRECT', `The server answered ${answer.status} with an unusable Location header.`, answer.status);
  }
  if (!sameSite(next, new URL(answer.url))) return failed(answer.url, 'OFF_SITE_REDIRECT', `${answer.url} redirects to another site: ${next.href}.`, answer.status);
  if (chain.includes(next.href)) return failed(chain[0] ?? answer.url, 'REDIRECT_LOOP', `The redirects loop: ${[...chain, next.href].join(' -> ')}.`, answer.status);
  if (chain.length > max) return failed(chain[0] ?? answer.url, 'TOO_MANY_REDIRECTS', `More than ${max} redirects from ${chain[0]}.`, answer.status);
  return next.href;
}

const TLS = /^(CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH)/;

/** A fetch that threw: the connection, TLS or the time limit. */
function networkFailure(url: string, e: unknown, timeoutMs: number): FetchOutcome {
  const error = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (error.name === 'TimeoutError') return failed(url, 'TIMEOUT', `No complete answer within ${timeoutMs} ms.`);
  if (error.name === 'AbortError') return failed(url, 'ABORTED', 'The harvest was stopped.');
  const code = error.cause?.code ?? '';
  const detail = error.cause?.message ?? error.message ?? String(e);
  if (TLS.test(code)) return failed(url, 'TLS_ERROR', `The TLS connection to ${new URL(url).host} failed: ${detail}.`);
  if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'].includes(code)) {
    return failed(url, 'UNREACHABLE', `The host ${new URL(url).host} could not be reached (${code}).`);
  }
  return failed(url, 'NETWORK_ERROR', `The request to ${url} failed: ${detail}${code ? ` (${code})` : ''}.`);
}
