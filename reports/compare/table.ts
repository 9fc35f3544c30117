import { INCREMENTAL_COST, type Comparison } from '../../sim/comparison.js';
import { HEADLINE_FIGURES, type HeadlineFigure } from '../../sim/headline-figures.js';
import { RATIO_METHOD } from '../../sim/paired.js';
import type { Estimate } from '../../sim/stats.js';
import { type Formatter, formatCount, formatEstimate, formatInterval, formatMoneyExact, formatShare, moneyIn } from '../format.js';

/** One line of a comparison's table, as the terminal and the report show it. */
export interface ComparisonRow {
  key: string;
  label: string;
  a: string;
  b: string;
  difference: string;
  /** The 95% interval of B - A: paired, or the bootstrap's for the incremental cost. */
  interval: string;
  /** Why the interval is blank, when it is and a reason is known. */
  note: string;
  emphasis?: boolean;
}

export const INCREMENTAL_LABEL = 'Incremental spend per incremental additional departure';

const signed = (f: Formatter): Formatter => (x) => (x > 0 ? `+${f(x)}` : f(x));

/**
 * A level in its unit; a change in the same unit, signed, with shares in percentage points; and the ends of a
 * change's interval, which for persons leave the unit to the change beside them, to keep the table narrow.
 */
function formatters(unit: HeadlineFigure['unit'], code: string, input = false): { level: Formatter; change: Formatter; end: Formatter } {
  if (unit === 'share') {
    const change: Formatter = (x) => `${x > 0 ? '+' : x < 0 ? '-' : ''}${Math.abs(x * 100).toFixed(1)} pp`;
    return { level: formatShare, change, end: change };
  }
  if (unit === 'persons') return { level: (x) => `${formatCount(x)} persons`, change: (x) => `${signed(formatCount)(x)} persons`, end: signed(formatCount) };
  const level = input ? (x: number) => formatMoneyExact(x, code) : moneyIn(code);
  return { level, change: signed(level), end: signed(level) };
}

const plain = (x: number): Estimate => ({ mean: x, lo95: null, hi95: null });

/** The headline table of a comparison: each figure in A, in B and B - A, then the incremental cost per departure. */
export function comparisonRows(c: Comparison): ComparisonRow[] {
  const code = c.a.identity.currency.code;
  const rows = HEADLINE_FIGURES.map((f): ComparisonRow => {
    const { level, change, end } = formatters(f.unit, code, f.input);
    const fig = c.figures.find((x) => x.key === f.key);
    const [a, b, d] = fig
      ? [fig.a, fig.b, fig.difference]
      : [plain(c.a.identity.removalCost), plain(c.b.identity.removalCost), plain(c.b.identity.removalCost - c.a.identity.removalCost)];
    return {
      key: f.key, label: f.label, a: formatEstimate(a, level), b: formatEstimate(b, level),
      difference: formatEstimate(d, change), interval: formatInterval(d, end), note: '', emphasis: f.emphasis,
    };
  });
  const r = c.incrementalCost;
  const money = moneyIn(code);
  rows.push({
    key: INCREMENTAL_COST, label: INCREMENTAL_LABEL, a: '', b: '', difference: formatEstimate(r, money),
    interval: formatInterval(r, money), note: r.note ?? `${RATIO_METHOD.name}`, emphasis: true,
  });
  return rows;
}
