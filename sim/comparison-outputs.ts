import { csvFormatRows } from 'd3-dsv';
import { PACKAGE, packageCommit } from '../scenarios/package-info.js';
import { INCREMENTAL_COST, pairingNote, type Comparison } from './comparison.js';
import { csvResource, estimateFields, figureDictionary, jsonResource, moneyWords, rowFields, seriesDictionary } from './data-dictionary.js';
import { PAIRED_T, RATIO_METHOD } from './paired.js';
import { csvCell } from './outputs.js';

/** The files of a comparison folder, apart from its report: all from the Comparison, so equal inputs give equal bytes. */

export const INTERVALS = {
  run: 't over replicates',
  paired: PAIRED_T,
  ratio: RATIO_METHOD.name,
} as const;

const unitOf = (unit: string, currency: string) => (unit === 'money' ? currency : unit);

/** figures.csv: every headline figure in A, in B and as B - A, then the incremental cost, with intervals. */
export function figuresCsv(c: Comparison): string {
  const code = c.a.identity.currency.code;
  const rows: string[][] = [];
  for (const f of c.figures) {
    const unit = unitOf(f.unit, code);
    for (const [run, e, interval] of [['A', f.a, INTERVALS.run], ['B', f.b, INTERVALS.run], ['difference', f.difference, INTERVALS.paired]] as const) {
      rows.push([f.key, unit, run, csvCell(e.mean), csvCell(e.lo95), csvCell(e.hi95), interval]);
    }
  }
  const r = c.incrementalCost;
  rows.push([INCREMENTAL_COST, code, 'difference', csvCell(r.mean), csvCell(r.lo95), csvCell(r.hi95), INTERVALS.ratio]);
  return `${csvFormatRows([['figure', 'unit', 'run', 'mean', 'lo95', 'hi95', 'interval'], ...rows])}\n`;
}

/** difference.csv: results.csv's rows of B - A, per replicate, then summarised (the same columns). */
export function differenceCsv(c: Comparison): string {
  const rows = c.rows.map((r) => [r.date, r.dateEnd, String(r.step), r.arm, r.group, r.series, r.kind, r.unit,
    csvCell(r.difference.mean), csvCell(r.difference.lo95), csvCell(r.difference.hi95)]);
  return `${csvFormatRows([['period_start', 'period_end', 'step', 'arm', 'group', 'series', 'kind', 'unit', 'mean', 'lo95', 'hi95'], ...rows])}\n`;
}

/** The command that makes this comparison again: the inputs as given, and the settings both were run with. */
export function comparisonCommandLine(c: Comparison): string {
  const quote = (p: string) => (/^[\w./@:+-]+$/.test(p) ? p : `'${p.replace(/'/g, `'\\''`)}'`);
  const id = c.a.identity;
  const settings = c.a.from === 'scenario file' ? ` --seed ${id.seed} --agents ${id.agents} --replicates ${id.replicates}` : '';
  return `departure-sim compare ${quote(c.a.source)} ${quote(c.b.source)}${settings}`;
}

export function comparisonSummaryJson(c: Comparison): string {
  const side = (s: Comparison['a']) => ({ source: s.source, from: s.from, ...s.identity });
  const { seed, agents, replicates } = c.a.identity;
  const summary = {
    package: { ...PACKAGE, commit: packageCommit() },
    comparison: `B (${c.b.identity.name}) against A (${c.a.identity.name}); every difference is B - A`,
    a: side(c.a),
    b: side(c.b),
    pairing: {
      seed, agents, replicates,
      samePopulation: c.a.identity.population === c.b.identity.population,
      note: `${pairingNote(c.a.identity, c.b.identity)}; differences are taken replicate by replicate`,
    },
    intervals: {
      runs: `a and b: 95% intervals over ${replicates} replicates (${INTERVALS.run}): simulation noise only, not uncertainty in the model's parameters`,
      difference: `95% interval of the mean of the ${replicates} paired differences B - A (${INTERVALS.paired}); unpairedDifference gives Welch's interval that ignores the pairing, for reference`,
      [INCREMENTAL_COST]: `${RATIO_METHOD.name}: ${RATIO_METHOD.description}`,
    },
    headline: Object.fromEntries(c.figures.map((f) => [f.key, { a: f.a, b: f.b, difference: f.difference, unpairedDifference: f.unpaired }])),
    removalCost: { a: c.a.identity.removalCost, b: c.b.identity.removalCost },
    [INCREMENTAL_COST]: {
      mean: c.incrementalCost.mean, lo95: c.incrementalCost.lo95, hi95: c.incrementalCost.hi95,
      note: c.incrementalCost.note,
      definition: '(programme spend of B - of A) / (additional departures of B - of A): the ratio of the two changes',
      method: { name: RATIO_METHOD.name, resamples: RATIO_METHOD.resamples, seed: RATIO_METHOD.seed },
    },
    command: comparisonCommandLine(c),
  };
  return `${JSON.stringify(summary, null, 2)}\n`;
}

/** datapackage.json of a comparison folder: every file, column, figure and series. */
export function comparisonDataPackage(c: Comparison): object {
  const money = moneyWords(c.a.identity.currency);
  const code = c.a.identity.currency.code;
  return {
    profile: 'tabular-data-package',
    name: `${c.a.identity.name}-vs-${c.b.identity.name}`,
    title: `${c.b.identity.title} against ${c.a.identity.title}`,
    description: `B (${c.b.source}) against A (${c.a.source}) on common random numbers: every difference is B - A, replicate by replicate.`,
    resources: [
      csvResource('figures', 'figures.csv', 'Every headline figure of A, of B and of B - A with its 95% interval, and the incremental cost per incremental additional departure', [
        { name: 'figure', type: 'string', description: `The figure's path in a run's summary.json headline (see "figures" below), or ${INCREMENTAL_COST}: (programme spend of B - of A) / (additional departures of B - of A)` },
        { name: 'unit', type: 'string', description: `persons, share (0 to 1), or a currency code (amounts in ${money})` },
        { name: 'run', type: 'string', constraints: { enum: ['A', 'B', 'difference'] }, description: 'A, B, or difference (B - A per replicate, then summarised)' },
        ...estimateFields('Mean over replicates (for difference: of the paired differences; for the incremental cost: the ratio of the mean differences)', '95% interval, by the method in `interval`; empty with one replicate, or where the method gives no finite interval'),
        { name: 'interval', type: 'string', constraints: { enum: Object.values(INTERVALS) }, description: `How lo95 and hi95 were found: ${INTERVALS.run} (Student t over A's or B's replicates), ${INTERVALS.paired} (Student t over the replicates' B - A), or ${RATIO_METHOD.name} (${RATIO_METHOD.description})` },
      ]),
      csvResource('difference', 'difference.csv', 'B - A of every series of results.csv at every step, arm and group, per replicate, then summarised', [
        ...rowFields(money, 'The arm of results.csv that is subtracted: programme, counterfactual, or difference (so difference here is B\'s additional departures minus A\'s)'),
        ...estimateFields('Mean of the paired differences B - A over replicates', '95% interval of that mean (Student t over the paired differences): simulation noise only; empty with one replicate or where a value is undefined'),
      ]),
      jsonResource('summary', 'summary.json', 'A and B (source, scenario, hash, seed, agents, replicates), every headline figure of A, B and B - A with paired and unpaired intervals, the incremental cost and its method'),
    ],
    figures: figureDictionary(code),
    series: seriesDictionary(code),
  };
}
