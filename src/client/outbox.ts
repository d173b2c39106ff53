/**
 * The outbox's rules, as functions over one transaction (`Tx`): what a record looks like, which
 * records are due, and what each delivery outcome does to them. No I/O but the transaction's and
 * no clock of their own, so every rule is tested over plain Maps. Records are replaced, never
 * mutated. A record's key is `[queuedAt, rev]`: its place in the queue (unique, increasing) and
 * its revision, bumped by every write, so a key names what is stored: a cycle reads one stretch of
 * the queue (or only its keys, when the tab already holds those revisions), tells from keys alone
 * what changed while it was in flight, and deletes what was delivered in a few range deletes. Leases live in
 * the one `meta` row beside the pause and the byte total: one write per batch.
 */
import type { Submission } from '../schema/submission.js';
import { backoffDelay } from './backoff.js';
import * as P from './policy.js';
import type { Key, Tx } from './store.js';

export const RECORD_VERSION = 1;
/** Dead letters kept for the app to inspect; past this the oldest goes. */
export const MAX_DEAD_LETTERS = 200;
/** Records read per step of a claim's walk along the queue: one batch, and one that says there is more. */
const PAGE = P.MAX_BATCH_ITEMS + 1;

/** One queued submission: plain data, so any tab (or a newer widget) can read it. */
export interface OutboxRecord {
  v: typeof RECORD_VERSION;
  id: string;
  submission: Submission;
  /** UTF-8 size of the submission's JSON. */
  bytes: number;
  attempts: number;
  /** Not sent before this time (ms since epoch): backoff, or a hold while an NPS follow-up is open. */
  nextAttemptAt: number;
  /** When it entered the outbox: orders the queue (FIFO) and ends it after 7 days. */
  queuedAt: number;
  /** Bumped by every write of the record, so a reply never deletes a newer revision. */
  rev: number;
  lastError?: string;
  /**
   * The last attempt got no answer (a network error): due at once on `online` and `flush()`.
   * Such attempts still count, also while `navigator.onLine` is false: that is only a hint, and an
   * uncounted failure would keep an offline page retrying every 1–2 s; `online` skips the wait anyway.
   */
  net?: true;
  /** Held back for an NPS follow-up; a page-hide beacon still sends it. */
  held?: true;
}

/** Records a tab is sending (by `queuedAt`): other tabs leave them alone until `until` (a crashed tab's run out). */
export interface Lease {
  owner: string;
  until: number;
  keys: number[];
}

/** The `meta` row `state`. */
export interface QueueState {
  /** The whole queue waits until then (a 429 or 503). */
  pausedUntil?: number;
  /** The queue's rows and bytes, kept as records come and go; counted exactly before anything is refused. */
  n?: number;
  bytes?: number;
  /** The greatest `queuedAt` given out: a new record goes after it. */
  last?: number;
  leases?: Lease[];
}

export type DeadReason = 'rejected' | 'expired' | 'corrupt' | 'too_large';

export interface DeadLetter {
  v: typeof RECORD_VERSION;
  id: string;
  submission?: unknown;
  reason: DeadReason;
  error: string;
  at: number;
}

/** What the proxy (or the transport) said about one item. */
export type Outcome =
  | { status: 'delivered' }
  | { status: 'rejected'; error: string; reason?: DeadReason }
  | { status: 'retry'; error: string; retryAfterMs?: number; net?: boolean };

/** Where a follow-up stands when it had nothing to write. */
export type FollowUpState = { status: 'queued' } | { status: 'delivered' } | { status: 'failed'; error: string };

export class QueueFullError extends Error {
  override name = 'QueueFullError' as const;
}

export interface Caps {
  maxItems: number;
  maxBytes: number;
}

/** Plain data, as stored and sent: no `undefined` keys, no live objects. */
export const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value));

