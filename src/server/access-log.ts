/**
 * Query IDs and the access log, on the node listener itself, so answers from the result cache are seen as well as the
 * router's. Every response carries `X-Query-Id` (set before anything is written, so node merges it into whatever head
 * the cache or the router writes); the access log has one JSON line per request with that ID, its timing and status,
 * and never the client's address (issue 22 point 12).
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import type { RequestListener } from './cache-front.js';

const IDS = new WeakMap<IncomingMessage, string>();

/** The ID of a request (the one its `X-Query-Id` and access-log line carry). */
export function queryIdOf(req: IncomingMessage): string | undefined {
  return IDS.get(req);
}

/** 12 characters, 72 random bits: unique enough to quote, short enough to read out. */
const newId = () => randomBytes(9).toString('base64url');

/** `listener` with an ID given to every request and sent as `X-Query-Id`. */
export function withQueryIds(listener: RequestListener): RequestListener {
  return (req, res) => {
    const id = newId();
    IDS.set(req, id);
    res.setHeader('X-Query-Id', id);
    return listener(req, res);
  };
}

/** One access-log line: what was asked and how it was answered; no address, no credentials. */
export interface AccessLogLine {
  time: string;
  id: string | undefined;
  method: string | undefined;
  /** Path and query string, cut at 2,048 characters. */
  path: string;
  status: number;
  /** From the request's head received to the response's last byte handed to the OS (or the connection closing), ms. */
  ms: number;
  bytes: number | undefined;
  cache: string | undefined;
  /** `anonymous` when the usage limits counted it, `token` when the bearer token exempted it. */
  client: string | undefined;
  ua: string | undefined;
  /** False when the client went away before the answer was complete. */
  complete: boolean;
}

export const MAX_LOGGED_PATH = 2048;

/** Where lines go: standard output for `-`, else a file opened for appending. */
export interface AccessLogSink {
  write(line: AccessLogLine): void;
  close(): Promise<void>;
}

export function accessLogSink(destination: string): AccessLogSink {
  if (destination === '-') return { write: (line) => void process.stdout.write(`${JSON.stringify(line)}\n`), close: async () => undefined };
  const stream: WriteStream = createWriteStream(destination, { flags: 'a' });
  let failed = false;
  stream.on('error', (error) => {
    if (!failed) process.stderr.write(`osce-kg: the access log ${destination} cannot be written (${error.message}); no more lines go to it\n`);
    failed = true;
  });
  return {
    write: (line) => void (failed || stream.write(`${JSON.stringify(line)}\n`)),
    close: () => new Promise((resolve) => (failed ? resolve() : stream.end(() => resolve()))),
  };
}

/** Who the usage limits took the request for (src/http/usage-middleware.ts tells). */
export type ClientKind = (req: IncomingMessage) => string | undefined;

/** `listener` with a line written to `sink` for every request once its answer is sent or the client went away. */
export function withAccessLog(listener: RequestListener, sink: AccessLogSink, clientKind: ClientKind = () => undefined): RequestListener {
  return (req, res) => {
    const started = performance.now();
    let logged = false;
    const log = () => {
      if (logged) return;
      logged = true;
      const header = (name: string) => {
        const value = res.getHeader(name);
        return value === undefined ? undefined : String(value);
      };
      const length = header('content-length');
      sink.write({
        time: new Date().toISOString(),
        id: queryIdOf(req),
        method: req.method,
        path: (req.url ?? '').slice(0, MAX_LOGGED_PATH),
        status: res.statusCode,
        ms: Math.round((performance.now() - started) * 1000) / 1000,
        bytes: length === undefined ? undefined : Number(length),
        cache: header('x-cache'),
        client: clientKind(req),
        ua: req.headers['user-agent']?.slice(0, 256),
        complete: res.writableFinished,
      });
    };
    res.once('finish', log);
    res.once('close', log);
    return listener(req, res);
  };
}
