#!/usr/bin/env node
import { Command } from 'commander';
import { PACKAGE } from '../sim/package-info.js';
import { fail } from './failure.js';
import { nonNegativeInt, positiveInt, positiveNumber } from './options.js';
import { writeReport } from '../reports/write-report.js';
import { readScenario, runCommand } from './run-command.js';

const program = new Command('departure-sim')
  .description('Simulate who takes up a paid voluntary-departure offer, how fast, and at what cost per additional departure.')
  .version(PACKAGE.version);

program.command('run')
  .description('Run a scenario with its counterfactual twin and write results.csv, summary.json, scenario.json, meta.json and report/.')
  .argument('<scenario>', 'scenario file (JSON), e.g. scenarios/cbp-home-2025.json')
  .option('--out <dir>', 'output folder (default: out/<scenario name>)')
  .option('--workers <n>', 'worker threads (default: the number of cores)', positiveInt)
  .option('--agents <n>', 'number of agents (overrides population.agents)', positiveInt)
  .option('--weight <w>', 'persons per agent (with --agents: sets persons; alone: sets agents)', positiveNumber)
  .option('--seed <s>', 'random seed (overrides seed)', nonNegativeInt)
  .option('--replicates <r>', 'number of replicates (overrides replicates)', positiveInt)
  .option('--no-counterfactual', 'skip the programme-off twin (no additionality figures)')
  .option('--no-report', 'skip the HTML and Vega-Lite report')
  .option('--quiet', 'print nothing but errors')
  .action(runCommand);

program.command('validate')
  .description('Check a scenario file and print the problems, or "ok" and the resolved scenario hash.')
  .argument('<scenario>', 'scenario file (JSON)')
  .action((file: string) => {
    try {
      const s = readScenario(file);
      process.stdout.write(`ok: ${file} (${s.name}, model ${s.model.name}, ${s.time.steps} steps from ${s.time.start})\n`);
    } catch (e) {
      fail(e);
    }
  });

program.command('report')
  .description('Rebuild report/ of a run folder from its saved results.csv and summary.json, without re-running.')
  .argument('<run-dir>', 'output folder of `departure-sim run`')
  .action(async (dir: string) => {
    try {
      process.stdout.write(`${await writeReport(dir)}\n`);
    } catch (e) {
      fail(e);
    }
  });

program.command('classroom')
  .description('Serve the classroom page (sliders, charts, lessons) on 127.0.0.1 and print its URL.')
  .option('--port <n>', 'port (default: any free port)')
  .action(async (flags) => (await import('../classroom/command.js')).classroomCommand(flags));

await program.parseAsync();
