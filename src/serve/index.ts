import { DevSession, type RebuildReport } from './session.js';
import { startServer } from './server.js';
import { watchPaths } from './watch.js';
import type { ConfigOverrides } from '../config/load.js';

export interface DevOptions {
  config: string;
  host: string;
  port: number;
  overrides?: ConfigOverrides;
  /** Try the next ports when the port is taken. */
  portFallback?: boolean;
  onRebuild?: (r: RebuildReport) => void;
}

export interface Dev {
  url: string;
  session: DevSession;
  first: RebuildReport;
  close(): Promise<void>;
}

/** `awning serve` without a terminal: build, serve from memory, watch, rebuild on change. */
export async function startDev(o: DevOptions): Promise<Dev> {
  const session = new DevSession({ config: o.config, overrides: o.overrides });
  let server;
  for (let port = o.port, tries = 0; ; port++, tries++) {
    try {
      server = await startServer(session, { host: o.host, port });
      break;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EADDRINUSE' || !o.portFallback || tries >= 10 || o.port === 0) {
        throw code === 'EADDRINUSE' ? new Error(`port ${port} is already in use: stop the other server or pass --port <number>.`) : err;
      }
    }
  }
  // Listen first, so that the site's links and canonical URLs can point at the real address.
  session.builder.setBaseUrl(server.url);
  const first = await session.start();
  if (o.onRebuild) session.onRebuild(o.onRebuild);
  // Watch what the first build used; a change to the config may move folders, so watch again then.
  let watcher = watchPaths(session.builder.watchPaths(), (paths) => void onChange(paths));
  let watched = session.builder.watchPaths().join('\n');
  const onChange = async (paths: string[]) => {
    await session.change(paths);
    const now = session.builder.watchPaths().join('\n');
    if (now !== watched) {
      watched = now;
      await watcher.close();
      watcher = watchPaths(session.builder.watchPaths(), (p) => void onChange(p));
      await watcher.ready;
    }
  };
  await watcher.ready;
  return {
    url: server.url,
    session,
    first,
    async close() {
      await watcher.close();
      await server.close();
    },
  };
}
