import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

/** A file the single executable carries instead of a folder: its bytes and content type. */
export interface EmbeddedFile {
  body: Buffer;
  type: string;
}

let embedded: ReadonlyMap<string, EmbeddedFile> | undefined;

/**
 * The files to serve from memory, by the address path they have when served from the folders
 * (`/assets/pforte.css`, `/assets/epa/epa-desktop.css` …). Set by the single executable before its
 * server starts; a client run from the sources (`npx pforte-epa`) never sets it and serves the folders.
 */
export function useEmbeddedAssets(files: Iterable<readonly [string, EmbeddedFile]>): void {
  embedded = new Map(files);
}

export function embeddedAssets(): ReadonlyMap<string, EmbeddedFile> | undefined {
  return embedded;
}

/**
 * Serves the files under /assets/ as @fastify/static serves the folders: an hour's caching, an ETag
 * with 304 for a copy the browser has, HEAD too, and the program's own 404 page for anything else.
 */
export function serveEmbeddedAssets(app: FastifyInstance, files: ReadonlyMap<string, EmbeddedFile>): void {
  const etags = new Map([...files].map(([path, file]) => [path, `"${createHash('sha256').update(file.body).digest('base64url').slice(0, 27)}"`]));
  app.get('/assets/*', async (request, reply) => {
    const path = request.url.split('?')[0]!;
    const file = files.get(path);
    if (!file) return reply.callNotFound();
    const etag = etags.get(path)!;
    reply.header('cache-control', 'public, max-age=3600').header('etag', etag);
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type(file.type).send(file.body);
  });
}
