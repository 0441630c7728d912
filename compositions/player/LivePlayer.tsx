import { Player, type PlayerRef } from '@remotion/player';
import { useEffect, useMemo, useRef, useState, type ComponentType } from 'react';
import type { BaseRecord, TemplateDefinition } from '../../templates/template-definition.ts';

/** What the page can do with a mounted player (tests seek it; the page only mounts it). */
export type LivePlayerHandle = {
  seekTo: (frame: number) => void;
  play: () => void;
  pause: () => void;
  getCurrentFrame: () => number;
  isPlaying: () => boolean;
};

/**
 * A template's composition played in the browser with the recipient's record, the same
 * component and props as the rendered MP4. Controls stay visible (keyboard users find them);
 * it starts on its own only muted and only when the visitor has not asked for reduced motion,
 * otherwise it waits on the poster frame. The caption of the moment is shown under the picture.
 */
export function LivePlayer(options: {
  template: TemplateDefinition;
  component: ComponentType<never>;
  record: BaseRecord;
  reducedMotion: boolean;
  onReady: (handle: LivePlayerHandle) => void;
}) {
  const { template, record, reducedMotion } = options;
  const ref = useRef<PlayerRef>(null);
  const cues = useMemo(() => template.getCues(record), [template, record]);
  const first = reducedMotion ? template.posterFrame : 0;
  const [caption, setCaption] = useState(() => captionAt(cues, first));
  const { onReady } = options;
  useEffect(() => {
    const player = ref.current;
    if (!player) return;
    const onFrame = (event: { detail: { frame: number } }) => setCaption(captionAt(cues, event.detail.frame));
    player.addEventListener('frameupdate', onFrame);
    player.addEventListener('seeked', onFrame);
    onReady({
      seekTo: (frame) => player.seekTo(frame),
      play: () => player.play(),
      pause: () => player.pause(),
      getCurrentFrame: () => player.getCurrentFrame(),
      isPlaying: () => player.isPlaying(),
    });
    return () => {
      player.removeEventListener('frameupdate', onFrame);
      player.removeEventListener('seeked', onFrame);
    };
  }, [onReady, cues]);
  return (
    <>
      <Player
        ref={ref}
        className="live-player-stage"
        component={options.component}
        inputProps={record as never}
        durationInFrames={template.durationInFrames}
        fps={template.fps}
        compositionWidth={template.width}
        compositionHeight={template.height}
        style={{ width: '100%', aspectRatio: `${template.width} / ${template.height}` }}
        controls
        alwaysShowControls
        clickToPlay
        spaceKeyToPlayOrPause
        allowFullscreen
        showVolumeControls
        initialFrame={first}
        autoPlay={!reducedMotion}
        initiallyMuted={!reducedMotion}
        acknowledgeRemotionLicense
      />
      <p className="live-captions" data-live-captions="">
        {caption}
      </p>
    </>
  );
}

function captionAt(cues: ReturnType<TemplateDefinition['getCues']>, frame: number): string {
  return cues.find((cue) => cue.startFrame <= frame && frame < cue.endFrame)?.text ?? '';
}
