import type { ResultRow } from './csv.js';
import { figureValue, HEADLINE_FIGURES } from '../sim/headline-figures.js';
import type { Headline } from '../sim/results.js';
import { type Formatter, formatCount, formatEstimate, formatInterval, formatMoney, formatMoneyExact, formatShare, moneyIn } from './format.js';
import type { Estimate, Summary } from './summary.js';

export interface FigureRow {
  label: string;
  value: string;
  interval: string;
  /** The mean in 2025 US dollars, for money in another currency or price year; '' otherwise. */
  usd2025: string;
  note: string;
  emphasis?: boolean;
}

/** The run's currency, and whether its money also needs showing in 2025 US dollars. */
export function runCurrency(summary: Summary): { code: string; year: number; perUSD2025: number; converted: boolean } {
  const c = summary.currency ?? { code: 'USD', year: 2025, perUSD2025: 1 };
  return { ...c, converted: !(c.code === 'USD' && c.year === 2025) };
}

/** What the money of a run is in, in words. */
export function currencyWords(summary: Summary): string {
  const c = runCurrency(summary);
  return c.converted
    ? `${c.code} at ${c.year} prices; the 2025 US dollar column divides by the scenario's ${c.perUSD2025} ${c.code} per 2025 US dollar (exchange rate and deflator)`
    : 'US dollars at 2025 prices';
}

/** The headline table (sim/headline-figures.ts, as the CLI and the classroom show it), in the run's currency. */
export function headlineRows(summary: Summary): FigureRow[] {
  const h = summary.headline;
  const s = h.spend;
  const c = runCurrency(summary);
  const money = moneyIn(c.code);
  const parts = [
    ['stipends paid', s.stipends],
    ['stipends owed after the horizon', s.stipendsOwed],
    ['travel', s.travel],
    ['administration', s.admin],
    ['advertising', s.advertising],
  ] as const;
  const breakdown = parts.filter(([, e]) => e?.mean != null).map(([name, e]) => `${name} ${money(e!.mean!)}`).join(', ');
  return HEADLINE_FIGURES.map((f) => {
    const e = figureValue(h as unknown as Headline, f.key);
    const format: Formatter = f.unit === 'money' ? (f.input ? (x) => formatMoneyExact(x, c.code) : money) : f.unit === 'share' ? formatShare : formatCount;
    const note = f.key === 'spend.programme' && breakdown ? `${breakdown[0].toUpperCase()}${breakdown.slice(1)}.` : f.note;
    const usd2025 = f.unit === 'money' && c.converted && e.mean !== null ? formatMoney(e.mean / c.perUSD2025) : '';
    return { label: f.label, value: formatEstimate(e, format), interval: f.input ? '' : formatInterval(e, format), usd2025, note, emphasis: f.emphasis };
  });
}

function monthYear(date: string): string {
  const [y, m] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** Plain sentences a reader can take away without reading the table. */
export function headlineSentences(summary: Summary): string[] {
  const h = summary.headline;
  const code = runCurrency(summary).code;
  const formatMoney = moneyIn(code);
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
      `The programme spent ${formatMoney(spend)}, which is ${withInterval(h.costPerAdditionalDeparture, formatMoney)} per additional departure: ${comparison} the ${formatMoneyExact(h.removalCost, code)} the scenario puts on one removal.`,
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
