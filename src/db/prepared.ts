// Queries that run on many requests, built once per pool and sent as prepared statements. drizzle
// builds a query in some 0.2 ms of CPU, and sends one it has not been asked to prepare unnamed, so
// that Postgres parses and plans it every time; a query built here with placeholders for its values
// (sql.placeholder) and `.prepare()` costs neither after its first run.
import type { Database } from './client.js';

/** The query `build` makes, made once per pool. */
export function onePerPool<Query>(build: (db: Database) => Query): (db: Database) => Query {
  const byShape = onePerShape((db: Database) => build(db), () => 'the one');
  return (db) => byShape(db, null);
}

/**
 * Shapes kept per pool at most. A desk's console uses a few dozen; the rest of the space (every
 * combination of filters a caller can send) must not grow the API's memory, nor the statements
 * each Postgres connection keeps prepared.
 */
export const MAX_SHAPES = 200;

/**
 * One query per shape: `shape` names what the SQL depends on (which filters, how many values),
 * never the values themselves. `build` is told whether its query is kept: past MAX_SHAPES a shape
 * is built for the one request and sent unprepared, as drizzle sends any query.
 */
export function onePerShape<Shape, Query>(build: (db: Database, shape: Shape, kept: boolean) => Query, key: (shape: Shape) => string): (db: Database, shape: Shape) => Query {
  const built = new WeakMap<Database, Map<string, Query>>();
  return (db, shape) => {
    let queries = built.get(db);
    if (!queries) built.set(db, (queries = new Map()));
    const name = key(shape);
    let query = queries.get(name);
    if (query) return query;
    if (queries.size >= MAX_SHAPES) return build(db, shape, false);
    queries.set(name, (query = build(db, shape, true)));
    return query;
  };
}
