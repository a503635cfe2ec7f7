import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		// The app is a local-first SPA: every page renders in the browser from IndexedDB, and
		// the Node server in server/ serves this build with index.html as the fallback.
		adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html', strict: true }),
		serviceWorker: { register: false },
		version: { name: process.env.DANGKA_VERSION ?? new Date().toISOString() }
	}
};

export default config;
