import { InputError, describeProblem } from '../scenarios/errors.js';
import { removeTemporaryOutputs } from '../sim/outputs.js';

/** Exit codes: 1 a run that failed, 2 bad input, 130 interrupted (the shell's convention for SIGINT). */
export const EXIT = { failed: 1, input: 2, interrupted: 130 } as const;

/** Print a failure the way a user needs it (no stack trace for anything the user can fix) and exit. */
export function fail(e: unknown): never {
  removeTemporaryOutputs();
  if (e instanceof InputError) {
    process.stderr.write(`departure-sim: invalid input in ${e.source}:\n${e.problems.map(describeProblem).join('\n')}\n`);
    process.exit(EXIT.input);
  }
  if (e instanceof Error && e.name === 'AbortError') {
    process.stderr.write('departure-sim: interrupted; no output was written\n');
    process.exit(EXIT.interrupted);
  }
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`departure-sim: the run failed: ${message}\nNo output was written.\n`);
  if (process.env.DEPARTURE_SIM_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  process.exit(EXIT.failed);
}

/**
 * An AbortSignal that fires on the first Ctrl-C; the run stops at the next step boundary and cleans up.
 * A second Ctrl-C exits at once, still removing temporary output.
 */
export function interruptSignal(): AbortSignal {
  const controller = new AbortController();
  process.on('SIGINT', () => {
    if (controller.signal.aborted) {
      removeTemporaryOutputs();
      process.exit(EXIT.interrupted);
    }
    controller.abort(new DOMException('interrupted', 'AbortError'));
  });
  return controller.signal;
}
