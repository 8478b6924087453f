// Routes. Addresses are stable because e-mails link to them: /tickets/<n>, /set-password?token=…
import type { ReactNode } from 'react';
import { Route, Switch } from 'wouter';
import { Layout } from './components/Layout';
import { RequireUser } from './components/RequireUser';
import { useI18n } from './i18n';
import { AgentQueue } from './pages/AgentQueue';
import { EmailRequest } from './pages/EmailRequest';
import { Home } from './pages/Home';
import { MyActivities } from './pages/MyActivities';
import { SetPassword } from './pages/SetPassword';
import { SignIn } from './pages/SignIn';
import { SubmitRequest } from './pages/SubmitRequest';
import { SUSPENDED_EMAILS_PATH, SuspendedEmails } from './pages/SuspendedEmails';
import { TicketPage } from './pages/TicketPage';

function NotFound() {
  const { t } = useI18n();
  return <h1>{t.notFoundPage}</h1>;
}

const signedIn = (Page: () => ReactNode) => () => (
  <RequireUser>
    <Page />
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
        <Route path="/" component={signedIn(Home)} />
        <Route path="/requests/new" component={signedIn(SubmitRequest)} />
        <Route path="/requests" component={signedIn(MyActivities)} />
        <Route path="/requests/:number" component={signedIn(TicketPage)} />
        <Route path="/tickets/:number" component={signedIn(TicketPage)} />
        <Route path="/agent" component={signedIn(AgentQueue)} />
        <Route path={SUSPENDED_EMAILS_PATH} component={signedIn(SuspendedEmails)} />
        <Route component={NotFound} />
      </Switch>
    </Layout>
  );
}
