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
  disputeReasons: {
    not_mine: 'This is not mine',
    wrong_amount: 'The amount is wrong',
    service_issue: 'There was a problem with the service',
    other: 'Something else',
  },
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
  disputeReasons: {
    not_mine: 'Non è mio',
    wrong_amount: "L'importo è sbagliato",
    service_issue: 'Ho avuto un problema con il servizio',
    other: 'Altro',
  },
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

const fr: InteractiveCopy = {
  loading: 'Ouverture de votre message…',
  noScript: 'Cette page a besoin de JavaScript pour afficher votre message personnel.',
  gateLead: 'Pour ouvrir votre message personnel, merci de confirmer une information.',
  gateFields: { postcode: 'Votre code postal', birth_year: 'Votre année de naissance' },
  gateSubmit: 'Continuer',
  gateWrong: 'Cela ne correspond pas à nos informations. Vérifiez et réessayez.',
  gateLocked: 'Trop de tentatives. Patientez quelques minutes avant de réessayer.',
  chaptersHeading: 'Chapitres',
  hotspotsLabel: 'Actions dans la vidéo',
  callMeBack: 'Rappelez-moi',
  openInvoice: 'Ouvrir la facture',
  plansHeading: 'Échéanciers de paiement',
  plansNone: "Pour ce montant, aucun échéancier n'est proposé : un seul paiement suffit.",
  planOption: '{months} mensualités de {instalment}',
  planSchedule: 'Premier paiement le {first}, dernier de {lastAmount} le {last}',
  planPay: 'Payer avec cet échéancier',
  paidHeading: "J'ai déjà payé",
  paidDate: 'Date du paiement',
  paidReference: 'Référence du paiement (facultatif)',
  disputeHeading: 'Quelque chose ne va pas',
  disputeReason: "Qu'est-ce qui ne va pas ?",
  disputeReasons: {
    not_mine: "Ce n'est pas à moi",
    wrong_amount: 'Le montant est erroné',
    service_issue: "J'ai eu un problème avec le service",
    other: 'Autre chose',
  },
  disputeDetails: 'Dites-nous en plus (facultatif)',
  callbackHeading: 'Rappelez-moi',
  callbackPhone: 'Numéro de téléphone',
  callbackDate: 'Jour souhaité',
  callbackWindow: 'Moment souhaité',
  callbackWindows: { morning: 'Matin (9 h–12 h)', afternoon: 'Après-midi (12 h–17 h)', evening: 'Soir (17 h–20 h)' },
  send: 'Envoyer',
  sent: "Merci : c'est bien reçu.",
  sendFailed: "L'envoi n'a pas abouti : {reason}",
  surveyQuestion: 'Cette page vous a-t-elle été utile ?',
  surveyLow: 'Pas du tout',
  surveyHigh: 'Beaucoup',
  surveyComment: 'Autre chose à ajouter ? (facultatif)',
  surveyThanks: 'Merci pour votre réponse.',
};

const zh: InteractiveCopy = {
  loading: '正在開啟您的訊息…',
  noScript: '此頁面需要 JavaScript 才能顯示您的個人訊息。',
  gateLead: '開啟您的個人訊息前，請先確認一項資料。',
  gateFields: { postcode: '您的郵遞區號', birth_year: '您的出生年份' },
  gateSubmit: '繼續',
  gateWrong: '與我們的資料不符，請確認後再試一次。',
  gateLocked: '嘗試次數過多，請稍候幾分鐘再試。',
  chaptersHeading: '章節',
  hotspotsLabel: '影片中的操作',
  callMeBack: '請回電給我',
  openInvoice: '開啟帳單',
  plansHeading: '分期付款方案',
  plansNone: '此金額不提供分期方案，一次付清即可。',
  planOption: '分 {months} 期，每期 {instalment}',
  planSchedule: '首期 {first}，末期 {lastAmount} 於 {last}',
  planPay: '選擇此方案付款',
  paidHeading: '我已經付款',
  paidDate: '付款日期',
  paidReference: '付款參考編號（選填）',
  disputeHeading: '內容有誤',
  disputeReason: '哪裡有問題？',
  disputeReasons: {
    not_mine: '這不是我的帳款',
    wrong_amount: '金額有誤',
    service_issue: '服務出了問題',
    other: '其他',
  },
  disputeDetails: '請告訴我們更多（選填）',
  callbackHeading: '請回電給我',
  callbackPhone: '電話號碼',
  callbackDate: '希望的日期',
  callbackWindow: '希望的時段',
  callbackWindows: { morning: '上午（9–12 點）', afternoon: '下午（12–17 點）', evening: '晚上（17–20 點）' },
  send: '送出',
  sent: '謝謝，我們已收到。',
  sendFailed: '送出失敗：{reason}',
  surveyQuestion: '這個頁面對您有幫助嗎？',
  surveyLow: '完全沒有',
  surveyHigh: '非常有',
  surveyComment: '還有其他想說的嗎？（選填）',
  surveyThanks: '謝謝您的回覆。',
};

const byLanguage: Record<string, InteractiveCopy> = { it, en, fr, zh };

/** The interactive strings for a locale (by language: it, en, fr, zh), English for any other. */
export function getInteractiveCopy(locale: string): InteractiveCopy {
  return byLanguage[locale.split('-')[0] ?? ''] ?? en;
}
