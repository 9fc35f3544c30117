import { InputError, type InputProblem } from '../scenarios/errors.js';
import type { ScenarioInput } from '../scenarios/schema.js';

/**
 * The classroom's controls and how they turn the cbp-home-2025 preset into a scenario. Browser-safe: the
 * page, the CLI's server and the tests all build the scenario with these functions, so the JSON the page
 * offers for download is exactly what it ran.
 *
 * At the default settings the scenario is the preset itself, schedules and all; only the number of agents and
 * replicates are smaller (and the name, title and description say what the page did). The three scheduled levers
 * (stipend, removal capacity, advertising) are percentages of the preset's schedules, so the announced timing
 * is kept and 100% is the announcement.
 */

export const MODELS = ['utility', 'planned-behaviour'] as const;
export type ModelName = (typeof MODELS)[number];
export const MODEL_LABELS: Record<ModelName, string> = { utility: 'random utility', 'planned-behaviour': 'planned behaviour' };

export interface Settings {
  /** Every amount of the preset's stipend schedule times this percentage, on the same dates. */
  stipendPercent: number;
  /** Every value of the preset's removal-capacity schedule times this percentage, on the same dates. */
  removalsPercent: number;
  /** Every value of the preset's advertising schedule times this percentage, on the same dates. */
  advertisingPercent: number;
  /** How far people believe a promised legal return (0: no promise, as in the preset). */
  credibility: number;
  /** Probability that a due stipend is paid (replaces the preset's value). */
  reliability: number;
  /** Removal weight of a registered person relative to others (1: no deprioritisation). */
  deprioritisation: number;
  model: ModelName;
  seed: number;
}

export type NumericKey = Exclude<keyof Settings, 'model'>;

export interface NumericControl {
  key: NumericKey;
  label: string;
  min: number;
  max: number;
  step: number;
  /** The value as shown next to the slider. */
  show: (v: number) => string;
  /** The setting in a sentence ("stipend at 200% of the schedule"), for run descriptions. */
  phrase: (v: number) => string;
  /** Exactly what the value puts into the scenario, in words, for the line under the control. */
  explain: (v: number, preset: ScenarioInput) => string;
  /** A seed is typed, not slid. */
  typed?: boolean;
}

