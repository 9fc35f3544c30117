/**
 * Preloaded into every child process the benchmark times (`node --require .../rss-probe.cjs ...`): when the process
 * exits, it writes its peak resident memory (worker threads included) to the file named by BENCH_RSS_FILE. Nothing
 * else: it adds one small CommonJS file to the child's start-up and leaves the command's behaviour alone.
 *
 * CommonJS, not an ES module preloaded with --import: worker threads inherit the preload, and an --import preload
 * puts each worker's ES module loader on its asynchronous path while piscina require()s the engine's worker module.
 * One cold run in a full benchmark aborted there in V8 ("v8::Module::IsGraphAsync must be used on an instantiated
 * module", Node 20.20); a CommonJS preload does not touch the ES module loader.
 */
import { writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const file = process.env.BENCH_RSS_FILE;
if (isMainThread && file) {
  process.on('exit', () => {
    try {
      writeFileSync(file, JSON.stringify({ maxRssBytes: process.resourceUsage().maxRSS * 1024 }));
    } catch {
      // The figure is then missing (NaN); the command's own exit is what matters.
    }
  });
}
