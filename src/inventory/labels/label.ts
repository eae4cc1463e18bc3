/** What one label shows: the code (in both symbols and in large print) and a few facts under it. */
export interface Label {
  code: string;
  facts: LabelFact[];
}

export interface LabelFact {
  name: string;
  value: string;
}

/** A4 sheets of 2 × 5 labels for office printers, or 100 × 150 mm thermal labels, one a page. */
export enum LabelFormat {
  A4 = 'a4',
  Thermal = 'thermal',
}
