/**
 * Nelder-Mead simplex minimisation (Lagarias et al. 1998 coefficients: reflect 1, expand 2, contract 0.5,
 * shrink 0.5) over the unit cube: points are clamped into [0,1]^k before evaluation, so bounds hold.
 */
export interface NelderMeadOptions {
  maxEvaluations: number;
  /** Stop when the best and worst objective values of the simplex differ by at most this. */
  tolerance: number;
  initialStep: number;
}

export interface NelderMeadResult {
  x: number[];
  value: number;
  evaluations: number;
  converged: boolean;
}

const clamp = (x: number[]) => x.map((v) => Math.min(1, Math.max(0, v)));

/**
 * Minimise f from `start`. A simplex that collapses onto a flat stretch (simulated counts are whole agents, so
 * the objective is a step function) is restarted from its best point with a fresh simplex, as long as that
 * still improves the objective by more than the tolerance and evaluations remain.
 */
export async function nelderMead(f: (x: number[]) => Promise<number>, start: number[], o: NelderMeadOptions): Promise<NelderMeadResult> {
  let evaluations = 0;
  let best = await simplexSearch(f, start, o, o.maxEvaluations);
  evaluations += best.evaluations;
  while (best.converged && evaluations < o.maxEvaluations) {
    const next = await simplexSearch(f, best.x, o, o.maxEvaluations - evaluations);
    evaluations += next.evaluations;
    const improvement = best.value - next.value;
    if (improvement > 0) best = next;
    if (improvement <= o.tolerance) break;
  }
  return { ...best, evaluations };
}

async function simplexSearch(f: (x: number[]) => Promise<number>, start: number[], o: NelderMeadOptions, budget: number): Promise<NelderMeadResult> {
  const k = start.length;
  let evaluations = 0;
  const evaluate = async (x: number[]) => {
    evaluations++;
    const c = clamp(x);
    return { x: c, value: await f(c) };
  };
  // Initial simplex: the start and one step along each axis, inward when the step would leave the cube.
  const simplex = [await evaluate(start)];
  for (let i = 0; i < k && evaluations < budget; i++) {
    const x = [...start];
    x[i] = x[i] + o.initialStep <= 1 ? x[i] + o.initialStep : x[i] - o.initialStep;
    simplex.push(await evaluate(x));
  }
  const move = (from: number[], towards: number[], t: number) => from.map((v, i) => v + t * (towards[i] - v));
  while (evaluations < budget && simplex.length === k + 1) {
    simplex.sort((a, b) => a.value - b.value);
    const best = simplex[0];
    const worst = simplex[k];
    if (worst.value - best.value <= o.tolerance) return { ...best, evaluations, converged: true };
    const centroid = Array.from({ length: k }, (_, i) => simplex.slice(0, k).reduce((s, p) => s + p.x[i], 0) / k);
    const reflected = await evaluate(move(worst.x, centroid, 2));
    if (reflected.value < best.value) {
      const expanded = await evaluate(move(worst.x, centroid, 3));
      simplex[k] = expanded.value < reflected.value ? expanded : reflected;
    } else if (reflected.value < simplex[k - 1].value) {
      simplex[k] = reflected;
    } else {
      const outside = reflected.value < worst.value;
      const contracted = await evaluate(outside ? move(centroid, reflected.x, 0.5) : move(centroid, worst.x, 0.5));
      if (contracted.value < (outside ? reflected.value : worst.value)) {
        simplex[k] = contracted;
      } else {
        for (let i = 1; i <= k; i++) simplex[i] = await evaluate(move(best.x, simplex[i].x, 0.5));
      }
    }
  }
  simplex.sort((a, b) => a.value - b.value);
  return { ...simplex[0], evaluations, converged: false };
}
