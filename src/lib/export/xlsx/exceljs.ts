/**
 * The one place exceljs is imported.
 *
 * Which file, and why. exceljs 4.4's package.json has `main: ./excel.js` (the Node build: it
 * requires fs, stream, archiver-era helpers and polyfilled Node built-ins through its own
 * dependency tree) and `browser: ./dist/exceljs.min.js` (a browserify UMD bundle). Importing the
 * bare specifier `exceljs` would therefore run one build under vitest and the bench (Node picks
 * `main`) and another in the app (Vite honours `browser`), so the tests would not test what
 * ships. Instead every environment imports the same prebuilt bundle by path:
 *
 * - `dist/exceljs.bare.min.js` (≈ 860 KB, ≈ 250 KB gzipped) rather than `exceljs.min.js`:
 *   the same code without core-js/regenerator polyfills (it uses native async functions and
 *   arrows), which every browser that runs this app already has, and which in Node would patch
 *   globals the rest of the process shares.
 * - It is a UMD bundle: with CommonJS `module`/`exports` in scope it assigns `module.exports`,
 *   otherwise it sets `self.ExcelJS`. Node's ESM loader (vitest, the esbuild-bundled bench with
 *   npm packages external) loads it as CommonJS and hands `module.exports` over as the default
 *   export; Vite (dev pre-bundling and the Rollup/Rolldown build alike) wraps CommonJS the same
 *   way, so `import ExcelJS from '…/exceljs.bare.min.js'` is the module object everywhere. A
 *   namespace import (`import * as`) would not work in Node: the lexer finds no named exports in
 *   a UMD bundle. The package has no `exports` map, so the deep path resolves everywhere.
 * - It does not touch `window` or `document` unguarded (its setImmediate shim falls back to
 *   MessageChannel), so it runs in a Web Worker. Only Workbook, xlsx.writeBuffer and xlsx.load
 *   are used here; the streaming WorkbookWriter and CSV need Node streams and are not used.
 * - Types: the bundle has none, so exceljs-bundle.d.ts declares it as the package's own types.
 *
 * Loading it: the app must not put 860 KB on its first page. Import this folder only through a
 * dynamic `import('$lib/export/xlsx')` (Vite splits it into its own chunk), ideally inside a
 * module Web Worker (`new Worker(new URL('./xlsxWorker.ts', import.meta.url), { type: 'module' })`)
 * that is given the dossier as `Y.encodeStateAsUpdate(doc)` and returns the ArrayBuffer as a
 * transferable, posting progress as it goes.
 */
// The bundle's types are an ambient module declaration; the server and bench tsconfigs reach it
// only through this reference.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./exceljs-bundle.d.ts" />
import ExcelJS from 'exceljs/dist/exceljs.bare.min.js';

export { ExcelJS };
export type { Alignment, Border, Borders, Cell, CellValue, Font, Style, Workbook, Worksheet } from 'exceljs';

/**
 * The workbook as the bytes of an .xlsx file. Large workbooks are deflated at the fastest level:
 * at 750,000 cells the default level takes twice as long for a file a third smaller.
 */
export async function workbookBytes(workbook: import('exceljs').Workbook, cells: number): Promise<ArrayBuffer> {
	const level = cells > 100_000 ? 1 : 6;
	const out: unknown = await workbook.xlsx.writeBuffer({ zip: { compression: 'DEFLATE', compressionOptions: { level } } });
	if (out instanceof ArrayBuffer) return out;
	const view = out as Uint8Array;
	return view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength) as ArrayBuffer;
}
