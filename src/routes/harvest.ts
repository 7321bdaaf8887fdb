/**
 * Harvest jobs over HTTP: `POST /harvest` (token) starts one and answers 202 with the job resource to poll at
 * `/harvest/jobs/{id}` (`DELETE` stops it); `/harvest/jobs` lists the recent ones; `/harvest/report` is the
 * curator's report, JSON or HTML by `Accept`.
 */
import { Hono } from 'hono';
import type { AppContext } from '../context.js';
import { notFound, unavailable, unsupportedMediaType } from '../errors.js';
import { assertCanWrite } from '../http/auth.js';
import { mediaTypeOf, readTextLimited } from '../http/body.js';
import { negotiate } from '../http/negotiate.js';
import { requestOf } from '../harvest/options.js';
import type { HarvestJobs } from '../harvest/jobs.js';
import { harvestReportPage } from '../web/harvest-report.js';

const MAX_BODY = 64 * 1024;
const NO_STORE = { 'Cache-Control': 'no-store' };

export function harvestRoutes(ctx: AppContext): Hono {
  const app = new Hono();
  const jobs = (): HarvestJobs => {
    if (!ctx.harvest) throw unavailable('HARVEST_UNAVAILABLE', 'This server runs no harvester.');
    return ctx.harvest;
  };
  app.post('/', async (c) => {
    assertCanWrite(c.req.header('authorization'), ctx.config.token);
    const type = mediaTypeOf(c.req.header('content-type'));
    if (type !== 'application/json') throw unsupportedMediaType(type, ['application/json']);
    const job = jobs().start(requestOf(await readTextLimited(c.req.raw, MAX_BODY)));
    return c.json(job, 202, { ...NO_STORE, Location: `/harvest/jobs/${job.id}` });
  });
  app.get('/jobs', (c) => c.json({ jobs: jobs().list() }, 200, NO_STORE));
  app.get('/jobs/:id', (c) => {
    const job = jobs().get(c.req.param('id'));
    if (!job) throw notFound('NO_SUCH_JOB', `No harvest job ${c.req.param('id')} (the last 20 are kept).`);
    return c.json(job, 200, NO_STORE);
  });
  app.delete('/jobs/:id', (c) => {
    assertCanWrite(c.req.header('authorization'), ctx.config.token);
    const job = jobs().get(c.req.param('id'));
    if (!job) throw notFound('NO_SUCH_JOB', `No harvest job ${c.req.param('id')} (the last 20 are kept).`);
    jobs().cancel(job.id);
    return c.json(job, 202, NO_STORE);
  });
  app.get('/report', async (c) => {
    const type = negotiate(c.req.header('accept'), ['application/json', 'text/html']);
    const report = jobs().report();
    const headers = { ...NO_STORE, Vary: 'Accept' };
    if (type === 'application/json') return c.json(report, 200, headers);
    return c.html(await harvestReportPage(report), 200, headers);
  });
  return app;
}
