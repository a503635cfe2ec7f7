/**
 * The village's findings as grid rows: the ledger's columns (who, what, by whom, until when, in
 * what state), read-only, since a finding moves only through the ledger's own steps. Sorting and
 * searching them beside the households is what the grid adds. People are named by the
 * organisation (the words' `name`), never by the name a record holds.
 */
import type { FormValue } from '../dossier/layout';
import type { LedgerEntry } from '../review/reviewDoc';
import type { LedgerState } from '../ledger/ledger';
import { isOverdue } from '../ledger/ledger';
import type { Column } from '../templates/columns';
import type { LocalizedText } from '../templates/template';
import type { GridColumn } from './gridColumns';
import type { CellView, RowFacts } from './householdRows';
import type { GridRows, GridSource } from './gridSource';
import type { NameOf } from '../organisation/personName';

export interface FindingWords {
	locale: 'zh' | 'en';
	state: (state: LedgerState) => string;
	overdue: string;
	villageForm: string;
	date: (iso: string) => string;
	/** A person's name, looked up by id (personName.ts). */
	name: NameOf;
}

interface Field {
	id: string;
	label: LocalizedText;
	width: number;
	frozen?: boolean;
	/** The value sorted on: dates as ISO text sort in time order. */
	value: (entry: LedgerEntry, today: string, words: FindingWords) => FormValue | undefined;
	text?: (entry: LedgerEntry, words: FindingWords, today: string) => string;
}

const FIELDS: Field[] = [
	{
		id: 'head',
		label: { zh: '户主姓名', en: 'Head of household' },
		width: 120,
		frozen: true,
		value: (e) => (e.finding.target.kind === 'village' ? '' : e.finding.target.head),
		text: (e, w) => (e.finding.target.kind === 'village' ? w.villageForm : e.finding.target.head)
	},
	{ id: 'question', label: { zh: '问题项', en: 'Question' }, width: 200, frozen: true, value: (e) => (e.finding.target.kind === 'household' ? '' : (e.finding.target.question?.zh ?? '')), text: (e, w) => (e.finding.target.kind === 'household' ? '' : (e.finding.target.question?.[w.locale] ?? '')) },
	{ id: 'category', label: { zh: '事项', en: 'Area' }, width: 140, value: (e) => e.finding.category.label.zh, text: (e, w) => e.finding.category.label[w.locale] },
	{ id: 'description', label: { zh: '问题描述', en: 'Problem' }, width: 240, value: (e) => e.finding.description },
	{
		id: 'state',
		label: { zh: '状态', en: 'State' },
		width: 110,
		value: (e, today) => `${isOverdue(e.status, today) ? 0 : 1}${['open', 'returned', 'rectifying', 'submitted', 'closed'].indexOf(e.status.state)}`,
		text: (e, w, today) => w.state(e.status.state) + (isOverdue(e.status, today) ? ` · ${w.overdue}` : '')
	},
	{ id: 'deadline', label: { zh: '整改期限', en: 'Deadline' }, width: 110, value: (e) => e.status.deadline ?? undefined },
	{ id: 'responsible', label: { zh: '整改责任人', en: 'Responsible' }, width: 110, value: (e, _, w) => (e.status.responsible ? w.name(e.status.responsible) : undefined) },
	{ id: 'measure', label: { zh: '整改措施', en: 'Measures taken' }, width: 200, value: (e) => e.status.measure ?? undefined },
	{ id: 'raisedBy', label: { zh: '提出人', en: 'Raised by' }, width: 100, value: (e, _, w) => w.name(e.finding.raisedBy) },
	{ id: 'raisedAt', label: { zh: '提出时间', en: 'Raised on' }, width: 150, value: (e) => e.finding.raisedAt, text: (e, w) => w.date(e.finding.raisedAt) },
	{ id: 'closedBy', label: { zh: '销号人', en: 'Closed by' }, width: 100, value: (e, _, w) => (e.status.closed ? w.name(e.status.closed.by) : undefined) }
];

