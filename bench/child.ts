import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../scenarios/package-info.js';

/** One timed child process: a cold start of Node and of the command, as a user's shell would start it. */
export interface ChildTiming {
  /** From spawn to exit, seconds, measured by the benchmark process. */
  wallSeconds: number;
  /** Peak resident memory of the child, worker threads included (process.resourceUsage().maxRSS at exit). */
  peakRssBytes: number;
  stdout: string;
}

/** A child stopped by a signal (a crash, or the timeout): the benchmark retries such a sample once and says so. */
export class ChildCrash extends Error {
  override name = 'ChildCrash';
}

/** The built CLI, `departure-sim` as installed: what every cold run starts. */
export function cliFile(): string {
  return join(packageRoot(), 'dist', 'cli', 'main.js');
}

/** The built probe (CommonJS, see the file), whether this module runs built or from source (tests). */
const probe = join(packageRoot(), 'dist', 'bench', 'rss-probe.cjs');
let serial = 0;

/**
 * Run `node <args>` in a new process with the peak-memory probe preloaded, and time it from outside. A child that
 * exits non-zero or outlives `timeoutSeconds` (then killed) is an error: a benchmark of a failed run means nothing.
 */
export function timeChild(args: string[], scratch: string, timeoutSeconds = 900): Promise<ChildTiming> {
  const rssFile = join(scratch, `rss-${process.pid}-${serial++}.json`);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--require', probe, ...args], {
      env: { ...process.env, BENCH_RSS_FILE: rssFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutSeconds * 1000);
    let wall = NaN;
    child.on('exit', () => { wall = (performance.now() - started) / 1000; });
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      let peak = NaN;
      if (existsSync(rssFile)) {
        try {
          peak = JSON.parse(readFileSync(rssFile, 'utf8')).maxRssBytes;
        } catch {
          peak = NaN;
        }
        rmSync(rssFile, { force: true });
      }
      if (code !== 0) {
        const why = signal ? `was stopped by ${signal}${signal === 'SIGKILL' ? ` (over ${timeoutSeconds} s?)` : ''}` : `exited with code ${code}`;
        reject(new (signal ? ChildCrash : Error)(`benchmark child \`node ${args.join(' ')}\` ${why}${stderr.trim() ? `:\n${stderr.trim()}` : ''}`));
        return;
      }
      resolve({ wallSeconds: wall, peakRssBytes: peak, stdout });
    });
  });
}
