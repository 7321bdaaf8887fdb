/**
 * The time a caller's store jobs ran on a worker, apart from the time they waited for one. The usage limits charge an
 * anonymous client what its queries cost (decision 0016): a query that waited behind someone else's heavy queries
 * must not spend its client's budget on the wait. A caller runs its work inside `meterEvaluation`; every job the
 * worker pool runs for it adds the milliseconds its worker reports (or, for a job stopped at its timeout, how long it
 * ran). A store without a pool (the external store, `workers: 0`) reports nothing: `jobs` stays 0.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface EvalMeter {
  /** Evaluation time reported so far, ms. */
  ms: number;
  /** Jobs accounted for, those that expired in the queue (0 ms) included. */
  jobs: number;
}

const meters = new AsyncLocalStorage<EvalMeter>();

/** Runs `fn` with `meter` collecting the evaluation time of the store jobs it starts. */
export function meterEvaluation<T>(meter: EvalMeter, fn: () => T): T {
  return meters.run(meter, fn);
}

/** The meter of the caller now (the pool takes it when a job is queued). */
export function currentMeter(): EvalMeter | undefined {
  return meters.getStore();
}
