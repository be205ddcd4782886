/**
 * What the theme tests share: the example site built once by the real CLI, a tiny static server
 * for it on 127.0.0.1, Debian's Chromium through playwright-core, and Java for the Nu validator.
 *
 * A missing tool skips the tests that need it, with a message saying what to install; when `CI`
 * is set, a missing tool fails them instead (CI must run every check).
 */
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { describe, it } from 'vitest';
import sirv from 'sirv';
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';
import { ROOT, runCli } from './site.js';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface Requirement {
  available: boolean;
  /** What to install, shown when the tests are skipped or fail. */
  message: string;
}

export const chromiumRequirement = (): Requirement => ({
  available: fs.existsSync(CHROMIUM_PATH),
  message: `no browser at ${CHROMIUM_PATH}: install Debian's chromium: apt-get install chromium`,
});

export const javaRequirement = (): Requirement => ({
  available: spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0,
  message: 'no java on the PATH (the Nu HTML validator needs Java 17 or newer): install a JDK, e.g. apt-get install openjdk-17-jre-headless',
});

/**
 * describe() when the requirement is met. Otherwise one skipped test whose name says what to
 * install; or, with CI set, one failing test that says the same.
 */
export function describeWith(requirement: Requirement, name: string, fn: () => void): void {
  if (requirement.available) {
    describe(name, fn);
  } else if (process.env.CI) {
    describe(name, () => {
      it(`cannot run: ${requirement.message}`, () => {
        throw new Error(`${name}: ${requirement.message} (CI is set, so this is a failure, not a skip)`);
      });
    });
  } else {
    console.warn(`Skipping "${name}": ${requirement.message}`);
    describe(name, () => {
      it.skip(`skipped: ${requirement.message}`, () => {});
    });
  }
}

/** Debian's Chromium, headless, never a downloaded browser. */
export function launchChromium(opts: { javaScriptDisabled?: boolean; extraArgs?: string[] } & LaunchOptions = {}): Promise<Browser> {
  const { extraArgs = [], ...rest } = opts;
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...extraArgs], ...rest });
}

export interface BuiltExample {
  /** The folder the site was written to. */
  dir: string;
  /** Removes the folder. */
  remove(): void;
}

/** Builds the example site (the repository root) once with the real CLI into a temporary folder. */
export function buildExample(prefix = 'awning-theme-'): BuiltExample {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const dir = path.join(tmp, 'site');
  const r = runCli(['build', '--out', dir, '--quiet'], ROOT);
  if (r.status !== 0) throw new Error(`the example site did not build (exit ${r.status}):\n${r.stdout}${r.stderr}`);
  return { dir, remove: () => fs.rmSync(tmp, { recursive: true, force: true }) };
}

export interface StaticServer {
  /** "http://127.0.0.1:PORT" without a trailing slash. */
  origin: string;
  close(): Promise<void>;
}

/** Serves a folder on 127.0.0.1 and a random port, like a static host: index.html for folders, 404.html when nothing matches. */
export async function serveStatic(dir: string): Promise<StaticServer> {
  const files = sirv(dir, { dev: true, etag: false, extensions: ['html'] });
  const notFound = path.join(dir, '404.html');
  const server = http.createServer((req, res) => {
    files(req, res, () => {
      res.statusCode = 404;
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end(fs.existsSync(notFound) ? fs.readFileSync(notFound) : 'Not found');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface DebuggableChromium {
  /** The remote debugging port, for Lighthouse. */
  port: number;
  close(): Promise<void>;
}

/**
 * Debian's Chromium, headless, started directly with a remote debugging port, for Lighthouse. Not
 * through playwright-core: Playwright attaches to every tab the browser opens and runs its own
 * scripts there, which Lighthouse would measure as the page's work.
 */
export async function launchChromiumForLighthouse(): Promise<DebuggableChromium> {
  const port = await freePort();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'awning-chromium-'));
  const child = spawn(CHROMIUM_PATH, [...CHROMIUM_ARGS, '--headless=new', `--remote-debugging-port=${port}`, '--remote-debugging-address=127.0.0.1', `--user-data-dir=${profile}`, '--no-default-browser-check', '--mute-audio', 'about:blank'], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/json/version`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error(`Chromium did not open its debugging port ${port} within 20 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    port,
    close: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A free TCP port on 127.0.0.1 (for Chromium's remote debugging, which Lighthouse connects to). */
export async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as net.AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/** Every file under a folder, relative with forward slashes, sorted. */
export function filesUnder(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/** The URL path of an output file: "blog/x/index.html" → "/blog/x/", "404.html" → "/404.html". */
export const urlOf = (file: string): string => '/' + file.replace(/(^|\/)index\.html$/, '$1');

/**
 * One page of each layout of the default theme, for the slow checks (axe, Lighthouse).
 * The key is the layout; the value the URL of a page that uses it.
 */
export const PAGE_PER_TEMPLATE: Record<string, string> = {
  home: '/',
  page: '/about/',
  post: '/blog/what-to-expect-first-massage/',
  list: '/blog/category/massage/',
  terms: '/blog/tag/',
  services: '/services/',
  service: '/services/swedish/',
  locations: '/locations/',
  location: '/locations/millbrook/',
  contact: '/contact/',
  '404': '/404.html',
};
