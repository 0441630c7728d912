import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const types: Record<string, string> = {
  '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.map': 'application/json',
  '.woff2': 'font/woff2', '.woff': 'font/woff', '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg',
  '.m4a': 'audio/mp4', '.mp3': 'audio/mpeg', '.wav': 'audio/wav',
};

/**
 * A local HTTP server on 127.0.0.1 answering each path from the first folder that has the file.
 * `immutable`: the folders never change while the server runs, so browsers may keep every answer
 * (and compile scripts from their cache) for as long as it lives.
 */
export async function serveFolders(options: { folders: readonly string[]; immutable?: boolean }): Promise<{ url: string; close: () => Promise<void> }> {
  const caching = options.immutable ? { 'cache-control': 'public, max-age=31536000, immutable' } : {};
  const server = http.createServer((request, response) => {
    const wanted = decodePath(request.url ?? '/');
    if (wanted === undefined) {
      response.writeHead(400).end();
      return;
    }
    const relative = path.normalize(wanted === '/' ? '/index.html' : wanted).replace(/^([/\\])+/, '');
    const tryFolder = async (index: number): Promise<void> => {
      const folder = options.folders[index];
      if (folder === undefined || relative.startsWith('..')) {
        response.writeHead(404).end();
        return;
      }
      const body = await fs.readFile(path.join(folder, relative)).catch(() => undefined);
      if (!body) return tryFolder(index + 1);
      response.writeHead(200, { 'content-type': types[path.extname(relative)] ?? 'application/octet-stream', ...caching }).end(body);
    };
    void tryFolder(0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // Browsers keep connections alive; the server is done once its owner is.
        server.closeAllConnections();
      }),
  };
}

/** The path of a request URL, decoded; undefined when its escapes are malformed. */
function decodePath(url: string): string | undefined {
  try {
    return decodeURIComponent(new URL(url, 'http://localhost').pathname);
  } catch {
    return undefined;
  }
}
