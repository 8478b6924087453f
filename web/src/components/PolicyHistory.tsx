// The versions of a policy or a calendar, newest first: its number, who saved it and when. The
// first version of a fresh install was seeded from its settings, by no one.
import type { ReactNode } from 'react';
import { useI18n } from '../i18n';
import type { Author } from '../lib/policy-types';
import { PersonName } from './PersonName';
import { When } from './When';

interface Props {
  title: ReactNode;
  versions: Array<{ version: number; createdAt: string; createdBy: Author }>;
  testId: string;
}

export function PolicyHistory({ title, versions, testId }: Props) {
  const { t } = useI18n();
  const h = t.serviceLevels.history;
  return (
    <details className="policy-history" data-testid={testId}>
      <summary>{title}</summary>
      <table className="report-table">
        <thead>
          <tr>
            <th scope="col">{h.version}</th>
            <th scope="col">{h.savedBy}</th>
            <th scope="col">{h.savedAt}</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v, i) => (
            <tr key={v.version} data-testid="version" data-version={v.version}>
              <th scope="row">
                {v.version}
                {i === 0 && <span className="policy-history__current"> · {h.current}</span>}
              </th>
              <td>{v.createdBy ? <PersonName person={v.createdBy} /> : h.seeded}</td>
              <td>
                <When at={v.createdAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
