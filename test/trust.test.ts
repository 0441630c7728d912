import { describe, expect, it } from 'vitest';
import { InputError } from '../server/errors.ts';
import { makeMicrosite } from '../server/render/make-microsite.ts';
import { parseBrandKit } from '../server/read-brand-file.ts';
import { referenceCreditor } from '../templates/brand/creditor.ts';
import { productLocales } from '../templates/pages/page-copy.ts';
import { trustCopy } from '../templates/pages/trust-copy.ts';
import { templates } from '../templates/registry.ts';
import type { BaseRecord, TemplateDefinition } from '../templates/template-definition.ts';
import { listLocaleRecords } from './helpers/publish-template-pages.ts';

const colors = { primary: '#0b5d1e', onPrimary: '#ffffff', accent: '#8a3c00', background: '#f7f3e8', text: '#1b1b1b' };
const creditor = {
  legalName: 'Lumen Gas S.p.A.',
  address: 'Corso Buenos Aires 10, 20124 Milano',
  phone: '+39 02 8765 4321',
  email: 'aiuto@lumengas.example',
  privacyUrl: 'https://lumengas.example/privacy',
};
const assets = {
  css: 'assets/site.0123456789ab.css',
  script: 'assets/track.0123456789ab.js',
  interactive: 'assets/page.0123456789ab.js',
  logo: 'assets/logo.0123456789ab.svg',
  favicon: 'assets/favicon.0123456789ab.ico',
};
const footerOf = (html: string) => /<footer>([\s\S]*)<\/footer>/.exec(html)?.[1] ?? '';
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
const page = (template: TemplateDefinition, record: BaseRecord) =>
  makeMicrosite({ template, record, token: 'AbCdEfGhIjKlMnOpQrStUv', trackBase: 'https://t.example.com', assets });

const refusal = (value: unknown): string => {
  try {
    parseBrandKit({ value, source: 'brand.json' });
  } catch (error) {
    if (error instanceof InputError) return error.message;
    throw error;
  }
  throw new Error('expected the brand kit to be refused');
};

describe('the creditor in the brand kit', () => {
  it('takes the legal name, address, phone, e-mail and privacy notice', () => {
    const kit = parseBrandKit({
      value: { senderName: 'Lumen Gas', colors, creditor: { ...creditor, phone: ' +39 02 8765 4321 ' } },
      source: 'api',
    });
    expect(kit.creditor).toEqual(creditor);
  });

  it('refuses each malformed detail, naming the field, the value and the fix', () => {
    const refuse = (change: Record<string, unknown>) =>
      refusal({ senderName: 'Lumen Gas', colors, creditor: { ...creditor, ...change } });
    expect(refuse({ phone: '02 8765 4321' })).toContain(
      'creditor.phone "02 8765 4321" is not a phone number in international form; write it as + country code and number, e.g. "+39 02 1234 5678"',
    );
    expect(refuse({ phone: '+39 call us' })).toContain('creditor.phone "+39 call us" is not a phone number');
    expect(refuse({ email: 'aiuto at lumengas' })).toContain(
      'creditor.email "aiuto at lumengas" is not an e-mail address; write it like "help@lumengas.example"',
    );
    expect(refuse({ privacyUrl: 'http://lumengas.example/privacy' })).toContain(
      'creditor.privacyUrl "http://lumengas.example/privacy" is not an https address; give the privacy notice\'s address starting with https://',
    );
    expect(refuse({ privacyUrl: 'javascript:alert(1)' })).toContain(
      'creditor.privacyUrl "javascript:alert(1)" is not an https address',
    );
    expect(refuse({ legalName: '  ' })).toContain('creditor.legalName is empty; give the company name as registered');
    expect(refusal({ senderName: 'Lumen Gas', colors, creditor: { legalName: 'Lumen Gas S.p.A.' } })).toContain(
      'creditor.address is missing; give the postal address',
    );
  });
});

describe('who sends the page, in its footer', () => {
  for (const template of templates) {
    for (const { locale, record } of listLocaleRecords(template)) {
      it(`${template.id}, ${locale}: the creditor's details and how to check the message, in the page's language`, async () => {
        const footer = text(footerOf(await page(template, record)));
        for (const detail of [
          referenceCreditor.legalName,
          referenceCreditor.address,
          referenceCreditor.phone,
          referenceCreditor.email,
        ])
          expect(footer).toContain(detail);
        for (const line of [trustCopy[locale].heading, trustCopy[locale].privacy, trustCopy[locale].verify])
          expect(footer).toContain(line);
      });
    }
  }

  it("with a brand kit, the kit's creditor and never the reference one; a kit without a creditor shows only how to check", async () => {
    const [template] = templates;
    const { record } = listLocaleRecords(template!)[1]!;
    const branded = footerOf(
      await page(template!, {
        ...record,
        brand: parseBrandKit({ value: { senderName: 'Lumen Gas', colors, creditor }, source: 'api' }),
      } as BaseRecord),
    );
    expect(branded).toContain('href="tel:+390287654321"');
    expect(branded).toContain('href="mailto:aiuto@lumengas.example"');
    expect(branded).toContain('href="https://lumengas.example/privacy"');
    expect(text(branded)).toContain('Lumen Gas S.p.A. Corso Buenos Aires 10, 20124 Milano');
    const bare = footerOf(
      await page(template!, {
        ...record,
        brand: parseBrandKit({ value: { senderName: 'Lumen Gas', colors }, source: 'api' }),
      } as BaseRecord),
    );
    expect(bare).not.toContain('Aurora');
    expect(text(bare)).toContain(trustCopy['en-GB'].verify);
  });

  it('has every string in every product language', () => {
    for (const locale of productLocales)
      for (const value of Object.values(trustCopy[locale])) expect(value.trim().length).toBeGreaterThan(1);
  });
});
