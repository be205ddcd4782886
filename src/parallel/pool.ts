import type { Worker } from 'node:worker_threads';
import { parallelWorker } from '../util/threads.js';
import type { WorkerInit, WorkerRequest } from './worker.js';

/**
 * Worker threads that parse Markdown and render pages for big sites. The main thread takes a share
 * of every job too, so with one worker both cores of a 2-core machine are busy.
 */
export class Pool {
  private seq = 0;
  private waiting = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void; worker: Worker }>();
  private constructor(private readonly workers: Worker[]) {
    for (const w of workers) {
      w.on('message', (m: { id: number; ok: boolean; value?: unknown; error?: string }) => {
        const p = this.waiting.get(m.id);
        this.waiting.delete(m.id);
        if (m.ok) p?.resolve(m.value);
        else p?.reject(new Error(m.error));
      });
      w.on('error', (e) => {
        for (const p of this.waiting.values()) p.reject(e);
        this.waiting.clear();
      });
      // A worker that ends without an error (a user's filter calling process.exit) would leave its
      // requests waiting for ever.
      w.on('exit', (code) => {
        for (const [id, p] of this.waiting) {
          if (p.worker !== w) continue;
          this.waiting.delete(id);
          p.reject(new Error(`a worker thread stopped (exit code ${code}) before answering`));
        }
      });
    }
  }

  static create(size: number, init: WorkerInit): Pool {
    return new Pool(Array.from({ length: size }, () => parallelWorker(init)));
  }

  get size(): number {
    return this.workers.length;
  }

  /** Send one request to worker i; requests to a worker are handled in the order they were sent. */
  call<T>(i: number, req: WorkerRequest): Promise<T> {
    const id = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, worker: this.workers[i]! });
      this.workers[i]!.postMessage({ id, ...req });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** The smallest chunk `shareWork` makes, the last ones. */
const LAST_CHUNK = 4;

/**
 * Work shared out in chunks as threads become free, so that no thread waits for another: a worker
 * that started late, or a thread with other work (this one writes, and keeps the event loop), takes
 * fewer chunks. Each worker has two chunks queued at a time, so it never waits for this thread,
 * which hands chunks out only between its own. Results come back in the items' order, whichever
 * thread made them, one per chunk. If anything fails, the error is thrown once every thread is done
 * with its chunk. `here` is told whether a chunk is the first this thread takes, `remote` where the
 * chunk starts in `items`.
 */
export async function shareWork<T, R>(
  items: readonly T[],
  size: number,
  workers: number,
  here: (chunk: T[], first: boolean) => R,
  remote: (worker: number, chunk: T[], start: number) => Promise<R>,
): Promise<R[]> {
  // Chunks shrink towards the end, so that the threads finish together: with two chunks queued on
  // each worker, this thread waited up to two full chunks for the last answers (at 4,000 posts,
  // 0.15 s at the end of rendering, while the other core had nothing to do).
  const chunks: T[][] = [];
  const starts: number[] = [];
  for (let i = 0; i < items.length; ) {
    const n = Math.min(size, Math.max(LAST_CHUNK, Math.ceil((items.length - i) / (3 * (workers + 1)))));
    starts.push(i);
    chunks.push(items.slice(i, i + n));
    i += n;
  }
  const results: R[] = new Array(chunks.length);
  let mine = 0;
  let next = 0;
  let failed = false;
  const feed = async (w: number): Promise<void> => {
    try {
      while (next < chunks.length && !failed) {
        const k = next++;
        results[k] = await remote(w, chunks[k]!, starts[k]!);
      }
    } catch (err) {
      failed = true;
      throw err;
    }
  };
  const feeders: Promise<void>[] = [];
  for (let w = 0; w < workers; w++) feeders.push(feed(w), feed(w));
  // Every feeder settles before an error is thrown; handled at once, as a rejection left unhandled
  // until the loop below ends would end the process.
  const remotes = Promise.allSettled(feeders).then((settled) => {
    for (const s of settled) if (s.status === 'rejected') throw s.reason;
  });
  remotes.catch(() => undefined);
  try {
    while (next < chunks.length && !failed) {
      const k = next++;
      results[k] = here(chunks[k]!, mine++ === 0);
      // Let the workers' answers in, and their next chunks out.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } catch (err) {
    failed = true;
    await Promise.allSettled(feeders);
    throw err;
  }
  await remotes;
  return results;
}

