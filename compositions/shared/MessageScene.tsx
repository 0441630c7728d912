import { AbsoluteFill } from 'remotion';
import { entranceDelays } from '../../templates/motion.ts';
import { makeFill, type Theme } from './theme.ts';
import { useEntrance } from './use-entrance.ts';

/** A shared scene of copy only (it reads `locale` and `tone`, nothing personal): a title and a line or two. */
export function MessageScene({ text, theme }: { text: { title: string; body: string }; theme: Theme }) {
  const title = useEntrance(entranceDelays.message.title);
  const body = useEntrance(entranceDelays.message.body);
  return (
    <AbsoluteFill style={makeFill(theme)}>
      <div
        data-text="messageTitle"
        style={{ fontSize: 60, fontWeight: 700, maxWidth: 1080, lineHeight: 1.2, color: theme.accent, ...title }}
      >
        {text.title}
      </div>
      <div data-text="messageBody" style={{ fontSize: 36, maxWidth: 1000, lineHeight: 1.4, marginTop: 32, ...body }}>
        {text.body}
      </div>
    </AbsoluteFill>
  );
}
