// The service levels' shapes, exactly as the policies router gives them (src/api/routers/policies.ts).
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../src/api/router.js';

type Outputs = inferRouterOutputs<AppRouter>['policies'];
type Inputs = inferRouterInputs<AppRouter>['policies'];

export type Policies = Outputs['current'];
export type PolicyHistory = Outputs['history'];
export type SlaVersion = Policies['sla'];
export type SlaTargets = SlaVersion['value'];
export type SlaTarget = SlaTargets['critical']['urgent']['firstReply'];
export type LifecycleVersion = Policies['lifecycle'];
export type LifecycleDurations = LifecycleVersion['value'];
export type CalendarVersion = Policies['calendars'][number];
export type CalendarInput = Inputs['setCalendar']['calendar'];
export type OpeningHours = CalendarInput['week']['mon'][number];
/** Who saved a version; null for what the install seeded. */
export type Author = SlaVersion['createdBy'];
