/** The information parameters that set how fast agents learn of the programme (§3.3.6). */
export interface InformationRates {
  newsRate: number;
  adEffect: number;
  peerEffect: number;
}

/**
 * The probability that an unaware agent of a community learns of the open programme in a step of `months` months:
 * news, advertising dollars per person per month, and the share of the community that is aware or was paid; plus
 * a one-off `shock` when the programme is in the news (a lever changes or a change is announced), and in the
 * programme's first open step the share `initial` that knew of it already (one that ran before the horizon).
 * Outreach to eligible people is a separate draw (sim/outreach-pass.ts).
 */
export function awarenessProbability(r: InformationRates, adPerPersonMonth: number, awareShare: number, months: number, shock: number, initial: number): number {
  const rate = r.newsRate + r.adEffect * adPerPersonMonth + r.peerEffect * Math.min(1, awareShare);
  return 1 - (1 - initial) * Math.exp(-(rate * months + shock));
}
