/** Calls a `kindly serve` API with its key: JSON in and out, FormData sent as is, CSV answers as text. */
export type ApiCall = <T = unknown>(method: string, url: string, body?: unknown) => Promise<T>;

/** An API caller for the server at `api` (its origin) holding `apiKey`; a failed answer throws with its body. */
export function makeApiCall(options: { api: string; apiKey: string }): ApiCall {
  return async <T = unknown>(method: string, url: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${options.api}${url}`, {
      method,
      headers: {
        authorization: `Bearer ${options.apiKey}`,
        ...(body && !(body instanceof FormData) ? { 'content-type': 'application/json' } : {}),
      },
      body: body instanceof FormData ? body : body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
    return (url.endsWith('.csv') ? response.text() : response.json()) as Promise<T>;
  };
}
