import { renderAsync } from '@resvg/resvg-js';
import { FONT_FAMILY } from './charts/common.js';
import { findDejaVu } from './fonts.js';

/**
 * Rasterises an SVG from renderSvg (reports/render.ts). resvg only knows fonts it is given: with DejaVu Sans found
 * it loads nothing else, so the PNG is the same on every machine; without it, it falls back to the system's
 * sans-serif face rather than drawing no text at all. Kept apart from vega, so that the worker that runs it
 * (reports/png-worker.ts) starts without loading vega.
 */
export async function svgToPng(svg: string, scale = 2): Promise<Buffer> {
  const dejavu = findDejaVu();
  const fontFiles = dejavu ? [dejavu.regular, ...(dejavu.bold ? [dejavu.bold] : [])] : [];
  const image = await renderAsync(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
    font:
      fontFiles.length > 0
        ? { fontFiles, loadSystemFonts: false, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY }
        : { loadSystemFonts: true },
  });
  return image.asPng();
}
