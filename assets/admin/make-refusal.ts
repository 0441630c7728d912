/** The body of an API refusal: what is wrong, the value read and how to fix it. */
type RefusalBody = { error?: string; value?: string; fix?: string };

/**
 * The API's refusal as an Error whose message is the problem, with its `value` and `fix` kept
 * (describe-refusal.ts reads them). `fallback` names it when the body says nothing (a proxy's page).
 */
export function makeRefusal(body: unknown, fallback: string): Error {
  const { error, value, fix } = (body && typeof body === 'object' ? body : {}) as RefusalBody;
  return Object.assign(new Error(error || fallback), { value, fix });
}
