/**
 * The problem ledger (问题台账) as XLSX, for a village or for the township (several villages):
 * the ledger's own table (ledgerReport.ledgerTable, the columns the township keeps on paper) with
 * its dates as dates and the evidence count as a number, overdue states in red, the totals line
 * the township reports, the preparer/reviewer/leader signature line, and for the township a
 * sheet of each village's totals.
 */
import type { LedgerRow } from '../../ledger/ledgerReport';
import { ledgerTable, totals } from '../../ledger/ledgerReport';
import { LEDGER_STATES } from '../../ledger/ledger';
import type { NameOf } from '../../organisation/personName';
import { isCalendarDay, localDay } from '../../calendar/calendar';
import { dayCell } from './cells';
import { Progress, writeTable, type ColumnKind, type TableColumn, type XlsxCell } from './sheet';
import { infoLine } from './summary';
import { dictionaryRows, finish, newWorkbook, writeDictionary, type ExportOptions, type XlsxFile } from './workbook';
import type { XlsxWords } from './words';

/** The ledger's columns in ledgerTable's order, with what each holds. */
export const LEDGER_COLUMNS = ['village', 'household', 'category', 'description', 'foundBy', 'signedBy', 'foundOn', 'responsible', 'deadline', 'measure', 'evidence', 'status', 'closedBy', 'closedOn'] as const;
type LedgerColumn = (typeof LEDGER_COLUMNS)[number];

const KIND: Record<LedgerColumn, ColumnKind> = {
	village: 'text',
	household: 'text',
	category: 'text',
	description: 'longText',
	foundBy: 'text',
	signedBy: 'text',
	foundOn: 'date',
	responsible: 'text',
	deadline: 'date',
	measure: 'longText',
	evidence: 'integer',
	status: 'short',
	closedBy: 'text',
	closedOn: 'date'
};

const OVERDUE_MARK = ' ⚠';

export interface LedgerExportOptions extends ExportOptions {
	rows: readonly LedgerRow[];
	/** A village's ledger, or the township's (every village's rows, and each village's totals). */
	scope: 'village' | 'township';
	township?: string;
	/** The village's name, for a village's ledger. */
	village?: string;
	/** Today, on the cadres' calendar: what is overdue. */
	today: string;
	/** A person's name by id (personName.ts): never the name a record holds. */
	names: NameOf;
	/** The calendar day of a moment; default: the device's calendar. */
	day?: (iso: string) => string;
}

function dictionary(column: LedgerColumn, words: XlsxWords): TableColumn['dictionary'] {
	const type = KIND[column] === 'date' ? words.t('export.type.date') : KIND[column] === 'integer' ? words.t('export.type.integer') : words.t('export.type.text');
	const entry = { type, source: words.t('export.source.ledger') } as NonNullable<TableColumn['dictionary']>;
	if (column === 'status') {
		entry.values = LEDGER_STATES.map((s) => words.t(`ledger.state.${s}`)).join('、');
		entry.note = words.t('export.note.overdue');
	}
	if (column === 'evidence') {
		entry.unit = words.t('export.unit.photo');
		entry.note = words.t('export.note.evidence');
	}
	if (column === 'household') entry.note = words.t('export.note.ledgerHousehold', { form: words.t('ledger.villageForm') });
	if (column === 'foundBy' || column === 'signedBy' || column === 'responsible' || column === 'closedBy') entry.note = words.t('export.note.personName');
	return entry;
}

function typed(column: LedgerColumn, text: string): XlsxCell {
	if (text === '') return null;
	switch (KIND[column]) {
		case 'date':
			return isCalendarDay(text) ? dayCell(text) : text;
		case 'integer':
			return /^\d+$/.test(text) ? Number(text) : text;
		default:
			if (column === 'status' && text.endsWith(OVERDUE_MARK)) return { text, tone: 'alert' };
			return text;
	}
}

