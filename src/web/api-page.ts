/** The API reference page (`/api`), rendered on the server from the OpenAPI document so it cannot drift from it. */
import { escapeHtml } from './highlight.js';
import { renderPage } from './layout.js';

interface OpenApiParam {
  name: string;
  description?: string;
  schema?: { type?: unknown; enum?: unknown[]; default?: unknown; format?: string; minimum?: number; maximum?: number };
}
interface OpenApiOperation {
  operationId?: string;
  summary?: string;
  description?: string;
  parameters?: OpenApiParam[];
  responses?: Record<string, { description?: string }>;
}

/** Escaped text with `code spans` (the only markup the descriptions use) as <code>. */
function prose(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

function typeText(p: OpenApiParam): string {
  const s = p.schema ?? {};
  if (Array.isArray(s.enum)) return `one of ${s.enum.map((v) => `<code>${escapeHtml(String(v))}</code>`).join(', ')}`;
  const base = escapeHtml(String(s.type ?? 'string'));
  const range = s.minimum !== undefined || s.maximum !== undefined ? ` (${s.minimum ?? ''}–${s.maximum ?? ''})` : '';
  return s.format ? `${base} (${escapeHtml(s.format)})` : `${base}${range}`;
}

function paramRows(params: readonly OpenApiParam[]): string {
  if (params.length === 0) return '<p>No parameters.</p>';
  const rows = params
    .map((p) => {
      const def = p.schema?.default !== undefined ? `<code>${escapeHtml(String(p.schema.default))}</code>` : '';
      return `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${typeText(p)}</td><td>${def}</td><td>${escapeHtml(p.description ?? '')}</td></tr>`;
    })
    .join('\n');
  return `<table class="params"><thead><tr><th>Parameter</th><th>Type</th><th>Default</th><th>Description</th></tr></thead><tbody>${rows}</tbody></table>`;
}

const METHODS = ['get', 'head', 'post', 'put', 'delete'] as const;

function operationSection(path: string, method: string, op: OpenApiOperation): string {
  const id = escapeHtml(op.operationId ?? path);
  // a link to try: GETs without path parameters
  const tryIt = method === 'get' && !path.includes('{') ? ` · <a href="${escapeHtml(path)}">try it</a>` : '';
  const responses = Object.entries(op.responses ?? {})
    .map(([status, r]) => `<li><code>${escapeHtml(status)}</code> ${escapeHtml(r.description ?? '')}</li>`)
    .join('');
  return `<section class="api-op" id="${id}">
<h2>${escapeHtml(op.summary ?? path)}</h2>
<p><code class="path">${method.toUpperCase()} ${escapeHtml(path)}</code>${tryIt}</p>
<p>${prose(op.description ?? '')}</p>
${paramRows(op.parameters ?? [])}
<ul>${responses}</ul>
</section>`;
}

export function renderApiPage(doc: Record<string, unknown>): Promise<string> {
  const info = (doc.info ?? {}) as { title?: string; description?: string; version?: string };
  const paths = (doc.paths ?? {}) as Record<string, Partial<Record<(typeof METHODS)[number], OpenApiOperation>>>;
  const operations = Object.entries(paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m) => ({ path, method: m, op: item[m] as OpenApiOperation })));
  const sections = operations.map(({ path, method, op }) => operationSection(path, method, op));
  const toc = operations
    .map(({ path, method, op }) => `<li><a href="#${escapeHtml(op.operationId ?? path)}">${escapeHtml(op.summary ?? path)}</a> <code>${method.toUpperCase()} ${escapeHtml(path)}</code></li>`)
    .join('');
  const body = `<h1>${escapeHtml(info.title ?? 'API')}</h1>
<p>Version ${escapeHtml(info.version ?? '')}. Machine-readable description: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p>
<p>${prose(info.description ?? '')}</p>
<ul>${toc}</ul>
${sections.join('\n')}`;
  return renderPage({ title: 'API reference' }, body);
}
