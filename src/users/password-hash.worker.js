// A hashing thread of PasswordHasher's pool. Plain CommonJS, so Node loads it as it is: from src/
// under Jest, from dist/ (copied there as a nest-cli asset) in the API and the CLI.
'use strict';
const { setPriority } = require('node:os');
const { compareSync, hashSync } = require('bcrypt');

// Linux keeps a nice value per thread: this lowers this thread alone, so the kernel runs the
// event loop first and hashing gets the CPU left over. Elsewhere it would lower the whole process.
if (process.platform === 'linux') setPriority(0, 19);

module.exports = {
  hash: ({ password, rounds }) => hashSync(password, rounds),
  compare: ({ password, hash }) => compareSync(password, hash),
};
