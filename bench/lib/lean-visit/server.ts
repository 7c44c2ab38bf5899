// The lean baseline: a minimal node:http handler that records a visit with the statements
// Puente sends (plan.ts), through the same driver, in a process of its own as Puente's
// server is. No framework, no validation beyond reading the JSON, no logging, no metrics:
// what the database and the driver cost alone, the floor Puente's full stack is held to.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { uuidv7 } from '@puente/core';
import pg from 'pg';
import { sessionToken, tokenHash } from './capture.js';
import { madeFor, type VisitPlan, type VisitRequest, valuesFor } from './plan.js';

interface Start {
  url: string;
  poolSize: number;
  plan: VisitPlan;
}

const path = /^\/api\/clients\/([0-9a-f-]{36})\/encounters$/;
const MAX_BODY = 64 * 1024;

/** Runs the plan for one request: the HTTP status and the row to answer with. */
async function recordVisit(pool: pg.Pool, plan: VisitPlan, request: VisitRequest) {
  const made = madeFor(plan, request, uuidv7);
  const answered: (Record<string, unknown> | undefined)[] = [];
  let client: pg.PoolClient | undefined;
  // The row Puente answers with: the widest one read back after the session check (the visit).
  let answer: Record<string, unknown> | undefined;
  try {
    for (const [step, statement] of plan.statements.entries()) {
      if (statement.text === 'begin') client = await pool.connect();
      const values = valuesFor(statement, request, made, answered);
      const on = client ?? pool;
      const { rows } = await on.query(
        values.length > 0 ? { name: `lean${step}`, text: statement.text, values } : statement.text,
      );
      answered.push(rows[0]);
      if (statement.needsRow && (rows.length === 0 || rows[0]?.expired === true)) {
        // No live session (the first statement); after it, not a person of theirs.
        if (client) await client.query('rollback');
        return { status: step === 0 ? 401 : 404, row: undefined };
      }
      if (step > 0 && rows[0] && Object.keys(rows[0]).length > Object.keys(answer ?? {}).length)
        answer = rows[0];
      if (statement.text === 'commit') {
        client?.release();
        client = undefined;
      }
    }
    return { status: 201, row: answer };
  } catch (error) {
    if (client) await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client?.release();
  }
}

function start({ url, poolSize, plan }: Start) {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on('error', () => {});
  const server = createServer(async (req, res) => {
    const send = (status: number, body?: unknown) => {
      const text = body === undefined ? '' : JSON.stringify(body);
      res.writeHead(status, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(text),
      });
      res.end(text);
    };
    const match = req.method === 'POST' ? path.exec(req.url ?? '') : null;
    const token = sessionToken(req.headers.cookie ?? '');
    if (!match?.[1]) return send(404);
    if (!token) return send(401);
    try {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of req as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > MAX_BODY) return send(413);
        chunks.push(chunk);
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      if (typeof body !== 'object' || body === null || typeof body.occurredAt !== 'string') return send(400);
      const { status, row } = await recordVisit(pool, plan, {
        tokenHash: tokenHash(token),
        clientId: match[1],
        body,
      });
      send(status, row);
    } catch {
      send(500);
    }
  });
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    process.send?.({ url: `http://127.0.0.1:${port}` });
  });
  process.on('message', (message: 'close') => {
    if (message !== 'close') return;
    server.close(() => {
      pool.end().finally(() => process.disconnect());
    });
    server.closeAllConnections();
  });
}

process.once('message', (message: Start) => start(message));
