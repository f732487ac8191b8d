import { Worker } from 'node:worker_threads';
import type { ExportItem, ExportResult } from './export-pdf.ts';
import { WORKER_QUEUE_LENGTH, WORKER_WAIT_MS, type QueueLimits } from './limits.ts';
import { compiled, fromProjectRoot } from '../../core/paths.ts';

/**
 * Work on a document's contents off the server's event loop. pdf-lib reads and writes PDFs in plain
 * JavaScript: reading a 25 MB PDF of a million small objects takes half a minute, and during that no
 * other request would be answered. So counting an added PDF's pages and "Als PDF speichern" run in a
 * worker thread, one task at a time per line (one line for each, so an export never holds up an
 * upload), each with a deadline: a task not done by then is refused and its worker terminated, the
 * next task gets a fresh one. A worker stays for the next task and ends after a minute without one;
 * it never keeps the process alive on its own. Its JavaScript heap is capped, so a PDF that would
 * need more ends that worker instead of the server; what pdf-lib inflates, outside that heap, has its
 * own budget (pdf-decode-budget.ts).
 *
 * Waiting is not the document's fault: a task that waited too long for its turn, or finds too many
 * waiting, is refused as busy (WorkerBusy, 503 "try again") and never as too complex, so a good PDF
 * is not refused for good because the server was busy. One person has at most one task waiting or
 * running (over both lines; a second is refused at once), so no one fills the line for everyone
 * else, and a waiting task whose request was given up (its signal aborted) leaves the line without
 * running. These counts are this process's: they guard its workers, and each process has its own.
 */

/** What the server sends the worker thread (worker-thread.ts). */
export type ToWorker =
  | { kind: 'count'; bytes: Uint8Array; maxDecodedBytes: number }
  | { kind: 'export'; person: { name: string; kvnr: string }; items: ExportItem[]; madeAt: Date; maxPages: number }
  | { kind: 'loaded'; index: number; bytes: Uint8Array };

/** What it answers: a result, a request for a document's bytes, or an error of the code. */
export type FromWorker =
  | { kind: 'counted'; pages: number | null }
  | { kind: 'exported'; result: ExportResult }
  | { kind: 'too_large' }
  | { kind: 'too_complex' }
  | { kind: 'load'; index: number }
  | { kind: 'failed'; message: string }
  | { kind: 'ready' };

/** A task that ran out of its running time, the worker's memory, or what its PDF may inflate: the document's cost. */
export class WorkerLimit extends Error {
  constructor(readonly limit: 'timeout' | 'memory' | 'inflated') {
    super(`worker ${limit}`);
    this.name = 'WorkerLimit';
  }
}

/**
 * A task that did not get its turn, nothing about its document: the line is full ('full') or it
 * waited longer than its waitMs ('waited'), the same caller has a task waiting or running
 * ('running'), or its request was given up while it waited ('aborted').
 */
export class WorkerBusy extends Error {
  constructor(readonly reason: 'full' | 'waited' | 'running' | 'aborted') {
    super(`worker busy: ${reason}`);
    this.name = 'WorkerBusy';
  }
}

/** How a task waits for its turn. */
export interface TaskOptions extends Partial<QueueLimits> {
  /** who asks (as the audit log names them): one task of theirs at a time; none for the platform's own work */
  owner?: string;
  /** aborted when the request is given up: a task still waiting is dropped */
  signal?: AbortSignal;
}

/** The heap a worker may use: a PDF that needs more is refused, the server keeps its own. */
const HEAP_MB = 1024;
const IDLE_MS = 60_000;
/**
 * A thread starts from a file. Compiled, that is worker-thread.ts compiled on its own
 * (scripts/build-server.mjs; the bundle has no worker-thread.ts to point at); from the sources
 * (tsx, tests), worker-start.mjs registers tsx in the thread first and then imports worker-thread.ts.
 */
