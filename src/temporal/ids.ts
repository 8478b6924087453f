// How tickets are named in Temporal.
export const ticketWorkflowId = (number: number) => `ticket-${number}`;

export function ticketSummary(number: number, subject: string): string {
  const oneLine = subject.replace(/\s+/g, ' ').trim();
  return `#${number} ${oneLine.length > 120 ? `${oneLine.slice(0, 119)}…` : oneLine}`;
}
