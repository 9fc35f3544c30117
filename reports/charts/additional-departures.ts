import {
  type Chart,
  type ConcatMember,
  type RunData,
  SCHEMA,
  config,
  countLabelExpr,
  dateAxisX,
  estimateTooltip,
  leverLayers,
  lineLayers,
  lineLegend,
  moneyLabelExpr,
  monthTooltip,
  seriesRows,
  timeDomain,
  WIDTH,
  wrap,
} from './common.js';

const HONEST = 'Programme spend per additional departure';
const NAIVE = 'Programme spend per programme departure (ignores the counterfactual)';
const PANEL_HEIGHT = 220;
const ADDITIONAL_COLOR = '#d95f02';
const NAIVE_COLOR = '#1f77b4';
const usd = (x: number) => `$${Math.round(x).toLocaleString('en-US')}`;

/**
 * The cost per additional departure divides by a small number in the first months and runs far above any useful
 * scale, so the axis stops at 1.5 times the largest of the removal cost and the final values, rounded up to two
 * significant digits, and the subtitle says so when it cuts anything off.
 */
export function costAxisTop(removalCost: number, finalValues: Array<number | null>): number {
  const top = 1.5 * Math.max(removalCost, ...finalValues.filter((v): v is number => v !== null && Number.isFinite(v)));
  const unit = 10 ** (Math.floor(Math.log10(top)) - 1);
  return Math.ceil(top / unit - 1e-9) * unit;
}

export function additionalDeparturesChart({ rows, summary }: RunData): Chart {
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
  const top = costAxisTop(removalCost, [lastDefined(honest), lastDefined(naive)]);
  const cutOff = [...honest, ...naive].some((x) => (x.hi95 ?? x.mean ?? 0) > top);
  const levers = leverLayers(summary.levers, domain);

  const additionalPanel: ConcatMember = {
    title: { text: 'Additional departures, cumulative', fontSize: 13 },
    width: WIDTH,
    height: PANEL_HEIGHT,
    data: { values: additional },
    layer: [
      {
        transform: [{ filter: 'isValid(datum.lo95) && isValid(datum.hi95)' }],
        mark: { type: 'area', opacity: 0.2, color: ADDITIONAL_COLOR },
        encoding: { x: dateAxisX(domain), y: { field: 'lo95', type: 'quantitative' }, y2: { field: 'hi95' } },
      },
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
  const costPanel: ConcatMember = {
    title: { text: 'Spending per departure, cumulative to date, against the cost of one removal', fontSize: 13 },
    width: WIDTH,
    height: PANEL_HEIGHT,
    data: { values: [...honest, ...naive] },
    layer: [
      {
        transform: [{ filter: 'isValid(datum.lo95) && isValid(datum.hi95)' }],
        mark: { type: 'area', opacity: 0.2, color: ADDITIONAL_COLOR, clip: true },
        encoding: {
          x: dateAxisX(domain),
          y: { field: 'lo95', type: 'quantitative', scale: { domain: [0, top] } },
          y2: { field: 'hi95' },
        },
      },
      ...lineLayers(
        {
          x: dateAxisX(domain),
          y: {
            field: 'mean',
            type: 'quantitative',
            scale: { domain: [0, top] },
            axis: { title: 'US$ per departure', labelExpr: moneyLabelExpr },
          },
          color,
          strokeDash: {
            field: 'series',
            type: 'nominal',
            title: null,
            scale: { domain: [HONEST, NAIVE], range: [[1, 0], [6, 3]] },
            legend: lineLegend,
          },
          tooltip: [monthTooltip, { field: 'series', type: 'nominal', title: 'Series' }, ...estimateTooltip('US$', '$,.0f')],
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
    'Top: departures that happen only because of the programme (programme arm minus counterfactual twin), with 95% ' +
      'band. Bottom: programme spend committed to date (stipends paid or owed, travel, administration, advertising) divided by additional ' +
      'departures to date, with 95% band, and, dashed, the same spend divided by all programme departures, which ' +
      `counts people who would have left anyway. The black line is the scenario's cost of one removal.` +
      (cutOff ? ` The axis stops at ${usd(top)}; earlier months, with few additional departures, lie above it.` : ''),
  );
  return {
    name: 'additional-departures',
    title,
    spec: {
      $schema: SCHEMA,
      description: 'Cumulative additional departures, and programme spend per additional departure against the cost of a removal.',
      title: { text: title, subtitle },
      config,
      vconcat: [additionalPanel, costPanel],
    },
  };
}
