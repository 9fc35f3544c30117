import { InputError, type InputProblem } from '../scenarios/errors.js';
import type { ScenarioInput } from '../scenarios/schema.js';

/**
 * The classroom's controls and how they turn the cbp-home-2025 preset into a scenario. Browser-safe: the
 * page, the CLI's server and the tests all build the scenario with these functions, so the JSON the page
 * offers for download is exactly what it ran.
 */

export const MODELS = ['utility', 'planned-behaviour'] as const;
export type ModelName = (typeof MODELS)[number];

export interface Settings {
  /** Dollars, replacing every paid amount of the preset's stipend schedule. */
  stipend: number;
  /** Removals per day, flat over the horizon. */
  removals: number;
  /** How far people believe a promised legal return (0: no promise believed). */
  credibility: number;
  /** Probability that a due stipend is paid. */
  reliability: number;
  /** Advertising, millions of dollars per month, while the preset advertises. */
  advertising: number;
  /** Removal weight of a registered person relative to others (1: no deprioritisation). */
  deprioritisation: number;
  model: ModelName;
  seed: number;
}

interface NumericControl {
  key: Exclude<keyof Settings, 'model'>;
  label: string;
  min: number;
  max: number;
  step: number;
  /** How the value is shown next to the slider. */
  show: (v: number) => string;
}

const dollars = (v: number) => `$${v.toLocaleString('en-US')}`;
const percent = (v: number) => `${Math.round(v * 100)}%`;

export const CONTROLS: NumericControl[] = [
  { key: 'stipend', label: 'Stipend paid after arrival', min: 0, max: 10000, step: 250, show: dollars },
  { key: 'removals', label: 'Removal capacity, per day', min: 0, max: 4000, step: 50, show: (v) => v.toLocaleString('en-US') },
  { key: 'credibility', label: 'Belief in a promised legal return', min: 0, max: 1, step: 0.05, show: percent },
  { key: 'reliability', label: 'Payment reliability', min: 0, max: 1, step: 0.05, show: percent },
  { key: 'advertising', label: 'Advertising, $M per month', min: 0, max: 100, step: 1, show: (v) => `$${v}M` },
  { key: 'deprioritisation', label: 'Removal weight of registered people', min: 0, max: 1, step: 0.05, show: percent },
  { key: 'seed', label: 'Random seed', min: 0, max: 2 ** 32 - 1, step: 1, show: String },
];

export const DEFAULTS: Settings = {
  stipend: 1000, removals: 950, credibility: 0, reliability: 0.9, advertising: 20, deprioritisation: 0.2,
  model: 'utility', seed: 20250505,
};

/** Fixed by the classroom so a run takes seconds: 100k agents, two replicates for intervals. */
export const AGENTS = 100_000;
export const REPLICATES = 2;

/** Whether a control can take this value: in range and on the slider's steps (up to rounding of decimals). */
export function acceptable(c: NumericControl, v: number): boolean {
  const k = (v - c.min) / c.step;
  return Number.isFinite(v) && v >= c.min && v <= c.max && Math.abs(k - Math.round(k)) < 1e-9;
}

/** Settings from a URL fragment or query ("stipend=2000&model=utility"); absent keys keep their defaults. */
export function settingsFromParams(params: string): Settings {
  const q = new URLSearchParams(params.replace(/^[#?]/, ''));
  const out: Settings = { ...DEFAULTS };
  const problems: InputProblem[] = [];
  for (const c of CONTROLS) {
    const text = q.get(c.key);
    if (text === null) continue;
    const v = Number(text);
    if (text.trim() === '' || !acceptable(c, v)) {
      problems.push({ path: c.key, value: text, expected: `expected a number from ${c.min} to ${c.max} in steps of ${c.step}` });
    } else {
      out[c.key] = v;
    }
  }
  const model = q.get('model');
  if (model !== null) {
    if ((MODELS as readonly string[]).includes(model)) out.model = model as ModelName;
    else problems.push({ path: 'model', value: model, expected: `expected ${MODELS.map((m) => `"${m}"`).join(' or ')}` });
  }
  for (const key of q.keys()) {
    if (key !== 'model' && !CONTROLS.some((c) => c.key === key)) {
      problems.push({ path: key, value: q.get(key), expected: 'expected no such setting' });
    }
  }
  if (problems.length > 0) throw new InputError('the page address', problems);
  return out;
}

/** The URL fragment for settings, listing only what differs from the defaults so links stay short. */
export function settingsToParams(s: Settings): string {
  const q = new URLSearchParams();
  for (const c of CONTROLS) if (s[c.key] !== DEFAULTS[c.key]) q.set(c.key, String(s[c.key]));
  if (s.model !== DEFAULTS.model) q.set('model', s.model);
  return q.toString();
}

type Scheduled = number | Array<{ from: string; value: number }>;

/** Keep the preset's timing (when the lever is zero) but pay the chosen amount whenever it pays anything. */
function replacePaidAmounts(schedule: Scheduled | undefined, value: number): Scheduled {
  if (schedule === undefined || typeof schedule === 'number') return schedule === 0 ? 0 : value;
  return schedule.map((e) => ({ from: e.from, value: e.value > 0 ? value : 0 }));
}

function describe(s: Settings): string {
  return [
    `stipend ${dollars(s.stipend)}`,
    `removal capacity ${s.removals}/day`,
    `belief in legal return ${percent(s.credibility)}`,
    `payment reliability ${percent(s.reliability)}`,
    `advertising $${s.advertising}M/month`,
    `removal weight of registered people ${percent(s.deprioritisation)}`,
    `model ${s.model}`,
  ].join(', ');
}

/**
 * The scenario for these settings, before validation: the preset with the controls applied. A believed legal
 * return needs a promise, so the promise is made (probability 1) and the control sets its credibility;
 * at credibility 0 the promise has no effect, as in the preset.
 */
export function classroomScenario(preset: ScenarioInput, s: Settings): ScenarioInput {
  const raw = structuredClone(preset) as ScenarioInput & { $schema?: string };
  delete raw.$schema;
  const programme = raw.programme ?? {};
  const enforcement = raw.enforcement ?? {};
  return {
    ...raw,
    name: 'classroom',
    title: `Classroom: ${describe(s)}`,
    description: `The ${preset.name} preset with the classroom's settings: ${describe(s)}. ${AGENTS.toLocaleString('en-US')} agents, ${REPLICATES} replicates.`,
    seed: s.seed,
    replicates: REPLICATES,
    population: { ...raw.population, agents: AGENTS },
    model: { name: s.model },
    programme: {
      ...programme,
      stipend: replacePaidAmounts(programme.stipend, s.stipend),
      paymentReliability: s.reliability,
      advertisingPerMonth: replacePaidAmounts(programme.advertisingPerMonth, s.advertising * 1e6),
      deprioritisation: { ...programme.deprioritisation, factor: s.deprioritisation },
      legalReturn: { ...programme.legalReturn, probability: 1, credibility: s.credibility },
    },
    enforcement: { ...enforcement, removalsPerDay: s.removals },
  };
}