const SECTION: LocalizedText = { zh: '问题台账', en: 'Problem ledger' };

function fieldColumn(field: Field): GridColumn {
	const column: Column = {
		key: field.id,
		section: SECTION,
		label: field.label,
		// Shown, never typed: a computed text column in the grid's terms.
		question: { id: field.id, type: 'computed', compute: `finding.${field.id}`, kind: 'text', label: field.label },
		description: false,
		readOnly: true
	};
	return { id: `finding:${field.id}`, formKey: 'finding', key: field.id, column, frozen: !!field.frozen, width: field.width };
}

export const FINDING_COLUMNS: GridColumn[] = FIELDS.map(fieldColumn);

export class FindingRows implements GridRows {
	private byId = new Map<string, LedgerEntry>();
	private cells = new Map<string, CellView>();

	constructor(
		private readonly entries: () => readonly LedgerEntry[],
		private readonly words: FindingWords,
		private readonly today: string
	) {
		this.invalidate();
	}

	rowKeys(): string[] {
		return [...this.byId.values()].sort((a, b) => (a.finding.raisedAt < b.finding.raisedAt ? -1 : 1)).map((e) => e.finding.id);
	}

	rowKeysOf(findingId: string): string[] {
		return this.byId.has(findingId) ? [findingId] : [];
	}

	groupOf(rowKey: string): string {
		return rowKey;
	}

	householdOf(rowKey: string): string | null {
		const target = this.byId.get(rowKey)?.finding.target;
		return target && target.kind !== 'village' ? target.householdId : null;
	}

	/** Findings are few (tens per village): any change re-reads them all. */
	invalidate(): void {
		this.byId = new Map(this.entries().map((e) => [e.finding.id, e]));
		this.cells = new Map();
	}

	private field(column: GridColumn): Field {
		return FIELDS.find((f) => f.id === column.key)!;
	}

	value(rowKey: string, column: GridColumn): FormValue | undefined {
		const entry = this.byId.get(rowKey);
		return entry ? this.field(column).value(entry, this.today, this.words) : undefined;
	}

	cell(rowKey: string, column: GridColumn): CellView {
		const key = `${rowKey}|${column.id}`;
		let view = this.cells.get(key);
		if (view) return view;
		const entry = this.byId.get(rowKey);
		const field = this.field(column);
		const value = entry ? field.value(entry, this.today, this.words) : undefined;
		const text = entry ? (field.text ? field.text(entry, this.words, this.today) : String(value ?? '')) : '';
		const overdue = !!entry && field.id === 'state' && isOverdue(entry.status, this.today);
		view = { value, text, problem: null, missing: false, flagged: overdue, notAsked: false };
		this.cells.set(key, view);
		return view;
	}

	rowFacts(rowKey: string): RowFacts {
		const entry = this.byId.get(rowKey);
		const text = FINDING_COLUMNS.map((c) => this.cell(rowKey, c).text).join('\u0001').toLowerCase();
		const overdue = !!entry && isOverdue(entry.status, this.today);
		return { type: '', flags: [], problems: 0, flagged: overdue ? 1 : 0, belowLine: null, text };
	}
}

/**
 * A village's findings as a read-only grid source, re-read whenever `observe` reports a change: of
 * the review document, and of the organisation the names come from.
 */
export function findingSource(entries: () => readonly LedgerEntry[], observe: (callback: () => void) => () => void, words: FindingWords, today: string): GridSource {
	const rows = new FindingRows(entries, words, today);
	return {
		columns: FINDING_COLUMNS,
		rows,
		observe: (changed) =>
			observe(() => {
				const before = new Set(rows.rowKeys());
				rows.invalidate();
				changed(new Set([...before, ...rows.rowKeys()]));
			}),
		name: 'findings',
		readOnlyReason: 'grid.findingsReadOnly'
	};
}
