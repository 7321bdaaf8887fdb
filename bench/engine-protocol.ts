/** Messages between the bench and an engine worker (engine-worker.ts). */
export type EngineRequest =
  | { type: 'load'; file: string }
  | { type: 'query'; text: string; kind: 'select' | 'construct'; timeoutMs: number };

/** One query's outcome: rows and an order-insensitive fingerprint, or a timeout, or an error message. */
export interface QueryOutcome {
  ms: number;
  /** CPU time of the engine's process (all threads) for this query, where it can be measured. */
  cpuMs?: number;
  /** What the server says the answer cost it (osce-kg's `Server-Timing`), ms: the time apart from the HTTP transfer. */
  serverMs?: number;
  rows?: number;
  fingerprint?: string;
  timeout?: boolean;
  error?: string;
}

export type EngineResponse =
  | { type: 'loaded'; ms: number; quads: number; rssMb: number }
  | ({ type: 'result'; rssMb: number } & QueryOutcome);
