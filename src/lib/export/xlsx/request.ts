/**
 * An export asked of the XLSX worker, as plain data a Web Worker can be sent (no functions, no
 * Y.Doc): the dossier as its encoded state, people's names as a map by id. One place turns such a
 * request into a workbook, so the worker stays a few lines and the requests are tested in Node.
 */
import * as Y from 'yjs';
import { DossierDoc } from '../../dossier/dossierDoc';
import type { Answer } from '../../dossier/layout';
import type { Campaign } from '../../campaign/campaign';
import type { LedgerRow } from '../../ledger/ledgerReport';
import type { NameOf } from '../../organisation/personName';
import { householdFormsXlsx, villageFormXlsx } from './forms';
import { householdSummaryXlsx } from './summary';
import { incomeXlsx } from './income';
import { ledgerXlsx } from './ledger';
import { gridViewColumns, tableXlsx, type ViewCell, type ViewColumn } from './table';
import { tablesXlsx, type ReportTable } from './tables';
import type { GridColumn } from '../../grid/gridColumns';
import type { OnProgress, XlsxFile } from './workbook';
import { xlsxWords, type Locale } from './words';

interface Common {
	locale: Locale;
	/** People's names by id, from the organisation (a record's own name is the sender's word). */
	names: Record<string, string>;
}

interface OfDossier extends Common {
	/** Y.encodeStateAsUpdate of the village's dossier. */
	dossier: Uint8Array;
	campaign: Campaign;
}

export type XlsxRequest =
	| (OfDossier & { kind: 'summary' | 'forms' })
	| (OfDossier & { kind: 'income'; layout: 'rows' | 'sheets' })
	| (OfDossier & { kind: 'village'; townshipAnswers: Record<string, Answer> })
	| (Common & { kind: 'ledger'; rows: LedgerRow[]; scope: 'village' | 'township'; township?: string; village?: string; today: string })
	| (Common & { kind: 'table'; title: string; info?: string[]; columns: ViewColumn[]; rows: ViewCell[][]; fileName?: string })
	/** The grid's view as it stands: its columns (from the template) and each shown row's cells. */
	| (Common & { kind: 'grid'; title: string; info?: string[]; columns: GridColumn[]; rows: ViewCell[][]; fileName?: string })
	/** Report tables (the statistics page's), a sheet each, with the summary paragraph. */
	| (Common & { kind: 'tables'; title: string; info?: string[]; tables: ReportTable[]; summary?: string; fileName?: string });

export async function buildXlsx(request: XlsxRequest, onProgress?: OnProgress): Promise<XlsxFile> {
	const words = xlsxWords(request.locale);
	const names: NameOf = (actor) => (actor.id ? request.names[actor.id] : undefined) ?? actor.name;
	const common = { words, onProgress };
	switch (request.kind) {
		case 'ledger':
			return ledgerXlsx({ ...common, rows: request.rows, scope: request.scope, township: request.township, village: request.village, today: request.today, names });
		case 'table':
			return tableXlsx({ ...common, title: request.title, info: request.info, columns: request.columns, rows: request.rows, fileName: request.fileName });
		case 'grid':
			return tableXlsx({ ...common, title: request.title, info: request.info, columns: gridViewColumns(request.columns, words), rows: request.rows, fileName: request.fileName });
		case 'tables':
			return tablesXlsx({ ...common, title: request.title, info: request.info, tables: request.tables, summary: request.summary, fileName: request.fileName });
	}
	const doc = new Y.Doc();
	try {
		Y.applyUpdate(doc, request.dossier);
		const dossier = new DossierDoc(doc);
		switch (request.kind) {
			case 'summary':
				return await householdSummaryXlsx(dossier, request.campaign, common);
			case 'forms':
				return await householdFormsXlsx(dossier, request.campaign, { ...common, names });
			case 'income':
				return await incomeXlsx(dossier, request.campaign, { ...common, layout: request.layout });
			case 'village':
				return await villageFormXlsx(dossier, request.campaign, { ...common, names, townshipAnswers: request.townshipAnswers });
		}
	} finally {
		doc.destroy();
	}
}

