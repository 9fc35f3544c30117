import { ORIGINS } from '../models/groups.js';

/**
 * Layout of the per-block aggregate vector. Each block writes its own slice of a shared Float64Array; the
 * main thread adds the slices in block order, so sums are the same whatever the number of workers.
 * Counts are of agents (unweighted); persons are agents x weight, applied at output.
 */
export const F = {
  present: 0, // stocks at the end of the step
  registered: 1,
  aware: 2,
  registrations: 3, // flows during the step
  departedAssisted: 4,
  departedUnassisted: 5,
  removed: 6,
  abandoned: 7,
  paid: 8, // assisted departures whose stipend will be paid
  unpaid: 9, // ... and whose stipend will not be
  stipendDue: 10, // dollars owed to `paid`, at the stipend fixed at registration
  travelSpend: 11, // dollars of travel assistance
  trustSum: 12, // sum of perceived payment reliability over present agents
  deadweight: 13, // last step only, programme arm: assisted departers who left in the twin too
  preparing: 14, // stock: decided to leave unassisted, not yet gone
  removalClass: 15, // 12 counts by census class (sim/removal-class.ts), of agents still in the country
  origin: 27, // per origin group: [assisted departures, all departures] (flows)
  community: 27 + 2 * ORIGINS.length, // per community: [aware, voluntary departures, paid, unpaid]
} as const;

export const ORIGIN_FIELDS = 2;
export const COMMUNITY_FIELDS = 4;

export interface AggregateLayout {
  communities: number;
  armFields: number;
  blockFields: number;
}

export function aggregateLayout(communities: number): AggregateLayout {
  const armFields = F.community + COMMUNITY_FIELDS * communities;
  return { communities, armFields, blockFields: 2 * armFields };
}

/** Sum the block slices in block order into one vector of 2 x armFields (programme arm, then twin). */
export function reduceBlocks(aggs: Float64Array<ArrayBufferLike>, blocks: number, layout: AggregateLayout): Float64Array {
  const total = new Float64Array(layout.blockFields);
  for (let b = 0; b < blocks; b++) {
    const base = b * layout.blockFields;
    for (let f = 0; f < layout.blockFields; f++) total[f] += aggs[base + f];
  }
  return total;
}
