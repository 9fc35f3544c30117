import { FULL_SCALE_AGENTS, sizeLabel } from './cases.js';
import { AGREEMENT_Z } from './inner-loop.js';
import type { Figure } from './measure.js';
import type { BenchReport } from './run-bench.js';

/** A number in the scale its unit calls for, and the suffix: [12.34, 'M'], [712, ' MiB']. */
function scaled(v: number, unit: string, like = v): [string, string] {
  if (!Number.isFinite(v)) return ['n/a', ''];
  switch (unit) {
    case 'agent-steps/s': return [(v / 1e6).toFixed(2), 'M'];
    case 'bytes': return like >= 2 ** 30 ? [(v / 2 ** 30).toFixed(2), ' GiB'] : [(v / 2 ** 20).toFixed(0), ' MiB'];
    case 's': return [like < 10 ? v.toFixed(2) : v.toFixed(1), ''];
    case 'ratio': return [v.toFixed(2), ''];
    case 'runs/s': return [v.toFixed(1), ''];
    case 'bytes/agent': return [v.toFixed(0), ''];
    case 'iterations/s': return [(v / 1e6).toFixed(1), 'M'];
    case 'ns/agent-step': return [v.toFixed(1), ''];
    default: return [String(v), ''];
  }
}

/** A value in its unit, short: 12.34M (agent-steps/s), 0.78 (s), 712 MiB. */
export function show(v: number, unit: string): string {
  return scaled(v, unit).join('');
}

/** "median (min-max)" of a figure in its unit, the suffix once: 12.34 (11.02-13.50)M. */
export function withSpread(f: Figure | undefined): string {
  if (!f || !Number.isFinite(f.median)) return 'n/a';
  const [m, suffix] = scaled(f.median, f.unit);
  if (f.samples.length === 1) return `${m}${suffix}`;
  const sep = f.min < 0 ? ' to ' : '-';
  return `${m} (${scaled(f.min, f.unit, f.median)[0]}${sep}${scaled(f.max, f.unit, f.median)[0]})${suffix}`;
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)];
}

