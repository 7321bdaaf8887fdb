/**
 * Operations: `/health` (liveness: the process answers; readiness: the store answers within a second; storage:
 * whether writes can be stored, false after a full disk until it has room again; saturation: busy workers and queued
 * queries) and `/metrics` (Prometheus text).
 */
import { Hono } from 'hono';
import type { AppContext } from '../context.js';
import type { Metrics } from '../http/metrics.js';

const READY_WITHIN_MS = 1000;

async function readiness(ctx: AppContext): Promise<{ ready: boolean; quads?: number; version?: number; error?: string }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the store did not answer within ${READY_WITHIN_MS} ms`)), READY_WITHIN_MS);
  });
  try {
    const [quads, version] = await Promise.race([Promise.all([ctx.store.size(), ctx.store.version()]), late]);
    return { ready: true, quads, version };
  } catch (error) {
    return { ready: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

export function opsRoutes(ctx: AppContext, metrics: Metrics): Hono {
  const app = new Hono();
  app.get('/health', async (c) => {
    const ready = await readiness(ctx);
    // read-only after a storage fault: reads are served, so still 200 (a balancer keeps sending reads)
    const storage = ctx.store.storage?.();
    const status = !ready.ready ? 'unavailable' : storage?.writable === false ? 'read-only' : 'ok';
    // saturation: queries waiting and how long, busy workers; with `queued` growing and `oldestWaitMs` near the query
    // timeout, queries are being answered 503 QUERY_TIMEOUT without running
    const saturation = ctx.store.saturation?.();
    // the statistics: whether a start adopted their checkpoint or read the store again (a rebuild at 100k releases
    // holds a query worker for minutes)
    const statistics = ctx.stats?.health();
    const body = { status, live: true, ...ready, ...(storage ? { storage } : {}), ...(saturation ? { saturation } : {}), ...(statistics ? { statistics } : {}) };
    c.header('Cache-Control', 'no-store');
    return c.json(body, ready.ready ? 200 : 503);
  });
  app.get('/metrics', async (c) => {
    const text = await metrics.registry.metrics();
    return c.body(text, 200, { 'Content-Type': metrics.registry.contentType, 'Cache-Control': 'no-store' });
  });
  return app;
}
