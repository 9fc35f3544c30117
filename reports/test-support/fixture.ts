import { markFolder } from '../../sim/output-folder.js';
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A fake but internally consistent run folder, shaped exactly as docs/outputs.md describes, so the report can be
 * built and tested without the engine. The numbers come from a toy model with common random numbers across the two
 * arms, as the real engine does, so the difference arm and the headline figures agree with the series.
 */
export interface FixtureOptions {
  replicates?: number;
  title?: string;
  seed?: number;
  /** false: as `--no-counterfactual`, only the programme arm, and null for every figure that needs the twin. */
  counterfactual?: boolean;
  /** Overrides summary.levers (labels and all). */
  levers?: Array<{ date: string; lever: string; value: unknown; label?: string }>;
}

export interface FixtureRun {
  resultsCsv: string;
  summary: Record<string, unknown>;
  scenario: Record<string, unknown>;
}

const STEPS = 36;
const START = { year: 2025, month: 1 };
const PERSONS = 14_000_000;
const AGENTS = 20_000;
const REMOVAL_COST = 17_121;
const ORIGINS: ReadonlyArray<[name: string, share: number, propensity: number]> = [
  ['Mexico', 0.38, 1.2],
  ['Guatemala', 0.09, 1.1],
  ['El Salvador', 0.07, 1.0],
  ['Honduras', 0.06, 1.1],
  ['India', 0.05, 0.6],
  ['Venezuela', 0.06, 0.5],
  ['Cuba', 0.04, 0.3],
  ['Other', 0.25, 0.8],
];
const LEVERS = [
  { date: '2025-05-05', lever: 'stipend', value: 1000, label: 'Stipend $1,000' },
  { date: '2025-12-01', lever: 'stipend', value: 3000, label: 'Stipend $3,000' },
  { date: '2026-01-21', lever: 'stipend', value: 2600, label: 'Stipend $2,600' },
];
// Two-sided 95% Student t quantiles by degrees of freedom.
const T975 = [NaN, 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228];

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function stepDate(step: number): string {
  const m = START.month - 1 + step;
  const year = START.year + Math.floor(m / 12);
  return `${year}-${String((m % 12) + 1).padStart(2, '0')}-01`;
}

/** The stipend in force during a step: a change counts from the month it happens in. */
function stipendAt(step: number): number {
  const nextMonth = stepDate(step + 1);
  let value = 0;
  for (const l of LEVERS) if (l.date < nextMonth) value = l.value;
  return value;
}

type Series = Map<string, number[]>;
type ArmResult = Series;

/** Stipend due for a month's assisted departures; some departures do not qualify. */
const stipendOwed = (stipend: number, assisted: number) => stipend * assisted * 0.92;

