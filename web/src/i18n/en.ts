// English wording. The portal guide's labels (Submit a request, My activities, the tab, type and
// status names) are the words people know: they stay exactly as the guide writes them. fr.ts says
// the same in the words French-speaking Zendesk users know. Names of the languages themselves, said
// in their own language, are in languages.ts, so that neither catalogue holds the other's words.
//
// Imports carry their .js extension: test/web reads the catalogues with Node's resolution too.
import type { StatusMessage } from '../../../workflows/ticket/commands.js';
import type { TicketEventKind } from '../../../workflows/ticket/effects.js';
import type { Actor, TicketStatus, TicketType } from '../../../workflows/ticket/model.js';

/** What the status badge says, for one kind of reader: whose hands the ticket is in, what comes next. */
interface BadgeTexts {
  open: string;
  pending(when: string | null): string;
  'on-hold': string;
  solved(when: string | null): string;
  closed: string;
}

// The requester and the people in CC may both answer, and a reply reopens a Solved ticket.
const participantBadge: BadgeTexts = {
  open: 'In the hands of the Support Ops team: we are looking into it and will answer here.',
  pending: (when) => (when ? `Waiting for your answer: closes automatically on ${when} if we hear nothing.` : 'Waiting for your answer.'),
  'on-hold': 'An internal team is investigating. It is in the hands of the Support Ops team.',
  solved: (when) => (when ? `Solved: closes automatically on ${when}. Replying reopens it.` : 'Solved. Replying reopens it.'),
  closed: 'Closed: it can no longer change. You can make a follow-up.',
};

