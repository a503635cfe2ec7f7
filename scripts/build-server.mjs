// Bundles server/ (and the shared modules it imports from src/lib) into one ESM file that plain
// `node` runs on 20.19+, 22 and 24. npm packages stay external and load from node_modules.
import { build } from 'esbuild';

await build({
	entryPoints: { index: 'server/index.ts' },
	outdir: 'dist/server',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	packages: 'external',
	sourcemap: true,
	logLevel: 'warning'
});
