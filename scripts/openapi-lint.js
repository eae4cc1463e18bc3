#!/usr/bin/env node
// Lints the OpenAPI document the API serves, as integrators' tools read it: Redocly's
// recommended rules and Spectral's spectral:oas, with no error and no warning allowed. Also
// fails when the committed openapi.json is not that document, or the example client's types
// (examples/typed-client/api.d.ts) are not generated from it (regenerate both: npm run openapi).
'use strict';
const { execFileSync, spawnSync } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const root = join(__dirname, '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const dir = mkdtempSync(join(tmpdir(), 'coldstore-openapi-'));
const served = join(dir, 'openapi.json');
let failed = false;

try {
  execFileSync(process.execPath, [join(__dirname, 'ensure-build.js')], { stdio: 'inherit' });
  execFileSync(process.execPath, [join(root, 'dist', 'cli.js'), 'openapi', '--out', served], {
    stdio: 'inherit',
  });
  if (readFileSync(served, 'utf8') !== readFileSync(join(root, 'openapi.json'), 'utf8')) {
    process.stderr.write(
      'openapi.json is stale: it is not the document the API serves. Run: npm run openapi\n',
    );
    failed = true;
  }
  const types = join(dir, 'api.d.ts');
  const committedTypes = join('examples', 'typed-client', 'api.d.ts');
  execFileSync(bin('openapi-typescript'), [served, '--output', types, '--silent'], { cwd: root });
  const formatted = execFileSync(bin('prettier'), ['--stdin-filepath', committedTypes], {
    cwd: root,
    input: readFileSync(types),
    encoding: 'utf8',
    // The formatted types pass 1 MiB, execFileSync's default output limit.
    maxBuffer: 64 * 1024 * 1024,
  });
  if (formatted !== readFileSync(join(root, committedTypes), 'utf8')) {
    process.stderr.write(`${committedTypes} is stale. Run: npm run openapi\n`);
    failed = true;
  }
  const linters = [
    [
      bin('redocly'),
      ['lint', served, '--config', join(root, 'redocly.yaml'), '--max-problems', '50'],
    ],
    [
      bin('spectral'),
      ['lint', served, '--ruleset', join(root, '.spectral.yaml'), '--fail-severity', 'warn'],
    ],
  ];
  for (const [command, args] of linters) {
    const run = spawnSync(command, args, { stdio: 'inherit', cwd: root });
    if (run.status !== 0) failed = true;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
