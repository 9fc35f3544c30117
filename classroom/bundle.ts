import { builtinModules } from 'node:module';
import { readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Plugin } from 'esbuild';
import { readComposed } from '../scenarios/compose.js';
import { packageRoot } from '../scenarios/package-info.js';
import { lessonsHtml, pageHtml } from './html.js';

/** The static site: file name to contents. `index.html` is self-contained (scripts, workers, preset, Vega). */
export type Site = Map<string, string>;

const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Fails the bundle when project code pulls in a Node API, so the engine stays browser-safe. */
function browserOnly(root: string): Plugin {
  return {
    name: 'browser-only',
    setup(b) {
      b.onResolve({ filter: /^[a-z:_/]+$/ }, (args) => {
        if (!BUILTINS.has(args.path) || args.importer.includes(`${sep}node_modules${sep}`)) return undefined;
        const from = relative(root, args.importer).split(sep).join('/');
        return { errors: [{ text: `${from} imports ${args.path}: code bundled for the browser must not use Node APIs` }] };
      });
    },
  };
}

/** One browser script (a classic script, so it also runs as a worker from a Blob URL). */
export async function bundleForBrowser(entry: string, define: Record<string, string> = {}): Promise<string> {
  const root = packageRoot();
  // esbuild is a build tool, needed only when the page is built or served.
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true, write: false, format: 'iife', platform: 'browser', target: 'es2022', minify: true,
    legalComments: 'none', logLevel: 'silent', define, plugins: [browserOnly(root)],
  });
  return result.outputFiles[0].text;
}

/** Bundle the page from the compiled engine in dist/ (run `npm run build` first). */
export async function buildSite(): Promise<Site> {
  const root = packageRoot();
  const [blockWorker, runWorker, lessons] = await Promise.all([
    bundleForBrowser(join(root, 'dist', 'classroom', 'block-worker.js')),
    bundleForBrowser(join(root, 'dist', 'classroom', 'run-worker.js')),
    readFile(join(root, 'classroom', 'LESSONS.md'), 'utf8'),
  ]);
  // The preset with its population file merged in: the page has no files to read.
  const presetFile = join(root, 'scenarios', 'cbp-home-2025.json');
  const preset = readComposed(presetFile);
  const page = await bundleForBrowser(join(root, 'dist', 'classroom', 'page.js'), {
    __PRESET__: JSON.stringify(preset),
    __RUN_WORKER_SOURCE__: JSON.stringify(runWorker),
    __BLOCK_WORKER_SOURCE__: JSON.stringify(blockWorker),
  });
  return new Map([['index.html', pageHtml(page)], ['lessons.html', lessonsHtml(lessons)]]);
}
