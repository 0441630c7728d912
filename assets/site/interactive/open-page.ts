import { makePayloadSecret, openPayload } from '../../../templates/interactive/payload-crypto.ts';
import type { PageData, PersonalPayload } from '../../../templates/interactive/personal-payload.ts';
import { byId } from '../../shared/dom.ts';
import { postJson } from './post-json.ts';

/**
 * Opens the sealed personal part. Without a gate the key comes from the token; behind a gate
 * the visitor's answer goes to the API, which checks it (a few tries per link) and only then
 * gives out its share of the key. A wrong answer opens nothing.
 */
export async function openPage(options: {
  data: PageData;
  token: string;
  status: HTMLElement;
}): Promise<PersonalPayload> {
  const { data, token } = options;
  if (!data.gate)
    return (await openPayload({ sealed: data.sealed, secret: makePayloadSecret({ token }) })) as PersonalPayload;
  const form = byId<HTMLFormElement>('gate');
  const input = byId<HTMLInputElement>('gate-answer');
  const error = byId('gate-error');
  const button = form.querySelector('button');
  options.status.textContent = '';
  form.hidden = false;
  return new Promise((resolve) => {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void (async () => {
        const answer = input.value.trim();
        if (!answer) return input.focus();
        if (button) button.disabled = true;
        error.textContent = '';
        const response = await postJson(data.links.gate, { answer });
        const share = response.ok && typeof response.body.share === 'string' ? response.body.share : undefined;
        const payload =
          share &&
          (await openPayload({
            sealed: data.sealed,
            secret: makePayloadSecret({ token, gate: { answer, share } }),
          }).catch(() => undefined));
        if (button) button.disabled = false;
        if (payload) {
          form.hidden = true;
          return resolve(payload as PersonalPayload);
        }
        error.textContent = (response.status === 429 ? form.dataset.locked : form.dataset.wrong) ?? '';
        input.setAttribute('aria-invalid', 'true');
        input.focus();
      })();
    });
  });
}
