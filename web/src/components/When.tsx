// A moment on the page: said by the one formatter (lib/format.ts), machine-readable in dateTime,
// and wrapping, when it must, between its date and its time of day.
import { useI18n } from '../i18n';
import { instantParts, isoOf, type Instant } from '../lib/format';

export function When({ at }: { at: Instant }) {
  const { lang } = useI18n();
  const parts = instantParts(at, lang);
  if (!parts) return null;
  return (
    <time dateTime={isoOf(at)}>
      <span className="moment__part">{parts.date}</span> <span className="moment__part">{parts.time}</span>
    </time>
  );
}
