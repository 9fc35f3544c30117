import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plannedBehaviourParams } from '../models/planned-behaviour.js';
import { utilityParams } from '../models/utility.js';
import { annuity, valuationSchema } from '../models/valuation.js';
import { annuityLow, boundLeaveProbabilities } from './decision-bound.js';
import { aggregateLayout } from './aggregates.js';
import { DAYS_PER_MONTH } from '../scenarios/calendar.js';
import { allocatePopulation, FLAG_FAMILY, FLAG_UNEMPLOYED, viewPopulation } from './population.js';
import { censusClassCount, removalClass } from './removal-class.js';
import { EmploymentCondition, type ArmContext, type Envelope, type StepContext } from './step-context.js';
import { moveJobs } from './employment-pass.js';
import { exactLeaveProbability } from './step.js';
import { stepTables } from './step-tables.js';

const unit = fc.double({ min: 0, max: 1, noNaN: true });
/** A fraction of the worst case, often the worst case itself, where the bound is tightest. */
const edge = () => fc.oneof(fc.constant(1), unit);
const range = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

const model = fc.oneof(
  fc.record({ statusQuo: range(-5, 2), noiseScale: range(0.05, 5), reviewRate: range(0.1, 4) })
    .map((m) => utilityParams.parse({ name: 'utility', ...m })),
  fc.record({
    attitudeWeight: range(0, 2), normWeight: range(0, 2), controlWeight: range(0, 2), attitudeScale: range(0.2, 5),
    normReference: range(0.001, 0.5), thresholdMean: range(-1, 2), thresholdSd: range(0, 1), actRate: range(0.05, 2),
  }).map((m) => plannedBehaviourParams.parse({ name: 'planned-behaviour', ...m })),
);

const agent = fc.record({
  earnings: range(300, 40_000), discount: fc.oneof(range(1e-6, 0.05), range(0, 1e-6)), riskBias: range(0.01, 50), trust: unit,
  savings: range(0, 100_000), idio: range(-4, 4), age: fc.integer({ min: 16, max: 85 }), years: fc.integer({ min: 0, max: 60 }),
  family: fc.boolean(), status: fc.integer({ min: 0, max: 1 }), adults: fc.integer({ min: 1, max: 4 }), children: fc.integer({ min: 0, max: 5 }),
  unemployed: fc.boolean(), benefitLeft: edge(),
});

const amounts = fc.tuple(range(0, 10_000), range(0, 5_000), range(0, 3_000), range(0, 2_000), range(0, 10_000), range(0, 5_000), range(0, 3_000), range(0, 2_000));
const envelope: fc.Arbitrary<Envelope> = fc.record({
  elapsedFirst: range(0, 5), span: unit, removalRate: fc.oneof(range(0, 0.05), range(0, 2)), intensity: range(0.01, 5),
  background: range(0, 0.2), programme: fc.boolean(), amounts, travelShare: unit, promise: unit, anticipates: fc.boolean(),
  jobLoss: range(0, 0.5), jobFind: range(0, 1),
}).map(({ span, amounts: a, jobLoss, jobFind, ...e }) => ({
  ...e, amounts: Float64Array.from(a), elapsedLast: e.elapsedFirst + span, jobLossMax: Float64Array.of(jobLoss), jobFindMin: Float64Array.of(jobFind),
}));


/** A step inside the envelope: every step-varying input is a fraction of its worst case. */
const stepWithin = fc.record({
  elapsed: edge(), months: range(0.03, 12), removal: fc.tuple(edge(), edge()), intensity: edge(), background: edge(), open: fc.boolean(),
  amounts: fc.tuple(edge(), edge(), edge(), edge(), edge(), edge(), edge(), edge()), offer: fc.boolean(), offerHead: edge(), deadline: fc.integer({ min: -1, max: 3 }),
  departProbability: unit, travelShare: edge(), promise: edge(), trustFactor: fc.tuple(range(0, 3), range(0, 3)),
  peerDeparted: unit, aware: fc.tuple(fc.boolean(), fc.boolean()), eligible: fc.boolean(),
  // An announced change ahead (when the envelope allows one), to amounts of any size up to the envelope's.
  change: fc.option(fc.record({ months: range(0, 24), amounts: fc.tuple(range(0, 1), range(0, 1), range(0, 1), range(0, 1), range(0, 1), range(0, 1), range(0, 1), range(0, 1)) })),
  // Job loss up to the envelope's highest rate, job finding from its lowest up.
  lossRate: edge(), findRate: fc.oneof(fc.constant(0), range(0, 1)),
});

