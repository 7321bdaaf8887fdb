/**
 * HTTP Digest access authentication, client side (RFC 7616): MD5 and SHA-256 (and their -sess variants), qop=auth.
 * Virtuoso protects `/sparql-auth` with it. Written on node:crypto because the npm clients for it ship their own
 * hash implementations and wrap fetch in ways that hide AbortController timeouts.
 */
import { createHash, randomBytes } from 'node:crypto';

export interface DigestChallenge {
  realm: string;
  nonce: string;
  opaque?: string;
  algorithm: string;
  qop?: string;
  stale: boolean;
}

const HASHES: Record<string, string> = { MD5: 'md5', 'MD5-SESS': 'md5', 'SHA-256': 'sha256', 'SHA-256-SESS': 'sha256' };

/** Parses a `WWW-Authenticate: Digest …` header; undefined when it is no Digest challenge we can answer. */
export function parseDigestChallenge(header: string | null): DigestChallenge | undefined {
  if (!header) return undefined;
  const m = /(?:^|,\s*)Digest\s+(.*)$/i.exec(header);
  if (!m) return undefined;
  const params = new Map<string, string>();
  // auth-param = token "=" ( token / quoted-string ), RFC 7235 §2.1
  const re = /([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g;
  for (let p = re.exec(m[1]!); p; p = re.exec(m[1]!)) {
    params.set(p[1]!.toLowerCase(), p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : p[3]!);
  }
  const realm = params.get('realm');
  const nonce = params.get('nonce');
  const algorithm = (params.get('algorithm') ?? 'MD5').toUpperCase();
  if (realm === undefined || !nonce || !HASHES[algorithm]) return undefined;
  const qops = (params.get('qop') ?? '').split(',').map((q) => q.trim().toLowerCase());
  if (params.has('qop') && !qops.includes('auth')) return undefined; // only auth-int offered: we do not hash bodies
  return {
    realm,
    nonce,
    opaque: params.get('opaque'),
    algorithm,
    qop: qops.includes('auth') ? 'auth' : undefined,
    stale: (params.get('stale') ?? '').toLowerCase() === 'true',
  };
}

/** Builds the `Authorization` header for one request; `nc` counts the uses of this nonce (starting at 1). */
export function digestAuthorization(
  c: DigestChallenge,
  creds: { user: string; password: string },
  method: string,
  uri: string,
  nc: number,
  cnonce: string = randomBytes(12).toString('hex'),
): string {
  const h = (s: string): string => createHash(HASHES[c.algorithm]!).update(s, 'utf8').digest('hex');
  let ha1 = h(`${creds.user}:${c.realm}:${creds.password}`);
  if (c.algorithm.endsWith('-SESS')) ha1 = h(`${ha1}:${c.nonce}:${cnonce}`);
  const ha2 = h(`${method}:${uri}`);
  const ncHex = nc.toString(16).padStart(8, '0');
  const response = c.qop ? h(`${ha1}:${c.nonce}:${ncHex}:${cnonce}:${c.qop}:${ha2}`) : h(`${ha1}:${c.nonce}:${ha2}`);
  const q = (s: string): string => `"${s.replace(/(["\\])/g, '\\$1')}"`;
  const parts = [
    `username=${q(creds.user)}`,
    `realm=${q(c.realm)}`,
    `nonce=${q(c.nonce)}`,
    `uri=${q(uri)}`,
    `algorithm=${c.algorithm}`,
    `response=${q(response)}`,
  ];
  if (c.opaque !== undefined) parts.push(`opaque=${q(c.opaque)}`);
  if (c.qop) parts.push(`qop=${c.qop}`, `nc=${ncHex}`, `cnonce=${q(cnonce)}`);
  return `Digest ${parts.join(', ')}`;
}
