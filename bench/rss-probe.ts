/**
 * Preloaded into every child process the benchmark times (`node --import .../rss-probe.js ...`): when the process
 * exits, it writes its peak resident memory (worker threads included) to the file named by BENCH_RSS_FILE. Nothing
 * else: it adds one small module to the child's start-up and leaves the command's behaviour alone.
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
