// Reports what happens on a personal page. Only a browser running this script counts as a view,
// so link-preview bots that fetch the HTML are never counted.
import { sendEvent } from '../shared/send-event.ts';

/** Quartiles `kindly stats` reports, and 10 % buckets. */
const progressBuckets = [10, 20, 25, 30, 40, 50, 60, 70, 75, 80, 90];

function trackPage(): void {
  const token = document.body.getAttribute('data-token');
  const track = document.body.getAttribute('data-track') ?? '';
  if (!token) return;
  const send = (type: string, detail?: Record<string, unknown>) => sendEvent({ track, token, type, detail });
  send('view');
  const video = document.querySelector('video');
  if (video) trackVideo({ video, send });
}

function trackVideo(options: {
  video: HTMLVideoElement;
  send: (type: string, detail?: Record<string, unknown>) => void;
}): void {
  const { video, send } = options;
  const sent = new Set<string>();
  const once = (type: string) => {
    if (sent.has(type)) return;
    sent.add(type);
    send(type);
  };

  // Seconds actually watched: second s counts once playback runs through its middle (s + 0.5)
  // without a seek, so skipping ahead watches nothing. Kept as a bitmap for the retention curve.
  const watched: boolean[] = [];
  let watchedCount = 0;
  let last: number | null = null;
  let unsent = false;
  const mark = (from: number, to: number) => {
    for (let second = Math.ceil(from - 0.5); second + 0.5 < to; second += 1) {
      if (second < 0 || watched[second]) continue;
      watched[second] = true;
      watchedCount += 1;
      unsent = true;
    }
  };
  const advance = () => {
    const now = video.currentTime;
    // A jump of more than a few seconds between updates is a seek, not watching.
    if (last !== null && !video.seeking && now >= last && now - last < 3 * Math.max(1, video.playbackRate))
      mark(last, now);
    last = video.seeking ? null : now;
    if (!video.duration) return;
    const percent = (now / video.duration) * 100;
    for (const bucket of progressBuckets) if (percent >= bucket) once(`progress_${bucket}`);
    if (watchedCount >= 0.8 * video.duration) once('complete');
  };
  const report = () => {
    advance();
    if (!unsent || !video.duration) return;
    unsent = false;
    send('watched', { seconds: encodeBitmap(watched), duration: Math.round(video.duration) });
  };

  video.addEventListener('play', () => {
    last = video.currentTime;
    once('play');
  });
  video.addEventListener('seeking', () => {
    last = null;
  });
  video.addEventListener('seeked', () => {
    last = video.currentTime;
  });
  video.addEventListener('timeupdate', () => {
    if (!video.paused) advance();
  });
  video.addEventListener('pause', report);
  video.addEventListener('ended', report);
  window.addEventListener('pagehide', report);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') report();
  });
}

/** The watched seconds as a base64 bitmap: bit s of byte s >> 3 is second s. */
function encodeBitmap(watched: boolean[]): string {
  const bytes = new Uint8Array(Math.ceil(watched.length / 8));
  for (let second = 0; second < watched.length; second += 1)
    if (watched[second]) bytes[second >> 3]! |= 1 << (second & 7);
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}

trackPage();