function isRecord(x: unknown): x is OutboxRecord {
  const r = x as OutboxRecord | undefined;
  return (
    r?.v === RECORD_VERSION &&
    typeof r.id === 'string' &&
    r.submission?.id === r.id &&
    [r.bytes, r.attempts, r.nextAttemptAt, r.queuedAt, r.rev].every(Number.isFinite)
  );
}

const STATE = 'state';
/** The queue counted row by row: rows, bytes, the greatest place taken (by any row, readable or not). */
async function recount(tx: Tx, s: QueueState): Promise<QueueState> {
  const rows = await tx.rows('queue');
  const places = rows.map(([k]) => (Array.isArray(k) ? k[0]! : 0));
  const bytes = rows.reduce((sum, [, r]) => sum + (isRecord(r) ? r.bytes : 0), 0);
  return { ...s, n: rows.length, bytes, last: Math.max(Number(s.last) || 0, ...places) };
}
/**
 * The state row, as far as it can be read: counted afresh when its count, total or place is
 * unreadable (a new database, a lost row), and without the leases that are not well formed (a
 * row another version wrote must not stop delivery).
 */
async function readState(tx: Tx): Promise<QueueState> {
  const s = { ...((await tx.get('meta', STATE)) as QueueState) };
  s.leases = [s.leases ?? []].flat().filter((l) => typeof l?.owner == 'string' && Number.isFinite(l.until) && Array.isArray(l.keys));
  return [s.n, s.bytes, s.last].every(Number.isFinite) ? s : recount(tx, s);
}
const liveLeases = (s: QueueState, now: number) => s.leases!.filter((l) => l.until > now);
/** key → lease expiry, for every key some tab is sending. */
const leasedKeys = (leases: Lease[]) => new Map(leases.flatMap((l) => l.keys.map((k) => [k, l.until] as const)));
const due = (r: OutboxRecord, now: number, force?: boolean) => r.nextAttemptAt <= now || (force && r.net);

/** The queue key of a record. */
const keyOf = (r: OutboxRecord): Key => [r.queuedAt, r.rev];

/** The record at `place` now, whatever its revision, if it is still the submission `id`'s. */
async function recordAt(tx: Tx, place: number, id: string): Promise<OutboxRecord | undefined> {
  const [row] = await tx.rows('queue', [place], [place, Infinity], 1);
  return isRecord(row?.[1]) && row[1].id === id ? row[1] : undefined;
}

/** Moves a queue row (a record, or what is left of one) to the dead letters. */
function bury(tx: Tx, key: Key, id: string, submission: unknown, reason: DeadReason, error: string, at: number): DeadLetter {
  const letter: DeadLetter = { v: RECORD_VERSION, id, submission, reason, error, at };
  tx.put('queue', key);
  tx.put('dead', id, letter);
  return letter;
}

/** After burying: keeps the newest 200 dead letters. */
async function trimDead(tx: Tx) {
  for (const [id] of (await tx.rows('dead')).sort(([, a], [, b]) => (b as DeadLetter).at - (a as DeadLetter).at).slice(MAX_DEAD_LETTERS)) tx.put('dead', id);
}

/**
 * Adds a submission, or replaces `replacing` (a record this tab queued, if it is still there) in
 * its place with a new revision. Refuses with `QueueFullError` past the caps: a user's earlier words are never evicted
 * for new ones. Checks the count and byte total of the state row, counted exactly before it refuses.
 */
