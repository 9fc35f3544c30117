/**
 * Layout of the per-block aggregate vector. Each block writes its own slice of a shared Float64Array; the main
 * thread adds the slices in block order, so sums are the same whatever the number of workers. Counts are of
 * simulated persons (an agent counts its household's persons); persons represented are these x weight, at output.
 */
export const F = {
  present: 0, // stocks at the end of the step
  registered: 1,
  aware: 2,
  registrations: 3, // flows during the step (households registering)
  departedAssisted: 4,
  departedUnassisted: 5,
  removed: 6,
  abandoned: 7,
  stipendDue: 8, // money owed to departers whose amount will be paid, at the amounts fixed at registration
  travelSpend: 9, // money of travel assistance
  trustSum: 10, // sum over present persons of their perceived payment reliability
  deadweight: 11, // last step only, programme arm: persons departed through the programme who left in the twin too
  preparing: 12, // stock: decided to leave unassisted, not yet gone
  unemployed: 13, // stock at the step's start, after jobs are lost and found: persons in the country out of work
  removalClass: 14, // persons still in the country by census class (sim/removal-class.ts)
} as const;

/** Per group: [persons departed through the programme, persons departed by any route] (flows), and the persons of
 * the deadweight (last step only). */
export const GROUP_FIELDS = 3;
/** Per community: [aware persons, persons departed voluntarily, persons paid, persons unpaid]. */
export const COMMUNITY_FIELDS = 4;

export interface AggregateLayout {
  groups: number;
  communities: number;
  /** Offsets within an arm's slice. */
  group: number;
  community: number;
  armFields: number;
  blockFields: number;
}

export function aggregateLayout(censusClasses: number, groups: number, communities: number): AggregateLayout {
  const group = F.removalClass + censusClasses;
  const community = group + GROUP_FIELDS * groups;
  const armFields = community + COMMUNITY_FIELDS * communities;
  return { groups, communities, group, community, armFields, blockFields: 2 * armFields };
}

/**
 * Sum the block slices in block order into `total`, one vector of 2 x armFields (programme arm, then twin). The
 * caller keeps one `total` for a replicate rather than allocate one off the heap every step (about 5 µs).
 */
export function reduceBlocks(aggs: Float64Array<ArrayBufferLike>, blocks: number, layout: AggregateLayout, total: Float64Array): void {
  total.fill(0);
  for (let b = 0; b < blocks; b++) {
    const base = b * layout.blockFields;
    for (let f = 0; f < layout.blockFields; f++) total[f] += aggs[base + f];
  }
}
