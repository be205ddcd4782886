import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { IN_BUNDLE, PACKAGE_ROOT, compiledModule } from './home.js';

/**
 * A parse-and-render worker thread (src/parallel/worker.ts). Under the command line, the thread runs
 * the same bundle, through bin/awning.js and its code cache, and `runWorker` in cli/main.ts loads
 * the worker's module from it: loading its 300-odd compiled modules one by one took 0.25-0.35 s at
 * the start of a big build, against 0.03-0.05 s for the cached bundle. From the modules (the
 * package's API, the tests) the thread runs lib/parallel/worker.js. (The threads that list dist/
 * and watch for serve load a handful of modules: from lib/, they start faster than the bundle.)
 */
export function parallelWorker(data: object): Worker {
  return IN_BUNDLE
    ? new Worker(path.join(PACKAGE_ROOT, 'bin', 'awning.js'), { workerData: { ...data, awningWorker: 'parallel' } })
    : new Worker(compiledModule('parallel/worker.js'), { workerData: data });
}
