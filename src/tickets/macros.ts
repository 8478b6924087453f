// Canned replies' text: placeholders such as {{requester.firstName}} filled in for one ticket, in
// the requester's language. Pure: the API checks templates with it when they are saved and fills
// them when an agent applies one (src/api/routers/macros.ts).
import type { Language } from '../db/schema.js';

/** What a template may name, and what each one says. */
export const PLACEHOLDERS = {
  'requester.firstName': 'the requester’s first name (their e-mail’s name when they gave none)',
  'requester.name': 'the requester’s name (or e-mail)',
  'requester.email': 'the requester’s e-mail address',
  'ticket.number': 'the ticket’s number',
  'ticket.subject': 'the ticket’s subject',
  'agent.name': 'the name of the agent who sends it (or e-mail)',
  'agent.firstName': 'that agent’s first name',
} as const;
export type Placeholder = keyof typeof PLACEHOLDERS;

const PLACEHOLDER = /\{\{\s*([\w.]+)\s*\}\}/gu;

/** The placeholders a template names that do not exist, each once. */
export function unknownPlaceholders(template: string): string[] {
  const unknown = new Set<string>();
  for (const [, name] of template.matchAll(PLACEHOLDER)) if (!(name in PLACEHOLDERS)) unknown.add(name);
  return [...unknown];
}

export interface MacroContext {
  requester: { email: string; name: string | null };
  agent: { email: string; name: string | null };
  ticket: { number: number; subject: string };
}

const firstName = (person: { email: string; name: string | null }) => person.name?.trim().split(/\s+/u)[0] || person.email.split('@')[0];
const fullName = (person: { email: string; name: string | null }) => person.name?.trim() || person.email;

/** The template with every placeholder filled in (an unknown one is left as typed). */
export function fillTemplate(template: string, context: MacroContext): string {
  const values: Record<Placeholder, string> = {
    'requester.firstName': firstName(context.requester),
    'requester.name': fullName(context.requester),
    'requester.email': context.requester.email,
    'ticket.number': String(context.ticket.number),
    'ticket.subject': context.ticket.subject,
    'agent.name': fullName(context.agent),
    'agent.firstName': firstName(context.agent),
  };
  return template.replace(PLACEHOLDER, (whole, name: string) => (name in values ? values[name as Placeholder] : whole));
}

/** The text in this language, or in the other when it has none in this one. */
export function bodyIn(bodies: Record<Language, string>, language: Language): { language: Language; template: string } {
  if (bodies[language].trim()) return { language, template: bodies[language] };
  const other: Language = language === 'en' ? 'fr' : 'en';
  return { language: other, template: bodies[other] };
}
