/**
 * Types for exceljs's prebuilt browser bundle, which ships without its own: the bundle exports
 * (as `module.exports`) the same API the package's types describe. See exceljs.ts.
 */
declare module 'exceljs/dist/exceljs.bare.min.js' {
	import * as ExcelJS from 'exceljs';
	export default ExcelJS;
}
