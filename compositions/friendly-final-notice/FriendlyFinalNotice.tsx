import type { Branded } from '../../templates/brand/branded.ts';
import type { DebtRecord } from '../../templates/debt-record-schema.ts';
import { friendlyFinalNotice } from '../../templates/friendly-final-notice/definition.ts';
import { getFinalNoticeText } from '../../templates/friendly-final-notice/video-text.ts';
import { FactsScene } from '../shared/FactsScene.tsx';
import { IntroScene } from '../shared/IntroScene.tsx';
import { MessageScene } from '../shared/MessageScene.tsx';
import { OutroScene } from '../shared/OutroScene.tsx';
import { TemplateVideo } from '../shared/TemplateVideo.tsx';
import { makeTheme } from '../shared/theme.ts';

/** The `friendly-final-notice` video for one recipient: the record as the template's schema parses it, and the campaign's brand kit. */
export function FriendlyFinalNotice(record: Branded<DebtRecord>) {
  const text = getFinalNoticeText(record);
  const theme = makeTheme(record.brand);
  return (
    <TemplateVideo
      templateId={friendlyFinalNotice.id}
      scenes={friendlyFinalNotice.scenes}
      texts={[
        ...Object.values(text.intro),
        ...Object.values(text.personal),
        ...Object.values(text.message),
        ...Object.values(text.outro),
      ]}
      render={{
        intro: <IntroScene text={text.intro} theme={theme} />,
        facts: <FactsScene text={text.personal} theme={theme} />,
        'next-steps': <MessageScene text={text.message} theme={theme} />,
        outro: <OutroScene text={text.outro} theme={theme} />,
      }}
    />
  );
}
