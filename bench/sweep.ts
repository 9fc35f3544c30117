import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { cliFile, timeChild } from './child.js';

/** One timed `departure-sim sweep`, a cold process like a user's. */
export interface SweepTiming {
  wallSeconds: number;
  peakRssBytes: number;
  points: number;
  /** Points x replicates. */
  runs: number;
  /**
   * Points per second while every lane was busy, from the completion times of the point files: with L lanes (one
   * per worker) and the n' = L x floor(n / L) first points to finish, (n' - L) / (t[n'] - t[L]). This leaves out
   * start-up, each lane's first point (cold code) and the writing of the outputs and report, and the tail where
   * fewer points than lanes remain. NaN when there are too few points.
   */
  steadyPointsPerSecond: number;
}

/**
 * Run `sweep <experiment> --agents A --replicates R --workers W` in a child process and time it. Points are
 * written to points/ of the output folder atomically as they finish (experiments/README.md), so their
 * modification times are their completion times (to the file system's clock granularity, a few ms).
 */
export async function timeSweep(experiment: string, o: { agents: number; replicates: number; workers: number }, scratch: string,
  name = `sweep-w${o.workers}`): Promise<SweepTiming> {
  const out = join(scratch, name);
  const t = await timeChild([cliFile(), 'sweep', experiment, '--agents', String(o.agents), '--replicates', String(o.replicates),
    '--workers', String(o.workers), '--quiet', '--out', out, '--force'], scratch);
  const dir = join(out, 'points');
  const done = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => statSync(join(dir, f)).mtimeMs).sort((a, b) => a - b) : [];
  return {
    wallSeconds: t.wallSeconds, peakRssBytes: t.peakRssBytes, points: done.length, runs: done.length * o.replicates,
    steadyPointsPerSecond: steadyRate(done, Math.min(o.workers, done.length)),
  };
}

/** Completions per second between the L-th and the n'-th completion (see SweepTiming). */
export function steadyRate(completions: number[], lanes: number): number {
  if (lanes < 1) return NaN;
  const n = lanes * Math.floor(completions.length / lanes);
  if (n - lanes < 1) return NaN;
  const span = (completions[n - 1] - completions[lanes - 1]) / 1000;
  return span > 0 ? (n - lanes) / span : NaN;
}
