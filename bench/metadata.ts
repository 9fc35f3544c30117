import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus, freemem, loadavg, totalmem } from 'node:os';
import { packageRoot, PACKAGE } from '../scenarios/package-info.js';

/** Where and on what the figures were measured: enough to tell two benchmark files apart, or a busy machine. */
export interface BenchMeta {
  /** `git rev-parse HEAD` of the package, or "unknown" outside a git checkout. */
  commit: string;
  /** Whether the checkout had uncommitted changes (null when unknown). */
  dirty: boolean | null;
  version: string;
  /** ISO date and time the benchmark started. */
  date: string;
  node: string;
  platform: string;
  arch: string;
  cpu: string;
  cores: number;
  memoryBytes: number;
  freeMemoryBytesStart: number;
  /** os.loadavg(): 1-, 5- and 15-minute load averages at the start and the end. */
  loadAverageStart: number[];
  loadAverageEnd: number[];
  /** The 1-minute load average at the start of every round, with seconds since the start. */
  loadDuring: { round: number; seconds: number; load1: number }[];
  durationSeconds: number;
  /** Child processes stopped by a signal; each such sample was taken again once. */
  crashes: { task: string; error: string }[];
}

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd: packageRoot(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

export function startMeta(): BenchMeta {
  const commit = git(['rev-parse', 'HEAD']);
  const status = commit === null ? null : git(['status', '--porcelain', '--untracked-files=no']);
  return {
    commit: commit ?? 'unknown',
    dirty: status === null ? null : status.length > 0,
    version: PACKAGE.version,
    date: new Date().toISOString(),
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    memoryBytes: totalmem(),
    freeMemoryBytesStart: freemem(),
    loadAverageStart: loadavg(),
    loadAverageEnd: [],
    loadDuring: [],
    durationSeconds: NaN,
    crashes: [],
  };
}
