import path from 'node:path';
import { Builder, type BuilderOptions } from '../build.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { CopyDir } from '../output/write.js';

/** What a rebuild did, for the one line the terminal prints and the message the browsers get. */
export interface RebuildReport {
  ok: boolean;
  /** Paths (relative to the site root) that triggered it; empty for the first build. */
  changed: string[];
  /** URLs whose bytes changed (or appeared, or went away). */
  updated: string[];
  /** A stylesheet changed: browsers swap it in without reloading. */
  css: boolean;
  /** Something was served from the asset folders and changed, other than CSS. */
  assets: boolean;
  rendered: number;
  ms: number;
  diagnostics: Diagnostic[];
}

/**
 * The state of `awning serve`: the last good site in memory, the current errors, and rebuilds that
 * are single-flight: changes that arrive during a rebuild are run once right after it, together.
 */
export class DevSession {
  readonly builder: Builder;
  /** Output path ("blog/x/index.html") → bytes of the last good build. */
  files = new Map<string, string | Buffer>();
  copies: CopyDir[] = [];
  errors: Diagnostic[] = [];
  root = '';
  private running?: Promise<void>;
  private pending = new Set<string>();
  private listeners = new Set<(r: RebuildReport) => void>();

  constructor(opts: BuilderOptions) {
    this.builder = new Builder({ ...opts, incremental: true, dev: true });
  }

  onRebuild(fn: (r: RebuildReport) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** The first build. */
  async start(): Promise<RebuildReport> {
    return this.runOnce(undefined);
  }

  /** Queue changed paths; resolves when a rebuild that includes them has finished. */
  async change(paths: readonly string[]): Promise<void> {
    for (const p of paths) this.pending.add(path.resolve(p));
    while (this.pending.size > 0) {
      if (this.running) {
        await this.running;
        continue;
      }
      const batch = [...this.pending];
      this.pending.clear();
      this.running = this.runOnce(batch).then(() => undefined);
      try {
        await this.running;
      } finally {
        this.running = undefined;
      }
    }
  }

  /** Resolves once no rebuild is running or queued. */
  async idle(): Promise<void> {
    while (this.running || this.pending.size) await (this.running ?? Promise.resolve());
  }

  private async runOnce(changed: string[] | undefined): Promise<RebuildReport> {
    const t = performance.now();
    const isAsset = (p: string) => this.copies.some((c) => p.startsWith(c.from + path.sep));
    const assetChanges = (changed ?? []).filter(isAsset);
    const sourceChanges = changed?.filter((p) => !isAsset(p));
    const rel = (p: string) => path.relative(this.root || process.cwd(), p).split(path.sep).join('/');
    const report: RebuildReport = {
      ok: this.errors.length === 0,
      changed: (changed ?? []).map(rel),
      updated: [],
      css: assetChanges.some((p) => p.endsWith('.css')),
      assets: assetChanges.some((p) => !p.endsWith('.css')),
      rendered: 0,
      ms: 0,
      diagnostics: this.errors,
    };
    // Theme assets and media are served from their folders: a change there needs no rebuild.
    let silent = false;
    if (sourceChanges === undefined || sourceChanges.length > 0) {
      const result = await this.builder.run(sourceChanges);
      silent = result.unchanged === true && assetChanges.length === 0;
      report.ok = result.ok;
      report.rendered = result.rendered.length;
      report.diagnostics = result.diagnostics;
      if (result.ok) this.accept(result, report);
      else this.errors = result.diagnostics.filter((d) => d.severity === 'error');
    }
    report.ms = performance.now() - t;
    // A save that wrote the same bytes (or a second event for one save) changes nothing: no line.
    if (silent) return report;
    for (const fn of this.listeners) fn(report);
    return report;
  }

  /** Take a good build's outputs, noting which URLs changed bytes. */
  private accept(result: Awaited<ReturnType<Builder['run']>>, report: RebuildReport): void {
    this.errors = [];
    this.copies = result.copies;
    this.root = result.config!.root;
    if (result.changedOutputs) {
      for (const o of result.changedOutputs) {
        if (this.files.get(o.path) !== o.content) report.updated.push(o.url);
        this.files.set(o.path, o.content);
      }
      return;
    }
    const next = new Map<string, string | Buffer>();
    for (const o of result.outputs) {
      next.set(o.path, o.content);
      // Reused pages are the very same string: comparing is free unless the page was rendered again.
      const prev = this.files.get(o.path);
      if (prev !== o.content && !(prev !== undefined && Buffer.isBuffer(prev) && Buffer.isBuffer(o.content) && prev.equals(o.content))) report.updated.push(o.url);
    }
    for (const p of this.files.keys()) if (!next.has(p)) report.updated.push(`/${p}`.replace(/index\.html$/, ''));
    this.files = next;
  }
}
