// Bundles server/ (and the shared modules it imports from src/lib) into ESM files that plain
// `node` runs on 20.19+, 22 and 24; the benchmarks are bundled the same way. npm packages stay
// external and load from node_modules.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', sourcemap: true, logLevel: 'warning' };

await build({ ...common, entryPoints: { index: 'server/index.ts', admin: 'server/admin.ts' }, outdir: 'dist/server' });
await build({
	...common,
	entryPoints: { run: 'bench/run.ts', syncLoad: 'bench/syncLoad.ts', gridRun: 'bench/gridRun.ts' },
	outdir: 'dist/bench'
});
