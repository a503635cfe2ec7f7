/**
 * Builds the grid benchmark's page (Dangka's grid or RevoGrid, by ?side=) apart from the app:
 * `vite build -c bench/grid/vite.config.ts` writes dist/bench-grid/, which bench/gridRun.ts serves.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { svelte, vitePreprocess } from '@sveltejs/vite-plugin-svelte';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
	root: here('.'),
	base: './',
	logLevel: 'warn',
	plugins: [svelte({ configFile: false, preprocess: vitePreprocess(), compilerOptions: { runes: true } })],
	resolve: { alias: { $lib: here('../../src/lib') } },
	build: {
		outDir: here('../../dist/bench-grid'),
		emptyOutDir: true,
		sourcemap: true,
		rollupOptions: { input: here('index.html') }
	}
});
