// The menu under the person's name: My activities (the guide reaches it "from the drop-down menu"),
// the language and Sign out. A disclosure button: Enter or Space opens it, Down arrow opens it and
// enters it, the arrow keys, Home and End move through it, Escape closes it and gives the focus back
// to its button, and it closes when a click or the focus goes elsewhere.
import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Link, useLocation } from 'wouter';
import type { Me } from '../api/types';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { LanguageSwitch } from './LanguageSwitch';
import { PersonName } from './PersonName';

export function UserMenu({ me }: { me: Me }) {
  const { t, lang } = useI18n();
  const { signOut, chooseLanguage } = useSession();
  const [location, navigate] = useLocation();
  const [open, setOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  // Going to another page closes it.
  useEffect(() => setOpen(false), [location]);
  useEffect(() => {
    if (!open) return;
    const closeOutside = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', closeOutside);
    return () => document.removeEventListener('pointerdown', closeOutside);
  }, [open]);

  const items = () => Array.from(root.current?.querySelectorAll<HTMLElement>('.user-menu__item') ?? []);
  const focusItem = (index: number) => {
    const all = items();
    all[(index + all.length) % all.length]?.focus();
  };
  // Opened with the Down arrow: the first item takes the focus as soon as the list is shown.
  const enterOnOpen = useRef(false);
  useLayoutEffect(() => {
    if (open && enterOnOpen.current) focusItem(0);
    enterOnOpen.current = false;
  }, [open]);

  function onKeyDown(event: KeyboardEvent) {
    const current = items().indexOf(document.activeElement as HTMLElement);
    switch (event.key) {
      case 'Escape':
        if (!open) return;
        setOpen(false);
        button.current?.focus();
        break;
      case 'ArrowDown':
        if (open) focusItem(current + 1);
        else {
          enterOnOpen.current = true;
          setOpen(true);
        }
        break;
      case 'ArrowUp':
        if (!open) return;
        focusItem(current < 0 ? -1 : current - 1);
        break;
      case 'Home':
      case 'End':
        if (!open || current < 0) return;
        focusItem(event.key === 'Home' ? 0 : -1);
        break;
      default:
        return;
    }
    event.preventDefault();
  }

  return (
    <div
      className="user-menu"
      ref={root}
      onKeyDown={onKeyDown}
      onBlur={(event) => {
        if (open && !root.current?.contains(event.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <button type="button" ref={button} className="user-menu__button" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        <PersonName person={me} />
        <span className="visually-hidden">, {t.nav.accountMenu}</span>
        <span className="user-menu__caret" aria-hidden="true" />
      </button>
      <ul id={id} className="user-menu__list" hidden={!open}>
        <li className="user-menu__who" translate="no">
          {me.email}
        </li>
        <li>
          <Link href="/requests" className="user-menu__item">
            {t.nav.activities}
          </Link>
        </li>
        <li>
          <LanguageSwitch
            current={lang}
            className="user-menu__item"
            onSwitch={(next) => {
              chooseLanguage(next);
              setOpen(false);
              button.current?.focus();
            }}
          />
        </li>
        <li>
          <button
            type="button"
            className="user-menu__item"
            onClick={async () => {
              await signOut();
              navigate('/sign-in');
            }}
          >
            {t.nav.signOut}
          </button>
        </li>
      </ul>
    </div>
  );
}
