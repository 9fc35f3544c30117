import embed, { type Result } from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';
import { InputError } from '../scenarios/errors.js';
import type { ScenarioInput } from '../scenarios/schema.js';
import type { Estimate } from '../sim/stats.js';
import { costChart, originChart, uptakeChart } from './charts.js';
import { FIGURES, figureValue } from './figures.js';
import type { RunReply, RunRequest } from './run-worker.js';
import type { ClassroomRun } from './run.js';
import { acceptable, classroomScenario, CONTROLS, DEFAULTS, MODELS, settingsFromParams, settingsToParams, type Settings } from './settings.js';

// Inserted by the bundler (classroom/bundle.ts): the preset and the two worker programs, so the page is one file.
declare const __PRESET__: ScenarioInput;
declare const __RUN_WORKER_SOURCE__: string;
declare const __BLOCK_WORKER_SOURCE__: string;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const status = $<HTMLParagraphElement>('status');
const form = $<HTMLFormElement>('controls');
const runButton = $<HTMLButtonElement>('run');
const downloadButton = $<HTMLButtonElement>('download');
const compareBox = $<HTMLInputElement>('compare');

let settings: Settings = { ...DEFAULTS };
try {
  settings = settingsFromParams(location.hash);
} catch (e) {
  showStatus('error', e instanceof InputError ? `${e.message}\nUsing the defaults instead.` : String(e));
}
let current: ClassroomRun | undefined;
let previous: ClassroomRun | undefined;
const views: Record<string, Result> = {};
// For tests and curious students: the runs and the chart views behind the page.
(window as unknown as { classroom: unknown }).classroom = { views, get current() { return current; }, get previous() { return previous; } };

function showStatus(state: 'idle' | 'running' | 'done' | 'error', text: string) {
  status.dataset.state = state;
  status.textContent = text;
}

function buildControls() {
  for (const c of CONTROLS) {
    const row = document.createElement('label');
    const isSeed = c.key === 'seed';
    row.innerHTML = `<span class="name"></span><input name="${c.key}" type="${isSeed ? 'number' : 'range'}" min="${c.min}" max="${c.max}" step="${c.step}"><output></output>`;
    row.querySelector('.name')!.textContent = c.label;
    const input = row.querySelector('input')!;
    const out = row.querySelector('output')!;
    input.value = String(settings[c.key]);
    out.textContent = c.show(settings[c.key]);
    out.hidden = isSeed;
    input.addEventListener('input', () => {
      const v = Number(input.value);
      if (input.value === '' || !acceptable(c, v)) return;
      settings[c.key] = v;
      out.textContent = c.show(v);
      settingsChanged();
    });
    form.appendChild(row);
  }
  const row = document.createElement('label');
  row.innerHTML = '<span class="name">Behavioural model</span><select name="model"></select><output></output>';
  const select = row.querySelector('select')!;
  for (const m of MODELS) select.add(new Option(m === 'utility' ? 'random utility' : 'planned behaviour', m));
  select.value = settings.model;
  select.addEventListener('change', () => {
    settings.model = select.value as Settings['model'];
    settingsChanged();
  });
  form.appendChild(row);
}

function settingsChanged() {
  const params = settingsToParams(settings);
  history.replaceState(null, '', params ? `#${params}` : location.pathname + location.search);
}

function show(e: Estimate, kind: 'count' | 'money' | 'share'): string {
  const f = (x: number) => kind === 'share' ? `${(x * 100).toFixed(1)}%`
    : `${x < 0 ? '-' : ''}${kind === 'money' ? '$' : ''}${Math.abs(Math.round(x)).toLocaleString('en-US')}`;
  if (e.mean === null) return 'n/a';
  return e.lo95 === null || e.hi95 === null ? f(e.mean) : `${f(e.mean)} (${f(e.lo95)} to ${f(e.hi95)})`;
}

function renderFigures() {
  const body = $<HTMLTableSectionElement>('figures-body');
  body.replaceChildren();
  for (const fig of FIGURES) {
    const tr = document.createElement('tr');
    const name = document.createElement('th');
    name.textContent = fig.label;
    tr.appendChild(name);
    for (const run of [current, previous]) {
      const td = document.createElement('td');
      if (run) {
        const e = figureValue(run.headline, fig.key);
        td.textContent = show(e, fig.kind);
        if (run === current) {
          td.dataset.figure = fig.key;
          td.dataset.value = JSON.stringify(e.mean);
        }
      }
      tr.appendChild(td);
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
  let input: ScenarioInput;
  try {
    input = classroomScenario(__PRESET__, settings);
  } catch (e) {
    showStatus('error', String(e));
    return;
  }
  runButton.disabled = true;
  showStatus('running', 'Starting…');
  const url = URL.createObjectURL(new Blob([__RUN_WORKER_SOURCE__], { type: 'text/javascript' }));
  const worker = new Worker(url);
  const finish = () => {
    worker.terminate();
    URL.revokeObjectURL(url);
    runButton.disabled = false;
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
    downloadButton.disabled = false;
    renderFigures();
    await renderCharts();
    showStatus('done', `Done in ${m.seconds.toFixed(1)} s on ${m.executor}: ${current.scenario.population.agents.toLocaleString('en-US')} agents, ${current.scenario.replicates} replicates, seed ${current.scenario.seed}.`);
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
downloadButton.addEventListener('click', download);
compareBox.addEventListener('change', () => void renderCharts());
form.addEventListener('submit', (e) => e.preventDefault());
