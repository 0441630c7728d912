import { AbsoluteFill, Img, staticFile } from 'remotion';
import type { GentleReminderText } from '../../templates/gentle-reminder/video-text.ts';
import { fill, theme } from './theme.ts';
import { useEntrance } from './use-entrance.ts';

/** Shared brand intro: the same for every recipient of a locale. */
export function IntroScene({ text }: { text: GentleReminderText['intro'] }) {
  const logo = useEntrance(0);
  const title = useEntrance(12);
  const subtitle = useEntrance(22);
  return (
    <AbsoluteFill style={fill}>
      <Img src={staticFile('brand/aurora-logo.svg')} style={{ width: 150, height: 150, marginBottom: 36, ...logo }} />
      <div data-text="introTitle" style={{ fontSize: 72, fontWeight: 700, ...title }}>{text.title}</div>
      <div data-text="introSubtitle" style={{ fontSize: 36, color: theme.warm, marginTop: 18, ...subtitle }}>{text.subtitle}</div>
    </AbsoluteFill>
  );
}
