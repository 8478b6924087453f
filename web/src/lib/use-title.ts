// Each page names itself in the tab title, which screen readers announce on navigation.
import { useEffect } from 'react';
import { useI18n } from '../i18n';

export function useTitle(title: string): void {
  const { t } = useI18n();
  useEffect(() => {
    document.title = title ? `${title} · ${t.appName}` : t.appName;
  }, [title, t]);
}
