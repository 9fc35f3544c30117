import { figureValue, HEADLINE_FIGURES, type HeadlineFigure } from '../sim/headline-figures.js';
import type { Headline } from '../sim/results.js';
import { estimate, type Estimate } from '../sim/stats.js';

/** The headline figures the page shows, in order: the engine's table, which the CLI and the report show too. */
export const FIGURES = HEADLINE_FIGURES;
export type Figure = HeadlineFigure;

/** Each figure per replicate (null where undefined, e.g. no additional departures in that replicate). */
export type ReplicateFigures = Record<string, Array<number | null>>;

/**
 * Each figure per replicate, from the engine's own headline() applied to one replicate at a time, so the
 * definitions are the engine's. The mean over replicates is the headline figure.
 */
export function replicateFigures(perReplicate: readonly Headline[]): ReplicateFigures {
  return Object.fromEntries(FIGURES.map((f) => [f.key, perReplicate.map((h) => figureValue(h, f.key).mean)]));
}

/** What two runs must share for their replicates to be the same people under the same random draws. */
export interface PairingKey {
  seed: number;
  agents: number;
  replicates: number;
}

/** Why two runs cannot be paired, or null if they can. */
export function unpairedReason(current: PairingKey, previous: PairingKey): string | null {
  const differences: string[] = [];
  if (current.seed !== previous.seed) differences.push(`seed ${previous.seed.toLocaleString('en-US')} then ${current.seed.toLocaleString('en-US')}`);
  if (current.agents !== previous.agents) differences.push(`${previous.agents.toLocaleString('en-US')} agents then ${current.agents.toLocaleString('en-US')}`);
  if (current.replicates !== previous.replicates) differences.push(`${previous.replicates} replicates then ${current.replicates}`);
  if (differences.length === 0) return null;
  return `Change not shown: the two runs differ in ${differences.join(', ')}, so they simulate different people and chance events `
    + 'and their difference mixes the setting\'s effect with noise. Compare their intervals instead, or set the seed back.';
}

/**
 * The change from the previous run with its paired 95% interval: per replicate, this run minus the previous one
 * (the same people and draws), then the mean and Student-t interval of those differences.
 */
export function pairedChange(current: ReplicateFigures, previous: ReplicateFigures, key: string): Estimate {
  const a = current[key];
  const b = previous[key];
  if (!a || !b || a.length !== b.length) return { mean: null, lo95: null, hi95: null };
  return estimate(a.map((x, i) => (x === null || b[i] === null ? NaN : x - b[i]!)));
}

/** An interval end cut to what the figure can take, and whether it was cut. */
export function bounded(f: Figure, x: number): { value: number; cut: boolean } {
  if (f.lower !== undefined && x < f.lower) return { value: f.lower, cut: true };
  if (f.upper !== undefined && x > f.upper) return { value: f.upper, cut: true };
  return { value: x, cut: false };
}

function plain(kind: Figure['unit'], x: number, signed = false): string {
  const sign = x < 0 ? '−' : signed && x > 0 ? '+' : '';
  const a = Math.abs(x);
  // Changes of a share are in percentage points, to two decimals: a lesson's effect can be a fraction of a point.
  if (kind === 'share') return signed ? `${sign}${(a * 100).toFixed(2)} pp` : `${sign}${(a * 100).toFixed(1)}%`;
  if (kind === 'persons') return `${sign}${Math.round(a).toLocaleString('en-US')}`;
  if (a >= 1e9) return `${sign}$${(a / 1e9).toFixed(2)} billion`;
  if (a >= 1e6) return `${sign}$${(a / 1e6).toFixed(1)} million`;
  return `${sign}$${Math.round(a).toLocaleString('en-US')}`;
}

/** A level as the page shows it: mean and interval, ends cut to the figure's range and marked with "*". */
export function showLevel(f: Figure, e: Estimate): { mean: string; interval: string; cut: boolean } {
  if (e.mean === null) return { mean: 'n/a', interval: '', cut: false };
  if (e.lo95 === null || e.hi95 === null) return { mean: plain(f.unit, e.mean), interval: '', cut: false };
  const lo = bounded(f, e.lo95);
  const hi = bounded(f, e.hi95);
  const end = (b: { value: number; cut: boolean }) => `${plain(f.unit, b.value)}${b.cut ? '*' : ''}`;
  return { mean: plain(f.unit, e.mean), interval: `${end(lo)} to ${end(hi)}`, cut: lo.cut || hi.cut };
}

/** A paired change as the page shows it, and whether its interval excludes 0 (larger than the noise). */
export function showChange(f: Figure, e: Estimate): { mean: string; interval: string; clear: boolean } {
  if (e.mean === null) return { mean: 'n/a', interval: '', clear: false };
  if (e.lo95 === null || e.hi95 === null) return { mean: plain(f.unit, e.mean, true), interval: '', clear: false };
  return {
    mean: plain(f.unit, e.mean, true),
    interval: `${plain(f.unit, e.lo95, true)} to ${plain(f.unit, e.hi95, true)}`,
    clear: e.lo95 > 0 || e.hi95 < 0,
  };
}
