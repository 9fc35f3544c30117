import { describe, expect, it } from 'vitest';
import { AWARE, leftEveryArm, State, STATE_MASK } from './population.js';

const STATES = [State.Present, State.Registered, State.Preparing, State.DepartedAssisted, State.DepartedUnassisted, State.Removed];
/** The three things an agent can be: in the country, gone on its own or with the programme, or removed. */
const inCountry = (s: number) => (s & STATE_MASK) <= State.Preparing;
const departed = (s: number) => (s & STATE_MASK) === State.DepartedAssisted || (s & STATE_MASK) === State.DepartedUnassisted;
const removed = (s: number) => (s & STATE_MASK) === State.Removed;

describe('agent states', () => {
  it('are partitioned by the predicates the step uses: each state, aware or not, in exactly one', () => {
    for (const s of STATES) {
      for (const byte of [s, s | AWARE]) {
        expect([inCountry(byte), departed(byte), removed(byte)].filter(Boolean).length).toBe(1);
        // The step's own test for "still to be stepped" is the complement of having left.
        expect((byte & STATE_MASK) >= State.DepartedAssisted).toBe(!inCountry(byte));
      }
    }
  });

  it('say an agent has left in every arm only when it has left in each simulated arm', () => {
    for (const p of STATES) {
      for (const c of STATES) {
        expect(leftEveryArm(p | AWARE, c, true)).toBe(!inCountry(p) && !inCountry(c));
        expect(leftEveryArm(p, c, false)).toBe(!inCountry(p));
      }
    }
  });

  it('keep the awareness bit apart from the state', () => {
    expect(AWARE & STATE_MASK).toBe(0);
    expect(Math.max(...STATES)).toBeLessThanOrEqual(STATE_MASK);
  });
});
