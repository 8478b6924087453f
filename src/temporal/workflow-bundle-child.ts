// Run by bundleInChildProcess (workflow-bundle.ts): bundles the workflows named by its argument,
// sends the code to its parent and exits, taking webpack's memory with it.
import { bundleTicketWorkflows } from './workflow-bundle.js';

try {
  const code = await bundleTicketWorkflows(process.argv[2]);
  process.send!({ code }, () => process.exit(0));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
