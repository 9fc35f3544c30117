#!/usr/bin/env node
import { Command, CommanderError, Option } from 'commander';
import { isObject } from '../scenarios/compose.js';
import { InputError } from '../scenarios/errors.js';
import { migrateVersion1 } from '../scenarios/migrate.js';
import { readJson } from '../scenarios/read-json.js';
import { scenarioHash } from '../sim/outputs.js';
import { PACKAGE } from '../scenarios/package-info.js';
import { EXIT, fail } from './failure.js';
import { nonNegativeInt, positiveInt, positiveNumber } from './options.js';
import { readScenario, runCommand } from './run-command.js';

const EXIT_CODES = `
Exit codes: 0 success; 1 the command failed (e.g. a worker crashed); 2 bad input (a file, a value, an option, or an
output folder that is not this tool's to replace); 130 interrupted (Ctrl-C); 143 stopped (SIGTERM).`;

const program = new Command('departure-sim')
  .description('Simulate who takes up a paid voluntary-departure offer, how fast, and at what cost per additional departure.')
  .version(PACKAGE.version)
  .addHelpText('after', EXIT_CODES)
  .showSuggestionAfterError(true)
  // A usage error is bad input like any other: exit 2, not the 1 of a failed run.
  .exitOverride((e: CommanderError) => {
    process.exit(e.exitCode === 0 ? 0 : EXIT.input);
  });

const force = ['--force', 'replace an output folder that holds something other than this command\'s own output'] as const;

program.command('run')
  .description('Run a scenario with its counterfactual twin and write results.csv, summary.json, scenario.json, meta.json and report/.')
  .argument('<scenario>', 'scenario file (JSON), e.g. scenarios/cbp-home-2025.json')
  .option('--out <dir>', 'output folder (default: out/runs/<scenario name>)')
  .option(...force)
  .option('--workers <n>', 'worker threads (default: the number of cores, or one for a run of under 2e7 agent-steps); results do not depend on it', positiveInt)
  .option('--agents <n>', 'number of agents (overrides population.agents)', positiveInt)
  .option('--weight <w>', 'persons per agent (with --agents: sets persons; alone: sets agents)', positiveNumber)
  .option('--seed <s>', 'random seed (overrides seed)', nonNegativeInt)
  .option('--replicates <r>', 'number of replicates (overrides replicates)', positiveInt)
  .option('--no-counterfactual', 'skip the programme-off twin (no additionality figures)')
  .option('--no-report', 'skip the HTML and Vega-Lite report')
  .option('--posterior <calibration>', 'draw each replicate\'s parameters from the posterior of `departure-sim calibrate` (its output folder or posterior.json): intervals then hold parameter uncertainty as well as simulation noise')
  .option('--posterior-case <key>', 'with --posterior: also apply the parameters calibrated for this case scenario only')
  .option('--quiet', 'print nothing but errors')
  .addHelpText('after', `\nExamples:\n  departure-sim run scenarios/cbp-home-2025.json --agents 200000 --replicates 10\n  departure-sim run scenarios/cbp-home-2025.json --posterior out/calibrations/calibrate-cbp-home-abc --replicates 40\n${EXIT_CODES}`)
  .action(runCommand);

