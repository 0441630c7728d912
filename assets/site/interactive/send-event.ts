/**
 * Reports an event the way track.js does: `{token, type, ...detail}` as text/plain JSON to
 * `<track>/e` (a simple request: no preflight, not lost when the page unloads).
 */
export function sendEvent(options: { track: string; token: string; type: string; detail?: Record<string, unknown> }): void {
  const endpoint = `${options.track}/e`;
  const data = JSON.stringify({ token: options.token, type: options.type, ...options.detail });
  const queued = navigator.sendBeacon?.(endpoint, new Blob([data], { type: 'text/plain' }));
  if (!queued) fetch(endpoint, { method: 'POST', body: data, headers: { 'content-type': 'text/plain' }, keepalive: true }).catch(() => {});
}

/** Posts JSON as text/plain (no preflight to the tracking origin) and reads the JSON answer. */
export async function postJson(url: string, body: unknown): Promise<{ ok: boolean; status: number; body: Record<string, unknown> }> {
  try {
    const response = await fetch(url, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'text/plain' } });
    const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    return { ok: response.ok, status: response.status, body: answer };
  } catch (error) {
    return { ok: false, status: 0, body: { error: error instanceof Error ? error.message : 'network error' } };
  }
}
