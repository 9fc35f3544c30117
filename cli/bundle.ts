/**
 * The last step of `npm run build`: the compiled command line and worker threads (dist/cli/main.js,
 * dist/sim/worker.js, dist/reports/png-worker.js) each bundled in place with the packages they use, the code they
 * share and what the command line loads on demand (other commands, reports) in chunks (dist/chunks/). Unbundled, a
 * cold `run` read about 190 files, 95 of them zod's (the models' parameter schemas bring it into the workers too),
 * and Node and the modules took 0.2 s before the first line of the command (bench/HISTORY.md). Tests and the
 * classroom's bundles use the compiled modules in dist/. It also records the commit it built from (dist/build.json),
 * which every run's summary.json and meta.json name.
 *
 * esbuild declares every module's top-level `const` as `var` in the bundle, and V8 folds only a `const` into the
 * code that reads it: a module constant read in a hot loop costs a load and a check in every iteration. The hash
 * of the fast path therefore writes its constants as literals (sim/random/hash.ts).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { buildInfoFile, packageRoot } from '../scenarios/package-info.js';

const dist = join(packageRoot(), 'dist');
// Bundled CommonJS packages call require (seedrandom requires crypto): an ES module has none of its own.
const BANNER = "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);";
const entries = ['cli/main.js', 'sim/worker.js', 'reports/png-worker.js'].map((f) => join(dist, f));
// The entries are bundled in place, so only tsc's output may be bundled: a bundle of a bundle declares twice.
if (entries.some((f) => readFileSync(f, 'utf8').includes(BANNER))) {
  console.error('departure-sim: dist/ is bundled already; run "npm run build", which compiles before it bundles');
  process.exit(1);
}
const { outputFiles } = await build({
  entryPoints: entries,
  outbase: dist,
  outdir: dist,
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
  banner: { js: BANNER },
  logLevel: 'warning',
  // Written below, once the whole bundle is built: a failed build leaves dist/ as it was.
  write: false,
});
// The chunks' names carry hashes of their contents: those of an earlier build would otherwise stay beside the new ones.
rmSync(join(dist, 'chunks'), { recursive: true, force: true });
for (const file of outputFiles) {
  mkdirSync(dirname(file.path), { recursive: true });
  writeFileSync(file.path, file.contents);
}
chmodSync(join(dist, 'cli', 'main.js'), 0o755);

/** The checkout's commit as git names it, "-dirty" with uncommitted changes; "unknown" outside a git checkout. */
function checkoutCommit(): string {
  try {
    const described = execFileSync('git', ['describe', '--always', '--dirty', '--abbrev=40'],
      { cwd: packageRoot(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return described.trim() || 'unknown';
  } catch {
    return 'unknown';
  }
}
writeFileSync(buildInfoFile(), `${JSON.stringify({ commit: checkoutCommit() }, null, 2)}\n`);
