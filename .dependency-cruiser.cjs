// The direction of module dependencies (docs/architecture.md#dependency-directions), checked by
// `npm run lint:deps`. Every rule is an error: lint, and so CI, fails on any violation.
/** Infrastructure every folder may import; anything else under src/ is a domain. */
const BASE = 'common|config|database|performance';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-module-cycles',
      severity: 'error',
      comment:
        'A module must not import, directly or through others, a module that imports it. A ' +
        'cycle closed by a type-only import is left alone: it is gone once compiled (an entity ' +
        'naming its inverse relation by string, as invoice lines do).',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-folder-cycles',
      severity: 'error',
      comment:
        'Folders of src/ depend on each other one way: a folder reached from another must not ' +
        'reach it back.',
      scope: 'folder',
      from: { path: '^src/[^/]+' },
      to: { path: '^src/[^/]+', circular: true },
    },
    {
      name: 'base-imports-no-domain',
      severity: 'error',
      comment: 'common, config and database are infrastructure: they import no domain folder.',
      from: { path: '^src/(common|config|database)/' },
      to: { path: '^src/', pathNot: `^src/(${BASE})/` },
    },
    {
      name: 'inventory-imports-no-billing',
      severity: 'error',
      comment: 'Stock never depends on money: billing may use inventory, not the other way.',
      from: { path: '^src/inventory/' },
      to: { path: '^src/billing/' },
    },
    {
      name: 'only-entry-points-import-cold-chain',
      comment:
        'The cold chain uses inventory and warehouses, never the reverse: only the entry points and demo-data import it.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(cold-chain|demo-data|openapi)/|^src/[^/]+[.]ts$' },
      to: { path: '^src/cold-chain/' },
    },
    {
      name: 'only-entry-points-import-traceability',
      comment:
        'Traceability uses inventory and warehouses, never the reverse: only the entry points and demo-data import it.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(traceability|demo-data|openapi)/|^src/[^/]+[.]ts$' },
      to: { path: '^src/traceability/' },
    },
    {
      name: 'warehouses-import-no-inventory',
      severity: 'error',
      comment: 'Warehouses and chambers know nothing of the stock kept in them.',
      from: { path: '^src/warehouses/' },
      to: { path: '^src/inventory/' },
    },
    {
      name: 'mail-and-audit-import-no-domain',
      severity: 'error',
      comment: 'mail and audit serve every domain, so they import none.',
      from: { path: '^src/(mail|audit)/' },
      to: { path: '^src/', pathNot: `^src/(${BASE}|$1)/` },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a cycle through types is still a cycle between folders.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Folder-scoped rules read the folder metrics.
    metrics: true,
  },
};
