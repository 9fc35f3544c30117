import * as z from 'zod';
import type { Valuation, ValuationBound } from './valuation.js';

/**
 * The contract of a behavioural model: how an agent who knows its valuation (models/valuation.ts) decides whether
 * to leave in a step. Everything else (who knows of the programme, removals, the route out, background
 * emigration) is the same for every model.
 *
 * To add a model: write one file that exports a `BehaviouralModel` (its parameters as a zod strict object with a
 * `name` literal, every default with its source or the word "assumption" in its description), and register it
 * with one line in models/index.ts. A model without `hazardBound` is always computed exactly: slower, never
 * wrong. A model with one must keep the bound's contract, which the engine's checking mode verifies for every
 * decision (RunSettings.check in sim/run.ts, the step's ctx.check; sim/decision-bound.ts, sim/checking-mode.test.ts).
 */
export interface BehaviouralModel<P extends ModelParams = ModelParams> {
  readonly name: P['name'];
  /** The model's parameters; the scenario's `model` section is validated against it. */
  readonly params: z.ZodType<P, any>;
  /** Expected number of decision events in a step of `months` months (the model's monthly rate times months). */
  intensity(p: P, months: number): number;
  /** Probability that an agent with valuation `v` decides to leave (by any route) in a step of this intensity. */
  hazard(v: Valuation, p: P, intensity: number): number;
  /**
   * Optional: an upper bound on `hazard` for every valuation within `b`, at any intensity up to `intensity`, that
   * holds on computed (floating-point) values. Lets the engine skip the exact hazard for most agents.
   */
  hazardBound?(b: ValuationBound, p: P, intensity: number): number;
}

/** The parameters of some behavioural model: the scenario's `model` section. */
export type ModelParams = { name: string };

const registry = new Map<string, BehaviouralModel>();
let version = 0;

/** Make a model available to scenarios by its name. */
export function registerModel<P extends ModelParams>(model: BehaviouralModel<P>): void {
  if (registry.has(model.name)) throw new Error(`a behavioural model named "${model.name}" is registered already`);
  registry.set(model.name, model as unknown as BehaviouralModel);
  version++;
}

/** The model a scenario names (its name was checked against the registry when the scenario was parsed). */
export function behaviouralModel(name: string): BehaviouralModel {
  const m = registry.get(name);
  if (!m) throw new Error(`no behavioural model named "${name}" is registered`);
  return m;
}

export function modelNames(): string[] {
  return [...registry.keys()];
}

/** Changes whenever a model is registered, so that schemas built from the registry know to rebuild. */
export function registryVersion(): number {
  return version;
}

/** The schema of a scenario's `model` section: one of the registered models' parameters, chosen by `name`. */
export function modelParamsSchema() {
  const params = [...registry.values()].map((m) => m.params) as unknown as [z.ZodObject, ...z.ZodObject[]];
  return z.discriminatedUnion('name', params);
}
