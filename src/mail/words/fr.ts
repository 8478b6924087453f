// Les e-mails du desk, en français : les mots que les utilisateurs francophones de Zendesk
// connaissent (Ouvert, En attente, En pause, Résolu, Clos). Statuses inside a sentence sit
// between « », as in the portal.
import type { MailWords, TicketFacts } from './en.js';

const STATUSES: MailWords['statuses'] = { open: 'Ouvert', pending: 'En attente', 'on-hold': 'En pause', solved: 'Résolu', closed: 'Clos' };
const TYPES: MailWords['types'] = {
  critical: 'Critique / SEV',
  feature_request: 'Demande de fonctionnalité',
  hardware_issue: 'Problème matériel',
  software_issue: 'Problème logiciel',
};

export const fr: MailWords = {
  locale: 'fr-FR',
  statuses: STATUSES,
  types: TYPES,
  ticket: {
    ticket_created: {
      subject: (t) => `[#${t.number}] Demande reçue : ${t.subject}`,
      lead: (t) => `Nous avons bien reçu votre demande #${t.number} « ${t.subject} » (${TYPES[t.type]}). Elle est assignée à l’équipe Support Ops, qui va l’examiner.`,
      action: (t) => `Rien à faire pour l’instant : vous recevrez un e-mail dès que Support Ops vous répondra. Rappelez le numéro #${t.number} pour toute question à ce sujet.`,
    },
    critical_created: {
      subject: (t) => `[#${t.number}] Ticket Critique / SEV ouvert : ${t.subject}`,
      lead: (t) => `Un ticket Critique / SEV demande une attention immédiate : #${t.number} « ${t.subject} ».`,
      action: (t) => (t.firstReplyDueAt ? `Répondez-y avant le ${t.firstReplyDueAt}, son objectif de première réponse.` : 'Répondez-y sans attendre.'),
    },
    agent_replied: {
      subject: (t) => `[#${t.number}] Réponse de Support Ops : ${t.subject}`,
      lead: (t) => `Support Ops a répondu sur votre ticket #${t.number} « ${t.subject} », désormais au statut « ${STATUSES[t.status]} ».`,
      action: (t) => statusAction(t),
    },
    requester_replied: {
      subject: (t) => `[#${t.number}] Nouvelle réponse du demandeur : ${t.subject}`,
      lead: (t) => `Le demandeur a répondu sur le ticket #${t.number} « ${t.subject} », désormais au statut « ${STATUSES[t.status]} ».`,
      action: () => 'Le ticket revient entre les mains de Support Ops : répondez-y.',
    },
    pending_reminder: {
      subject: (t) => `[#${t.number}] Rappel : nous attendons votre réponse : ${t.subject}`,
      lead: (t) => `Support Ops a toujours besoin d’informations de votre part sur le ticket #${t.number} « ${t.subject} ».`,
      action: (t) =>
        t.autoCloseAt
          ? `Répondez pour le garder ouvert : sans réponse, il sera clos le ${t.autoCloseAt}.`
          : 'Répondez pour le garder ouvert : sans réponse, il sera clos automatiquement.',
    },
    ticket_solved: {
      subject: (t) => `[#${t.number}] Résolu : ${t.subject}`,
      lead: (t) => `Le ticket #${t.number} « ${t.subject} » est maintenant au statut « Résolu ».`,
      action: (t) =>
        t.autoCloseAt
          ? `Si le problème n’est pas résolu, répondez pour rouvrir le ticket ; sinon il sera clos le ${t.autoCloseAt}.`
          : 'Si le problème n’est pas résolu, répondez pour rouvrir le ticket ; sinon il sera clos automatiquement.',
    },
    ticket_closed: {
      subject: (t) => `[#${t.number}] Clos : ${t.subject}`,
      lead: (t) => `Le ticket #${t.number} « ${t.subject} » est maintenant au statut « Clos » et n’accepte plus de réponse.`,
      action: () => 'Si vous avez encore besoin d’aide à ce sujet, créez une demande de suivi depuis le ticket.',
    },
    sla_breached: {
      subject: (t) => `[#${t.number}] Objectif de première réponse dépassé : ${t.subject}`,
      lead: (t) => `Le ticket #${t.number} « ${t.subject} » (${TYPES[t.type]}) n’a reçu aucune première réponse dans le délai prévu.`,
      action: () => 'Répondez-y sans attendre.',
    },
    first_reply_warning: {
      subject: (t) => `[#${t.number}] Échéance de première réponse proche : ${t.subject}`,
      lead: (t) => `Le ticket #${t.number} « ${t.subject} » (${TYPES[t.type]}) n’a pas encore reçu de première réponse, et son objectif arrive bientôt à échéance.`,
      action: (t) => (t.firstReplyDueAt ? `Répondez-y avant le ${t.firstReplyDueAt}.` : 'Répondez-y rapidement.'),
    },
    next_reply_warning: {
      subject: (t) => `[#${t.number}] Échéance de prochaine réponse proche : ${t.subject}`,
      lead: (t) => `Le demandeur du ticket #${t.number} « ${t.subject} » (${TYPES[t.type]}) attend une réponse, et l’objectif de prochaine réponse arrive bientôt à échéance.`,
      action: () => 'Répondez-lui rapidement.',
    },
    resolution_warning: {
      subject: (t) => `[#${t.number}] Échéance de résolution proche : ${t.subject}`,
      lead: (t) => `Le ticket #${t.number} « ${t.subject} » (${TYPES[t.type]}) n’est pas encore résolu, et son objectif de résolution arrive bientôt à échéance.`,
      action: () => 'Résolvez-le, ou passez-le « En attente » s’il vous faut des informations du demandeur.',
    },
    next_reply_breached: {
      subject: (t) => `[#${t.number}] Objectif de prochaine réponse dépassé : ${t.subject}`,
      lead: (t) => `Le demandeur du ticket #${t.number} « ${t.subject} » (${TYPES[t.type]}) attend une réponse au-delà de l’objectif de prochaine réponse.`,
      action: () => 'Répondez-lui sans attendre.',
    },
    resolution_breached: {
      subject: (t) => `[#${t.number}] Objectif de résolution dépassé : ${t.subject}`,
      lead: (t) => `Le ticket #${t.number} « ${t.subject} » (${TYPES[t.type]}) n’a pas été résolu dans le délai de son objectif de résolution.`,
      action: () => 'Résolvez-le, ou dites au demandeur où il en est.',
    },
    page_email: {
      subject: (t) => `[#${t.number}] Astreinte : objectif de ${fr.targets[t.page?.target ?? 'firstReply']} dépassé sur un ticket ${TYPES[t.type]} : ${t.subject}`,
      lead: (t) =>
        `Alerte d’astreinte : le ticket #${t.number} « ${t.subject} » (${TYPES[t.type]}) a dépassé son objectif de ${fr.targets[t.page?.target ?? 'firstReply']}${t.page?.breachedAt ? ` le ${t.page.breachedAt}` : ''}.`,
      action: () => 'Prenez-le en charge dès maintenant : répondez au demandeur, ou confiez-le à quelqu’un qui peut le traiter.',
    },
    satisfaction_survey: {
      subject: (t) => `[#${t.number}] Votre avis sur notre aide : ${t.subject}`,
      lead: (t) => `Votre ticket #${t.number} « ${t.subject} » est au statut « Résolu ». Dites-nous comment cela s’est passé : un clic suffit, sans vous connecter.`,
      action: (t) =>
        `Donnez votre avis ici (satisfait ou non, avec un commentaire si vous le souhaitez) :\n${t.ratingUrl ?? fr.linkGone}\n\nLe lien ne sert qu’une fois, jusqu’à la clôture du ticket${t.autoCloseAt ? `, le ${t.autoCloseAt}` : ''}. Si le problème n’est pas résolu, répondez plutôt sur le ticket pour le rouvrir.`,
    },
    satisfaction_bad: {
      subject: (t) => `[#${t.number}] Avis négatif : ${t.subject}`,
      lead: (t) => `Le demandeur du ticket #${t.number} « ${t.subject} » (${TYPES[t.type]}) s’est dit insatisfait de son traitement.`,
      action: () => 'Lisez son commentaire, puis rouvrez le ticket ou contactez le demandeur s’il le faut.',
    },
  },
  targets: { firstReply: 'première réponse', nextReply: 'prochaine réponse', resolution: 'résolution' },
  quoted: (author) => `${author} a écrit :`,
  files: (names) => `Pièces jointes : ${names.join(', ')} (dans le portail).`,
  replyAbove: '##- Veuillez écrire votre réponse au-dessus de cette ligne -##',
  replyByMail: (url) => `Répondez à cet e-mail, ou sur le ticket : ${url}`,
  replyOnline: (url) => `Ouvrir le ticket : ${url}`,
  signature: '\u2014 Support Ops',
  setPassword: {
    subject: 'Votre accès au support : choisissez votre mot de passe',
    text: (url, until) =>
      `Vous avez demandé un accès au portail du support. Suivez ce lien pour choisir votre mot de passe :\n${url}\n\nLe lien ne sert qu’une fois et expire le ${until}.`,
  },
  resetPassword: {
    subject: 'Réinitialisez votre mot de passe du support',
    text: (url, until) =>
      `Quelqu’un (vous, sans doute) a demandé à réinitialiser votre mot de passe du portail du support. Suivez ce lien pour en choisir un nouveau :\n${url}\n\nLe lien ne sert qu’une fois et expire le ${until}. Si vous n’avez rien demandé, ignorez cet e-mail.`,
  },
  linkGone: '(ce lien a déjà servi ou a été retiré)',
  refusedReply: {
    subject: (original) => `Non ajouté à un ticket : ${original}`,
    closed: (number, url) =>
      `Le ticket #${number} est au statut « Clos » et n’accepte plus de réponse : votre e-mail n’y a pas été ajouté. Si vous avez encore besoin d’aide, créez une demande de suivi depuis le ticket : ${url}`,
    tooLarge: (limit) => `Votre e-mail n’a pas été ajouté : ses pièces jointes dépassent ${limit}. Envoyez des fichiers moins nombreux ou plus petits, ou ajoutez-les sur le ticket dans le portail.`,
    notAllowed: (number) => `Votre e-mail n’a pas été ajouté au ticket #${number} : l’adresse d’où il vient n’y participe pas.`,
  },
};

function statusAction(t: TicketFacts): string {
  switch (t.status) {
    case 'pending':
      return t.autoCloseAt
        ? `Support Ops a besoin de votre réponse pour avancer. Répondez pour garder le ticket ouvert : sans réponse, il sera clos le ${t.autoCloseAt}.`
        : 'Support Ops a besoin de votre réponse pour avancer. Répondez pour garder le ticket ouvert.';
    case 'solved':
      return t.autoCloseAt
        ? `Si le problème n’est pas résolu, répondez pour rouvrir le ticket ; sinon il sera clos le ${t.autoCloseAt}.`
        : 'Si le problème n’est pas résolu, répondez pour rouvrir le ticket.';
    case 'on-hold':
      return 'Une autre équipe examine le problème : rien à faire de votre côté pour l’instant.';
    default:
      return 'Répondez si vous avez quelque chose à ajouter.';
  }
}
