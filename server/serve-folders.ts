import path from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';

const types: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.m4a': 'audio/mp4',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
};

/**
 * A local HTTP server on 127.0.0.1 answering each path from the first folder that has the file
 * (a malformed escape is a 400, anything outside the folders a 404).
 * `immutable`: the folders never change while the server runs, so browsers may keep every answer
 * (and compile scripts from their cache) for as long as it lives.
 */
export async function serveFolders(options: {
  folders: readonly string[];
  immutable?: boolean;
}): Promise<{ url: string; close: () => Promise<void> }> {
  // Browsers keep connections alive; the server is done once its owner is.
  const app = Fastify({ logger: false, forceCloseConnections: true });
  await app.register(fastifyStatic, {
    root: [...options.folders],
    index: ['index.html'],
    dotfiles: 'allow',
    cacheControl: false,
    contentType: false,
    // A path climbing out of the folders is not there, as for a file that is missing.
    allowedPath: (pathname) => !pathname.split(/[\\/]/).includes('..'),
    setHeaders: (response, file) => {
      response.setHeader('content-type', types[path.extname(file)] ?? 'application/octet-stream');
      if (options.immutable) response.setHeader('cache-control', 'public, max-age=31536000, immutable');
    },
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, close: () => app.close() };
}
