import { svgToPng } from './rasterise.js';

/** Piscina worker of reports/chart-files.ts: one chart's SVG to its PNG. */
export default svgToPng;
