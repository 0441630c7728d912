/** Example records of `instalment-offer`, as a CRM export would hold them: the Studio's props and tests. Long names, large amounts, four languages, both tones. */
export const instalmentOfferExamples: readonly Record<string, string>[] = [
  { id: 'PLAN-2001', name: 'Maria Concetta Esposito-Buonaccorsi', amount: '1.234,50', currency: 'EUR', due_date: '15/03/2027', invoice: 'FT-2027-0142', locale: 'it-IT', tone: 'empathetic', email: 'maria.esposito@example.com', phone: '+39 333 123 4567' },
  { id: 'PLAN-2002', name: 'Oliver Bennett', amount: '89.90', currency: 'GBP', due_date: '2027-02-28', invoice: 'INV-2027-0143', locale: 'en-GB', tone: 'neutral', email: 'oliver.bennett@example.co.uk', phone: '' },
  { id: 'PLAN-2003', name: 'Anne-Sophie de La Rochefoucauld-Montmorency', amount: '9 999 999,99', currency: 'EUR', due_date: '30.04.2027', invoice: 'FA-2027-0144', locale: 'fr-FR', tone: 'empathetic', email: '', phone: '+33 6 12 34 56 78' },
  { id: 'PLAN-2004', name: '陳美玲', amount: '48000', currency: 'TWD', due_date: '2027-03-01', invoice: 'INV-2027-0145', locale: 'zh-TW', tone: 'neutral', email: 'meiling.chen@example.com', phone: '' },
];
