// The template studio: a form generated from the template's record schema, copy editing per
// locale, and a preview (live player, microsite, scene stills) that follows every edit.
// Text from records and copy is only ever set as text or values, never as markup.
import { describeError } from '../shared/describe-error.ts';
import { byId, el } from '../shared/dom.ts';
import { getLivePlayer } from '../shared/live-player-api.ts';
import { buildCopyForm, buildRecordForm, getRecordControls, showProblems } from './studio-forms.ts';
import type { Preview, Problem, StudioAnswer, StudioTemplate } from './studio-types.ts';

const state: {
  templates: StudioTemplate[];
  template: StudioTemplate | undefined;
  locale: string;
  edits: Record<string, Record<string, string>>;
  sequence: number;
  timer: number;
} = {
  templates: [],
  template: undefined,
  locale: '',
  edits: {},
  sequence: 0,
  timer: 0,
};

function currentTemplate(): StudioTemplate {
  if (!state.template) throw new Error('the studio has no template selected');
  return state.template;
}

async function api<T>(method: string, url: string, body?: unknown): Promise<StudioAnswer<T>> {
  const response = await fetch(url, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
    credentials: 'same-origin',
  });
  return { status: response.status, json: (await response.json()) as StudioAnswer<T>['json'] };
}

function setStatus(text: string): void {
  byId('status').textContent = text;
}

function fillSelect(select: HTMLSelectElement, options: { value: string; label: string }[]): void {
  select.replaceChildren(...options.map((option) => el('option', { value: option.value }, option.label)));
}

function localeEdits(): Record<string, string> {
  return (state.edits[state.locale] ??= {});
}

function applyPreset(index: number): void {
  const template = currentTemplate();
  const example = template.examples[index] ?? {};
  for (const control of getRecordControls())
    control.value = example[control.name] == null ? '' : String(example[control.name]);
  const locale = example.locale;
  if (typeof locale === 'string' && template.locales.includes(locale) && locale !== state.locale) {
    byId<HTMLSelectElement>('locale').value = locale;
    selectLocale(locale);
  }
}

function onCopyInput(event: Event): void {
  const box = event.target as HTMLTextAreaElement;
  const edits = localeEdits();
  if (box.value === currentTemplate().copy[state.locale]?.[box.name]) delete edits[box.name];
  else edits[box.name] = box.value;
  schedulePreview();
}

function readRecord(): Record<string, string> {
  return Object.fromEntries(getRecordControls().map((control) => [control.name, control.value]));
}

// An edit makes any preview still on its way out of date: only the latest one is shown.
function schedulePreview(): void {
  state.sequence += 1;
  document.body.dataset.preview = 'pending';
  clearTimeout(state.timer);
  state.timer = setTimeout(preview, 250);
}

function preview(): void {
  const sequence = ++state.sequence;
  const body = {
    templateId: currentTemplate().id,
    locale: state.locale,
    record: readRecord(),
    copy: state.edits[state.locale] ?? {},
  };
  setStatus('Updating the preview…');
  api<Preview & { problems: Problem[] }>('POST', '/api/studio/preview', body).then(
    (result) => {
      if (sequence !== state.sequence) return;
      if (result.status === 422) {
        showProblems({ problems: result.json.problems, setStatus });
        document.body.dataset.preview = 'invalid';
        setStatus('Fix the marked fields to see the preview.');
        return;
      }
      if (result.status !== 200) {
        setStatus(result.json.message || result.json.error || 'The preview failed');
        return;
      }
      showProblems({ problems: [], setStatus });
      showPreview(result.json, sequence);
    },
    () => setStatus('The studio API did not answer; is kindly serve running?'),
  );
}

