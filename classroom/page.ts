import embed, { type Result } from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';
import { describeProblem, type InputProblem } from '../scenarios/errors.js';
import type { ScenarioInput } from '../scenarios/schema.js';
import { costChart, originChart, uptakeChart } from './charts.js';
import { figureValue } from '../sim/headline-figures.js';
import { FIGURES, pairedChange, showChange, showLevel, unpairedReason } from './figures.js';
import type { RunReply, RunRequest } from './run-worker.js';
import type { ClassroomRun } from './run.js';
import {
  classroomScenario, CONTROLS, DEFAULTS, describeSettings, MODEL_EXPLANATIONS, MODEL_LABELS, MODELS, parseParams, readControl,
  settingsToParams, type NumericControl, type Settings,
} from './settings.js';

// Inserted by the bundler (classroom/bundle.ts): the preset and the two worker programs, so the page is one file.
declare const __PRESET__: ScenarioInput;
declare const __RUN_WORKER_SOURCE__: string;
declare const __BLOCK_WORKER_SOURCE__: string;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const status = $<HTMLParagraphElement>('status');
const form = $<HTMLFormElement>('controls');
const runButton = $<HTMLButtonElement>('run');
const resetButton = $<HTMLButtonElement>('reset');
const downloadButton = $<HTMLButtonElement>('download');
const compareBox = $<HTMLInputElement>('compare');
const pairingNote = $<HTMLParagraphElement>('pairing');
const notice = $<HTMLParagraphElement>('notice');

let settings: Settings = { ...DEFAULTS };
let current: ClassroomRun | undefined;
let previous: ClassroomRun | undefined;
let running = false;
/** settingsToParams of the run shown, to tell whether the fields still show its settings. */
let currentParams = '';
/** Controls whose field holds a value that cannot be used; nothing runs while there are any. */
const invalid = new Map<string, InputProblem>();
const views: Record<string, Result> = {};
// For tests and curious students: the runs and the chart views behind the page.
(window as unknown as { classroom: unknown }).classroom = { views, get current() { return current; }, get previous() { return previous; } };

/** The status above the figures; an error is also shown at the top of the page, which on a phone is far from the figures. */
function showStatus(state: 'idle' | 'running' | 'done' | 'error', text: string) {
  status.dataset.state = state;
  status.textContent = text;
  notice.hidden = state !== 'error';
  notice.textContent = state === 'error' ? text : '';
}

function updateRunButton() {
  runButton.disabled = running || invalid.size > 0;
}

/** One control's row: label, value, input, what the value does, and room for a problem with it. */
interface Row {
  input: HTMLInputElement | HTMLSelectElement;
  set(v: Settings): void;
  /**
   * Show a problem beside the field. 'invalid': the field holds the bad value and nothing runs until it is fixed
   * (the seed, which is typed); 'replaced': a value from the address that a slider cannot hold, shown at the
   * preset's value instead.
   */
  flag(problem: InputProblem | undefined, mode?: 'invalid' | 'replaced'): void;
}
const rows: Row[] = [];

function makeRow(name: string, label: string, field: HTMLInputElement | HTMLSelectElement): { row: HTMLDivElement; out: HTMLOutputElement; explain: HTMLParagraphElement; problem: HTMLParagraphElement } {
  const row = document.createElement('div');
  row.className = 'control';
  const lab = document.createElement('label');
  lab.className = 'name';
  lab.htmlFor = field.id = `control-${name}`;
  lab.textContent = label;
  const out = document.createElement('output');
  out.htmlFor.add(field.id);
  field.name = name;
  const explain = document.createElement('p');
  explain.className = 'explain';
  explain.id = `explain-${name}`;
  const problem = document.createElement('p');
  problem.className = 'problem';
  problem.id = `problem-${name}`;
  problem.setAttribute('role', 'alert');
  problem.hidden = true;
  field.setAttribute('aria-describedby', `${explain.id} ${problem.id}`);
  row.append(lab, out, field, explain, problem);
  form.appendChild(row);
  return { row, out, explain, problem };
}

function numericRow(c: NumericControl): Row {
  const input = document.createElement('input');
  if (c.typed) {
    input.type = 'text';
    input.inputMode = 'numeric';
    input.autocomplete = 'off';
    input.spellcheck = false;
  } else {
    input.type = 'range';
    input.min = String(c.min);
    input.max = String(c.max);
    input.step = String(c.step);
  }
  const { out, explain, problem } = makeRow(c.key, c.label, input);
  const showValue = (v: number) => {
    out.textContent = c.typed ? '' : c.show(v);
    explain.textContent = c.explain(v, __PRESET__);
  };
  const flag = (p: InputProblem | undefined, mode: 'invalid' | 'replaced' = 'invalid') => {
    problem.hidden = !p;
    problem.textContent = !p ? '' : mode === 'invalid'
      ? `${c.label}: got "${String(p.value)}"; ${p.expected}. Nothing runs until this is fixed.`
      : `The address gave "${String(p.value)}" (${p.expected}); the preset's value is shown instead.`;
    input.setAttribute('aria-invalid', String(Boolean(p) && mode === 'invalid'));
    if (p && mode === 'invalid') invalid.set(c.key, p);
    else invalid.delete(c.key);
    updateRunButton();
  };
  input.addEventListener('input', () => {
    const r = readControl(c, input.value);
    if ('problem' in r) {
      flag(r.problem);
      showStatus('error', `${describeProblem(r.problem).trim()}. Nothing runs until it is fixed.`);
      return;
    }
    flag(undefined);
    settings[c.key] = r.value;
    showValue(r.value);
    settingsChanged();
  });
  return {
    input,
    set: (s) => {
      input.value = String(s[c.key]);
      showValue(s[c.key]);
    },
    flag,
  };
}

