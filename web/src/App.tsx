// Routes. Addresses are stable because e-mails link to them: /tickets/<n>, /set-password?token=…
import { lazy, Suspense, type ComponentType } from 'react';
import { Redirect, Route, Switch } from 'wouter';
import { Layout } from './components/Layout';
import { RequireUser, type Only } from './components/RequireUser';
import { useI18n } from './i18n';
import { AgentQueue } from './pages/AgentQueue';
import { EmailRequest } from './pages/EmailRequest';
import { Home } from './pages/Home';
import { MyActivities } from './pages/MyActivities';
import { SetPassword } from './pages/SetPassword';
import { SignIn } from './pages/SignIn';
import { SubmitRequest } from './pages/SubmitRequest';
import { ADMIN_ACCESS_PATH, ADMIN_LOG_PATH, ADMIN_ORGANIZATIONS_PATH, ADMIN_PEOPLE_PATH, MACROS_PATH, REPORTS_PATH, SATISFACTION_PATH, SEARCH_PATH, SERVICE_LEVELS_PATH } from './pages/paths';
import { SUSPENDED_EMAILS_PATH, SuspendedEmails } from './pages/SuspendedEmails';
import { TicketPage } from './pages/TicketPage';

// Loaded when first visited: the search, the reports bring their chart library, the
// administration its forms; a first visit of the portal downloads none of them.
const Reports = lazy(() => import('./pages/Reports').then((module) => ({ default: module.Reports })));
const Search = lazy(() => import('./pages/Search').then((module) => ({ default: module.Search })));
const AdminPeople = lazy(() => import('./pages/AdminPeople').then((module) => ({ default: module.AdminPeople })));
const Macros = lazy(() => import('./pages/Macros').then((module) => ({ default: module.Macros })));
const AdminOrganizations = lazy(() => import('./pages/AdminOrganizations').then((module) => ({ default: module.AdminOrganizations })));
const AdminLog = lazy(() => import('./pages/AdminLog').then((module) => ({ default: module.AdminLog })));
const AdminAccess = lazy(() => import('./pages/AdminAccess').then((module) => ({ default: module.AdminAccess })));
// Reached from an e-mail only, by people who mostly are not signed in.
const Satisfaction = lazy(() => import('./pages/Satisfaction').then((module) => ({ default: module.Satisfaction })));
const ServiceLevels = lazy(() => import('./pages/ServiceLevels').then((module) => ({ default: module.ServiceLevels })));

function Loading() {
  const { t } = useI18n();
  return <p aria-busy="true">{t.common.loading}</p>;
}

function NotFound() {
  const { t } = useI18n();
  return <h1>{t.notFoundPage}</h1>;
}

const signedIn = (Page: ComponentType, only?: Only) => () => (
  <RequireUser only={only}>
    <Suspense fallback={<Loading />}>
      <Page />
    </Suspense>
  </RequireUser>
);

export function App() {
  return (
    <Layout>
      <Switch>
        <Route path="/sign-in" component={SignIn} />
        <Route path="/request-access">{() => <EmailRequest purpose="access" />}</Route>
        <Route path="/forgot-password">{() => <EmailRequest purpose="reset" />}</Route>
        <Route path="/set-password/:token" component={SetPassword} />
        <Route path="/set-password" component={SetPassword} />
        <Route path="/reset-password/:token" component={SetPassword} />
        <Route path="/reset-password" component={SetPassword} />
        <Route path={SATISFACTION_PATH}>
          {() => (
            <Suspense fallback={<Loading />}>
              <Satisfaction />
            </Suspense>
          )}
        </Route>
        <Route path="/" component={signedIn(Home)} />
        <Route path="/requests/new" component={signedIn(SubmitRequest)} />
        <Route path="/requests" component={signedIn(MyActivities)} />
        <Route path="/requests/:number" component={signedIn(TicketPage)} />
        <Route path="/tickets/:number" component={signedIn(TicketPage)} />
        <Route path="/agent" component={signedIn(AgentQueue)} />
        <Route path={SUSPENDED_EMAILS_PATH} component={signedIn(SuspendedEmails)} />
        <Route path={SEARCH_PATH} component={signedIn(Search)} />
        <Route path={REPORTS_PATH} component={signedIn(Reports, 'staff')} />
        <Route path={MACROS_PATH} component={signedIn(Macros, 'staff')} />
        <Route path={ADMIN_PEOPLE_PATH} component={signedIn(AdminPeople, 'admin')} />
        <Route path={ADMIN_ORGANIZATIONS_PATH} component={signedIn(AdminOrganizations, 'admin')} />
        <Route path={ADMIN_LOG_PATH} component={signedIn(AdminLog, 'admin')} />
        <Route path={ADMIN_ACCESS_PATH} component={signedIn(AdminAccess, 'admin')} />
        <Route path={SERVICE_LEVELS_PATH} component={signedIn(ServiceLevels, 'staff')} />
        <Route path="/admin">{() => <Redirect to={ADMIN_PEOPLE_PATH} replace />}</Route>
        <Route component={NotFound} />
      </Switch>
    </Layout>
  );
}
