import { createHmac, timingSafeEqual } from 'node:crypto';
import { appendFile, readFile } from 'node:fs/promises';
import { canonicalJson } from '@puente/core';
import type { Logger } from '../../log.js';
import { type AuditSeal, checkpointKey } from './key.js';

/** The head of one organization's chain at one moment, signed with the audit key. */
export interface Checkpoint {
  org: string;
  link: number;
  hash: string;
  at: string;
  sig: string;
}

function sign(seal: AuditSeal, head: Omit<Checkpoint, 'sig'>): string {
  return createHmac('sha256', checkpointKey(seal)).update(canonicalJson(head)).digest('hex');
}

/**
 * Appends a signed checkpoint of a chain's head to the checkpoint file (and
 * logs it, for operators who ship logs elsewhere). Deleting the newest events,
 * or rewriting the chain even with the key, no longer matches what was written
 * here, outside the database.
 */
export async function writeCheckpoint(
  seal: AuditSeal,
  head: { org: string; link: number; hash: string },
  log?: Logger,
): Promise<void> {
  const unsigned = { ...head, at: new Date().toISOString() };
  const checkpoint: Checkpoint = { ...unsigned, sig: sign(seal, unsigned) };
  const line = JSON.stringify(checkpoint);
  if (seal.checkpointFile) await appendFile(seal.checkpointFile, `${line}\n`, { mode: 0o600 });
  log?.info({ auditCheckpoint: checkpoint }, 'audit checkpoint');
}

export interface CheckpointsRead {
  /** Checkpoints with a good signature, oldest first. */
  valid: Checkpoint[];
  /** Lines that are not a checkpoint signed with this key: forged, edited or from another key. */
  forged: number;
}

/** Reads one organization's checkpoints (all of them when `org` is absent); no file reads as none. */
export async function readCheckpoints(seal: AuditSeal, org?: string): Promise<CheckpointsRead> {
  const result: CheckpointsRead = { valid: [], forged: 0 };
  if (!seal.checkpointFile) return result;
  let text: string;
  try {
    text = await readFile(seal.checkpointFile, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return result;
    throw error;
  }
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const parsed = parseCheckpoint(line);
    if (parsed && org && parsed.org !== org) continue;
    if (parsed && signatureHolds(seal, parsed)) result.valid.push(parsed);
    else result.forged += 1;
  }
  return result;
}

function parseCheckpoint(line: string): Checkpoint | undefined {
  try {
    const value = JSON.parse(line) as Partial<Checkpoint>;
    const { org, link, hash, at, sig } = value;
    if (typeof org !== 'string' || typeof link !== 'number' || typeof hash !== 'string') return undefined;
    if (typeof at !== 'string' || typeof sig !== 'string') return undefined;
    return { org, link, hash, at, sig };
  } catch {
    return undefined;
  }
}

function signatureHolds(seal: AuditSeal, checkpoint: Checkpoint): boolean {
  const { sig, ...head } = checkpoint;
  const expected = Buffer.from(sign(seal, head), 'hex');
  const given = Buffer.from(sig, 'hex');
  return expected.length === given.length && timingSafeEqual(expected, given);
}
