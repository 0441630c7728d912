import { AbsoluteFill } from 'remotion';
import type { OutroText } from '../../templates/scene-text.ts';
import { entranceDelays } from '../../templates/motion.ts';
import { makeFill, type Theme } from './theme.ts';
import { useEntrance } from './use-entrance.ts';

const button = { padding: '22px 44px', borderRadius: 999, fontSize: 34, fontWeight: 700 } as const;

/** The invitation to act: pay now or choose a plan. The same for every recipient of a locale (and tone). */
export function OutroScene({ text, theme }: { text: OutroText; theme: Theme }) {
  const title = useEntrance(entranceDelays.outro.title);
  const buttons = useEntrance(entranceDelays.outro.buttons);
  const subtitle = useEntrance(entranceDelays.outro.subtitle);
  return (
    <AbsoluteFill style={makeFill(theme)}>
      <div data-text="outroTitle" style={{ fontSize: 56, fontWeight: 700, maxWidth: 1050, lineHeight: 1.2, ...title }}>{text.title}</div>
      <div style={{ display: 'flex', gap: 28, marginTop: 48, ...buttons }}>
        <div data-text="payNow" style={{ ...button, background: theme.primary, color: theme.onPrimary }}>{text.payNow}</div>
        <div data-text="choosePlan" style={{ ...button, border: `3px solid ${theme.text}` }}>{text.choosePlan}</div>
      </div>
      <div data-text="outroSubtitle" style={{ fontSize: 32, color: theme.muted, marginTop: 44, ...subtitle }}>{text.subtitle}</div>
      {text.payProvider ? <div data-text="payProvider" style={{ fontSize: 26, color: theme.muted, marginTop: 20, ...subtitle }}>{text.payProvider}</div> : null}
    </AbsoluteFill>
  );
}
