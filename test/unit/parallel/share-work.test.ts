import { describe, expect, it } from 'vitest';
import { shareWork } from '../../../src/parallel/pool.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Keep this thread busy for ms (a chunk rendered here blocks the event loop). */
const spin = (ms: number) => {
  const end = Date.now() + ms;
  while (Date.now() < end);
};
const items = Array.from({ length: 100 }, (_, i) => i);

describe('work shared out in chunks as threads become free', () => {
  it('gives the results in the items\' order, whichever thread made them', async () => {
    const parts = await shareWork(items, 7, 2, (chunk) => chunk.map((x) => `h${x}`), async (w, chunk, start) => {
      await sleep(1);
      expect(chunk[0]).toBe(start);
      return chunk.map((x) => `w${w}:${x}`);
    });
    expect(parts.flat().map((s) => Number(s.split(/[hw:]/).pop()))).toEqual(items);
    expect(parts.every((p) => p.length <= 7)).toBe(true);
  });

  it('makes the last chunks small, so that no thread waits long for the others at the end', async () => {
    const many = Array.from({ length: 1000 }, (_, i) => i);
    const parts = await shareWork(many, 50, 1, (chunk) => chunk, async (_w, chunk) => (await sleep(0), chunk));
    const sizes = parts.map((p) => p.length);
    expect(sizes[0]).toBe(50);
    expect(sizes.every((n, i) => i === 0 || n <= sizes[i - 1]!)).toBe(true);
    expect(sizes.slice(-3).every((n) => n <= 4)).toBe(true);
    expect(parts.flat()).toEqual(many);
  });

  it('lets a worker that starts late take fewer chunks, and tells this thread which chunk is its first', async () => {
    const firsts: boolean[] = [];
    let remoteChunks = 0;
    // The worker answers nothing until this thread has done 15 of the 21 chunks (20 of 5 items,
    // the last of them split smaller): with equal shares this thread would have stopped at 10 and waited.
    let release!: () => void;
    const ready = new Promise<void>((resolve) => (release = resolve));
    await shareWork(items, 5, 1, (chunk, first) => {
      firsts.push(first);
      if (firsts.length === 15) release();
      return chunk;
    }, async (_w, chunk) => {
      await ready;
      remoteChunks++;
      return chunk;
    });
    expect(firsts.length + remoteChunks).toBe(21);
    expect(firsts.length).toBeGreaterThanOrEqual(15);
    expect(firsts[0]).toBe(true);
    expect(firsts.slice(1).every((f) => !f)).toBe(true);
  });

  it('throws a worker\'s error only once every worker is done with its chunk, and no thread takes a new chunk meanwhile', async () => {
    const inFlight = new Set<number>();
    let failed = false;
    let startedAfter = 0;
    let taken = 0;
    const take = () => {
      taken++;
      if (failed) startedAfter++;
    };
    const run = shareWork(items, 2, 2, (chunk) => (take(), spin(3), chunk), async (w, chunk, start) => {
      take();
      inFlight.add(start);
      await sleep(w === 0 ? 10 : 40);
      inFlight.delete(start);
      if (w === 0) {
        failed = true;
        throw new Error('worker 0 failed');
      }
      return chunk;
    });
    await expect(run).rejects.toThrow('worker 0 failed');
    expect(inFlight.size).toBe(0);
    expect(startedAfter).toBe(0);
    expect(taken).toBeLessThan(50);
  });

  it('throws this thread\'s error once the workers are done', async () => {
    let done = 0;
    const run = shareWork(items, 10, 1, () => {
      throw new Error('here failed');
    }, async (_w, chunk) => {
      await sleep(20);
      done++;
      return chunk;
    });
    await expect(run).rejects.toThrow('here failed');
    expect(done).toBe(2);
  });
});
