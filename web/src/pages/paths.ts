// Addresses of the pages loaded on demand (reports, administration): the menu links to them
// without importing the pages themselves, which stay out of the first visit's JavaScript.
export const REPORTS_PATH = '/reports';
export const ADMIN_PEOPLE_PATH = '/admin/people';
export const ADMIN_ORGANIZATIONS_PATH = '/admin/organizations';
export const ADMIN_LOG_PATH = '/admin/log';
export const ADMIN_ACCESS_PATH = '/admin/access';
/** SLA targets, lifecycle durations and calendars: admins change them, Support Ops agents read them. */
export const SERVICE_LEVELS_PATH = '/admin/service-levels';
export const SEARCH_PATH = '/search';
/** Support Ops' shared canned replies. */
export const MACROS_PATH = '/agent/canned-replies';
/** The satisfaction survey's page, from the link in its e-mail (src/mail/templates.ts, satisfactionUrl): no sign-in. */
export const SATISFACTION_PATH = '/satisfaction';
