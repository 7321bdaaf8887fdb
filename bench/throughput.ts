/** Throughput and latency under concurrent clients, with autocannon (the load generator shares the 2 cores). */
import autocannon from 'autocannon';

export interface Throughput {
  url: string;
  connections: number;
  seconds: number;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

export async function throughput(url: string, opts: { connections: number; seconds: number; headers?: Record<string, string> }):
  Promise<Throughput> {
  const result = await autocannon({
    url,
    connections: opts.connections,
    duration: opts.seconds,
    headers: opts.headers,
  });
  return {
    url: url.length > 120 ? `${url.slice(0, 117)}...` : url,
    connections: opts.connections,
    seconds: opts.seconds,
    requestsPerSec: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}
