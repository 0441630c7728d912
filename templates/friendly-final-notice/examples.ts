/** Example records of `friendly-final-notice`, as a CRM export would hold them: long names, large amounts, four languages, both tones. */
export const friendlyFinalNoticeExamples: readonly Record<string, string>[] = [
  { id: 'FIN-3001', name: 'Oliver Bennett', amount: '1,250.00', currency: 'GBP', due_date: '2027-02-28', invoice: 'INV-2027-0243', locale: 'en-GB', tone: 'neutral', email: 'oliver.bennett@example.co.uk', phone: '' },
  { id: 'FIN-3002', name: 'Maria Concetta Esposito-Buonaccorsi', amount: '1000000', currency: 'EUR', due_date: '15/03/2027', invoice: 'FT-2027-0242', locale: 'it-IT', tone: 'empathetic', email: 'maria.esposito@example.com', phone: '+39 333 123 4567' },
  { id: 'FIN-3003', name: 'Jean-Baptiste Delacroix-Vasseur de Saint-Exupéry', amount: '2 480,75', currency: 'EUR', due_date: '31.03.2027', invoice: 'FA-2027-0244', locale: 'fr-FR', tone: 'neutral', email: '', phone: '' },
  { id: 'FIN-3004', name: '林志明', amount: '125000', currency: 'TWD', due_date: '2027-04-15', invoice: 'INV-2027-0245', locale: 'zh-TW', tone: 'empathetic', email: '', phone: '+886 912 345 678' },
];
