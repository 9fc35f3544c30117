import type { Summary } from './distance.js';
import { acceptBatch, initialState, nextBatch, type AbcConfig, type AbcState, type Candidate } from './smc.js';

/**
 * The driver of an ABC-SMC calibration in one process: simulate each batch with bounded concurrency, fold it
 * into the state, repeat until a stopping rule fires. The simulator is injected; the state after each batch is
 * handed to `onBatch` so the caller can save it and resume from it after a kill.
 */

/** Simulate one candidate: per target, the mean over replicates and the variance of that mean. */
export type Simulator = (theta: number[], candidate: { generation: number; index: number }) => Promise<Summary>;

export interface AbcProgress {
  generation: number;
  /** Particles accepted so far in this generation. */
  accepted: number;
  /** Simulations run so far for this generation. */
  evaluated: number;
  /** Null in generation 0, which accepts every simulation with a defined distance. */
  tolerance: number | null;
}

/**
 * Simulate candidates with at most `concurrency` running at once; summaries come back in candidate order,
 * whatever order the simulations finish in. After a failure no further simulation is started.
 */
export async function evaluateBatch(candidates: readonly Candidate[], simulate: Simulator, concurrency: number): Promise<Summary[]> {
  if (!(Number.isInteger(concurrency) && concurrency >= 1)) throw new Error(`concurrency must be a whole number >= 1, got ${concurrency}`);
  const out = new Array<Summary>(candidates.length);
  let next = 0;
  let failed = false;
  const lane = async () => {
    while (!failed && next < candidates.length) {
      const i = next++;
      const { generation, index, theta } = candidates[i];
      try {
        out[i] = await simulate(theta, { generation, index });
      } catch (e) {
        failed = true;
        throw e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, candidates.length) }, lane));
  return out;
}

export interface RunOptions {
  /** A saved state to continue from (as `onBatch` last saw it); a fresh calibration when left out. */
  state?: AbcState;
  concurrency?: number;
  onProgress?: (p: AbcProgress) => void;
  onBatch?: (state: AbcState) => void | Promise<void>;
}

/** Run until a stopping rule fires; the result depends on the config alone, not on concurrency or resumption. */
export async function runAbc(c: AbcConfig, simulate: Simulator, o: RunOptions = {}): Promise<AbcState> {
  let state = o.state ?? initialState(c);
  while (!state.stopped) {
    const { generation, tolerance } = state.pending!;
    const batch = nextBatch(c, state);
    const summaries = await evaluateBatch(batch, simulate, o.concurrency ?? 1);
    state = acceptBatch(c, state, batch.map((b, i) => ({ generation: b.generation, index: b.index, theta: b.theta, mean: summaries[i].mean, variance: summaries[i].variance })));
    const done = state.generations[generation];
    const accepted = done ? done.particles.length : state.pending!.accepted.length;
    o.onProgress?.({ generation, tolerance, accepted, evaluated: done ? done.evaluations : state.pending!.evaluations });
    await o.onBatch?.(state);
  }
  return state;
}
