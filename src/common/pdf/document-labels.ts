/** The languages a client's documents (invoices, receipts, statements) are labelled in. */
export enum DocumentLanguage {
  English = 'en',
  Hindi = 'hi',
  Bengali = 'bn',
}

export const DOCUMENT_LANGUAGES = Object.values(DocumentLanguage);

/** The fixed words of the documents; the figures and names they frame are data. */
export interface DocumentLabels {
  taxInvoice: string;
  draftNotTaxInvoice: string;
  draftInvoice: string;
  draftMark: string;
  voidMark: string;
  voidBanner: (reason: string | null) => string;
  paidOn: (date: string, reference: string | null) => string;
  invoiceNo: string;
  issueDate: string;
  billingPeriod: string;
  billTo: string;
  taxId: string;
  amountsIn: (currency: string) => string;
  columns: {
    lot: string;
    description: string;
    quantity: string;
    days: string;
    rate: string;
    amount: string;
  };
  noCharges: string;
  subtotal: string;
  tax: string;
  totalTax: string;
  taxLine: (ratePercent: string, exempt: boolean, base: string) => string;
  total: (currency: string) => string;
  continued: string;
  page: (page: number, pages: number) => string;
  receipt: string;
  receiptNo: string;
  date: string;
  receivedFrom: string;
  season: string;
  reference: string;
  amountReceived: string;
  bagsReleased: string;
  bags: string;
  noBagsReleased: string;
  seasonStatement: string;
  client: string;
  seasonRent: string;
  extensionRent: string;
  bookingCredit: string;
  charged: string;
  payments: string;
  noPayments: string;
  paid: string;
  balance: string;
  seasonAccount: (season: string) => string;
  billedToDate: string;
}

const ENGLISH: DocumentLabels = {
  taxInvoice: 'Tax invoice',
  draftNotTaxInvoice: 'DRAFT — not a tax invoice',
  draftInvoice: 'Draft invoice',
  draftMark: 'DRAFT',
  voidMark: 'VOID',
  voidBanner: (reason) =>
    `VOID — this invoice has been cancelled.${reason ? ` Reason: ${reason}` : ''}`,
  paidOn: (date, reference) => `PAID on ${date}${reference ? `, ref ${reference}` : ''}`,
  invoiceNo: 'Invoice no.',
  issueDate: 'Issue date',
  billingPeriod: 'Billing period',
  billTo: 'Bill to',
  taxId: 'Tax ID',
  amountsIn: (currency) => `Amounts in ${currency}`,
  columns: {
    lot: 'Lot',
    description: 'Description',
    quantity: 'Quantity',
    days: 'Days',
    rate: 'Rate',
    amount: 'Amount',
  },
  noCharges: 'No charges in this period.',
  subtotal: 'Subtotal',
  tax: 'Tax',
  totalTax: 'Total tax',
  taxLine: (rate, exempt, base) => `Tax ${rate}%${exempt ? ' (exempt)' : ''} on ${base}`,
  total: (currency) => `Total ${currency}`,
  continued: '(continued)',
  page: (page, pages) => `Page ${page} of ${pages}`,
  receipt: 'Payment receipt',
  receiptNo: 'Receipt no.',
  date: 'Date',
  receivedFrom: 'Received from',
  season: 'Season',
  reference: 'Reference',
  amountReceived: 'Amount received',
  bagsReleased: 'Bags released',
  bags: 'Bags',
  noBagsReleased: 'No bags released by this payment.',
  seasonStatement: 'Season statement',
  client: 'Client',
  seasonRent: 'Season rent',
  extensionRent: 'Extension rent',
  bookingCredit: 'Booking credit',
  charged: 'Charged',
  payments: 'Payments',
  noPayments: 'No payments yet.',
  paid: 'Paid',
  balance: 'Balance due',
  seasonAccount: (season) => `Season account: ${season}`,
  billedToDate: 'Billed to date, with tax',
};

