import { describe, expect, it } from 'vitest';
import { makePersonalPayload } from '../server/render/make-personal-payload.ts';
import { makeMicrosite } from '../server/render/make-microsite.ts';
import { makeSegmentKey } from '../server/render/make-segment-key.ts';
import { isPersonal, planChunks } from '../server/render/plan-chunks.ts';
import { makeRenderSettings } from '../server/render/render-settings.ts';
import type { BrandKit } from '../templates/brand/brand-kit.ts';
import { checkTemplate } from '../templates/check-template.ts';
import { friendlyFinalNoticeCopy } from '../templates/friendly-final-notice/copy.ts';
import { instalmentOfferCopy } from '../templates/instalment-offer/copy.ts';
import { productLocales } from '../templates/pages/page-copy.ts';
import { computeInstalments } from '../templates/plans/compute-instalments.ts';
import { findTemplate } from '../templates/registry.ts';
import type { BaseRecord, TemplateDefinition } from '../templates/template-definition.ts';

const newTemplates = [
  { template: findTemplate('instalment-offer') as TemplateDefinition, copy: instalmentOfferCopy },
  { template: findTemplate('friendly-final-notice') as TemplateDefinition, copy: friendlyFinalNoticeCopy },
];
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
const brand: BrandKit = {
  senderName: 'Lumen Gas',
  colors: { primary: '#0b5d1e', onPrimary: '#ffffff', accent: '#ffd166', background: '#102a43', text: '#ffffff' },
  font: 'inter',
};

