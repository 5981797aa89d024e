/**
 * Every word the widget shows a customer, in each language it offers. The library speaks to
 * developers (codes such as `renewal-due`, paths such as `subscription.invoiceAmount`); the
 * widget turns those into the customer's words here and nowhere else.
 */
import type { Access, FeeQuote, Phase } from 'subscription-expiry';

export type Language = 'en' | 'de' | 'fr' | 'ja';
export type Channel = 'email' | 'sms' | 'phone';

export interface Messages {
  readonly title: string;
  readonly lede: string;
  readonly amount: string;
  readonly expires: string;
  readonly office: string;
  readonly offices: { readonly 'new-york': string; readonly berlin: string };
  readonly now: string;
  readonly nowHint: string;
  readonly currentTime: string;
  readonly language: string;
  readonly zoneBefore: string;
  /** The business clock's zone as people say it, by IANA id; an id not listed is shown as it is. */
  readonly zones: Readonly<Record<string, string>>;
  readonly zoneMiddle: string;
  readonly zoneAfter: string;
  readonly statusHeading: string;
  readonly phaseLabel: string;
  readonly phases: Readonly<Record<Phase, string>>;
  readonly access: Readonly<Record<Access, string>>;
  readonly daysUntil: string;
  readonly daysSince: string;
  readonly expiry: string;
  readonly next: string;
  readonly nextPhase: (phase: string) => string;
  readonly nothingNext: string;
  readonly feeHeading: string;
  readonly feeKinds: Readonly<Record<FeeQuote['kind'], string>>;
  readonly noFeeYet: string;
  readonly unrecoverable: string;
  readonly reactivationNote: string;
  readonly recoveryNote: string;
  readonly invoiceAmount: string;
  readonly ofInvoice: (rate: string) => string;
  readonly minimum: string;
  readonly minimumApplied: string;
  readonly yes: string;
  readonly no: string;
  readonly cappedAt: string;
  readonly dailyCharge: (days: string, rate: string) => string;
  readonly fee: string;
  readonly total: string;
  readonly feeRises: string;
  readonly feeRisesTo: string;
  readonly feeFrom: string;
  readonly feeStays: string;
  readonly noQuote: string;
  readonly remindersHeading: string;
  readonly channels: Readonly<Record<Channel, string>>;
  readonly onExpiry: string;
  readonly daysBefore: (days: number) => string;
  readonly daysAfter: (days: number) => string;
  readonly none: string;
  readonly errors: {
    readonly amountMissing: string;
    readonly amountFormat: (example: string) => string;
    readonly amountDecimals: (digits: number, example: string) => string;
    readonly amountNegative: string;
    readonly amountTooLarge: string;
    readonly dateMissing: string;
    readonly dateRange: string;
    readonly nowInvalid: string;
    readonly other: string;
  };
}

const plural = (count: number, one: string, other: string) => `${count} ${count === 1 ? one : other}`;

const en: Messages = {
  title: 'What do I owe to reactivate?',
  lede: 'Enter your invoice amount and the date your subscription ends to see its status, what it costs to continue, and the reminders we will send.',
  amount: 'Invoice amount',
  expires: 'Expiration date',
  office: 'Billed from',
  offices: { 'new-york': 'New York (US dollars)', berlin: 'Berlin (euros)' },
  now: 'Now',
  nowHint: '(your clock)',
  currentTime: 'Current time',
  language: 'Language',
  zoneBefore: 'Dates and times below are in',
  zones: { 'America/New_York': 'New York time', 'Europe/Berlin': 'Berlin time' },
  zoneMiddle: ', where it is now',
  zoneAfter: '.',
  statusHeading: 'Your subscription',
  phaseLabel: 'Status',
  phases: {
    active: 'Active',
    'renewal-due': 'Renewal due',
    extended: 'Extended',
    expired: 'Expired',
    deleted: 'Data deleted',
    unrecoverable: 'Closed',
  },
  access: { full: 'full access', 'read-only': 'read only', none: 'no access' },
  daysUntil: 'Days until expiry',
  daysSince: 'Days since expiry',
  expiry: 'Expiry',
  next: 'Next',
  nextPhase: (phase) => `${phase} from`,
  nothingNext: 'Nothing more: please buy a new subscription.',
  feeHeading: 'What it costs',
  feeKinds: { none: 'No fee', reactivation: 'Reactivation fee', recovery: 'Data recovery fee', unrecoverable: 'Not possible' },
  noFeeYet: 'Nothing to pay yet.',
  unrecoverable: 'Your data can no longer be recovered: please buy a new subscription.',
  reactivationNote: 'To reactivate now, you pay:',
  recoveryNote: 'Your data was deleted; to recover it from backup now, you pay:',
  invoiceAmount: 'Invoice amount',
  ofInvoice: (rate) => `${rate} of the invoice`,
  minimum: 'Minimum fee',
  minimumApplied: 'Minimum fee applies',
  yes: 'yes',
  no: 'no',
  cappedAt: 'Capped at',
  dailyCharge: (days, rate) => `${days} days × ${rate}`,
  fee: 'Fee',
  total: 'Total to pay',
  feeRises: 'The fee next rises on',
  feeRisesTo: ', to',
  feeFrom: 'A fee applies from',
  feeStays: 'The fee will not rise again.',
  noQuote: 'No fee can be quoted.',
  remindersHeading: 'Reminders still to come',
  channels: { email: 'email', sms: 'text message', phone: 'phone call' },
  onExpiry: 'on the expiration date',
  daysBefore: (days) => `${plural(days, 'day', 'days')} before`,
  daysAfter: (days) => `${plural(days, 'day', 'days')} after`,
  none: 'None.',
  errors: {
    amountMissing: 'Enter the invoice amount.',
    amountFormat: (example) => `Write the amount in digits, such as ${example}.`,
    amountDecimals: (digits, example) => `Use at most ${digits} decimal places, such as ${example}.`,
    amountNegative: 'The amount cannot be negative.',
    amountTooLarge: 'That amount is too large.',
    dateMissing: 'Pick the expiration date.',
    dateRange: 'Pick a date between the years 1900 and 2999.',
    nowInvalid: 'Enter a date and a time, or press “Current time”.',
    other: 'These details cannot be used. Please check them.',
  },
};

