// The frame of every page: skip link, header with navigation and the person's menu (or, before
// signing in, the language switch), main area.
import { useEffect, useRef, type ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { useI18n } from '../i18n';
import { ADMIN_PEOPLE_PATH, MACROS_PATH, REPORTS_PATH, SEARCH_PATH, SERVICE_LEVELS_PATH } from '../pages/paths';
import { SUSPENDED_EMAILS_PATH } from '../pages/SuspendedEmails';
import { isAgent, useSession } from '../session';
import { LanguageSwitch } from './LanguageSwitch';
import { UserMenu } from './UserMenu';

export function Layout({ children }: { children: ReactNode }) {
  const { t, lang } = useI18n();
  const { me, chooseLanguage } = useSession();
  const [location] = useLocation();
  const current = (path: string) => (location === path ? 'page' : undefined);
  // After moving to another page, keyboard and screen-reader users start at its content, as
  // they would after a full page load (but not on the first load, where the browser decides).
  const mainRef = useRef<HTMLElement>(null);
  const firstLocation = useRef(true);
  useEffect(() => {
    if (firstLocation.current) {
      firstLocation.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [location]);
  return (
    <>
      <a className="skip-link" href="#main">
        {t.skipToContent}
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link href="/" className="brand">
            {t.appName}
          </Link>
          {me && (
            <nav aria-label={t.nav.main} className="main-nav">
              <Link href="/" aria-current={current('/')}>
                {t.nav.home}
              </Link>
              <Link href="/requests/new" aria-current={current('/requests/new')}>
                {t.nav.submit}
              </Link>
              <Link href="/requests" aria-current={current('/requests')}>
                {t.nav.activities}
              </Link>
              <Link href={SEARCH_PATH} aria-current={current(SEARCH_PATH)}>
                {t.nav.search}
              </Link>
              {isAgent(me) && (
                <>
                  <Link href="/agent" aria-current={current('/agent')}>
                    {t.nav.queue}
                  </Link>
                  <Link href={SUSPENDED_EMAILS_PATH} aria-current={current(SUSPENDED_EMAILS_PATH)}>
                    {t.nav.suspended}
                  </Link>
                  <Link href={REPORTS_PATH} aria-current={current(REPORTS_PATH)}>
                    {t.nav.reports}
                  </Link>
                  <Link href={MACROS_PATH} aria-current={current(MACROS_PATH)}>
                    {t.macros.nav}
                  </Link>
                  {/* Admins reach it among the administration tabs. */}
                  {me.role !== 'admin' && (
                    <Link href={SERVICE_LEVELS_PATH} aria-current={current(SERVICE_LEVELS_PATH)}>
                      {t.serviceLevels.title}
                    </Link>
                  )}
                </>
              )}
              {me.role === 'admin' && (
                <Link href={ADMIN_PEOPLE_PATH} aria-current={location.startsWith('/admin') ? 'page' : undefined}>
                  {t.nav.admin}
                </Link>
              )}
            </nav>
          )}
          <div className="header-tools">
            {me ? <UserMenu me={me} /> : <LanguageSwitch current={lang} onSwitch={chooseLanguage} className="link-button" />}
          </div>
        </div>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} className="page">
        {children}
      </main>
    </>
  );
}