function showPreview(preview: Preview, sequence: number): void {
  const template = currentTemplate();
  byId<HTMLIFrameElement>('microsite').src = preview.micrositeUrl;
  byId('stills').replaceChildren(
    ...preview.stills.map((still) =>
      el(
        'figure',
        {},
        el('img', {
          src: still.url,
          alt: `Scene ${still.scene}, frame ${still.frame}`,
          width: template.width,
          height: template.height,
          'data-scene': still.scene,
        }),
        el('figcaption', {}, `${still.scene} · frame ${still.frame}`),
      ),
    ),
  );
  const player = byId('player');
  const livePlayer = getLivePlayer();
  if (!livePlayer) return setStatus('The live player did not load.');
  livePlayer
    .mount(player, { templateId: template.id, props: preview.props, staticBase: document.body.dataset.staticBase })
    .then(
      (handle) => {
        if (sequence !== state.sequence) return;
        handle.pause();
        player.dataset.state = 'ready';
        document.body.dataset.preview = 'ready';
        setStatus('Preview up to date.');
      },
      (error: unknown) => setStatus(describeError(error)),
    );
}

function loadVersions(): void {
  type Versions = { builtIn: string; versions?: { label: string; createdAt: string; note?: string | null }[] };
  void api<Versions>('GET', `/api/studio/templates/${encodeURIComponent(currentTemplate().id)}/versions`).then(
    (result) => {
      const items = (result.json.versions ?? []).map((version) =>
        el(
          'li',
          { 'data-label': version.label },
          `${version.label} · ${new Date(version.createdAt).toLocaleString()}${version.note ? ` · ${version.note}` : ''}`,
        ),
      );
      items.push(el('li', {}, `${result.json.builtIn} · built-in copy`));
      byId('versions').replaceChildren(...items);
    },
  );
}

function saveVersion(): void {
  const copy = Object.fromEntries(Object.entries(state.edits).filter(([, edits]) => Object.keys(edits).length > 0));
  const body = { copy, note: byId<HTMLInputElement>('version-note').value };
  void api<{ version: { label: string } }>(
    'POST',
    `/api/studio/templates/${encodeURIComponent(currentTemplate().id)}/versions`,
    body,
  ).then((result) => {
    if (result.status === 201) {
      byId('save-result').textContent =
        `Saved as version ${result.json.version.label}. New campaigns can name it as templateVersion.`;
      loadVersions();
    } else {
      byId('save-result').textContent = result.json.message || result.json.error || '';
    }
  });
}

function selectLocale(locale: string): void {
  state.locale = locale;
  buildCopyForm({ template: currentTemplate(), locale, edits: localeEdits() });
  schedulePreview();
}

function selectTemplate(id: string): void {
  const template = state.templates.find((each) => each.id === id);
  if (!template) return;
  state.template = template;
  state.edits = {};
  fillSelect(
    byId('locale'),
    template.locales.map((locale) => ({ value: locale, label: locale })),
  );
  fillSelect(
    byId('preset'),
    template.examples.map((example, index) => ({
      value: String(index),
      label: `Example ${index + 1} (${String(example.locale || template.locales[0])})`,
    })),
  );
  state.locale = template.locales[0] ?? '';
  buildRecordForm({ template });
  buildCopyForm({ template, locale: state.locale, edits: localeEdits() });
  applyPreset(0);
  loadVersions();
  schedulePreview();
}

const selected = (event: Event) => (event.target as HTMLSelectElement).value;
byId('template').addEventListener('change', (event) => selectTemplate(selected(event)));
byId('locale').addEventListener('change', (event) => selectLocale(selected(event)));
byId('preset').addEventListener('change', (event) => {
  applyPreset(Number(selected(event)));
  schedulePreview();
});
byId('record-form').addEventListener('input', schedulePreview);
byId('copy-form').addEventListener('input', onCopyInput);
byId('save-version').addEventListener('click', saveVersion);

api<{ templates: StudioTemplate[] }>('GET', '/api/studio/templates').then(
  (result) => {
    state.templates = result.json.templates;
    fillSelect(
      byId('template'),
      state.templates.map((template) => ({ value: template.id, label: template.title })),
    );
    if (state.templates[0]) selectTemplate(state.templates[0].id);
  },
  () => setStatus('The studio API did not answer.'),
);