const de: Messages = {
  title: 'Was kostet die Reaktivierung?',
  lede: 'Geben Sie Rechnungsbetrag und Ablaufdatum Ihres Abonnements ein: Sie sehen seinen Status, was die Fortsetzung kostet und welche Erinnerungen wir senden.',
  amount: 'Rechnungsbetrag',
  expires: 'Ablaufdatum',
  office: 'Abgerechnet aus',
  offices: { 'new-york': 'New York (US-Dollar)', berlin: 'Berlin (Euro)' },
  now: 'Jetzt',
  nowHint: '(Ihre Uhr)',
  currentTime: 'Aktuelle Zeit',
  language: 'Sprache',
  zoneBefore: 'Alle Daten und Uhrzeiten in',
  zones: { 'America/New_York': 'New Yorker Zeit', 'Europe/Berlin': 'Berliner Zeit' },
  zoneMiddle: '; dort ist es jetzt',
  zoneAfter: '.',
  statusHeading: 'Ihr Abonnement',
  phaseLabel: 'Status',
  phases: {
    active: 'Aktiv',
    'renewal-due': 'Verlängerung fällig',
    extended: 'Verlängert',
    expired: 'Abgelaufen',
    deleted: 'Daten gelöscht',
    unrecoverable: 'Beendet',
  },
  access: { full: 'voller Zugriff', 'read-only': 'nur lesen', none: 'kein Zugriff' },
  daysUntil: 'Tage bis zum Ablauf',
  daysSince: 'Tage seit Ablauf',
  expiry: 'Ablauf',
  next: 'Danach',
  nextPhase: (phase) => `${phase} ab`,
  nothingNext: 'Nichts mehr: Bitte schließen Sie ein neues Abonnement ab.',
  feeHeading: 'Was es kostet',
  feeKinds: {
    none: 'Keine Gebühr',
    reactivation: 'Reaktivierungsgebühr',
    recovery: 'Gebühr für die Datenwiederherstellung',
    unrecoverable: 'Nicht möglich',
  },
  noFeeYet: 'Noch nichts zu zahlen.',
  unrecoverable: 'Ihre Daten können nicht mehr wiederhergestellt werden: Bitte schließen Sie ein neues Abonnement ab.',
  reactivationNote: 'Für die Reaktivierung zahlen Sie jetzt:',
  recoveryNote: 'Ihre Daten wurden gelöscht; für die Wiederherstellung aus der Sicherung zahlen Sie jetzt:',
  invoiceAmount: 'Rechnungsbetrag',
  ofInvoice: (rate) => `${rate} des Rechnungsbetrags`,
  minimum: 'Mindestgebühr',
  minimumApplied: 'Mindestgebühr gilt',
  yes: 'ja',
  no: 'nein',
  cappedAt: 'Höchstens',
  dailyCharge: (days, rate) => `${days} Tage × ${rate}`,
  fee: 'Gebühr',
  total: 'Zu zahlen',
  feeRises: 'Die Gebühr steigt am',
  feeRisesTo: ' auf',
  feeFrom: 'Eine Gebühr fällt an ab',
  feeStays: 'Die Gebühr steigt nicht weiter.',
  noQuote: 'Es lässt sich keine Gebühr berechnen.',
  remindersHeading: 'Anstehende Erinnerungen',
  channels: { email: 'E-Mail', sms: 'SMS', phone: 'Anruf' },
  onExpiry: 'am Ablaufdatum',
  daysBefore: (days) => `${plural(days, 'Tag', 'Tage')} vorher`,
  daysAfter: (days) => `${plural(days, 'Tag', 'Tage')} danach`,
  none: 'Keine.',
  errors: {
    amountMissing: 'Bitte geben Sie den Rechnungsbetrag ein.',
    amountFormat: (example) => `Bitte geben Sie den Betrag in Ziffern ein, etwa ${example}.`,
    amountDecimals: (digits, example) => `Bitte höchstens ${digits} Nachkommastellen, etwa ${example}.`,
    amountNegative: 'Der Betrag darf nicht negativ sein.',
    amountTooLarge: 'Dieser Betrag ist zu hoch.',
    dateMissing: 'Bitte wählen Sie das Ablaufdatum.',
    dateRange: 'Bitte wählen Sie ein Datum zwischen den Jahren 1900 und 2999.',
    nowInvalid: 'Bitte geben Sie Datum und Uhrzeit ein oder wählen Sie „Aktuelle Zeit“.',
    other: 'Mit diesen Angaben lässt sich nichts berechnen. Bitte prüfen Sie sie.',
  },
};

