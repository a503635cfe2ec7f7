/** The media type of an XLSX file (kept apart so pages can name it without loading exceljs). */
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
