import { COLUMNS, type ColumnName, type PopulationBuffers } from './population.js';
import type { SynthesisParams } from './synthesis.js';

/**
 * Synthesised populations kept for the runs that draw the same one again. A population is a pure function of its
 * synthesis parameters (the replicate's key among them), so the points of a sweep and the evaluations of a
 * least-squares calibration, which share seeds for common random numbers, draw the same agents over and over
 * (RunSettings.reusePopulations, sim/run.ts). Restoring a copy gives the same bytes for a fraction of the cost:
 * synthesis is several transcendental functions per agent, the copy one memcpy per column. Only small populations
 * are kept, so a large run never holds a copy of itself.
 */
export class PopulationCache {
  private readonly kept = new Map<string, { columns: Map<ColumnName, Uint8Array>; census: Float64Array; bytes: number }>();
  private bytes = 0;
  hits = 0;

  constructor(private readonly capacityBytes: number) {}

  /** Copy the population drawn with `params` into `buffers` and its initial census into `aggs`, if kept; whether it was. */
  restore(params: SynthesisParams, buffers: PopulationBuffers, aggs: Float64Array): boolean {
    const id = cacheKey(params, buffers.n);
    const entry = this.kept.get(id);
    if (!entry) return false;
    // Most recently used last, so eviction takes the least recently used first.
    this.kept.delete(id);
    this.kept.set(id, entry);
    for (const [name, bytes] of entry.columns) new Uint8Array(buffers[name]).set(bytes);
    aggs.set(entry.census);
    this.hits++;
    return true;
  }

  /** Keep a copy of the population just drawn with `params`, unless it is more than a quarter of the capacity. */
  store(params: SynthesisParams, buffers: PopulationBuffers, aggs: Float64Array): void {
    let bytes = aggs.byteLength;
    for (const name of Object.keys(COLUMNS) as ColumnName[]) bytes += buffers[name].byteLength;
    if (4 * bytes > this.capacityBytes) return;
    const columns = new Map<ColumnName, Uint8Array>();
    for (const name of Object.keys(COLUMNS) as ColumnName[]) columns.set(name, new Uint8Array(buffers[name]).slice());
    this.kept.set(cacheKey(params, buffers.n), { columns, census: aggs.slice(), bytes });
    this.bytes += bytes;
    for (const [id, entry] of this.kept) {
      if (this.bytes <= this.capacityBytes) break;
      this.kept.delete(id);
      this.bytes -= entry.bytes;
    }
  }
}

function cacheKey(params: SynthesisParams, n: number): string {
  return `${n} ${JSON.stringify(params)}`;
}

/**
 * This thread's cache. At 43 bytes an agent, 32 MiB keeps populations of up to about 195,000 agents (a quarter of
 * it), four or more at a time: a sweep's replicates at 20,000 agents take 0.9 MB each. Small enough for a phone.
 */
export const threadPopulations = new PopulationCache(32 * 1024 * 1024);
