import { z } from 'zod';

const quoted = (input: unknown) =>
  JSON.stringify(typeof input === 'string' && input.length > 80 ? `${input.slice(0, 77)}…` : input);

const text = (options: { name: string; what: string; max: number }) =>
  z
    .string({ error: `creditor.${options.name} is missing; give ${options.what}` })
    .trim()
    .min(1, { error: `creditor.${options.name} is empty; give ${options.what}` })
    .max(options.max, {
      error: (issue) =>
        `creditor.${options.name} ${quoted(issue.input)} is longer than ${options.max} characters; shorten it`,
    });

/**
 * Who really sends the messages, shown in every page's footer so a debtor can check it: the
 * creditor's legal name, postal address, a contact phone and e-mail, and its privacy notice.
 * Public facts about the creditor, never personal data.
 */
export const creditorSchema = z.object({
  legalName: text({ name: 'legalName', what: 'the company name as registered, e.g. "Lumen Gas S.p.A."', max: 120 }),
  address: text({ name: 'address', what: 'the postal address, e.g. "Via Roma 1, 20121 Milano, Italia"', max: 200 }),
  phone: z
    .string({
      error: 'creditor.phone is missing; give the contact number in international form, e.g. "+39 02 1234 5678"',
    })
    .trim()
    .regex(/^\+[1-9][0-9 ().-]{5,22}[0-9]$/, {
      error: (issue) =>
        `creditor.phone ${quoted(issue.input)} is not a phone number in international form; write it as + country code and number, e.g. "+39 02 1234 5678"`,
    })
    .refine((phone) => phone.replace(/\D/g, '').length <= 15, {
      error: (issue) =>
        `creditor.phone ${quoted(issue.input)} has more than 15 digits; give one number, without extensions`,
    }),
  email: z
    .string({ error: 'creditor.email is missing; give the contact e-mail address, e.g. "help@lumengas.example"' })
    .trim()
    .pipe(
      z.email({
        error: (issue) =>
          `creditor.email ${quoted(issue.input)} is not an e-mail address; write it like "help@lumengas.example"`,
      }),
    ),
  privacyUrl: z
    .string({ error: 'creditor.privacyUrl is missing; give the https address of the privacy notice' })
    .trim()
    .refine(isHttpsUrl, {
      error: (issue) =>
        `creditor.privacyUrl ${quoted(issue.input)} is not an https address; give the privacy notice's address starting with https://`,
    }),
});

export type Creditor = z.output<typeof creditorSchema>;

function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname.includes('.') && !url.username && !url.password;
  } catch {
    return false;
  }
}

/** A phone number as a `tel:` link: the plus and the digits only. */
export const toTelLink = (phone: string) => `tel:+${phone.replace(/\D/g, '')}`;

/**
 * The creditor the reference templates speak for without a brand kit: Aurora Energia, a made-up
 * utility (its logo is in assets/brand), with contact details that reach no one.
 */
export const referenceCreditor: Creditor = {
  legalName: 'Aurora Energia S.p.A.',
  address: 'Via dell’Esempio 1, 20100 Milano, Italia',
  phone: '+39 02 0000 0000',
  email: 'aiuto@aurora-energia.example',
  privacyUrl: 'https://aurora-energia.example/privacy',
};
