/**
 * BuildBetter's budget in Redis: one exact sliding log per API key that every instance spends
 * from, shared fairly between clients as `FairBudget` shares it in memory (`scripts.ts` holds
 * the rules). A ticket's reserved slots are named, so that the request that uses one moves
 * that very slot to when it goes out, and the slots an item did not use are given back.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { MAX_WAITING_CLIENTS, WAITING_SLACK_MS } from '../../fair-budget.js';
import type { Budget, Ticket } from '../../shared-state.js';
import { shared } from './connect.js';
import { BEGIN, BLOCK, END, TAKE } from './scripts.js';

/** A delivery that never ends (its instance died) stops counting as wanting slots after this. */
const LEASE_MS = 60_000;

type Script = (keys: string[], args: (string | number)[]) => Promise<unknown>;

/** Loads `lua` once (EVALSHA, EVAL when Redis has not seen it) and calls it. */
export function script(redis: Redis, name: string, lua: string): Script {
  const named = redis as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  if (!named[name]) redis.defineCommand(name, { lua });
  return (keys, args) => named[name]!.call(redis, keys.length, ...keys, ...args);
}

export class RedisBudget implements Budget {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #keys: { log: string; blocked: string; active: string; waiting: string; seq: string };
  readonly #take: Script;
  readonly #begin: Script;
  readonly #end: Script;
  readonly #block: Script;
  readonly #redis: Redis;
  /** This process's leases on the active set, per client: any one of a client's stands for it. */
  readonly #leases = new Map<string, string[]>();

  constructor(redis: Redis, name: string, limit: number, windowMs: number) {
    this.#redis = redis;
    this.#limit = limit;
    this.#windowMs = windowMs;
    const key = (part: string) => `earful:{${name}}:${part}`;
    this.#keys = { log: key('log'), blocked: key('blocked'), active: key('active'), waiting: key('waiting'), seq: key('seq') };
    this.#take = script(redis, 'earfulTake', TAKE);
    this.#begin = script(redis, 'earfulBegin', BEGIN);
    this.#end = script(redis, 'earfulEnd', END);
    this.#block = script(redis, 'earfulBlock', BLOCK);
  }

  async begin(client: string): Promise<void> {
    const token = randomUUID().replaceAll('-', '');
    this.#leases.set(client, [...(this.#leases.get(client) ?? []), token]);
    await shared(() => this.#begin([this.#keys.active], [token, client, LEASE_MS]));
  }

  async end(client: string, _now: number, comeBackInMs?: number): Promise<void> {
    const tokens = this.#leases.get(client) ?? [];
    const token = tokens.pop() ?? '';
    if (!tokens.length) this.#leases.delete(client);
    const comeBack = comeBackInMs === undefined ? -1 : Math.ceil(comeBackInMs);
    await shared(() => this.#end([this.#keys.active, this.#keys.waiting], [token, client, comeBack, WAITING_SLACK_MS, MAX_WAITING_CLIENTS]));
  }

  async reserve(ticket: Ticket, n: number): Promise<number> {
    if (n < 1 || n > this.#limit) return 0;
    const [wait, ...slots] = await this.#takeSlots(ticket.client, n, '');
    if (wait === 0) {
      ticket.slots = slots as string[];
      ticket.left = n;
    }
    return wait as number;
  }

  async spend(ticket: Ticket): Promise<number> {
    const slot = ticket.slots?.pop() ?? '';
    const [wait] = await this.#takeSlots(ticket.client, 1, slot);
    // Turned away: the reserved slot was not used, and is given back with the others.
    if (wait !== 0 && slot) ticket.slots!.push(slot);
    ticket.left = ticket.slots?.length ?? 0;
    return wait as number;
  }

  async giveBack(ticket: Ticket): Promise<void> {
    const slots = ticket.slots ?? [];
    ticket.slots = [];
    ticket.left = 0;
    if (slots.length) await shared(() => this.#redis.zrem(this.#keys.log, ...slots));
  }

  async block(_now: number, ms: number): Promise<void> {
    await shared(() => this.#block([this.#keys.blocked], [Math.max(1, Math.ceil(ms))]));
  }

  #takeSlots(owner: string, n: number, slot: string): Promise<(number | string)[]> {
    const { log, blocked, active, waiting, seq } = this.#keys;
    return shared(() => this.#take([log, blocked, active, waiting, seq], [owner, n, this.#limit, this.#windowMs, slot]) as Promise<(number | string)[]>);
  }
}