program.command('compare')
  .description('Set B against A on common random numbers (two scenarios run here, or two finished run folders) and write every headline figure '
    + 'of A, B and B - A with paired 95% intervals, the incremental spend per incremental additional departure, and report/.')
  .argument('<A>', 'the baseline: a scenario file, or the folder of a finished `departure-sim run`')
  .argument('<B>', 'the alternative set against A: of the same kind as A')
  .option('--out <dir>', 'output folder (default: out/comparisons/<A name>-vs-<B name>)')
  .option(...force)
  .option('--workers <n>', 'worker threads (default: the number of cores, or one for runs of under 2e7 agent-steps); results do not depend on it', positiveInt)
  .option('--agents <n>', 'number of agents of both runs (scenario files only)', positiveInt)
  .option('--seed <s>', 'random seed of both runs (scenario files only)', nonNegativeInt)
  .option('--replicates <r>', 'number of replicates of both runs (scenario files only)', positiveInt)
  .option('--quiet', 'print nothing but errors')
  .addHelpText('after', `
Both runs must share seed, agents and replicates, so that replicate r of A and of B draw the same random numbers
(and, with the same population, simulate the same people); inputs that differ in any of them, or in their horizon
or currency, are refused (exit 2). Every difference is B - A, taken replicate by replicate, with the 95% interval
of the mean of those paired differences. The incremental spend per incremental additional departure is
(programme spend of B - of A) / (additional departures of B - of A), with a percentile bootstrap interval over the
paired replicates (10,000 resamples, fixed seed); it has no finite interval when the change in additional
departures cannot be told apart from zero.

Writes figures.csv (every headline figure of A, B and B - A), difference.csv (every series at every step as B - A),
summary.json, datapackage.json and report/index.html.

Examples:
  departure-sim compare scenarios/cbp-home-2025.json scenarios/stipend-5000.json --agents 200000 --replicates 10
  departure-sim run scenarios/stipend-5000.json --out out/runs/a && departure-sim run scenarios/high-enforcement.json --out out/runs/b
  departure-sim compare out/runs/a out/runs/b --out out/comparisons/enforcement
${EXIT_CODES}`)
  .action(async (a: string, b: string, flags) => (await import('./compare-command.js')).compareCommand(a, b, flags));

program.command('validate')
  .description('Check a scenario file and print the problems, or "ok" and the resolved scenario hash.')
  .argument('<scenario>', 'scenario file (JSON)')
  .action((file: string) => {
    try {
      const s = readScenario(file);
      process.stdout.write(`ok: ${file} (${s.name}, model ${s.model.name}, ${s.time.steps} steps from ${s.time.start}, hash ${scenarioHash(s)})\n`);
    } catch (e) {
      fail(e);
    }
  });

program.command('migrate')
  .description('Print a version 1 scenario as version 2 (the US population written out in full); version 1 files also run as they are.')
  .argument('<scenario>', 'scenario file (JSON), version 1')
  .action((file: string) => {
    try {
      const raw = readJson(file, 'scenario');
      if (!isObject(raw) || raw.version !== 1) throw new InputError(file, [{ path: 'version', value: isObject(raw) ? raw.version : raw, expected: 'expected a version 1 scenario (version 2 needs no migration)' }]);
      process.stdout.write(`${JSON.stringify(migrateVersion1(raw), null, 2)}\n`);
    } catch (e) {
      fail(e);
    }
  });

program.command('report')
  .description('Rebuild report/ of a run folder from its saved results.csv and summary.json, without re-running.')
  .argument('<run-dir>', 'output folder of `departure-sim run`')
  .option(...force)
  .action(async (dir: string, flags) => (await import('./report-command.js')).reportCommand(dir, flags));

program.command('classroom')
  .description('Serve the classroom page (sliders, charts, lessons) on 127.0.0.1 and print its URL; --static writes a copy that opens from disk.')
  .option('--port <n>', 'port (default: any free port)')
  .option('--static', 'write the page to a folder instead of serving it')
  .option('--out <dir>', 'with --static: the folder (default: out/classroom)')
  .option(...force)
  .action(async (flags) => (await import('./classroom-command.js')).classroomCommand(flags));

// Experiments (experiments/README.md): loaded on demand, so `run` does not pay for them.
program.command('sweep')
  .description('Run every point of an experiment (grid, Latin hypercube, Morris, Saltelli) and write tidy results and analyses.')
  .argument('<experiment>', 'experiment file (JSON), e.g. scenarios/experiments/stipend-dose-response.json')
  .option('--out <dir>', 'output folder (default: out/sweeps/<experiment name>)')
  .option('--force', 'start afresh in an output folder that holds a sweep or anything else, replacing it')
  .option('--workers <n>', 'worker threads (default: the number of cores)', positiveInt)
  .option('--agents <n>', 'agents per run (overrides the experiment)', positiveInt)
  .option('--replicates <r>', 'replicates per point (overrides the experiment)', positiveInt)
  .option('--shard <i/n>', 'run shard i of n (0-based); also read from SLURM_ARRAY_TASK_ID/COUNT or JOB_COMPLETION_INDEX')
  .option('--shard-count <n>', 'number of shards when the index comes from JOB_COMPLETION_INDEX (Kubernetes)', positiveInt)
  .option('--resume', 'continue a sweep whose --out folder holds finished points')
  .option('--quiet', 'print nothing but errors')
  .action(async (file: string, flags) => (await import('./sweep-command.js')).sweepCommand(file, flags));

