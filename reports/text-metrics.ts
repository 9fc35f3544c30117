import { readFileSync } from 'node:fs';
import * as vega from 'vega';
import { findDejaVu } from './fonts.js';

/**
 * Without a canvas, Vega guesses every text is 0.8 em per character wide, which makes titles and legends reserve
 * far more room than DejaVu Sans takes and leaves wide empty margins in the SVG and PNG. Reading the advance widths
 * from the font file itself gives the layout the browser computes.
 */
export interface FontWidths {
  unitsPerEm: number;
  advance(codePoint: number): number;
}

/** Advance widths from a TrueType file's cmap (format 4, the Basic Multilingual Plane) and hmtx tables. */
export function parseFontWidths(font: Buffer): FontWidths {
  const tables = new Map<string, number>();
  const numTables = font.readUInt16BE(4);
  for (let i = 0; i < numTables; i += 1) {
    const record = 12 + 16 * i;
    tables.set(font.toString('latin1', record, record + 4), font.readUInt32BE(record + 8));
  }
  const table = (tag: string) => {
    const offset = tables.get(tag);
    if (offset === undefined) throw new Error(`font has no ${tag} table`);
    return offset;
  };
  const unitsPerEm = font.readUInt16BE(table('head') + 18);
  const numberOfHMetrics = font.readUInt16BE(table('hhea') + 34);
  const hmtx = table('hmtx');
  const glyphAdvance = (glyph: number) => font.readUInt16BE(hmtx + 4 * Math.min(glyph, numberOfHMetrics - 1));

  const cmap = table('cmap');
  let format4 = -1;
  for (let i = 0; i < font.readUInt16BE(cmap + 2); i += 1) {
    const record = cmap + 4 + 8 * i;
    const platform = font.readUInt16BE(record);
    const encoding = font.readUInt16BE(record + 2);
    const subtable = cmap + font.readUInt32BE(record + 4);
    if (platform === 3 && encoding === 1 && font.readUInt16BE(subtable) === 4) format4 = subtable;
  }
  if (format4 < 0) throw new Error('font has no Unicode BMP cmap');
  const segCount = font.readUInt16BE(format4 + 6) / 2;
  const endCodes = format4 + 14;
  const startCodes = endCodes + 2 * segCount + 2;
  const idDeltas = startCodes + 2 * segCount;
  const idRangeOffsets = idDeltas + 2 * segCount;

  const glyphOf = (code: number): number => {
    for (let s = 0; s < segCount; s += 1) {
      if (code > font.readUInt16BE(endCodes + 2 * s)) continue;
      const start = font.readUInt16BE(startCodes + 2 * s);
      if (code < start) return 0;
      const delta = font.readInt16BE(idDeltas + 2 * s);
      const rangeOffset = font.readUInt16BE(idRangeOffsets + 2 * s);
      if (rangeOffset === 0) return (code + delta) & 0xffff;
      const glyph = font.readUInt16BE(idRangeOffsets + 2 * s + rangeOffset + 2 * (code - start));
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
    }
    return 0;
  };
  const cache = new Map<number, number>();
  return {
    unitsPerEm,
    advance(codePoint) {
      let width = cache.get(codePoint);
      if (width === undefined) {
        width = glyphAdvance(codePoint > 0xffff ? 0 : glyphOf(codePoint));
        cache.set(codePoint, width);
      }
      return width;
    },
  };
}

/** Width in pixels of one line of text. */
export function textWidth(widths: FontWidths, text: string, fontSize: number): number {
  let units = 0;
  for (const ch of text) units += widths.advance(ch.codePointAt(0) ?? 0);
  return (units * fontSize) / widths.unitsPerEm;
}

interface TextItem {
  fontSize?: number | string;
  fontWeight?: number | string;
}
interface TextMetrics {
  width: (item: TextItem, text: unknown) => number;
}

let installed = false;

/**
 * Makes Vega measure text with DejaVu Sans, the face resvg and the page draw with. Vega's typings do not declare
 * `textMetrics`, hence the narrow cast. Returns false, leaving Vega's estimate, when the font is not installed.
 */
export function useDejaVuTextMetrics(): boolean {
  if (installed) return true;
  const files = findDejaVu();
  if (!files) return false;
  const regular = parseFontWidths(readFileSync(files.regular));
  const bold = files.bold ? parseFontWidths(readFileSync(files.bold)) : regular;
  const metrics = (vega as unknown as { textMetrics: TextMetrics }).textMetrics;
  metrics.width = (item, text) => {
    const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
    const weight = item.fontWeight;
    const isBold = weight === 'bold' || weight === 'bolder' || Number(weight) >= 600;
    return textWidth(isBold ? bold : regular, text == null ? '' : String(text).trim(), size);
  };
  installed = true;
  return true;
}
