import type { LivePageProps } from './page-props.ts';

/**
 * Where the live player mounts (assets/site/live-player.ts). Hidden until the player runs, so a
 * browser that cannot run it keeps the fallback (the MP4, or the poster in `live` mode).
 */
export function LivePlayerSlot(props: { live: LivePageProps; label: string }) {
  return (
    <div
      className="live-player"
      role="group"
      aria-label={props.label}
      hidden
      data-live-player=""
      data-template={props.live.templateId}
      data-static-base={props.live.staticBase}
    />
  );
}
