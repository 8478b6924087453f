// Where the product's own files are, for what it ships or installs beside its code (scripts,
// web/dist, the Temporal CLI that scripts/install-tools.sh puts in .tools/bin).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The Temporal CLI as scripts/install-tools.sh installs it. */
export const LOCAL_TEMPORAL_CLI = join(PROJECT_ROOT, '.tools', 'bin', 'temporal');
