import { AbsoluteFill, Html5Audio, Sequence, staticFile } from 'remotion';
import { gentleReminder } from '../../templates/gentle-reminder/definition.ts';
import type { GentleReminderRecord } from '../../templates/gentle-reminder/schema.ts';
import { getVideoText } from '../../templates/gentle-reminder/video-text.ts';
import { useFonts } from '../use-fonts.ts';
import { IntroScene } from './IntroScene.tsx';
import { OutroScene } from './OutroScene.tsx';
import { PersonalScene } from './PersonalScene.tsx';

const sceneOf = (id: string) => {
  const scene = gentleReminder.scenes.find((candidate) => candidate.id === id);
  if (!scene) throw new Error(`gentle-reminder has no scene "${id}"`);
  return scene;
};

/** The `gentle-reminder` video for one recipient. Props are the record as the template's schema parses it. */
export function GentleReminder(record: GentleReminderRecord) {
  const text = getVideoText(record);
  useFonts([...Object.values(text.intro), ...Object.values(text.personal), ...Object.values(text.outro)]);
  const scenes = { intro: sceneOf('intro'), personal: sceneOf('personal'), outro: sceneOf('outro') };
  return (
    <AbsoluteFill>
      <Html5Audio src={staticFile('audio/gentle-bed.m4a')} volume={0.6} />
      <Sequence name="intro" from={scenes.intro.from} durationInFrames={scenes.intro.durationInFrames}>
        <IntroScene text={text.intro} />
      </Sequence>
      <Sequence name="personal" from={scenes.personal.from} durationInFrames={scenes.personal.durationInFrames}>
        <PersonalScene text={text.personal} />
      </Sequence>
      <Sequence name="outro" from={scenes.outro.from} durationInFrames={scenes.outro.durationInFrames}>
        <OutroScene text={text.outro} />
      </Sequence>
    </AbsoluteFill>
  );
}
