/**
 * The personal part of a page, sealed with AES-GCM under a key derived by PBKDF2 (SHA-256).
 * WebCrypto only, so the server seals and the browser opens with the same code.
 */

/** What the static page carries: base64 salt, IV and ciphertext; nothing readable. */
export type SealedPayload = { salt: string; iv: string; data: string; iterations: number };

// Both secrets hold at least 128 random bits (the token; behind a gate also the API's share), so
// stretching is not what protects them: a modest count keeps old phones quick.
const iterations = 20_000;

const toBase64 = (bytes: Uint8Array) => btoa(Array.from(bytes, (byte) => String.fromCharCode(byte)).join(''));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (char) => char.charCodeAt(0));

/** How an answer is compared: Unicode-normalised, case and spaces, dots and dashes ignored ("ab1 2cd" = "AB12CD"). */
export function normaliseAnswer(answer: string): string {
  return answer
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s.-]/g, '');
}

/**
 * The secret a page's key comes from. Without a gate it is the token alone (in the link itself);
 * behind a gate it joins the visitor's answer with the share the API gives out after a right answer.
 */
export function makePayloadSecret(options: { token: string; gate?: { answer: string; share: string } }): string {
  return options.gate
    ? `${normaliseAnswer(options.gate.answer)}\u0000${options.gate.share}\u0000${options.token}`
    : options.token;
}

async function deriveKey(secret: string, salt: Uint8Array, rounds: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), 'PBKDF2', false, [
    'deriveKey',
  ]);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations: rounds },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export async function sealPayload(options: { payload: unknown; secret: string }): Promise<SealedPayload> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await deriveKey(options.secret, salt, iterations);
  const data = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv },
    key,
    new TextEncoder().encode(JSON.stringify(options.payload)),
  );
  return { salt: toBase64(salt), iv: toBase64(iv), data: toBase64(new Uint8Array(data)), iterations };
}

/** The payload, or a rejection when the secret is wrong (AES-GCM authenticates: a wrong key yields nothing). */
export async function openPayload(options: { sealed: SealedPayload; secret: string }): Promise<unknown> {
  const { sealed } = options;
  const key = await deriveKey(options.secret, fromBase64(sealed.salt), sealed.iterations);
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64(sealed.iv) as BufferSource },
    key,
    fromBase64(sealed.data),
  );
  return JSON.parse(new TextDecoder().decode(plain));
}
