import type { ProductLocale } from './page-copy.ts';
import { pickProductLocale } from './pick-product-locale.ts';

/** The footer's strings on who sends the page and how to check it is genuine. Neutral: they are in the static HTML. */
export type TrustCopy = { heading: string; phone: string; email: string; privacy: string; verify: string };

/** Trust strings per locale. */
export const trustCopy: Record<ProductLocale, TrustCopy> = {
  'it-IT': {
    heading: 'Chi ti scrive',
    phone: 'Telefono',
    email: 'E-mail',
    privacy: 'Informativa sulla privacy',
    verify:
      'Non sei sicuro che questo messaggio sia autentico? Confronta questi dati con la tua bolletta e chiama il numero stampato sulla bolletta, mai uno ricevuto in un messaggio.',
  },
  'en-GB': {
    heading: 'Who sends this message',
    phone: 'Phone',
    email: 'E-mail',
    privacy: 'Privacy notice',
    verify:
      'Not sure this message is genuine? Check these details against your bill, and call the number printed on your bill — never one from a message.',
  },
  'fr-FR': {
    heading: 'Qui vous écrit',
    phone: 'Téléphone',
    email: 'E-mail',
    privacy: 'Politique de confidentialité',
    verify:
      'Vous doutez de l’authenticité de ce message ? Comparez ces coordonnées avec votre facture et appelez le numéro imprimé sur la facture, jamais un numéro reçu par message.',
  },
  'zh-TW': {
    heading: '寄件者資訊',
    phone: '電話',
    email: '電子郵件',
    privacy: '隱私權聲明',
    verify: '不確定這則訊息是否真實？請將以上資料與您的帳單核對，並撥打帳單上印的電話號碼，切勿撥打訊息中提供的號碼。',
  },
};

/** The trust strings of a locale; another locale of a known language, else English. */
export function getTrustCopy(locale: string): TrustCopy {
  return trustCopy[pickProductLocale(locale)];
}