const scenario = fc.record({
  valuation: fc.record({ familyTieMonths: range(0, 120), dangerMonths: range(0, 120), routeScale: range(1, 5000), workingAge: range(30, 90) }),
  registrationCost: range(0, 5000), penaltyMonths: range(0, 60), statusWeight: fc.tuple(range(0, 3), range(0, 3)), recentFactor: range(0, 5),
  returnProbability: fc.tuple(unit, unit), returnWaitMonths: fc.tuple(range(0, 240), range(0, 240)), bars: fc.tuple(fc.boolean(), fc.boolean()),
  promiseWaitMonths: range(0, 240), waivesBars: fc.boolean(), commitmentMonths: fc.oneof(range(0, 120), fc.constant(Infinity)), repayOnReturn: fc.boolean(),
  householdMinSize: fc.integer({ min: 1, max: 5 }), capAdults: fc.oneof(fc.constant(Infinity), range(0, 8000)), capHousehold: fc.oneof(fc.constant(Infinity), range(0, 12_000)),
  instalments: fc.array(fc.record({ share: range(0.05, 1), months: range(0, 12) }), { minLength: 1, maxLength: 3 })
    .map((xs) => { const total = xs.reduce((a, x) => a + x.share, 0); return xs.map((x) => ({ share: x.share / total, months: x.months })); }),
  wageRatio: range(0.5, 8), travelCost: range(50, 5000), danger: unit, legalPathway: unit, anticipation: range(0, 3),
  employment: fc.option(fc.record({ floorShare: unit, replacementRate: unit, benefitMonths: range(0, 36) })), capitalisedBenefit: unit,
  eligibility: fc.record({
    employment: fc.constantFrom(EmploymentCondition.Any, EmploymentCondition.Unemployed, EmploymentCondition.Employed, EmploymentCondition.Benefit),
    minYears: fc.oneof(fc.constant(0), range(0, 30)), maxYears: fc.oneof(fc.constant(Infinity), range(0, 60)),
  }),
});

type Of<A> = A extends fc.Arbitrary<infer T> ? T : never;
type Case = { m: Of<typeof model>; a: Of<typeof agent>; env: Envelope; st: Of<typeof stepWithin>; sc: Of<typeof scenario> };

function context({ m, env, st, sc }: Case): StepContext {
  const open = env.programme && st.open;
  const months = st.months;
  const arm = (k: 0 | 1): ArmContext => ({
    programme: k === 0 && open,
    removalPerWeight: st.removal[k] * env.removalRate * months,
    awareness: Float64Array.of(0), trustFactor: Float64Array.of(st.trustFactor[k]), peerDeparted: Float64Array.of(st.peerDeparted),
    amounts: Float64Array.from(st.amounts, (f, j) => (k === 0 ? f * env.amounts[j] : 0)),
    // An offer's head amount is within the envelope's head, which counts offers.
    offerHead: Float64Array.from([0, 1], (status) => (k === 0 ? (st.offer ? st.offerHead : st.amounts[status * 4]) * env.amounts[status * 4] : 0)),
    offerDeadline: Int32Array.of(k === 0 && st.offer ? st.deadline : -1),
    travelShare: k === 0 && open ? st.travelShare * env.travelShare : 0,
    departProbability: st.departProbability, abandonProbability: 0, paymentReliability: 1,
  });
  return {
    step: 0, months, keys: [0, 0, 0, 0, 0, 0, 0, 0],
    elapsedYears: env.elapsedFirst + st.elapsed * (env.elapsedLast - env.elapsedFirst),
    model: m,
    intensity: st.intensity * env.intensity,
    valuation: valuationSchema.parse({ ...sc.valuation, anticipation: sc.anticipation }) as StepContext['valuation'],
    stepDays: Int32Array.of(0),
    background: Float64Array.of(st.background * env.background),
    employment: sc.employment && {
      modelled: Uint8Array.of(1), lossRate: Float64Array.of(st.lossRate * env.jobLossMax[0]), findRate: Float64Array.of(env.jobFindMin[0] + st.findRate),
      lossProbability: Float64Array.of(0), findProbability: Float64Array.of(0), replacementRate: Float64Array.of(sc.employment.replacementRate),
      floorShare: Float64Array.of(sc.employment.floorShare), benefitMonths: Float64Array.of(sc.employment.benefitMonths),
    },
    outreach: 0,
    capitalisedBenefit: sc.capitalisedBenefit,
    changeMonths: env.anticipates && st.change ? st.change.months : Infinity,
    changeAmounts: Float64Array.from(st.change?.amounts ?? [0, 0, 0, 0, 0, 0, 0, 0], (f, j) => f * env.amounts[j]),
    penaltyMonths: sc.penaltyMonths, statusWeight: [...sc.statusWeight], recentFactor: sc.recentFactor, deprioritisedFactor: 1, deprioritisedSteps: 0,
    statuses: { returnProbability: [...sc.returnProbability], returnWaitMonths: [...sc.returnWaitMonths], bars: [...sc.bars] },
    programmeReturn: {
      promise: open ? st.promise * env.promise : 0, promiseWaitMonths: sc.promiseWaitMonths, waivesBars: sc.waivesBars,
      commitmentMonths: sc.commitmentMonths, repayOnReturn: sc.repayOnReturn,
    },
    groups: { wageRatio: [sc.wageRatio], travelCost: [sc.travelCost], danger: [sc.danger], legalPathway: [sc.legalPathway] },
    eligibility: { status: Uint8Array.of(st.eligible ? 1 : 0, 1), group: Uint8Array.of(1), ...sc.eligibility },
    amountCaps: { householdMinSize: sc.householdMinSize, capAdults: sc.capAdults, capHousehold: sc.capHousehold },
    instalments: sc.instalments, registrationCost: sc.registrationCost,
    envelope: env, newEpoch: true, twin: true, last: false, check: false, arms: [arm(0), arm(1)],
  };
}

