import { renderMedia, selectComposition } from '@remotion/renderer';
import type { BaseRecord, TemplateDefinition } from '../../templates/template-definition.ts';

/** The reference a segmented video is held against: one plain Remotion render of the whole video, as its docs show it. */
export async function renderFullVideo(options: {
  serveUrl: string;
  template: TemplateDefinition;
  record: BaseRecord;
  browserExecutable: string | null;
  output: string;
}): Promise<void> {
  const { serveUrl, browserExecutable } = options;
  const inputProps = options.record as unknown as Record<string, unknown>;
  const composition = await selectComposition({
    serveUrl,
    id: options.template.id,
    inputProps,
    browserExecutable,
    logLevel: 'error',
  });
  await renderMedia({
    composition,
    serveUrl,
    codec: 'h264',
    outputLocation: options.output,
    inputProps,
    browserExecutable,
    logLevel: 'error',
  });
}
