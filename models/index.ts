import { registerModel } from './model.js';
import { plannedBehaviour } from './planned-behaviour.js';
import { utility } from './utility.js';

/**
 * The behavioural models a scenario can choose, one line each (models/model.ts says how to add one). The first is
 * the default of documentation and examples.
 */
registerModel(utility);
registerModel(plannedBehaviour);

export { behaviouralModel, modelNames, modelParamsSchema, registerModel, registryVersion, type BehaviouralModel, type ModelParams } from './model.js';
