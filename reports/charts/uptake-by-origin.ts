import type { Estimate } from '../summary.js';
import { type Chart, type ConcatMember, type RunData, SCHEMA, config, countLabelExpr, wrap } from './common.js';

const PANEL_WIDTH = 200;
const PROGRAMME_COLOR = '#1f77b4';
const ADDITIONAL_COLOR = '#d95f02';

interface Measure {
  field: string;
  title: string;
  axisTitle: string;
  color: string;
  axis: Record<string, unknown>;
}

/**
 * Three panels side by side, each on its own scale: the uptake rate, programme departures, and additional
 * departures, which are a small fraction of programme departures and would be slivers on a shared axis.
 */
export function uptakeByOriginChart({ summary }: RunData): Chart {
  const parts = (e: Estimate | null) => ({ mean: e?.mean ?? null, lo: e?.lo95 ?? null, hi: e?.hi95 ?? null });
  const origins = summary.byGroup.map((o) => {
    const uptake = parts(o.uptakeRate);
    const programme = parts(o.programmeDepartures);
    const additional = parts(o.additionalDepartures);
    return {
      origin: o.group,
      persons: o.persons,
      uptake: uptake.mean,
      uptakeLo: uptake.lo,
      uptakeHi: uptake.hi,
      programme: programme.mean,
      programmeLo: programme.lo,
      programmeHi: programme.hi,
      additional: additional.mean,
      additionalLo: additional.lo,
      additionalHi: additional.hi,
    };
  });
  const order = [...origins].sort((a, b) => (b.uptake ?? -Infinity) - (a.uptake ?? -Infinity)).map((o) => o.origin);
  const height = Math.max(160, 30 * origins.length);
  const tooltip = [
    { field: 'origin', type: 'nominal' as const, title: 'Origin group' },
    { field: 'persons', type: 'quantitative' as const, title: 'Persons at start', format: ',.0f' },
    { field: 'uptake', type: 'quantitative' as const, title: 'Uptake rate (mean)', format: '.2%' },
    { field: 'uptakeLo', type: 'quantitative' as const, title: 'Uptake, 95% interval low', format: '.2%' },
    { field: 'uptakeHi', type: 'quantitative' as const, title: 'Uptake, 95% interval high', format: '.2%' },
    { field: 'programme', type: 'quantitative' as const, title: 'Programme departures (mean)', format: ',.0f' },
    { field: 'additional', type: 'quantitative' as const, title: 'Additional departures (mean)', format: ',.0f' },
    { field: 'additionalLo', type: 'quantitative' as const, title: 'Additional, 95% interval low', format: ',.0f' },
    { field: 'additionalHi', type: 'quantitative' as const, title: 'Additional, 95% interval high', format: ',.0f' },
  ];
  const measures: Measure[] = [
    {
      field: 'uptake',
      title: 'Uptake rate',
      axisTitle: 'Programme departures, % of group',
      color: PROGRAMME_COLOR,
      axis: { format: '.1~%', tickCount: 4 },
    },
    {
      field: 'programme',
      title: 'Programme departures',
      axisTitle: 'Persons, whole run',
      color: PROGRAMME_COLOR,
      axis: { labelExpr: countLabelExpr, tickCount: 4 },
    },
  ];
  if (origins.some((o) => o.additional !== null)) {
    measures.push({
      field: 'additional',
      title: 'Additional departures',
      axisTitle: 'Persons, whole run, all modes',
      color: ADDITIONAL_COLOR,
      axis: { labelExpr: countLabelExpr, tickCount: 4 },
    });
  }
  const panels: ConcatMember[] = measures.map((m, i) => {
    const y = {
      field: 'origin',
      type: 'nominal' as const,
      sort: order,
      axis: i === 0 ? { title: 'Origin group' } : { title: null, labels: false },
    };
    return {
      title: { text: m.title, fontSize: 13 },
      width: PANEL_WIDTH,
      height,
      layer: [
        {
          mark: { type: 'bar', color: m.color, tooltip: true },
          encoding: { y, x: { field: m.field, type: 'quantitative', axis: { title: m.axisTitle, ...m.axis } }, tooltip },
        },
        {
          transform: [{ filter: `isValid(datum.${m.field}Lo) && isValid(datum.${m.field}Hi)` }],
          mark: { type: 'rule', color: '#222222', strokeWidth: 1.5 },
          encoding: { y, x: { field: `${m.field}Lo`, type: 'quantitative' }, x2: { field: `${m.field}Hi` } },
        },
        // Additional departures can be below zero for a group (fewer departures with the programme): mark zero.
        ...(m.field === 'additional'
          ? [{ data: { values: [{ zero: 0 }] }, mark: { type: 'rule', color: '#666666' }, encoding: { x: { field: 'zero', type: 'quantitative' } } }]
          : []),
      ],
    } as ConcatMember;
  });
  const title = 'Uptake by origin group';
  const subtitle = wrap(
    'Whole run, programme arm. Left: programme departures as a share of the group at the start. Middle: programme ' +
      'departures in persons. ' +
      (measures.length > 2
        ? 'Right: additional departures (programme arm minus counterfactual, all modes), on a scale of its own: they ' +
          'are a small part of programme departures. '
        : 'This run has no counterfactual twin, so additional departures are not available. ') +
      'Black lines: 95% intervals over replicates. Groups are sorted by uptake rate.',
  );
  return {
    name: 'uptake-by-origin',
    title,
    spec: {
      $schema: SCHEMA,
      description: 'Uptake rate, programme departures and additional departures by origin group.',
      title: { text: title, subtitle },
      config,
      data: { values: origins },
      hconcat: panels,
      spacing: 24,
    },
  };
}
