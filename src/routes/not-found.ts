/** 404 answers of the linked-data routes, in the project's error shape (JSON) or as an accessible HTML page. */
import type { Context } from 'hono';
import { html } from 'hono/html';
import { renderPage } from '../web/layout.js';

export async function notFoundResponse(c: Context, asHtml: boolean, message: string): Promise<Response> {
  if (!asHtml) {
    return c.json({ error: { code: 'NOT_FOUND', message } }, 404, { 'Cache-Control': 'no-cache' });
  }
  const page = await renderPage({ title: 'Not found', lang: 'en' }, html`<h1>Not found</h1><p>${message}</p><p><a href="/">Home</a></p>`);
  return c.html(page, 404, { 'Cache-Control': 'no-cache' });
}
