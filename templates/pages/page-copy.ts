import type { PageCopy } from '../template-definition.ts';

/** The product's four languages. */
export const productLocales = ['it-IT', 'en-GB', 'fr-FR', 'zh-TW'] as const;
export type ProductLocale = (typeof productLocales)[number];

/** The page strings that do not change with a template's tone: labels, buttons, opt-out, footer. */
export type StandardPageCopy = Omit<PageCopy, 'planLead'>;

/** Standard page strings per locale; `{brand}` is the sender name. */
export const standardPageCopy: Record<ProductLocale, StandardPageCopy> = {
  'it-IT': {
    pageTitle: '{brand} – il tuo messaggio',
    videoLabel: 'Il tuo video personale',
    captionsLabel: 'Italiano',
    detailsHeading: 'Il tuo riepilogo',
    amountLabel: 'Importo',
    dueLabel: 'Scadenza',
    invoiceLabel: 'Fattura',
    payNow: 'Paga ora',
    choosePlan: 'Scegli un piano di pagamento',
    optOut: 'Non desidero più ricevere questi messaggi',
    optOutQuestion: 'Vuoi smettere di ricevere questi messaggi?',
    optOutConfirm: 'Sì, non inviatemi altri messaggi',
    optOutDone: 'Fatto. Non riceverai altri messaggi di questo tipo.',
    footer: 'Questa pagina è personale: non condividerla.',
    downloadVideo: 'Scarica il video',
  },
  'en-GB': {
    pageTitle: '{brand} – your message',
    videoLabel: 'Your personal video',
    captionsLabel: 'English',
    detailsHeading: 'Your summary',
    amountLabel: 'Amount',
    dueLabel: 'Due date',
    invoiceLabel: 'Invoice',
    payNow: 'Pay now',
    choosePlan: 'Choose a payment plan',
    optOut: 'I no longer wish to receive these messages',
    optOutQuestion: 'Stop receiving these messages?',
    optOutConfirm: 'Yes, send me no more messages',
    optOutDone: 'Done. You will receive no more messages of this kind.',
    footer: 'This page is personal: please do not share it.',
    downloadVideo: 'Download the video',
  },
  'fr-FR': {
    pageTitle: '{brand} – votre message',
    videoLabel: 'Votre vidéo personnelle',
    captionsLabel: 'Français',
    detailsHeading: 'Votre récapitulatif',
    amountLabel: 'Montant',
    dueLabel: 'Échéance',
    invoiceLabel: 'Facture',
    payNow: 'Payer maintenant',
    choosePlan: 'Choisir un échéancier',
    optOut: 'Je ne souhaite plus recevoir ces messages',
    optOutQuestion: 'Ne plus recevoir ces messages ?',
    optOutConfirm: 'Oui, ne m’envoyez plus de messages',
    optOutDone: 'C’est fait. Vous ne recevrez plus de messages de ce type.',
    footer: 'Cette page est personnelle : ne la partagez pas.',
    downloadVideo: 'Télécharger la vidéo',
  },
  'zh-TW': {
    pageTitle: '{brand} – 您的訊息',
    videoLabel: '您的個人影片',
    captionsLabel: '繁體中文',
    detailsHeading: '您的摘要',
    amountLabel: '金額',
    dueLabel: '到期日',
    invoiceLabel: '發票',
    payNow: '立即付款',
    choosePlan: '選擇分期方案',
    optOut: '我不想再收到這類訊息',
    optOutQuestion: '要停止接收這類訊息嗎？',
    optOutConfirm: '是的，請不要再傳送訊息給我',
    optOutDone: '完成。您將不會再收到這類訊息。',
    footer: '此頁面僅供您本人使用，請勿分享。',
    downloadVideo: '下載影片',
  },
};
