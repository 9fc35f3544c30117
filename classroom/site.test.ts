import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, bundleForBrowser, type Site } from './bundle.js';
import { lessonsHtml } from './html.js';
import { serveSite } from './serve.js';

// The site is bundled from the compiled engine, as `departure-sim classroom` does: `npm run build` first.
const root = new URL('../', import.meta.url).pathname;
const cli = join(root, 'dist', 'cli', 'main.js');
let site: Site;

beforeAll(async () => {
  site = await buildSite();
});

describe('classroom site', () => {
  it('is two self-contained pages that load nothing from elsewhere', () => {
    expect([...site.keys()].sort()).toEqual(['index.html', 'lessons.html']);
    for (const html of site.values()) {
      expect(html).not.toMatch(/<script[^>]+src=/i);
      expect(html).not.toMatch(/<link[^>]+href="(?!data:)/i);
      expect(html).not.toMatch(/\b(src|href)="(https?:)?\/\//i);
    }
    expect(site.get('index.html')).toContain('href="lessons.html"');
    expect(site.get('lessons.html')).toContain('href="index.html"');
  });

  it('has the lessons as numbered sections with questions', () => {
    const lessons = site.get('lessons.html')!;
    const titles = [...lessons.matchAll(/<h2>(.*?)<\/h2>/g)].map((m) => m[1]);
    expect(titles.filter((t) => /^\d\. /.test(t)).length).toBeGreaterThanOrEqual(4);
    expect(titles.some((t) => t.includes('Does doubling the stipend double departures?'))).toBe(true);
    expect((lessons.match(/<li>[^<]*\?/g) ?? []).length).toBeGreaterThanOrEqual(10);
  });

  it('renders LESSONS.md with a Markdown library: tables, links, and expected answers for every lesson', () => {
    const lessons = site.get('lessons.html')!;
    const numbered = [...lessons.matchAll(/<h2>\d\. /g)].length;
    expect((lessons.match(/<h3>Expected answers \(for the teacher\)<\/h3>/g) ?? []).length).toBe(numbered);
    expect((lessons.match(/<table>/g) ?? []).length).toBeGreaterThanOrEqual(4);
    expect(lessons).toMatch(/<th>figure<\/th>/);
    expect(lessons).toContain('<a href="index.html#glossary">Words on this page</a>');
    expect(lessons).not.toMatch(/\|---|\]\(/);
    // Every link into the page lands on something there.
    const index = site.get('index.html')!;
    for (const [, id] of lessons.matchAll(/href="index\.html#([^"]+)"/g)) expect(index, id).toContain(`id="${id}"`);
    expect(lessonsHtml('| a | b |\n|---|---|\n| 1 | [x](y.html) |\n')).toContain('<td><a href="y.html">x</a></td>');
  });

  it('says what the defaults are and explains its jargon in place', () => {
    const index = site.get('index.html')!;
    expect(index).toContain('<b>Default settings:</b> the <code>cbp-home-2025</code> preset exactly');
    for (const id of ['counterfactual', 'removal-weight', 'random-utility', 'planned-behaviour', 'paired', 'interval', 'additional', 'deadweight']) {
      expect(index).toContain(`id="g-${id}"`);
    }
    expect(index).toContain('href="#g-counterfactual"');
    expect(index).not.toMatch(/\son[a-z]+=/i);
  });

  it('refuses to bundle project code that uses a Node API', async () => {
    const entry = join(mkdtempSync(join(tmpdir(), 'classroom-bundle-')), 'entry.js');
    // sim/outputs.ts writes files and hashes with node:crypto: it must stay out of the browser bundle.
    writeFileSync(entry, `import { canonicalJson } from ${JSON.stringify(join(root, 'dist', 'sim', 'outputs.js'))};\nconsole.log(canonicalJson(1));\n`);
    await expect(bundleForBrowser(entry)).rejects.toThrow(/dist\/sim\/outputs\.js imports node:(crypto|fs|path): code bundled for the browser must not use Node APIs/);
  });
});

describe('classroom server', () => {
  let url: string;
  let close: () => void;
  beforeAll(async () => {
    const served = await serveSite(site);
    url = served.url;
    close = () => served.server.close();
  });
  afterAll(() => close());

  it('listens on 127.0.0.1 and isolates the page so workers can share memory', async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const r = await fetch(url);
    expect(r.status).toBe(200);
    expect(r.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(r.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await r.text()).toBe(site.get('index.html'));
    expect((await fetch(`${url}lessons.html`)).status).toBe(200);
  });

  it('answers malformed requests with 400 and keeps serving', async () => {
    const port = Number(new URL(url).port);
    const raw = (target: string, host = `127.0.0.1:${port}`) => new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.end(`GET ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`));
      let reply = '';
      socket.on('data', (d) => (reply += d));
      socket.on('end', () => resolve(reply));
      socket.on('error', reject);
    });
    for (const target of ['//%zz', '//[', 'http://[::1', '//a:99999/', 'http://:/']) {
      expect(await raw(target), target).toMatch(/^HTTP\/1\.1 (400|404) /);
    }
    expect(await raw('/ /')).toMatch(/^HTTP\/1\.1 400 /);
    expect((await fetch(url)).status).toBe(200);
  });

  it('refuses a Host header other than its own address (DNS rebinding) and sets a restrictive CSP', async () => {
    const port = Number(new URL(url).port);
    const reply = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => socket.end('GET / HTTP/1.1\r\nHost: attacker.example:80\r\nConnection: close\r\n\r\n'));
      let text = '';
      socket.on('data', (d) => (text += d));
      socket.on('end', () => resolve(text));
    });
    expect(reply).toMatch(/^HTTP\/1\.1 421 /);
    expect((await fetch(url.replace('127.0.0.1', 'localhost'))).status).toBe(200);
    const csp = (await fetch(url)).headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/script-src 'sha256-[^']+'/);
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
  });

  it('answers 404 for anything else and 405 for writes', async () => {
    expect((await fetch(`${url}../package.json`)).status).toBe(404);
    expect((await fetch(`${url}dist/cli/main.js`)).status).toBe(404);
    expect((await fetch(url, { method: 'POST', body: 'x' })).status).toBe(405);
  });
});

describe('departure-sim classroom --static (npm run classroom:build)', () => {
  it('writes the static copy and prints its path as the last line', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'classroom-build-')), 'site');
    const r = spawnSync(process.execPath, [cli, 'classroom', '--static', '--out', dir], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe(join(dir, 'index.html'));
    expect(readdirSync(dir).sort()).toEqual(['.departure-sim.json', 'index.html', 'lessons.html']);
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toBe(site.get('index.html'));
  });
});

describe('departure-sim classroom', () => {
  it('prints the URL of a working page and stops on Ctrl-C', async () => {
    const child = spawn(process.execPath, [cli, 'classroom'], { cwd: root });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
        if (m) resolve(m[0]);
      });
      child.on('exit', (code) => reject(new Error(`exited with ${code} before printing a URL`)));
    });
    const r = await fetch(url);
    expect(r.status).toBe(200);
    expect(await r.text()).toContain('<title>departure-sim classroom</title>');
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('rejects a bad port with the value and what was expected, exit code 2', () => {
    const r = spawnSync(process.execPath, [cli, 'classroom', '--port', '70000'], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('port: got "70000"; expected a whole number from 0 to 65535');
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });
});
