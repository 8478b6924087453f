// Administration, Service levels: the SLA targets by type and priority, the lifecycle durations and
// the business-hours calendars that a new ticket takes when it starts (policies.current), each with
// its history of versions (policies.history). Admins save new versions, each based on the version
// shown, so that a colleague's save in between is refused rather than undone; Support Ops agents
// read them. Loaded on demand (App.tsx).
import { api } from '../api/client';
import { AdminTabs } from '../components/AdminTabs';
import { ApiError } from '../components/ApiError';
import { ApplySlaToOpen } from '../components/ApplySlaToOpen';
import { CalendarsSection } from '../components/CalendarsSection';
import { LifecycleSection } from '../components/LifecycleSection';
import { PolicyHistory } from '../components/PolicyHistory';
import { SlaTargetsSection } from '../components/SlaTargetsSection';
import { useI18n } from '../i18n';
import { useAsync } from '../lib/use-async';
import { useTitle } from '../lib/use-title';
import { useSession } from '../session';

export function ServiceLevels() {
  const { t } = useI18n();
  const s = t.serviceLevels;
  const { me } = useSession();
  const canEdit = me?.role === 'admin';
  useTitle(canEdit ? `${s.title} · ${t.admin.title}` : s.title);
  const policies = useAsync(() => Promise.all([api.policies.current.query(), api.policies.history.query({})]), []);
  const [current, history] = policies.data ?? [];
  return (
    <>
      <h1>{canEdit ? t.admin.title : s.title}</h1>
      {canEdit && <AdminTabs />}
      <p className="lead">{s.intro}</p>
      {!canEdit && <p className="hint" data-testid="read-only">{s.readOnly}</p>}
      <ApiError error={policies.error} />
      {policies.loading && !policies.data ? <p aria-busy="true">{t.common.loading}</p> : null}
      {current && history && (
        <div className="service-levels">
          <section aria-labelledby="sla-title">
            <h2 id="sla-title">{s.sla.title}</h2>
            <p className="hint">{s.sla.intro}</p>
            <p className="hint">{s.version(current.sla.version)}</p>
            <SlaTargetsSection sla={current.sla} calendars={current.calendars} canEdit={canEdit} onSaved={policies.reload} />
            {canEdit && <ApplySlaToOpen key={current.sla.version} version={current.sla.version} onReload={policies.reload} />}
            <PolicyHistory title={s.history.sla} versions={history.sla} testId="history-sla" />
          </section>
          <section aria-labelledby="lifecycle-title">
            <h2 id="lifecycle-title">{s.lifecycle.title}</h2>
            <p className="hint">{s.lifecycle.intro}</p>
            <p className="hint">{s.version(current.lifecycle.version)}</p>
            <LifecycleSection lifecycle={current.lifecycle} canEdit={canEdit} onSaved={policies.reload} />
            <PolicyHistory title={s.history.lifecycle} versions={history.lifecycle} testId="history-lifecycle" />
          </section>
          <section aria-labelledby="calendars-title">
            <h2 id="calendars-title">{s.calendars.title}</h2>
            <p className="hint">{s.calendars.intro}</p>
            <CalendarsSection calendars={current.calendars} history={history.calendars} canEdit={canEdit} onSaved={policies.reload} />
          </section>
        </div>
      )}
    </>
  );
}