export const en = {
  appName: 'Support Ops',
  skipToContent: 'Skip to content',
  nav: {
    main: 'Main menu',
    home: 'Home',
    submit: 'Submit a request',
    activities: 'My activities',
    queue: 'Agent console',
    suspended: 'Suspended e-mails',
    signOut: 'Sign out',
    /** Read after the person's name on the button that opens their menu. */
    accountMenu: 'account menu',
  },
  common: {
    loading: 'Loading…',
    email: 'E-mail',
    password: 'Password',
    send: 'Send',
    cancel: 'Cancel',
    previous: 'Previous',
    next: 'Next',
    page: (n: number, of: number) => `Page ${n} of ${of}`,
    pageOnly: (n: number) => `Page ${n}`,
    required: 'Required',
    badEmail: 'Enter an e-mail address, such as name@example.com.',
  },
  auth: {
    signInTitle: 'Sign in',
    signIn: 'Sign in',
    noAccount: 'No access yet?',
    requestAccess: 'Request access',
    forgot: 'Forgotten your password?',
    requestAccessTitle: 'Request access',
    requestAccessIntro: 'Enter your work e-mail. We will send you a link to set your password; then you can sign in and submit a request.',
    requestAccessDone: 'If this address may use the portal, an e-mail with a link to set your password is on its way. Follow the link within the time it gives.',
    setPasswordTitle: 'Set your password',
    setPasswordIntro: 'Choose a password of at least 10 characters that you do not use elsewhere.',
    yourName: 'Your name (optional)',
    yourNameHint: 'Shown to Support Ops beside your messages.',
    newPassword: 'New password',
    confirmPassword: 'Repeat the password',
    mismatch: 'The two passwords are not the same.',
    setPassword: 'Set password',
    missingToken: 'This link is incomplete. Open the link from the e-mail again, or ask for a new one.',
    forgotTitle: 'Forgotten password',
    forgotIntro: 'Enter your e-mail. If it has an account, we will send a link to choose a new password.',
    forgotDone: 'If this address has an account, an e-mail with a link to choose a new password is on its way.',
    backToSignIn: 'Back to sign in',
  },
  home: {
    title: 'How can we help?',
    submitText: 'Creates a new ticket, assigned to the Support Ops team, who will investigate it.',
    checkTitle: 'Check your existing requests',
    checkText: 'See your current and past requests.',
    agentTitle: 'Agent console',
    agentText: 'Work the queues: unassigned, assigned to you, SLA breached, Critical / SEV first.',
    waiting: 'Waiting for your answer',
    nothingWaiting: 'No request is waiting for your answer.',
    assigned: 'Assigned to you',
    nothingAssigned: 'No ticket in Support Ops’ hands is assigned to you.',
    recent: 'Your recent requests',
    noRequests: 'You have not submitted any request yet.',
    seeAll: 'See all',
  },
  submit: {
    title: 'Submit a request',
    type: 'Type of request',
    subject: 'Subject',
    description: 'Description',
    descriptionHint: 'What happened, where, since when, and what you have tried.',
    ccs: 'CC (optional)',
    ccsHint: 'E-mail addresses of colleagues to keep informed, separated by commas.',
    send: 'Submit',
    sending: 'Submitting…',
    chooseType: 'Choose the type of request.',
    badEmail: (email: string) => `"${email}" is not an e-mail address.`,
    fieldInvalid: 'Check this field: it is empty, too long, or holds characters that cannot be sent.',
    ccsInvalid: 'One of these addresses is not a valid e-mail address.',
    doneTitle: 'Your request has been received',
    done: (n: number) => `Your ticket number is #${n}. We have sent you a confirmation by e-mail.`,
    open: 'Open the ticket',
    another: 'Submit another request',
  },
  /** The four types, as the guide names them. */
  typeName: {
    critical: 'Critical / SEV',
    feature_request: 'Feature request',
    hardware_issue: 'Hardware issue',
    software_issue: 'Software issue',
  } satisfies Record<TicketType, string>,
  /** When to choose each type, in the guide's words. */
  typeHelp: {
    critical: 'Ticket for any critical problem that needs immediate resolution: problems that affect a large number of consumers and for which there is no workaround, such as a widespread infrastructure outage, subscription payments that cannot be processed, bikes that cannot be rented, or a severe performance degradation for consumers or agents.',
    feature_request: 'For requests for new features or feedback on the products. Use it when a new or missing feature should be added.',
    hardware_issue: 'To report any problem you have with hardware.',
    software_issue: 'To report any problem you have with software.',
  } satisfies Record<TicketType, string>,
  activities: {
    title: 'My activities',
    tabs: 'Views',
    mine: 'My requests',
    ccd: 'Requests I\u2019m CC\u2019d on',
    organization: 'Organization requests',
    mineText: 'Tickets you submitted.',
    ccdText: 'Tickets of other users on which you are CC\u2019d.',
    organizationText: 'Tickets submitted to Support Ops by all users of your organization.',
    status: 'Status',
    anyStatus: 'Any status',
    empty: 'No requests here.',
    number: 'Number',
    subject: 'Subject',
    type: 'Type',
    requester: 'Requester',
    assignee: 'Assignee',
    updated: 'Updated',
    sla: 'SLA',
    /** With exact false, at least n: the API stops counting a little past the page. */
    results: (n: number, exact: boolean): string => (!exact ? `${n.toLocaleString('en')}+ requests` : n === 1 ? '1 request' : `${n.toLocaleString('en')} requests`),
  },
  queue: {
    title: 'Agent console',
    filters: 'Queues',
    all: 'All tickets',
    unassigned: 'Unassigned',
    mine: 'Assigned to me',
    breached: 'SLA breached',
    anyType: 'Any type',
    type: 'Type',
    criticalFirst: 'Critical / SEV first',
    nobody: 'Nobody',
  },
  status: {
    open: 'Open',
    pending: 'Pending',
    'on-hold': 'On-hold',
    solved: 'Solved',
    closed: 'Closed',
  } satisfies Record<TicketStatus, string>,
  /** The agent's buttons that change the status, one per message. */
  statusAction: {
    setPending: 'Set Pending',
    putOnHold: 'Put On-hold',
    solve: 'Solve',
    reopen: 'Reopen',
  } satisfies Record<StatusMessage, string>,
  /** The badge, by how the reader stands to the ticket: each is told what is true for them. */
  badge: {
    agent: {
      open: 'In the hands of Support Ops.',
      pending: (when) => (when ? `Waiting for the requester: closes automatically on ${when} without an answer.` : 'Waiting for the requester.'),
      'on-hold': 'An internal team is investigating. In the hands of Support Ops.',
      solved: (when) => (when ? `Solved: closes automatically on ${when}.` : 'Solved.'),
      closed: 'Closed: final.',
    },
    requester: participantBadge,
    cc: {
      ...participantBadge,
      pending: (when) =>
        when
          ? `Waiting for an answer from the requester (you may answer too): closes automatically on ${when} if nobody answers.`
          : 'Waiting for an answer from the requester (you may answer too).',
    },
    // Colleagues read their organization's tickets but do not take part: no "your answer", no "reply".
    colleague: {
      open: 'In the hands of the Support Ops team.',
      pending: (when) => (when ? `Waiting for the requester’s answer: closes automatically on ${when} without one.` : 'Waiting for the requester’s answer.'),
      'on-hold': 'An internal team is investigating. It is in the hands of the Support Ops team.',
      solved: (when) => (when ? `Solved: closes automatically on ${when}.` : 'Solved.'),
      closed: 'Closed: it can no longer change. You can make a follow-up.',
    },
  } satisfies Record<'agent' | 'requester' | 'cc' | 'colleague', BadgeTexts>,
  ticket: {
    requestedBy: (who: string, when: string) => `Requested by ${who} on ${when}`,
    followUpOf: (n: number) => `Follow-up of #${n}`,
    followUps: 'Follow-ups:',
    colleagueNote: 'You see this ticket because it comes from your organization. Only its requester and the people in CC can answer it.',
    conversation: 'Conversation',
    internalNote: 'Internal note',
    internalNoteHint: 'Only Support Ops sees internal notes.',
    publicReply: 'Public reply',
    publicReplyHint: 'The requester and the CC’d people see public replies.',
    replyKind: 'Kind of message',
    yourReply: 'Your reply',
    yourNote: 'Your internal note',
    reply: 'Send reply',
    addNote: 'Add internal note',
    submitAs: 'Submit as',
    keepStatus: (s: string) => `${s} (unchanged)`,
    submitAsButton: (s: string) => `Submit as ${s}`,
    solvedWarning: 'This ticket is Solved. Replying to it will reopen it.',
    replyAndReopen: 'Reply and reopen',
    replySent: 'Reply sent.',
    noteAdded: 'Internal note added.',
    sentWithStatus: (s: string) => `Reply sent. The ticket is now ${s}.`,
    emptyBody: 'Write a message first.',
    emptyReply: 'Write a message or add a file first.',
    bodyInvalid: 'This message cannot be sent as it is: it is too long or holds characters that cannot be sent.',
    markSolved: 'Mark as Solved',
    closedNote: 'This ticket is Closed: it accepts no more replies. Make a follow-up to continue.',
    followUp: 'Make a follow-up',
    followUpText: 'What should the follow-up say?',
    ccs: 'CC',
    noCcs: 'Nobody is CC’d.',
    addCc: 'Add to CC',
    ccEmail: 'E-mail of the person to CC',
    removeCc: (who: string) => `Remove ${who} from CC`,
    assignment: 'Assignee',
    unassigned: 'Unassigned',
    assignToMe: 'Assign to me',
    unassign: 'Unassign',
    assignTo: 'Assign to',
    assign: 'Assign',
    actions: 'Status',
    side: 'About this ticket',
    sla: 'SLA',
    slaDue: (when: string) => `First reply due by ${when}.`,
    slaMet: (when: string) => `Met: first reply on ${when}.`,
    slaBreached: (when: string) => `Breached on ${when}.`,
    slaNone: 'No target.',
    temporal: 'Open the workflow in the Temporal UI',
    audit: 'Audit trail',
    notFound: 'This ticket does not exist, or you do not have access to it.',
    /** For its requester and CCs, when the desk reads the answers to its e-mails. */
    answerByMail: 'You can also answer from your mail app: reply to any e-mail we send you about this ticket.',
  },
  /** Support Ops' list of the e-mails the desk read but would not add to a ticket by itself. */
  suspended: {
    title: 'Suspended e-mails',
    intro:
      'These e-mails came to the support mailbox, but the desk did not add them to a ticket by itself: it could not be sure who sent them or which ticket they answer (a sender who is neither the ticket’s requester nor in CC, a forwarded e-mail, an answer to none of our e-mails). Nothing was added. Read each one, then release it to add it to a ticket as its sender’s reply, or discard it.',
    reload: 'Look again',
    empty: 'No suspended e-mail: every e-mail read from the support mailbox found its ticket.',
    list: 'E-mails waiting for a decision',
    noSubject: '(no subject)',
    from: 'From',
    received: 'Received',
    seemsToAnswer: 'Seems to answer',
    noTicket: 'None of our tickets.',
    /** The server's reason is English: said as recorded, under a label in the reader's language. */
    reason: 'Reason recorded when it was read',
    text: 'Text',
    noText: 'No text (the e-mail may bring only files).',
    releaseTo: 'Ticket to add it to',
    releaseHint: (n: number | null) =>
      n ? `It seems to answer #${n}: leave that number, or give another ticket’s.` : 'Give the number of the ticket it answers.',
    release: 'Release',
    discard: 'Discard',
    confirmDiscard: 'Discard this e-mail? It will be added to no ticket, and cannot be brought back.',
    discardForGood: 'Discard it',
    keep: 'Keep it',
    needNumber: 'Give the number of the ticket this e-mail answers.',
    badNumber: 'A ticket number is a whole number, such as 12.',
    released: (n: number) => `Released: the e-mail is now its sender’s reply on ticket #${n}.`,
    openTicket: (n: number) => `Open ticket #${n}`,
    discarded: 'Discarded: the e-mail will be added to no ticket.',
    /** Release refused: the sender has no account, is not on that ticket, or there is no such ticket. */
    notOnTicket: (n: number) =>
      `This e-mail cannot be added to ticket #${n}: its sender has no account, or is neither its requester nor in CC (or there is no such ticket). Add the sender in CC on the ticket first, or give another ticket.`,
    gone: 'This e-mail is no longer suspended: someone released or discarded it meanwhile. The list now shows what is left.',
    notAdded: (n: number) =>
      `This e-mail could not be added to ticket #${n}: the ticket may be Closed (its sender is then told so by e-mail), or the e-mail cannot be added as it is. The list now shows what is left.`,
  },
  /** Files sent with a message: adding them, and how they are shown. */
  files: {
    label: 'Files (optional)',
    /** The limits, already written as sizes ("20 MB"). */
    limits: (maxFiles: number, perFile: string, perMessage: string) =>
      `Up to ${maxFiles} files, ${perFile} each and ${perMessage} in all. Choose them, drop them here, or paste a screenshot.`,
    choose: 'Add files',
    dropHere: 'Drop the files to add them.',
    pending: 'Files to send',
    uploading: (percent: number) => `Uploading: ${percent}%`,
    ready: 'Added',
    remove: 'Remove',
    retry: 'Try again',
    problem: {
      tooLarge: (limit: string) => `Not added: a file may be at most ${limit}.`,
      tooMany: (max: number) => `Not added: a message may bring at most ${max} files.`,
      tooMuch: (limit: string) => `Not added: the files of one message may come to at most ${limit} in all.`,
      /** The server refused it as too large (its own limit may be lower than the one said above). */
      refusedSize: 'Not added: the server refuses a file this large.',
      signedOut: 'Not added: your session has ended. Sign in again, then add the file.',
      failed: 'The upload failed. Check your connection and try again.',
    },
    notReady: {
      uploading: 'Wait until every file has been added.',
      problem: 'Some files could not be added: remove them (or try again) before sending.',
    },
    /** The server would not take the files named by the message (one already sent or gone, or too much in all). */
    refused: 'These files could not be sent with the message: remove them and add them again.',
    /** One of them is no longer there: already sent with another message, or removed a day after it was added. */
    refusedGone: 'A file is no longer there: it was already sent, or it was added too long ago. Remove it and add it again.',
    /** Together they are over the server's limit per message, which changed since the page was opened. */
    refusedTooMuch: 'Together these files are more than one message may bring now. Remove some of them and send them with another message.',
    /** The agent console's list of every file of the ticket. */
    ofTicket: 'Files',
    none: 'No files.',
    bytes: (n: string) => `${n}\u00a0bytes`,
    kilobytes: (n: string) => `${n}\u00a0KB`,
    megabytes: (n: string) => `${n}\u00a0MB`,
  },
  /** Who wrote a message or made a change, when their account has no name. */
  actor: {
    agent: 'Support Ops',
    requester: 'Requester',
    system: 'Support desk',
  } satisfies Record<Actor['kind'], string>,
  /** The audit trail's lines, after the name of who did it. */
  event: {
    created: (): string => 'created the ticket',
    commented: (internal: boolean): string => (internal ? 'added an internal note' : 'wrote a public reply'),
    status_changed: (from: string, to: string) => `changed the status from ${from} to ${to}`,
    assigned: (to: string | null): string => (to ? `assigned it to ${to}` : 'removed the assignee'),
    cc_added: (who: string) => `added ${who} to CC`,
    cc_removed: (who: string) => `removed ${who} from CC`,
    pending_reminder_sent: (): string => 'reminded the requester',
    sla_breached: (): string => 'recorded an SLA breach',
  } satisfies Record<TicketEventKind, unknown>,
  /** After an event's line, the files its message brought (their names follow). */
  eventFiles: (count: number): string => (count === 1 ? 'with the file' : `with ${count} files:`),
  errors: {
    network: 'The server could not be reached. Check your connection and try again.',
    unauthorized: 'You are not signed in, or your session has ended. Please sign in again.',
    badCredentials: 'That e-mail and password do not match. Try again, or ask for a new password.',
    forbidden: 'You are not allowed to do that.',
    notFound: 'This does not exist, or you do not have access to it.',
    conflict: 'The ticket has changed in the meantime and does not allow that. The page now shows it as it is.',
    /** A refused change, with the status the server gave as the reason. */
    refused: (status: string) => `This ticket is ${status}, which does not allow that. The page now shows its current status.`,
    refusedInput: 'The ticket does not accept that. Check what you entered.',
    tooMany: 'Too many attempts. Wait a few minutes, then try again.',
    badInput: 'Some fields need attention.',
    badLink: 'This link is no longer valid: it was already used or it has expired. Ask for a new one.',
    weakPassword: 'This password is too short or too common. Choose a longer one that you do not use elsewhere.',
    tooLarge: 'This is too long to send. Shorten it and try again.',
    server: 'Something went wrong on our side. Try again in a moment.',
    unavailable: 'The service is busy or unavailable right now. Try again in a moment.',
  },
  notFoundPage: 'This page does not exist.',
};

export type Messages = typeof en;
