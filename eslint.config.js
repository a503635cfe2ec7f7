import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

export default ts.config(
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'], svelteConfig } }
	},
	{
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			// A focused test silently skips the rest of the suite.
			'no-restricted-properties': [
				'error',
				{ object: 'it', property: 'only' },
				{ object: 'test', property: 'only' },
				{ object: 'describe', property: 'only' }
			]
		}
	},
	{
		// The domain core runs in the browser and on the server alike: no Node built-ins, no UI.
		files: [
			'src/lib/dossier/**',
			'src/lib/templates/**',
			'src/lib/sync/**',
			'src/lib/accounting/**',
			'src/lib/calendar/**',
			'src/lib/campaign/**',
			'src/lib/export/**',
			'src/lib/household/**',
			'src/lib/names/**',
			'src/lib/ledger/**',
			'src/lib/organisation/**',
			'src/lib/review/**',
			'src/lib/signing/**',
			'src/lib/statistics/**',
			'src/lib/import/**',
			'src/lib/booklet/**'
		],
		ignores: ['**/*.test.ts'],
		rules: {
			'no-restricted-imports': ['error', { patterns: ['node:*', 'svelte', 'svelte/*', 'dexie', '$app/*'] }]
		}
	},
	{ ignores: ['build/', 'dist/', '.svelte-kit/', 'node_modules/', 'test-results/', 'playwright-report/', 'bench/results/'] }
);
