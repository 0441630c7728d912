import { KindlyError } from '../errors.ts';
import type { StoreServer } from './find-store-server.ts';

/**
 * Calls the admin API of the local server that holds the store; its refusals come back as the
 * same errors the command would have raised itself (problem, value and fix, as the API sends them).
 */
export async function requestStoreServer(options: {
  server: StoreServer;
  path: string;
  method?: 'GET' | 'POST';
}): Promise<Response> {
  const { server } = options;
  const url = `${server.apiUrl}${options.path}`;
  const response = await fetch(url, {
    method: options.method ?? 'GET',
    headers: { authorization: `Bearer ${server.key}` },
  }).catch((error: unknown) => {
    throw new KindlyError({
      problem: `The kindly serve holding the store (pid ${server.pid}) did not answer at ${server.apiUrl}`,
      value: error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error),
      fix: 'Check that it still runs (its terminal shows why if it stopped), then run this again',
      retryable: true,
    });
  });
  if (response.ok) return response;
  const body = (await response.json().catch(() => ({}))) as { error?: string; value?: string; fix?: string };
  throw new KindlyError({
    // The value arrives quoted already; it is put in the problem as the API wrote it.
    problem: `${body.error ?? `The server answered ${response.status}`}${body.value === undefined ? '' : ` (got ${body.value})`}`,
    fix: body.fix ?? 'See the server log for the reason',
    statusCode: response.status,
  });
}
