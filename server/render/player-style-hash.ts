import crypto from 'node:crypto';
import { Internals } from 'remotion';

/**
 * The CSP source allowing the one stylesheet Remotion's player adds to the page (box sizing and
 * full-screen rules for its own elements), by its hash: the page allows no other inline style.
 */
export const playerStyleHash = `'sha256-${crypto
  .createHash('sha256')
  .update(Internals.CSSUtils.makeDefaultPreviewCSS('.__remotion-player', '#fff'))
  .digest('base64')}'`;