program.command('merge')
  .description('Combine the folders of a sharded sweep into what a one-machine sweep writes.')
  .argument('<dirs...>', 'shard output folders')
  .requiredOption('--out <dir>', 'output folder')
  .option(...force)
  .option('--quiet', 'print nothing but errors')
  .action(async (dirs: string[], flags) => (await import('./merge-command.js')).mergeCommand(dirs, flags));

program.command('calibrate')
  .description('Fit free parameters to observed targets: a posterior by ABC-SMC (version 2 files, several case scenarios at once), or a point by Nelder-Mead (version 1 files, the quick mode).')
  .argument('<calibration>', 'calibration file (JSON), e.g. scenarios/experiments/calibrate-cbp-home-abc.json')
  .option('--out <dir>', 'output folder (default: out/calibrations/<calibration name>)')
  .option(...force)
  .option('--workers <n>', 'worker threads (default: the number of cores)', positiveInt)
  .option('--agents <n>', 'agents per run (overrides the calibration)', positiveInt)
  .option('--shard <i/n>', 'ABC-SMC: run shard i of n (0-based) in a folder the shards share; also read from SLURM_ARRAY_TASK_ID/COUNT or JOB_COMPLETION_INDEX')
  .option('--shard-count <n>', 'number of shards when the index comes from JOB_COMPLETION_INDEX (Kubernetes)', positiveInt)
  .option('--resume', 'ABC-SMC: continue a calibration whose --out folder holds finished evaluations')
  .option('--leave-out <case>', 'ABC-SMC: fit without this case scenario, its targets and its own parameters (leave one case out; then predict it with run --posterior)')
  .option('--quiet', 'print nothing but errors')
  .action(async (file: string, flags) => (await import('./calibrate-command.js')).calibrateCommand(file, flags));

program.command('bench')
  .description('Time what users wait for: cold `run`s end to end with their phases, a sweep, and (secondary) the warmed inner loop; see bench/README.md.')
  .option('--quick', 'cold runs at 1e4-1e6 agents, the sweep and the yardstick only (what CI runs, about 2 minutes)')
  .option('--runs <n>', 'samples per case (default 5, --quick 3); full runs take three times as many at 1e5 agents and below, at most 3 at 1e7 and full scale', positiveInt)
  .option('--json <file>', 'write every figure with its raw samples and the machine\'s metadata as JSON (and a Vega-Lite chart beside it)')
  .option('--chart <file>', 'where to write the Vega-Lite chart (.vl.json; an SVG goes beside it)')
  .option('--check <baseline>', 'exit 1 when a CI ratio falls below the baseline by more than its tolerance')
  .option('--compare <files...>', 'compare two --json files (A B): B/A for every shared figure, flagged when beyond the samples\' spread')
  .option('--quiet', 'print nothing but errors and check results')
  .addOption(new Option('--phases-of <scenario>').hideHelp())
  .addOption(new Option('--phases-agents <n>').argParser(positiveInt).hideHelp())
  .addOption(new Option('--phases-workers <n>').argParser(positiveInt).hideHelp())
  .addHelpText('after', `\nExamples:\n  departure-sim bench --quick --json out/bench.json\n  departure-sim bench --compare bench/latest.json out/bench.json\n${EXIT_CODES}`)
  .action(async (o) => (await import('./bench-command.js')).benchCommand(o));

await program.parseAsync();
