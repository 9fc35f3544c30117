import type { Estimate } from './summary.js';

// Simulated counts and costs carry sampling noise well above the units digit; three significant figures say what
// the run can support without suggesting more precision than it has.
function threeSignificant(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const magnitude = 10 ** (Math.floor(Math.log10(Math.abs(x))) - 2);
  return Math.round(x / magnitude) * magnitude;
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatCount(x: number): string {
  return integer.format(Math.abs(x) < 1000 ? Math.round(x) : threeSignificant(x));
}

/** The sign a currency is written with: "$", "€", "¥", "£", or its code and a space ("SEK "). */
export function currencySymbol(code: string): string {
  const symbol = new Intl.NumberFormat('en-US', { style: 'currency', currency: code }).formatToParts(0).find((p) => p.type === 'currency')?.value ?? code;
  return /^[A-Za-z]+$/.test(symbol) ? `${symbol}\u00a0` : symbol;
}

export function formatMoney(x: number, code = 'USD'): string {
  const sign = x < 0 ? '-' : '';
  const a = Math.abs(x);
  const c = currencySymbol(code);
  if (a >= 1e9) return `${sign}${c}${(threeSignificant(a) / 1e9).toLocaleString('en-US', { maximumFractionDigits: 2 })} billion`;
  if (a >= 1e6) return `${sign}${c}${(threeSignificant(a) / 1e6).toLocaleString('en-US', { maximumFractionDigits: 2 })} million`;
  return `${sign}${c}${integer.format(a < 1000 ? Math.round(a) : threeSignificant(a))}`;
}

/** A scenario input such as the cost of one removal: shown as given, to the unit. */
export function formatMoneyExact(x: number, code = 'USD'): string {
  return `${x < 0 ? '-' : ''}${currencySymbol(code)}${integer.format(Math.abs(x))}`;
}

/** formatMoney in one currency, as a Formatter. */
export function moneyIn(code: string): (x: number) => string {
  return (x) => formatMoney(x, code);
}

export function formatShare(x: number): string {
  return `${(x * 100).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
}

export type Formatter = (x: number) => string;

export function formatEstimate(e: Estimate | null | undefined, format: Formatter): string {
  return e?.mean == null ? 'not available' : format(e.mean);
}

export function formatInterval(e: Estimate | null | undefined, format: Formatter): string {
  if (e?.lo95 == null || e.hi95 == null) return '';
  return `${format(e.lo95)} to ${format(e.hi95)}`;
}