export function formatReport(r: BenchReport): string {
  const f = (id: string) => r.figures.find((x) => x.id === id);
  const m = r.meta;
  const workers = m.cores > 1 ? [1, m.cores] : [1];
  const top = workers[workers.length - 1];
  const out: string[] = [];
  const load = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(' ');
  out.push(`departure-sim benchmark${r.options.quick ? ' (--quick)' : ''}: commit ${m.commit.slice(0, 12)}${m.dirty ? ' (uncommitted changes)' : ''}, `
    + `version ${m.version}, ${m.date}`);
  out.push(`Node ${m.node}, ${m.cpu}, ${m.cores} cores, ${(m.memoryBytes / 2 ** 30).toFixed(1)} GiB; load average ${load(m.loadAverageStart)} at the start, `
    + `${load(m.loadAverageEnd)} at the end; ${Math.round(m.durationSeconds)} s`);
  for (const c of m.crashes ?? []) out.push(`CRASH (sample taken again): ${c.task}: ${c.error.split('\n').slice(0, 2).join(' ')}`);
  out.push(`(${r.definition}; figures are medians with (min-max) over the samples, all of them in the JSON)`, '');

  out.push('End to end: `departure-sim run cbp-home-2025 --agents N --replicates 1 --workers W --no-report`, a cold process each');
  const rows: string[][] = [];
  const sizes = [...r.options.sizes, ...(r.options.fullScale ? [FULL_SCALE_AGENTS] : [])];
  for (const agents of sizes) {
    for (const w of workers) {
      const id = (what: string) => `cold.${sizeLabel(agents)}.w${w}.${what}`;
      if (!f(id('wall'))) continue;
      rows.push([sizeLabel(agents), String(w), withSpread(f(id('wall'))), withSpread(f(id('agentStepsPerSec'))), withSpread(f(id('peakRss'))), String(f(id('wall'))!.samples.length)]);
    }
  }
  out.push(...table(['agents', 'workers', 'wall s', 'agent-steps/s', 'peak RSS', 'n'], rows));
  const eff = sizes.map((a) => [a, f(`cold.${sizeLabel(a)}.efficiency`)] as const).filter(([, x]) => x);
  if (eff.length) out.push(`parallel efficiency of cold runs (${top} workers): ${eff.map(([a, x]) => `${sizeLabel(a)} ${withSpread(x)}`).join(', ')}`);

  out.push('', 'Phases, seconds (how each is derived: bench/README.md)');
  out.push(`cold \`--version\` ${withSpread(f('startup.version.wall'))}; cold \`run --agents 1 --no-report\` `
    + workers.filter((w) => f(`startup.run.w${w}.wall`)).map((w) => `${w} worker(s) ${withSpread(f(`startup.run.w${w}.wall`))}`).join(', '));
  const phaseRows: string[][] = [];
  for (const agents of sizes) {
    const w = agents === FULL_SCALE_AGENTS ? top : 1;
    const p = (what: string) => f(`phases.${sizeLabel(agents)}.w${w}.${what}`);
    if (!p('steps')) continue;
    phaseRows.push([sizeLabel(agents), String(w), withSpread(p('startup')), withSpread(p('boot')), withSpread(p('synthesis')), withSpread(p('steps')),
      withSpread(p('other')), withSpread(f(`cold.${sizeLabel(agents)}.w${w}.wall`)), withSpread(p('stepsAgentStepsPerSec'))]);
  }
  out.push(...table(['agents', 'workers', 'start-up', '(Node+modules)', 'synthesis', 'steps', 'other', 'total', 'steps only, agent-steps/s'], phaseRows));
  for (const agents of r.options.sizes) {
    const rep = f(`cold.${sizeLabel(agents)}.w1.reportWriting`);
    if (rep) out.push(`report writing (\`run\` minus \`run --no-report\`, ${sizeLabel(agents)} agents, 1 worker): ${withSpread(rep)} s; whole run with report ${withSpread(f(`cold.${sizeLabel(agents)}.w1.withReport.wall`))} s`);
  }
  const full = f(`cold.full.w${top}.wall`);
  if (full) {
    out.push('', `Full scale: 14,000,000 agents x 36 steps, programme + twin, ${top} workers, cold \`run --no-report\`: wall ${withSpread(full)} s, `
      + `${withSpread(f(`cold.full.w${top}.agentStepsPerSec`))} agent-steps/s, peak RSS ${withSpread(f(`cold.full.w${top}.peakRss`))} `
      + `(${withSpread(f(`cold.full.w${top}.peakRssPerAgent`))} bytes per agent)`);
  }

  if (f('sweep.w1.wall')) {
    const o = r.options.sweep as { agents: number; replicates: number };
    out.push('', `Sweep: \`sweep stipend-dose-response --agents ${o.agents} --replicates ${o.replicates}\` (11 points), a cold process each`);
    const srows = workers.filter((w) => f(`sweep.w${w}.wall`)).map((w) => {
      const s = (what: string) => f(`sweep.w${w}.${what}`);
      return [String(w), withSpread(s('steadyAgentStepsPerSec')), withSpread(s('steadyAgentStepsPerSecPerWorker')), withSpread(s('steadyRunsPerSec')),
        withSpread(s('wall')), withSpread(s('agentStepsPerSec')), withSpread(s('runsPerSec'))];
    });
    out.push(...table(['workers', 'steady agent-steps/s', 'per worker', 'steady runs/s', 'whole: wall s', 'agent-steps/s', 'runs/s'], srows));
    if (f('sweep.efficiency')) out.push(`sweep efficiency (${top} workers): steady state ${withSpread(f('sweep.efficiency'))}, whole command ${withSpread(f('sweep.efficiencyWholeCommand'))}`);
    if (f('sweep.separate.efficiency')) {
      out.push(`${top} one-worker sweeps at once, as separate processes: efficiency ${withSpread(f('sweep.separate.efficiency'))} (steady state; the last done in `
        + `${withSpread(f('sweep.separate.wall'))} s); the ${top}-worker sweep over them ${withSpread(f('sweep.efficiencyVsSeparate'))}`);
    }
  }

  out.push('', 'Targets (met: yes = every sample, median = the median only)');
  out.push(...table(['figure', 'measured', 'target', 'met'], r.targets.map((t) => {
    const x = f(t.figure);
    return [t.label, withSpread(x), `${t.op} ${show(t.target, t.unit)}${t.unit === 's' ? ' s' : ''}`, t.met];
  })));

  out.push('', 'Yardstick and CI ratios');
  out.push(`object-per-agent reference (one thread, in the benchmark process): ${withSpread(f('reference.agentStepsPerSec'))} agent-steps/s`);
  out.push(`the machine's own efficiency on ${m.cores} threads during the run (fixed compute loop): ${withSpread(f('machine.efficiency'))}`
    + ' (1 when no other job holds a core; parallel efficiencies above cannot exceed it)');
  const h = sizeLabel(r.options.headlineAgents);
  out.push(`CI ratios: coldEfficiencyVsMachine ${withSpread(f(`cold.${h}.efficiencyVsMachine`))} (cold ${h} efficiency ${withSpread(f(`cold.${h}.efficiency`))}); `
    + `sweepEfficiencyVsMachine ${withSpread(f('sweep.efficiencyVsMachine'))} (sweep efficiency ${withSpread(f('sweep.efficiency'))}); `
    + `coldVsReference ${withSpread(f('ratio.coldVsReference'))}`);
  if (r.reference) {
    out.push(`reference agreement (informational): ${r.reference.agrees ? 'agrees' : 'differs'} with the engine on the totals of the first ${r.reference.steps} steps `
      + `at ${sizeLabel(r.reference.agents)} agents (worst z ${r.reference.worstZ.toFixed(1)}, threshold ${AGREEMENT_Z})`);
  }

  const inner = r.figures.filter((x) => x.id.startsWith('inner.') && x.id.endsWith('agentStepsPerSec') && x.id !== 'inner.reference.agentStepsPerSec');
  if (inner.length) {
    out.push('', 'Warmed inner loop (secondary): runScenario in the benchmark process after untimed runs, steps only');
    out.push(...table(['case', 'agent-steps/s', 'n'], inner.map((x) => [x.label.replace('warmed inner loop, ', ''), withSpread(x), String(x.samples.length)])));
    const effs = r.figures.filter((x) => x.id.startsWith('inner.') && x.id.endsWith('.efficiency'));
    for (const x of effs) out.push(`${x.label}: ${withSpread(x)}`);
    if (f('inner.speedupVsReference')) out.push(`${f('inner.speedupVsReference')!.label}: ${withSpread(f('inner.speedupVsReference'))}x`);
  }
  const sub = r.figures.filter((x) => x.id.startsWith('substep.'));
  if (sub.length) {
    out.push('', 'Time per sub-step, ns per agent-step (utility, 1e6 agents, 1 worker; by difference of runs)');
    for (const x of sub) out.push(`  ${withSpread(x).padEnd(20)} ${x.label}  [${x.how}]`);
  }
  return `${out.join('\n')}\n`;
}