export async function enqueue(tx: Tx, submission: Submission, now: number, caps: Caps, holdMs = 0, replacing?: OutboxRecord): Promise<OutboxRecord> {
  const bytes = new Blob([JSON.stringify(submission)]).size;
  let state = await readState(tx);
  // As it is now; gone meanwhile (delivered, or another tab's doing): the submission goes in as a new record.
  if (replacing) replacing = await recordAt(tx, replacing.queuedAt, submission.id);
  const grown = (s: QueueState) => [s.n! + (replacing ? 0 : 1), s.bytes! - (replacing?.bytes ?? 0) + bytes];
  const fits = ([n, b]: number[]) => n! <= caps.maxItems && b! <= caps.maxBytes;
  if (!fits(grown(state)) && !fits(grown((state = await recount(tx, state))))) throw new QueueFullError('outbox full');
  const [n, total] = grown(state);
  // A replaced record keeps its place and attempts (a reply in flight then sees the newer `rev`).
  const { held: _, net: __, ...previous } = replacing ?? ({} as Partial<OutboxRecord>);
  const record: OutboxRecord = {
    attempts: 0,
    // Strictly after every record already queued (by any tab), so FIFO never depends on a tie.
    queuedAt: Math.max(Math.ceil(now), state.last! + 1),
    ...previous,
    v: RECORD_VERSION,
    id: submission.id,
    submission,
    bytes,
    nextAttemptAt: now + holdMs,
    rev: (previous.rev ?? 0) + 1,
  };
  if (holdMs) record.held = true;
  if (replacing) tx.put('queue', keyOf(replacing));
  tx.put('queue', keyOf(record), record);
  tx.put('meta', STATE, { ...state, n, bytes: total, last: Math.max(state.last!, record.queuedAt) });
  return record;
}

/**
 * Ends an NPS/CSAT follow-up (MAPPING.md, "NPS flow") of `base`, the record this tab queued: if
 * it is still waiting, it takes the comment as its body and goes now; if it is in flight (leased,
 * or in `sending`: a beacon's) or was delivered, the comment goes as a conversation part of the
 * same item, so both destinations keep it. When there is nothing to write, says where the
 * submission stands.
 */
export async function followUp(
  tx: Tx,
  id: string,
  base: OutboxRecord | undefined,
  comment: string | undefined,
  now: number,
  caps: Caps,
  sending?: ReadonlySet<number>,
): Promise<OutboxRecord | FollowUpState> {
  const [state, record, letter] = await Promise.all([readState(tx), base && recordAt(tx, base.queuedAt, id), tx.get('dead', id) as Promise<DeadLetter | undefined>]);
  if (record && !leasedKeys(liveLeases(state, now)).has(record.queuedAt) && !sending?.has(record.queuedAt))
    return enqueue(tx, comment ? { ...record.submission, body: comment } : record.submission, now, caps, 0, record);
  const source = (record ?? base)?.submission;
  if (comment && source) {
    const { user } = source;
    const part = { id: `${id}:comment`, body: comment, author: user?.name, email: user?.email, userId: user?.id, createdAt: new Date(now).toISOString() };
    return enqueue(tx, { ...source, parts: [...(source.parts ?? []), plain(part)] }, now, caps, 0, record);
  }
  if (record) return { status: 'queued' }; // in flight
  if (letter) return { status: 'failed', error: letter.error };
  // Gone from the outbox and not a dead letter: delivered, if this tab ever queued it.
  return base ? { status: 'delivered' } : { status: 'failed', error: 'nothing to follow up' };
}

export interface Claim {
  records: OutboxRecord[];
  /** Due records left behind by the batch limits: claim again. */
  more: boolean;
  /** When the earliest record left behind becomes due (ms since epoch), or Infinity. */
  next: number;
  /** The queue-wide pause, when one holds. */
  pausedUntil?: number;
  /** Records that went to the dead letters while looking (corrupt, expired). */
  buried: DeadLetter[];
  lease?: Lease;
}

export interface ClaimOptions {
  /** @default LEASE_MS */
  leaseMs?: number;
  /** `online` or `flush()`: a record whose last attempt got no answer is due now (a pause still holds). */
  force?: boolean;
  /** Keys this tab is sending without a lease (a page-hide beacon). */
  skip?: ReadonlySet<number>;
  /** Walk on from past this key: the batch before, in the same drain, ended there. */
  after?: number;
  /** Records this tab holds, by place: a stretch whose keys name exactly these is not read again. */
  known?: ReadonlyMap<number, OutboxRecord>;
}