/** One replicate of both arms; `noise` draws are shared so the arms differ only by the programme. */
function simulateReplicate(rand: () => number): { programme: ArmResult; counterfactual: ArmResult } {
  const noise = (sd: number) => 1 + sd * (rand() + rand() + rand() - 1.5) * 2;
  const draws = Array.from({ length: STEPS }, () => ({
    unassisted: noise(0.06),
    removals: noise(0.05),
    uptake: noise(0.08),
    awareness: noise(0.1),
    trust: noise(0.03),
    origin: ORIGINS.map(() => noise(0.1)),
  }));
  const run = (programmeOn: boolean): ArmResult => {
    const s: Series = new Map();
    const put = (name: string, step: number, v: number) => {
      let arr = s.get(name);
      if (!arr) s.set(name, (arr = new Array<number>(STEPS).fill(0)));
      arr[step] = v;
    };
    let present = PERSONS;
    let registered = 0;
    let awareness = 0;
    let trust = 0.5;
    // Stipends are paid the month after departure, so the last month's are still owed when the horizon ends.
    let stipendsDue = 0;
    const cum = { assisted: 0, unassisted: 0, removals: 0, spendProgramme: 0, spendRemovals: 0 };
    const cumOrigin = ORIGINS.map(() => ({ assisted: 0, total: 0 }));
    for (let t = 0; t < STEPS; t += 1) {
      const d = draws[t];
      const stipend = programmeOn ? stipendAt(t) : 0;
      const active = stipend > 0;
      const campaign = active && (t <= 9 || t === 11 || t === 12);
      if (active) {
        awareness += (0.6 - awareness) * (campaign ? 0.22 : 0.06) * d.awareness;
        // Trust dips while the raised stipend is being paid out late, then recovers.
        const target = t === 12 || t === 13 ? 0.5 : 0.66;
        trust += (target - trust) * 0.3 * d.trust;
      }
      const hazard = active ? awareness * trust * 0.0045 * Math.sqrt(stipend / 1000) * d.uptake : 0;
      const registrations = present * hazard;
      const assisted = 0.7 * registered;
      const abandonments = 0.08 * registered;
      registered += registrations - assisted - abandonments;
      // Some assisted departures would have happened anyway (unassisted or by removal): the deadweight.
      const unassisted = Math.max(0, present * 0.0018 * d.unassisted - 0.4 * assisted);
      const removals = Math.max(0, present * 0.0016 * d.removals - 0.05 * assisted);
      present += abandonments - registrations - unassisted - removals;
      const preparing = 0.6 * unassisted;

      const spendStipends = stipendsDue;
      stipendsDue = stipendOwed(stipend, assisted);
      const spendTravel = active ? 650 * assisted : 0;
      const spendAdmin = active ? 1.5e6 + 120 * registrations : 0;
      const spendAdvertising = campaign ? (t <= 9 ? 25e6 : 20e6) : active ? 6e6 : 0;
      const spendRemovals = removals * REMOVAL_COST;
      cum.assisted += assisted;
      cum.unassisted += unassisted;
      cum.removals += removals;
      cum.spendProgramme += spendStipends + spendTravel + spendAdmin + spendAdvertising;
      cum.spendRemovals += spendRemovals;

      put('present', t, present);
      put('registered', t, registered);
      put('preparing', t, preparing);
      put('aware', t, awareness * (present + registered + preparing));
      put('awareness_share', t, awareness);
      put('trust_payment', t, trust);
      put('registrations', t, registrations);
      put('departures_assisted', t, assisted);
      put('departures_unassisted', t, unassisted);
      put('removals', t, removals);
      put('abandonments', t, abandonments);
      put('cum_departures_assisted', t, cum.assisted);
      put('cum_departures_unassisted', t, cum.unassisted);
      put('cum_removals', t, cum.removals);
      put('cum_departures_total', t, cum.assisted + cum.unassisted + cum.removals);
      put('spend_stipends', t, spendStipends);
      put('spend_travel', t, spendTravel);
      put('spend_admin', t, spendAdmin);
      put('spend_advertising', t, spendAdvertising);
      put('spend_removals', t, spendRemovals);
      put('cum_spend_programme', t, cum.spendProgramme);
      put('cum_spend_removals', t, cum.spendRemovals);
      put('stipends_owed', t, stipendOwed(stipendAt(t), assisted));

      const weights = ORIGINS.map(([, share, propensity], g) => share * propensity * d.origin[g]);
      const totalWeight = weights.reduce((a, b) => a + b, 0);
      ORIGINS.forEach(([name, share], g) => {
        const groupAssisted = (assisted * weights[g]) / totalWeight;
        cumOrigin[g].assisted += groupAssisted;
        cumOrigin[g].total += groupAssisted + share * (unassisted + removals);
        put(`departures_assisted.${name}`, t, groupAssisted);
        put(`cum_departures_assisted.${name}`, t, cumOrigin[g].assisted);
        put(`cum_departures_total.${name}`, t, cumOrigin[g].total);
      });
    }
    return s;
  };
  return { programme: run(true), counterfactual: run(false) };
}

interface Summarised {
  mean: number | null;
  lo95: number | null;
  hi95: number | null;
}

/** Mean and Student-t 95% interval of the mean; any undefined replicate makes the whole figure undefined. */
function summarise(values: Array<number | null>): Summarised {
  if (values.some((v) => v === null)) return { mean: null, lo95: null, hi95: null };
  const xs = values as number[];
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  if (xs.length < 2) return { mean, lo95: null, hi95: null };
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
  const half = T975[xs.length - 1] * Math.sqrt(variance / xs.length);
  return { mean, lo95: mean - half, hi95: mean + half };
}

