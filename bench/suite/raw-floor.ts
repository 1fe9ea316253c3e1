/**
 * The raw floor: a bare node:http server that answers every POST with the dashboard query's JSON, built by
 * PostgreSQL in one hand-written statement through `pg`. No GraphQL, no framework: what any GraphQL server
 * serving this query pays on top of it is the gap to this floor. Spawned by the bench as its own process:
 * `DATABASE_URL=… PORT=… node dist/bench/suite/raw-floor.js`.
 */
import { createServer } from 'node:http';
import { Pool } from 'pg';
import { RAW_STATEMENT } from './dashboard-sql';

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_SIZE ?? 10) });

const server = createServer((request, response) => {
  // The body is read (a client sends one) but not parsed: the floor answers one query.
  request.resume();
  request.on('end', () => {
    pool.query<{ body: string }>({ text: RAW_STATEMENT, name: 'dashboard' }).then(
      (result) => {
        response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        response.end(result.rows[0].body);
      },
      (error: Error) => {
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(error.message);
      },
    );
  });
});

server.listen(Number(process.env.PORT ?? 4100), '127.0.0.1', () => console.log(`raw floor listening on ${process.env.PORT ?? 4100}`));
process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
