/**
 * The last step of `npm run build`: the compiled command line and worker threads (dist/cli/main.js,
 * dist/sim/worker.js, dist/reports/png-worker.js) each bundled in place with the packages they use, the code they
 * share and what the command line loads on demand (other commands, reports) in chunks (dist/chunks/). Unbundled, a
 * cold `run` read about 190 files, 95 of them zod's (the models' parameter schemas bring it into the workers too),
 * and Node and the modules took 0.2 s before the first line of the command (bench/HISTORY.md). Tests and the
 * classroom's bundles use the compiled modules in dist/.
 *
 * esbuild declares every module's top-level `const` as `var` in the bundle, and V8 folds only a `const` into the
 * code that reads it: a module constant read in a hot loop costs a load and a check in every iteration. The hash
 * of the fast path therefore writes its constants as literals (sim/random/hash.ts).
 */
import { chmodSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { packageRoot } from '../scenarios/package-info.js';

const dist = join(packageRoot(), 'dist');
// The chunks' names carry hashes of their contents: those of an earlier build would otherwise stay beside the new ones.
rmSync(join(dist, 'chunks'), { recursive: true, force: true });
await build({
  entryPoints: ['cli/main.js', 'sim/worker.js', 'reports/png-worker.js'].map((f) => join(dist, f)),
  outbase: dist,
  outdir: dist,
  allowOverwrite: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // jsonc-parser's "main" is a UMD build that requires its own files at run time; its "module" is plain ESM.
  mainFields: ['module', 'main'],
  // A native addon, and packages loaded only in worker threads or by build tools.
  external: ['@resvg/resvg-js', 'piscina', 'esbuild', 'playwright-core'],
  // Bundled CommonJS packages call require (seedrandom requires crypto): an ES module has none of its own.
  banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
  logLevel: 'warning',
});
chmodSync(join(dist, 'cli', 'main.js'), 0o755);
