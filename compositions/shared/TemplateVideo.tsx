import type { ReactNode } from 'react';
import { AbsoluteFill, Html5Audio, Sequence, staticFile } from 'remotion';
import type { Scene } from '../../templates/template-definition.ts';
import { useFonts } from '../use-fonts.ts';

/**
 * A template's video: the audio bed and one Sequence per scene of its definition, each showing
 * what `render` gives for it. Holds the render until the fonts for `texts` are loaded.
 */
export function TemplateVideo(props: {
  templateId: string;
  scenes: readonly Scene[];
  texts: readonly (string | undefined)[];
  render: Record<string, ReactNode>;
}) {
  useFonts(props.texts.filter((text): text is string => text !== undefined));
  return (
    <AbsoluteFill>
      <Html5Audio src={staticFile('audio/gentle-bed.m4a')} volume={0.6} />
      {props.scenes.map((scene) => {
        const content = props.render[scene.id];
        if (content === undefined) throw new Error(`${props.templateId} has no content for scene "${scene.id}"`);
        return (
          <Sequence key={scene.id} name={scene.id} from={scene.from} durationInFrames={scene.durationInFrames}>
            {content}
          </Sequence>
        );
      })}
    </AbsoluteFill>
  );
}
