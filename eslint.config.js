// Lint rules. The workflows/ rules keep workflow code deterministic: no Node built-ins, no I/O
// libraries, activities imported as types only, and the lifecycle module free of Temporal.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['node_modules/', 'web/dist/', '.data/', '.tools/', 'src/db/migrations/', 'test-artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins.map((name) => ({ name, message: 'Workflows are deterministic: no Node built-ins.' })),
            { name: 'postgres', message: 'Workflows do no I/O: use an activity.' },
            { name: 'drizzle-orm', message: 'Workflows do no I/O: use an activity.' },
            { name: 'nodemailer', message: 'Workflows do no I/O: use an activity.' },
            { name: '@temporalio/client', message: 'Workflows use @temporalio/workflow, not the client.' },
            { name: '@temporalio/worker', message: 'Workflows use @temporalio/workflow, not the worker.' },
            { name: '@temporalio/activity', message: 'Workflows call activities through proxyActivities.' },
          ],
          patterns: [
            { group: ['**/activities', '**/activities/**'], allowTypeImports: true, message: 'Import activities as types only; call them through proxyActivities.' },
            { group: ['**/src/**'], message: 'Workflows may not reach into the server code.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'Use sleep() or condition() from @temporalio/workflow.' },
        { name: 'setInterval', message: 'Use a workflow timer.' },
        { name: 'fetch', message: 'Workflows do no I/O: use an activity.' },
        { name: 'process', message: 'Workflows cannot read the environment.' },
      ],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Use uuid4() or a deterministic value.' }],
    },
  },
  {
    // The lifecycle is pure: the workflow drives it, tests call it directly.
    files: [
      'workflows/ticket/state.ts',
      'workflows/ticket/model.ts',
      'workflows/ticket/commands.ts',
      'workflows/ticket/effects.ts',
      'workflows/ticket/deadlines.ts',
      'workflows/ticket/parse.ts',
      'workflows/ticket/text.ts',
      'workflows/ticket/projection-queue.ts',
      'workflows/ticket/applied-updates.ts',
      'workflows/calendar/**/*.ts',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: ['@temporalio/*'], message: 'The lifecycle module is pure: no Temporal imports.' }] }],
    },
  },
);
