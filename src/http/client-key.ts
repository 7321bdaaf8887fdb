/**
 * Who a request comes from, for the usage limits, without keeping its address: a keyed hash (HMAC-SHA-256 under a
 * secret drawn at start and never written anywhere) of the client's network. So the limiter's memory holds no IP
 * address, a key cannot be turned back into one, and keys mean nothing after a restart. Nothing persists them.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { isIPv6 } from 'node:net';

export interface ClientKeyOptions {
  /**
   * Trust `X-Forwarded-For` from a reverse proxy in front: the client is the address the proxy appended (the last
   * entry). Without a proxy any client could write the header, so it is ignored by default.
   */
  trustProxy: boolean;
  /** The HMAC key; a fresh random one per process unless given (tests). */
  secret?: Buffer;
}

/**
 * The network a client is limited as: an IPv4 address, or the /64 prefix of an IPv6 address (one subscriber gets a
 * whole /64, so addresses inside it would otherwise be free new identities). IPv4-mapped IPv6 is IPv4.
 */
export function clientNetwork(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!isIPv6(address)) return address;
  const [head = '', tail = ''] = address.split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.toLowerCase().replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/** The address the request counts as coming from. */
export function clientAddress(remote: string | undefined, forwardedFor: string | undefined, trustProxy: boolean): string {
  if (trustProxy && forwardedFor) {
    const last = forwardedFor.split(',').map((s) => s.trim()).filter(Boolean).at(-1);
    if (last) return last;
  }
  return remote ?? 'unknown';
}

/** A function from a request's remote address (and X-Forwarded-For) to its opaque client key. */
export function clientKeys(options: ClientKeyOptions): (remote: string | undefined, forwardedFor: string | undefined) => string {
  const secret = options.secret ?? randomBytes(32);
  return (remote, forwardedFor) => {
    const network = clientNetwork(clientAddress(remote, forwardedFor, options.trustProxy));
    return createHmac('sha256', secret).update(network).digest('base64url').slice(0, 22);
  };
}
