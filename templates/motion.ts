/**
 * Frames an entrance (a soft rise and fade) takes to reach its final place. After that it shows
 * exactly its final values, so a scene is still from `entranceFrames` after its last entrance
 * starts: a scene declares that frame as its `stillFrom`, and renders draw it once and hold it.
 */
export const entranceFrames = 30;

/**
 * When the entrances of the shared scene components start, in frames into their scene. The
 * components animate by these, and templates derive their scenes' `stillFrom` from them, so the
 * two cannot drift apart.
 */
export const entranceDelays = {
  greeting: { greeting: 0, lead: 10 },
  intro: { logo: 0, title: 12, subtitle: 22 },
  facts: { card: 30 },
  message: { title: 0, body: 14 },
  outro: { title: 0, subtitle: 32, arrow: 40 },
  plans: { total: 30, heading: 50, plans: [60, 72, 84] },
} as const;

type Delays = Readonly<Record<string, number | readonly number[]>>;

/** The first frame (into a scene) with no motion left, for a scene showing components with these entrance delays. */
export function stillAfter(...components: readonly Delays[]): number {
  const delays = components.flatMap((delays) => Object.values(delays).flat());
  return Math.max(0, ...delays) + entranceFrames;
}
