/**
 * The routing table of src/app.ts: each route group's list of routes is the one its module declares (the router
 * matches and labels requests by the list, the module answers them once a request has loaded it), and a group loaded
 * by its first request answers, fails and labels like a mounted one: its errors go through the app's error mapping, a
 * path under its mount that none of its routes matches is the app's 404, and metrics name the route.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Hono } from 'hono';
import { AUTH, errorOf, makeApp } from '../support/http-support.js';

const routesOf = (app: Hono): string[] => app.routes.map((r) => `${r.method} ${r.path}`);

describe('the routing table', () => {
  it("lists for every group exactly the routes its module declares, in the module's order", async () => {
    const t = await makeApp();
    try {
      assert.ok(t.app.groups.length >= 10, `${t.app.groups.length} groups`);
      for (const group of t.app.groups) {
        const declared = new Hono().route(group.mount, await group.build());
        const table = new Hono();
        for (const [methods, path] of group.routes) table.on(typeof methods === 'string' ? [methods] : [...methods], path, (c) => c.body(null));
        assert.deepEqual(routesOf(new Hono().route(group.mount, table)), routesOf(declared), `route group ${group.name}`);
      }
    } finally {
      await t.close();
    }
  });
});

describe('a route group loaded by its first request', () => {
  it('answers, maps its errors, gives the 404 of the app and is counted under its route', async () => {
    const t = await makeApp();
    try {
      const bad = await t.request('/sparql?query=SELEC');
      assert.equal(bad.status, 400);
      assert.match(bad.headers.get('content-type') ?? '', /^application\/json/);
      assert.equal((await errorOf(bad)).code, 'QUERY_SYNTAX');
      const ok = await t.request('/sparql?query=ASK%7B%7D', { headers: { Accept: 'application/sparql-results+json' } });
      assert.equal(ok.status, 200);
      assert.deepEqual(await ok.json(), { head: {}, boolean: true });
      const unknown = await t.request('/harvest/none', { headers: AUTH });
      assert.equal(unknown.status, 404);
      assert.deepEqual(await errorOf(unknown), { code: 'NOT_FOUND', message: 'No resource at /harvest/none.' });
      const head = await t.request('/api/queries', { method: 'HEAD' });
      assert.equal(head.status, 200);
      assert.equal(await head.text(), '');
      const metrics = (await (await t.request('/metrics')).text()).split('\n');
      assert.ok(metrics.includes('osce_kg_http_requests_total{method="GET",route="/sparql",status="400"} 1'), 'the failed query, under its route');
      assert.ok(metrics.includes('osce_kg_http_requests_total{method="GET",route="/sparql",status="200"} 1'));
      assert.ok(metrics.includes('osce_kg_http_requests_total{method="GET",route="unmatched",status="404"} 1'));
    } finally {
      await t.close();
    }
  });

  it('is loaded with every other group by loadRoutes, as startServer does before it listens', async () => {
    const t = await makeApp();
    try {
      await t.app.loadRoutes();
      for (const path of ['/health', '/api', '/policy', '/query', '/favicon.ico', '/stats', '/search?q=alpha']) {
        const res = await t.request(path);
        assert.equal(res.status, 200, path);
        await res.arrayBuffer();
      }
    } finally {
      await t.close();
    }
  });
});
