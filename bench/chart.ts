import type { Figure } from './measure.js';

const SIZE = /^(cold|inner\.utility|inner\.planned-behaviour)\.(1e\d+|\d+|full)\.w(\d+)\.agentStepsPerSec$/;

/**
 * Vega-Lite spec: agent-steps per second against agents (log-log), median with a min-max rule, one line per kind
 * (cold end-to-end run, or warmed inner loop) and worker count.
 */
export function throughputChart(figures: Figure[], title: string): object {
  const values = figures.flatMap((f) => {
    const m = SIZE.exec(f.id);
    if (!m) return [];
    const agents = m[2] === 'full' ? 14_000_000 : Number(m[2]);
    const kind = m[1] === 'cold' ? 'end to end, cold run' : `warmed inner loop, ${m[1].slice(6)}`;
    return [{ agents, series: `${kind}, ${m[3]} worker${m[3] === '1' ? '' : 's'}`, median: f.median, min: f.min, max: f.max }];
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: 480,
    height: 300,
    data: { values },
    layer: [
      {
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'agents', type: 'quantitative', scale: { type: 'log' }, axis: { format: '~s' }, title: 'agents' },
          y: { field: 'median', type: 'quantitative', scale: { type: 'log' }, axis: { format: '~s' },
            title: 'agent-steps per second (programme + twin), median' },
          color: { field: 'series', type: 'nominal', title: null, legend: { labelLimit: 300, orient: 'bottom', columns: 2 } },
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
