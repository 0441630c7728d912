/** How often a running render tells the store it is alive; KINDLY_STALE_SECONDS (300 by default) must stay well above it. */
const heartbeatMs = 30_000;

/**
 * A render's progress listener that passes progress on and, at most every 30 s, touches the
 * render's claim in the store, so the sweeper never takes a render still drawing to be lost.
 * A failed touch is left to the next one.
 */
export function makeHeartbeat(options: {
  onProgress?: (progress: number) => void;
  touch: () => Promise<void>;
}): (progress: number) => void {
  let touched = Date.now();
  return (progress) => {
    options.onProgress?.(progress);
    if (Date.now() - touched < heartbeatMs) return;
    touched = Date.now();
    void options.touch().catch(() => undefined);
  };
}
