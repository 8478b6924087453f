// What a canned reply does besides its text, one line per action, in the reader's language: the
// page of canned replies says it, and so does the ticket page before the agent sends one. Tags and
// names are people's words, kept apart from the portal's (components/MacroActionList.tsx).
import type { Macro, Person, RenderedMacro } from '../api/types';
import { personLabel } from '../components/PersonName';
import type { Messages } from '../i18n/en';

/** The canned reply's assignee meaning "whoever applies it" (ASSIGN_TO_ME in src/api/routers/macros.ts). */
export const ASSIGN_TO_APPLIER = '@me';

/** One action: the portal's words, then (when it names them) the tags or the person. */
export interface ActionLine {
  text: string;
  theirs?: string;
}

/** A canned reply's actions as saved (an agent's id for the assignee) or as filled in for a ticket (the agent named). */
type Actions = Macro['actions'] | Omit<RenderedMacro['actions'], 'assignee'>;

/**
 * One line per action. `assignee`: the line for the assignee, worked out by the caller, who knows
 * whether it is an id, "@me" or a person; null to unassign; undefined when it is left alone.
 */
export function actionLines(actions: Actions, assignee: ActionLine | null | undefined, t: Messages): ActionLine[] {
  const lines: ActionLine[] = [];
  if (actions.status) lines.push({ text: t.macros.setStatus(t.status[actions.status]) });
  if (actions.priority) lines.push({ text: t.macros.setPriority(t.priorityName[actions.priority]) });
  if (actions.addTags?.length) lines.push({ text: t.macros.addsTags, theirs: actions.addTags.join(', ') });
  if (actions.removeTags?.length) lines.push({ text: t.macros.removesTags, theirs: actions.removeTags.join(', ') });
  if (assignee === null) lines.push({ text: t.macros.unassigns });
  else if (assignee) lines.push(assignee);
  return lines;
}

/** The saved assignee as the page of canned replies says it: the applier, nobody, an agent, or someone who left. */
export function savedAssignee(assignee: Macro['actions']['assignee'], agents: readonly { id: string; email: string; name?: string | null }[], t: Messages): ActionLine | null | undefined {
  if (assignee === undefined || assignee === null) return assignee;
  if (assignee === ASSIGN_TO_APPLIER) return { text: t.macros.assignsToApplier };
  const agent = agents.find((a) => a.id === assignee);
  return agent ? { text: t.macros.assignsTo, theirs: personLabel(agent) } : { text: `${t.macros.assignsTo} ${t.macros.formerAgent}` };
}

/** The assignee of a canned reply filled in for a ticket: a person, nobody, or left alone. */
export function renderedAssignee(assignee: Person | null | undefined, t: Messages): ActionLine | null | undefined {
  if (assignee === undefined || assignee === null) return assignee;
  return { text: t.macros.assignsTo, theirs: personLabel(assignee) };
}
