/** GSM 03.38 default alphabet (one septet each; the escape code itself left out). */
const basic = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** Its extension table: two septets each (escape + code). */
const extension = new Set('^{}\\[~]|€\f');

/** Typographic characters senders type that GSM-7 spells otherwise. */
const plainer: Record<string, string> = {
  '‘': "'",
  '’': "'",
  '‚': "'",
  '“': '"',
  '”': '"',
  '„': '"',
  '«': '"',
  '»': '"',
  '–': '-',
  '—': '-',
  '…': '...',
  '\u00a0': ' ',
  '\u202f': ' ',
};

/** Septets the text takes in GSM-7, or undefined when a character is not in the GSM-7 alphabet. */
export function countGsm7Septets(text: string): number | undefined {
  let septets = 0;
  for (const character of text) {
    if (basic.has(character)) septets += 1;
    else if (extension.has(character)) septets += 2;
    else return undefined;
  }
  return septets;
}

/**
 * The text in the GSM-7 alphabet: typographic quotes and dashes made plain, letters GSM-7 lacks
 * written without their accent (ê → e, ç → c, À → A). `refused` lists what has no GSM-7 spelling.
 */
export function transliterateToGsm7(text: string): { text: string; replaced: string[]; refused: string[] } {
  const replaced: string[] = [];
  const refused: string[] = [];
  let out = '';
  for (const character of text) {
    if (countGsm7Septets(character) !== undefined) {
      out += character;
      continue;
    }
    const plain = plainer[character] ?? character.normalize('NFD').replace(/\p{M}/gu, '');
    if (plain !== '' && countGsm7Septets(plain) !== undefined) {
      out += plain;
      replaced.push(`${character}→${plain}`);
    } else {
      out += character;
      refused.push(character);
    }
  }
  return { text: out, replaced: [...new Set(replaced)], refused: [...new Set(refused)] };
}
