// Preloaded (node -r) into the API and the baseline by the harness: counts the statements each
// process sends to PostgreSQL through the pg driver (BEGIN and COMMIT included) and reports the
// count when the harness asks over the IPC channel.
'use strict';
const pg = require('pg');

let statements = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(...args) {
  statements += 1;
  return query.apply(this, args);
};

if (process.send) {
  process.on('message', (message) => {
    if (message === 'bench:statements') process.send({ statements });
  });
  // The channel alone must not keep a stopping process alive.
  process.channel.unref();
}
