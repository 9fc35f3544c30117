import { additionalDeparturesChart } from './additional-departures.js';
import { awarenessTrustChart } from './awareness-trust.js';
import { type Chart, hasArm, type RunData } from './common.js';
import { cumulativeDeparturesChart } from './cumulative-departures.js';
import { programmeDeparturesChart } from './programme-departures.js';
import { spendChart } from './spend.js';
import { uptakeByOriginChart } from './uptake-by-origin.js';

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
