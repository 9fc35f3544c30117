import type { BenchCase } from './run-bench.js';

/** Vega-Lite spec: engine throughput against agents, one line per model and worker count (log-log). */
export function throughputChart(cases: BenchCase[], title: string): object {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: 480,
    height: 300,
    data: { values: cases.map((c) => ({ ...c, series: `${c.model}, ${c.workers} worker${c.workers > 1 ? 's' : ''}` })) },
    layer: [
      {
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'agents', type: 'quantitative', scale: { type: 'log' }, axis: { format: '~s' }, title: 'agents' },
          y: { field: 'agentStepsPerSec', type: 'quantitative', scale: { type: 'log' }, axis: { format: '~s' },
            title: 'agent-steps per second (programme + twin), median' },
          color: { field: 'series', type: 'nominal', title: null, legend: { labelLimit: 300 } },
        },
      },
      {
        mark: { type: 'rule' },
        encoding: {
          x: { field: 'agents', type: 'quantitative' },
          y: { field: 'min', type: 'quantitative' },
          y2: { field: 'max' },
          color: { field: 'series', type: 'nominal' },
        },
      },
    ],
  };
}
