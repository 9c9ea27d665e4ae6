import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * The web front (web/, built by Vite into dist/web): its files, and index.html for every other GET
 * that is not the API, the docs, the event stream, the health check or a referral link, so that a
 * deep link such as /orders/o1 opens the single-page app on that page.
 */

/** Paths the SPA never answers: an unknown one among them stays a JSON 404. */
const SERVER_PATHS = [/^\/api(\/|$)/, /^\/docs(\/|$)/, /^\/events(\/|$)/, /^\/health$/, /^\/r(\/|$)/];
const INDEX = 'index.html';
/** Built assets carry a content hash in their names, so browsers may keep them for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** dist/web of this package, from src/http (tests) or dist/src/http (the build); undefined if not built. */
export function defaultWebRoot(): string | undefined {
  let dir = import.meta.dirname;
  for (let depth = 0; depth < 6; depth++) {
    if (existsSync(join(dir, 'package.json'))) {
      const root = join(dir, 'dist', 'web');
      return existsSync(join(root, INDEX)) ? root : undefined;
    }
    dir = dirname(dir);
  }
  return undefined;
}

export function isServerPath(path: string): boolean {
  return SERVER_PATHS.some((pattern) => pattern.test(path));
}

/** Serves the built front from `root` (which must hold index.html) with the SPA fallback. */
export async function registerWebFront(app: FastifyInstance, root: string): Promise<void> {
  if (!existsSync(join(root, INDEX))) throw new Error(`web front not built: ${join(root, INDEX)} is missing`);
  await app.register(fastifyStatic, {
    root,
    // One route per built file rather than a catch-all, so the fallback below can own the rest.
    wildcard: false,
    cacheControl: false,
    setHeaders: (res, path) => {
      res.setHeader('cache-control', path.includes('/assets/') ? IMMUTABLE : 'no-cache');
    },
  });
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (isServerPath(path) || /\.[a-z0-9]+$/i.test(path)) return reply.callNotFound();
    return reply.header('cache-control', 'no-cache').sendFile(INDEX, root);
  });
}
