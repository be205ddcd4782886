import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { IN_BUNDLE, PACKAGE_ROOT, compiledModule } from './home.js';

/** The work a thread of Awning's can be started for (see `runWorker` in cli/main.ts). */
export type WorkerRole = 'parallel' | 'list' | 'watch';

/** The compiled module each role runs when Awning runs from its modules rather than its bundle. */
const MODULES: Record<WorkerRole, string> = { parallel: 'parallel/worker.js', list: 'output/write.js', watch: 'serve/watchWorker.js' };

/**
 * A worker thread for one of Awning's roles. Under the command line, the thread runs the same
 * bundle, through bin/awning.js and its code cache, and `runWorker` starts the role: loading the
 * role's compiled modules one by one took a parse worker 0.25-0.35 s at the start of a big build,
 * against 0.03-0.05 s for the cached bundle. From the modules (the package's API, the tests), the
 * thread runs the role's compiled module in lib/. `workerData` gets the role as `awningWorker`.
 */
export function awningWorker(role: WorkerRole, data: Record<string, unknown>): Worker {
  return IN_BUNDLE
    ? new Worker(path.join(PACKAGE_ROOT, 'bin', 'awning.js'), { workerData: { ...data, awningWorker: role } })
    : new Worker(compiledModule(MODULES[role]), { workerData: data });
}
