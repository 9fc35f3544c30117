import type { Headline } from '../sim/results.js';
import { estimate, type Estimate } from '../sim/stats.js';

export type FigureKind = 'count' | 'money' | 'share';

export interface Figure {
  /** A path into the engine's Headline. */
  key: string;
  label: string;
  kind: FigureKind;
  /** What the figure means, for the tooltip and the glossary. */
  meaning: string;
  /**
   * Values the figure cannot take outside of: a displayed interval end beyond them is cut there. Additional
   * departures can be negative (a programme can lower departures); programme spend and its ratios cannot.
   */
  lower?: number;
  upper?: number;
  /** An input, the same in every run: no change to show. */
  fixed?: boolean;
}

/** The headline figures the page shows, in order. */
export const FIGURES: readonly Figure[] = [
  { key: 'programmeDepartures', label: 'Departures through the programme', kind: 'count', lower: 0,
    meaning: 'People who left through the programme by the end of 2027.' },
  { key: 'additionalDepartures', label: 'Additional departures (programme on minus off)', kind: 'count',
    meaning: 'Departures by any route (programme, on one\'s own, removal) with the programme, minus the same without it: what the programme changed.' },
  { key: 'deadweightShare', label: 'Takers who would have left anyway', kind: 'share', lower: 0, upper: 1,
    meaning: 'Share of programme departers who, without the programme, left on their own or were removed by the end of 2027.' },
  { key: 'spend.programme', label: 'Programme spend', kind: 'money', lower: 0,
    meaning: 'Stipends (including those owed after 2027), travel, administration and advertising.' },
  { key: 'naiveCostPerProgrammeDeparture', label: 'Spend per programme departure', kind: 'money', lower: 0,
    meaning: 'Programme spend over departures through the programme: ignores what would have happened anyway.' },
  { key: 'costPerAdditionalDeparture', label: 'Spend per additional departure', kind: 'money', lower: 0,
    meaning: 'Programme spend over additional departures: what each departure the programme caused cost.' },
  { key: 'netCostPerAdditionalDeparture', label: 'Net of removals saved, per additional departure', kind: 'money',
    meaning: 'As above, less the removal spending the programme saved. Can be negative if the savings exceed the spend, so its interval is not cut at $0.' },
  { key: 'removalCost', label: 'Cost of one removal', kind: 'money', fixed: true,
    meaning: 'Fixed input: the DHS 2025 figure for one removal, to set the spend per departure against.' },
];

export function figureValue(h: Headline, key: string): Estimate {
  const v = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], h);
  return typeof v === 'number' ? { mean: v, lo95: null, hi95: null } : (v as Estimate);
}

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

function plain(kind: FigureKind, x: number, signed = false): string {
  const sign = x < 0 ? '−' : signed && x > 0 ? '+' : '';
  const a = Math.abs(x);
  // Changes of a share are in percentage points, to two decimals: a lesson's effect can be a fraction of a point.
  if (kind === 'share') return signed ? `${sign}${(a * 100).toFixed(2)} pp` : `${sign}${(a * 100).toFixed(1)}%`;
  if (kind === 'count') return `${sign}${Math.round(a).toLocaleString('en-US')}`;
  if (a >= 1e9) return `${sign}$${(a / 1e9).toFixed(2)} billion`;
  if (a >= 1e6) return `${sign}$${(a / 1e6).toFixed(1)} million`;
  return `${sign}$${Math.round(a).toLocaleString('en-US')}`;
}

/** A level as the page shows it: mean and interval, ends cut to the figure's range and marked with "*". */
export function showLevel(f: Figure, e: Estimate): { mean: string; interval: string; cut: boolean } {
  if (e.mean === null) return { mean: 'n/a', interval: '', cut: false };
  if (e.lo95 === null || e.hi95 === null) return { mean: plain(f.kind, e.mean), interval: '', cut: false };
  const lo = bounded(f, e.lo95);
  const hi = bounded(f, e.hi95);
  const end = (b: { value: number; cut: boolean }) => `${plain(f.kind, b.value)}${b.cut ? '*' : ''}`;
  return { mean: plain(f.kind, e.mean), interval: `${end(lo)} to ${end(hi)}`, cut: lo.cut || hi.cut };
}

/** A paired change as the page shows it, and whether its interval excludes 0 (larger than the noise). */
export function showChange(f: Figure, e: Estimate): { mean: string; interval: string; clear: boolean } {
  if (e.mean === null) return { mean: 'n/a', interval: '', clear: false };
  if (e.lo95 === null || e.hi95 === null) return { mean: plain(f.kind, e.mean, true), interval: '', clear: false };
  return {
    mean: plain(f.kind, e.mean, true),
    interval: `${plain(f.kind, e.lo95, true)} to ${plain(f.kind, e.hi95, true)}`,
    clear: e.lo95 > 0 || e.hi95 < 0,
  };
}
