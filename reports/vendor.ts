import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

// The packages' export maps hide their build folders, so each browser bundle is found beside the resolved entry.
const BUNDLES: ReadonlyArray<[pkg: string, file: string]> = [
  ['vega', 'vega.min.js'],
  ['vega-lite', 'vega-lite.min.js'],
  ['vega-embed', 'vega-embed.min.js'],
];

let cached: Promise<string[]> | undefined;

/** vega, vega-lite and vega-embed browser bundles, in load order, for inlining into the page. */
export function vendorScripts(): Promise<string[]> {
  cached ??= Promise.all(BUNDLES.map(([pkg, file]) => readFile(join(dirname(require.resolve(pkg)), file), 'utf8'))).catch(
    (error: unknown) => {
      cached = undefined;
      throw error;
    },
  );
  return cached;
}
