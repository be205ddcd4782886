import { parentPort, workerData } from 'node:worker_threads';
import { watchHere } from './watch.js';

/** The watcher's thread: chokidar's events and folders go to the main thread (see `watchPaths`). */
const { paths } = workerData as { paths: string[] };
watchHere(paths, (m) => parentPort!.postMessage(m));
