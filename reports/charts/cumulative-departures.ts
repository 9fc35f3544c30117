import {
  type Chart,
  type RunData,
  SCHEMA,
  config,
  countLabelExpr,
  dateAxisX,
  estimateTooltip,
  HEIGHT,
  hasArm,
  leverLayers,
  lineLayers,
  lineLegend,
  monthTooltip,
  seriesRows,
  timeDomain,
  WIDTH,
  wrap,
} from './common.js';

const MODES: ReadonlyArray<[series: string, label: string, color: string]> = [
  ['cum_departures_total', 'All modes', '#333333'],
  ['cum_departures_assisted', 'Assisted (programme)', '#1f77b4'],
  ['cum_departures_unassisted', 'Unassisted', '#2ca02c'],
  ['cum_removals', 'Removed', '#9467bd'],
];
const ARMS: ReadonlyArray<[arm: string, label: string]> = [
  ['programme', 'Programme arm'],
  ['counterfactual', 'Counterfactual (no programme)'],
];

export function cumulativeDeparturesChart({ rows, summary }: RunData): Chart {
  const domain = timeDomain(rows, summary.levers);
  const values = ARMS.flatMap(([arm, armLabel]) =>
    MODES.flatMap(([series, mode]) =>
      seriesRows(rows, arm, series).map((r) => ({
        date: r.date,
        arm: armLabel,
        mode,
        mean: r.mean,
        lo95: r.lo95,
        hi95: r.hi95,
      })),
    ),
  );
  const arms = ARMS.filter(([arm]) => hasArm(rows, arm));
  const title = 'Cumulative departures by mode, programme arm and counterfactual';
  const subtitle = wrap(
    'Persons who have left since the start, by how they left. Solid lines: the programme arm; dashed lines: the ' +
      'counterfactual twin, the same population without the programme. Where the programme arm is lower for ' +
      'unassisted departures or removals, some programme departures replaced departures that would have happened ' +
      'anyway. Hover for 95% intervals.',
  );
  return {
    name: 'cumulative-departures',
    title,
    spec: {
      $schema: SCHEMA,
      description: 'Cumulative departures by mode (assisted, unassisted, removed, all) in both arms.',
      title: { text: title, subtitle },
      width: WIDTH,
      height: HEIGHT,
      config,
      data: { values },
      layer: [
        ...lineLayers({
          x: dateAxisX(domain),
          y: { field: 'mean', type: 'quantitative', axis: { title: 'Persons, cumulative', labelExpr: countLabelExpr } },
          color: {
            field: 'mode',
            type: 'nominal',
            title: 'Mode',
            scale: { domain: MODES.map((m) => m[1]), range: MODES.map((m) => m[2]) },
            legend: lineLegend,
          },
          strokeDash: {
            field: 'arm',
            type: 'nominal',
            title: 'Arm',
            scale: { domain: arms.map((a) => a[1]), range: [[1, 0], [6, 3]] },
            legend: { ...lineLegend, symbolStrokeColor: '#333333' },
          },
          tooltip: [
            monthTooltip,
            { field: 'arm', type: 'nominal', title: 'Arm' },
            { field: 'mode', type: 'nominal', title: 'Mode' },
            ...estimateTooltip('Persons', ',.0f'),
          ],
        }),
        ...leverLayers(summary.levers, domain),
      ],
    },
  };
}
