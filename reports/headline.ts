import type { ResultRow } from './csv.js';
import { type Formatter, formatCount, formatEstimate, formatInterval, formatMoney, formatMoneyExact, formatShare } from './format.js';
import type { Estimate, Summary } from './summary.js';

export interface FigureRow {
  label: string;
  value: string;
  interval: string;
  note: string;
  emphasis?: boolean;
}

function figure(label: string, e: Estimate | null | undefined, format: Formatter, note: string, emphasis = false): FigureRow {
  return { label, value: formatEstimate(e, format), interval: formatInterval(e, format), note, emphasis };
}

/** The headline table: what the programme bought, what each additional departure cost, and the simple ratio. */
export function headlineRows(summary: Summary): FigureRow[] {
  const h = summary.headline;
  const s = h.spend;
  const parts = [
    ['stipends paid', s.stipends],
    ['stipends owed after the horizon', s.stipendsOwed],
    ['travel', s.travel],
    ['administration', s.admin],
    ['advertising', s.advertising],
  ] as const;
  const breakdown = parts
    .filter(([, e]) => e?.mean != null)
    .map(([name, e]) => `${name} ${formatMoney(e!.mean!)}`)
    .join(', ');
  return [
    figure('Programme departures', h.programmeDepartures, formatCount, 'People who left with the stipend, whole run, programme arm.'),
    figure(
      'Additional departures',
      h.additionalDepartures,
      formatCount,
      'Departures of any kind in the programme arm minus those in the counterfactual twin without the programme.',
      true,
    ),
    figure(
      'Programme takers who left anyway in the twin',
      h.deadweightShare,
      formatShare,
      'Share of the people who left with the stipend who, in the counterfactual twin, left on their own or were removed by the end of the horizon.',
    ),
    figure('Programme spend', s.programme, formatMoney, breakdown ? `${breakdown[0].toUpperCase()}${breakdown.slice(1)}.` : ''),
    figure(
      'Programme spend per additional departure',
      h.costPerAdditionalDeparture,
      formatMoney,
      'Programme spend divided by additional departures.',
      true,
    ),
    figure(
      'Net of removal spending avoided, per additional departure',
      h.netCostPerAdditionalDeparture,
      formatMoney,
      'Programme spend minus the fall in removal spending against the counterfactual, divided by additional departures.',
    ),
    {
      label: 'Cost of one removal',
      value: formatMoneyExact(h.removalCost),
      interval: '',
      note: 'Scenario input.',
      emphasis: true,
    },
    figure(
      'Programme spend per programme departure (simple ratio)',
      h.naiveCostPerProgrammeDeparture,
      formatMoney,
      'Divides by every programme departure, including those that also happen without the programme, so it is lower than the cost per additional departure whenever some do.',
    ),
  ];
}

function monthYear(date: string): string {
  const [y, m] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** Plain sentences a reader can take away without reading the table. */
export function headlineSentences(summary: Summary): string[] {
  const h = summary.headline;
  const { start, end, steps, stepUnit } = summary.horizon;
  const range = ` over ${steps} ${stepUnit}${steps === 1 ? '' : 's'} (${monthYear(start)} to ${monthYear(end)})`;
  const withInterval = (e: Estimate | null, f: Formatter) => {
    const interval = formatInterval(e, f);
    return interval ? `${formatEstimate(e, f)} (95% interval ${interval})` : formatEstimate(e, f);
  };
  const sentences = [`In the programme arm, ${withInterval(h.programmeDepartures, formatCount)} people left with the stipend${range}.`];
  const additional = h.additionalDepartures?.mean;
  if (additional == null) {
    sentences.push(
      'This run has no counterfactual twin, so additional departures and the cost of each additional departure are not available.',
    );
  } else {
    sentences.push(
      `Against the counterfactual twin, the same population without the programme, total departures were higher by ${withInterval(h.additionalDepartures, formatCount)}: these are the additional departures.`,
    );
    if (h.deadweightShare?.mean != null) {
      sentences.push(`${formatShare(h.deadweightShare.mean)} of the people who took the stipend left anyway in the counterfactual twin, on their own or by removal.`);
    }
  }
  const spend = h.spend.programme?.mean;
  const cost = h.costPerAdditionalDeparture?.mean;
  if (spend != null && cost != null && additional != null && additional > 0) {
    const ratio = cost / h.removalCost;
    const comparison = ratio < 1 ? `${Math.round(ratio * 100)}% of` : `${ratio.toFixed(1)} times`;
    sentences.push(
      `The programme spent ${formatMoney(spend)}, which is ${withInterval(h.costPerAdditionalDeparture, formatMoney)} per additional departure: ${comparison} the ${formatMoneyExact(h.removalCost)} the scenario puts on one removal.`,
    );
  } else if (spend != null) {
    sentences.push(`The programme spent ${formatMoney(spend)}.`);
  }
  const lo = h.additionalDepartures?.lo95;
  if (additional != null && lo != null && lo <= 0) {
    sentences.push(
      'The 95% interval of additional departures includes zero: this run cannot tell the effect of the programme apart from none, so the cost per additional departure is not well determined. More replicates or agents narrow the interval.',
    );
  }
  if (h.naiveCostPerProgrammeDeparture?.mean != null) {
    sentences.push(
      `Divided by all programme departures instead, the same spend comes to ${formatMoney(h.naiveCostPerProgrammeDeparture.mean)} per departure.`,
    );
  }
  return sentences;
}

export interface ModeRow {
  mode: string;
  programme: string;
  counterfactual: string;
  difference: string;
  differenceInterval: string;
}

const MODES: ReadonlyArray<[series: string, label: string]> = [
  ['cum_departures_assisted', 'Assisted (programme)'],
  ['cum_departures_unassisted', 'Unassisted'],
  ['cum_removals', 'Removed'],
  ['cum_departures_total', 'All modes'],
];

/** Departures by mode at the last step, in both arms and their difference. */
export function modeRows(rows: ResultRow[]): ModeRow[] {
  const lastStep = rows.reduce((m, r) => Math.max(m, r.step), -1);
  const at = (arm: string, series: string) => rows.find((r) => r.step === lastStep && r.arm === arm && r.series === series);
  return MODES.map(([series, mode]) => {
    const cell = (arm: string) => {
      const r = at(arm, series);
      return r?.mean == null ? 'not available' : formatCount(r.mean);
    };
    const diff = at('difference', series);
    return {
      mode,
      programme: cell('programme'),
      counterfactual: cell('counterfactual'),
      difference: cell('difference'),
      differenceInterval: diff ? formatInterval(diff, formatCount) : '',
    };
  });
}
