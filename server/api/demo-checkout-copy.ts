import type { ProductLocale } from '../../templates/pages/page-copy.ts';
import { pickProductLocale } from '../../templates/pages/pick-product-locale.ts';

/** The demo checkout's own strings (the amount and plan labels are the page's). */
export type DemoCheckoutCopy = {
  title: string;
  lead: string;
  plan: string;
  reference: string;
  back: string;
  unknown: string;
};

const copy: Record<ProductLocale, DemoCheckoutCopy> = {
  'it-IT': {
    title: 'Pagamento di prova',
    lead: 'Questa pagina sostituisce il fornitore dei pagamenti: è una prova e nessun denaro viene addebitato.',
    plan: 'Il piano scelto',
    reference: 'Riferimento del pagamento',
    back: 'Torna al tuo messaggio',
    unknown: 'Questo riferimento di pagamento non è noto.',
  },
  'en-GB': {
    title: 'Demo checkout',
    lead: 'This page stands in for the payment provider: it is a demo and no money is taken.',
    plan: 'The plan you chose',
    reference: 'Payment reference',
    back: 'Back to your message',
    unknown: 'This payment reference is not known.',
  },
  'fr-FR': {
    title: 'Paiement de démonstration',
    lead: 'Cette page remplace le prestataire de paiement : c’est une démonstration, aucun montant n’est débité.',
    plan: 'L’échéancier choisi',
    reference: 'Référence de paiement',
    back: 'Revenir à votre message',
    unknown: 'Cette référence de paiement est inconnue.',
  },
  'zh-TW': {
    title: '示範付款頁面',
    lead: '此頁面代替付款服務商：這只是示範，不會收取任何款項。',
    plan: '您選擇的方案',
    reference: '付款參考編號',
    back: '返回您的訊息',
    unknown: '找不到這個付款參考編號。',
  },
};

/** The demo checkout's strings in a locale (its language's, else English). */
export function getDemoCheckoutCopy(locale: string): DemoCheckoutCopy {
  return copy[pickProductLocale(locale)];
}
