/** What a delivery kit says per locale: the SMS (best first; `{brand}` and `{url}` only) and the e-mail snippet's words. */
export type DeliveryCopy = {
  /** GSM-7 for Latin scripts (160 characters per SMS); UCS-2 for Chinese (70 characters per SMS). */
  charset: 'GSM-7' | 'UCS-2';
  sms: readonly string[];
  /** The e-mail button. */
  watch: string;
  /** The thumbnail's alt text: no personal data. */
  alt: string;
  optOut: string;
};

/**
 * The delivery copy of the product's four languages. No string holds an amount, a name or any
 * other record value: an SMS shows on a locked screen.
 */
export const deliveryCopy: Readonly<Record<string, DeliveryCopy>> = {
  'it-IT': {
    charset: 'GSM-7',
    sms: ["{brand}: c'è un messaggio video per te. Guardalo qui: {url}", 'Un messaggio video per te: {url}'],
    watch: 'Guarda il tuo video',
    alt: 'Video personale: tocca per guardarlo',
    optOut: 'Non desidero più ricevere questi messaggi',
  },
  'en-GB': {
    charset: 'GSM-7',
    sms: ['{brand}: there is a video message for you. Watch it here: {url}', 'A video message for you: {url}'],
    watch: 'Watch your video',
    alt: 'Personal video: tap to watch',
    optOut: 'I no longer wish to receive these messages',
  },
  'fr-FR': {
    charset: 'GSM-7',
    sms: ['{brand} : un message vidéo vous attend. À regarder ici : {url}', 'Un message vidéo pour vous : {url}'],
    watch: 'Regarder votre vidéo',
    alt: 'Vidéo personnelle : touchez pour la regarder',
    optOut: 'Je ne souhaite plus recevoir ces messages',
  },
  'zh-TW': {
    charset: 'UCS-2',
    sms: ['{brand}：您有一則影片訊息，請點此觀看：{url}', '您的影片訊息：{url}'],
    watch: '觀看您的影片',
    alt: '個人影片：點擊觀看',
    optOut: '我不想再收到這些訊息',
  },
};
