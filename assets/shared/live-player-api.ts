/**
 * The live player's browser API as the pages use it: what the player bundle
 * (compositions/player/mount-player.tsx, loaded before these scripts) puts on `window.kindlyPlayer`.
 */
export type LivePlayerApi = {
  mount(
    element: Element,
    options: { templateId: string; props: unknown; staticBase?: string },
  ): Promise<{ pause(): void }>;
};

/** The live player, if its bundle has loaded on this page. */
export function getLivePlayer(): LivePlayerApi | undefined {
  return (window as unknown as { kindlyPlayer?: LivePlayerApi }).kindlyPlayer;
}
