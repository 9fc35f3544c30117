import type { Estimate } from '../summary.js';
import { type Chart, type ConcatMember, type RunData, SCHEMA, config, countLabelExpr, displayName, wrap } from './common.js';

const PANEL_WIDTH = 320;
const PROGRAMME = 'Programme departures';
const ADDITIONAL = 'Additional departures';

export function uptakeByOriginChart({ summary }: RunData): Chart {
  const mean = (e: Estimate | null) => e?.mean ?? null;
  const origins = summary.byOrigin.map((o) => ({
    origin: displayName(o.origin),
    persons: o.persons,
    uptake: mean(o.uptakeRate),
    uptakeLo: o.uptakeRate?.lo95 ?? null,
    uptakeHi: o.uptakeRate?.hi95 ?? null,
    programme: mean(o.programmeDepartures),
    additional: mean(o.additionalDepartures),
  }));
  const order = [...origins].sort((a, b) => (b.uptake ?? -Infinity) - (a.uptake ?? -Infinity)).map((o) => o.origin);
  const height = Math.max(160, 30 * origins.length);
  const y = { field: 'origin', type: 'nominal' as const, sort: order, axis: { title: 'Origin group' } };
  const tooltip = [
    { field: 'origin', type: 'nominal' as const, title: 'Origin group' },
    { field: 'persons', type: 'quantitative' as const, title: 'Persons at start', format: ',.0f' },
    { field: 'uptake', type: 'quantitative' as const, title: 'Uptake rate (mean)', format: '.2%' },
    { field: 'uptakeLo', type: 'quantitative' as const, title: 'Uptake, 95% interval low', format: '.2%' },
    { field: 'uptakeHi', type: 'quantitative' as const, title: 'Uptake, 95% interval high', format: '.2%' },
    { field: 'programme', type: 'quantitative' as const, title: 'Programme departures (mean)', format: ',.0f' },
    { field: 'additional', type: 'quantitative' as const, title: 'Additional departures (mean)', format: ',.0f' },
  ];

  const uptakePanel: ConcatMember = {
    title: { text: 'Uptake rate', fontSize: 13 },
    width: PANEL_WIDTH,
    height,
    data: { values: origins },
    layer: [
      {
        mark: { type: 'bar', color: '#4c78a8', tooltip: true },
        encoding: {
          y,
          x: { field: 'uptake', type: 'quantitative', axis: { title: 'Programme departures, % of group', format: '.1~%' } },
          tooltip,
        },
      },
      {
        transform: [{ filter: 'isValid(datum.uptakeLo) && isValid(datum.uptakeHi)' }],
        mark: { type: 'rule', color: '#222222', strokeWidth: 1.5 },
        encoding: { y, x: { field: 'uptakeLo', type: 'quantitative' }, x2: { field: 'uptakeHi' } },
      },
    ],
  };
  const departures = origins.flatMap((o) => [
    { ...o, measure: PROGRAMME, value: o.programme },
    { ...o, measure: ADDITIONAL, value: o.additional },
  ]);
  const departuresPanel: ConcatMember = {
    title: { text: 'Departures by origin group', fontSize: 13 },
    width: PANEL_WIDTH,
    height,
    data: { values: departures },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      y: { ...y, axis: { title: null, labels: false } },
      yOffset: { field: 'measure', type: 'nominal', sort: [PROGRAMME, ADDITIONAL] },
      x: { field: 'value', type: 'quantitative', axis: { title: 'Persons, whole run', labelExpr: countLabelExpr } },
      color: {
        field: 'measure',
        type: 'nominal',
        title: null,
        scale: { domain: [PROGRAMME, ADDITIONAL], range: ['#1f77b4', '#d95f02'] },
      },
      tooltip: [{ field: 'measure', type: 'nominal', title: 'Measure' }, ...tooltip],
    },
  };
  const title = 'Uptake by origin group';
  const subtitle = wrap(
    'Left: programme departures over the whole run as a share of the group at the start, with the 95% interval ' +
      '(black line). Right: programme departures and additional departures (programme arm minus counterfactual, all ' +
      'modes) per group. Groups are sorted by uptake rate.',
  );
  return {
    name: 'uptake-by-origin',
    title,
    spec: {
      $schema: SCHEMA,
      description: 'Uptake rate, programme departures and additional departures by origin group.',
      title: { text: title, subtitle },
      config,
      hconcat: [uptakePanel, departuresPanel],
    },
  };
}
