// @ts-check
// CommonJS on purpose: Node 22.18+ would load a jest.config.ts natively as an ES module (no
// __dirname there), while Node 20 needs a loader for it; plain CommonJS loads the same everywhere.
'use strict';
const { existsSync, readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

/**
 * NestJS 12 and several of its dependencies ship as ES modules only. Node loads them through
 * require(esm), but Jest's module registry cannot without --experimental-vm-modules, so exactly
 * those packages are compiled to CommonJS for the test run (on every Node version we support).
 * The list is read from node_modules, so it follows dependency updates by itself.
 *
 * @param {string} [dir]
 * @param {Set<string>} [found]
 * @returns {Set<string>}
 */
function esmPackages(dir = 'node_modules', found = new Set()) {
  if (!existsSync(dir)) return found;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.name.startsWith('@')) {
      esmPackages(path, found);
      continue;
    }
    try {
      /** @type {{ name?: string, type?: string }} */
      const pkg = JSON.parse(readFileSync(join(path, 'package.json'), 'utf8'));
      if (pkg.type === 'module' && pkg.name) found.add(pkg.name);
    } catch {
      // not a package
    }
    esmPackages(join(path, 'node_modules'), found);
  }
  return found;
}

/** @param {string} name */
const escapeRegExp = (name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const esm = [...esmPackages()].map(escapeRegExp).join('|');

/** @satisfies {import('jest').Config} */
const shared = {
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  rootDir: '.',
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
    '^.+\\.m?js$': [
      'babel-jest',
      {
        babelrc: false,
        configFile: false,
        sourceType: 'unambiguous',
        plugins: [
          join(__dirname, 'test', 'helpers', 'babel-plugin-esm-require.js'),
          'babel-plugin-transform-import-meta',
          '@babel/plugin-transform-dynamic-import',
          '@babel/plugin-transform-modules-commonjs',
        ],
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esm})/)`],
  moduleNameMapper: { '^src/(.*)$': '<rootDir>/src/$1' },
};

/** @type {import('jest').Config} */
const config = {
  // Global options (Jest ignores them inside projects). The e2e specs mostly wait on
  // PostgreSQL, so more workers than cores shortens the run; each spec file has its own database.
  testTimeout: 30_000,
  maxWorkers: 3,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/src/**/*.spec.ts'],
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/helpers/global-setup.ts',
      globalTeardown: '<rootDir>/test/helpers/global-teardown.ts',
      // Every supertest answer is checked against the OpenAPI document.
      setupFilesAfterEnv: ['<rootDir>/test/helpers/openapi-contract.setup.ts'],
    },
  ],
};

module.exports = config;
