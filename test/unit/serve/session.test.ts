import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DevSession } from '../../../src/serve/session.js';
import { FIXTURES, NOW } from '../../helpers/site.js';

describe('rebuilds in watch mode', () => {
  it('coalesce changes that arrive during a rebuild into one run right after it, losing none', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'awning-session-'));
    fs.cpSync(path.join(FIXTURES, 'sites/serve-planner'), dir, { recursive: true });
    const session = new DevSession({ config: path.join(dir, 'site.config.ts'), now: NOW });
    await session.start();
    const runs: string[][] = [];
    session.onRebuild((r) => runs.push(r.changed));
    const post = (n: number) => path.join(dir, `content/posts/post-${n}.md`);
    for (const n of [1, 2, 3]) fs.writeFileSync(post(n), fs.readFileSync(post(n), 'utf8').replace(`Body of post ${n}.`, `Edited ${n}.`));
    // One change starts a rebuild; two more arrive while it runs.
    const first = session.change([post(1)]);
    const second = session.change([post(2)]);
    const third = session.change([post(3)]);
    await Promise.all([first, second, third]);
    expect(runs).toEqual([['content/posts/post-1.md'], ['content/posts/post-2.md', 'content/posts/post-3.md']]);
    for (const n of [1, 2, 3]) expect(String(session.files.get(`blog/post-${n}/index.html`))).toContain(`Edited ${n}.`);
  });

  it('prints nothing for a save that wrote the same bytes (the watcher may report one save twice)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'awning-session-'));
    fs.cpSync(path.join(FIXTURES, 'sites/serve-planner'), dir, { recursive: true });
    const session = new DevSession({ config: path.join(dir, 'site.config.ts'), now: NOW });
    await session.start();
    const runs: { changed: string[]; updated: string[] }[] = [];
    session.onRebuild((r) => runs.push({ changed: r.changed, updated: r.updated }));
    const post = path.join(dir, 'content/posts/post-2.md');
    fs.writeFileSync(post, fs.readFileSync(post, 'utf8').replace('Body of post 2.', 'Edited.'));
    await session.change([post]);
    await session.change([post]);
    expect(runs).toEqual([{ changed: ['content/posts/post-2.md'], updated: ['/blog/post-2/'] }]);
  });
});

