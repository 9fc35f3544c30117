import { closeSync, existsSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { InputError } from '../scenarios/errors.js';
import { packageRoot } from '../scenarios/package-info.js';

/**
 * Output folders that never cost a user a file. A command may replace a folder only if it is missing, empty, or
 * this tool's own output of the same kind (it carries the marker file below); anything else is refused before any
 * work starts, unless the user passes --force, and even then never a file, a symbolic link, or a folder holding
 * the current directory, the home folder or this installation. Results are built in a temporary sibling and
 * swapped in by two renames; a process killed between them leaves the old folder aside under a name that the next
 * command for the same folder recognises and puts back.
 */

export type OutputKind = 'run' | 'sweep' | 'calibration' | 'classroom' | 'report' | 'comparison';

/** The marker that makes a folder this tool's own output, and of which kind. */
export const MARKER = '.departure-sim.json';

function markerText(kind: OutputKind): string {
  return `${JSON.stringify({ tool: 'departure-sim', kind })}\n`;
}

/** Make `dir` this tool's output of `kind`. */
export function markFolder(dir: string, kind: OutputKind): void {
  writeFileSync(join(dir, MARKER), markerText(kind));
}

/** The kind of output a folder holds by its marker, or undefined when it has none (or not this tool's). */
export function outputKind(dir: string): OutputKind | undefined {
  try {
    const m = JSON.parse(readFileSync(join(dir, MARKER), 'utf8')) as { tool?: unknown; kind?: unknown };
    return m.tool === 'departure-sim' && typeof m.kind === 'string' ? (m.kind as OutputKind) : undefined;
  } catch {
    return undefined;
  }
}

export interface OutputRequest {
  /** The folder as the user gave it. */
  path: string;
  kind: OutputKind;
  /** Replace a non-empty folder that is not this tool's output of this kind (never a file, link or ancestor). */
  force?: boolean;
  /** How the user named the folder, for messages: `--out` by default. */
  option?: string;
}

const refuse = (r: OutputRequest, expected: string): never => {
  throw new InputError(r.option ?? '--out', [{ path: r.option ?? '--out', value: r.path, expected }]);
};

/** Folders no command may replace, even with --force: those that hold where the user works or this tool. */
function protectedFolders(): Array<[string, string]> {
  const out: Array<[string, string]> = [[process.cwd(), 'the current directory'], [packageRoot(), 'the departure-sim installation']];
  const home = homedir();
  if (home) out.push([home, 'your home folder']);
  return out.flatMap(([p, what]) => {
    try {
      return [[realpathSync(p), what] as [string, string]];
    } catch {
      return [];
    }
  });
}

/** The real path of `p`, following links in its existing part; the missing tail is appended as given. */
function realPathOf(p: string): string {
  const abs = resolve(p);
  let head = abs;
  const tail: string[] = [];
  while (!existsSync(head)) {
    tail.unshift(basename(head));
    const up = dirname(head);
    if (up === head) break;
    head = up;
  }
  return join(realpathSync(head), ...tail);
}

/** Whether `inner` is `outer` or inside it. */
const contains = (outer: string, inner: string) => {
  const rel = relative(outer, inner);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
};

/** Whether process `pid` is still running (a leftover of a live process is not ours to touch). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Put back, or remove, what a killed command left beside `target`: `.NAME.old-PID` (the previous output, moved
 * aside for the swap) is restored when the target is missing; temporaries and displaced folders that carry this
 * tool's marker of `kind` are removed. Anything else, or anything of a live process, is left alone.
 */
export function recoverLeftovers(target: string, kind: OutputKind): string[] {
  const parent = dirname(target);
  const name = basename(target);
  if (!existsSync(parent)) return [];
  const notes: string[] = [];
  const leftover = /^\.(.+)\.(tmp|old)-(\d+)$/;
  for (const entry of readdirSync(parent)) {
    const m = leftover.exec(entry);
    if (!m || m[1] !== name || alive(Number(m[3]))) continue;
    const path = join(parent, entry);
    if (m[2] === 'old' && !existsSync(target)) {
      renameSync(path, target);
      notes.push(`restored ${target}, which an interrupted command had moved aside`);
    } else if (outputKind(path) === kind) {
      rmSync(path, { recursive: true, force: true });
    }
  }
  return notes;
}

/**
 * Check that `r.path` may receive this kind of output, before any work starts; throws an InputError (exit 2)
 * naming the folder and what is expected. Returns the absolute path.
 */
export function checkOutputTarget(r: OutputRequest): string {
  if (r.path.trim() === '') refuse(r, 'expected a folder path, not an empty string');
  const abs = resolve(r.path);
  const real = realPathOf(abs);
  for (const [folder, what] of protectedFolders()) {
    if (contains(real, folder)) refuse(r, `expected a folder that does not contain ${what} (${folder}): it is never replaced, even with --force`);
  }
  let stat;
  try {
    stat = lstatSync(abs);
  } catch {
    return abs;
  }
  if (stat.isSymbolicLink()) refuse(r, 'expected a folder, not a symbolic link: give the folder it points to, or a new path');
  if (!stat.isDirectory()) refuse(r, 'expected a folder path, but a file is there: a file is never replaced by a folder; choose another path');
  if (readdirSync(abs).length === 0) return abs;
  const kind = outputKind(abs);
  if (kind === r.kind) return abs;
  if (!r.force) {
    const whose = kind ? `it holds departure-sim's ${kind} output, not a ${r.kind}` : 'it is not empty and was not written by departure-sim';
    refuse(r, `expected a new or empty folder, or one this tool wrote for a ${r.kind}: ${whose}. Choose another folder, or pass --force to replace it and everything in it`);
  }
  return abs;
}

/** Temporary folders and files being written, removed when the process fails or is interrupted. */
const activeTemp = new Set<string>();

export function removeTemporaryOutputs(): void {
  for (const tmp of activeTemp) rmSync(tmp, { recursive: true, force: true });
  activeTemp.clear();
}

/**
 * A folder being built: checked and started before the work (so a bad or unwritable --out fails at once), filled
 * in `dir`, and swapped into place by `commit`. Until then the target is untouched.
 */
export class PendingFolder {
  readonly target: string;
  readonly dir: string;
  readonly notes: string[];

  constructor(readonly request: OutputRequest) {
    this.target = checkOutputTarget(request);
    this.notes = recoverLeftovers(this.target, request.kind);
    const parent = dirname(this.target);
    this.dir = join(parent, `.${basename(this.target)}.tmp-${process.pid}`);
    try {
      mkdirSync(parent, { recursive: true });
      rmSync(this.dir, { recursive: true, force: true });
      mkdirSync(this.dir);
      activeTemp.add(this.dir);
      markFolder(this.dir, request.kind);
    } catch (e) {
      this.discard();
      refuse(request, `expected a folder this user can create and write (${(e as NodeJS.ErrnoException).code ?? 'not writable'})`);
    }
  }

  /** Write the files into the folder being built. */
  write(files: Record<string, string | Uint8Array>): void {
    for (const [name, data] of Object.entries(files)) {
      mkdirSync(dirname(join(this.dir, name)), { recursive: true });
      writeFileSync(join(this.dir, name), data);
    }
  }

  /**
   * Swap the built folder in. rename() cannot replace a non-empty folder, so the old one steps aside first (as
   * `.NAME.old-PID`, which `recoverLeftovers` restores if the process dies before the second rename).
   */
  commit(): void {
    const old = join(dirname(this.target), `.${basename(this.target)}.old-${process.pid}`);
    // The target may have appeared since the check (another process): check again, as the user asked the first time.
    checkOutputTarget(this.request);
    const moved = existsSync(this.target);
    if (moved) renameSync(this.target, old);
    try {
      renameSync(this.dir, this.target);
    } catch (error) {
      if (moved) renameSync(old, this.target);
      throw error;
    }
    activeTemp.delete(this.dir);
    if (moved) rmSync(old, { recursive: true, force: true });
  }

  discard(): void {
    rmSync(this.dir, { recursive: true, force: true });
    activeTemp.delete(this.dir);
  }
}

/** Build a folder of this kind in one go: it appears whole, or not at all. */
export async function writeFolderAtomically(request: OutputRequest, files: Record<string, string | Uint8Array>,
  finish?: (dir: string) => Promise<void>): Promise<void> {
  const pending = new PendingFolder(request);
  try {
    pending.write(files);
    await finish?.(pending.dir);
    pending.commit();
  } finally {
    pending.discard();
  }
}

/**
 * A folder filled over time (a sweep's points), after `checkOutputTarget` allowed it: kept as it is when `keep`
 * and it is this tool's output of the kind, otherwise emptied (it is empty, ours, or --force was given) and
 * started afresh with its marker.
 */
export function openIncrementalFolder(request: OutputRequest, keep: boolean): string {
  const target = checkOutputTarget(request);
  recoverLeftovers(target, request.kind);
  const kept = keep && existsSync(target) && outputKind(target) === request.kind;
  try {
    if (!kept) {
      rmSync(target, { recursive: true, force: true });
      mkdirSync(target, { recursive: true });
      markFolder(target, request.kind);
    }
  } catch (e) {
    refuse(request, `expected a folder this user can create and write (${(e as NodeJS.ErrnoException).code ?? 'not writable'})`);
  }
  return target;
}

/** Write one file so that it appears whole or not at all; a failed write leaves no temporary behind. */
export function writeFileAtomically(file: string, text: string | Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = join(dirname(file), `.${basename(file)}.tmp-${process.pid}`);
  activeTemp.add(tmp);
  try {
    const fd = openSync(tmp, 'w');
    try {
      writeFileSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, { force: true });
    activeTemp.delete(tmp);
  }
}
