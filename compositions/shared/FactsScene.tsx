import { AbsoluteFill } from 'remotion';
import type { FactsText } from '../../templates/scene-text.ts';
import { entranceDelays } from '../../templates/motion.ts';
import { Greeting } from './Greeting.tsx';
import { fitFontSize, makeFill, type Theme } from './theme.ts';
import { useEntrance } from './use-entrance.ts';

/** A personal scene: greeting by name, then a card with the amount, due date and invoice. */
export function FactsScene({ text, theme }: { text: FactsText; theme: Theme }) {
  const card = useEntrance(entranceDelays.facts.card);
  const amountSize = fitFontSize({ text: text.amount, base: 84, maxWidth: 620, charWidth: 0.6 });
  return (
    <AbsoluteFill style={makeFill(theme)}>
      {text.badge ? (
        <div
          data-text="badge"
          style={{
            fontSize: 26,
            fontWeight: 700,
            letterSpacing: 1,
            padding: '8px 22px',
            borderRadius: 999,
            border: `2px solid ${theme.accent}`,
            color: theme.accent,
            marginBottom: 24,
          }}
        >
          {text.badge}
        </div>
      ) : null}
      <Greeting greeting={text.greeting} lead={text.lead} theme={theme} />
      <div
        style={{
          marginTop: 44,
          padding: '28px 56px',
          borderRadius: 28,
          background: 'rgba(255,255,255,0.08)',
          border: `2px solid ${theme.accent}`,
          display: 'flex',
          gap: 56,
          alignItems: 'center',
          ...card,
        }}
      >
        <div>
          <div data-text="amountLabel" style={{ fontSize: 26, color: theme.muted }}>
            {text.amountLabel}
          </div>
          <div
            data-text="amount"
            style={{ fontSize: amountSize, fontWeight: 700, color: theme.accent, whiteSpace: 'nowrap' }}
          >
            {text.amount}
          </div>
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
