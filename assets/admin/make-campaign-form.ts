// "New campaign": a form whose choices come from the templates the API offers, sent as it is
// to POST /api/campaigns. The API judges it and its refusal (problem, value, fix) shows beside
// the form; the browser checks only that the obviously required inputs are filled.
import { byId, el } from '../shared/dom.ts';
import type { AdminApi, TemplateSummary } from './admin-types.ts';
import { describeRefusal } from './describe-refusal.ts';
import { makeVariantRows } from './make-variant-rows.ts';
import { readBrandKit, makeBrandKitFields } from './read-brand-kit.ts';

const value = (id: string) => byId<HTMLInputElement | HTMLSelectElement>(id).value.trim();
const option = (text: string, optionValue = '') => el('option', { value: optionValue }, text);

/** The form's body for POST /api/campaigns: inputs left empty are left out, so the API's defaults apply. */
async function readBody(variants: ReturnType<typeof makeVariantRows>): Promise<Record<string, unknown>> {
  const retention = value('cf-retention');
  const gate = value('cf-gate');
  const body: Record<string, unknown> = {
    template: value('cf-template'),
    payUrl: value('cf-pay-url'),
    id: value('cf-id') || undefined,
    tone: value('cf-tone') || undefined,
    playback: value('cf-playback') || undefined,
    render: value('cf-render') || undefined,
    video: value('cf-video') || undefined,
    defaultLocale: value('cf-locale') || undefined,
    privacyGate: gate ? { field: gate } : undefined,
    retentionDays: retention === '' ? undefined : Number(retention),
    brand: await readBrandKit(),
    variants: variants.read(),
  };
  return Object.fromEntries(Object.entries(body).filter(([, entry]) => entry !== undefined));
}

/**
 * The campaign form of the console. `onCreated` gets the new campaign's id once the API has
 * made it.
 */
export function makeCampaignForm(options: { api: AdminApi; onCreated: (id: string) => void }) {
  const { api } = options;
  const form = byId<HTMLFormElement>('campaign-form');
  const opener = byId('new-campaign');
  const message = byId('cf-message');
  const created = byId('cf-created');
  const submit = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
  let templates: TemplateSummary[] = [];
  const variants = makeVariantRows({ getTemplates: () => templates });

  /** Tones, locales and fields offered by the chosen template. */
  function showTemplateChoices(): void {
    const template = templates.find((each) => each.id === value('cf-template'));
    const tones = template?.tones ?? [];
    byId('cf-tone-field').hidden = tones.length === 0;
    byId('cf-tone').replaceChildren(option('The template’s default'), ...tones.map((tone) => option(tone, tone)));
    byId('cf-locale').replaceChildren(
      option('The template’s first'),
      ...(template?.locales ?? []).map((locale) => option(locale, locale)),
    );
    byId('cf-gate').replaceChildren(option('None'), ...(template?.fields ?? []).map((field) => option(field, field)));
  }

  async function open(): Promise<void> {
    form.hidden = false;
    opener.setAttribute('aria-expanded', 'true');
    if (templates.length === 0) {
      templates = (await api<{ templates: TemplateSummary[] }>('/api/templates')).templates;
      byId('cf-template').replaceChildren(...templates.map((template) => option(template.title, template.id)));
      showTemplateChoices();
    }
    byId('cf-template').focus();
  }

  function close(): void {
    form.hidden = true;
    opener.setAttribute('aria-expanded', 'false');
    opener.focus();
  }

  opener.addEventListener('click', () => {
    if (!form.hidden) return close();
    open().catch((error: unknown) => {
      message.textContent = describeRefusal(error);
    });
  });
  byId('cf-close').addEventListener('click', close);
  byId('cf-template').addEventListener('change', showTemplateChoices);
  makeBrandKitFields();
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    // One campaign per click: the button waits for the API's answer.
    if (submit.disabled) return;
    submit.disabled = true;
    message.textContent = '';
    created.textContent = 'Creating the campaign…';
    readBody(variants)
      .then((body) =>
        api<{ id: string }>('/api/campaigns', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      )
      .then(
        (campaign) => {
          created.textContent = `Campaign ${campaign.id} created.`;
          form.reset();
          variants.clear();
          byId('cf-brand-fields').hidden = true;
          showTemplateChoices();
          close();
          options.onCreated(campaign.id);
        },
        (error: unknown) => {
          created.textContent = '';
          message.textContent = describeRefusal(error);
        },
      )
      .finally(() => (submit.disabled = false));
  });
}
