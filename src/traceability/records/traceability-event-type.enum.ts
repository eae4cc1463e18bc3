/** The Critical Tracking Events a cold store records (21 CFR 1.1340, 1.1345, 1.1350). */
export { TraceabilityEventTypeName as TraceabilityEventType } from 'src/inventory/ledger/dto/traceability-kdes.dto';

export { TransformationRoleName as TransformationRole } from 'src/inventory/ledger/dto/traceability-kdes.dto';

export enum TransformationKind {
  Repack = 'REPACK',
  Relabel = 'RELABEL',
  Commingle = 'COMMINGLE',
}
