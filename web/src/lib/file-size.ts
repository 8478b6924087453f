// A file's size as people read it, in their language: "512 bytes", "12 KB", "1.2 MB" in English;
// "512 octets", "12 Ko", "1,2 Mo" in French (units of 1,024, as file managers count them).
import type { Messages } from '../i18n/en';
import type { Lang } from '../i18n/languages';

export function formatSize(bytes: number, lang: Lang, t: Messages): string {
  const number = (value: number, digits: number) => new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(value);
  if (bytes < 1024) return t.files.bytes(number(bytes, 0));
  if (bytes < 1024 * 1024) return t.files.kilobytes(number(bytes / 1024, bytes < 10 * 1024 ? 1 : 0));
  return t.files.megabytes(number(bytes / (1024 * 1024), 1));
}
