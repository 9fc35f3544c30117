import { InputError } from '../../scenarios/errors.js';
import { parseWith } from '../../scenarios/parse.js';
import { abcCalibrationSchema, type AbcCalibration } from './file-schema.js';

/**
 * A version 2 calibration without one of its case scenarios, for a leave-one-case-out check: fit on the others,
 * then predict the case left out with `run --posterior`. The case goes with its targets and with the parameters
 * set in it alone; a parameter shared with other cases stays, set in those. The name gains `-without-<case>`, so
 * that the fit has its own default output folder.
 */
export function leaveCaseOut(file: string, raw: unknown, key: string): AbcCalibration {
  const c = parseWith(abcCalibrationSchema, raw, file);
  const keys = Object.keys(c.scenarios);
  if (!keys.includes(key)) {
    throw new InputError(file, [{ path: '--leave-out', value: key, expected: `expected one of the calibration's case scenarios (${keys.join(', ')})` }]);
  }
  if (keys.length === 1) {
    throw new InputError(file, [{ path: '--leave-out', value: key, expected: 'expected a calibration of two or more case scenarios: this one has no other case to fit' }]);
  }
  const parameters = c.parameters
    .map((p) => (p.scenarios ? { ...p, scenarios: p.scenarios.filter((s) => s !== key) } : p))
    .filter((p) => !p.scenarios || p.scenarios.length > 0);
  const targets = c.targets.filter((t) => t.scenario !== key);
  if (targets.length === 0 || parameters.length === 0) {
    throw new InputError(file, [{ path: '--leave-out', value: key, expected: 'expected the other cases to keep at least one target and one parameter' }]);
  }
  const suffix = key.toLowerCase().replace(/_/g, '-');
  return {
    ...c,
    name: `${c.name}-without-${suffix}`,
    title: `${c.title}, without the ${key} case`,
    description: `${c.description}${c.description ? ' ' : ''}Leave-one-case-out: the ${key} case, its targets and the parameters set in it alone are left out.`,
    scenarios: Object.fromEntries(Object.entries(c.scenarios).filter(([k]) => k !== key)),
    parameters,
    targets,
  };
}