/** The largest exact leave probability over both arms, and the bound, for one agent at one step. */
function exactAndBound(c: Case, narrow: Partial<Envelope> = {}): { exact: number; bound: number } {
  const pop = viewPopulation(allocatePopulation(1));
  pop.origin[0] = 0;
  pop.community[0] = 0;
  pop.flags[0] = (c.a.family ? FLAG_FAMILY : 0) | (c.sc.employment && c.a.unemployed ? FLAG_UNEMPLOYED : 0);
  // Days of benefit left, at most the group's benefit months as the employment pass rounds them.
  pop.benefitEnd[0] = c.sc.employment && c.a.unemployed ? Math.round(c.a.benefitLeft * c.sc.employment.benefitMonths * DAYS_PER_MONTH) : 0;
  pop.cls[0] = removalClass(c.a.status, c.a.years, 2);
  pop.persons[0] = c.a.adults + c.a.children;
  pop.children[0] = c.a.children;
  pop.age[0] = c.a.age;
  pop.years[0] = c.a.years;
  pop.earnings[0] = c.a.earnings;
  pop.discount[0] = c.a.discount;
  pop.riskBias[0] = c.a.riskBias;
  pop.trust[0] = c.a.trust;
  pop.savings[0] = c.a.savings;
  pop.idio[0] = c.a.idio;
  const ctx = context(c);
  const layout = aggregateLayout(censusClassCount(2), 1, 1);
  let exact = 0;
  for (const arm of [0, 1]) exact = Math.max(exact, exactLeaveProbability(pop, ctx, layout, 0, arm, c.st.aware[arm]));
  boundLeaveProbabilities(pop, 0, 1, { ...c.env, ...narrow }, ctx, stepTables(ctx));
  // What the step compares draws with: the bound as stored in the population's Float32 column.
  return { exact, bound: pop.leaveBound[0] };
}

const cases: fc.Arbitrary<Case> = fc.record({ m: model, a: agent, env: envelope, st: stepWithin, sc: scenario });
/**
 * Cases without employment, an announced change or conditions of eligibility, whose worst cases would dominate the
 * bound and hide a narrowing.
 */
const plain: fc.Arbitrary<Case> = cases.map((c) => ({
  ...c, sc: { ...c.sc, employment: null, eligibility: { employment: EmploymentCondition.Any, minYears: 0, maxYears: Infinity } },
  env: { ...c.env, anticipates: false },
}));

