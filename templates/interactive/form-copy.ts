/**
 * The words of the page's forms beyond their labels: why a value is refused (the same rules as
 * the server's, see response-bodies.ts), why the server refused a send, the required mark, and
 * the thanks after "I already paid" with the quiet way to pay anyway.
 */
export type FormCopy = {
  /** Shown after the label of a field that must be filled in, brackets included. */
  requiredMark: string;
  fieldRequired: string;
  dateInvalid: string;
  paidFuture: string;
  paidTooOld: string;
  callbackPast: string;
  /** May use {days}. */
  callbackTooFar: string;
  phoneInvalid: string;
  /** May use {max}. */
  tooLong: string;
  controlCharacters: string;
  chooseOption: string;
  /** The form's status when fields are marked. */
  checkFields: string;
  rateLimited: string;
  linkUnknown: string;
  sendLater: string;
  refused: string;
  paidThanksHeading: string;
  paidThanks: string;
  payAnyway: string;
  showPlans: string;
};

const en: FormCopy = {
  requiredMark: '(required)',
  fieldRequired: 'Please fill this in.',
  dateInvalid: 'Please enter a valid date.',
  paidFuture: 'The payment date cannot be later than today.',
  paidTooOld: 'This date is more than two years ago. Please check the year.',
  callbackPast: 'Please choose today or a later day.',
  callbackTooFar: 'Please choose a day within the next {days} days.',
  phoneInvalid: 'Please enter a phone number of 6 to 15 digits; it may start with +.',
  tooLong: 'Please shorten this to {max} characters at most.',
  controlCharacters: 'This text contains characters we cannot accept. Please type it again.',
  chooseOption: 'Please choose one of the options.',
  checkFields: 'Please correct the marked fields and send again.',
  rateLimited: 'Too many attempts in a short time. Please wait a minute and send again.',
  linkUnknown:
    'This link is no longer active, so we could not receive this. Please contact us using the details on your bill.',
  sendLater: 'We could not send this just now. Please check your connection and try again in a moment.',
  refused: 'We could not accept this. Please check the form and send again.',
  paidThanksHeading: 'Thank you for telling us',
  paidThanks: 'We will check your payment against our records. You do not need to do anything else for now.',
  payAnyway: 'Pay anyway',
  showPlans: 'See the payment plans',
};

const it: FormCopy = {
  requiredMark: '(obbligatorio)',
  fieldRequired: 'Compila questo campo.',
  dateInvalid: 'Inserisci una data valida.',
  paidFuture: 'La data del pagamento non può essere successiva a oggi.',
  paidTooOld: "Questa data risale a più di due anni fa. Controlla l'anno.",
  callbackPast: 'Scegli oggi o un giorno successivo.',
  callbackTooFar: 'Scegli un giorno entro i prossimi {days} giorni.',
  phoneInvalid: 'Inserisci un numero di telefono da 6 a 15 cifre; può iniziare con +.',
  tooLong: 'Accorcia il testo a {max} caratteri al massimo.',
  controlCharacters: 'Il testo contiene caratteri che non possiamo accettare. Riscrivilo.',
  chooseOption: 'Scegli una delle opzioni.',
  checkFields: 'Correggi i campi segnalati e invia di nuovo.',
  rateLimited: 'Troppi tentativi in poco tempo. Attendi un minuto e invia di nuovo.',
  linkUnknown:
    'Questo link non è più attivo, quindi non abbiamo potuto riceverlo. Contattaci usando i recapiti indicati sulla fattura.',
  sendLater: 'Non è stato possibile inviarlo ora. Controlla la connessione e riprova tra poco.',
  refused: 'Non abbiamo potuto accettarlo. Controlla il modulo e invia di nuovo.',
  paidThanksHeading: 'Grazie per avercelo detto',
  paidThanks: 'Verificheremo il pagamento nei nostri archivi. Per ora non devi fare altro.',
  payAnyway: 'Paga comunque',
  showPlans: 'Vedi i piani di pagamento',
};

const fr: FormCopy = {
  requiredMark: '(obligatoire)',
  fieldRequired: 'Veuillez remplir ce champ.',
  dateInvalid: 'Veuillez saisir une date valide.',
  paidFuture: "La date du paiement ne peut pas être postérieure à aujourd'hui.",
  paidTooOld: "Cette date remonte à plus de deux ans. Vérifiez l'année.",
  callbackPast: "Choisissez aujourd'hui ou un jour suivant.",
  callbackTooFar: 'Choisissez un jour dans les {days} prochains jours.',
  phoneInvalid: 'Saisissez un numéro de téléphone de 6 à 15 chiffres ; il peut commencer par +.',
  tooLong: 'Raccourcissez ce texte à {max} caractères au maximum.',
  controlCharacters: 'Ce texte contient des caractères que nous ne pouvons pas accepter. Veuillez le ressaisir.',
  chooseOption: 'Choisissez une des options.',
  checkFields: 'Corrigez les champs signalés puis envoyez à nouveau.',
  rateLimited: 'Trop de tentatives en peu de temps. Patientez une minute puis envoyez à nouveau.',
  linkUnknown:
    "Ce lien n'est plus actif : nous n'avons pas pu recevoir votre envoi. Contactez-nous avec les coordonnées figurant sur votre facture.",
  sendLater: "L'envoi n'a pas pu se faire pour le moment. Vérifiez votre connexion et réessayez dans un instant.",
  refused: "Nous n'avons pas pu l'accepter. Vérifiez le formulaire puis envoyez à nouveau.",
  paidThanksHeading: 'Merci de nous avoir prévenus',
  paidThanks: "Nous allons vérifier votre paiement dans nos dossiers. Vous n'avez rien d'autre à faire pour le moment.",
  payAnyway: 'Payer quand même',
  showPlans: 'Voir les échéanciers',
};

const zh: FormCopy = {
  requiredMark: '（必填）',
  fieldRequired: '請填寫此欄位。',
  dateInvalid: '請輸入有效的日期。',
  paidFuture: '付款日期不能晚於今天。',
  paidTooOld: '此日期已超過兩年，請確認年份。',
  callbackPast: '請選擇今天或之後的日期。',
  callbackTooFar: '請選擇未來 {days} 天內的日期。',
  phoneInvalid: '請輸入 6 到 15 位數字的電話號碼，可以 + 開頭。',
  tooLong: '請將內容縮短至最多 {max} 個字。',
  controlCharacters: '內容含有無法接受的字元，請重新輸入。',
  chooseOption: '請選擇其中一個選項。',
  checkFields: '請修正標示的欄位後再送出。',
  rateLimited: '短時間內嘗試次數過多，請稍候一分鐘再送出。',
  linkUnknown: '此連結已失效，我們無法收到您的資料。請依帳單上的聯絡方式與我們聯繫。',
  sendLater: '目前無法送出，請檢查網路連線後稍後再試。',
  refused: '我們無法接受此內容，請檢查表單後再送出。',
  paidThanksHeading: '謝謝您告訴我們',
  paidThanks: '我們會核對您的付款紀錄，目前您不需要再做任何事。',
  payAnyway: '仍要付款',
  showPlans: '查看分期方案',
};

const byLanguage: Record<string, FormCopy> = { it, en, fr, zh };

/** The form strings for a locale (by language: it, en, fr, zh), English for any other. */
export function getFormCopy(locale: string): FormCopy {
  return byLanguage[locale.split('-')[0] ?? ''] ?? en;
}
