#!/usr/bin/env node
// Builds dist/ when it is missing or older than the sources, so `npm start` and `npm run cli`
// work straight after `npm ci` on a fresh clone.
'use strict';
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const marker = join(root, 'dist', 'main.js');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const sources = Math.max(
  newestMtime(join(root, 'src')),
  ...['package.json', 'tsconfig.json', 'tsconfig.build.json', 'nest-cli.json'].map(
    (f) => statSync(join(root, f)).mtimeMs,
  ),
);
if (!existsSync(marker) || statSync(marker).mtimeMs < sources) {
  process.stderr.write('Building (dist/ is missing or out of date)...\n');
  execFileSync(process.execPath, [require.resolve('@nestjs/cli/bin/nest.js'), 'build'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}
