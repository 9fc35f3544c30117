import { InputError, describeProblem } from '../scenarios/errors.js';
import { removeTemporaryOutputs } from '../sim/output-folder.js';

/**
 * Exit codes of every command: 1 a run that failed, 2 bad input (a file, a value, an option or an output folder
 * that must not be replaced), 130 interrupted by Ctrl-C, 143 stopped by SIGTERM (the shell's 128 + signal).
 */
export const EXIT = { failed: 1, input: 2, interrupted: 130, terminated: 143 } as const;

/** What a failed command leaves behind, for the last line of its message. */
export interface FailureContext {
  /** Said when the command stops early; default: nothing was written. */
  leftBehind?: string;
}

const NOTHING = 'No output was written.';

/** Print a failure the way a user needs it (no stack trace for anything the user can fix) and exit. */
export function fail(e: unknown, context: FailureContext = {}): never {
  removeTemporaryOutputs();
  const left = context.leftBehind ?? NOTHING;
  if (e instanceof InputError) {
    process.stderr.write(`departure-sim: invalid input in ${e.source}:\n${e.problems.map(describeProblem).join('\n')}\n`);
    process.exit(EXIT.input);
  }
  if (e instanceof Error && e.name === 'AbortError') {
    const signal = (e as Error & { signal?: string }).signal ?? 'SIGINT';
    process.stderr.write(`departure-sim: ${signal === 'SIGTERM' ? 'stopped by SIGTERM' : 'interrupted'}. ${left}\n`);
    process.exit(signal === 'SIGTERM' ? EXIT.terminated : EXIT.interrupted);
  }
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`departure-sim: the command failed: ${message}\n${left}\n`);
  if (process.env.DEPARTURE_SIM_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  process.exit(EXIT.failed);
}

/**
 * An AbortSignal that fires on the first Ctrl-C or SIGTERM; the command stops at its next safe point and cleans
 * up. A second signal exits at once, still removing temporary output.
 */
export function interruptSignal(): AbortSignal {
  const controller = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (controller.signal.aborted) {
        removeTemporaryOutputs();
        process.exit(signal === 'SIGTERM' ? EXIT.terminated : EXIT.interrupted);
      }
      const reason = Object.assign(new DOMException(signal === 'SIGTERM' ? 'stopped by SIGTERM' : 'interrupted', 'AbortError'), { signal });
      controller.abort(reason);
    });
  }
  return controller.signal;
}
