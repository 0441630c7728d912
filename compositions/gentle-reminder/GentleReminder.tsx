import type { Branded } from '../../templates/brand/branded.ts';
import { gentleReminder } from '../../templates/gentle-reminder/definition.ts';
import type { GentleReminderRecord } from '../../templates/gentle-reminder/schema.ts';
import { getVideoText } from '../../templates/gentle-reminder/video-text.ts';
import { FactsScene } from '../shared/FactsScene.tsx';
import { IntroScene } from '../shared/IntroScene.tsx';
import { OutroScene } from '../shared/OutroScene.tsx';
import { TemplateVideo } from '../shared/TemplateVideo.tsx';
import { makeTheme } from '../shared/theme.ts';

/** The `gentle-reminder` video for one recipient. Props are the record as the template's schema parses it (and the campaign's brand kit). */
export function GentleReminder(record: Branded<GentleReminderRecord>) {
  const text = getVideoText(record);
  const theme = makeTheme(record.brand);
  return (
    <TemplateVideo
      templateId={gentleReminder.id}
      scenes={gentleReminder.scenes}
      texts={[...Object.values(text.intro), ...Object.values(text.personal), ...Object.values(text.outro)]}
      render={{
        intro: <IntroScene text={text.intro} theme={theme} />,
        personal: <FactsScene text={text.personal} theme={theme} />,
        outro: <OutroScene text={text.outro} theme={theme} />,
      }}
    />
  );
}
