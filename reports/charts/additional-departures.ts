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
  leverKey,
  leverLayers,
  lineLayers,
  lineLegend,
  moneyLabelExpr,
  monthTooltip,
  seriesRows,
  timeDomain,
  WIDTH,
  withLeverKey,
  wrap,
} from './common.js';

const HONEST = 'Programme spend per additional departure';
const NAIVE = 'Programme spend per programme departure (ignores the counterfactual)';
const PANEL_HEIGHT = 220;
const ADDITIONAL_COLOR = '#d95f02';
const NAIVE_COLOR = '#1f77b4';
const usd = (x: number) => `$${Math.round(x).toLocaleString('en-US')}`;

/** The step of 1, 2 or 5 times a power of ten that divides [0, top] into at most `maxIntervals` intervals. */
export function tickStep(top: number, maxIntervals = 10): number {
  const raw = top / maxIntervals;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5]) if (m * power >= raw * (1 - 1e-9)) return m * power;
  return 10 * power;
}

/**
 * The cost per additional departure divides by a small number in the first months and runs far above any useful
 * scale, so the axis stops at 1.5 times the largest of the removal cost and the final values, rounded up to the
 * next tick: the top of the axis is always a labelled tick, and the subtitle names it when anything is cut off.
 */
export function costAxis(removalCost: number, finalValues: Array<number | null>): { top: number; ticks: number[] } {
  const wanted = 1.5 * Math.max(removalCost, ...finalValues.filter((v): v is number => v !== null && Number.isFinite(v)));
  const step = tickStep(wanted);
  const intervals = Math.ceil(wanted / step - 1e-9);
  // Multiples of the step, computed so that floating-point error does not print $180,000.00000001.
  const ticks = Array.from({ length: intervals + 1 }, (_, i) => Number((i * step).toPrecision(12)));
  return { top: ticks[ticks.length - 1], ticks };
}

