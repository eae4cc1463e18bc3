// Preloaded (node -r) into the API and the baseline by the harness: counts the queries each
// process sends to PostgreSQL through the pg driver (BEGIN and COMMIT included) and the HTTP
// requests it receives, and reports both when the harness asks over the IPC channel. Counting
// requests here, not in autocannon, keeps requests still in flight when a run stops from
// inflating the queries per request.
'use strict';
const http = require('node:http');
const pg = require('pg');

let queries = 0;
let requests = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(...args) {
  queries += 1;
  return query.apply(this, args);
};
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function countedEmit(event, ...args) {
  if (event === 'request') requests += 1;
  return emit.call(this, event, ...args);
};

if (process.send) {
  process.on('message', (message) => {
    if (message === 'bench:counts') process.send({ queries, requests });
  });
  // The channel alone must not keep a stopping process alive.
  process.channel.unref();
}
