/** The house style of the PDFs (invoices, certificates): fonts, colours and page margins. */
export const PDF_FONT = 'Helvetica';
export const PDF_BOLD = 'Helvetica-Bold';
export const PDF_INK = '#1f2933';
export const PDF_MUTED = '#52606d';
export const PDF_RULE = '#cbd2d9';
export const PDF_MARGIN = { top: 50, bottom: 60, left: 45, right: 45 };