function modelRow(): Row {
  const select = document.createElement('select');
  for (const m of MODELS) select.add(new Option(MODEL_LABELS[m], m));
  const { out, explain, problem } = makeRow('model', 'Behavioural model', select);
  out.hidden = true;
  const show = () => (explain.textContent = MODEL_EXPLANATIONS[settings.model]);
  select.addEventListener('change', () => {
    problem.hidden = true;
    settings.model = select.value as Settings['model'];
    show();
    settingsChanged();
  });
  return {
    input: select,
    set: (s) => {
      select.value = s.model;
      show();
    },
    flag: (p) => {
      problem.hidden = !p;
      problem.textContent = p ? `The address gave "${String(p.value)}" (${p.expected}); the preset's model is shown instead.` : '';
    },
  };
}

function buildControls() {
  for (const c of CONTROLS) rows.push(numericRow(c));
  rows.push(modelRow());
}

/**
 * Put settings into every field, and flag the address's problems beside their fields: a typed field (the seed)
 * keeps the bad text and blocks runs until it is fixed; a slider shows the preset's value and says so.
 */
function applySettings(s: Settings, problems: InputProblem[] = []) {
  settings = { ...s };
  for (const r of rows) {
    r.set(settings);
    const p = problems.find((x) => x.path === r.input.name);
    const typed = CONTROLS.find((c) => c.key === r.input.name)?.typed;
    if (p && typed) r.input.value = String(p.value);
    r.flag(p, typed ? 'invalid' : 'replaced');
  }
}

function settingsChanged() {
  const params = settingsToParams(settings);
  history.replaceState(null, '', params ? `#${params}` : location.pathname + location.search);
  if (running || invalid.size > 0) return;
  if (!current) showStatus('idle', 'Press Run to simulate these settings.');
  else if (params === currentParams) showStatus('idle', 'These are the settings of the run shown. Change a setting and press Run.');
  else showStatus('idle', `Settings changed (${describeSettings(settings)}): press Run. The figures below are still those of the last run.`);
}

/**
 * A fragment that names an element of the page ("#glossary", from the lessons) is a place to scroll to, not
 * settings: the fragment holds settings only as key=value pairs.
 */
