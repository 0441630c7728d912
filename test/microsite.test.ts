import { describe, expect, it } from 'vitest';
import { makeCaptions } from '../server/render/make-captions.ts';
import { makeMicrosite } from '../server/render/make-microsite.ts';
import { gentleReminder } from '../templates/gentle-reminder/definition.ts';
import type { TemplateDefinition } from '../templates/template-definition.ts';

const template = gentleReminder as unknown as TemplateDefinition;
const xssName = '<script>alert(1)</script>';
const record = gentleReminder.schema.parse({ ...gentleReminder.examples[0], name: xssName, invoice: 'INV"><img src=x onerror=alert(2)>' });
const token = 'AbCdEfGhIjKlMnOpQrStUv';
const html = makeMicrosite({ template, record, token, trackBase: 'https://t.example.com', assets: { css: 'assets/site.0123456789ab.css', script: 'assets/track.0123456789ab.js', logo: 'assets/logo.0123456789ab.svg' } });

describe('microsite', () => {
  it('escapes record text: a script name shows as text', () => {
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<img src=x');
  });

  it('keeps personal data out of the title, meta tags and URLs', () => {
    const head = html.slice(0, html.indexOf('</head>'));
    for (const personal of [record.name, 'Esposito', '1234,50', 'FT-2027', 'marzo', record.id]) expect(head).not.toContain(personal);
    expect(head).toContain('<title>Aurora Energia – il tuo messaggio</title>');
    const urls = [...html.matchAll(/(?:href|src)="([^"]+)"/g)].map((match) => match[1]);
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url).toMatch(/^(\.\.\/\.\.\/assets\/|https:\/\/t\.example\.com\/t\/|video\.mp4|poster\.jpg|captions\.vtt)/);
  });

  it('declares noindex, no referrer and a CSP that allows only the site and the tracker', () => {
    expect(html).toContain('<meta name="robots" content="noindex, nofollow, noarchive, nosnippet"/>');
    expect(html).toContain('<meta name="referrer" content="no-referrer"/>');
    expect(html).toMatch(/Content-Security-Policy" content="default-src &#x27;none&#x27;; script-src &#x27;self&#x27;/);
    expect(html).toContain('connect-src &#x27;self&#x27; https://t.example.com');
  });

  it('shows the amount, due date and invoice in the recipient locale, with Pay now and the plan invitation', () => {
    expect(html).toContain('1234,50\u00a0€');
    expect(html).toContain('15 marzo 2027');
    expect(html).toContain(`href="https://t.example.com/t/c/${token}/pay"`);
    expect(html).toContain(`href="https://t.example.com/t/c/${token}/plan"`);
    expect(html).toContain(`href="https://t.example.com/t/o/${token}"`);
    expect(html).toContain('<track kind="captions" src="captions.vtt" srcLang="it-IT" label="Italiano" default=""/>');
  });
});

describe('video text', () => {
  it('captions carry the same personal text, escaped for WebVTT', () => {
    const vtt = makeCaptions({ cues: gentleReminder.getCues(record), fps: 30 });
    expect(vtt.startsWith('WEBVTT\n\n1\n00:00:00.000 --> 00:00:05.000\nUn messaggio per te\nda Aurora Energia\n')).toBe(true);
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
  const byLocale = (locale: string) => gentleReminder.schema.parse(gentleReminder.examples.find((example) => example.locale === locale));
  const assets = { css: 'assets/site.0123456789ab.css', script: 'assets/track.0123456789ab.js', logo: 'assets/logo.0123456789ab.svg' };
  const cases = [
    { locale: 'it-IT', title: 'Aurora Energia – il tuo messaggio', amount: '1234,50\u00a0€', date: '15 marzo 2027', caption: 'Ciao Maria Concetta Esposito-Buonaccorsi,', pay: 'Paga ora' },
    { locale: 'en-GB', title: 'Aurora Energia – your message', amount: '£89.90', date: '28 February 2027', caption: 'Hello Oliver Bennett,', pay: 'Pay now' },
    { locale: 'fr-FR', title: 'Aurora Energia – votre message', amount: '1\u00a0480,00\u00a0€', date: '15 mai 2027', caption: 'Bonjour Amélie Lefèvre-Giraud,', pay: 'Payer maintenant' },
    { locale: 'zh-TW', title: 'Aurora Energia – 給您的訊息', amount: '$12,500.00', date: '2027年4月10日', caption: '林志明，您好：', pay: '立即繳費' },
  ];

  it('the schema accepts each of them (and "fr" or "zh_TW" spellings) and refuses others with the list', () => {
    expect(gentleReminder.schema.parse({ ...gentleReminder.examples[0], locale: 'fr' }).locale).toBe('fr-FR');
    expect(gentleReminder.schema.parse({ ...gentleReminder.examples[0], locale: 'zh_TW' }).locale).toBe('zh-TW');
    const refused = gentleReminder.schema.safeParse({ ...gentleReminder.examples[0], locale: 'de-DE' });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toContain('it-IT, en-GB, fr-FR, zh-TW');
  });

  for (const expected of cases) {
    it(`${expected.locale}: page, captions, money and date in the recipient's locale`, () => {
      const record = byLocale(expected.locale);
      const page = makeMicrosite({ template, record, token, trackBase: 'https://t.example.com', assets });
      expect(page).toContain(`<html lang="${expected.locale}">`);
      expect(page).toContain(`<title>${expected.title}</title>`);
      expect(page).toContain(expected.amount);
      expect(page).toContain(expected.date);
      expect(page).toContain(`>${expected.pay}</a>`);
      const vtt = makeCaptions({ cues: gentleReminder.getCues(record), fps: 30 });
      expect(vtt).toContain(expected.caption);
      expect(vtt).toContain(`${expected.amount} · `);
      expect(vtt).toContain(expected.date);
    });
  }
});
