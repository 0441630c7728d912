import { AbsoluteFill } from 'remotion';
import type { OutroText } from '../../templates/scene-text.ts';
import { entranceDelays } from '../../templates/motion.ts';
import { makeFill, type Theme } from './theme.ts';
import { useEntrance } from './use-entrance.ts';

/**
 * The invitation to act. The same for every recipient of a locale (and tone). It draws no
 * buttons: a button in a video cannot be tapped. An arrow points at the real ones, which the page
 * shows right under the player.
 */
export function OutroScene({ text, theme }: { text: OutroText; theme: Theme }) {
  const title = useEntrance(entranceDelays.outro.title);
  const arrow = useEntrance(entranceDelays.outro.arrow);
  const subtitle = useEntrance(entranceDelays.outro.subtitle);
  return (
    <AbsoluteFill style={makeFill(theme)}>
      <div data-text="outroTitle" style={{ fontSize: 56, fontWeight: 700, maxWidth: 1050, lineHeight: 1.2, ...title }}>
        {text.title}
      </div>
      <div data-text="outroSubtitle" style={{ fontSize: 32, color: theme.muted, marginTop: 36, ...subtitle }}>
        {text.subtitle}
      </div>
      {text.payProvider ? (
        <div data-text="payProvider" style={{ fontSize: 26, color: theme.muted, marginTop: 20, ...subtitle }}>
          {text.payProvider}
        </div>
      ) : null}
      <div
        aria-hidden
        style={{ fontSize: 96, lineHeight: 1, fontWeight: 700, color: theme.accent, marginTop: 40, ...arrow }}
      >
        ↓
      </div>
    </AbsoluteFill>
  );
}
