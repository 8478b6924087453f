// The Temporal server's dynamic config file, made from src/temporal/server-settings.ts (the values
// every server the product starts gets), so the cluster's cannot drift from the dev server's.
// docker-compose.yml carries the same text as the temporal service's dynamic config, which
// test/ops/compose.test.ts compares with this rendering.
import { TICKET_SERVER_SETTINGS } from '../temporal/server-settings.js';

export type DynamicConfig = Record<string, string | number | boolean>;

export function renderDynamicConfig(settings: DynamicConfig = TICKET_SERVER_SETTINGS): string {
  const header = [
    '# Temporal dynamic config of the support desk: made from src/temporal/server-settings.ts',
    '# (`npm run cluster` writes it; test/ops/compose.test.ts checks the copy in docker-compose.yml).',
  ];
  // Each key applies everywhere (no constraints); values are JSON, which YAML reads as they are.
  const entries = Object.entries(settings).flatMap(([key, value]) => [`${key}:`, `  - value: ${JSON.stringify(value)}`, '    constraints: {}']);
  return [...header, ...entries, ''].join('\n');
}
