import type { Cue } from '../../templates/template-definition.ts';

/**
 * WebVTT captions from a template's cues. Cue text is escaped: a record can hold `<` or `&`.
 * `streamStart`: with HLS delivery, the time (seconds) on the segments' MPEG-TS clock where the
 * video starts; the captions then say so (`X-TIMESTAMP-MAP`), so that as the stream's subtitles
 * rendition their cues line up with the picture. A `<track>` ignores that header line.
 */
export function makeCaptions(options: { cues: readonly Cue[]; fps: number; streamStart?: number }): string {
  const blocks = options.cues.map((cue, index) =>
    [
      `${index + 1}`,
      `${toTimestamp(cue.startFrame / options.fps)} --> ${toTimestamp(cue.endFrame / options.fps)}`,
      escapeCueText(cue.text),
    ].join('\n'),
  );
  // MPEG-TS clocks tick at 90 kHz.
  const header =
    options.streamStart === undefined
      ? ''
      : `X-TIMESTAMP-MAP=MPEGTS:${Math.round(options.streamStart * 90_000)},LOCAL:00:00:00.000\n`;
  return `WEBVTT\n${header}\n${blocks.join('\n\n')}\n`;
}

function toTimestamp(seconds: number): string {
  const millis = Math.round(seconds * 1000);
  const hours = Math.floor(millis / 3_600_000);
  const minutes = Math.floor((millis % 3_600_000) / 60_000);
  const rest = (millis % 60_000) / 1000;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}:${rest.toFixed(3).padStart(6, '0')}`;
}

function escapeCueText(text: string): string {
  // "-->" would end a cue early; blank lines would end the block.
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\n{2,}/g, '\n');
}