const START = compiled ? fromProjectRoot('dist/epa-records-worker.js') : new URL('./worker-start.mjs', import.meta.url);
const ENTRY = new URL('./worker-thread.ts', import.meta.url).href;

interface Job {
  task: Exclude<ToWorker, { kind: 'loaded' }>;
  timeoutMs: number;
  load?: (index: number) => Promise<Uint8Array>;
  done: (reply: FromWorker) => void;
  fail: (error: unknown) => void;
  timer: NodeJS.Timeout;
  /** handed to the worker: from here on its time is the document's */
  begun: boolean;
}

/** The callers with a task waiting or running, over both lines. */
const owners = new Set<string>();

/**
 * One worker thread and the tasks waiting for it. A task has its time twice: once (waitMs) to wait
 * for its turn and a started worker (starting one loads pdf-lib, sharp and the fonts, a second or
 * more), and once (timeoutMs) to run; so a queue of slow tasks cannot keep a caller waiting without
 * end, and neither the queue nor a worker's start is counted against the document.
 */
function workerLine(name: string) {
  let worker: Worker | null = null;
  let ready = false;
  let current: Job | null = null;
  const queue: Job[] = [];
  let idle: NodeJS.Timeout | undefined;

  function start(): Worker {
    const started = new Worker(START, { name, workerData: { entry: ENTRY }, resourceLimits: { maxOldGenerationSizeMb: HEAP_MB } });
    // events of a worker that was replaced (timed out, idle) are not the current task's
    started.on('message', (message: FromWorker) => {
      if (started === worker) received(message);
    });
    started.on('error', (error: Error & { code?: string }) => {
      if (started !== worker) return;
      worker = null;
      finish(null, error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new WorkerLimit('memory') : error);
    });
    started.on('exit', (code) => {
      if (started !== worker) return;
      worker = null;
      finish(null, new Error(`${name}: the worker ended (${code})`));
    });
    return started;
  }

  /** Ends the current task with its reply or error and starts the next. */
  function finish(reply: FromWorker | null, error?: unknown) {
    const job = current;
    current = null;
    if (job) {
      clearTimeout(job.timer);
      if (reply) job.done(reply);
      else job.fail(error);
    }
    next();
  }

  function received(message: FromWorker) {
    if (message.kind === 'ready') {
      ready = true;
      if (current) begin(current);
      return;
    }
    const job = current;
    if (!job) return;
    if (message.kind !== 'load') return finish(message);
    const { index } = message;
    job.load!(index).then(
      (bytes) => {
        if (current === job) worker!.postMessage({ kind: 'loaded', index, bytes } satisfies ToWorker);
      },
      (error: unknown) => {
        if (current !== job) return;
        // the worker waits for these bytes: it is replaced
        stop();
        finish(null, error);
      },
    );
  }

  function stop() {
    const stopped = worker;
    worker = null;
    void stopped?.terminate();
  }

  function next() {
    if (current) return;
    const job = queue.shift();
    if (!job) {
      if (worker) {
        worker.unref();
        clearTimeout(idle);
        idle = setTimeout(stop, IDLE_MS).unref();
      }
      return;
    }
    current = job;
    clearTimeout(idle);
    if (!worker) {
      worker = start();
      ready = false;
    }
    worker.ref();
    if (ready) begin(job);
  }

  /** Hands the task to the ready worker, its running time from now. */
  function begin(job: Job) {
    clearTimeout(job.timer);
    job.begun = true;
    job.timer = setTimeout(() => expire(job), job.timeoutMs);
    worker!.postMessage(job.task);
  }

  function expire(job: Job) {
    if (job.begun) {
      if (current !== job) return;
      stop();
      finish(null, new WorkerLimit('timeout'));
    } else drop(job, new WorkerBusy('waited'));
  }

  /** Takes a task that has not begun out of the line; a worker that is starting goes on starting for the next. */
  function drop(job: Job, error: WorkerBusy) {
    const waiting = queue.indexOf(job);
    if (waiting >= 0) {
      queue.splice(waiting, 1);
      clearTimeout(job.timer);
      job.fail(error);
    } else if (current === job && !job.begun) finish(null, error);
  }

  return {
    run(task: Job['task'], timeoutMs: number, options: TaskOptions = {}, load?: Job['load']): Promise<FromWorker> {
      const { owner, signal, waitMs = WORKER_WAIT_MS, maxQueued = WORKER_QUEUE_LENGTH } = options;
      if (signal?.aborted) return Promise.reject(new WorkerBusy('aborted'));
      if (owner !== undefined && owners.has(owner)) return Promise.reject(new WorkerBusy('running'));
      // the running task is not in the queue; a line with none running takes this one at once
      if (current && queue.length >= maxQueued) return Promise.reject(new WorkerBusy('full'));
      return new Promise((done, fail) => {
        const abort = () => drop(job, new WorkerBusy('aborted'));
        const settled = () => {
          if (owner !== undefined) owners.delete(owner);
          signal?.removeEventListener('abort', abort);
        };
        const job: Job = {
          task,
          timeoutMs,
          load,
          done: (reply) => (settled(), done(reply)),
          fail: (error) => (settled(), fail(error)),
          timer: setTimeout(() => expire(job), waitMs),
          begun: false,
        };
        if (owner !== undefined) owners.add(owner);
        signal?.addEventListener('abort', abort, { once: true });
        queue.push(job);
        next();
      });
    },
    /** How many tasks run (0 or 1) and wait; for the tests, which fill the line. */
    tasks: () => ({ running: current ? 1 : 0, waiting: queue.length }),
  };
}