const fr: Messages = {
  title: 'Combien coûte la réactivation ?',
  lede: 'Saisissez le montant de votre facture et la date de fin de votre abonnement : vous voyez son statut, ce que coûte sa poursuite et les rappels que nous enverrons.',
  amount: 'Montant de la facture',
  expires: 'Date d’expiration',
  office: 'Facturé depuis',
  offices: { 'new-york': 'New York (dollars US)', berlin: 'Berlin (euros)' },
  now: 'Maintenant',
  nowHint: '(votre horloge)',
  currentTime: 'Heure actuelle',
  language: 'Langue',
  zoneBefore: 'Les dates et heures ci-dessous sont à',
  zones: { 'America/New_York': 'l’heure de New York', 'Europe/Berlin': 'l’heure de Berlin' },
  zoneMiddle: ', où il est',
  zoneAfter: '.',
  statusHeading: 'Votre abonnement',
  phaseLabel: 'Statut',
  phases: {
    active: 'Actif',
    'renewal-due': 'Renouvellement à faire',
    extended: 'Prolongé',
    expired: 'Expiré',
    deleted: 'Données supprimées',
    unrecoverable: 'Clôturé',
  },
  access: { full: 'accès complet', 'read-only': 'lecture seule', none: 'aucun accès' },
  daysUntil: 'Jours avant l’expiration',
  daysSince: 'Jours depuis l’expiration',
  expiry: 'Expiration',
  next: 'Ensuite',
  nextPhase: (phase) => `${phase} à partir du`,
  nothingNext: 'Plus rien : veuillez souscrire un nouvel abonnement.',
  feeHeading: 'Ce que cela coûte',
  feeKinds: {
    none: 'Aucuns frais',
    reactivation: 'Frais de réactivation',
    recovery: 'Frais de récupération des données',
    unrecoverable: 'Impossible',
  },
  noFeeYet: 'Rien à payer pour le moment.',
  unrecoverable: 'Vos données ne peuvent plus être récupérées : veuillez souscrire un nouvel abonnement.',
  reactivationNote: 'Pour réactiver maintenant, vous payez :',
  recoveryNote: 'Vos données ont été supprimées ; pour les restaurer maintenant depuis la sauvegarde, vous payez :',
  invoiceAmount: 'Montant de la facture',
  ofInvoice: (rate) => `${rate} de la facture`,
  minimum: 'Frais minimum',
  minimumApplied: 'Frais minimum appliqués',
  yes: 'oui',
  no: 'non',
  cappedAt: 'Plafonné à',
  dailyCharge: (days, rate) => `${days} jours × ${rate}`,
  fee: 'Frais',
  total: 'Total à payer',
  feeRises: 'Les frais augmentent le',
  feeRisesTo: ', à',
  feeFrom: 'Des frais s’appliquent à partir du',
  feeStays: 'Les frais n’augmenteront plus.',
  noQuote: 'Aucuns frais ne peuvent être calculés.',
  remindersHeading: 'Rappels à venir',
  channels: { email: 'e-mail', sms: 'SMS', phone: 'appel' },
  onExpiry: 'le jour de l’expiration',
  daysBefore: (days) => `${plural(days, 'jour', 'jours')} avant`,
  daysAfter: (days) => `${plural(days, 'jour', 'jours')} après`,
  none: 'Aucun.',
  errors: {
    amountMissing: 'Saisissez le montant de la facture.',
    amountFormat: (example) => `Saisissez le montant en chiffres, par exemple ${example}.`,
    amountDecimals: (digits, example) => `Au plus ${digits} décimales, par exemple ${example}.`,
    amountNegative: 'Le montant ne peut pas être négatif.',
    amountTooLarge: 'Ce montant est trop élevé.',
    dateMissing: 'Choisissez la date d’expiration.',
    dateRange: 'Choisissez une date entre les années 1900 et 2999.',
    nowInvalid: 'Saisissez une date et une heure, ou appuyez sur « Heure actuelle ».',
    other: 'Ces informations ne permettent aucun calcul. Veuillez les vérifier.',
  },
};