/** A typical long-settled agent in a step of a one-month programme paying $1,000. */
const settled: Case = {
  m: utilityParams.parse({ name: 'utility' }),
  a: { earnings: 2800, discount: 0.006, riskBias: 1, trust: 0.5, savings: 2000, idio: 0, age: 38, years: 15, family: true, status: 1, adults: 1, children: 0,
    unemployed: false, benefitLeft: 0 },
  env: { elapsedFirst: 0, elapsedLast: 11 / 12, removalRate: 0.0025, intensity: 1, background: 0.002, programme: true,
    amounts: Float64Array.of(1000, 0, 0, 0, 1000, 0, 0, 0), travelShare: 1, promise: 0, anticipates: false, jobLossMax: Float64Array.of(0), jobFindMin: Float64Array.of(0) },
  st: { elapsed: 0.5, months: 1, removal: [0.8, 0.8], intensity: 1, background: 1, open: true, amounts: [1, 1, 1, 1, 1, 1, 1, 1], offer: false,
    offerHead: 1, deadline: -1, departProbability: 0.5, travelShare: 1, promise: 0, trustFactor: [1, 1], peerDeparted: 0.01, aware: [true, false], eligible: true,
    change: null, lossRate: 1, findRate: 0 },
  sc: { valuation: { familyTieMonths: 36, dangerMonths: 24, routeScale: 400, workingAge: 65 }, registrationCost: 1500, penaltyMonths: 6,
    statusWeight: [0.3, 1], recentFactor: 3, returnProbability: [0, 0], returnWaitMonths: [0, 0], bars: [true, true], promiseWaitMonths: 0,
    waivesBars: false, commitmentMonths: 0, repayOnReturn: false, householdMinSize: 1, capAdults: Infinity, capHousehold: Infinity,
    instalments: [{ share: 1, months: 1 }], wageRatio: 2.5, travelCost: 400, danger: 0.3, legalPathway: 0.5, anticipation: 0.5, employment: null,
    capitalisedBenefit: 0, eligibility: { employment: EmploymentCondition.Any, minYears: 0, maxYears: Infinity } },
};

