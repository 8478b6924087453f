// The accounts the bench acts as, made with the API's own account functions: a requester in an
// organization and a Support Ops agent, each signed in with a server-side session.
import { addMembership, createUser, findOrCreateOrganization, type UserRow } from '../../src/accounts/users.js';
import { startSession } from '../../src/accounts/sessions.js';
import type { Database } from '../../src/db/client.js';
import { apiClient, type ApiClient } from './api-client.js';

export interface SignedInPerson {
  user: UserRow;
  api: ApiClient;
}

export interface BenchPeople {
  organizationId: string;
  requester: SignedInPerson;
  agent: SignedInPerson;
}

async function signedIn(db: Database, apiUrl: string, user: UserRow): Promise<SignedInPerson> {
  const secret = await startSession(db, user.id, { userAgent: 'support-desk-bench', address: '127.0.0.1' });
  return { user, api: apiClient(apiUrl, secret) };
}

export async function createPeople(db: Database, apiUrl: string): Promise<BenchPeople> {
  const organization = await findOrCreateOrganization(db, 'Bench Bikes');
  const requester = await createUser(db, { email: 'requester@bench.test', name: 'Bench Requester' });
  await addMembership(db, requester.id, organization.id);
  const agent = await createUser(db, { email: 'agent@bench.test', name: 'Bench Agent', role: 'agent' });
  return {
    organizationId: organization.id,
    requester: await signedIn(db, apiUrl, requester),
    agent: await signedIn(db, apiUrl, agent),
  };
}
