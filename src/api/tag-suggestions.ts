// The tags in use, for the console to suggest while an agent types one: the most used first, from
// the counts the projection keeps (schema.ts, tags).
import { and, desc, asc, gt, like, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { tags } from '../db/schema.js';
import { normalizeTag } from '../../workflows/ticket/tags.js';

export async function tagSuggestions(db: Database, input: { prefix: string; limit: number }): Promise<Array<{ name: string; tickets: number }>> {
  const prefix = normalizeTag(input.prefix);
  const escaped = prefix.replace(/[\\%_]/g, (c) => `\\${c}`);
  return db
    .select({ name: tags.name, tickets: tags.tickets })
    .from(tags)
    .where(and(gt(tags.tickets, 0), prefix ? like(tags.name, sql`${`${escaped}%`}`) : undefined))
    .orderBy(desc(tags.tickets), asc(tags.name))
    .limit(input.limit);
}