const ja: Messages = {
  title: '再開にはいくらかかりますか？',
  lede: '請求額とサブスクリプションの有効期限を入力すると、現在の状況、継続にかかる料金、今後お送りするお知らせが表示されます。',
  amount: '請求額',
  expires: '有効期限',
  office: '請求元',
  offices: { 'new-york': 'ニューヨーク（米ドル）', berlin: 'ベルリン（ユーロ）' },
  now: '現在',
  nowHint: '（お使いの時計）',
  currentTime: '現在時刻',
  language: '言語',
  zoneBefore: '以下の日時はすべて',
  zones: { 'America/New_York': 'ニューヨーク時間', 'Europe/Berlin': 'ベルリン時間' },
  zoneMiddle: 'です。現在',
  zoneAfter: '。',
  statusHeading: 'ご契約の状況',
  phaseLabel: '状況',
  phases: {
    active: '有効',
    'renewal-due': '更新時期',
    extended: '延長中',
    expired: '期限切れ',
    deleted: 'データ削除済み',
    unrecoverable: '終了',
  },
  access: { full: 'すべて利用可能', 'read-only': '閲覧のみ', none: '利用不可' },
  daysUntil: '期限までの日数',
  daysSince: '期限切れからの日数',
  expiry: '期限',
  next: '次の段階',
  nextPhase: (phase) => `${phase}：`,
  nothingNext: 'ありません。新しいサブスクリプションをご購入ください。',
  feeHeading: '料金',
  feeKinds: { none: '料金なし', reactivation: '再開料金', recovery: 'データ復旧料金', unrecoverable: '不可' },
  noFeeYet: '現在お支払いはありません。',
  unrecoverable: 'データは復旧できなくなりました。新しいサブスクリプションをご購入ください。',
  reactivationNote: '今すぐ再開する場合のお支払い：',
  recoveryNote: 'データは削除されました。今すぐバックアップから復旧する場合のお支払い：',
  invoiceAmount: '請求額',
  ofInvoice: (rate) => `請求額の${rate}`,
  minimum: '最低料金',
  minimumApplied: '最低料金を適用',
  yes: 'はい',
  no: 'いいえ',
  cappedAt: '上限',
  dailyCharge: (days, rate) => `${days}日 × ${rate}`,
  fee: '料金',
  total: 'お支払い合計',
  feeRises: '次に料金が上がる日時：',
  feeRisesTo: '、金額：',
  feeFrom: '料金の発生：',
  feeStays: 'これ以上料金は上がりません。',
  noQuote: '料金は算出できません。',
  remindersHeading: '今後のお知らせ',
  channels: { email: 'メール', sms: 'SMS', phone: '電話' },
  onExpiry: '有効期限当日',
  daysBefore: (days) => `${days}日前`,
  daysAfter: (days) => `${days}日後`,
  none: 'ありません。',
  errors: {
    amountMissing: '請求額を入力してください。',
    amountFormat: (example) => `${example} のように数字で入力してください。`,
    amountDecimals: (digits, example) => `小数点以下は${digits}桁までです（例：${example}）。`,
    amountNegative: '金額をマイナスにはできません。',
    amountTooLarge: '金額が大きすぎます。',
    dateMissing: '有効期限を選択してください。',
    dateRange: '1900年から2999年までの日付を選択してください。',
    nowInvalid: '日時を入力するか、「現在時刻」を押してください。',
    other: 'この内容では計算できません。ご確認ください。',
  },
};

const CATALOG: Readonly<Record<Language, Messages>> = { en, de, fr, ja };

/** The words for a locale such as `de-DE`: its language, or English. */
export function messagesFor(locale: string): Messages {
  const language = locale.split('-')[0] as Language;
  return CATALOG[language] ?? en;
}

/** A channel's name for customers; a channel the widget does not know keeps its own name. */
export function channelName(messages: Messages, channel: string): string {
  return channel in messages.channels ? messages.channels[channel as Channel] : channel;
}
