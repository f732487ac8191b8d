import { parentPort } from 'node:worker_threads';
import { ExportTooLarge, renderDocumentsPdf } from './export-pdf.ts';
import { PdfDecodeBudgetExceeded, loadPdf } from './pdf-decode-budget.ts';
import type { FromWorker, ToWorker } from './worker.ts';

/**
 * Inside the worker thread (see worker.ts): the work on documents that runs in JavaScript for as long
 * as their structure makes it (reading a PDF, copying its pages), one task at a time. The server
 * answers each load request with the document's decrypted bytes; the database stays with the server.
 */
const port = parentPort!;
const loading = new Map<number, (bytes: Uint8Array) => void>();

async function run(task: Extract<ToWorker, { kind: 'count' | 'export' }>): Promise<FromWorker> {
  if (task.kind === 'count') {
    try {
      // the same reading as the export's: what it cannot read here it does not convert there either
      const doc = await loadPdf(task.bytes, task.maxDecodedBytes);
      return { kind: 'counted', pages: doc.getPageCount() };
    } catch (error) {
      return error instanceof PdfDecodeBudgetExceeded ? { kind: 'too_complex' } : { kind: 'counted', pages: null };
    }
  }
  const { items } = task;
  try {
    const result = await renderDocumentsPdf({
      ...task,
      load: (item) =>
        new Promise((resolve) => {
          const index = items.indexOf(item);
          loading.set(index, resolve);
          port.postMessage({ kind: 'load', index } satisfies FromWorker);
        }),
    });
    return { kind: 'exported', result };
  } catch (error) {
    if (error instanceof ExportTooLarge) return { kind: 'too_large' };
    throw error;
  }
}

port.on('message', (message: ToWorker) => {
  if (message.kind === 'loaded') {
    const resolve = loading.get(message.index);
    loading.delete(message.index);
    resolve?.(message.bytes);
    return;
  }
  run(message).then(
    (reply) => port.postMessage(reply, reply.kind === 'exported' ? [reply.result.bytes.buffer as ArrayBuffer] : []),
    (error: unknown) => port.postMessage({ kind: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies FromWorker),
  );
});

// pdf-lib, sharp and export-pdf.ts are loaded: the server starts timing the first task from here
port.postMessage({ kind: 'ready' } satisfies FromWorker);
