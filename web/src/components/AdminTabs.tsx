// The administration pages, as tabs under the title: People, Organizations, the admin log, who
// may request access and the service levels.
import { Link, useLocation } from 'wouter';
import { useI18n } from '../i18n';
import { ADMIN_ACCESS_PATH, ADMIN_LOG_PATH, ADMIN_ORGANIZATIONS_PATH, ADMIN_PEOPLE_PATH, SERVICE_LEVELS_PATH } from '../pages/paths';

export function AdminTabs() {
  const { t } = useI18n();
  const [location] = useLocation();
  return (
    <nav className="tabs" aria-label={t.admin.sections}>
      {[
        [ADMIN_PEOPLE_PATH, t.admin.people],
        [ADMIN_ORGANIZATIONS_PATH, t.admin.organizations],
        [ADMIN_LOG_PATH, t.admin.log],
        [ADMIN_ACCESS_PATH, t.admin.access],
        [SERVICE_LEVELS_PATH, t.serviceLevels.title],
      ].map(([path, label]) => (
        <Link key={path} href={path} className="tab" aria-current={location === path ? 'page' : undefined}>
          {label}
        </Link>
      ))}
    </nav>
  );
}
