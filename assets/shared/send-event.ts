/**
 * Reports an event on a personal page: `{token, type, ...detail}` as text/plain JSON to
 * `<track>/e`. text/plain keeps the beacon a simple request: no preflight, not lost when the page unloads.
 */
export function sendEvent(options: {
  track: string;
  token: string;
  type: string;
  detail?: Record<string, unknown>;
}): void {
  const endpoint = `${options.track}/e`;
  const data = JSON.stringify({ token: options.token, type: options.type, ...options.detail });
  const queued = navigator.sendBeacon?.(endpoint, new Blob([data], { type: 'text/plain' }));
  if (!queued)
    fetch(endpoint, { method: 'POST', body: data, headers: { 'content-type': 'text/plain' }, keepalive: true }).catch(
      () => {},
    );
}