describe.each(newTemplates)('template $template.id', ({ template, copy }) => {
  it('is registered, sound, in the four languages and two tones, with examples that parse', () => {
    expect(template).toBeDefined();
    expect(checkTemplate(template)).toEqual([]);
    expect(template.locales).toEqual(['it-IT', 'en-GB', 'fr-FR', 'zh-TW']);
    expect(template.tones).toEqual(['empathetic', 'neutral']);
    const records = template.examples.map(
      (example) => template.schema.parse(example) as BaseRecord & { name: string; amount: number; tone: string },
    );
    expect(new Set(records.map((record) => record.locale))).toEqual(new Set(productLocales));
    expect(new Set(records.map((record) => record.tone))).toEqual(new Set(['empathetic', 'neutral']));
    expect(Math.max(...records.map((record) => record.name.length))).toBeGreaterThanOrEqual(34);
    expect(Math.max(...records.map((record) => record.amount))).toBeGreaterThanOrEqual(1_000_000);
  });

  it('builds its page for every example: in the locale, no personal data in the HTML, Pay now and plan in the sealed part', async () => {
    const assets = {
      css: 'assets/site.0123456789ab.css',
      script: 'assets/track.0123456789ab.js',
      interactive: 'assets/page.0123456789ab.js',
      logo: 'assets/logo.0123456789ab.svg',
    };
    for (const example of [...template.examples, { ...template.examples[0], name: '<script>alert(1)</script>' }]) {
      const record = template.schema.parse(example) as BaseRecord & { name: string };
      const html = await makeMicrosite({
        template,
        record,
        token: 'T'.repeat(22),
        trackBase: 'https://t.example.com',
        assets,
      });
      const { content } = makePersonalPayload({ template, record });
      expect(html).toContain(`<html lang="${record.locale}">`);
      expect(html).not.toContain(record.name);
      expect(html).not.toContain(record.name.replace(/</g, '&lt;'));
      expect(html).not.toContain(content.facts.amount);
      expect(html).not.toContain('<script>alert(1)');
      expect(html).toContain(`"pay":"https://t.example.com/t/c/${'T'.repeat(22)}/pay"`);
      expect(content.greeting).toContain(record.name);
      expect(content.copy.planLead.length).toBeGreaterThan(0);
    }
  });

  it('keeps personal scenes short: only one scene reads personal fields, the others read locale and tone only', () => {
    const personal = template.scenes.filter(isPersonal);
    expect(personal).toHaveLength(1);
    expect(personal[0]!.durationInFrames).toBeLessThanOrEqual(6 * template.fps);
    for (const scene of template.scenes) expect(scene.reads).toContain('tone');
    for (const scene of template.scenes.filter((scene) => !isPersonal(scene)))
      expect([...scene.reads].sort()).toEqual(['locale', 'tone']);
    const plan = planChunks({ template, chunkCostInFrames: 16 });
    const personalFrames = plan.chunks.filter((chunk) => chunk.scenes.some(isPersonal)).length * plan.framesPerChunk;
    expect(personalFrames).toBeLessThanOrEqual(template.durationInFrames / 2);
  });

  it('has tones that differ as copy only: same keys and placeholders in every locale, different words', () => {
    for (const locale of productLocales) {
      const empathetic = copy.tones.empathetic[locale];
      const neutral = copy.tones.neutral[locale];
      expect(Object.keys(neutral).sort(), locale).toEqual(Object.keys(empathetic).sort());
      for (const key of Object.keys(empathetic) as (keyof typeof empathetic)[]) {
        expect(placeholders(neutral[key]), `${locale} ${key}`).toEqual(placeholders(empathetic[key]));
      }
      const differing = (Object.keys(empathetic) as (keyof typeof empathetic)[]).filter(
        (key) => empathetic[key] !== neutral[key],
      );
      expect(differing.length, locale).toBeGreaterThanOrEqual(6);
    }
  });

  it('renders the same scenes, timings, facts and links for both tones; only the words change', () => {
    for (const example of template.examples) {
      const empathetic = template.schema.parse({ ...example, tone: 'empathetic' });
      const neutral = template.schema.parse({ ...example, tone: 'neutral' });
      const [cuesA, cuesB] = [template.getCues(empathetic), template.getCues(neutral)];
      expect(cuesB.map(({ startFrame, endFrame }) => [startFrame, endFrame])).toEqual(
        cuesA.map(({ startFrame, endFrame }) => [startFrame, endFrame]),
      );
      expect(cuesB.map((cue) => cue.text)).not.toEqual(cuesA.map((cue) => cue.text));
      const [pageA, pageB] = [template.getPageContent(empathetic), template.getPageContent(neutral)];
      expect(pageB.facts).toEqual(pageA.facts);
      expect(pageB.copy.payNow).toBe(pageA.copy.payNow);
      expect(pageB.copy.planLead).not.toBe(pageA.copy.planLead);
    }
  });

  it('leaves no placeholder unfilled, in any locale or tone, with or without a brand kit', () => {
    for (const example of template.examples) {
      for (const locale of productLocales) {
        for (const tone of template.tones ?? []) {
          const record = { ...template.schema.parse({ ...example, locale, tone }), brand };
          // `planOption` stays a pattern on purpose: the page's plan selector fills it per plan.
          const pageCopy = Object.entries(template.getPageContent(record).copy).filter(([key]) => key !== 'planOption');
          const texts = [
            ...template.getCues(record).map((cue) => cue.text),
            ...pageCopy.map(([, text]) => String(text)),
          ];
          for (const text of texts) expect(text).not.toMatch(/\{\w+\}/);
          expect(template.getPageContent(record).copy.pageTitle).toContain('Lumen Gas');
          expect(template.getPageContent(record).copy.pageTitle).not.toContain(record.id);
        }
      }
    }
  });
});

