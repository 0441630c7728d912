import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSegmentKey } from '../server/render/make-segment-key.ts';
import { planChunks } from '../server/render/plan-chunks.ts';
import { makeRenderSettings } from '../server/render/render-settings.ts';
import { checkCopyEdit, requireCopyEdits } from '../server/studio/check-copy-edit.ts';
import { makePreview } from '../server/studio/make-preview.ts';
import { resolveTemplateVersion, withVersionCopy } from '../server/render/template-version-copy.ts';
import type { Db } from '../server/store/db.ts';
import { createTemplateVersion, listTemplateVersions } from '../server/store/template-versions.ts';
import { gentleReminder } from '../templates/gentle-reminder/definition.ts';
import { getVideoText } from '../templates/gentle-reminder/video-text.ts';
import type { TemplateDefinition } from '../templates/template-definition.ts';
import { storeBackends } from './helpers/store-backends.ts';

const template = gentleReminder as unknown as TemplateDefinition;
const oliver = gentleReminder.schema.parse(gentleReminder.examples.find((example) => example.locale === 'en-GB'));

describe('copy overrides as record data', () => {
  it('the text builder applies a record’s copy over the built-in copy of its locale, placeholders filled', () => {
    const text = getVideoText({
      ...oliver,
      copy: { greeting: 'Dear {name}!', lead: 'A short note.', notAKey: 'ignored' },
    });
    expect(text.personal.greeting).toBe(`Dear ${oliver.name}!`);
    expect(text.personal.lead).toBe('A short note.');
    expect(text.copy.payNow).toBe('Pay now');
    expect(text.copy).not.toHaveProperty('notAKey');
    expect(getVideoText(oliver).personal.greeting).toBe(`Hello ${oliver.name},`);
  });

  it('every chunk’s segment key includes the copy, like the locale', () => {
    const plan = planChunks({ template, chunkCostInFrames: 0 });
    const base = {
      template,
      bundleHash: 'b'.repeat(64),
      browserVersion: 'Chromium 1',
      settings: makeRenderSettings({ width: 1280, height: 720, fps: 30 }),
      framesPerChunk: plan.framesPerChunk,
      kind: 'chunk' as const,
    };
    const keys = (record: typeof oliver) => plan.chunks.map((chunk) => makeSegmentKey({ ...base, chunk, record }));
    const plain = keys(oliver);
    const edited = keys({ ...oliver, copy: { outroTitle: 'Pay today.' } });
    expect(edited.every((key, index) => key !== plain[index])).toBe(true);
    expect(
      keys({ ...oliver, name: 'Someone Else' }).filter((key, index) => key === plain[index]).length,
    ).toBeGreaterThan(0);
  });

  it('refuses edits that drop a placeholder or name an unknown key, naming key, locale and placeholder', () => {
    expect(checkCopyEdit({ template, locale: 'zh-TW', copy: { greeting: '您好：' } })).toEqual([
      {
        field: 'copy.greeting',
        problem: 'The zh-TW text of "greeting" drops the placeholder {name}',
        fix: 'Put {name} back into the text; it is filled per recipient',
      },
    ]);
    expect(checkCopyEdit({ template, locale: 'it-IT', copy: { introSubtitle: 'da noi' } })[0]?.problem).toBe(
      'The it-IT text of "introSubtitle" drops the placeholder {brand}',
    );
    expect(
      checkCopyEdit({
        template,
        locale: 'en-GB',
        copy: { greeting: 'Hi {name}!', lead: 'No placeholders before, none now.' },
      }),
    ).toEqual([]);
    expect(checkCopyEdit({ template, locale: 'en-GB', copy: { headline: 'x' } })[0]?.problem).toBe(
      'Copy key "headline" does not exist in gentle-reminder (en-GB)',
    );
    expect(() => requireCopyEdits({ template, copy: { 'fr-FR': { greeting: 'Bonjour,' } } })).toThrow(
      'The fr-FR text of "greeting" drops the placeholder {name} (got "Bonjour,"). Put {name} back',
    );
  });

  it('a preview reports every field problem and copy problem at once, as problem and fix', () => {
    const result = makePreview({
      template,
      locale: 'en-GB',
      record: { ...gentleReminder.examples[1], amount: '-5', due_date: '31/02/2027' },
      copy: { greeting: 'Hello' },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((problem) => problem.field)).toEqual(['amount', 'due_date', 'copy.greeting']);
    expect(result.problems[0]).toEqual({
      field: 'amount',
      problem: 'amount must be greater than 0',
      fix: 'zero or credit balances have nothing to collect',
    });
  });
});

for (const backend of storeBackends) {
  describe(`template versions (${backend.name})`, () => {
    let db: Db;
    let tearDown: () => Promise<void>;
    beforeAll(async () => ({ db, tearDown } = await backend.setUp()), 60_000);
    afterAll(async () => tearDown?.());

    it('labels versions <code version>+n, keeps them, and gives a campaign its version’s copy for the record’s locale', async () => {
      const first = await createTemplateVersion({
        db,
        templateId: template.id,
        codeVersion: '1.0.0',
        copy: { 'en-GB': { greeting: 'Hi {name}' } },
        note: 'short',
      });
      const [second, third] = await Promise.all([
        createTemplateVersion({
          db,
          templateId: template.id,
          codeVersion: '1.0.0',
          copy: { 'it-IT': { greeting: 'Salve {name}' } },
          note: '',
        }),
        createTemplateVersion({ db, templateId: template.id, codeVersion: '1.0.0', copy: {}, note: '' }),
      ]);
      expect(first.label).toBe('1.0.0+1');
      expect([second.label, third.label].sort()).toEqual(['1.0.0+2', '1.0.0+3']);
      expect((await listTemplateVersions({ db, templateId: template.id })).map((version) => version.label)).toEqual([
        '1.0.0+3',
        '1.0.0+2',
        '1.0.0+1',
      ]);
      expect(await resolveTemplateVersion({ db, template, label: undefined })).toBe('1.0.0');
      expect(await resolveTemplateVersion({ db, template, label: '1.0.0+1' })).toBe('1.0.0+1');
      await expect(resolveTemplateVersion({ db, template, label: '2.0.0+7' })).rejects.toThrow(
        'Use 1.0.0, 1.0.0+3, 1.0.0+2, 1.0.0+1',
      );
      const withCopy = await withVersionCopy({
        db,
        templateId: template.id,
        templateVersion: '1.0.0+1',
        record: oliver,
      });
      expect(getVideoText(withCopy).personal.greeting).toBe(`Hi ${oliver.name}`);
      // A version without copy for the record's locale, and a campaign on the built-in copy, leave the record as it is.
      expect(await withVersionCopy({ db, templateId: template.id, templateVersion: '1.0.0+2', record: oliver })).toBe(
        oliver,
      );
      expect(await withVersionCopy({ db, templateId: template.id, templateVersion: '1.0.0', record: oliver })).toBe(
        oliver,
      );
    });
  });
}