const HINDI: DocumentLabels = {
  taxInvoice: 'कर बीजक',
  draftNotTaxInvoice: 'प्रारूप — कर बीजक नहीं',
  draftInvoice: 'प्रारूप बीजक',
  draftMark: 'प्रारूप',
  voidMark: 'रद्द',
  voidBanner: (reason) => `रद्द — यह बीजक रद्द कर दिया गया है।${reason ? ` कारण: ${reason}` : ''}`,
  paidOn: (date, reference) => `भुगतान ${date}${reference ? `, संदर्भ ${reference}` : ''}`,
  invoiceNo: 'बीजक सं.',
  issueDate: 'जारी करने की तिथि',
  billingPeriod: 'बिलिंग अवधि',
  billTo: 'प्राप्तकर्ता',
  taxId: 'कर पहचान सं.',
  amountsIn: (currency) => `राशि ${currency} में`,
  columns: {
    lot: 'लॉट',
    description: 'विवरण',
    quantity: 'मात्रा',
    days: 'दिन',
    rate: 'दर',
    amount: 'राशि',
  },
  noCharges: 'इस अवधि में कोई शुल्क नहीं।',
  subtotal: 'उप-योग',
  tax: 'कर',
  totalTax: 'कुल कर',
  taxLine: (rate, exempt, base) => `${base} पर कर ${rate}%${exempt ? ' (छूट)' : ''}`,
  total: (currency) => `कुल ${currency}`,
  continued: '(जारी)',
  page: (page, pages) => `पृष्ठ ${page} / ${pages}`,
  receipt: 'भुगतान रसीद',
  receiptNo: 'रसीद सं.',
  date: 'दिनांक',
  receivedFrom: 'किससे प्राप्त',
  season: 'सीज़न',
  reference: 'संदर्भ',
  amountReceived: 'प्राप्त राशि',
  bagsReleased: 'छोड़े गए बोरे',
  bags: 'बोरे',
  noBagsReleased: 'इस भुगतान से कोई बोरा नहीं छोड़ा गया।',
  seasonStatement: 'सीज़न विवरण',
  client: 'ग्राहक',
  seasonRent: 'सीज़न किराया',
  extensionRent: 'विस्तार किराया',
  bookingCredit: 'बुकिंग जमा',
  charged: 'प्रभारित',
  payments: 'भुगतान',
  noPayments: 'अभी कोई भुगतान नहीं।',
  paid: 'भुगतान किया',
  balance: 'शेष देय',
  seasonAccount: (season) => `सीज़न खाता: ${season}`,
  billedToDate: 'अब तक का बिल, कर सहित',
};

const BENGALI: DocumentLabels = {
  taxInvoice: 'কর চালান',
  draftNotTaxInvoice: 'খসড়া — কর চালান নয়',
  draftInvoice: 'খসড়া চালান',
  draftMark: 'খসড়া',
  voidMark: 'বাতিল',
  voidBanner: (reason) => `বাতিল — এই চালানটি বাতিল করা হয়েছে।${reason ? ` কারণ: ${reason}` : ''}`,
  paidOn: (date, reference) => `পরিশোধিত ${date}${reference ? `, সূত্র ${reference}` : ''}`,
  invoiceNo: 'চালান নং',
  issueDate: 'প্রদানের তারিখ',
  billingPeriod: 'বিলিং সময়কাল',
  billTo: 'প্রাপক',
  taxId: 'কর শনাক্তকরণ নং',
  amountsIn: (currency) => `পরিমাণ ${currency}-এ`,
  columns: {
    lot: 'লট',
    description: 'বিবরণ',
    quantity: 'পরিমাণ',
    days: 'দিন',
    rate: 'হার',
    amount: 'মূল্য',
  },
  noCharges: 'এই সময়কালে কোনো চার্জ নেই।',
  subtotal: 'উপমোট',
  tax: 'কর',
  totalTax: 'মোট কর',
  taxLine: (rate, exempt, base) => `${base}-এর উপর কর ${rate}%${exempt ? ' (অব্যাহতি)' : ''}`,
  total: (currency) => `মোট ${currency}`,
  continued: '(চলমান)',
  page: (page, pages) => `পৃষ্ঠা ${page} / ${pages}`,
  receipt: 'অর্থপ্রাপ্তির রসিদ',
  receiptNo: 'রসিদ নং',
  date: 'তারিখ',
  receivedFrom: 'প্রাপ্ত হয়েছে',
  season: 'মরসুম',
  reference: 'সূত্র',
  amountReceived: 'প্রাপ্ত অর্থ',
  bagsReleased: 'ছাড়া বস্তা',
  bags: 'বস্তা',
  noBagsReleased: 'এই অর্থপ্রদানে কোনো বস্তা ছাড়া হয়নি।',
  seasonStatement: 'মরসুমের বিবরণী',
  client: 'গ্রাহক',
  seasonRent: 'মরসুমের ভাড়া',
  extensionRent: 'বর্ধিত ভাড়া',
  bookingCredit: 'বুকিং জমা',
  charged: 'ধার্য',
  payments: 'অর্থপ্রদান',
  noPayments: 'এখনও কোনো অর্থপ্রদান নেই।',
  paid: 'পরিশোধিত',
  balance: 'বকেয়া',
  seasonAccount: (season) => `মরসুমের হিসাব: ${season}`,
  billedToDate: 'এ পর্যন্ত বিল, কর সহ',
};

const LABELS: Record<DocumentLanguage, DocumentLabels> = {
  [DocumentLanguage.English]: ENGLISH,
  [DocumentLanguage.Hindi]: HINDI,
  [DocumentLanguage.Bengali]: BENGALI,
};

export function documentLabels(language: DocumentLanguage): DocumentLabels {
  return LABELS[language];
}

/**
 * An amount as the language's readers group it: Hindi and Bengali documents group Indian style
 * (12,34,567.89: thousands, then lakhs and crores); English ones print it as given.
 */
export function groupAmount(amount: string, language: DocumentLanguage): string {
  if (language === DocumentLanguage.English) return amount;
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(amount);
  if (!match) return amount;
  const [, sign, whole, fraction = ''] = match;
  if (whole.length <= 3) return amount;
  const head = whole.slice(0, -3).replace(/\B(?=(\d{2})+$)/g, ',');
  return `${sign}${head},${whole.slice(-3)}${fraction}`;
}
