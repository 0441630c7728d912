import { describe, expect, it } from 'vitest';
import { makeCaptions } from '../server/render/make-captions.ts';
import { makePersonalPayload } from '../server/render/make-personal-payload.ts';
import { makeMicrosite } from '../server/render/make-microsite.ts';
import { gentleReminder } from '../templates/gentle-reminder/definition.ts';
import { makePayloadSecret, openPayload } from '../templates/interactive/payload-crypto.ts';
import type { PageData, PersonalPayload } from '../templates/interactive/personal-payload.ts';
import type { TemplateDefinition } from '../templates/template-definition.ts';

const template = gentleReminder as unknown as TemplateDefinition;
const xssName = '<script>alert(1)</script>';
const record = gentleReminder.schema.parse({
  ...gentleReminder.examples[0],
  name: xssName,
  invoice: 'INV"><img src=x onerror=alert(2)>',
  postcode: '20121',
});
const token = 'AbCdEfGhIjKlMnOpQrStUv';
const assets = {
  css: 'assets/site.0123456789ab.css',
  script: 'assets/track.0123456789ab.js',
  interactive: 'assets/page.0123456789ab.js',
  logo: 'assets/logo.0123456789ab.svg',
  favicon: 'assets/favicon.0123456789ab.ico',
};
const html = await makeMicrosite({ template, record, token, trackBase: 'https://t.example.com', assets });
const share = 'server-share-0123456789';
const gatedHtml = await makeMicrosite({
  template,
  record,
  token,
  trackBase: 'https://t.example.com',
  assets,
  gate: { field: 'postcode', share },
});

const readData = (page: string): PageData =>
  JSON.parse(/<script type="application\/json" id="kindly-page">([^<]*)<\/script>/.exec(page)?.[1] ?? 'null');
/** Everything a link-preview bot or a reader of the HTML could see about the debt. */
const personal = [
  xssName,
  'alert(',
  'Esposito',
  'Maria',
  '1234,50',
  '1.234',
  'FT-2027',
  'INV"',
  'marzo',
  '2027',
  record.id,
  '20121',
  'Importo',
  'Scadenza',
  'Fattura',
  'Paga',
  'pagamento',
  'rate',
  'debit',
];

