import type { Scenario } from '../scenarios/schema.js';
import { HEADLINE_KEYS } from './headline-figures.js';
import { COST_SERIES } from './results.js';
import { SERIES } from './series.js';

/**
 * datapackage.json: the data dictionary written into every run folder (Frictionless Data's tabular data package),
 * so that R, Stata or pandas users, and the frictionless tools, know every column and series without asking.
 * A comparison's dictionary (sim/comparison-outputs.ts) is built from the same parts.
 */

/** What a currency amount is in, for descriptions: "USD of 2025". */
export const moneyWords = (c: { code: string; year: number }) => `${c.code} of ${c.year}`;

/** The columns that say where a row of results.csv is, up to `unit`. */
export function rowFields(money: string, arm = 'programme; counterfactual (the same agents and random numbers with the programme off); difference (programme minus counterfactual, per replicate)'): object[] {
  return [
    { name: 'period_start', type: 'date', description: 'First day of the step' },
    { name: 'period_end', type: 'date', description: 'Last day of the step: stocks are measured at its end, flows summed over the step, cumulative series from the start of the run to its end' },
    { name: 'step', type: 'integer', description: '0-based step index' },
    { name: 'arm', type: 'string', constraints: { enum: ['programme', 'counterfactual', 'difference'] }, description: arm },
    { name: 'group', type: 'string', description: 'A group of the scenario\'s population, or "all" for the whole population' },
    { name: 'series', type: 'string', description: 'What is measured: see "series" below' },
    { name: 'kind', type: 'string', constraints: { enum: ['stock', 'flow', 'cumulative'] }, description: 'stock (at period_end), flow (during the step) or cumulative (from the start to period_end)' },
    { name: 'unit', type: 'string', description: `persons (represented, i.e. simulated persons x weight), share (0 to 1), or a currency code (amounts in ${money})` },
  ];
}

/** mean, lo95, hi95: a mean over replicates and its interval, as `interval` describes it. */
export function estimateFields(mean = 'Mean over replicates', interval = '95% interval of the mean over replicates (Student t): simulation noise only; empty with one replicate'): object[] {
  return [
    { name: 'mean', type: 'number', description: mean },
    { name: 'lo95', type: 'number', description: interval },
    { name: 'hi95', type: 'number', description: 'Upper end of that interval' },
  ];
}

/** A CSV file of the package with its columns. */
export function csvResource(name: string, path: string, description: string, fields: object[]): object {
  return {
    name, path, profile: 'tabular-data-resource', format: 'csv', mediatype: 'text/csv', encoding: 'utf-8', description,
    schema: { fields, missingValues: [''] },
  };
}

/** A JSON file of the package. */
export function jsonResource(name: string, path: string, description: string): object {
  return { name, path, format: 'json', mediatype: 'application/json', description };
}

/** Every series of results.csv with its kind, unit and meaning. */
export function seriesDictionary(currency: string): object[] {
  return [...SERIES, COST_SERIES].map((d) => ({
    name: d.name, byGroup: 'byGroup' in d && d.byGroup === true, kind: d.kind, unit: d.unit === 'money' ? currency : d.unit, description: d.description,
  }));
}

/** The headline figures by path, unit and meaning: headline-replicates.csv's `figure` column, and a comparison's. */
export function figureDictionary(currency: string): object[] {
  return HEADLINE_KEYS.map((f) => ({ name: f.key, unit: f.unit === 'money' ? currency : f.unit, description: f.description }));
}

export function dataPackage(s: Scenario): object {
  const money = moneyWords(s.currency);
  const replicate = { name: 'replicate', type: 'integer', description: '0-based replicate index' };
  const value = { name: 'value', type: 'number', description: 'The replicate\'s value; empty where undefined' };
  return {
    profile: 'tabular-data-package',
    name: s.name,
    title: s.title,
    description: s.description,
    resources: [
      csvResource('results', 'results.csv', 'Every series at every step, by arm and group: mean over replicates and 95% interval', [...rowFields(money), ...estimateFields()]),
      csvResource('replicates', 'replicates.csv', 'The same rows, one per replicate', [replicate, ...rowFields(money), value]),
      csvResource('headline-replicates', 'headline-replicates.csv', 'Every headline figure of each replicate alone; summary.json\'s headline figures are their means over replicates', [
        replicate,
        { name: 'figure', type: 'string', description: 'The figure\'s path in summary.json\'s headline: see "figures" below' },
        { name: 'unit', type: 'string', description: `persons, share (0 to 1), or a currency code (amounts in ${money})` },
        value,
      ]),
      jsonResource('summary', 'summary.json', 'Headline figures with 95% intervals, by group, observations set against the run, levers, the resolved scenario (docs/outputs.md)'),
      jsonResource('scenario', 'scenario.json', 'The resolved scenario: departure-sim run scenario.json in this folder re-runs it'),
      jsonResource('meta', 'meta.json', 'Wall time, host, workers: the only file that depends on the machine'),
    ],
    figures: figureDictionary(s.currency.code),
    series: seriesDictionary(s.currency.code),
  };
}
