import type { Branded } from '../../templates/brand/branded.ts';
import type { DebtRecord } from '../../templates/debt-record-schema.ts';
import { instalmentOffer } from '../../templates/instalment-offer/definition.ts';
import { getInstalmentOfferText } from '../../templates/instalment-offer/video-text.ts';
import { IntroScene } from '../shared/IntroScene.tsx';
import { MessageScene } from '../shared/MessageScene.tsx';
import { OutroScene } from '../shared/OutroScene.tsx';
import { TemplateVideo } from '../shared/TemplateVideo.tsx';
import { makeTheme } from '../shared/theme.ts';
import { PlansScene } from './PlansScene.tsx';

/** The `instalment-offer` video for one recipient: the record as the template's schema parses it, and the campaign's brand kit. */
export function InstalmentOffer(record: Branded<DebtRecord>) {
  const text = getInstalmentOfferText(record);
  const theme = makeTheme(record.brand);
  const { plans, ...personal } = text.personal;
  return (
    <TemplateVideo
      templateId={instalmentOffer.id}
      scenes={instalmentOffer.scenes}
      texts={[
        ...Object.values(text.intro),
        ...Object.values(personal),
        ...plans,
        ...Object.values(text.message),
        ...Object.values(text.outro),
      ]}
      render={{
        intro: <IntroScene text={text.intro} theme={theme} />,
        plans: <PlansScene text={text.personal} theme={theme} />,
        terms: <MessageScene text={text.message} theme={theme} />,
        outro: <OutroScene text={text.outro} theme={theme} />,
      }}
    />
  );
}
