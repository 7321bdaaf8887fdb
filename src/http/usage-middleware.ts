/**
 * The usage limits (usage-limits.ts) on the routes that evaluate queries a client writes or parameterises (`/sparql`,
 * `/api/queries/{name}`), and on making a query permalink (`POST /q`, a write to disk). The token holder is exempt. A query answered from the result cache never reaches the router,
 * so it costs nothing and counts for nothing. The RateLimit fields describe one client, so they are set on the node
 * response itself, never on the router's Response, which the result cache keeps and serves to everyone.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MiddlewareHandler } from 'hono';
import { hasToken } from './auth.js';
import { clientKeys } from './client-key.js';
import { meterEvaluation, type EvalMeter } from '../store/eval-time.js';
import { UsageLimits, type UsageLimitOptions } from './usage-limits.js';

interface NodeEnv {
  incoming?: IncomingMessage;
  outgoing?: ServerResponse;
}

/** Who asked, by request, for the access log: an anonymous client the limits counted, or the token holder. */
const KINDS = new WeakMap<IncomingMessage, 'anonymous' | 'token'>();

export function clientKindOf(req: IncomingMessage): 'anonymous' | 'token' | undefined {
  return KINDS.get(req);
}

export interface UsageMiddlewareOptions extends UsageLimitOptions {
  token: string | undefined;
  trustProxy: boolean;
}

export function usageLimits(options: UsageMiddlewareOptions): { middleware: MiddlewareHandler; limits: UsageLimits } {
  const limits = new UsageLimits(options);
  const keyOf = clientKeys({ trustProxy: options.trustProxy });
  const policy = limits.policyHeader();
  const middleware: MiddlewareHandler = async (c, next) => {
    const { incoming, outgoing } = (c.env ?? {}) as NodeEnv;
    if (hasToken(c.req.header('authorization'), options.token)) {
      if (incoming) KINDS.set(incoming, 'token');
      return next();
    }
    if (incoming) KINDS.set(incoming, 'anonymous');
    if (policy === undefined) return next();
    const forwarded = incoming?.headers['x-forwarded-for'];
    const key = keyOf(incoming?.socket.remoteAddress, Array.isArray(forwarded) ? forwarded.join(',') : forwarded);
    outgoing?.setHeader('RateLimit-Policy', policy);
    const ticket = limits.admit(key); // throws the refusal, whose headers carry its own RateLimit
    const started = performance.now();
    const meter: EvalMeter = { ms: 0, jobs: 0 };
    try {
      await meterEvaluation(meter, next);
    } finally {
      // the time its queries ran on a worker, not the time they waited for one; a store that reports none (the
      // external store): the time to the answer
      ticket.finish(meter.jobs > 0 ? meter.ms : performance.now() - started);
      const state = limits.stateHeader(key);
      if (state !== undefined && outgoing && !outgoing.headersSent) outgoing.setHeader('RateLimit', state);
    }
  };
  return { middleware, limits };
}