export function additionalDeparturesChart({ rows, summary }: RunData): Chart {
  const code = summary.currency?.code ?? 'USD';
  const domain = timeDomain(rows, summary.levers);
  const removalCost = summary.headline.removalCost;
  const additional = seriesRows(rows, 'difference', 'cum_departures_total').map((r) => ({
    date: r.date,
    mean: r.mean,
    lo95: r.lo95,
    hi95: r.hi95,
  }));
  const honest = seriesRows(rows, 'difference', 'cost_per_additional_departure').map((r) => ({
    date: r.date,
    series: HONEST,
    mean: r.mean,
    lo95: r.lo95,
    hi95: r.hi95,
  }));
  const departures = seriesRows(rows, 'programme', 'cum_departures_assisted');
  // Committed spend (paid so far plus stipends owed), as in the cost per additional departure and the headline.
  const owed = seriesRows(rows, 'programme', 'stipends_owed');
  const naive = seriesRows(rows, 'programme', 'cum_spend_programme').map((spend, i) => {
    const d = departures[i];
    const o = owed[i];
    const defined = spend.mean !== null && o?.mean != null && d?.mean != null && d.mean > 0 && d.step === spend.step && o.step === spend.step;
    return { date: spend.date, series: NAIVE, mean: defined ? (spend.mean! + o.mean!) / d.mean! : null, lo95: null, hi95: null };
  });
  const lastDefined = (xs: Array<{ mean: number | null; hi95: number | null }>) => {
    const defined = xs.filter((x) => x.mean !== null);
    const last = defined[defined.length - 1];
    return last ? (last.hi95 ?? last.mean) : null;
  };
  const { top, ticks } = costAxis(removalCost, [lastDefined(honest), lastDefined(naive)]);
  const cutOff = [...honest, ...naive].some((x) => (x.hi95 ?? x.mean ?? 0) > top);
  // The band goes with its line: drawn for months where both ends are defined and the line itself is on the scale,
  // and clipped at the axis exactly where the line is. In earlier months the ratio divides by few additional
  // departures; its line is above the axis, and pieces of its very wide band would shade the plot around nothing.
  const banded = honest.map((x) => {
    const show = x.mean !== null && x.mean >= 0 && x.mean <= top && x.lo95 !== null && x.hi95 !== null;
    return { ...x, bandLo: show ? x.lo95 : null, bandHi: show ? x.hi95 : null };
  });
  const hasBand = banded.some((x) => x.bandLo !== null);
  const levers = leverLayers(summary.levers, domain);

  const additionalPanel: ConcatMember = {
    title: { text: 'Additional departures, cumulative', fontSize: 13 },
    width: WIDTH,
    height: PANEL_HEIGHT,
    data: { values: additional },
    layer: [
      bandLayer(dateAxisX(domain), ADDITIONAL_COLOR),
      ...lineLayers(
        {
          x: dateAxisX(domain),
          y: { field: 'mean', type: 'quantitative', axis: { title: 'Persons, cumulative', labelExpr: countLabelExpr } },
          tooltip: [monthTooltip, ...estimateTooltip('Additional departures', ',.0f')],
        },
        { color: ADDITIONAL_COLOR },
      ),
      ...levers,
    ],
  };

  const color = {
    field: 'series',
    type: 'nominal' as const,
    title: null,
    scale: { domain: [HONEST, NAIVE], range: [ADDITIONAL_COLOR, NAIVE_COLOR] },
    legend: lineLegend,
  };
  // One scale for the band, the lines and the reference: the band is clipped exactly where its line is.
  const costScale = { domain: [0, top], nice: false, zero: true };
  const costPanel: ConcatMember = {
    title: { text: 'Spending per departure, cumulative to date, against the cost of one removal', fontSize: 13 },
    width: WIDTH,
    height: PANEL_HEIGHT,
    data: { values: [...banded, ...naive.map((x) => ({ ...x, bandLo: null, bandHi: null }))] },
    layer: [
      bandLayer(dateAxisX(domain), ADDITIONAL_COLOR, {
        filter: `datum.series === ${JSON.stringify(HONEST)}`,
        fields: ['bandLo', 'bandHi'],
        scale: costScale,
        clip: true,
      }),
      ...lineLayers(
        {
          x: dateAxisX(domain),
          y: {
            field: 'mean',
            type: 'quantitative',
            scale: costScale,
            // tickCount as long as the list: with the default count, Vega thins the given values out.
            axis: { title: `${code} per departure`, labelExpr: moneyLabelExpr(code), values: ticks, tickCount: ticks.length },
          },
          color,
          strokeDash: {
            field: 'series',
            type: 'nominal',
            title: null,
            scale: { domain: [HONEST, NAIVE], range: [[1, 0], [6, 3]] },
            legend: lineLegend,
          },
          tooltip: [monthTooltip, { field: 'series', type: 'nominal', title: 'Series' }, ...estimateTooltip(code, ',.0f')],
        },
        { clip: true },
      ),
      {
        data: { values: [{ cost: removalCost, label: `Cost of one removal: ${usd(removalCost)}` }] },
        layer: [
          {
            mark: { type: 'rule', color: '#222222', strokeWidth: 1.5 },
            encoding: {
              y: { field: 'cost', type: 'quantitative' },
              tooltip: [{ field: 'label', type: 'nominal', title: 'Reference' }],
            },
          },
          {
            mark: { type: 'text', align: 'right', baseline: 'bottom', dy: -3, fontSize: 11, fontWeight: 'bold', color: '#222222' },
            encoding: { x: { value: WIDTH - 4 }, y: { field: 'cost', type: 'quantitative' }, text: { field: 'label' } },
          },
        ],
      },
      ...levers,
    ],
  };

  const title = 'Additional departures and what each one cost';
  const subtitle = wrap(
    'Top: departures that happen only because of the programme (programme arm minus counterfactual twin). Bottom: ' +
      'programme spend committed to date (stipends paid or owed, travel, administration, advertising) per additional ' +
      'departure to date; dashed, the same spend per programme departure, which counts people who would have left ' +
      "anyway. Black line: the scenario's cost of one removal." +
      (hasBand
        ? ' Shaded bands: 95% intervals over replicates, which show simulation noise only, not uncertainty in the ' +
          "scenario's assumptions; the cost band is drawn for months where both its ends are defined and its line is on the scale."
        : '') +
      (cutOff ? ` The axis stops at ${usd(top)}: in earlier months, with few additional departures, the cost per additional departure lies above it.` : ''),
  );
  return {
    name: 'additional-departures',
    title,
    spec: {
      $schema: SCHEMA,
      description: 'Cumulative additional departures, and programme spend per additional departure against the cost of a removal.',
      title: { text: title, subtitle },
      config,
      ...withLeverKey([additionalPanel, costPanel], leverKey(summary.levers, domain)),
    },
  };
}
