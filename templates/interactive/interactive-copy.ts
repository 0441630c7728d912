/** The strings of the page's interactive parts. Gate and loading strings are neutral: they are in the static HTML. */
export type InteractiveCopy = {
  loading: string;
  noScript: string;
  gateLead: string;
  gateFields: Record<string, string>;
  gateSubmit: string;
  gateWrong: string;
  gateLocked: string;
  chaptersHeading: string;
  hotspotsLabel: string;
  callMeBack: string;
  openInvoice: string;
  plansHeading: string;
  plansNone: string;
  planOption: string;
  planSchedule: string;
  planPay: string;
  paidHeading: string;
  paidDate: string;
  paidReference: string;
  disputeHeading: string;
  disputeReason: string;
  disputeReasons: Record<'not_mine' | 'wrong_amount' | 'service_issue' | 'other', string>;
  disputeDetails: string;
  callbackHeading: string;
  callbackPhone: string;
  callbackDate: string;
  callbackWindow: string;
  callbackWindows: Record<'morning' | 'afternoon' | 'evening', string>;
  send: string;
  sent: string;
  sendFailed: string;
  surveyQuestion: string;
  surveyLow: string;
  surveyHigh: string;
  surveyComment: string;
  surveyThanks: string;
};

const en: InteractiveCopy = {
  loading: 'Opening your message…',
  noScript: 'This page needs JavaScript to show your personal message.',
  gateLead: 'To open your personal message, please confirm one detail.',
  gateFields: { postcode: 'Your postcode', birth_year: 'Your year of birth' },
  gateSubmit: 'Continue',
  gateWrong: 'That does not match what we have. Please check and try again.',
  gateLocked: 'Too many tries. Please wait a few minutes and try again.',
  chaptersHeading: 'Chapters',
  hotspotsLabel: 'Actions in the video',
  callMeBack: 'Call me back',
  openInvoice: 'Open the invoice',
  plansHeading: 'Payment plans',
  plansNone: 'For this amount a plan is not offered: a single payment is all it takes.',
  planOption: '{months} monthly payments of {instalment}',
  planSchedule: 'First payment {first}, last {lastAmount} on {last}',
  planPay: 'Pay with this plan',
  paidHeading: 'I already paid',
  paidDate: 'Date of payment',
  paidReference: 'Payment reference (optional)',
  disputeHeading: 'Something is not right',
  disputeReason: 'What is wrong?',
  disputeReasons: { not_mine: 'This is not mine', wrong_amount: 'The amount is wrong', service_issue: 'There was a problem with the service', other: 'Something else' },
  disputeDetails: 'Tell us more (optional)',
  callbackHeading: 'Call me back',
  callbackPhone: 'Phone number',
  callbackDate: 'Preferred day',
  callbackWindow: 'Preferred time',
  callbackWindows: { morning: 'Morning (9–12)', afternoon: 'Afternoon (12–17)', evening: 'Evening (17–20)' },
  send: 'Send',
  sent: 'Thank you: we have received it.',
  sendFailed: 'That did not go through: {reason}',
  surveyQuestion: 'How helpful was this page?',
  surveyLow: 'Not at all',
  surveyHigh: 'Very',
  surveyComment: 'Anything to add? (optional)',
  surveyThanks: 'Thank you for your answer.',
};

const it: InteractiveCopy = {
  loading: 'Apertura del tuo messaggio…',
  noScript: 'Questa pagina richiede JavaScript per mostrare il tuo messaggio personale.',
  gateLead: 'Per aprire il tuo messaggio personale, conferma un dato.',
  gateFields: { postcode: 'Il tuo CAP', birth_year: 'Il tuo anno di nascita' },
  gateSubmit: 'Continua',
  gateWrong: 'Il dato non corrisponde. Controlla e riprova.',
  gateLocked: 'Troppi tentativi. Attendi qualche minuto e riprova.',
  chaptersHeading: 'Capitoli',
  hotspotsLabel: 'Azioni nel video',
  callMeBack: 'Richiamatemi',
  openInvoice: 'Apri la fattura',
  plansHeading: 'Piani di pagamento',
  plansNone: 'Per questo importo non è previsto un piano: basta un solo pagamento.',
  planOption: '{months} rate mensili da {instalment}',
  planSchedule: 'Prima rata il {first}, ultima da {lastAmount} il {last}',
  planPay: 'Paga con questo piano',
  paidHeading: 'Ho già pagato',
  paidDate: 'Data del pagamento',
  paidReference: 'Riferimento del pagamento (facoltativo)',
  disputeHeading: 'Qualcosa non va',
  disputeReason: 'Che cosa non va?',
  disputeReasons: { not_mine: 'Non è mio', wrong_amount: "L'importo è sbagliato", service_issue: 'Ho avuto un problema con il servizio', other: 'Altro' },
  disputeDetails: 'Raccontaci di più (facoltativo)',
  callbackHeading: 'Richiamatemi',
  callbackPhone: 'Numero di telefono',
  callbackDate: 'Giorno preferito',
  callbackWindow: 'Orario preferito',
  callbackWindows: { morning: 'Mattina (9–12)', afternoon: 'Pomeriggio (12–17)', evening: 'Sera (17–20)' },
  send: 'Invia',
  sent: "Grazie: l'abbiamo ricevuto.",
  sendFailed: 'Invio non riuscito: {reason}',
  surveyQuestion: 'Quanto ti è stata utile questa pagina?',
  surveyLow: 'Per niente',
  surveyHigh: 'Molto',
  surveyComment: 'Vuoi aggiungere qualcosa? (facoltativo)',
  surveyThanks: 'Grazie per la tua risposta.',
};

const byLanguage: Record<string, InteractiveCopy> = { it, en };

/** The interactive strings for a locale (by language), English when the language has none yet. */
export function getInteractiveCopy(locale: string): InteractiveCopy {
  return byLanguage[locale.split('-')[0] ?? ''] ?? en;
}
