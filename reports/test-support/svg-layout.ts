import { readFileSync } from 'node:fs';
import { findDejaVu } from '../fonts.js';
import { type FontWidths, parseFontWidths, textWidth } from '../text-metrics.js';

/**
 * Where the text of a rendered chart lands: every visible <text> line of an SVG from Vega, as the box its glyphs
 * cover, and every rule drawn as a mark (not an axis tick or grid line), as a segment. Widths come from DejaVu
 * Sans' own advance widths, the face resvg and the page draw with; heights from its ascent and descent.
 */
export interface TextBox {
  text: string;
  /** The class of the nearest Vega mark group: role-axis-label, role-legend-label, role-title-text, role-mark… */
  role: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface Segment {
  role: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface SvgLayout {
  texts: TextBox[];
  rules: Segment[];
}

// DejaVu Sans: ascender 0.76 em above the baseline for capitals, digits and tall letters, descender 0.24 em below.
const ASCENT = 0.76;
const DESCENT = 0.24;

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

function multiply([a, b, c, d, e, f]: Matrix, [g, h, i, j, k, l]: Matrix): Matrix {
  return [a * g + c * h, b * g + d * h, a * i + c * j, b * i + d * j, a * k + c * l + e, b * k + d * l + f];
}

/** An SVG transform attribute (translate, rotate, scale and matrix, in any sequence) as one matrix. */
export function parseTransform(value: string | undefined): Matrix {
  let m = IDENTITY;
  for (const [, op, args] of (value ?? '').matchAll(/(\w+)\(([^)]*)\)/g)) {
    const n = args.split(/[\s,]+/).filter(Boolean).map(Number);
    if (op === 'translate') m = multiply(m, [1, 0, 0, 1, n[0], n[1] ?? 0]);
    else if (op === 'scale') m = multiply(m, [n[0], 0, 0, n[1] ?? n[0], 0, 0]);
    else if (op === 'matrix') m = multiply(m, n as Matrix);
    else if (op === 'rotate') {
      const r = (n[0] * Math.PI) / 180;
      const [cx, cy] = [n[1] ?? 0, n[2] ?? 0];
      m = multiply(m, [1, 0, 0, 1, cx, cy]);
      m = multiply(m, [Math.cos(r), Math.sin(r), -Math.sin(r), Math.cos(r), 0, 0]);
      m = multiply(m, [1, 0, 0, 1, -cx, -cy]);
    } else throw new Error(`unsupported transform ${op}`);
  }
  return m;
}

const apply = ([a, b, c, d, e, f]: Matrix, x: number, y: number) => [a * x + c * y + e, b * x + d * y + f];

const attributes = (source: string): Record<string, string> =>
  Object.fromEntries([...source.matchAll(/([\w:-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));

const unescape = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&#x27;/g, "'").replace(/&amp;/g, '&');

let fonts: { regular: FontWidths; bold: FontWidths } | undefined;
function fontWidths() {
  if (!fonts) {
    const files = findDejaVu();
    if (!files) throw new Error('DejaVu Sans is needed to measure text (Debian package fonts-dejavu-core)');
    const regular = parseFontWidths(readFileSync(files.regular));
    fonts = { regular, bold: files.bold ? parseFontWidths(readFileSync(files.bold)) : regular };
  }
  return fonts;
}

interface Frame {
  tag: string;
  matrix: Matrix;
  role: string;
  hidden: boolean;
}

/** The text boxes and mark rules of an SVG written by Vega's SVG renderer (which always writes well-formed markup). */
export function svgLayout(svg: string): SvgLayout {
  const texts: TextBox[] = [];
  const rules: Segment[] = [];
  const stack: Frame[] = [{ tag: '#root', matrix: IDENTITY, role: '', hidden: false }];
  // The <text> element being read: its frame, attributes and lines (each with its own x, y offsets).
  let current: { matrix: Matrix; role: string; attrs: Record<string, string>; lines: Array<{ dx: number; dy: number; text: string }> } | undefined;
  let lineY = 0;
  for (const m of svg.matchAll(/<(\/?)([\w:-]+)([^>]*?)(\/?)>|([^<]+)/g)) {
    const [, closing, tag, rest, selfClosing, content] = m;
    const top = stack[stack.length - 1];
    if (content !== undefined) {
      if (current && content.trim()) current.lines[current.lines.length - 1].text += unescape(content);
      continue;
    }
    if (closing) {
      if (tag === 'text' && current) {
        const size = parseFloat(current.attrs['font-size'] ?? '11');
        const weight = current.attrs['font-weight'] ?? 'normal';
        const widths = weight === 'bold' || Number(weight) >= 600 ? fontWidths().bold : fontWidths().regular;
        const anchor = current.attrs['text-anchor'] ?? 'start';
        for (const line of current.lines) {
          if (!line.text.trim()) continue;
          const w = textWidth(widths, line.text, size);
          const x0 = line.dx - (anchor === 'middle' ? w / 2 : anchor === 'end' ? w : 0);
          const corners = [
            [x0, line.dy - ASCENT * size],
            [x0 + w, line.dy - ASCENT * size],
            [x0, line.dy + DESCENT * size],
            [x0 + w, line.dy + DESCENT * size],
          ].map(([x, y]) => apply(current!.matrix, x, y));
          texts.push({
            text: line.text,
            role: current.role,
            left: Math.min(...corners.map((c) => c[0])),
            right: Math.max(...corners.map((c) => c[0])),
            top: Math.min(...corners.map((c) => c[1])),
            bottom: Math.max(...corners.map((c) => c[1])),
          });
        }
        current = undefined;
      }
      if (tag !== 'tspan') stack.pop();
      continue;
    }
    const attrs = attributes(rest);
    const matrix = multiply(top.matrix, parseTransform(attrs.transform));
    const klass = attrs.class ?? '';
    const role = /\brole-[\w-]+/.exec(klass)?.[0] ?? top.role;
    const hidden = top.hidden || attrs.opacity === '0' || attrs.display === 'none' || attrs.visibility === 'hidden';
    if (tag === 'text') {
      const x = parseFloat(attrs.x ?? '0') + parseFloat(attrs.dx ?? '0');
      const y = parseFloat(attrs.y ?? '0') + parseFloat(attrs.dy ?? '0');
      current = hidden ? undefined : { matrix: multiply(matrix, [1, 0, 0, 1, x, y]), role, attrs, lines: [{ dx: 0, dy: 0, text: '' }] };
      lineY = 0;
    } else if (tag === 'tspan' && current) {
      lineY += parseFloat(attrs.dy ?? '0');
      const last = current.lines[current.lines.length - 1];
      // The first tspan continues the text's own first line; each later one starts a line of its own.
      if (last.text === '' && current.lines.length === 1 && lineY === 0) continue;
      current.lines.push({ dx: parseFloat(attrs.x ?? '0'), dy: lineY, text: '' });
    } else if (tag === 'line' && !hidden && role === 'role-mark') {
      const [x1, y1] = apply(matrix, parseFloat(attrs.x1 ?? '0'), parseFloat(attrs.y1 ?? '0'));
      const [x2, y2] = apply(matrix, parseFloat(attrs.x2 ?? '0'), parseFloat(attrs.y2 ?? '0'));
      rules.push({ role, x1, y1, x2, y2 });
    }
    if (!selfClosing && tag !== 'tspan') stack.push({ tag, matrix, role, hidden });
  }
  return { texts, rules };
}

export interface Collision {
  a: string;
  b: string;
  where: string;
}

const boxesOverlap = (a: TextBox, b: TextBox, gap: number) =>
  a.left < b.right + gap && b.left < a.right + gap && a.top < b.bottom && b.top < a.bottom;

/** Whether a segment passes through the inside of a box (Liang-Barsky clipping). */
function crosses(s: Segment, b: TextBox, inset: number): boolean {
  const [left, right, top, bottom] = [b.left + inset, b.right - inset, b.top + inset, b.bottom - inset];
  if (left >= right || top >= bottom) return false;
  const dx = s.x2 - s.x1;
  const dy = s.y2 - s.y1;
  let t0 = 0;
  let t1 = 1;
  for (const [p, q] of [
    [-dx, s.x1 - left],
    [dx, right - s.x1],
    [-dy, s.y1 - top],
    [dy, bottom - s.y1],
  ]) {
    if (p === 0) {
      if (q <= 0) return false;
    } else {
      const t = q / p;
      if (p < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
    }
  }
  return t0 < t1;
}

const fmt = (b: TextBox) => `"${b.text}" (${b.role}) [${b.left.toFixed(1)}..${b.right.toFixed(1)} x ${b.top.toFixed(1)}..${b.bottom.toFixed(1)}]`;

/**
 * Every pair of text lines that overlap or sit closer than `gap` pixels side by side (so "0%0.5%" counts), and
 * every rule drawn as a mark that runs through a text line.
 */
export function collisions(layout: SvgLayout, gap = 2): Collision[] {
  const out: Collision[] = [];
  const { texts, rules } = layout;
  for (let i = 0; i < texts.length; i += 1) {
    for (let j = i + 1; j < texts.length; j += 1) {
      if (boxesOverlap(texts[i], texts[j], gap)) out.push({ a: fmt(texts[i]), b: fmt(texts[j]), where: 'text over text' });
    }
    for (const r of rules) {
      if (crosses(r, texts[i], 0.5)) {
        out.push({ a: fmt(texts[i]), b: `rule (${r.x1.toFixed(1)},${r.y1.toFixed(1)})-(${r.x2.toFixed(1)},${r.y2.toFixed(1)})`, where: 'rule through text' });
      }
    }
  }
  return out;
}