describe('tone and brand in the segment cache key', () => {
  const template = newTemplates[0]!.template;
  const plan = planChunks({ template, chunkCostInFrames: 16 });
  const shared = plan.chunks.find((chunk) => !chunk.scenes.some(isPersonal))!;
  const personal = plan.chunks.find((chunk) => chunk.scenes.some(isPersonal))!;
  const keyOf = (
    chunk: typeof shared,
    record: BaseRecord,
    kind: 'chunk' | 'sound' = 'chunk',
    from: TemplateDefinition = template,
  ) =>
    makeSegmentKey({
      template: from,
      bundleHash: 'b',
      browserVersion: 'v',
      settings: makeRenderSettings({ width: 1280, height: 720, fps: 30 }),
      chunk,
      framesPerChunk: plan.framesPerChunk,
      record,
      kind,
    });
  const maria = template.schema.parse(template.examples[0]);
  const giulia = template.schema.parse({ ...template.examples[0], id: 'X-2', name: 'Giulia Romano' });
  const neutral = template.schema.parse({ ...template.examples[0], tone: 'neutral' });

  it('a shared chunk is the same for every name, but not across tones', () => {
    expect(keyOf(shared, giulia)).toBe(keyOf(shared, maria));
    expect(keyOf(shared, neutral)).not.toBe(keyOf(shared, maria));
    expect(keyOf(personal, giulia)).not.toBe(keyOf(personal, maria));
  });

  it("a chunk's sound is keyed by the fields the soundtrack reads: shared by all with [], per recipient when the template does not say", () => {
    const english = template.schema.parse({ ...template.examples[0], locale: 'en-GB' });
    expect(template.soundReads).toEqual([]);
    expect(keyOf(personal, giulia, 'sound')).toBe(keyOf(personal, maria, 'sound'));
    expect(keyOf(personal, english, 'sound')).toBe(keyOf(personal, maria, 'sound'));
    expect(keyOf(personal, maria, 'sound')).not.toBe(keyOf(personal, maria, 'chunk'));
    const unsaid = { ...template, soundReads: undefined } as TemplateDefinition;
    expect(keyOf(personal, giulia, 'sound', unsaid)).not.toBe(keyOf(personal, maria, 'sound', unsaid));
  });

  it('every chunk, shared or personal, changes with the brand kit (and with each of its colours)', () => {
    const darker = { ...brand, colors: { ...brand.colors, background: '#0b1f33' } };
    for (const chunk of plan.chunks) {
      const plain = keyOf(chunk, maria);
      const branded = keyOf(chunk, { ...maria, brand } as BaseRecord);
      expect(branded, `chunk ${chunk.index}`).not.toBe(plain);
      expect(keyOf(chunk, { ...maria, brand: darker } as BaseRecord), `chunk ${chunk.index}`).not.toBe(branded);
    }
  });
});

describe('instalment plans', () => {
  it('offers 3, 6 and 12 monthly payments that add up to the amount to the cent', () => {
    const plans = computeInstalments({ amount: 1234.5, currency: 'EUR', months: [3, 6, 12], minimumInstalment: 25 });
    expect(plans).toEqual([
      { months: 3, instalment: 411.5, last: 411.5 },
      { months: 6, instalment: 205.75, last: 205.75 },
      { months: 12, instalment: 102.88, last: 102.82 },
    ]);
    for (const plan of plans)
      expect(Math.round(plan.instalment * 100) * (plan.months - 1) + Math.round(plan.last * 100)).toBe(123450);
  });

  it('drops plans below the smallest instalment but always keeps the shortest', () => {
    expect(
      computeInstalments({ amount: 89.9, currency: 'GBP', months: [12, 3, 6], minimumInstalment: 25 }).map(
        (plan) => plan.months,
      ),
    ).toEqual([3]);
    expect(computeInstalments({ amount: 20, currency: 'EUR', months: [3, 6, 12], minimumInstalment: 25 })).toEqual([
      { months: 3, instalment: 6.67, last: 6.66 },
    ]);
  });

  it('the video and page show the plans in the recipient locale', () => {
    const template = newTemplates[0]!.template;
    const cues = template.getCues(template.schema.parse(template.examples[0]));
    expect(cues.map((cue) => cue.text).join('\n')).toContain(
      '3 rate da 411,50\u00a0€ · 6 rate da 205,75\u00a0€ · 12 rate da 102,88\u00a0€',
    );
    const french = template.getCues(template.schema.parse(template.examples[2]));
    expect(french.map((cue) => cue.text).join('\n')).toContain('3 mensualités de 3\u00a0333\u00a0333,33\u00a0€');
  });
});
