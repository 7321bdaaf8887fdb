/** The bench's side of an engine worker: fork, load, query with a wall-clock cap, stop. */
import { fork, type ChildProcess } from 'node:child_process';
import type { EngineRequest, EngineResponse, QueryOutcome } from './engine-protocol.js';

export class WorkerEngine {
  private child: ChildProcess | undefined;
  private pending: ((res: EngineResponse) => void) | undefined;
  constructor(readonly kind: 'oxigraph' | 'comunica') {}

  start(maxHeapMb?: number): void {
    const execArgv = maxHeapMb ? [`--max-old-space-size=${maxHeapMb}`] : [];
    this.child = fork(new URL('./engine-worker.js', import.meta.url), [this.kind], { execArgv, stdio: 'inherit' });
    this.child.on('message', (res: EngineResponse) => {
      const resolve = this.pending;
      this.pending = undefined;
      resolve?.(res);
    });
    this.child.on('exit', () => {
      const resolve = this.pending;
      this.pending = undefined;
      this.child = undefined;
      resolve?.({ type: 'result', ms: 0, error: 'engine process exited', rssMb: 0 });
    });
  }

  get alive(): boolean {
    return this.child !== undefined;
  }

  private request(msg: EngineRequest, capMs: number): Promise<EngineResponse> {
    const child = this.child;
    if (!child) return Promise.resolve({ type: 'result', ms: 0, error: 'engine not running', rssMb: 0 });
    return new Promise((resolve) => {
      // oxigraph's query() is synchronous and cannot be cancelled: past the cap the worker is killed.
      const timer = setTimeout(() => {
        this.pending = undefined;
        child.kill('SIGKILL');
        resolve({ type: 'result', ms: capMs, timeout: true, rssMb: 0 });
      }, capMs + 5000);
      this.pending = (res) => {
        clearTimeout(timer);
        resolve(res);
      };
      child.send(msg);
    });
  }

  async load(file: string, capMs: number): Promise<{ ms: number; quads: number; rssMb: number }> {
    const res = await this.request({ type: 'load', file }, capMs);
    if (res.type !== 'loaded') throw new Error(`${this.kind} load failed: ${res.error ?? 'timeout'}`);
    return res;
  }

  async query(text: string, kind: 'select' | 'construct', timeoutMs: number): Promise<QueryOutcome & { rssMb: number }> {
    const res = await this.request({ type: 'query', text, kind, timeoutMs }, timeoutMs);
    if (res.type !== 'result') return { ms: 0, error: 'protocol error', rssMb: 0 };
    return res;
  }

  stop(): void {
    this.child?.kill('SIGKILL');
    this.child = undefined;
  }
}
