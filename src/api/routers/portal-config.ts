// portalConfig.*: the few server settings the web client shows. The Temporal UI is an ops tool,
// so only Support Ops learn where it is.
import { isStaff } from '../../accounts/users.js';
import { router, signedInProcedure } from '../trpc.js';

export const portalConfigRouter = router({
  get: signedInProcedure.query(({ ctx }) => ({
    temporalUiUrl: isStaff(ctx.me) ? (ctx.deps.config.TEMPORAL_UI_URL?.replace(/\/$/, '') ?? null) : null,
    temporalNamespace: ctx.deps.config.TEMPORAL_NAMESPACE,
  })),
});
