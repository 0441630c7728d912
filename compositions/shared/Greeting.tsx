import { entranceDelays } from '../../templates/motion.ts';
import { fitFontSize, type Theme } from './theme.ts';
import { useEntrance } from './use-entrance.ts';

/** The greeting by name (shrunk to fit long names) and the lead line under it. */
export function Greeting({ greeting, lead, theme }: { greeting: string; lead: string; theme: Theme }) {
  const enterGreeting = useEntrance(entranceDelays.greeting.greeting);
  const enterLead = useEntrance(entranceDelays.greeting.lead);
  const size = fitFontSize({ text: greeting, base: 64, maxWidth: 1080, charWidth: 0.56 });
  return (
    <>
      <div
        data-text="greeting"
        style={{
          fontSize: size,
          fontWeight: 700,
          lineHeight: 1.15,
          maxWidth: 1100,
          overflowWrap: 'anywhere',
          ...enterGreeting,
        }}
      >
        {greeting}
      </div>
      <div data-text="lead" style={{ fontSize: 32, color: theme.muted, marginTop: 16, maxWidth: 1000, ...enterLead }}>
        {lead}
      </div>
    </>
  );
}
