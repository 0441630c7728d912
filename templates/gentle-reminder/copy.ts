import type { PageCopy } from '../template-definition.ts';
import type { GentleReminderLocale } from './schema.ts';

/** Every string of `gentle-reminder`, per locale. `{placeholders}` are filled per recipient. */
export type GentleReminderCopy = PageCopy & {
  brand: string;
  introTitle: string;
  introSubtitle: string;
  greeting: string;
  lead: string;
  outroTitle: string;
  outroSubtitle: string;
};

const brand = 'Aurora Energia';

export const gentleReminderCopy: Record<GentleReminderLocale, GentleReminderCopy> = {
  'it-IT': {
    brand,
    introTitle: 'Un messaggio per te',
    introSubtitle: 'da {brand}',
    greeting: 'Ciao {name},',
    lead: 'ti ricordiamo con gentilezza un pagamento ancora aperto.',
    amountLabel: 'Importo',
    dueLabel: 'Scadenza',
    invoiceLabel: 'Fattura',
    outroTitle: 'Paga ora, oppure scegli un piano di pagamento.',
    outroSubtitle: 'Bastano due minuti. Siamo qui per aiutarti.',
    pageTitle: '{brand} – il tuo messaggio',
    videoLabel: 'Il tuo video personale',
    captionsLabel: 'Italiano',
    detailsHeading: 'Il tuo riepilogo',
    payNow: 'Paga ora',
    choosePlan: 'Scegli un piano di pagamento',
    planLead: 'Preferisci pagare a rate? Scegli il piano più comodo per te.',
    optOut: 'Non desidero più ricevere questi messaggi',
    optOutQuestion: 'Vuoi smettere di ricevere questi messaggi?',
    optOutConfirm: 'Sì, non inviatemi altri messaggi',
    optOutDone: 'Fatto. Non riceverai altri messaggi di questo tipo.',
    footer: 'Questa pagina è personale: non condividerla.',
  },
  'en-GB': {
    brand,
    introTitle: 'A message for you',
    introSubtitle: 'from {brand}',
    greeting: 'Hello {name},',
    lead: 'this is a gentle reminder about a payment that is still open.',
    amountLabel: 'Amount',
    dueLabel: 'Due date',
    invoiceLabel: 'Invoice',
    outroTitle: 'Pay now, or choose a payment plan.',
    outroSubtitle: 'It takes two minutes. We are here to help.',
    pageTitle: '{brand} – your message',
    videoLabel: 'Your personal video',
    captionsLabel: 'English',
    detailsHeading: 'Your summary',
    payNow: 'Pay now',
    choosePlan: 'Choose a payment plan',
    planLead: 'Would you rather pay in instalments? Pick the plan that suits you.',
    optOut: 'I no longer wish to receive these messages',
    optOutQuestion: 'Stop receiving these messages?',
    optOutConfirm: 'Yes, send me no more messages',
    optOutDone: 'Done. You will receive no more messages of this kind.',
    footer: 'This page is personal: please do not share it.',
  },
  'fr-FR': {
    brand,
    introTitle: 'Un message pour vous',
    introSubtitle: 'de la part d’{brand}',
    greeting: 'Bonjour {name},',
    lead: 'un petit rappel, en toute bienveillance\u00a0: un paiement est encore en attente.',
    amountLabel: 'Montant',
    dueLabel: 'Échéance',
    invoiceLabel: 'Facture',
    outroTitle: 'Réglez maintenant, ou choisissez un paiement en plusieurs fois.',
    outroSubtitle: 'Cela ne prend que deux minutes. Nous sommes là pour vous aider.',
    pageTitle: '{brand} – votre message',
    videoLabel: 'Votre vidéo personnelle',
    captionsLabel: 'Français',
    detailsHeading: 'Votre récapitulatif',
    payNow: 'Payer maintenant',
    choosePlan: 'Payer en plusieurs fois',
    planLead: 'Vous préférez étaler vos paiements\u00a0? Choisissez l’échéancier qui vous convient.',
    optOut: 'Je ne souhaite plus recevoir ces messages',
    optOutQuestion: 'Ne plus recevoir ces messages\u00a0?',
    optOutConfirm: 'Oui, ne plus m’envoyer de messages',
    optOutDone: 'C’est noté. Vous ne recevrez plus de messages de ce type.',
    footer: 'Cette page vous est personnelle\u00a0: merci de ne pas la partager.',
  },
  'zh-TW': {
    brand,
    introTitle: '給您的一則訊息',
    introSubtitle: '來自 {brand}',
    greeting: '{name}，您好：',
    lead: '溫馨提醒您，有一筆款項尚未完成繳納。',
    amountLabel: '應繳金額',
    dueLabel: '繳費期限',
    invoiceLabel: '帳單編號',
    outroTitle: '您可以立即繳費，或選擇分期付款。',
    outroSubtitle: '只要兩分鐘，有任何需要，我們都樂意協助。',
    pageTitle: '{brand} – 給您的訊息',
    videoLabel: '您的專屬影片',
    captionsLabel: '繁體中文',
    detailsHeading: '您的帳款摘要',
    payNow: '立即繳費',
    choosePlan: '選擇分期方案',
    planLead: '想分期繳納嗎？挑選最適合您的方案即可。',
    optOut: '我不想再收到這類訊息',
    optOutQuestion: '要停止接收這類訊息嗎？',
    optOutConfirm: '是的，請不要再傳送訊息給我',
    optOutDone: '設定完成，您將不會再收到這類訊息。',
    footer: '此頁面僅供您本人查看，請勿分享。',
  },
};
