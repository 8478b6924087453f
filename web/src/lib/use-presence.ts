// Telling the desk that this agent has the ticket open (presence.heartbeat, every heartbeatMs the
// server asks for, and at once when they start or stop writing a reply), and learning who else
// has: each heartbeat answers with the others. The page says it is gone (presence.leave) when it
// closes or moves to another ticket, so the others do not wait for the heartbeats' time to run out.
import { createTRPCClient, httpLink } from '@trpc/client';
import { useEffect, useRef, useState } from 'react';
import type { AppRouter } from '../../../src/api/router';
import { api } from '../api/client';
import type { Presence, PresenceActivity } from '../api/types';

/** Until the server has said how often (src/api/presence.ts, PRESENCE_HEARTBEAT_MS). */
const FIRST_HEARTBEAT_MS = 10_000;

// A page that is closing cancels its requests, except those sent with keepalive: the leave goes
// that way, by a client of its own (the batching client would hold it back a tick).
const closing = createTRPCClient<AppRouter>({
  links: [httpLink({ url: '/trpc', fetch: (url, options) => fetch(url, { ...(options as RequestInit), keepalive: true }) })],
});

/** Who else of Support Ops is on the ticket: `initial` (the ticket's own answer) until the first heartbeat answers. */
export function usePresence(number: number, activity: PresenceActivity, enabled: boolean, initial: Presence[]): Presence[] {
  const [others, setOthers] = useState<Presence[] | null>(null);
  const activityNow = useRef(activity);
  activityNow.current = activity;
  const beatNow = useRef<() => void>(() => {});

  useEffect(() => {
    if (!enabled) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let every = FIRST_HEARTBEAT_MS;
    // Counted, so that only the latest heartbeat plans the next one.
    let latest = 0;
    async function beat() {
      const mine = ++latest;
      clearTimeout(timer);
      try {
        const answer = await api.presence.heartbeat.mutate({ number, activity: activityNow.current });
        if (!stopped && mine === latest) {
          setOthers(answer.others);
          every = answer.heartbeatMs;
        }
      } catch {
        // A missed heartbeat is made up by the next one; presence is a courtesy, not the ticket.
      }
      if (!stopped && mine === latest) timer = setTimeout(beat, every);
    }
    const leave = () => void closing.presence.leave.mutate({ number }).catch(() => {});
    // Back from the browser's back/forward cache: here again.
    const back = (event: PageTransitionEvent) => {
      if (event.persisted) void beat();
    };
    beatNow.current = () => void beat();
    window.addEventListener('pagehide', leave);
    window.addEventListener('pageshow', back);
    void beat();
    return () => {
      stopped = true;
      clearTimeout(timer);
      beatNow.current = () => {};
      window.removeEventListener('pagehide', leave);
      window.removeEventListener('pageshow', back);
      setOthers(null);
      leave();
    };
  }, [number, enabled]);

  // Starting or stopping a reply is said at once, not at the next heartbeat.
  const said = useRef(activity);
  useEffect(() => {
    if (said.current === activity) return;
    said.current = activity;
    beatNow.current();
  }, [activity]);

  return others ?? initial;
}
