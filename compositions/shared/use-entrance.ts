import { interpolate, spring, useCurrentFrame, useVideoConfig } from 'remotion';

/** A soft rise-and-fade entrance starting at `delay` frames into the scene. */
export function useEntrance(delay: number): { opacity: number; transform: string } {
  const frame = useCurrentFrame();
  const { fps } = useVideoConfig();
  const progress = spring({ frame: frame - delay, fps, config: { damping: 200 } });
  return { opacity: progress, transform: `translateY(${interpolate(progress, [0, 1], [24, 0])}px)` };
}
