import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { progressBar } from './progress.js';

/** A terminal stand-in that keeps what is drawn on it. */
function terminal(isTTY: boolean): NodeJS.WriteStream & { text: string } {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      stream.text += String(chunk);
      done();
    },
  }) as unknown as NodeJS.WriteStream & { text: string };
  Object.assign(stream, { text: '', isTTY, columns: 120, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
  return stream;
}

describe('progress bar', () => {
  it('shows at once that the work is starting, then counts what it counts', async () => {
    const tty = terminal(true);
    const bar = progressBar('stipend-5000', false, 'steps', tty);
    expect(tty.text).toMatch(/stipend-5000 \[.*\] starting/);
    bar.update(3, 72);
    // The bar redraws on its own timer, at most ten times a second.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(tty.text).toMatch(/\| 3\/72 steps \|/);
    bar.stop();
  });

  it('draws nothing when the output is not a terminal, or with --quiet', () => {
    for (const [isTTY, quiet] of [[false, false], [true, true]]) {
      const stream = terminal(isTTY);
      const bar = progressBar('x', quiet, 'steps', stream);
      bar.update(1, 2);
      bar.stop();
      expect(stream.text).toBe('');
    }
  });
});
