// The people of the fault run: requesters and Support Ops agents made as an admin would (account,
// access link, password), each signed in over HTTP so that the load carries real session cookies.
import { setPassword } from '../../src/accounts/access.js';
import { issueLink } from '../../src/accounts/links.js';
import { DEFAULT_RATE_LIMITS } from '../../src/accounts/rate-limit.js';
import { createUser } from '../../src/accounts/users.js';
import type { Database } from '../../src/db/client.js';
import { signInOverHttp } from '../helpers/http-api.js';
import type { Cast } from './journey.js';

export interface SignedInPerson {
  id: string;
  email: string;
  cookie: string;
}

async function makePerson(db: Database, apiUrl: string, email: string, role: 'requester' | 'agent'): Promise<SignedInPerson> {
  const password = `Fault-run-${role}-battery-staple-42`;
  const user = await createUser(db, { email, role, name: role === 'agent' ? `Agent ${email.split('@')[0]}` : null });
  const token = new URL(await issueLink(db, apiUrl, 'access', email)).searchParams.get('token')!;
  await setPassword({ db, publicUrl: apiUrl, limits: DEFAULT_RATE_LIMITS }, { token, password }, { address: '127.0.0.1' });
  return { id: user.id, email, cookie: await signInOverHttp(apiUrl, email, password) };
}

/** A cast for every ticket: requesters and agents shared round-robin, a CC address per ticket. */
export async function makeCast(db: Database, apiUrl: string, runId: string, counts = { requesters: 4, agents: 2 }): Promise<(index: number) => Cast> {
  const requesters: SignedInPerson[] = [];
  const agents: SignedInPerson[] = [];
  for (let i = 0; i < counts.requesters; i++) requesters.push(await makePerson(db, apiUrl, `requester-${i}-${runId}@faults.example`, 'requester'));
  for (let i = 0; i < counts.agents; i++) agents.push(await makePerson(db, apiUrl, `agent-${i}-${runId}@faults.example`, 'agent'));
  return (index) => ({
    requester: requesters[index % requesters.length],
    agent: agents[index % agents.length],
    ccEmail: `cc-${index}-${runId}@faults.example`,
  });
}