/**
 * Takes the due records, oldest first, up to 100 items and ~900 KB, and leases them to
 * `owner` so no other tab sends them meanwhile. Walks the queue from its oldest record and
 * stops after one batch; corrupt and expired records met on the way are buried; a record a
 * newer widget wrote is left alone.
 */
export async function claim(tx: Tx, now: number, owner: string, { leaseMs = P.LEASE_MS, force, skip, after, known }: ClaimOptions = {}): Promise<Claim> {
  const state = await readState(tx);
  const buried: DeadLetter[] = [];
  const pausedUntil = Number(state.pausedUntil) || 0;
  if (pausedUntil > now) return { records: [], more: false, next: pausedUntil, pausedUntil, buried };
  const leases = liveLeases(state, now);
  const leased = leasedKeys(leases);
  const records: OutboxRecord[] = [];
  let bytes = 0;
  let freed = 0;
  let next = Infinity;
  let more = false;
  let from: Key | undefined = after === undefined ? after : [after + 1];
  walk: for (;;) {
    // Keys first when this tab holds records: a page whose keys all name revisions it holds is not read.
    const keys: number[][] | undefined = known && ((await tx.keys('queue', from, undefined, PAGE)) as number[][]);
    const cached = keys?.map(([place, rev]) => (known!.get(place!)?.rev === rev ? known!.get(place!) : undefined));
    const rows: [Key, unknown][] = cached?.every(Boolean) ? keys!.map((k, i) => [k, cached[i]]) : await tx.rows('queue', from, undefined, PAGE);
    for (const [key, r] of rows) {
      if (!isRecord(r)) {
        // A record written by a newer widget in another tab is not ours to judge.
        const { v, id, submission } = (r ?? {}) as Partial<OutboxRecord>;
        if (!(v! > RECORD_VERSION)) buried.push(bury(tx, key, typeof id == 'string' ? id : JSON.stringify(key), submission ?? r, 'corrupt', 'unreadable', now));
      } else if (now - r.queuedAt > P.RETENTION_MS) buried.push(bury(tx, key, r.id, r.submission, 'expired', 'older than 7 days', now)), (freed += r.bytes);
      else if (leased.has(r.queuedAt) || skip?.has(r.queuedAt)) next = Math.min(next, leased.get(r.queuedAt) ?? Infinity);
      else if (!due(r, now, force)) next = Math.min(next, r.nextAttemptAt);
      else if (records.length === P.MAX_BATCH_ITEMS || (records.length && bytes + r.bytes > P.MAX_BATCH_BYTES)) {
        more = true;
        break walk;
      } else records.push(r), (bytes += r.bytes);
    }
    if (rows.length < PAGE) break;
    from = [(rows[PAGE - 1]![0] as number[])[0]! + 1];
  }
  const lease = records.length ? { owner, until: now + leaseMs, keys: records.map((r) => r.queuedAt) } : undefined;
  if (lease || buried.length || leases.length !== state.leases!.length)
    tx.put('meta', STATE, { ...state, n: state.n! - buried.length, bytes: state.bytes! - freed, leases: lease ? [...leases, lease] : leases });
  if (buried.length) await trimDead(tx);
  return { records, more, next, buried, lease };
}

export interface Settled {
  delivered: string[];
  rejected: DeadLetter[];
  /** The records put back for another attempt, as now stored. */
  kept: OutboxRecord[];
  /** When the earliest record it put back becomes due, or Infinity. */
  next: number;
}

/**
 * Applies the outcomes of a send to the records sent, and to nothing else: delivered → deleted
 * (consecutive ones in one range delete); rejected → dead letters; retry → backoff (or the
 * server's `Retry-After`); no outcome → only the lease goes. Reads keys, not records: a record
 * rewritten while in flight (a newer revision) is never deleted, buried or backed off for the
 * old one's answer, and one another tab took over after the lease ran out is left to that tab.
 * `pausedUntil` pauses the whole queue.
 */
