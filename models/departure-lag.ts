/**
 * An agent on its way (registered with the programme, or preparing to leave on its own) departs at rate
 * `departureRate` and gives up at rate `abandonRate`, per month; the two compete within a step (§3.3.4).
 */
export function departureProbabilities(departureRate: number, abandonRate: number, months: number): { depart: number; abandon: number } {
  const depart = departureRate * months;
  const abandon = abandonRate * months;
  const leave = 1 - Math.exp(-(depart + abandon));
  return {
    depart: depart + abandon > 0 ? (leave * depart) / (depart + abandon) : 0,
    abandon: depart + abandon > 0 ? (leave * abandon) / (depart + abandon) : 0,
  };
}
