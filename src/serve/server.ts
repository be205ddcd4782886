import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import { WebSocketServer, WebSocket } from 'ws';
import { lookup } from 'mrmime';
import { CLIENT_PATH, CLIENT_SCRIPT, SOCKET_PATH, injectClient } from './client.js';
import type { DevSession, RebuildReport } from './session.js';
import { formatDiagnostics } from '../diagnostics/format.js';

export interface DevServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void;

/**
 * The preview server: generated pages from memory, theme assets and media from their folders,
 * the site's 404 page with status 404, and live updates over a WebSocket. Nothing outside the
 * site is reachable: a path with ".." or a NUL never reaches the file system.
 */
export async function startServer(session: DevSession, o: { host: string; port: number }): Promise<DevServer> {
  const statics = new Map<string, Handler>();
  const staticFor = (dir: string): Handler => {
    let h = statics.get(dir);
    if (!h) statics.set(dir, (h = sirv(dir, { dev: true, dotfiles: false, etag: true }) as unknown as Handler));
    return h;
  };

  const send = (res: http.ServerResponse, status: number, path: string, body: string | Buffer) => {
    const type = path.endsWith('.html') ? 'text/html; charset=utf-8' : (lookup(path) ?? 'application/octet-stream');
    const isHtml = type.startsWith('text/html');
    const out = isHtml ? injectClient(String(body)) : body;
    res.writeHead(status, {
      'Content-Type': type.startsWith('text/') && !type.includes('charset') ? `${type}; charset=utf-8` : type,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(out);
  };
  const notFound = (res: http.ServerResponse) => {
    const page = session.files.get('404.html');
    if (page !== undefined) send(res, 404, '404.html', page);
    else send(res, 404, 'x.txt', 'Not found');
  };

  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      res.writeHead(400).end('Bad request');
      return;
    }
    if (pathname.includes('\0') || pathname.includes('\\') || pathname.split('/').some((seg) => seg === '..' || seg === '.')) {
      notFound(res);
      return;
    }
    if (pathname === CLIENT_PATH) {
      send(res, 200, 'client.js', CLIENT_SCRIPT);
      return;
    }
    const file = fileFor(pathname);
    const key = pathname.slice(1);
    const body = session.files.get(file);
    if (body !== undefined) {
      send(res, 200, file, body);
      return;
    }
    if (session.files.has(`${key}/index.html`)) {
      res.writeHead(301, { Location: `${pathname}/` }).end();
      return;
    }
    // Theme assets and media straight from their folders; the site's own files before the built-in theme's.
    const candidates = [...session.copies].reverse().filter((c) => pathname.startsWith(`/${c.to}/`));
    const tryNext = (i: number): void => {
      const c = candidates[i];
      if (!c) return notFound(res);
      const originalUrl = req.url;
      req.url = pathname.slice(c.to.length + 1);
      staticFor(c.from)(req, res, () => {
        req.url = originalUrl;
        tryNext(i + 1);
      });
    };
    tryNext(0);
  });

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://localhost').pathname !== SOCKET_PATH) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (session.errors.length) ws.send(JSON.stringify({ type: 'error', text: errorText(session) }));
      ws.on('message', (data) => {
        try {
          const msg = JSON.parse(String(data)) as { type?: string; path?: unknown };
          if (msg.type === 'hello' && typeof msg.path === 'string') viewing.set(ws, msg.path);
        } catch {
          // Not ours: ignore.
        }
      });
    });
  });
  /** The page each tab shows, so an update can carry its new HTML and spare the tab a request. */
  const viewing = new WeakMap<WebSocket, string>();
  const broadcast = (msg: object) => {
    const data = JSON.stringify(msg);
    for (const c of wss.clients) if (c.readyState === WebSocket.OPEN) c.send(data);
  };
  const off = session.onRebuild((r: RebuildReport) => {
    if (!r.ok) return broadcast({ type: 'error', text: errorText(session) });
    const msg = { type: 'update', urls: r.updated, css: r.css, all: r.assets };
    const plain = JSON.stringify(msg);
    const updated = new Set(r.updated);
    for (const c of wss.clients) {
      if (c.readyState !== WebSocket.OPEN) continue;
      const at = viewing.get(c);
      const file = at === undefined ? undefined : fileFor(at);
      const body = file !== undefined && file.endsWith('.html') && updated.has(at!) ? session.files.get(file) : undefined;
      c.send(body === undefined ? plain : JSON.stringify({ ...msg, html: injectClient(String(body)) }));
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = o.host === '0.0.0.0' || o.host === '::' ? '127.0.0.1' : o.host.includes(':') ? `[${o.host}]` : o.host;
  return {
    url: `http://${shownHost}:${port}/`,
    port,
    async close() {
      off();
      for (const c of wss.clients) c.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The output file a URL path is served from: "/blog/" → "blog/index.html". */
function fileFor(pathname: string): string {
  const key = pathname.slice(1);
  return key === '' || key.endsWith('/') ? `${key}index.html` : key;
}

const errorText = (s: DevSession) => formatDiagnostics(s.errors, { color: false });
