import type { MorrisDatum, ParameterLabel, SlopeDatum, SobolDatum, SummaryDatum } from '../experiments/charts.js';

/**
 * Chart inputs of a sweep, shaped as experiments/outputs.ts builds them, from a smooth toy response: enough to
 * build and render every sweep chart without running the engine. Magnitudes follow the shipped stipend
 * dose-response sweep (hundreds of thousands of programme departures, costs from $70k to $250k).
 */
export const STIPEND: ParameterLabel = {
  name: 'stipend',
  path: 'programme.stipend',
  description: 'Dollars paid after confirmed arrival, fixed at registration',
  unit: 'US$',
};
export const REMOVALS_PER_DAY: ParameterLabel = {
  name: 'removalsPerDay',
  path: 'enforcement.removalsPerDay',
  description: 'Removal capacity, persons per day (ICE FY2024: 742)',
  unit: 'persons per day',
};
export const TRUST_PRIOR: ParameterLabel = {
  name: 'trustPrior',
  path: 'information.trustPrior',
  description: 'Pseudo-count, in persons per community, of the prior on payment reliability (assumption)',
  unit: 'persons per community',
};

const REMOVAL_COST = 17_121;

const additionalOf = (stipend: number, removals: number) => 4_000 + 9.8 * stipend + 5 * (removals - 742);
const spendOf = (stipend: number) => 2.6e9 * (0.4 + stipend / 5000);

function figures(stipend: number, removals: number, trust: number): Record<string, [number, number] | null> {
  const programme = 260_000 + 400_000 * (1 - Math.exp(-stipend / 2500)) + 40 * (removals - 742) + trust;
  const additional = additionalOf(stipend, removals);
  const spend = spendOf(stipend);
  return {
    programme_departures: [programme, 0.03 * programme],
    additional_departures: [additional, 0.08 * additional],
    cost_per_additional_departure: additional > 0 ? [spend / additional, (0.25 * spend) / additional / Math.sqrt(1 + stipend / 1000)] : null,
    removals: [300_000 + 250 * removals, 9_000],
  };
}

/** A grid over the given parameters, one seed, every series with its 95% interval. */
export function gridData(params: readonly ParameterLabel[], levels: Record<string, number[]>): SummaryDatum[] {
  const rows: SummaryDatum[] = [];
  const combos = params.reduce<Array<Record<string, number>>>(
    (acc, p) => acc.flatMap((c) => levels[p.name].map((v) => ({ ...c, [p.name]: v }))),
    [{}],
  );
  combos.forEach((values, point) => {
    const f = figures(values.stipend ?? 3000, values.removalsPerDay ?? 950, values.trustPrior ?? 300);
    for (const [series, value] of Object.entries(f)) {
      rows.push({
        point,
        seed: 1,
        series,
        mean: value ? value[0] : null,
        lo95: value ? value[0] - value[1] : null,
        hi95: value ? value[0] + value[1] : null,
        removalCost: REMOVAL_COST,
        ...values,
      });
    }
  });
  return rows;
}

/**
 * The incremental cost between neighbouring stipend levels of the same toy response, at each level of a second
 * parameter (removals per day) when given, with a 95% interval of +-20%.
 */
export function slopeData(stipends: readonly number[], removals?: readonly number[]): SlopeDatum[] {
  return (removals ?? [950]).flatMap((r) => stipends.slice(1).map((to, k) => {
    const from = stipends[k];
    const mean = (spendOf(to) - spendOf(from)) / (additionalOf(to, r) - additionalOf(from, r));
    return { from, to, ...(removals ? { level: r } : {}), mean, lo95: 0.8 * mean, hi95: 1.2 * mean };
  }));
}

/** Scattered design points (a Latin hypercube's), deterministic. */
export function lhsData(params: readonly ParameterLabel[], samples: number): SummaryDatum[] {
  const ranges: Record<string, [number, number]> = { stipend: [0, 10_000], removalsPerDay: [400, 2000], trustPrior: [10, 1000] };
  const levels = Object.fromEntries(params.map((p, j) => [p.name, Array.from({ length: samples }, (_, i) => {
    const [lo, hi] = ranges[p.name];
    return Math.round(lo + ((hi - lo) * (((i * (7 + 2 * j)) % samples) + 0.5)) / samples);
  })]));
  const rows: SummaryDatum[] = [];
  for (let i = 0; i < samples; i += 1) {
    const values = Object.fromEntries(params.map((p) => [p.name, levels[p.name][i]]));
    rows.push(...gridData(params, Object.fromEntries(params.map((p) => [p.name, [values[p.name]]]))).map((r) => ({ ...r, point: i })));
  }
  return rows;
}

const ANALYSED = ['programme_departures', 'additional_departures', 'cost_per_additional_departure', 'removals'];

export function morrisData(params: readonly string[]): MorrisDatum[] {
  return ANALYSED.flatMap((series, s) =>
    params.map((parameter, i) => ({ parameter, series, mu_star: (1 + i) * 10 ** (3 + s) * (1 + 0.3 * s), sigma: (0.5 + ((i * 3) % 4)) * 10 ** (2 + s) })),
  );
}

export function sobolData(params: readonly string[]): SobolDatum[] {
  return ANALYSED.flatMap((series, s) =>
    params.flatMap((parameter, i) => {
      const s1 = Math.max(0, 0.6 - 0.25 * i - 0.05 * s);
      const st = s1 + 0.1;
      return [
        { parameter, series, index: 'S1' as const, value: s1, lo: s1 - 0.08, hi: s1 + 0.08 },
        { parameter, series, index: 'ST' as const, value: st, lo: st - 0.1, hi: st + 0.1 },
      ];
    }),
  );
}