type Scheduled = number | Array<{ from: string; value: number }>;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** "2025-05-05" as "5 May 2025". */
export const longDate = (iso: string) => `${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;
const whole = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 1 });
const dollars = (v: number) => `$${whole(v)}`;
const millions = (v: number) => `$${whole(v / 1e6)}M`;
const percent = (v: number) => `${Math.round(v * 100)}%`;

/** A schedule times a percentage, keeping its dates. Multiplying before dividing keeps whole amounts exact. */
export function scaleSchedule(schedule: Scheduled, pct: number): Scheduled {
  return typeof schedule === 'number' ? (schedule * pct) / 100 : schedule.map((e) => ({ from: e.from, value: (e.value * pct) / 100 }));
}

/** A schedule in words: "$1,000 from 5 May 2025, $3,000 from 1 Dec 2025; none before". */
function scheduleWords(schedule: Scheduled | undefined, unit: (v: number) => string): string {
  if (schedule === undefined || typeof schedule === 'number') return schedule ? unit(schedule) : 'none';
  if (schedule.every((e) => e.value === 0)) return 'none';
  const zeroStart = schedule.length > 1 && schedule[0].value === 0;
  const words = (zeroStart ? schedule.slice(1) : schedule).map((e) => `${unit(e.value)} from ${longDate(e.from)}`).join(', ');
  return zeroStart ? `${words}; none before` : words;
}

export const CONTROLS: NumericControl[] = [
  {
    key: 'stipendPercent', label: 'Stipend, % of the announced schedule', min: 0, max: 500, step: 10, show: (v) => `${v}%`,
    phrase: (v) => `stipend at ${v}% of the schedule`,
    explain: (v, p) => `Paid after arrival, the amount fixed at registration: ${scheduleWords(scaleSchedule(p.programme?.stipend ?? 0, v), dollars)}. Travel is paid in any case.`,
  },
  {
    key: 'removalsPercent', label: 'Removal capacity, % of the announced schedule', min: 0, max: 400, step: 10, show: (v) => `${v}%`,
    phrase: (v) => `removal capacity at ${v}% of the schedule`,
    explain: (v, p) => `Removals a day, shared out over everyone still in the country: ${scheduleWords(scaleSchedule(p.enforcement?.removalsPerDay ?? 742, v), (x) => `${whole(x)} a day`)}.`,
  },
  {
    key: 'advertisingPercent', label: 'Advertising, % of the announced schedule', min: 0, max: 500, step: 10, show: (v) => `${v}%`,
    phrase: (v) => `advertising at ${v}% of the schedule`,
    explain: (v, p) => `Spent a month on making the programme known: ${scheduleWords(scaleSchedule(p.programme?.advertisingPerMonth ?? 0, v), millions)}.`,
  },
  {
    key: 'credibility', label: 'Belief in a promised legal return', min: 0, max: 1, step: 0.05, show: percent,
    phrase: (v) => `legal return promised, believed to ${percent(v)}`,
    explain: (v) => v === 0
      ? 'No promise of a later legal return (as announced).'
      : `Every programme departer is promised a legal return after 5 years (10 for those in the US a year or more: the re-entry bars stay); people believe it to ${percent(v)}, scaled by their own trust.`,
  },
  {
    key: 'reliability', label: 'Payment reliability', min: 0, max: 1, step: 0.05, show: percent,
    phrase: (v) => `payment reliability ${percent(v)}`,
    explain: (v) => `Chance that a stipend is actually paid when it falls due, 30 days after arrival: ${percent(v)} (the preset assumes 90%). Peers hear of payments and failures.`,
  },
  {
    key: 'deprioritisation', label: 'Removal weight of registered people', min: 0, max: 1, step: 0.05, show: percent,
    phrase: (v) => `removal weight of registered people ${percent(v)}`,
    explain: (v) => v === 1
      ? 'Registered people are as likely to be removed as anyone else: no deprioritisation.'
      : `For 3 months after registering, a person is ${percent(v)} as likely to be removed as someone unregistered (the preset: 20%; 100% means no deprioritisation).`,
  },
  {
    key: 'seed', label: 'Random seed', min: 0, max: 2 ** 32 - 1, step: 1, show: String, typed: true, phrase: (v) => `seed ${v}`,
    explain: () => 'Picks the simulated people and every chance event. Keep it to compare two runs on the same people; change it to see how much the figures move by chance.',
  },
];

export const MODEL_EXPLANATIONS: Record<ModelName, string> = {
  utility: 'Random utility (the preset): each month a person weighs the money value of leaving against staying, with personal noise.',
  'planned-behaviour': 'Planned behaviour: attitude to leaving, what peers have done and the means to travel form an intention; a person acts once it passes a personal threshold.',
};

/** The preset's own values, so the page's defaults are the preset. */
export const DEFAULTS: Settings = {
  stipendPercent: 100, removalsPercent: 100, advertisingPercent: 100, credibility: 0, reliability: 0.9, deprioritisation: 0.2,
  model: 'utility', seed: 20250505,
};

/**
 * Fixed by the classroom so a run takes a few seconds: 100,000 agents (the preset has 1,000,000) and 6
 * replicates (the preset has 5). Six replicates on the same seed make the paired change between two runs
 * narrow enough that every lesson's effect stands out of the noise (measured: classroom/LESSONS.md).
 */
export const AGENTS = 100_000;
export const REPLICATES = 6;

/** Whether a control can take this value: in range and on the slider's steps (up to rounding of decimals). */
export function acceptable(c: NumericControl, v: number): boolean {
  const k = (v - c.min) / c.step;
  return Number.isFinite(v) && v >= c.min && v <= c.max && Math.abs(k - Math.round(k)) < 1e-9;
}

/** What a control expects, for messages. */
export function expectedFor(c: NumericControl): string {
  return c.step === 1
    ? `expected a whole number from ${c.min} to ${c.max}`
    : `expected a number from ${c.min} to ${c.max} in steps of ${c.step}`;
}

/** A typed or linked value for a control, or the problem with it. */
export function readControl(c: NumericControl, text: string): { value: number } | { problem: InputProblem } {
  const v = Number(text);
  if (text.trim() === '' || !acceptable(c, v)) return { problem: { path: c.key, value: text, expected: expectedFor(c) } };
  return { value: v };
}

/**
 * Settings from a URL fragment or query ("stipendPercent=200&model=utility"): absent keys keep their defaults,
 * a bad value keeps the default for that key and is listed among the problems.
 */
export function parseParams(params: string): { settings: Settings; problems: InputProblem[] } {
  const q = new URLSearchParams(params.replace(/^[#?]/, ''));
  const settings: Settings = { ...DEFAULTS };
  const problems: InputProblem[] = [];
  for (const c of CONTROLS) {
    const text = q.get(c.key);
    if (text === null) continue;
    const r = readControl(c, text);
    if ('problem' in r) problems.push(r.problem);
    else settings[c.key] = r.value;
  }
  const model = q.get('model');
  if (model !== null) {
    if ((MODELS as readonly string[]).includes(model)) settings.model = model as ModelName;
    else problems.push({ path: 'model', value: model, expected: `expected ${MODELS.map((m) => `"${m}"`).join(' or ')}` });
  }
  for (const key of new Set(q.keys())) {
    if (key !== 'model' && !CONTROLS.some((c) => c.key === key)) {
      problems.push({ path: key, value: q.get(key), expected: `expected no such setting (settings: ${[...CONTROLS.map((c) => c.key), 'model'].join(', ')})` });
    }
  }
  return { settings, problems };
}

/** Settings from a URL fragment or query; throws an InputError naming every bad value. */
export function settingsFromParams(params: string): Settings {
  const { settings, problems } = parseParams(params);
  if (problems.length > 0) throw new InputError('the page address', problems);
  return settings;
}

/** The URL fragment for settings, listing only what differs from the defaults so links stay short. */
export function settingsToParams(s: Settings): string {
  const q = new URLSearchParams();
  for (const c of CONTROLS) if (s[c.key] !== DEFAULTS[c.key]) q.set(c.key, String(s[c.key]));
  if (s.model !== DEFAULTS.model) q.set('model', s.model);
  return q.toString();
}

/** What differs from the preset, in words; "as announced" when nothing does. */
export function describeSettings(s: Settings): string {
  const changes: string[] = [];
  for (const c of CONTROLS) {
    if (c.key !== 'seed' && s[c.key] !== DEFAULTS[c.key]) changes.push(c.phrase(s[c.key]));
  }
  if (s.model !== DEFAULTS.model) changes.push(`${MODEL_LABELS[s.model]} model`);
  return changes.length === 0 ? 'as announced' : changes.join(', ');
}

/**
 * The scenario for these settings, before validation: the preset with the controls applied. A believed legal
 * return needs a promise, so above 0 the promise is made (probability 1) and the control sets its credibility;
 * at 0 the preset's (absent) promise is left alone.
 */
export function classroomScenario(preset: ScenarioInput, s: Settings): ScenarioInput {
  const raw = structuredClone(preset) as ScenarioInput & { $schema?: string };
  delete raw.$schema;
  const programme = raw.programme ?? {};
  const enforcement = raw.enforcement ?? {};
  const samePreset = s.model === (raw.model?.name ?? 'utility');
  return {
    ...raw,
    name: 'classroom',
    title: `Classroom: ${preset.name} ${describeSettings(s)}`,
    description: `The ${preset.name} preset (${preset.title ?? preset.name}) with the classroom's settings: ${describeSettings(s)}. `
      + `${AGENTS.toLocaleString('en-US')} agents and ${REPLICATES} replicates instead of the preset's, so that a run takes seconds in a browser.`,
    seed: s.seed,
    replicates: REPLICATES,
    population: { ...raw.population, agents: AGENTS },
    model: samePreset ? raw.model : { name: s.model },
    programme: {
      ...programme,
      stipend: scaleSchedule(programme.stipend ?? 0, s.stipendPercent),
      offers: (programme.offers ?? []).map((o) => ({ ...o, stipend: (o.stipend * s.stipendPercent) / 100 })),
      paymentReliability: s.reliability,
      advertisingPerMonth: scaleSchedule(programme.advertisingPerMonth ?? 0, s.advertisingPercent),
      deprioritisation: { ...programme.deprioritisation, factor: s.deprioritisation },
      ...(s.credibility > 0 ? { legalReturn: { ...programme.legalReturn, probability: 1, credibility: s.credibility } } : {}),
    },
    enforcement: { ...enforcement, removalsPerDay: scaleSchedule(enforcement.removalsPerDay ?? 0, s.removalsPercent) },
  };
}
