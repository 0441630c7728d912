import { describe, expect, it } from 'vitest';
import { deliveryCopy } from '../server/delivery/delivery-copy.ts';
import { countGsm7Septets, transliterateToGsm7 } from '../server/delivery/gsm7.ts';
import { makeSms } from '../server/delivery/make-sms.ts';
import { KindlyError } from '../server/errors.ts';

const url = 'https://pay-video.example.com/r/d29nlQtuqhIC41oUEBB2Ow/';
const brand = 'Aurora Energia';

describe('GSM-7', () => {
  it('counts septets: one per basic character, two per extension character, none for other scripts', () => {
    expect(countGsm7Septets('Ciao è à ù ì ò É Ñ ü ß _ @ £')).toBe(28);
    expect(countGsm7Septets('10 € [x] {y} ~ ^ | \\')).toBe(29);
    expect(countGsm7Septets('À')).toBeUndefined();
    expect(countGsm7Septets('陳')).toBeUndefined();
  });

  it('spells what GSM-7 lacks without the accent, plain quotes and dashes, and refuses what it cannot spell', () => {
    expect(transliterateToGsm7('À voir – « prêt » ç’è 能')).toEqual({
      text: 'A voir - " pret " c\'è 能',
      replaced: ['À→A', '–→-', '«→"', 'ê→e', '»→"', 'ç→c', "’→'"],
      refused: ['能'],
    });
  });
});

describe('the SMS of each locale', () => {
  it('fits one message with the link: GSM-7 up to 160 characters, Chinese in UCS-2 up to 70', () => {
    const table = ['it-IT', 'en-GB', 'fr-FR', 'zh-TW'].map((locale) => ({
      locale,
      ...makeSms({ locale, url, brand }),
    }));
    console.table(table.map(({ locale, charset, length, limit, text }) => ({ locale, charset, length, limit, text })));
    expect(table.map(({ locale, charset, length, limit }) => [locale, charset, length, limit])).toEqual([
      ['it-IT', 'GSM-7', 116, 160],
      ['en-GB', 'GSM-7', 120, 160],
      ['fr-FR', 'GSM-7', 119, 160],
      // The branded Chinese text would be 85 UCS-2 characters: the shorter one is chosen.
      ['zh-TW', 'UCS-2', 62, 70],
    ]);
    expect(table[0]?.text).toBe(`Aurora Energia: c'è un messaggio video per te. Guardalo qui: ${url}`);
    expect(table[2]?.text).toBe(`Aurora Energia : un message vidéo vous attend. A regarder ici : ${url}`);
    expect(table[2]?.transliterated).toEqual(['À→A']);
    expect(table[3]?.text).toBe(`您的影片訊息：${url}`);
    for (const sms of table) {
      expect(sms.text.endsWith(url)).toBe(true);
      if (sms.charset === 'GSM-7') expect(countGsm7Septets(sms.text)).toBe(sms.length);
    }
  });

  it('holds nothing but the brand and the link: no amount, no name', () => {
    for (const copy of Object.values(deliveryCopy)) {
      for (const text of copy.sms)
        expect(
          [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).every((key) => key === 'brand' || key === 'url'),
        ).toBe(true);
      expect(copy.sms.join(' ')).not.toMatch(/\d/);
    }
  });

  it('refuses a brand GSM-7 cannot spell, naming the characters', () => {
    expect(() => makeSms({ locale: 'it-IT', url, brand: 'Aurora 能源' })).toThrow(KindlyError);
    expect(() => makeSms({ locale: 'it-IT', url, brand: 'Aurora 能源' })).toThrow(
      'The it-IT SMS has characters the GSM-7 alphabet cannot spell (got "能 源")',
    );
  });

  it('refuses a link too long for any SMS of the locale, saying how long the link is', () => {
    const long = `https://${'very-long-subdomain.'.repeat(4)}example.com/r/d29nlQtuqhIC41oUEBB2Ow/`;
    expect(() => makeSms({ locale: 'zh-TW', url: long, brand })).toThrow(
      /^The zh-TW SMS is 1\d\d UCS-2 characters with the link, over the 70 one message holds .*Use a shorter base URL: the link alone takes 1\d\d characters$/,
    );
    expect(() => makeSms({ locale: 'de-DE', url, brand })).toThrow(
      'No delivery copy (SMS and e-mail words) for this locale (got "de-DE"). Use one of it-IT, en-GB, fr-FR, zh-TW',
    );
  });
});
