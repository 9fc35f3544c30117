import type { ResultRow } from '../csv.js';
import {
  bandLayer,
  type Chart,
  type ConcatMember,
  type RunData,
  SCHEMA,
  config,
  countLabelExpr,
  dateAxisX,
  estimateTooltip,
  HEIGHT,
  leverKey,
  leverLayers,
  lineLayers,
  lineLegend,
  monthTooltip,
  seriesRows,
  timeDomain,
  WIDTH,
  withLeverKey,
  wrap,
} from './common.js';

export const PROGRAMME = 'Programme departures (programme arm)';
export const ADDITIONAL = 'Additional departures, all modes (programme arm minus counterfactual)';
const COLORS = ['#1f77b4', '#d95f02'];

/**
 * The counterfactual twin has no programme departures, so the honest comparison is between what the programme
 * paid for (assisted departures) and what it changed (additional departures of any mode). The monthly additional
 * figure is a sum of three difference-arm series, so it has no interval of its own.
 */
export function programmeDeparturesChart({ rows, summary }: RunData): Chart {
  const domain = timeDomain(rows, summary.levers);
  const assisted = seriesRows(rows, 'programme', 'departures_assisted').map((r) => ({
    date: r.date,
    series: PROGRAMME,
    mean: r.mean,
    lo95: r.lo95,
    hi95: r.hi95,
  }));
  const flows = ['departures_assisted', 'departures_unassisted', 'removals'].map((s) =>
    seriesRows(rows, 'difference', s),
  );
  const additional = flows[0].map((first, i) => {
    const parts: Array<ResultRow | undefined> = flows.map((f) => f[i]);
    const defined = parts.every((p) => p !== undefined && p.step === first.step && p.mean !== null);
    return {
      date: first.date,
      series: ADDITIONAL,
      mean: defined ? parts.reduce((a, p) => a + (p?.mean ?? 0), 0) : null,
      lo95: null,
      hi95: null,
    };
  });
  const hasTwin = additional.length > 0;
  const seriesDomain = hasTwin ? [PROGRAMME, ADDITIONAL] : [PROGRAMME];
  const color = {
    field: 'series',
    type: 'nominal' as const,
    title: null,
    scale: { domain: seriesDomain, range: COLORS },
    legend: lineLegend,
  };
  const tooltip = [monthTooltip, { field: 'series', type: 'nominal' as const, title: 'Series' }, ...estimateTooltip('Persons', ',.0f')];
  const title = 'Programme departures and additional departures per month';
  const subtitle = wrap(
    [
      'Programme departures: people who left with the stipend, per month; the band is the 95% interval over replicates.',
      hasTwin
        ? 'Additional departures: departures of any kind (assisted, unassisted or by removal) in the programme arm minus those in the counterfactual twin, which has no programme. The gap between the lines is programme departures that also happen, in some form, without the programme.'
        : 'This run has no counterfactual twin, so additional departures are not available.',
    ].join(' '),
  );
  const panel: ConcatMember = {
    width: WIDTH,
    height: HEIGHT,
    data: { values: [...assisted, ...additional] },
    layer: [
      bandLayer(dateAxisX(domain), COLORS[0], { filter: `datum.series === ${JSON.stringify(PROGRAMME)}` }),
      ...lineLayers({
        x: dateAxisX(domain),
        y: {
          field: 'mean',
          type: 'quantitative',
          axis: { title: 'Persons per month', labelExpr: countLabelExpr },
        },
        color,
        strokeDash: {
          field: 'series',
          type: 'nominal',
          title: null,
          scale: { domain: seriesDomain, range: [[1, 0], [6, 3]] },
          legend: lineLegend,
        },
        tooltip,
      }),
      ...leverLayers(summary.levers, domain),
    ],
  };
  return {
    name: 'programme-departures',
    title,
    spec: {
      $schema: SCHEMA,
      description: 'Monthly programme departures with 95% band and monthly additional departures against the counterfactual.',
      title: { text: title, subtitle },
      config,
      ...withLeverKey([panel], leverKey(summary.levers, domain)),
    },
  };
}
