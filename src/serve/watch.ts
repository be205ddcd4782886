import { watch, type FSWatcher } from 'chokidar';

export interface Watcher {
  close(): Promise<void>;
  /** Resolves when the initial scan is done and events are flowing. */
  ready: Promise<void>;
}

/**
 * Watch folders (chokidar 4+ takes no globs) and report changed paths in batches: saves that
 * arrive within `settleMs` of each other (an editor's "save all", a git checkout) are one batch.
 */
export function watchPaths(paths: string[], onBatch: (paths: string[]) => void, settleMs = 25): Watcher {
  const watcher: FSWatcher = watch(paths, {
    ignoreInitial: true,
    ignored: (p: string) => /(^|[/\\])(node_modules|\.git|\.awning-cache)([/\\]|$)/.test(p) || /(^|[/\\])\.[^/\\]*\.sw[a-p]$|~$/.test(p),
  });
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    const batch = [...pending];
    pending = new Set();
    if (batch.length) onBatch(batch);
  };
  watcher.on('all', (_event, p) => {
    pending.add(p);
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, settleMs);
  });
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    ready,
    async close() {
      if (timer) clearTimeout(timer);
      await watcher.close();
    },
  };
}