const checkLine = workerLine('epa-records: PDF pages');
const exportLine = workerLine('epa-records: Als PDF speichern');

function unexpected(reply: FromWorker): never {
  throw new Error(reply.kind === 'failed' ? reply.message : `unexpected answer ${reply.kind}`);
}

/**
 * A PDF's page count as pdf-lib reads it; null when it cannot read it (encrypted, broken). Throws
 * WorkerLimit (out of time or memory, or its streams inflate beyond `maxDecodedBytes`, see
 * pdf-decode-budget.ts) and WorkerBusy.
 */
export async function countPdfPages(bytes: Uint8Array, limits: { timeoutMs: number; maxDecodedBytes: number }, options: TaskOptions = {}): Promise<number | null> {
  const reply = await checkLine.run({ kind: 'count', bytes, maxDecodedBytes: limits.maxDecodedBytes }, limits.timeoutMs, options);
  if (reply.kind === 'too_complex') throw new WorkerLimit('inflated');
  return reply.kind === 'counted' ? reply.pages : unexpected(reply);
}

/** The tasks of each line, running and waiting. */
export function workerTasks() {
  return { check: checkLine.tasks(), export: exportLine.tasks() };
}

/**
 * renderDocumentsPdf in the worker, the documents' bytes loaded here one at a time as it asks for
 * them. 'too_large' when they have more than `maxPages` pages; throws WorkerLimit and WorkerBusy.
 */
export async function renderInWorker(
  input: { person: { name: string; kvnr: string }; items: readonly ExportItem[]; madeAt: Date; maxPages: number },
  load: (item: ExportItem) => Promise<Uint8Array>,
  timeoutMs: number,
  options: TaskOptions = {},
): Promise<ExportResult | 'too_large'> {
  // only what the PDF shows crosses to the worker, in the order of the selection
  const items = input.items.map(({ id, class_code, title, author, created_at, content_type }) => ({ id, class_code, title, author, created_at, content_type }));
  const reply = await exportLine.run({ kind: 'export', person: input.person, items, madeAt: input.madeAt, maxPages: input.maxPages }, timeoutMs, options, (index) => load(input.items[index]!));
  if (reply.kind === 'too_large') return 'too_large';
  return reply.kind === 'exported' ? reply.result : unexpected(reply);
}
