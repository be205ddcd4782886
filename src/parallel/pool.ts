import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { WorkerInit, WorkerRequest } from './worker.js';

/**
 * Worker threads that parse Markdown and render pages for big sites. The main thread takes a share
 * of every job too, so with one worker both cores of a 2-core machine are busy.
 */
export class Pool {
  private seq = 0;
  private waiting = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void; partial?: (v: any) => void }>();
  private constructor(private readonly workers: Worker[]) {
    for (const w of workers) {
      w.on('message', (m: { id: number; ok: boolean; value?: unknown; error?: string; partial?: unknown }) => {
        const p = this.waiting.get(m.id);
        if (m.partial !== undefined) {
          p?.partial?.(m.partial);
          return;
        }
        this.waiting.delete(m.id);
        if (m.ok) p?.resolve(m.value);
        else p?.reject(new Error(m.error));
      });
      w.on('error', (e) => {
        for (const p of this.waiting.values()) p.reject(e);
        this.waiting.clear();
      });
    }
  }

  static create(size: number, init: WorkerInit): Pool {
    return new Pool(Array.from({ length: size }, () => new Worker(workerUrl(), { workerData: init })));
  }

  get size(): number {
    return this.workers.length;
  }

  /** Send one request to worker i; `partial` receives what it sends before its answer (rendered chunks). */
  call<T, P = unknown>(i: number, req: WorkerRequest, partial?: (v: P) => void): Promise<T> {
    const id = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, partial });
      this.workers[i]!.postMessage({ id, ...req });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** The compiled worker: beside this file in lib/, or, when this file runs from src/ (tests), in lib/. */
function workerUrl(): URL {
  const here = new URL('./worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  return new URL('../../lib/parallel/worker.js', import.meta.url);
}

/** Deal items round-robin into n piles (round-robin keeps the piles alike in size and kind). */
export function deal<T>(items: readonly T[], n: number): T[][] {
  const piles: T[][] = Array.from({ length: n }, () => []);
  items.forEach((item, i) => piles[i % n]!.push(item));
  return piles;
}

/** Undo deal: put the piles' results back in the items' order. */
export function undeal<T>(piles: readonly (readonly T[])[]): T[] {
  const out: T[] = [];
  const total = piles.reduce((n, p) => n + p.length, 0);
  for (let i = 0; i < total; i++) out.push(piles[i % piles.length]![Math.floor(i / piles.length)]!);
  return out;
}
