import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Site } from './bundle.js';

/**
 * The page's own inline scripts (by hash) and the workers it starts from Blob URLs may run; nothing is loaded from
 * anywhere else, and the page cannot be framed or post forms. Charts use Vega's expression interpreter, so no
 * eval is needed.
 */
function contentSecurityPolicy(html: string): string {
  const hashes = [...html.matchAll(/<script(?:\s[^>]*)?>([\s\S]*?)<\/script>/g)]
    .filter((m) => !/type="application\/json"/.test(m[0]))
    .map((m) => `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`);
  return [
    "default-src 'none'", `script-src ${hashes.join(' ') || "'none'"} blob:`, "worker-src blob:", "style-src 'unsafe-inline'",
    "img-src data: blob:", "connect-src blob: data:", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
  ].join('; ');
}

// Cross-origin isolation lets the page share memory with its Web Workers (SharedArrayBuffer).
const HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

function plain(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...HEADERS, ...extra, 'Content-Type': 'text/plain; charset=utf-8' }).end(`${text}\n`);
}

/**
 * Answer one request. Malformed requests get 400 and the server lives on; a Host other than this server's own
 * address is refused, so a web page elsewhere cannot reach the server through a rebound DNS name.
 */
function answer(site: Site, policies: Map<string, string>, hosts: Set<string>, req: IncomingMessage, res: ServerResponse): void {
  if (!hosts.has((req.headers.host ?? '').toLowerCase())) return plain(res, 421, 'unexpected Host header: use the address the classroom command printed');
  if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, 'method not allowed', { Allow: 'GET, HEAD' });
  let path: string;
  try {
    path = new URL(req.url ?? '/', 'http://localhost').pathname;
  } catch {
    return plain(res, 400, 'bad request');
  }
  const name = path === '/' ? 'index.html' : path.slice(1);
  const body = site.get(name);
  if (body === undefined) return plain(res, 404, 'not found');
  res.writeHead(200, { ...HEADERS, 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': policies.get(name)! })
    .end(req.method === 'HEAD' ? undefined : body);
}

/** Serve the site on 127.0.0.1 only; port 0 picks a free port. Resolves with the page's URL. */
export async function serveSite(site: Site, port = 0): Promise<{ server: Server; url: string }> {
  const policies = new Map([...site].map(([name, html]) => [name, contentSecurityPolicy(html)]));
  const hosts = new Set<string>();
  const server = createServer((req, res) => {
    try {
      answer(site, policies, hosts, req, res);
    } catch {
      if (!res.headersSent) plain(res, 400, 'bad request');
      else res.destroy();
    }
  });
  // A request line Node's parser rejects never reaches the handler: answer it and keep serving.
  server.on('clientError', (_e, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: actual } = server.address() as AddressInfo;
  for (const h of ['127.0.0.1', 'localhost']) hosts.add(`${h}:${actual}`);
  return { server, url: `http://127.0.0.1:${actual}/` };
}
