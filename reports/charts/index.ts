import { additionalDeparturesChart } from './additional-departures.js';
import { awarenessTrustChart } from './awareness-trust.js';
import { type Chart, hasArm, type RunData } from './common.js';
import { cumulativeDeparturesChart } from './cumulative-departures.js';
import { programmeDeparturesChart } from './programme-departures.js';
import { spendChart } from './spend.js';
import { uptakeByOriginChart } from './uptake-by-origin.js';

export { additionalDeparturesChart } from './additional-departures.js';
export { awarenessTrustChart } from './awareness-trust.js';
export type { Chart, RunData } from './common.js';
export { cumulativeDeparturesChart } from './cumulative-departures.js';
export { programmeDeparturesChart } from './programme-departures.js';
export { spendChart } from './spend.js';
export { uptakeByOriginChart } from './uptake-by-origin.js';

/** Every chart of the report, in page order; a run without the counterfactual twin has no additional-departures chart. */
export function buildCharts(run: RunData): Chart[] {
  return [
    programmeDeparturesChart(run),
    cumulativeDeparturesChart(run),
    ...(hasArm(run.rows, 'difference') ? [additionalDeparturesChart(run)] : []),
    spendChart(run),
    uptakeByOriginChart(run),
    awarenessTrustChart(run),
  ];
}
