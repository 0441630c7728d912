import { AbsoluteFill } from 'remotion';
import type { GentleReminderText } from '../../templates/gentle-reminder/video-text.ts';
import { fill, fitFontSize, theme } from './theme.ts';
import { useEntrance } from './use-entrance.ts';

/** The personal scene: greeting by name, then amount, due date and invoice. */
export function PersonalScene({ text }: { text: GentleReminderText['personal'] }) {
  const greeting = useEntrance(0);
  const lead = useEntrance(10);
  const card = useEntrance(40);
  const greetingSize = fitFontSize({ text: text.greeting, base: 64, maxWidth: 1080, charWidth: 0.56 });
  const amountSize = fitFontSize({ text: text.amount, base: 84, maxWidth: 620, charWidth: 0.6 });
  return (
    <AbsoluteFill style={fill}>
      <div data-text="greeting" style={{ fontSize: greetingSize, fontWeight: 700, lineHeight: 1.15, maxWidth: 1100, overflowWrap: 'anywhere', ...greeting }}>
        {text.greeting}
      </div>
      <div data-text="lead" style={{ fontSize: 32, color: theme.muted, marginTop: 16, maxWidth: 1000, ...lead }}>{text.lead}</div>
      <div
        style={{
          marginTop: 44,
          padding: '28px 56px',
          borderRadius: 28,
          background: 'rgba(255,255,255,0.08)',
          border: `2px solid ${theme.warm}`,
          display: 'flex',
          gap: 56,
          alignItems: 'center',
          ...card,
        }}
      >
        <div>
          <div style={{ fontSize: 26, color: theme.muted }}>{text.amountLabel}</div>
          <div data-text="amount" style={{ fontSize: amountSize, fontWeight: 700, color: theme.warm, whiteSpace: 'nowrap' }}>{text.amount}</div>
        </div>
        <div style={{ textAlign: 'left', fontSize: 30, lineHeight: 1.5 }}>
          <div data-text="dueDate">
            <span style={{ color: theme.muted }}>{text.dueLabel}: </span>
            {text.dueDate}
          </div>
          <div data-text="invoice">
            <span style={{ color: theme.muted }}>{text.invoiceLabel}: </span>
            {text.invoice}
          </div>
        </div>
      </div>
    </AbsoluteFill>
  );
}
