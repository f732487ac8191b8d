// The entry of the ePA record's worker thread (worker.ts). A worker thread starts without the loader
// hooks the server's TypeScript runs through (on Node 20 `--import tsx` and tsx's register() reach
// only the thread that ran them), so this plain module registers tsx first and then imports the
// worker's code, worker-thread.ts, whose URL the server passes.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
