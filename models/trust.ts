/** The community's belief about whether stipends are paid (§3.3.7). */
export interface TrustParams {
  /** Prior mean: the population's mean trust. */
  prior: number;
  /** Prior strength, a pseudo-count in persons per community. */
  strength: number;
  /** Weight of an unpaid stipend against a paid one. */
  lossAversion: number;
}

/**
 * The multiplier on personal trust from the community's experience: its Beta-Bernoulli posterior mean over the
 * prior, counting experience in persons (agents x weight) so that it does not depend on how many agents stand
 * for them.
 */
export function paymentTrustFactor(p: TrustParams, paidAgents: number, unpaidAgents: number, weight: number): number {
  const paid = paidAgents * weight;
  const posterior = (p.prior * p.strength + paid) / (p.strength + paid + p.lossAversion * unpaidAgents * weight);
  return posterior / p.prior;
}

/** An agent's belief that its stipend will be paid: personal trust scaled by its community's record, at most 1. */
export function perceivedReliability(trust: number, communityFactor: number): number {
  return Math.min(1, trust * communityFactor);
}
