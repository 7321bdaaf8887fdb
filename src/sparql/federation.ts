/**
 * Federated queries (SPARQL 1.1 Federated Query): a query with SERVICE runs in Comunica 4, with the local store as an
 * RDF/JS source (quad patterns, in process) and the SERVICE endpoints fetched by Comunica. Every SERVICE target must
 * start with an allowed prefix, checked before any fetch; the fetch Comunica is given refuses everything else as a
 * second line of defence.
 */
import { AppError, forbidden, notAcceptable, queryTimeout } from '../errors.js';
import type { KgStore, QueryForm, QueryResult } from '../store/types.js';
import { localSource } from './local-source.js';

export interface FederationOptions {
  /** Allowed SERVICE IRI prefixes (`--allow-service`). */
  allow: readonly string[];
  store: KgStore;
  /** Outbound fetch for allowed SERVICE endpoints (default: global fetch). */
  remoteFetch?: typeof fetch;
}

export interface FederatedQuery {
  query: string;
  form: QueryForm;
  format: string;
  timeoutMs: number;
  baseIri?: string;
  maxResultBytes?: number;
}

/** Media types Comunica's serializers write (RDF/XML is not among them). */
const COMUNICA_FORMATS = new Set([
  'application/sparql-results+json',
  'application/sparql-results+xml',
  'text/csv',
  'text/tab-separated-values',
  'text/turtle',
  'application/n-triples',
  'application/ld+json',
]);

/** Throws 403 SERVICE_NOT_ALLOWED unless every target starts with an allowed prefix. */
export function assertServicesAllowed(services: readonly string[], allow: readonly string[]): void {
  for (const target of services) {
    if (target.startsWith('?') || !allow.some((prefix) => target.startsWith(prefix))) {
      throw forbidden('SERVICE_NOT_ALLOWED', `SERVICE <${target}> is not on this server's allowlist (--allow-service).`);
    }
  }
}

type Engine = {
  query(q: string, ctx: Record<string, unknown>): Promise<unknown>;
  resultToString(result: unknown, mediaType: string): Promise<{ data: NodeJS.ReadableStream & { destroy(): void } }>;
};
let enginePromise: Promise<Engine> | undefined;

/** Comunica is large: it is loaded on the first federated query only. */
function engine(): Promise<Engine> {
  enginePromise ??= import('@comunica/query-sparql').then((m) => new m.QueryEngine() as unknown as Engine);
  return enginePromise;
}

export interface Federation {
  run(q: FederatedQuery): Promise<QueryResult>;
}

export function createFederation(options: FederationOptions): Federation {
  const remote = options.remoteFetch ?? fetch;
  const guardedFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    assertServicesAllowed([request.url], options.allow);
    return remote(request);
  };
  return {
    async run(q) {
      if (!COMUNICA_FORMATS.has(q.format)) throw notAcceptable([...COMUNICA_FORMATS]);
      const qe = await engine();
      const context: Record<string, unknown> = {
        sources: [localSource(options.store, q.timeoutMs)],
        fetch: guardedFetch,
        httpTimeout: q.timeoutMs,
      };
      if (q.baseIri) context.baseIRI = q.baseIri;
      return withTimeout(q.timeoutMs, async (register) => {
        const result = await qe.query(q.query, context);
        const { data } = await qe.resultToString(result, q.format);
        register(() => data.destroy());
        const body = await collect(data, q.maxResultBytes ?? 0);
        return { form: q.form, body, mediaType: q.format };
      });
    },
  };
}

async function collect(stream: NodeJS.ReadableStream, maxBytes: number): Promise<string> {
  let body = '';
  for await (const chunk of stream as AsyncIterable<string | Buffer>) {
    body += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    if (maxBytes > 0 && body.length > maxBytes) {
      throw new AppError(413, 'RESULT_TOO_LARGE', `The result is larger than the limit of ${maxBytes} bytes.`, { limit: maxBytes });
    }
  }
  return body;
}

/** Races `work` against a timer; on timeout the registered cancel hook stops the result stream. */
async function withTimeout<T>(ms: number, work: (register: (cancel: () => void) => void) => Promise<T>): Promise<T> {
  let cancel: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      cancel?.();
      reject(queryTimeout(ms / 1000));
    }, ms);
  });
  try {
    return await Promise.race([work((c) => (cancel = c)), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
