import { AbsoluteFill } from 'remotion';
import type { InstalmentOfferText } from '../../templates/instalment-offer/video-text.ts';
import { entranceDelays } from '../../templates/motion.ts';
import { Greeting } from '../shared/Greeting.tsx';
import { fitFontSize, makeFill, type Theme } from '../shared/theme.ts';
import { useEntrance } from '../shared/use-entrance.ts';

/** The personal scene of `instalment-offer`: greeting, the total, then the monthly plans side by side. */
export function PlansScene({ text, theme }: { text: InstalmentOfferText['personal']; theme: Theme }) {
  const total = useEntrance(entranceDelays.plans.total);
  const heading = useEntrance(entranceDelays.plans.heading);
  const [first, second, third] = entranceDelays.plans.plans;
  const plans = [useEntrance(first), useEntrance(second), useEntrance(third)];
  const totalSize = fitFontSize({ text: text.total, base: 64, maxWidth: 700, charWidth: 0.6 });
  return (
    <AbsoluteFill style={makeFill(theme)}>
      <Greeting greeting={text.greeting} lead={text.lead} theme={theme} />
      <div style={{ marginTop: 28, fontSize: 28, color: theme.muted, ...total }}>
        {text.totalLabel}
        <div
          data-text="total"
          style={{ fontSize: totalSize, fontWeight: 700, color: theme.accent, whiteSpace: 'nowrap' }}
        >
          {text.total}
        </div>
      </div>
      <div data-text="plansHeading" style={{ marginTop: 20, fontSize: 26, color: theme.muted, ...heading }}>
        {text.plansHeading}
      </div>
      <div style={{ display: 'flex', gap: 20, marginTop: 14 }}>
        {text.plans.map((plan, index) => (
          <div
            key={plan}
            data-text={`plan${index + 1}`}
            style={{
              padding: '18px 26px',
              borderRadius: 22,
              border: `2px solid ${theme.accent}`,
              background: 'rgba(255,255,255,0.08)',
              // Three boxes side by side within the scene's 1100 px: each at most 330 px, text inside 270 px.
              fontSize: fitFontSize({ text: plan, base: 30, maxWidth: 270, charWidth: 0.6 }),
              fontWeight: 700,
              maxWidth: 330,
              boxSizing: 'border-box',
              ...plans[index],
            }}
          >
            {plan}
          </div>
        ))}
      </div>
    </AbsoluteFill>
  );
}
