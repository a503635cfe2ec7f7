import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { execSync } from 'node:child_process';

/**
 * The app version names the service worker's cache and tells clients a new release exists. It
 * must be the same every time this file is loaded during one build, so it comes from git (or
 * DANGKA_VERSION), never from the clock.
 */
function appVersion() {
	if (process.env.DANGKA_VERSION) return process.env.DANGKA_VERSION;
	try {
		return execSync('git describe --always --dirty', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
	} catch {
		return process.env.npm_package_version ?? 'dev';
	}
}

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		// The app is a local-first SPA: every page renders in the browser from IndexedDB, and
		// the Node server in server/ serves this build with index.html as the fallback.
		// precompress: a .br and a .gz beside every asset, made once at build time, which the
		// server sends to a browser that accepts them (a phone on a slow line gets a fifth of the bytes).
		adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html', strict: true, precompress: true }),
		serviceWorker: { register: false },
		version: { name: appVersion() }
	}
};

export default config;
