import { AbsoluteFill } from 'remotion';
import type { GentleReminderText } from '../../templates/gentle-reminder/video-text.ts';
import { fill, theme } from './theme.ts';
import { useEntrance } from './use-entrance.ts';

const button = { padding: '22px 44px', borderRadius: 999, fontSize: 34, fontWeight: 700 } as const;

/** The invitation to act: pay now or choose a plan. The same for every recipient of a locale. */
export function OutroScene({ text }: { text: GentleReminderText['outro'] }) {
  const title = useEntrance(0);
  const buttons = useEntrance(18);
  const subtitle = useEntrance(32);
  return (
    <AbsoluteFill style={fill}>
      <div data-text="outroTitle" style={{ fontSize: 56, fontWeight: 700, maxWidth: 1050, lineHeight: 1.2, ...title }}>{text.title}</div>
      <div style={{ display: 'flex', gap: 28, marginTop: 48, ...buttons }}>
        <div data-text="payNow" style={{ ...button, background: theme.warm, color: theme.navy }}>{text.payNow}</div>
        <div data-text="choosePlan" style={{ ...button, border: `3px solid ${theme.white}` }}>{text.choosePlan}</div>
      </div>
      <div data-text="outroSubtitle" style={{ fontSize: 32, color: theme.muted, marginTop: 44, ...subtitle }}>{text.subtitle}</div>
    </AbsoluteFill>
  );
}
