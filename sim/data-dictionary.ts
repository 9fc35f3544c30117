import type { Scenario } from '../scenarios/schema.js';
import { COST_SERIES } from './results.js';
import { SERIES } from './series.js';
import { intervalWords, type IntervalKind } from './stats.js';

/**
 * datapackage.json: the data dictionary written into every run folder (Frictionless Data's tabular data package),
 * so that R, Stata or pandas users, and the frictionless tools, know every column and series without asking.
 */
export function dataPackage(s: Scenario, interval: IntervalKind = 'simulation-noise', posteriorParameters?: readonly string[]): object {
  const money = `${s.currency.code} of ${s.currency.year}`;
  const rowFields = [
    { name: 'period_start', type: 'date', description: 'First day of the step' },
    { name: 'period_end', type: 'date', description: 'Last day of the step: stocks are measured at its end, flows summed over the step, cumulative series from the start of the run to its end' },
    { name: 'step', type: 'integer', description: '0-based step index' },
    { name: 'arm', type: 'string', constraints: { enum: ['programme', 'counterfactual', 'difference'] }, description: 'programme; counterfactual (the same agents and random numbers with the programme off); difference (programme minus counterfactual, per replicate)' },
    { name: 'group', type: 'string', description: 'A group of the scenario\'s population, or "all" for the whole population' },
    { name: 'series', type: 'string', description: 'What is measured: see "series" below' },
    { name: 'kind', type: 'string', constraints: { enum: ['stock', 'flow', 'cumulative'] }, description: 'stock (at period_end), flow (during the step) or cumulative (from the start to period_end)' },
    { name: 'unit', type: 'string', description: `persons (represented, i.e. simulated persons x weight), share (0 to 1), or a currency code (amounts in ${money})` },
  ];
  const estimate = [
    { name: 'mean', type: 'number', description: 'Mean over replicates' },
    { name: 'lo95', type: 'number', description: `Lower end of the interval (${intervalWords(interval, s.replicates)}); empty with one replicate` },
    { name: 'hi95', type: 'number', description: 'Upper end of that interval' },
  ];
  const csv = (name: string, path: string, description: string, fields: object[]) => ({
    name, path, profile: 'tabular-data-resource', format: 'csv', mediatype: 'text/csv', encoding: 'utf-8', description,
    schema: { fields, missingValues: [''] },
  });
  return {
    profile: 'tabular-data-package',
    name: s.name,
    title: s.title,
    description: s.description,
    resources: [
      csv('results', 'results.csv', 'Every series at every step, by arm and group: mean over replicates and 95% interval', [...rowFields, ...estimate]),
      csv('replicates', 'replicates.csv', 'The same rows, one per replicate', [
        { name: 'replicate', type: 'integer', description: '0-based replicate index' }, ...rowFields,
        { name: 'value', type: 'number', description: 'The replicate\'s value; empty where undefined' },
      ]),
      { name: 'summary', path: 'summary.json', format: 'json', mediatype: 'application/json', description: 'Headline figures with 95% intervals, by group, observations set against the run, levers, the resolved scenario (docs/outputs.md)' },
      { name: 'scenario', path: 'scenario.json', format: 'json', mediatype: 'application/json', description: 'The resolved scenario: departure-sim run scenario.json in this folder re-runs it' },
      { name: 'meta', path: 'meta.json', format: 'json', mediatype: 'application/json', description: 'Wall time, host, workers: the only file that depends on the machine' },
      ...(posteriorParameters ? [
        csv('posterior-draws', 'posterior-draws.csv', 'The parameters each replicate drew from the posterior', [
          { name: 'replicate', type: 'integer', description: '0-based replicate index' },
          { name: 'particle', type: 'integer', description: '0-based row of the posterior sample (posterior.json\'s particles, posterior.csv of the calibration)' },
          ...posteriorParameters.map((name) => ({ name, type: 'number', description: `The value of calibrated parameter ${name} in this replicate` })),
        ]),
        { name: 'posterior', path: 'posterior.json', format: 'json', mediatype: 'application/json', description: 'The calibration\'s posterior the replicates drew from (a copy of its posterior.json)' },
      ] : []),
    ],
    series: [...SERIES, COST_SERIES].map((d) => ({
      name: d.name, byGroup: 'byGroup' in d && d.byGroup === true, kind: d.kind, unit: d.unit === 'money' ? s.currency.code : d.unit, description: d.description,
    })),
  };
}