export async function settle(
  tx: Tx,
  sent: readonly OutboxRecord[],
  outcomes: ReadonlyMap<string, Outcome>,
  now: number,
  { lease, pausedUntil = 0, random = Math.random }: { lease?: Lease; pausedUntil?: number; random?: () => number } = {},
): Promise<Settled> {
  const state = await readState(tx);
  const places = new Map(sent.map((r) => [r.queuedAt, r]));
  const mine = (l: Lease) => l.owner === lease?.owner;
  const leases = liveLeases(state, now).flatMap((l) => (mine(l) ? [{ ...l, keys: l.keys.filter((k) => !places.has(k)) }].filter((x) => x.keys.length) : [l]));
  const taken = leasedKeys(leases.filter((l) => !mine(l)));
  const delivered: string[] = [];
  const rejected: DeadLetter[] = [];
  const kept: OutboxRecord[] = [];
  let next = pausedUntil > now ? pausedUntil : Infinity;
  let { n, bytes: total } = state as Required<QueueState>;
  let run: [Key, Key] | undefined;
  const endRun = () => run && (tx.drop('queue', ...run), (run = undefined));
  const gone = new Set(places.keys());
  const at = [...places.keys()];
  // Keys alone say what is there now: the place, and the revision that lies there.
  for (const key of sent.length ? await tx.keys('queue', [Math.min(...at)], [Math.max(...at), Infinity]) : []) {
    const [place, rev] = key as number[];
    const r = places.get(place!);
    const o = r && outcomes.get(r.id);
    const same = r?.rev === rev;
    gone.delete(place!);
    if (o?.status === 'delivered' && same) {
      run = [run?.[0] ?? key, key];
      delivered.push(r!.id);
      total -= r!.bytes;
      n--;
      continue;
    }
    endRun();
    // Rewritten while in flight (`!same`): the newer revision goes out when it is due.
    if (!same) continue;
    if (o?.status === 'rejected') rejected.push(bury(tx, key, r!.id, r!.submission, o.reason ?? 'rejected', o.error, now)), (total -= r!.bytes), n--;
    else if (o?.status === 'retry' && !taken.has(place!)) {
      const { net: _, ...rest } = r!;
      const nextAttemptAt = now + (o.retryAfterMs ?? backoffDelay(rest.attempts + 1, random));
      next = Math.min(next, nextAttemptAt);
      const again: OutboxRecord = { ...rest, attempts: rest.attempts + 1, nextAttemptAt, lastError: o.error, rev: rest.rev + 1, ...(o.net && { net: true }) };
      tx.put('queue', key);
      tx.put('queue', keyOf(again), again);
      kept.push(again);
    }
  }
  endRun();
  // Gone before the answer came: another tab settled it first.
  for (const place of gone) if (outcomes.get(places.get(place)!.id)?.status === 'delivered') delivered.push(places.get(place)!.id);
  if (pausedUntil > (Number(state.pausedUntil) || 0)) state.pausedUntil = pausedUntil;
  tx.put('meta', STATE, { ...state, n, bytes: total, leases });
  if (rejected.length) await trimDead(tx);
  return { delivered, rejected, next, kept };
}

/** The readable records, oldest first: what `client.pending()` shows. */
export const records = (values: Iterable<unknown>): OutboxRecord[] => [...values].filter(isRecord).sort((a, b) => a.queuedAt - b.queuedAt);

/**
 * Page hide: what one keepalive POST may carry from `candidates` (what this tab queued and has
 * not sent) — untried records that are due, and held ones — oldest first, within 32 KB.
 * A record that failed before waits for its persisted backoff, however often the page unloads.
 */
export function forBeacon(candidates: Iterable<OutboxRecord>, now: number): OutboxRecord[] {
  const picked: OutboxRecord[] = [];
  let bytes = 12; // {"items":[]}
  for (const r of records(candidates))
    if ((r.held || (!r.attempts && r.nextAttemptAt <= now)) && bytes + r.bytes + 1 <= P.KEEPALIVE_MAX_BYTES) picked.push(r), (bytes += r.bytes + 1);
  return picked;
}
