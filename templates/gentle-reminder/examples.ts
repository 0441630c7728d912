/** Example records of `gentle-reminder`, as a CRM export would hold them: the Studio's props and the demo campaign. */
export const gentleReminderExamples: readonly Record<string, string>[] = [
  { id: 'CUST-1001', name: 'Maria Concetta Esposito-Buonaccorsi', amount: '1.234,50', currency: 'EUR', due_date: '15/03/2027', invoice: 'FT-2027-0042', locale: 'it-IT', email: 'maria.esposito@example.com', phone: '+39 333 123 4567' },
  { id: 'CUST-1002', name: 'Oliver Bennett', amount: '89.90', currency: 'GBP', due_date: '2027-02-28', invoice: 'INV-2027-0043', locale: 'en-GB', email: 'oliver.bennett@example.co.uk', phone: '' },
  { id: 'CUST-1003', name: 'Niccolò Fabbrì', amount: '1000000', currency: 'EUR', due_date: '2027-04-30', invoice: 'FT-2027-0044', locale: 'it-IT', email: '', phone: '+39 347 765 4321' },
  { id: 'CUST-1004', name: '陳美玲', amount: '250', currency: 'EUR', due_date: '2027-03-01', invoice: 'INV-2027-0045', locale: 'en-GB', email: 'meiling.chen@example.com', phone: '' },
  { id: 'CUST-1005', name: 'Jean-Luc Dubois', amount: '75,00', currency: 'CHF', due_date: '31.03.2027', invoice: 'FT-2027-0046', locale: 'it-IT', email: '', phone: '' },
  { id: 'CUST-1006', name: 'Amélie Lefèvre-Giraud', amount: '1 480,00', currency: 'EUR', due_date: '2027-05-15', invoice: 'FA-2027-0047', locale: 'fr-FR', email: 'amelie.lefevre@example.fr', phone: '+33 6 12 34 56 78' },
  { id: 'CUST-1007', name: '林志明', amount: '12500', currency: 'TWD', due_date: '2027-04-10', invoice: 'TW-2027-0048', locale: 'zh-TW', email: 'chihming.lin@example.com.tw', phone: '+886 912 345 678' },
];
