import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from 'jest';

/**
 * NestJS 12 and several of its dependencies ship as ES modules only. Node 20 loads them through
 * require(esm), but Jest's module registry cannot (before Node 24.9), so exactly those packages
 * are compiled to CommonJS for the test run. The list is read from node_modules, so it follows
 * dependency updates by itself.
 */
function esmPackages(dir = 'node_modules', found = new Set<string>()): Set<string> {
  if (!existsSync(dir)) return found;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.name.startsWith('@')) {
      esmPackages(path, found);
      continue;
    }
    try {
      const pkg = JSON.parse(readFileSync(join(path, 'package.json'), 'utf8')) as {
        name?: string;
        type?: string;
      };
      if (pkg.type === 'module' && pkg.name) found.add(pkg.name);
    } catch {
      // not a package
    }
    esmPackages(join(path, 'node_modules'), found);
  }
  return found;
}

const escape = (name: string): string => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const esm = [...esmPackages()].map(escape).join('|');

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
} satisfies Config;

const config: Config = {
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
    },
  ],
};

export default config;
