import type { AdminApi } from './admin-types.ts';
import { makeRefusal } from './make-refusal.ts';

/**
 * The admin API with the key the operator gave. A refused key calls `onRefused` and rejects with
 * "unauthorised"; another error rejects with the API's own message (its `value` and `fix` kept on the error).
 */
export function makeAdminApi(options: { getKey: () => string | null; onRefused: () => void }): AdminApi {
  return async <T>(path: string, init: RequestInit = {}): Promise<T> => {
    const headers = {
      authorization: `Bearer ${options.getKey()}`,
      ...(init.headers as Record<string, string> | undefined),
    };
    const response = await fetch(path, { ...init, headers });
    if (response.status === 401) {
      options.onRefused();
      throw new Error('unauthorised');
    }
    if (!response.ok) {
      throw makeRefusal(await response.json().catch(() => ({})), response.statusText);
    }
    return (
      /[/+]json(;|$)/.test(response.headers.get('content-type') ?? '') ? response.json() : response.text()
    ) as Promise<T>;
  };
}
