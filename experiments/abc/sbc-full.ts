import { boundedPriors, linearGaussian, runSbc, SBC_SETTINGS, sbcReport } from './sbc.js';

/**
 * `npm run sbc`: the full simulation-based calibration, 100 repetitions of each toy model (the tests run 20);
 * `node dist/experiments/abc/sbc-full.js 40` runs 40.
 */
const repetitions = Number(process.argv[2] ?? 100);
if (!(Number.isInteger(repetitions) && repetitions > 0)) throw new Error(`expected a whole number of repetitions, got ${process.argv[2]}`);
for (const model of [linearGaussian, boundedPriors]) {
  const started = Date.now();
  const reps = await runSbc({ model, repetitions, seed: 2025, settings: SBC_SETTINGS });
  console.log(sbcReport(model, reps, (Date.now() - started) / 1000));
}