describe('microsite', () => {
  it('is neutral: no name, amount, date, invoice or debt wording anywhere in the HTML', () => {
    for (const page of [html, gatedHtml]) {
      // The ciphertext is random base64: any short word may turn up in it by chance.
      const readable = page.replace(/"sealed":\{[^}]*\}/, '"sealed":{}');
      expect(readable.length).toBeGreaterThan(2000);
      for (const text of personal) expect(readable).not.toContain(text);
      expect(page).toContain('<title>Aurora Energia – il tuo messaggio</title>');
    }
  });

  it('seals the personal part: the token opens it and gives the record, the page content and the interactive parts', async () => {
    const data = readData(html);
    expect(data.gate).toBeUndefined();
    const payload = (await openPayload({
      sealed: data.sealed,
      secret: makePayloadSecret({ token }),
    })) as PersonalPayload;
    expect(payload.record.name).toBe(xssName);
    expect(payload.content.greeting).toBe(`Ciao ${xssName},`);
    expect(payload.content.facts).toEqual({
      amount: '1234,50\u00a0€',
      dueDate: '15 marzo 2027',
      invoice: 'INV"><img src=x onerror=alert(2)>',
    });
    expect(payload.page.planRules).toEqual({ months: [3, 6, 12], minimumInstalment: 25, firstPaymentInDays: 14 });
    expect(payload.page.hotspots.map((hotspot) => [hotspot.id, hotspot.label])).toEqual([
      ['summary-plan', 'Scegli un piano di pagamento'],
      ['outro-pay', 'Paga ora'],
      ['outro-plan', 'Scegli un piano di pagamento'],
      ['outro-callback', 'Richiamatemi'],
      // No invoice hotspot: this record has no invoice link.
      ['outro-replay', 'Il tuo riepilogo'],
    ]);
    expect(payload.page.hotspots.find((hotspot) => hotspot.id === 'outro-replay')).toMatchObject({
      from: 11,
      to: 15,
      untilEnd: true,
      seekTo: 5,
    });
    expect(payload.page.hotspots.find((hotspot) => hotspot.id === 'summary-plan')).toMatchObject({
      from: 8,
      to: 10,
      untilEnd: false,
    });
    expect(payload.page.chapters).toEqual([
      { id: 'intro', from: 0, title: 'Benvenuto' },
      { id: 'personal', from: 5, title: 'Il tuo riepilogo' },
      { id: 'outro', from: 10, title: 'Come pagare' },
    ]);
    await expect(
      openPayload({ sealed: data.sealed, secret: makePayloadSecret({ token: 'ZZZZZZZZZZZZZZZZZZZZZZ' }) }),
    ).rejects.toThrow();
  });

  it('behind a gate, neither the token nor a wrong answer opens it; the answer with the server share does, in any spelling', async () => {
    const data = readData(gatedHtml);
    expect(data.gate).toEqual({ field: 'postcode' });
    expect(gatedHtml).toContain('<label for="gate-answer">Il tuo CAP</label>');
    await expect(openPayload({ sealed: data.sealed, secret: makePayloadSecret({ token }) })).rejects.toThrow();
    await expect(
      openPayload({ sealed: data.sealed, secret: makePayloadSecret({ token, gate: { answer: '20122', share } }) }),
    ).rejects.toThrow();
    await expect(
      openPayload({
        sealed: data.sealed,
        secret: makePayloadSecret({ token, gate: { answer: '20121', share: 'another-share' } }),
      }),
    ).rejects.toThrow();
    const payload = (await openPayload({
      sealed: data.sealed,
      secret: makePayloadSecret({ token, gate: { answer: ' 201 21 ', share } }),
    })) as PersonalPayload;
    expect(payload.record.name).toBe(xssName);
  });

  it('refuses to publish a gated page for a record without the gate field', async () => {
    const bare = gentleReminder.schema.parse(gentleReminder.examples[1]);
    await expect(
      makeMicrosite({
        template,
        record: bare,
        token,
        trackBase: 'https://t.example.com',
        assets,
        gate: { field: 'postcode', share },
      }),
    ).rejects.toThrow(/privacy gate asks for postcode, but this record has none.*Fill in postcode for every record/);
  });

  it('links only its own assets and the tracker, with no personal data in any URL', () => {
    const urls = [...html.matchAll(/(?:href|src)="([^"]+)"/g)].map((match) => match[1]);
    expect(urls).toEqual([
      '../../assets/logo.0123456789ab.svg',
      '../../assets/favicon.0123456789ab.ico',
      '../../assets/site.0123456789ab.css',
      '../../assets/track.0123456789ab.js',
      '../../assets/page.0123456789ab.js',
      '../../assets/logo.0123456789ab.svg',
      // Who sends the page: the creditor's phone, e-mail and privacy notice (links a person follows; nothing loads them).
      'tel:+390200000000',
      'mailto:aiuto@aurora-energia.example',
      'https://aurora-energia.example/privacy',
      `https://t.example.com/t/o/${token}`,
    ]);
    expect(readData(html).links).toEqual({
      pay: `https://t.example.com/t/c/${token}/pay`,
      gate: `https://t.example.com/t/g/${token}`,
      forms: `https://t.example.com/t/f/${token}`,
      survey: `https://t.example.com/t/s/${token}`,
      track: 'https://t.example.com/t',
    });
  });

  it('declares noindex, no referrer and a CSP that allows only the site and the tracker; no inline script runs', () => {
    expect(html).toContain('<meta name="robots" content="noindex, nofollow, noarchive, nosnippet"/>');
    expect(html).toContain('<meta name="referrer" content="no-referrer"/>');
    expect(html).toMatch(/Content-Security-Policy" content="default-src &#x27;none&#x27;; script-src &#x27;self&#x27;/);
    expect(html).toContain('connect-src &#x27;self&#x27; https://t.example.com');
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((match) => match[1]);
    expect(scripts).toEqual([
      ' type="application/json" id="kindly-page"',
      ' src="../../assets/track.0123456789ab.js" defer=""',
      ' src="../../assets/page.0123456789ab.js" defer=""',
    ]);
  });
});