export async function ledgerXlsx(options: LedgerExportOptions): Promise<XlsxFile> {
	const { words } = options;
	const now = options.now ?? new Date();
	const day = options.day ?? ((iso: string) => localDay(new Date(iso)));
	const workbook = newWorkbook(words, now);
	const progress = new Progress(options.rows.length, options.onProgress);
	const table = ledgerTable(
		options.rows,
		{
			locale: words.locale,
			header: LEDGER_COLUMNS.map((c) => words.t(`ledger.column.${c}`)),
			state: (s) => words.t(`ledger.state.${s}`),
			villageForm: words.t('ledger.villageForm'),
			date: (iso) => {
				const d = new Date(iso);
				return Number.isNaN(d.getTime()) ? '' : day(iso);
			},
			name: options.names
		},
		options.today
	);
	const [header, ...body] = table;
	if (header!.length !== LEDGER_COLUMNS.length) throw new Error('the ledger table’s columns changed: update LEDGER_COLUMNS');
	const columns: TableColumn[] = [
		{ header: words.t('export.column.index'), kind: 'integer', width: 6, dictionary: { type: words.t('export.type.integer'), source: words.t('export.source.export') } },
		...LEDGER_COLUMNS.map((c, i) => ({ header: header![i]!, kind: KIND[c], dictionary: dictionary(c, words) }))
	];
	const sum = totals(options.rows, options.today);
	const info = infoLine(
		[
			options.township && words.t('export.info.township', { name: options.township }),
			options.scope === 'village' && options.village ? words.t('export.info.village', { name: options.village }) : null,
			words.t('export.info.exportedAt', { when: words.dateTime(now) })
		],
		words
	);
	const title = options.scope === 'township' ? words.t('ledger.township') : words.t('ledger.village');
	const layout = writeTable(
		workbook,
		words.t('export.sheet.ledger'),
		{
			title,
			info: [info, words.t('ledger.totals', { ...sum })],
			columns,
			rowCount: body.length,
			row: (i) => [i + 1, ...body[i]!.map((text, c) => typed(LEDGER_COLUMNS[c]!, text))],
			frozenColumns: options.scope === 'township' ? 3 : 2,
			orientation: 'landscape',
			footer: [[{ label: words.t('ledger.signPreparer') }, { label: words.t('ledger.signReviewer') }, { label: words.t('ledger.signLeader') }]]
		},
		words,
		progress
	);
	const dictionaryOf = dictionaryRows(layout, columns, words);

	if (options.scope === 'township') {
		// Each village's totals, in the order villages first appear in the ledger, and the sum.
		const villages: string[] = [];
		const byVillage = new Map<string, LedgerRow[]>();
		for (const row of options.rows) {
			const name = row.finding.village;
			if (!byVillage.has(name)) {
				byVillage.set(name, []);
				villages.push(name);
			}
			byVillage.get(name)!.push(row);
		}
		const keys = ['found', 'rectified', 'awaiting', 'closed', 'overdue', 'open'] as const;
		const totalColumns: TableColumn[] = [
			{ header: words.t('ledger.column.village'), kind: 'text', dictionary: { type: words.t('export.type.text'), source: words.t('export.source.ledger') } },
			...keys.map(
				(k): TableColumn => ({
					header: words.t(`export.ledgerTotals.${k}`),
					kind: 'integer',
					dictionary: { type: words.t('export.type.integer'), unit: words.t('export.unit.item'), source: words.t('export.source.ledger'), note: words.t(`export.ledgerTotals.${k}Note`) }
				})
			)
		];
		const totalsLayout = writeTable(
			workbook,
			words.t('export.sheet.ledgerTotals'),
			{
				title: words.t('export.ledgerTotals.title'),
				info: [info],
				columns: totalColumns,
				rowCount: villages.length + 1,
				row: (i) => {
					const name = i < villages.length ? villages[i]! : words.t('export.total');
					const t = totals(i < villages.length ? byVillage.get(name)! : options.rows, options.today);
					return [name, ...keys.map((k) => t[k])];
				},
				frozenColumns: 1
			},
			words
		);
		dictionaryOf.push(...dictionaryRows(totalsLayout, totalColumns, words));
	}
	writeDictionary(workbook, dictionaryOf, words, [info]);
	const place = options.scope === 'village' ? (options.village ?? '') : (options.township ?? '');
	return finish(workbook, words.t('export.file.ledger', { place, day: localDay(now) }), progress);
}
