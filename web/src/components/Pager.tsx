// Previous / next page, with the current page announced.
import { useI18n } from '../i18n';

/** How many tickets a page of a list holds. */
export const PAGE_SIZE = 20;

export function Pager({ page, total, pageSize, hasMore, onPage }: { page: number; total: number | null; pageSize: number; hasMore: boolean; onPage(page: number): void }) {
  const { t } = useI18n();
  const pages = total === null ? null : Math.max(1, Math.ceil(total / pageSize));
  if (page === 1 && !hasMore) return null;
  return (
    <nav className="pager" aria-label={pages ? t.common.page(page, pages) : t.common.pageOnly(page)}>
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t.common.previous}
      </button>
      <span aria-live="polite">{pages ? t.common.page(page, pages) : t.common.pageOnly(page)}</span>
      <button type="button" disabled={!hasMore} onClick={() => onPage(page + 1)}>
        {t.common.next}
      </button>
    </nav>
  );
}
