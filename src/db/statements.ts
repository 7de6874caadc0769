import type { Db } from '../core/context.js';

/** `make`'s result for each connection, made on its first use (the domains' prepared statements, prepared once). */
export function perConnection<T>(make: (db: Db) => T): (db: Db) => T {
  const cache = new WeakMap<Db, T>();
  return (db) => {
    let s = cache.get(db);
    if (!s) {
      s = make(db);
      cache.set(db, s);
    }
    return s;
  };
}
