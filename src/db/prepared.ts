// Queries that run on many requests, built once per pool and sent as prepared statements. drizzle
// builds a query in some 0.2 ms of CPU, and sends one it has not been asked to prepare unnamed, so
// that Postgres parses and plans it every time; a query built here with placeholders for its values
// (sql.placeholder) and `.prepare()` costs neither after its first run.
import type { Database } from './client.js';

/** The query `build` makes, made once per pool. */
export function onePerPool<Query>(build: (db: Database) => Query): (db: Database) => Query {
  const byShape = onePerShape((db: Database, _shape: null) => build(db));
  return (db) => byShape(db, null);
}

/**
 * One query per shape: `shape` names what the SQL depends on (which filters, how many values),
 * never the values themselves, so that the cache stays as small as the number of shapes.
 */
export function onePerShape<Shape, Query>(build: (db: Database, shape: Shape) => Query, key: (shape: Shape) => string = String): (db: Database, shape: Shape) => Query {
  const built = new WeakMap<Database, Map<string, Query>>();
  return (db, shape) => {
    let queries = built.get(db);
    if (!queries) built.set(db, (queries = new Map()));
    const name = key(shape);
    let query = queries.get(name);
    if (!query) queries.set(name, (query = build(db, shape)));
    return query;
  };
}
