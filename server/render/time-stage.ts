import type { RenderStage } from './render-context.ts';

/** Runs one step of a render and reports its wall seconds to `onStage`, if given (see RenderStage). */
export async function timeStage<T>(options: {
  stage: RenderStage['stage'];
  onStage: ((stage: RenderStage) => void) | undefined;
  run: () => Promise<T>;
}): Promise<T> {
  const started = performance.now();
  const result = await options.run();
  options.onStage?.({ stage: options.stage, seconds: (performance.now() - started) / 1000 });
  return result;
}
