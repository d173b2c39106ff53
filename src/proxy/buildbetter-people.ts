/**
 * BuildBetter people: `PUT /v3/rest/people` with the email, the name split in two and
 * `boundary: "external"` (the feedback's authors are customers), each email's person id
 * cached so that a person costs one request, not one per record: in this process, and for
 * every instance when a shared store is given.
 */
import { setNewest } from './bounded-map.js';
import { splitName } from './buildbetter-map.js';
import { digestHex } from './derived-id.js';
import type { SharedState } from './shared-state.js';

export type PersonId = number | string;

/** The body of the person upsert for `email`, and `name` when known. */
export function personBody(email: string, name?: string): Record<string, string> {
  const names = name ? splitName(name) : undefined;
  return {
    email,
    ...(names?.first_name && { first_name: names.first_name }),
    ...(names?.last_name && { last_name: names.last_name }),
    boundary: 'external',
  };
}

/** Person ids kept where every instance finds them. */
export interface PeopleStore {
  get(email: string): Promise<PersonId | undefined>;
  set(email: string, id: PersonId): Promise<void>;
  delete(email: string): Promise<void>;
}

/** How long a shared store keeps a person id: BuildBetter keeps a person for good, this bounds the store. */
const SHARED_PERSON_TTL_MS = 30 * 24 * 60 * 60_000;

/**
 * The people of `namespace` (one per API key) in a shared store, each under a digest of its
 * email, so that no address is written into a key name.
 */
export function sharedPeople(shared: SharedState, namespace: string): PeopleStore {
  const keyOf = async (email: string) => `${namespace}:person:${await digestHex(email.toLowerCase())}`;
  return {
    async get(email) {
      const held = await shared.recall(await keyOf(email));
      return held === undefined ? undefined : (JSON.parse(held) as PersonId);
    },
    set: async (email, id) => shared.remember(await keyOf(email), JSON.stringify(id), SHARED_PERSON_TTL_MS),
    delete: async (email) => shared.forget(await keyOf(email)),
  };
}

/** Person ids by email (case-insensitive), the newest `maxEntries` of them, over an optional shared store. */
export function createPeopleCache(maxEntries: number) {
  const people = new Map<string, Promise<PersonId | undefined>>();
  const key = (email: string) => email.toLowerCase();
  return {
    /** Whether the person for `email` is known (here or in `store`) or being upserted. */
    async known(email: string, store?: PeopleStore): Promise<boolean> {
      if (people.has(key(email))) return true;
      return store !== undefined && (await store.get(email)) !== undefined;
    },
    /** Drops `email`'s person (BuildBetter no longer knows its id), here and in `store`. */
    async forget(email: string, store?: PeopleStore): Promise<void> {
      people.delete(key(email));
      await store?.delete(email);
    },
    /**
     * The person id for `email`: cached, or from `store`, or from `upsert`, which concurrent
     * asks share. A failed or refused upsert (`undefined`: BuildBetter would not store the
     * person) is not kept.
     */
    idFor(email: string, upsert: () => Promise<PersonId | undefined>, store?: PeopleStore): Promise<PersonId | undefined> {
      const cached = people.get(key(email));
      if (cached) return setNewest(people, key(email), cached, maxEntries);
      const find = async () => {
        const shared = await store?.get(email);
        if (shared !== undefined) return shared;
        const id = await upsert();
        if (id !== undefined) await store?.set(email, id);
        return id;
      };
      const pending = setNewest(people, key(email), find(), maxEntries);
      const drop = () => people.get(key(email)) === pending && people.delete(key(email));
      pending.then((id) => id === undefined && drop(), drop);
      return pending;
    },
  };
}
