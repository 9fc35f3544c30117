import {
  bandLayer,
  type Chart,
  type ConcatMember,
  type RunData,
  SCHEMA,
  config,
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

const MEASURES: ReadonlyArray<[series: string, label: string, color: string]> = [
  ['awareness_share', 'Aware of the programme (share of people still in the country)', '#1f77b4'],
  ['trust_payment', 'Perceived reliability of payment (mean over people present)', '#7f7f7f'],
];

export function awarenessTrustChart({ rows, summary }: RunData): Chart {
  const domain = timeDomain(rows, summary.levers);
  const values = MEASURES.flatMap(([series, measure]) =>
    seriesRows(rows, 'programme', series).map((r) => ({ date: r.date, measure, mean: r.mean, lo95: r.lo95, hi95: r.hi95 })),
  );
  const color = {
    field: 'measure',
    type: 'nominal' as const,
    title: null,
    scale: { domain: MEASURES.map((m) => m[1]), range: MEASURES.map((m) => m[2]) },
    legend: lineLegend,
  };
  const y = { type: 'quantitative' as const, scale: { domain: [0, 1] } };
  const title = 'Awareness of the programme and perceived reliability of payment';
  const subtitle = wrap(
    'Programme arm, end of each month, with 95% bands. Awareness: the share of people still in the country ' +
      '(including those registered with the programme or preparing to leave) who know of the programme. Perceived ' +
      'reliability: how likely, on average, people present and not registered think it is that the stipend will be ' +
      'paid, from 0% to 100%.',
  );
  const panel: ConcatMember = {
    width: WIDTH,
    height: HEIGHT,
    data: { values },
    layer: [
      // One band per measure with a fixed colour, so the pale bands do not enter the line legend.
      ...MEASURES.map(([, measure, colour]) =>
        bandLayer(dateAxisX(domain), colour, { filter: `datum.measure === ${JSON.stringify(measure)}`, scale: y.scale }),
      ),
      ...lineLayers({
        x: dateAxisX(domain),
        y: { ...y, field: 'mean', axis: { title: 'Percent', format: '.0%' } },
        color,
        tooltip: [monthTooltip, { field: 'measure', type: 'nominal', title: 'Measure' }, ...estimateTooltip('Value', '.1%')],
      }),
      ...leverLayers(summary.levers, domain),
    ],
  };
  return {
    name: 'awareness-trust',
    title,
    spec: {
      $schema: SCHEMA,
      description: 'Awareness of the programme and perceived reliability of payment over time, programme arm.',
      title: { text: title, subtitle },
      config,
      ...withLeverKey([panel], leverKey(summary.levers, domain)),
    },
  };
}
