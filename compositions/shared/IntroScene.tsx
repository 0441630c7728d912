import { AbsoluteFill, Img } from 'remotion';
import { entranceDelays } from '../../templates/motion.ts';
import { makeFill, type Theme } from './theme.ts';
import { useEntrance } from './use-entrance.ts';

/** Shared brand intro: logo, title and subtitle, the same for every recipient of a locale (and tone). */
export function IntroScene({ text, theme }: { text: { title: string; subtitle: string }; theme: Theme }) {
  const logo = useEntrance(entranceDelays.intro.logo);
  const title = useEntrance(entranceDelays.intro.title);
  const subtitle = useEntrance(entranceDelays.intro.subtitle);
  return (
    <AbsoluteFill style={makeFill(theme)}>
      {theme.logo ? (
        <Img
          src={theme.logo}
          alt=""
          style={{ width: 150, height: 150, objectFit: 'contain', marginBottom: 36, ...logo }}
        />
      ) : null}
      <div data-text="introTitle" style={{ fontSize: 72, fontWeight: 700, maxWidth: 1100, lineHeight: 1.15, ...title }}>
        {text.title}
      </div>
      <div data-text="introSubtitle" style={{ fontSize: 36, color: theme.accent, marginTop: 18, ...subtitle }}>
        {text.subtitle}
      </div>
    </AbsoluteFill>
  );
}
