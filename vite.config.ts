import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: {
		proxy: {
			// In `vite dev` the sync server runs separately (npm run serve) on port 3000.
			'/sync': { target: 'ws://localhost:3000', ws: true },
			'/api': 'http://localhost:3000'
		}
	},
	test: {
		include: ['src/**/*.test.ts', 'server/**/*.test.ts', 'tests/server/**/*.test.ts'],
		environment: 'node',
		// Calendar days (deadlines, survey dates, "not in the future") are Beijing days.
		env: { TZ: 'Asia/Shanghai' },
		testTimeout: 30_000,
		hookTimeout: 60_000,
		// Server integration tests spawn real server processes on their own ports and data dirs;
		// two cores, so keep file-level parallelism modest.
		maxWorkers: 2
	}
});
