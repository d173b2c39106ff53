/**
 * BuildBetter people: `PUT /v3/rest/people` with the email, the name split in two and
 * `boundary: "external"` (the feedback's authors are customers), each email's person id
 * cached so that a person costs one request, not one per record.
 */
import { setNewest } from './bounded-map.js';
import { splitName } from './buildbetter-map.js';

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

/** Person ids by email (case-insensitive), the newest `maxEntries` of them. */
export function createPeopleCache(maxEntries: number) {
  const people = new Map<string, Promise<PersonId | undefined>>();
  const key = (email: string) => email.toLowerCase();
  return {
    /** Whether the person for `email` is known or being upserted. */
    has: (email: string) => people.has(key(email)),
    /** Drops `email`'s person (BuildBetter no longer knows its id). */
    forget: (email: string) => void people.delete(key(email)),
    /**
     * The person id for `email`: cached, or from `upsert`, which concurrent asks share. A
     * failed or refused upsert (`undefined`: BuildBetter would not store the person) is not kept.
     */
    idFor(email: string, upsert: () => Promise<PersonId | undefined>): Promise<PersonId | undefined> {
      const cached = people.get(key(email));
      if (cached) return setNewest(people, key(email), cached, maxEntries);
      const pending = setNewest(people, key(email), upsert(), maxEntries);
      const drop = () => people.get(key(email)) === pending && people.delete(key(email));
      pending.then((id) => id === undefined && drop(), drop);
      return pending;
    },
  };
}
