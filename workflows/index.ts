// The workflows this project's workers run (the bundle entry point).
export { ticketWorkflow } from './ticket/workflow.js';
