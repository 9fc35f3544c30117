import { InvalidArgumentError } from 'commander';
import { totalmem } from 'node:os';
import { InputError } from '../scenarios/errors.js';
import type { ScenarioInput } from '../scenarios/schema.js';
import { BYTES_PER_AGENT } from '../sim/population.js';

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number >= 1.');
  return n;
}

export function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number >= 0.');
  return n;
}

export function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number > 0.');
  return n;
}

/** Execution overrides of a scenario given on the command line. */
export interface ScenarioOverrides {
  agents?: number;
  weight?: number;
  seed?: number;
  replicates?: number;
}

/**
 * Apply overrides to the raw scenario before validation, so that the schema checks them like any value.
 * `--weight` alone keeps the persons represented and sets the agent count; with `--agents` it sets persons.
 */
export function applyOverrides(raw: unknown, o: ScenarioOverrides): unknown {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const s = structuredClone(raw) as ScenarioInput & Record<string, unknown>;
  const population = { ...(s.population ?? {}) };
  if (o.agents !== undefined) population.agents = o.agents;
  if (o.weight !== undefined) {
    if (o.agents !== undefined) population.persons = Math.round(o.agents * o.weight);
    else population.agents = Math.max(1, Math.round((population.persons ?? 14_000_000) / o.weight));
  }
  s.population = population;
  if (o.seed !== undefined) s.seed = o.seed;
  if (o.replicates !== undefined) s.replicates = o.replicates;
  return s;
}

/**
 * Refuse, before allocating, a run whose agent state would not fit in 80% of this machine's memory: `concurrent`
 * populations of `agents` each (a sweep or calibration runs several points at once). `path` names the setting.
 */
export function checkFitsInMemory(agents: number, source: string, path = 'population.agents', concurrent = 1): void {
  const have = totalmem() * 0.8;
  const maxAgents = Math.min(2 ** 31 - 1, Math.floor(have / BYTES_PER_AGENT / concurrent));
  if (agents > maxAgents) {
    const need = agents * BYTES_PER_AGENT * concurrent;
    const at = concurrent > 1 ? ` for each of ${concurrent} runs at once (one per worker)` : '';
    throw new InputError(source, [{
      path,
      value: agents,
      expected: `expected at most ${maxAgents.toLocaleString('en-US')} agents${at}: at ${BYTES_PER_AGENT} bytes per agent that needs ${(need / 2 ** 30).toFixed(1)} GiB, and this machine has ${(totalmem() / 2 ** 30).toFixed(1)} GiB (use --weight or fewer --agents${concurrent > 1 ? ' or --workers' : ''})`,
    }]);
  }
}
