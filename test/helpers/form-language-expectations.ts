// What a person reads on each page, written out here (not read from the copy module), so a missing
// or wrong translation fails.
export const locales = [
  {
    locale: 'it-IT',
    recordId: 'CUST-1001',
    phone: '+393331234567',
    required: '(obbligatorio)',
    phoneInvalid: 'Inserisci un numero di telefono da 6 a 15 cifre; può iniziare con +.',
    fieldRequired: 'Compila questo campo.',
    paidFuture: 'La data del pagamento non può essere successiva a oggi.',
    checkFields: 'Correggi i campi segnalati e invia di nuovo.',
    sent: "Grazie: l'abbiamo ricevuto.",
    thanks: 'Grazie per avercelo detto',
    payAnyway: 'Paga comunque',
    rateLimited: 'Troppi tentativi in poco tempo. Attendi un minuto e invia di nuovo.',
  },
  {
    locale: 'en-GB',
    recordId: 'CUST-1002',
    phone: '',
    required: '(required)',
    phoneInvalid: 'Please enter a phone number of 6 to 15 digits; it may start with +.',
    fieldRequired: 'Please fill this in.',
    paidFuture: 'The payment date cannot be later than today.',
    checkFields: 'Please correct the marked fields and send again.',
    sent: 'Thank you: we have received it.',
    thanks: 'Thank you for telling us',
    payAnyway: 'Pay anyway',
    rateLimited: 'Too many attempts in a short time. Please wait a minute and send again.',
  },
  {
    locale: 'fr-FR',
    recordId: 'CUST-1006',
    phone: '+33612345678',
    required: '(obligatoire)',
    phoneInvalid: 'Saisissez un numéro de téléphone de 6 à 15 chiffres ; il peut commencer par +.',
    fieldRequired: 'Veuillez remplir ce champ.',
    paidFuture: "La date du paiement ne peut pas être postérieure à aujourd'hui.",
    checkFields: 'Corrigez les champs signalés puis envoyez à nouveau.',
    sent: "Merci : c'est bien reçu.",
    thanks: 'Merci de nous avoir prévenus',
    payAnyway: 'Payer quand même',
    rateLimited: 'Trop de tentatives en peu de temps. Patientez une minute puis envoyez à nouveau.',
  },
  {
    locale: 'zh-TW',
    recordId: 'CUST-1007',
    phone: '+886912345678',
    required: '（必填）',
    phoneInvalid: '請輸入 6 到 15 位數字的電話號碼，可以 + 開頭。',
    fieldRequired: '請填寫此欄位。',
    paidFuture: '付款日期不能晚於今天。',
    checkFields: '請修正標示的欄位後再送出。',
    sent: '謝謝，我們已收到。',
    thanks: '謝謝您告訴我們',
    payAnyway: '仍要付款',
    rateLimited: '短時間內嘗試次數過多，請稍候一分鐘再送出。',
  },
] as const;

/** The server's own wording, meant for developers: a debtor never reads it. */
export const developerText =
  /is not valid|must be|is in the future|not a phone number|paidOn|preferredDate|preferredWindow|Too Many Requests/;
