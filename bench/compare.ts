import { readFileSync } from 'node:fs';
import { InputError } from '../scenarios/errors.js';
import { show, withSpread } from './format.js';
import type { Figure } from './measure.js';
import type { BenchMeta } from './metadata.js';

/** What --compare needs of a benchmark file: its figures with their raw samples, and its metadata if any. */
export interface BenchFile {
  file: string;
  meta?: Partial<BenchMeta>;
  quick?: boolean;
  figures: Figure[];
}

/** Read a file written by `departure-sim bench --json`; anything else is bad input (exit 2). */
export function readBenchFile(file: string): BenchFile {
  let raw: any;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new InputError(file, [{ path: '', value: file, expected: `expected a readable JSON file written by \`departure-sim bench --json\` (${(e as Error).message})` }]);
  }
  if (!raw || typeof raw !== 'object' || !Array.isArray(raw.figures)) {
    const old = raw && typeof raw === 'object' && Array.isArray(raw.cases);
    throw new InputError(file, [{
      path: 'figures', value: raw?.figures,
      expected: old ? 'expected a list of figures with raw samples: this file was written by an older benchmark (cases without samples), which --compare cannot judge'
        : 'expected a list of figures with raw samples, as `departure-sim bench --json` writes',
    }]);
  }
  const problems = [];
  for (const [k, f] of (raw.figures as any[]).entries()) {
    const ok = f && typeof f.id === 'string' && Array.isArray(f.samples) && f.samples.length > 0
      && f.samples.every((x: unknown) => typeof x === 'number' || x === null) && (f.better === 'higher' || f.better === 'lower');
    if (!ok) problems.push({ path: `figures[${k}]`, value: f?.id ?? f, expected: 'expected { id, better: "higher" | "lower", samples: [numbers] }' });
  }
  if (problems.length) throw new InputError(file, problems.slice(0, 10));
  return { file, meta: raw.meta, quick: raw.options?.quick, figures: raw.figures as Figure[] };
}

export interface Comparison {
  id: string;
  label: string;
  unit: string;
  a: Figure;
  b: Figure;
  /** Median of B over median of A. */
  ratio: number;
  /** The samples of the two runs do not overlap: every sample of B lies beyond every sample of A. */
  flagged: boolean;
  /** 'better' or 'worse' by the figure's direction, when flagged. */
  change: 'better' | 'worse' | null;
  /**
   * The chance that two sets of samples of one unchanged figure (independent, no ties) fall apart like that by luck:
   * 2 / C(nA + nB, nA). Small sample sets give a large chance (3 vs 3: 10%), so a flag on them is weak.
   */
  chance: number;
}

function choose(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return c;
}

/** Figures as numbers, whatever JSON made of NaN (null). */
function clean(f: Figure): Figure {
  const samples = f.samples.map((x) => (typeof x === 'number' ? x : NaN)).filter(Number.isFinite);
  const s = [...samples].sort((x, y) => x - y);
  const m = s.length >> 1;
  const median = s.length ? (s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2) : NaN;
  return { ...f, samples, median, min: s[0] ?? NaN, max: s[s.length - 1] ?? NaN };
}

/**
 * Every figure the two files share, B against A. A change is flagged when it is larger than the noise seen in the
 * samples themselves: the two runs' ranges (min-max) do not overlap.
 */
export function compareBench(a: BenchFile, b: BenchFile): { rows: Comparison[]; onlyA: string[]; onlyB: string[] } {
  const byId = new Map(b.figures.map((f) => [f.id, clean(f)]));
  const rows: Comparison[] = [];
  for (const raw of a.figures) {
    const fb = byId.get(raw.id);
    if (!fb) continue;
    const fa = clean(raw);
    if (!fa.samples.length || !fb.samples.length) continue;
    const up = fb.min > fa.max;
    const down = fb.max < fa.min;
    const flagged = up || down;
    const change = !flagged ? null : (up === (fa.better === 'higher')) ? 'better' : 'worse';
    rows.push({ id: fa.id, label: fa.label, unit: fa.unit, a: fa, b: fb, ratio: fb.median / fa.median, flagged, change,
      chance: Math.min(1, 2 / choose(fa.samples.length + fb.samples.length, fa.samples.length)) });
  }
  const ids = (x: BenchFile) => new Set(x.figures.map((f) => f.id));
  const [ia, ib] = [ids(a), ids(b)];
  return { rows, onlyA: [...ia].filter((i) => !ib.has(i)), onlyB: [...ib].filter((i) => !ia.has(i)) };
}

export function formatComparison(a: BenchFile, b: BenchFile, c: ReturnType<typeof compareBench>): string {
  const describe = (x: BenchFile) => {
    const m = x.meta ?? {};
    const load = (l?: number[]) => (l?.length ? l[0].toFixed(2) : '?');
    return `${x.file}: commit ${String(m.commit ?? 'unknown').slice(0, 12)}${m.dirty ? ' (uncommitted changes)' : ''}, ${m.date ?? 'no date'}, `
      + `${m.cpu ?? '?'} x ${m.cores ?? '?'}, Node ${m.node ?? '?'}, load ${load(m.loadAverageStart)} -> ${load(m.loadAverageEnd)}${x.quick ? ', --quick' : ''}`;
  };
  const lines = [`A = ${describe(a)}`, `B = ${describe(b)}`, ''];
  const rows = c.rows.map((r) => [r.id, withSpread(r.a), withSpread(r.b), Number.isFinite(r.ratio) ? r.ratio.toFixed(3) : 'n/a',
    r.flagged ? `CHANGED, ${r.change} (ranges apart; by luck ${(100 * r.chance).toFixed(r.chance < 0.01 ? 2 : 0)}%)` : '']);
  const header = ['figure', 'A median (min-max)', 'B median (min-max)', 'B/A', 'beyond the noise?'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((x) => x[i].length)));
  const fmt = (cells: string[]) => cells.map((x, i) => (i === 0 || i === 4 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join('  ').trimEnd();
  lines.push(fmt(header), ...rows.map(fmt));
  const flagged = c.rows.filter((r) => r.flagged);
  lines.push('', `${flagged.length} of ${c.rows.length} shared figures changed beyond the spread of their samples `
    + `(flagged when every sample of B lies beyond every sample of A)${flagged.length ? ':' : '.'}`);
  for (const r of flagged) lines.push(`  ${r.change === 'better' ? '+' : '-'} ${r.label}: ${show(r.a.median, r.unit)} -> ${show(r.b.median, r.unit)} (x${r.ratio.toFixed(2)})`);
  if (c.onlyA.length || c.onlyB.length) lines.push(`Not compared: ${c.onlyA.length} figure(s) only in A, ${c.onlyB.length} only in B.`);
  return `${lines.join('\n')}\n`;
}
