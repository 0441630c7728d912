import { interpolate, spring, useCurrentFrame, useVideoConfig } from 'remotion';
import { entranceFrames } from '../../templates/motion.ts';

const settled = { opacity: 1, transform: 'translateY(0px)' } as const;

/**
 * A soft rise-and-fade entrance starting at `delay` frames into the scene. From `entranceFrames`
 * after its start it is exactly settled (the spring is within 0.0005 of rest there, less than a
 * step of colour), so the frames after a scene's last entrance are identical and can be drawn
 * once (see `Scene.stillFrom`).
 */
export function useEntrance(delay: number): { opacity: number; transform: string } {
  const frame = useCurrentFrame();
  const { fps } = useVideoConfig();
  if (frame - delay >= entranceFrames) return settled;
  const progress = spring({ frame: frame - delay, fps, config: { damping: 200 } });
  return { opacity: progress, transform: `translateY(${interpolate(progress, [0, 1], [24, 0])}px)` };
}
