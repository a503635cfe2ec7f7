/**
 * XLSX exports in the official layouts, each with its data dictionary (口径). Load this module
 * lazily (`await import('$lib/export/xlsx')`), ideally in a Web Worker: it brings exceljs
 * (see exceljs.ts). Every export resolves to `{ bytes, fileName, cells }`; save `bytes` as a
 * Blob of type XLSX_MIME.
 */
export { xlsxWords, type Locale, type XlsxWords } from './words';
export { XLSX_MIME, type ExportOptions, type OnProgress, type XlsxFile } from './workbook';
export { householdSummaryXlsx, type HouseholdExportOptions } from './summary';
export { householdFormsXlsx, villageFormXlsx, villageFormAnswers, type PaperOptions, type VillageFormOptions } from './forms';
export { ledgerXlsx, type LedgerExportOptions } from './ledger';
export { incomeXlsx, type IncomeExportOptions } from './income';
export { tableXlsx, gridViewColumns, type TableExportOptions, type ViewCell, type ViewColumn } from './table';
export { campaignForm, unionColumns, type CampaignForm, type TemplateResolver, type VersionedColumn } from './versions';
export type { ColumnKind, DictionaryEntry } from './sheet';
