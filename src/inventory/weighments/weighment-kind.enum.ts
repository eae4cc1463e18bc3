/** What a weighment weighed: a receipt's truck, a dispatch's truck, or a sample of a lot's bags. */
export enum WeighmentKind {
  Inward = 'INWARD',
  Dispatch = 'DISPATCH',
  Sample = 'SAMPLE',
}
