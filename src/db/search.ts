// The words of a ticket, as search finds them. The text search configurations and the SQL
// functions named here are made by migration 0009 (src/db/migrations/0009_ticket_search.sql):
//   desk_en, desk_fr             English and French stemming after `unaccent`, so that "vélo",
//                                "velos" and "Vélos" are one word
//   desk_search_vector(text)     a text's words in both languages (the desk does not know which
//                                language a text is in)
//   desk_search_term(text, bool) one word or "phrase" of what people type, read in either
//                                language (searchQuery puts the terms together)
//   desk_search_any(tsquery)     any of a query's words, for choosing the passage to show
//   desk_search_head(s, d)       a ticket's subject (weight A) and description (B)
//   desk_search_comment_text     a comment's text and the names of its files
//   desk_search_headline         the passage that matched, its words marked (HIGHLIGHT_START/END)
// Written by the projection (activities/projection.ts), read by src/api/ticket-search.ts, seeded
// by bench/search.ts: the three see the same words.
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Database } from './client.js';
import { ticketComments, ticketSearch, tickets } from './schema.js';

type Executor = Pick<Database, 'execute' | 'insert' | 'update'>;

/**
 * What a ticket's vector may grow to, in bytes: Postgres refuses a tsvector of 1 MB or more, and
 * a write it refuses would be retried for ever. A conversation past this (some 150,000 words) is
 * found by its first words only.
 */
export const MAX_VECTOR_BYTES = 900_000;

/** Marks around the matching words in a headline: private-use characters, taken out of the text first. */
export const HIGHLIGHT_START = '\uE000';
export const HIGHLIGHT_END = '\uE001';

/** One term of a search: a word, or a "quoted phrase"; `negated`: -without it. */
export interface SearchTerm {
  text: string;
  phrase: boolean;
  negated: boolean;
}

/** The most terms one search takes; the rest of a longer one is ignored. */
export const MAX_SEARCH_TERMS = 32;

/**
 * What people type, in Postgres's web search syntax: words (all of them), "a phrase", -without,
 * `a or b`. Terms in a group are alternatives (or); every group must match (and). Each term is
 * then read in both languages by desk_search_term: reading whole queries in each language and
 * taking either would let `-battery` exclude only one language's stem.
 */
export function parseSearch(words: string): SearchTerm[][] {
  const groups: SearchTerm[][] = [];
  let alternative = false;
  let terms = 0;
  for (const [token, minus, quoted, plain] of words.matchAll(/(-?)"([^"]*)"?|(\S+)/gu)) {
    if (terms >= MAX_SEARCH_TERMS) break;
    if (plain !== undefined && /^or$/iu.test(plain)) {
      alternative = groups.length > 0;
      continue;
    }
    const term: SearchTerm =
      quoted !== undefined
        ? { text: quoted, phrase: true, negated: minus === '-' }
        : plain.length > 1 && plain.startsWith('-')
          ? { text: plain.slice(1), phrase: false, negated: true }
          : { text: token, phrase: false, negated: false };
    if (term.text.trim() === '') continue;
    if (alternative) groups[groups.length - 1].push(term);
    else groups.push([term]);
    alternative = false;
    terms++;
  }
  return groups;
}

const termQuery = (term: SearchTerm): SQL => {
  const reading = sql`desk_search_term(${term.text}, ${term.phrase})`;
  return term.negated ? sql`(!! ${reading})` : reading;
};

/** The search's tsquery: every group, each any of its terms. */
export function searchQuery(groups: SearchTerm[][]): SQL {
  if (groups.length === 0) return sql`''::tsquery`;
  return sql`(${sql.join(
    groups.map((group) => sql`(${sql.join(group.map(termQuery), sql` || `)})`),
    sql` && `,
  )})`;
}

/** Any of the search's words it does not exclude: a passage holding one of them is worth showing. */
export function anyWordQuery(groups: SearchTerm[][]): SQL {
  const wanted = groups.flat().filter((term) => !term.negated);
  if (wanted.length === 0) return sql`''::tsquery`;
  return sql`desk_search_any(${sql.join(wanted.map(termQuery), sql` || `)})`;
}

/**
 * Makes the ticket's search row on its first write: its subject and description. A later write
 * finds it there (the subject and description never change).
 */
export async function ensureSearchRow(tx: Executor, ticket: { number: number; subject: string; description: string }): Promise<void> {
  await tx.execute(sql`
    insert into ${ticketSearch} (ticket_number, "public", "internal")
    select ${ticket.number}, desk_search_head(${ticket.subject}, ${ticket.description}), ''::tsvector
    where not exists (select 1 from ${ticketSearch} where ticket_number = ${ticket.number})
    on conflict (ticket_number) do nothing`);
}

/**
 * Adds the words of comments the projection has just inserted (and only those: a retried write
 * inserts none, so adds nothing). Public replies go to `public`, internal notes to `internal`.
 */
export async function addCommentWords(tx: Executor, ticketNumber: number, seqs: number[]): Promise<void> {
  if (seqs.length === 0) return;
  const words = (internal: boolean) =>
    sql`desk_search_vector(string_agg(desk_search_comment_text(${ticketComments.seq}, ${ticketComments.body}, ${ticketComments.attachments}), ' ') filter (where ${ticketComments.internal} = ${internal}))`;
  const grown = (column: SQL, added: SQL) =>
    sql`case when length(${added}) = 0 then ${column} when pg_column_size(${column}) + pg_column_size(${added}) < ${MAX_VECTOR_BYTES} then ${column} || ${added} else ${column} end`;
  await tx.execute(sql`
    update ${ticketSearch} set
      "public" = ${grown(sql`${ticketSearch.public}`, sql`added.public`)},
      "internal" = ${grown(sql`${ticketSearch.internal}`, sql`added.internal`)}
    from (
      select ${words(false)} as public, ${words(true)} as internal
      from ${ticketComments}
      where ${and(eq(ticketComments.ticketNumber, ticketNumber), inArray(ticketComments.seq, seqs))}
    ) as added
    where ${ticketSearch.ticketNumber} = ${ticketNumber}`);
}

/**
 * Writes the ticket's search row afresh from what the projection holds now, as its writes would
 * have made it (subject and description, then every comment): after an erasure has replaced a
 * person's words, none of them is found any more.
 */
export async function rebuildSearchRow(tx: Executor, ticketNumber: number): Promise<void> {
  await tx.execute(sql`
    update ${ticketSearch} set "public" = desk_search_head(t.subject, t.description), "internal" = ''::tsvector
    from ${tickets} t where t.number = ${ticketNumber} and ${ticketSearch.ticketNumber} = ${ticketNumber}`);
  const seqs = await tx.execute<{ seq: number }>(sql`select seq from ${ticketComments} where ticket_number = ${ticketNumber} order by seq`);
  await addCommentWords(
    tx,
    ticketNumber,
    seqs.map((row) => Number(row.seq)),
  );
}
