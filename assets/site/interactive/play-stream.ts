/** The part of hls.js's API the page uses (the script defines `window.Hls`). */
type HlsPlayer = {
  loadSource: (url: string) => void;
  attachMedia: (video: HTMLVideoElement) => void;
  startLoad: (startPosition?: number) => void;
  recoverMediaError: () => void;
  destroy: () => void;
  on: (event: string, listener: (event: string, data: { fatal?: boolean; type?: string }) => void) => void;
};
type HlsClass = {
  new (config: Record<string, unknown>): HlsPlayer;
  isSupported: () => boolean;
  Events: { ERROR: string };
};

declare global {
  interface Window {
    Hls?: HlsClass;
  }
}

/**
 * Plays an HLS playlist in `video`: natively where the browser plays HLS (Safari, iOS), else with
 * the site's own hls.js (`script`, loaded only then) through Media Source Extensions. Nothing is
 * loaded from anyone else. Segments load once the video is played, as `preload="metadata"` keeps an
 * MP4 from loading; hls.js runs without its worker, so the page's CSP needs no `worker-src blob:`.
 * Where neither works, the poster stays. The captions come with the stream (its subtitles
 * rendition); `captions`, the page's track of the same captions, is added only where a native
 * player shows no subtitles rendition, so they show once.
 */
export function playStream(options: {
  video: HTMLVideoElement;
  src: string;
  script: string | undefined;
  captions: HTMLTrackElement;
}): void {
  const { video, src, script, captions } = options;
  if (video.canPlayType('application/vnd.apple.mpegurl') !== '') {
    // Safari lists the rendition among the video's text tracks; Chromium's own HLS plays no subtitles.
    const fromStream = (track: TextTrack | null) =>
      track !== null && track !== captions.track && (track.kind === 'subtitles' || track.kind === 'captions');
    video.textTracks.addEventListener('addtrack', (event) => fromStream(event.track) && captions.remove());
    const addUnlessStreamed = () => [...video.textTracks].some(fromStream) || video.append(captions);
    video.addEventListener('loadedmetadata', addUnlessStreamed, { once: true });
    video.src = src;
    return;
  }
  if (!script) return;
  const tag = document.createElement('script');
  tag.src = script;
  tag.addEventListener('load', () => {
    const Hls = window.Hls;
    if (!Hls?.isSupported()) return;
    const player = new Hls({ enableWorker: false, autoStartLoad: false });
    let mediaRecoveries = 0;
    player.on(Hls.Events.ERROR, (_event, data) => {
      if (!data.fatal) return;
      // A decoding hiccup is recovered once or twice; anything else leaves the poster up.
      if (data.type === 'mediaError' && mediaRecoveries < 2) {
        mediaRecoveries += 1;
        return player.recoverMediaError();
      }
      player.destroy();
    });
    player.loadSource(src);
    player.attachMedia(video);
    video.addEventListener('play', () => player.startLoad(video.currentTime), { once: true });
  });
  document.head.append(tag);
}
