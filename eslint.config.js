import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import berth from './eslint/plugin.js';

/**
 * Berth's dependency graph (drawn in the README's Architecture section), enforced by `berth/layers`. For each
 * layer — a folder, or one file — the Berth folders and modules it may import ('x/' is a folder, anything
 * else one module), the modules it may import for their types only, and which packages it may use. The most
 * specific layer applies. A file directly in main/ or renderer/ that is no entry point belongs in a folder.
 */
const MAIN_DOMAINS = ['engine', 'compose', 'kube', 'tasks', 'settings', 'system', 'logs'];
const NO_NODE = { not: ['electron', 'node'] };
/** The contract's modules that import no schema (zod): the renderer's shell may take values from these only. */
const SHELL_CONTRACT = ['contract/apiError', 'contract/bridge'];
const layers = {
  // The one API: used by all, uses nothing of Berth.
  'contract/': { may: ['contract/'], packages: { only: ['zod'] } },
  // The renderer's shell takes these two at run time (SHELL_CONTRACT): they stay free of schemas.
  'contract/apiError': { may: [], packages: { only: [] } },
  'contract/bridge': { may: [], types: ['contract/'], packages: { only: [] } },
  'preload/': { may: ['contract/'], packages: { only: ['electron'] } },

  // main: common below the domains, the domains below the backend; ipc and desktop only from the entry points.
  'main/': {},
  'main/common/': { may: ['contract/', 'main/common/'] },
  ...Object.fromEntries(
    MAIN_DOMAINS.map((domain) => [
      `main/${domain}/`,
      // Every long operation is a task: a domain may run tasks, and is handed its services (their types).
      { may: ['contract/', 'main/common/', 'main/tasks/taskManager', `main/${domain}/`], types: ['main/services'] },
    ]),
  ),
  'main/ipc/': { may: ['contract/', 'main/common/', 'main/ipc/'] },
  'main/desktop/': { may: ['contract/', 'main/common/', 'main/desktop/'] },
  'main/services': { may: ['contract/', 'main/common/', ...MAIN_DOMAINS.map((d) => `main/${d}/`)] },
  'main/backend': { may: ['contract/', 'main/'] },
  'main/index': { may: ['contract/', 'main/'] },
  'main/web': { may: ['contract/', 'main/'] },

  // renderer: views use stores, components, api and common, never the other way round; nothing of main. The
  // shell (everything but the views) loads with the first paint, so it takes from the contract the modules
  // free of schemas (SHELL_CONTRACT) and the rest for their types only: zod stays in the chunks of the
  // dialogs that validate forms, off the first paint's path.
  'renderer/': {},
  'renderer/common/': { may: [...SHELL_CONTRACT, 'renderer/common/'], types: ['contract/'], packages: NO_NODE },
  'renderer/api/': { may: [...SHELL_CONTRACT, 'renderer/api/'], types: ['contract/'], packages: NO_NODE },
  'renderer/stores/': {
    may: [...SHELL_CONTRACT, 'renderer/common/', 'renderer/api/', 'renderer/stores/'],
    types: ['contract/'],
    packages: NO_NODE,
  },
  'renderer/components/': {
    may: [...SHELL_CONTRACT, 'renderer/common/', 'renderer/api/', 'renderer/stores/', 'renderer/components/'],
    types: ['contract/'],
    packages: NO_NODE,
  },
  'renderer/views/': {
    may: [
      'contract/',
      'renderer/common/',
      'renderer/api/',
      'renderer/stores/',
      'renderer/components/',
      'renderer/views/',
    ],
    packages: NO_NODE,
  },
  'renderer/App': { may: [...SHELL_CONTRACT, 'renderer/'], types: ['contract/'], packages: NO_NODE },
  'renderer/main': { may: [...SHELL_CONTRACT, 'renderer/'], types: ['contract/'], packages: NO_NODE },
  // The entry's first module: it asks for the shell's code (App) and React's DOM renderer.
  'renderer/shellCode': { may: ['renderer/App', 'renderer/common/'], packages: NO_NODE },
  'renderer/vite-env.d': { may: [] },
};

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test/kube-cluster/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { berth },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'berth/layers': ['error', { layers }],
      'berth/unit-test-paths': 'error',
    },
  },
  // Globals by runtime: the renderer is a browser page, main, preload and the tooling run on Node, the
  // contract on both (so it may use neither's globals); tests drive both.
  { files: ['renderer/**'], languageOptions: { globals: globals.browser } },
  {
    files: ['main/**', 'preload/**', 'scripts/**', 'eslint/**', '*.{js,ts}'],
    languageOptions: { globals: globals.node },
  },
  { files: ['test/**'], languageOptions: { globals: { ...globals.node, ...globals.browser } } },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
);