describe('video text', () => {
  it('captions carry the same personal text, escaped for WebVTT', () => {
    const vtt = makeCaptions({ cues: gentleReminder.getCues(record), fps: 30 });
    expect(vtt.startsWith('WEBVTT\n\n1\n00:00:00.000 --> 00:00:05.000\nUn messaggio per te\nda Aurora Energia\n')).toBe(
      true,
    );
    expect(vtt).toContain('Ciao &lt;script&gt;alert(1)&lt;/script&gt;,');
    expect(vtt).toContain('00:00:07.500 --> 00:00:10.000\nImporto: 1234,50\u00a0€ · Scadenza: 15 marzo 2027');
    expect(vtt.trim().endsWith('Bastano due minuti. Siamo qui per aiutarti.')).toBe(true);
  });

  it('scenes tile the whole timeline', () => {
    let next = 0;
    for (const scene of gentleReminder.scenes) {
      expect(scene.from).toBe(next);
      next = scene.from + scene.durationInFrames;
    }
    expect(next).toBe(gentleReminder.durationInFrames);
  });
});

describe('four languages', () => {
  const byLocale = (locale: string) =>
    gentleReminder.schema.parse(gentleReminder.examples.find((example) => example.locale === locale));
  const cases = [
    {
      locale: 'it-IT',
      title: 'Aurora Energia – il tuo messaggio',
      amount: '1234,50\u00a0€',
      date: '15 marzo 2027',
      caption: 'Ciao Maria Concetta Esposito-Buonaccorsi,',
      pay: 'Paga ora',
    },
    {
      locale: 'en-GB',
      title: 'Aurora Energia – your message',
      amount: '£89.90',
      date: '28 February 2027',
      caption: 'Hello Oliver Bennett,',
      pay: 'Pay now',
    },
    {
      locale: 'fr-FR',
      title: 'Aurora Energia – votre message',
      amount: '1\u00a0480,00\u00a0€',
      date: '15 mai 2027',
      caption: 'Bonjour Amélie Lefèvre-Giraud,',
      pay: 'Payer maintenant',
    },
    {
      locale: 'zh-TW',
      title: 'Aurora Energia – 給您的訊息',
      amount: 'NT$12,500',
      date: '2027年4月10日',
      caption: '林志明，您好：',
      pay: '立即繳費',
    },
  ];

  it('the schema accepts each of them (and "fr" or "zh_TW" spellings) and refuses others with the list', () => {
    expect(gentleReminder.schema.parse({ ...gentleReminder.examples[0], locale: 'fr' }).locale).toBe('fr-FR');
    expect(gentleReminder.schema.parse({ ...gentleReminder.examples[0], locale: 'zh_TW' }).locale).toBe('zh-TW');
    const refused = gentleReminder.schema.safeParse({ ...gentleReminder.examples[0], locale: 'de-DE' });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toContain('it-IT, en-GB, fr-FR, zh-TW');
  });

  for (const expected of cases) {
    it(`${expected.locale}: page, captions, money and date in the recipient's locale`, async () => {
      const record = byLocale(expected.locale);
      const page = await makeMicrosite({ template, record, token, trackBase: 'https://t.example.com', assets });
      expect(page).toContain(`<html lang="${expected.locale}">`);
      expect(page).toContain(`<title>${expected.title}</title>`);
      // The amount and date are in the sealed part, which the page's script opens and shows.
      expect(page).not.toContain(expected.amount);
      const { content } = makePersonalPayload({ template, record });
      expect(content.facts.amount).toBe(expected.amount);
      expect(content.facts.dueDate).toBe(expected.date);
      expect(content.copy.payNow).toBe(expected.pay);
      const vtt = makeCaptions({ cues: gentleReminder.getCues(record), fps: 30 });
      expect(vtt).toContain(expected.caption);
      expect(vtt).toContain(`${expected.amount} · `);
      expect(vtt).toContain(expected.date);
    });
  }
});
