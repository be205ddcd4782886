import { watch, type FSWatcher } from 'chokidar';
import { Worker } from 'node:worker_threads';
import { watch as fsWatch, type FSWatcher as NodeWatcher } from 'node:fs';
import { compiledModule } from '../util/home.js';
import path from 'node:path';

export interface Watcher {
  close(): Promise<void>;
  /** Resolves when the initial scan is done and events are flowing. */
  ready: Promise<void>;
}

/** What the watcher's thread tells the main thread. */
export type WatchMessage = { type: 'ready'; dirs: string[] } | { type: 'event'; event: string; path: string };

/**
 * Watch folders and report changed paths in batches: saves that arrive within `settleMs` of each
 * other (an editor's "save all") are one batch; serve runs changes that arrive during a rebuild
 * once right after it, so a `git checkout` that takes longer is not lost either.
 *
 * chokidar (4+: folders, no globs) runs in a worker thread and is the authority on what was added,
 * changed or deleted. It is slow to say so in a big folder: every event in a folder makes it read
 * the folder again, with an lstat per entry (4,000 for a blog of 4,000 posts), and it reports a
 * change only after a stat that waits behind those. On its own thread that costs the preview
 * nothing. For the common case, a file saved in place, a plain fs.watch on each folder chokidar
 * found reports the file on the main thread at once; chokidar's later event for the same save
 * finds the same bytes, and serve's rebuild for it does nothing and prints nothing.
 */
export function watchPaths(paths: string[], onBatch: (paths: string[]) => void, settleMs = 3): Watcher {
  const worker = new Worker(watchWorkerUrl(), { workerData: { paths } });
  worker.unref();
  let closed = false;
  const batch = batcher(onBatch, settleMs);
  const fast = new Map<string, NodeWatcher>();
  const watchDir = (dir: string) => {
    if (fast.has(dir) || closed) return;
    try {
      const w = fsWatch(dir, { persistent: false }, (event, name) => {
        // Only in-place writes: additions, deletions and renames wait for chokidar.
        if (event !== 'change' || !name || !name.includes('.')) return;
        const file = path.join(dir, name);
        if (!ignored(file)) batch.add(file);
      });
      w.on('error', () => {
        w.close();
        fast.delete(dir);
      });
      fast.set(dir, w);
    } catch {
      // Gone already, or not watchable: chokidar still reports it.
    }
  };
  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (m: WatchMessage) => {
      if (closed) return;
      if (m.type === 'ready') {
        m.dirs.forEach(watchDir);
        resolve();
        return;
      }
      if (m.event === 'addDir') watchDir(m.path);
      if (m.event === 'unlinkDir') {
        fast.get(m.path)?.close();
        fast.delete(m.path);
      }
      batch.add(m.path);
    });
    worker.once('error', reject);
  });
  return {
    ready,
    async close() {
      closed = true;
      batch.cancel();
      for (const w of fast.values()) w.close();
      fast.clear();
      await worker.terminate();
    },
  };
}

/** chokidar on this thread (what the worker runs): every event, and the folders it watches. */
export function watchHere(paths: string[], onMessage: (m: WatchMessage) => void): { close(): Promise<void> } {
  const watcher: FSWatcher = watch(paths, { ignoreInitial: true, ignored });
  watcher.on('all', (event, p) => onMessage({ type: 'event', event, path: p }));
  watcher.once('ready', () => {
    // The folders inside what was asked for (chokidar also lists the parents of watched paths).
    const roots = paths.map((p) => path.resolve(p));
    const inside = (d: string) => roots.some((r) => d === r || d.startsWith(r + path.sep));
    const dirs = Object.keys(watcher.getWatched()).map((d) => path.resolve(d)).filter(inside);
    onMessage({ type: 'ready', dirs });
  });
  return { close: () => watcher.close() };
}

const ignored = (p: string) => /(^|[/\\])(node_modules|\.git|\.awning-cache)([/\\]|$)/.test(p) || /(^|[/\\])\.[^/\\]*\.sw[a-p]$|~$/.test(p);

/** Paths that arrive within `settleMs` of each other go out as one batch. */
function batcher(onBatch: (paths: string[]) => void, settleMs: number): { add: (p: string) => void; cancel: () => void } {
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    const paths = [...pending];
    pending = new Set();
    if (paths.length) onBatch(paths);
  };
  return {
    add(p) {
      pending.add(p);
      if (timer) clearTimeout(timer);
      timer = setTimeout(flush, settleMs);
    },
    cancel: () => timer && clearTimeout(timer),
  };
}

/** The compiled worker, in lib/ (also when this file runs from src/ under the tests, or from the bundle). */
const watchWorkerUrl = (): URL => compiledModule('serve/watchWorker.js');
