import type { PageCopy } from '../template-definition.ts';

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

export const gentleReminderCopy: Record<'it-IT' | 'en-GB', GentleReminderCopy> = {
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
};
