/**
 * Agent state as a struct of arrays in SharedArrayBuffers, so every worker reads and writes the same memory
 * without copying. Static attributes are drawn once by population synthesis; the dynamic state is one byte
 * per arm (plus the registration step in the programme arm).
 */

/**
 * `Registered` (intent filed with the programme) and `Preparing` (decided to leave unassisted) both depart
 * after the same lag or give up; giving both arms the same lag keeps the programme's effect from being
 * confounded with the time it takes to leave.
 */
export const enum State {
  Present = 0,
  Registered = 1,
  Preparing = 2,
  DepartedAssisted = 3,
  DepartedUnassisted = 4,
  Removed = 5,
}
/** High bit of the programme arm's state byte: the agent knows of the programme. */
export const AWARE = 0x80;
export const STATE_MASK = 0x7f;

/** flags: the agent has family ties in the country that stay behind. */
export const FLAG_FAMILY = 1;
/** flags: the agent is unemployed (models/employment.ts; never set where the scenario does not model employment). */
export const FLAG_UNEMPLOYED = 2;

/** Whether an agent has left the country in every simulated arm: its state no longer changes. */
export function leftEveryArm(sP: number, sC: number, twin: boolean): boolean {
  return (sP & STATE_MASK) >= State.DepartedAssisted && (!twin || sC >= State.DepartedAssisted);
}

/** Columns and their element types. The order is the layout in memory, and fixed. */
export const COLUMNS = {
  origin: Uint8Array, // group index
  community: Uint16Array, // group x locality
  years: Uint8Array, // whole years in the country at the start
  age: Uint8Array, // age (of the household head) at the start
  flags: Uint8Array, // FLAG_FAMILY | FLAG_UNEMPLOYED
  cls: Uint8Array, // removal class: status and years at the start (sim/removal-class.ts)
  persons: Uint8Array, // persons in the household (1 without households)
  children: Uint8Array, // children among them
  earnings: Float32Array, // monthly earnings in the country (of the household)
  savings: Float32Array, // liquid savings
  discount: Float32Array, // continuous monthly discount rate
  riskBias: Float32Array, // perceived / actual removal risk
  trust: Float32Array, // trust in the government's promises, 0..1
  idio: Float32Array, // standard-normal personal trait
  stateP: Uint8Array, // programme arm state (| AWARE)
  stateC: Uint8Array, // counterfactual arm state
  regStep: Uint16Array, // step of registration, programme arm
  leaveBound: Float32Array, // upper bound on the leave probability over the current epoch (sim/decision-bound.ts)
  benefitEnd: Uint16Array, // day (from the horizon's start) the unemployment benefit runs out; 0: none running
} as const;

export type ColumnName = keyof typeof COLUMNS;
type ViewOf<C> = C extends Uint8ArrayConstructor ? Uint8Array<SharedArrayBuffer>
  : C extends Uint16ArrayConstructor ? Uint16Array<SharedArrayBuffer>
  : Float32Array<SharedArrayBuffer>;
export type Population = { n: number } & { [K in ColumnName]: ViewOf<(typeof COLUMNS)[K]> };
export type PopulationBuffers = { n: number } & { [K in ColumnName]: SharedArrayBuffer };

export const BYTES_PER_AGENT = Object.values(COLUMNS).reduce((s, C) => s + C.BYTES_PER_ELEMENT, 0);

export function allocatePopulation(n: number): PopulationBuffers {
  const out: Record<string, unknown> = { n };
  for (const [name, C] of Object.entries(COLUMNS)) out[name] = new SharedArrayBuffer(n * C.BYTES_PER_ELEMENT);
  return out as PopulationBuffers;
}

export function viewPopulation(b: PopulationBuffers): Population {
  const out: Record<string, unknown> = { n: b.n };
  for (const [name, C] of Object.entries(COLUMNS)) {
    out[name] = new (C as unknown as new (buffer: SharedArrayBuffer) => unknown)(b[name as ColumnName]);
  }
  return out as Population;
}

/** Agents per block: the unit of work and of summation order; fixed so results never depend on workers. */
export const BLOCK_SIZE = 32768;

export function blockCount(n: number): number {
  return Math.ceil(n / BLOCK_SIZE);
}
