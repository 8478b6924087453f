// portalConfig.*: the few server settings the web client shows. The Temporal UI is an ops tool,
// so only Support Ops learn where it is.
import { isStaff } from '../../accounts/users.js';
import { answersByMail } from '../../mail/delivery.js';
import { MAX_ATTACHMENTS_PER_MESSAGE } from '../../../workflows/ticket/model.js';
import { router, signedInProcedure } from '../trpc.js';

export const portalConfigRouter = router({
  get: signedInProcedure.query(({ ctx }) => ({
    temporalUiUrl: isStaff(ctx.me) ? (ctx.deps.config.TEMPORAL_UI_URL?.replace(/\/$/, '') ?? null) : null,
    temporalNamespace: ctx.deps.config.TEMPORAL_NAMESPACE,
    /** What the portal says of, and checks before sending, files (the server checks again). */
    attachmentLimits: {
      maxFiles: MAX_ATTACHMENTS_PER_MESSAGE,
      maxFileBytes: ctx.deps.config.ATTACHMENT_MAX_FILE_SIZE,
      maxMessageBytes: ctx.deps.config.ATTACHMENT_MAX_MESSAGE_SIZE,
    },
    /** Whether answering an e-mail reaches the ticket (a support mailbox is read). */
    repliesByMail: answersByMail(ctx.deps.config),
  })),
});