function isAnchor(hash: string): boolean {
  const id = hash.replace(/^#/, '');
  return id !== '' && !id.includes('=') && /^[\w-]+$/.test(id) && document.getElementById(id) !== null;
}

/** The address's settings. With a problem it says what is wrong, beside the field and in the status, and returns false. */
function readAddress(): boolean {
  const { settings: s, problems } = parseParams(isAnchor(location.hash) ? '' : location.hash);
  applySettings(s, problems);
  if (problems.length === 0) return true;
  showStatus('error', `The page address has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}, so nothing was run:\n`
    + `${problems.map((p) => describeProblem(p).trim()).join('\n')}\n`
    + (invalid.size > 0 ? 'Correct the marked field, then press Run.' : 'The fields show the preset\'s value instead of each bad one: press Run to simulate what they show.'));
  return false;
}

function cell(label: string, mean: string, interval: string, cls = ''): HTMLTableCellElement {
  const td = document.createElement('td');
  td.dataset.label = label;
  if (cls) td.className = cls;
  if (!mean) return td;
  const m = document.createElement('span');
  m.className = 'mean';
  m.textContent = mean;
  td.appendChild(m);
  if (interval) {
    const ci = document.createElement('span');
    ci.className = 'ci';
    ci.textContent = interval;
    td.appendChild(ci);
  }
  return td;
}

function renderFigures() {
  const body = $<HTMLTableSectionElement>('figures-body');
  body.replaceChildren();
  const key = (r: ClassroomRun) => ({ seed: r.scenario.seed, agents: r.scenario.population.agents, replicates: r.scenario.replicates });
  const reason = current && previous ? unpairedReason(key(current), key(previous)) : null;
  pairingNote.hidden = !reason;
  pairingNote.textContent = reason ?? '';
  for (const fig of FIGURES) {
    const tr = document.createElement('tr');
    tr.dataset.figure = fig.key;
    const name = document.createElement('th');
    name.scope = 'row';
    name.textContent = fig.label;
    name.title = fig.note;
    tr.appendChild(name);
    for (const [label, run] of [['This run', current], ['Previous run', previous]] as const) {
      if (!run) {
        tr.appendChild(cell(label, '', ''));
        continue;
      }
      const e = figureValue(run.headline, fig.key);
      const shown = showLevel(fig, e);
      const td = cell(label, shown.mean, shown.interval);
      if (run === current) {
        td.dataset.figure = fig.key;
        td.dataset.value = JSON.stringify(e.mean);
      }
      tr.appendChild(td);
    }
    if (current && previous && !reason && !fig.input) {
      const d = pairedChange(current.replicates, previous.replicates, fig.key);
      const shown = showChange(fig, d);
      const td = cell('Change', shown.mean, shown.interval, shown.clear ? 'clear' : '');
      td.dataset.change = fig.key;
      td.dataset.value = JSON.stringify([d.mean, d.lo95, d.hi95]);
      tr.appendChild(td);
    } else {
      tr.appendChild(cell('Change', current && previous && reason && !fig.input ? 'not paired' : '', ''));
    }
    body.appendChild(tr);
  }
}

async function renderCharts() {
  if (!current) return;
  const overlay = compareBox.checked ? previous : undefined;
  const specs = { uptake: uptakeChart(current, overlay), cost: costChart(current, overlay), origin: originChart(current, overlay) };
  for (const [name, spec] of Object.entries(specs)) {
    views[name]?.finalize();
    // The interpreter evaluates Vega expressions without eval, so the server's Content-Security-Policy can forbid it.
    views[name] = await embed(`#chart-${name}`, spec, { renderer: 'svg', actions: false, ast: true, expr: expressionInterpreter });
  }
  document.body.dataset.charts = String(Number(document.body.dataset.charts ?? 0) + 1);
}

function run() {
  if (running) return;
  if (invalid.size > 0) {
    showStatus('error', `Not run: ${[...invalid.values()].map((p) => describeProblem(p).trim()).join('; ')}.`);
    return;
  }
  let input: ScenarioInput;
  try {
    input = classroomScenario(__PRESET__, settings);
  } catch (e) {
    showStatus('error', String(e));
    return;
  }
  const ran = { ...settings };
  const params = settingsToParams(ran);
  running = true;
  updateRunButton();
  showStatus('running', 'Starting…');
  const url = URL.createObjectURL(new Blob([__RUN_WORKER_SOURCE__], { type: 'text/javascript' }));
  const worker = new Worker(url);
  const finish = () => {
    worker.terminate();
    URL.revokeObjectURL(url);
    running = false;
    updateRunButton();
  };
  worker.onmessage = async (e: MessageEvent<RunReply>) => {
    const m = e.data;
    if (m.type === 'progress') {
      showStatus('running', `Running: step ${m.done} of ${m.total}`);
      return;
    }
    finish();
    if (m.type === 'error') {
      showStatus('error', m.message);
      return;
    }
    previous = current;
    current = m.run;
    currentParams = params;
    downloadButton.disabled = false;
    renderFigures();
    await renderCharts();
    showStatus('done', `Done in ${m.seconds.toFixed(1)} s on ${m.executor}: ${current.scenario.population.agents.toLocaleString('en-US')} agents, `
      + `${current.scenario.replicates} replicates, seed ${current.scenario.seed}. Settings: ${describeSettings(ran)}.`);
  };
  worker.onerror = (e) => {
    finish();
    showStatus('error', `The run failed: ${e.message}`);
  };
  const request: RunRequest = { input, blockWorkerSource: __BLOCK_WORKER_SOURCE__, threads: Math.min(8, navigator.hardwareConcurrency || 2) };
  worker.postMessage(request);
}

function download() {
  if (!current) return;
  const blob = new Blob([JSON.stringify(current.scenario, null, 2) + '\n'], { type: 'application/json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = 'classroom-scenario.json';
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

buildControls();
runButton.addEventListener('click', run);
resetButton.addEventListener('click', () => {
  applySettings(DEFAULTS);
  settingsChanged();
});
downloadButton.addEventListener('click', download);
compareBox.addEventListener('change', () => void renderCharts());
form.addEventListener('submit', (e) => {
  e.preventDefault();
  run();
});
// Links within the page (glossary, jump links) scroll without replacing the settings held in the fragment.
document.addEventListener('click', (e) => {
  const a = (e.target as Element | null)?.closest?.('a[href^="#"]');
  const target = a && document.getElementById(a.getAttribute('href')!.slice(1));
  if (!target) return;
  e.preventDefault();
  target.scrollIntoView();
});
// A link edited by hand in the address bar changes only the fragment: read it again, but do not run.
window.addEventListener('hashchange', () => {
  if (isAnchor(location.hash)) return;
  if (readAddress()) settingsChanged();
});
// First contact: figures without a click, unless the address asks for something that cannot be run.
if (readAddress()) run();
