import { formatCount } from '../format.js';
import {
  type Chart,
  type ConcatMember,
  type RunData,
  SCHEMA,
  config,
  countLabelExpr,
  dateAxisX,
  estimateTooltip,
  hasArm,
  leverKey,
  leverLayers,
  lineLayers,
  lineLegend,
  monthTooltip,
  seriesRows,
  timeDomain,
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
const PANEL_WIDTH = 330;
const PANEL_HEIGHT = 170;
const COLUMN_SPACING = 40;

/**
 * One panel per mode, both arms in each, on one shared scale: in a single panel the counterfactual's unassisted
 * departures lie exactly under the removals of both arms, which hides the very change this chart is for.
 */
export function cumulativeDeparturesChart({ rows, summary }: RunData): Chart {
  const domain = timeDomain(rows, summary.levers);
  const arms = ARMS.filter(([arm]) => hasArm(rows, arm));
  const values = arms.flatMap(([arm, armLabel]) =>
    MODES.flatMap(([series, mode]) =>
      seriesRows(rows, arm, series).map((r) => ({ date: r.date, arm: armLabel, mode, mean: r.mean, lo95: r.lo95, hi95: r.hi95 })),
    ),
  );
  const highest = Math.max(0, ...values.map((v) => v.mean ?? 0));
  const final = (arm: string, series: string) => {
    const defined = seriesRows(rows, arm, series).filter((r) => r.mean !== null);
    return defined.length > 0 ? defined[defined.length - 1].mean : null;
  };
  const levers = leverLayers(summary.levers, domain, PANEL_WIDTH);
  const panels: ConcatMember[] = MODES.map(([series, mode, colour]) => {
    const ends = arms
      .map(([arm, label]) => [arm === 'programme' ? 'programme arm' : 'counterfactual', final(arm, series)] as const)
      .filter(([, v]) => v !== null)
      .map(([label, v]) => `${label} ${formatCount(v!)}`);
    return {
      title: { text: mode, subtitle: ends.length > 0 ? `End of run: ${ends.join('; ')}` : [], fontSize: 13, subtitleFontSize: 11 },
      width: PANEL_WIDTH,
      height: PANEL_HEIGHT,
      transform: [{ filter: `datum.mode === ${JSON.stringify(mode)}` }],
      layer: [
        ...lineLayers(
          {
            x: dateAxisX(domain, 'Month', 6),
            y: {
              field: 'mean',
              type: 'quantitative',
              scale: { domain: [0, highest], nice: true },
              axis: { title: 'Persons, cumulative', labelExpr: countLabelExpr, tickCount: 5 },
            },
            strokeDash: {
              field: 'arm',
              type: 'nominal',
              title: 'Arm',
              scale: { domain: arms.map((a) => a[1]), range: [[1, 0], [6, 3]] },
              // Above the panels: below them it would come after the key to the lever markers.
              legend: { ...lineLegend, symbolStrokeColor: '#333333', direction: 'horizontal', orient: 'top' },
            },
            tooltip: [
              monthTooltip,
              { field: 'arm', type: 'nominal', title: 'Arm' },
              { field: 'mode', type: 'nominal', title: 'Mode' },
              ...estimateTooltip('Persons', ',.0f'),
            ],
          },
          { color: colour },
        ),
        ...levers,
      ],
    } as ConcatMember;
  });
  const title = 'Cumulative departures by mode, programme arm and counterfactual';
  const subtitle = wrap(
    'Persons who have left since the start, one panel per mode of departure, all on the same scale. Solid lines: the ' +
      'programme arm; dashed lines: the counterfactual twin, the same population without the programme. Where the ' +
      'programme arm ends lower for unassisted departures or removals, some programme departures replaced departures ' +
      'that would have happened anyway. Hover for 95% intervals.',
  );
  const key = leverKey(summary.levers, domain, PANEL_WIDTH, 2 * PANEL_WIDTH + COLUMN_SPACING);
  return {
    name: 'cumulative-departures',
    title,
    spec: {
      $schema: SCHEMA,
      description: 'Cumulative departures by mode (all, assisted, unassisted, removed) in both arms, one panel per mode.',
      title: { text: title, subtitle },
      config,
      data: { values },
      vconcat: [
        {
          concat: panels,
          columns: 2,
          spacing: { column: COLUMN_SPACING, row: 24 },
          resolve: { legend: { strokeDash: 'shared' }, scale: { strokeDash: 'shared' } },
        },
        ...(key ? [key] : []),
      ],
    },
  };
}
