/**
 * Sets `key` as the newest entry of `map`, dropping the oldest past `maxEntries`: a cache that
 * forgets what it saw least recently (Map keeps insertion order). Returns `value`.
 */
export function setNewest<K, V>(map: Map<K, V>, key: K, value: V, maxEntries: number): V {
  map.delete(key);
  map.set(key, value);
  if (map.size > maxEntries) map.delete(map.keys().next().value as K);
  return value;
}