function cell(v: number | null): string {
  return v === null ? '' : String(Number(v.toPrecision(10)));
}

const last = (xs: number[]) => xs[xs.length - 1];
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

export function buildFixtureRun(options: FixtureOptions = {}): FixtureRun {
  const replicates = options.replicates ?? 5;
  if (replicates < 1 || replicates >= T975.length) throw new Error(`fixture supports 1 to ${T975.length - 1} replicates`);
  const seed = options.seed ?? 20250505;
  const rand = mulberry32(seed);
  const reps = Array.from({ length: replicates }, () => simulateReplicate(rand));
  const names = [...reps[0].programme.keys()];
  const difference = reps.map(({ programme, counterfactual }) => {
    const diff: Series = new Map();
    for (const name of names) {
      const p = programme.get(name)!;
      const c = counterfactual.get(name)!;
      diff.set(name, p.map((v, t) => v - c[t]));
    }
    return diff;
  });
  const costPerAdditional = reps.map(({ programme }, r) => {
    const owed = programme.get('stipends_owed')!;
    const spend = programme.get('cum_spend_programme')!.map((s, t) => s + owed[t]);
    const additional = difference[r].get('cum_departures_total')!;
    return spend.map((s, t) => (additional[t] > 0 ? s / additional[t] : null));
  });

  const lines = ['period_start,period_end,step,arm,group,series,kind,unit,mean,lo95,hi95'];
  const emit = (arm: string, key: string, perRep: Array<Array<number | null>>) => {
    // A group's series is keyed `name.Group` here, as the engine keys them; results.csv has a group column.
    const dot = key.indexOf('.');
    const [name, group] = dot < 0 ? [key, 'all'] : [key.slice(0, dot), key.slice(dot + 1)];
    for (let t = 0; t < STEPS; t += 1) {
      const { mean, lo95, hi95 } = summarise(perRep.map((xs) => xs[t]));
      lines.push([stepDate(t), stepDate(t + 1), t, arm, group.includes(' ') ? `"${group}"` : group, name, 'stock', 'persons', cell(mean), cell(lo95), cell(hi95)].join(','));
    }
  };
  const twin = options.counterfactual ?? true;
  for (const name of names) {
    emit('programme', name, reps.map((r) => r.programme.get(name)!));
    if (!twin) continue;
    emit('counterfactual', name, reps.map((r) => r.counterfactual.get(name)!));
    emit('difference', name, difference.map((d) => d.get(name)!));
  }
  if (twin) emit('difference', 'cost_per_additional_departure', costPerAdditional);

  const perRep = (f: (r: number) => number | null) => summarise(reps.map((_, r) => f(r)));
  const twinOnly = (f: (r: number) => number | null) => (twin ? perRep(f) : null);
  const p = (r: number, name: string) => reps[r].programme.get(name)!;
  const c = (r: number, name: string) => reps[r].counterfactual.get(name)!;
  const programmeDepartures = (r: number) => last(p(r, 'cum_departures_assisted'));
  const additional = (r: number) => last(p(r, 'cum_departures_total')) - last(c(r, 'cum_departures_total'));
  const stipendsOwed = (r: number) => last(p(r, 'stipends_owed'));
  const spendProgramme = (r: number) => last(p(r, 'cum_spend_programme')) + stipendsOwed(r);
  const removalSavings = (r: number) => last(c(r, 'cum_spend_removals')) - last(p(r, 'cum_spend_removals'));

  const title = options.title ?? 'CBP Home stipend, 2025 announcement and later changes';
  const scenario = {
    name: 'cbp-home-2025',
    title,
    description: 'Fixture scenario for report tests: a monthly stipend programme from May 2025 with two later changes.',
    model: 'fixture-toy-model',
    seed,
    replicates,
    agents: AGENTS,
    persons: PERSONS,
    horizon: { start: '2025-01-01', end: '2027-12-31', stepUnit: 'month', stepLength: 1 },
    levers: { stipend: LEVERS.map(({ date, value }) => ({ date, value })) },
    costs: { removal: REMOVAL_COST, travelPerDeparture: 650, adminFixedPerMonth: 1_500_000, adminPerRegistration: 120 },
    behaviour: { baseUnassistedHazard: 0.0018, baseRemovalHazard: 0.0016, stipendElasticity: 0.5 },
    origins: ORIGINS.map(([origin, share, propensity]) => ({ origin, share, propensity })),
  };
  const hash = createHash('sha256').update(JSON.stringify(scenario)).digest('hex');

  const summary = {
    package: { name: 'departure-sim', version: '0.1.0' },
    scenario: { name: scenario.name, title, description: scenario.description, model: scenario.model, hash },
    seed,
    replicates,
    agents: AGENTS,
    weight: PERSONS / AGENTS,
    persons: PERSONS,
    counterfactual: twin,
    horizon: { start: '2025-01-01', end: '2027-12-31', steps: STEPS, stepUnit: 'month', stepLength: 1 },
    headline: {
      programmeDepartures: perRep(programmeDepartures),
      additionalDepartures: twinOnly(additional),
      deadweightShare: twinOnly((r) => 1 - additional(r) / programmeDepartures(r)),
      unassistedDepartures: {
        programme: perRep((r) => last(p(r, 'cum_departures_unassisted'))),
        counterfactual: twinOnly((r) => last(c(r, 'cum_departures_unassisted'))),
      },
      removals: {
        programme: perRep((r) => last(p(r, 'cum_removals'))),
        counterfactual: twinOnly((r) => last(c(r, 'cum_removals'))),
      },
      spend: {
        stipends: perRep((r) => sum(p(r, 'spend_stipends'))),
        stipendsOwed: perRep(stipendsOwed),
        travel: perRep((r) => sum(p(r, 'spend_travel'))),
        admin: perRep((r) => sum(p(r, 'spend_admin'))),
        advertising: perRep((r) => sum(p(r, 'spend_advertising'))),
        programme: perRep(spendProgramme),
        removals: perRep((r) => last(p(r, 'cum_spend_removals'))),
      },
      costPerAdditionalDeparture: twinOnly((r) => spendProgramme(r) / additional(r)),
      netCostPerAdditionalDeparture: twinOnly((r) => (spendProgramme(r) - removalSavings(r)) / additional(r)),
      naiveCostPerProgrammeDeparture: perRep((r) => spendProgramme(r) / programmeDepartures(r)),
      removalCost: REMOVAL_COST,
    },
    byGroup: ORIGINS.map(([origin, share]) => {
      const persons = PERSONS * share;
      const departures = (r: number) => last(p(r, `cum_departures_assisted.${origin}`));
      return {
        group: origin,
        persons,
        programmeDepartures: perRep(departures),
        additionalDepartures: twinOnly(
          (r) => last(p(r, `cum_departures_total.${origin}`)) - last(c(r, `cum_departures_total.${origin}`)),
        ),
        uptakeRate: perRep((r) => departures(r) / persons),
        deadweightShare: twinOnly(() => 0.9),
      };
    }),
    levers: options.levers ?? LEVERS,
    command: `departure-sim run scenarios/cbp-home-2025.json --seed ${seed} --replicates ${replicates} --agents ${AGENTS}`,
    resolvedScenario: scenario,
  };
  return { resultsCsv: `${lines.join('\n')}\n`, summary, scenario };
}

/** Writes results.csv, summary.json and scenario.json into `dir` (created if needed). */
export async function writeFixtureRun(dir: string, options: FixtureOptions = {}): Promise<FixtureRun> {
  const run = buildFixtureRun(options);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'results.csv'), run.resultsCsv);
  await writeFile(join(dir, 'summary.json'), `${JSON.stringify(run.summary, null, 2)}\n`);
  await writeFile(join(dir, 'scenario.json'), `${JSON.stringify(run.scenario, null, 2)}\n`);
  markFolder(dir, 'run');
  return run;
}