describe('decision bounds (the step skips the exact hazard for draws at or above an agent\'s bound)', () => {
  it('bound the exact leave probability, as computed, for any agent, any step inside the envelope and both models', () => {
    fc.assert(fc.property(cases, (c) => {
      const { exact, bound } = exactAndBound(c);
      return bound <= 1 && exact <= bound;
    }), { numRuns: 20_000 });
  });

  it('fail when the envelope leaves out the step (so the property above can fail)', () => {
    const violated = (narrow: (c: Case) => Partial<Envelope>) => fc.check(fc.property(plain, (c) => {
      const { exact, bound } = exactAndBound(c, narrow(c));
      return exact <= bound;
    }), { numRuns: 20_000, seed: 1, endOnFailure: true }).failed;
    expect(violated(() => ({ removalRate: 0 }))).toBe(true);
    expect(violated((c) => ({ elapsedLast: c.env.elapsedFirst }))).toBe(true);
    expect(violated(() => ({ amounts: new Float64Array(8), travelShare: 0 }))).toBe(true);
    expect(violated(() => ({ programme: false }))).toBe(true);
    expect(violated((c) => ({ intensity: c.env.intensity * c.st.intensity * 0.5 }))).toBe(true);
    expect(violated((c) => ({ background: c.env.background * c.st.background * 0.5 }))).toBe(true);
  });

  it('fail when the bound leaves out employment, its worst rates, or an announced change', () => {
    // The bound for the settled agent without employment is below the exact value for the same agent likely to lose
    // work; the bound without the change ahead is below the exact value for one facing a cut to nothing next month.
    const job: Case = {
      ...settled, env: { ...settled.env, jobLossMax: Float64Array.of(0.5), jobFindMin: Float64Array.of(0.001) },
      sc: { ...settled.sc, employment: { floorShare: 0, replacementRate: 0, benefitMonths: 0 } },
    };
    expect(exactAndBound(job).exact).toBeGreaterThan(exactAndBound({ ...job, sc: { ...job.sc, employment: null } }).bound);
    // Nor may the envelope leave out the step's job-loss or job-finding rate.
    expect(exactAndBound(job).exact).toBeGreaterThan(exactAndBound(job, { jobFindMin: Float64Array.of(1) }).bound);
    const quickJobs: Case = { ...job, env: { ...job.env, jobFindMin: Float64Array.of(1) } };
    expect(exactAndBound(quickJobs).exact).toBeGreaterThan(exactAndBound(quickJobs, { jobLossMax: Float64Array.of(0) }).bound);
    // Someone in work gets a bound that leaves out being out of work now (with jobs rarely lost and rarely found, a
    // far larger loss), which is why the step bounds an agent again when it loses a job.
    const inWork: Case = {
      ...job, env: { ...job.env, jobLossMax: Float64Array.of(0.001), jobFindMin: Float64Array.of(0.001) },
    };
    const jobLost: Case = { ...inWork, a: { ...inWork.a, unemployed: true, benefitLeft: 1 } };
    expect(exactAndBound(jobLost).exact).toBeGreaterThan(exactAndBound(inWork).bound);
    const cut: Case = {
      ...settled, a: { ...settled.a, trust: 1 }, env: { ...settled.env, anticipates: true, amounts: Float64Array.of(20_000, 0, 0, 0, 20_000, 0, 0, 0) },
      st: { ...settled.st, change: { months: 1, amounts: [0, 0, 0, 0, 0, 0, 0, 0] } }, sc: { ...settled.sc, anticipation: 3 },
    };
    expect(exactAndBound(cut).exact).toBeGreaterThan(exactAndBound({ ...cut, env: { ...cut.env, anticipates: false } }).bound);
  });

  it('are named for renewal when a job is lost during the epoch (the step bounds those agents again)', () => {
    const pop = viewPopulation(allocatePopulation(3));
    pop.flags[1] = FLAG_UNEMPLOYED;
    const ctx = context({ ...settled, sc: { ...settled.sc, employment: { floorShare: 0, replacementRate: 0, benefitMonths: 0 } } });
    ctx.employment!.lossProbability = Float64Array.of(1);
    const { armFields } = aggregateLayout(censusClassCount(2), 1, 1);
    const lost = new Int32Array(3);
    expect(moveJobs(pop, ctx, 0, 3, new Float64Array(2 * armFields), armFields, lost)).toBe(2);
    expect([...lost.subarray(0, 2)]).toEqual([0, 2]);
  });

  it('count the programme only for agents who may use it during the epoch', () => {
    // A programme large enough to move the agent: leaving it out of the bound puts the bound below the exact value.
    const big: Case = {
      ...settled, a: { ...settled.a, trust: 1, age: 60 }, env: { ...settled.env, amounts: Float64Array.of(100_000, 0, 0, 0, 100_000, 0, 0, 0) },
    };
    const within = (c: Case) => { const { exact, bound } = exactAndBound(c); return exact <= bound; };
    // Eligible only after a few more months in the country, which the epoch's last step reaches.
    const later: Case = { ...big, st: { ...big.st, elapsed: 1 }, sc: { ...big.sc, eligibility: { ...big.sc.eligibility, minYears: big.a.years + 0.5 } } };
    expect(exactAndBound(later).exact).toBeGreaterThan(exactAndBound({ ...later, st: { ...later.st, open: false } }).exact * 2);
    expect(within(later)).toBe(true);
    // A programme for the unemployed: bounded for those out of work as for anyone, and not for those in work.
    const employment = { floorShare: 0, replacementRate: 0.5, benefitMonths: 12 };
    const forJobless: Case = { ...big, sc: { ...big.sc, employment, eligibility: { ...big.sc.eligibility, employment: EmploymentCondition.Unemployed } } };
    const jobless: Case = { ...forJobless, a: { ...forJobless.a, unemployed: true, benefitLeft: 1 } };
    expect(within(jobless)).toBe(true);
    expect(exactAndBound(jobless).bound).toBeCloseTo(exactAndBound({ ...jobless, sc: { ...jobless.sc, eligibility: big.sc.eligibility } }).bound, 12);
    expect(exactAndBound(forJobless).bound).toBeLessThan(exactAndBound({ ...forJobless, sc: { ...forJobless.sc, eligibility: big.sc.eligibility } }).bound / 2);
  });

  it('take the annuity from below, and closely where most agents are', () => {
    for (let e = -8; e <= 4; e += 0.01) {
      const x = 10 ** e;
      for (const rate of [1e-6, 0.003, 0.01, 0.2]) {
        const months = x / rate;
        const low = annuityLow(rate, months);
        const exact = annuity(rate, months);
        expect(low).toBeLessThanOrEqual(exact);
        if (x >= 1e-3 && x <= 1.5 && months >= 1) expect(low).toBeGreaterThan(exact * 0.995);
      }
    }
  });

  it('stay close to the exact value for a typical long-settled agent, so the skip is worth having', () => {
    const c = settled;
    const { exact, bound } = exactAndBound(c);
    expect(exact).toBeGreaterThan(0);
    expect(bound).toBeLessThan(0.02);
    expect(bound / exact).toBeLessThan(5);
    // Without the background, the bound of the hazard alone: the value of staying taken too low by a rational
    // approximation of the annuity made it 6.4 times the exact value.
    const hazardOnly = exactAndBound({ ...c, env: { ...c.env, background: 0 } });
    expect(hazardOnly.bound / hazardOnly.exact).toBeLessThan(2.5);
  });
});
