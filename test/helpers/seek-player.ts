import type { Page } from 'puppeteer-core';

/** Seeks the player mounted at `selector` to a frame (paused) and waits until the fonts and two paints are done. */
export async function seekPlayer(page: Page, frame: number, selector = '[data-live-player]'): Promise<void> {
  await page.evaluate(
    async (target, at) => {
      const slot = document.querySelector(at)!;
      const player = await window.kindlyPlayer!.get(slot)!;
      player.pause();
      player.seekTo(target);
      for (let attempt = 0; attempt < 100 && player.getCurrentFrame() !== target; attempt += 1)
        await new Promise((resolve) => setTimeout(resolve, 20));
      await document.fonts.ready;
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    },
    frame,
    selector,
  );
}
