import '@fontsource/inter/400.css';
import '@fontsource/inter/700.css';
import '@fontsource/noto-sans-tc/400.css';
import '@fontsource/noto-sans-tc/700.css';
import { useEffect, useState } from 'react';
import { cancelRender, continueRender, delayRender } from 'remotion';

/** The shipped font stack: Inter for Latin (accented too), Noto Sans TC for CJK. No system font is relied on. */
export const fontFamily = '"Inter", "Noto Sans TC", sans-serif';

/**
 * Holds the render until the fonts for these texts are loaded, so no frame is captured with a
 * fallback font. The fonts come in unicode-range slices, loaded for the characters used.
 */
export function useFonts(texts: readonly string[]): void {
  const key = texts.join('\n');
  const [handle] = useState(() => delayRender('Loading the shipped fonts'));
  useEffect(() => {
    const loads = ['400', '700'].flatMap((weight) =>
      ['Inter', 'Noto Sans TC'].map((family) => document.fonts.load(`${weight} 40px "${family}"`, key)),
    );
    Promise.all(loads)
      .then(() => document.fonts.ready)
      .then(() => continueRender(handle))
      .catch((error: unknown) => cancelRender(error));
  }, [handle, key]);
}
