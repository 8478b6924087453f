// Home/Overview: the two doors the guide names, and the console for agents.
import { Link } from 'wouter';
import { useI18n } from '../i18n';
import { useTitle } from '../lib/use-title';
import { isAgent, useSession } from '../session';

export function Home() {
  const { t } = useI18n();
  const { me } = useSession();
  useTitle(t.nav.home);
  return (
    <>
      <h1>{t.home.title}</h1>
      <div className="doors">
        <Link href="/requests/new" className="door">
          <span className="door__title">{t.nav.submit}</span>
          <span className="door__text">{t.home.submitText}</span>
        </Link>
        <Link href="/requests" className="door">
          <span className="door__title">{t.home.checkTitle}</span>
          <span className="door__text">{t.home.checkText}</span>
        </Link>
        {isAgent(me) && (
          <Link href="/agent" className="door door--agent">
            <span className="door__title">{t.home.agentTitle}</span>
            <span className="door__text">{t.home.agentText}</span>
          </Link>
        )}
      </div>
    </>
  );
}
