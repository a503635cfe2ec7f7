/**
 * The household grid of one open dossier as Svelte state: which rows and columns show, the
 * selection, the cell being edited, what a paste refused, and the undo history. It turns
 * spreadsheet gestures into the plans of src/lib/grid and applies them through the session;
 * Grid.svelte only renders this and forwards events.
 */
import { SvelteSet } from 'svelte/reactivity';
import type { EditHistory } from './editHistory.svelte';
import type { DossierDoc } from '../dossier/dossierDoc';
import type { AnswerProblem } from '../templates/answerSchema';
import { formatForInput } from '../templates/answerInput';
import { visibleColumns, type GridColumn } from '../grid/gridColumns';
import type { CellView } from '../grid/householdRows';
import type { GridRows, GridSource } from '../grid/gridSource';
import { applyWrites, changeKeys, planClear, planFillDown, planPaste, planTyped, type EditPlan } from '../grid/gridEdits';
import { at, clamp, dragTo, firstInReadingOrder, inRange, navigate, rangeOf, type CellPos, type Keys, type Range, type Selection } from '../grid/selection';
import { readClipboard, toHtml, toTsv, type Block } from '../grid/clipboard';
import { isFiltering, queryRows, type RowFilter, type RowSort } from '../grid/rowQuery';
import type { Answer } from '../dossier/layout';

export type EditorKind = 'text' | 'list' | 'multi';

export interface Editing {
	/**
	 * The cell being edited, fixed when the edit starts: the text goes there even if the
	 * selection moves meanwhile, and nowhere if another cadre removes the row.
	 */
	rowKey: string;
	columnId: string;
	text: string;
	/** The text the editor started with: committing it unchanged writes nothing. */
	initial: string;
	/** Started by typing: arrows leave the cell (Excel's Enter mode). F2: arrows move the caret. */
	typed: boolean;
	kind: EditorKind;
	/** Free text that may hold line breaks (a problem description): a text area, Alt+Enter. */
	multiline: boolean;
	problem: AnswerProblem | null;
}

/**
 * What the status line says after an action, as message keys the component words in the UI's
 * language (one part per fact worth saying: nothing is said about zero refused cells).
 */
export interface GridNotice {
	key: string;
	params?: Record<string, string | number>;
	more?: { key: string; params?: Record<string, string | number> }[];
}

/** What the grid needs of an open dossier (a DossierSession in the app). */
export interface GridHost {
	readonly dossier: DossierDoc;
	editHistory(): EditHistory;
	/** Tells others which cell this person has selected. */
	focusCell(cell: { row: string; columnId: string } | null): void;
}

const rejectedKey = (householdId: string, columnId: string) => `${householdId}\u0000${columnId}`;

/** Why a paste or fill did not write a cell, and what it would have written there. */
interface Refusal {
	problem: AnswerProblem;
	text?: string;
}

export class HouseholdGrid {
	readonly allColumns: GridColumn[];
	readonly hidden: SvelteSet<string>;
	readonly columns: GridColumn[] = $derived.by(() => visibleColumns(this.allColumns, this.hidden));
	/**
	 * The row keys listed (see GridSource), in order. Kept stable while others edit (see refreshOrder).
	 * Always replaced, never changed in place: raw, so reading a key is a plain array read (a paste
	 * reads thousands) rather than one signal per index.
	 */
	order = $state.raw<string[]>([]);
	total = $state(0);
	filter = $state<RowFilter>({});
	sort = $state<RowSort | null>(null);
	/** Always replaced, never changed in place (every drawn cell reads it, so raw: no proxy). */
	selection = $state.raw<Selection>(at(0, 0));
	editing = $state<Editing | null>(null);
	notice = $state<GridNotice | null>(null);
	/** Bumped whenever cells may show something new; cell() reads it so views re-render. */
	revision = $state(0);
	readonly history: EditHistory;
	private readonly rows: GridRows;
	/**
	 * Cells a paste or fill refused, with the reason, until they are edited, the next paste, or
	 * the paste or fill is undone right after it.
	 */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- views re-read it through `revision`
	private readonly rejected = new Map<string, Refusal>();
	/**
	 * Whether the last step of the history is the paste or fill that made the refusals above:
	 * undoing it right away takes the refusals with it, as what they were refused from is gone.
	 */
	private rejectedByLast = false;
	private readonly cleanups: (() => void)[] = [];
	private readonly hiddenKey: string;

	constructor(
		private readonly session: GridHost,
		private readonly source: GridSource,
		/** `readonly` is asked each time: a person's rights can change while the grid is open. */
		private readonly options: { userId: string; readonly: () => boolean }
	) {
		this.allColumns = source.columns;
		this.hiddenKey = `dangka.grid.hidden.${options.userId}.${source.name}`;
		this.hidden = new SvelteSet(readHidden(this.hiddenKey));
		this.rows = source.rows;
		this.history = session.editHistory();
		this.cleanups.push(() => this.history.destroy());
		this.cleanups.push(source.observe((changed) => this.changed(changed)));
		this.refreshOrder();
	}

	get readonly(): boolean {
		return this.options.readonly() || !!this.source.readOnlyReason;
	}

	destroy(): void {
		for (const cleanup of this.cleanups) cleanup();
		this.session.focusCell(null);
	}

	// ── reading ────────────────────────────────────────────────────────────────────────────

	cell(row: number, col: number): CellView | null {
		void this.revision;
		const id = this.order[row];
		const column = this.columns[col];
		return id && column ? this.rows.cell(id, column) : null;
	}

	rejection(row: number, col: number): AnswerProblem | null {
		return this.refusal(row, col)?.problem ?? null;
	}

	private refusal(row: number, col: number): Refusal | null {
		void this.revision;
		const id = this.order[row];
		const column = this.columns[col];
		return (id && column && this.rejected.get(rejectedKey(id, column.id))) || null;
	}

	/** What a row's card on a phone shows: its head, type and how many cells need a look. */
	summary(row: number): { head: string; type: string; problems: number; flagged: number } | null {
		void this.revision;
		const id = this.order[row];
		if (!id) return null;
		const facts = this.rows.rowFacts(id);
		return { head: this.cell(row, 0)?.text ?? '', type: this.cell(row, 1)?.text ?? '', problems: facts.problems, flagged: facts.flagged };
	}

	/** The household a listed row is about (none for a village-level finding). */
	householdAt(row: number): string | undefined {
		const key = this.order[row];
		return key === undefined ? undefined : (this.rows.householdOf(key) ?? undefined);
	}

	/** The selected range; worked out once per selection, as every drawn cell asks whether it is in it. */
	readonly range: Range = $derived(rangeOf(this.selection));

	isSelected(row: number, col: number): boolean {
		return inRange(this.range, row, col);
	}

	private get bounds() {
		return { rows: this.order.length, cols: this.columns.length, pageRows: this.pageRows };
	}

	/** Rows one PageUp/PageDown moves; the view sets it from its height. */
	pageRows = 20;

	// ── rows: filter, sort, others' edits ─────────────────────────────────────────────────

	private changed(changed: Set<string>): void {
		this.rows.invalidate(changed);
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup
		const listed = new Set(this.order);
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local count
		const before = new Map<string, number>();
		for (const key of this.order) {
			const group = this.rows.groupOf(key);
			if (changed.has(group)) before.set(group, (before.get(group) ?? 0) + 1);
		}
		let membership = false;
		for (const id of changed) {
			const now = this.rows.rowKeysOf(id);
			if (now.length !== (before.get(id) ?? 0) || now.some((key) => !listed.has(key))) membership = true;
		}
		// A row added or withdrawn changes the list; an edit does not reorder it, so a row
		// never jumps away from under someone's selection while another cadre types.
		if (membership) this.keepSelection(() => this.refreshOrder(true));
		// The row being edited was removed by someone else: the edit has nowhere to go.
		if (this.editing && !this.order.includes(this.editing.rowKey)) {
			this.editing = null;
			this.notice = { key: 'grid.editGone' };
		}
		this.revision++;
	}

	/**
	 * Lists the households for the current filter and sort. `keep`: households already listed
	 * stay where they are, new ones are appended (when they match), withdrawn ones drop out.
	 */
	refreshOrder(keep = false): void {
		const all = this.rows.rowKeys();
		this.total = all.length;
		const sortColumn = this.sort ? this.allColumns.find((c) => c.id === this.sort!.columnId) : undefined;
		const query = (ids: readonly string[]) =>
			queryRows(ids, this.filter, sortColumn ? this.sort : null, (id) => this.rows.rowFacts(id), (id) => (sortColumn ? this.rows.value(id, sortColumn) : undefined));
		if (!keep) {
			this.order = query(all);
			return;
		}
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- local lookups
		const present = new Set(all);
		const kept = this.order.filter((id) => present.has(id));
		const known = new Set(kept); // eslint-disable-line svelte/prefer-svelte-reactivity
		this.order = [...kept, ...query(all.filter((id) => !known.has(id)))];
	}

	private keepSelection(change: () => void): void {
		const anchorId = this.order[this.selection.anchor.row];
		const activeId = this.order[this.selection.active.row];
		change();
		const index = (id: string | undefined, fallback: number) => {
			const i = id === undefined ? -1 : this.order.indexOf(id);
			return i >= 0 ? i : fallback;
		};
		this.selection = clamp(
			{
				anchor: { row: index(anchorId, this.selection.anchor.row), col: this.selection.anchor.col },
				active: { row: index(activeId, this.selection.active.row), col: this.selection.active.col }
			},
			{ ...this.bounds, rows: Math.max(1, this.order.length) }
		);
	}

	setFilter(filter: RowFilter): void {
		this.filter = filter;
		this.editing = null;
		this.keepSelection(() => this.refreshOrder());
	}

	get filtering(): boolean {
		return isFiltering(this.filter);
	}

	/** Header click: ascending, then descending, then the dossier's own order. */
	toggleSort(columnId: string): void {
		const current = this.sort?.columnId === columnId ? this.sort : null;
		this.sort = !current ? { columnId, descending: false } : !current.descending ? { columnId, descending: true } : null;
		this.keepSelection(() => this.refreshOrder());
	}

	setHidden(columnId: string, hidden: boolean): void {
		// The selection stays on the same columns, not on the same positions: a paste after hiding
		// a column to the left must not land one column over.
		const anchorId = this.columns[this.selection.anchor.col]?.id;
		const activeId = this.columns[this.selection.active.col]?.id;
		if (hidden) this.hidden.add(columnId);
		else this.hidden.delete(columnId);
		writeHidden(this.hiddenKey, this.hidden);
		const at = (id: string | undefined, fallback: number) => {
			const i = this.columns.findIndex((c) => c.id === id);
			return i >= 0 ? i : fallback;
		};
		const { anchor, active } = this.selection;
		this.selection = clamp(
			{ anchor: { row: anchor.row, col: at(anchorId, anchor.col) }, active: { row: active.row, col: at(activeId, active.col) } },
			{ ...this.bounds, cols: Math.max(1, this.columns.length) }
		);
	}

	// ── selection ─────────────────────────────────────────────────────────────────────────

	select(selection: Selection): void {
		this.selection = clamp(selection, this.bounds);
		const id = this.order[this.selection.active.row];
		const column = this.columns[this.selection.active.col];
		this.session.focusCell(id && column ? { row: id, columnId: column.id } : null);
	}

	/** Handles a navigation key; false when the key is not one. */
	navigate(keys: Keys): boolean {
		const next = navigate(this.selection, keys, this.bounds);
		if (!next) return false;
		this.select(next);
		return true;
	}

	dragTo(pos: CellPos): void {
		this.select(dragTo(this.selection, pos, this.bounds));
	}

	selectAll(): void {
		this.select({ anchor: { row: 0, col: 0 }, active: { row: this.order.length - 1, col: this.columns.length - 1 } });
	}

	// ── editing ───────────────────────────────────────────────────────────────────────────

	private activeColumn(): GridColumn | undefined {
		return this.columns[this.selection.active.col];
	}

	canEdit(): boolean {
		const column = this.activeColumn();
		return !this.readonly && !!column && !column.column.readOnly && this.order.length > 0;
	}

	/** F2, Enter or a double click: edit the value; `text` when typing started it. */
	startEdit(text?: string): boolean {
		if (!this.canEdit()) {
			if (this.source.readOnlyReason) this.notice = { key: this.source.readOnlyReason };
			else if (this.activeColumn()?.frozen && this.activeColumn()?.column.readOnly) this.notice = { key: 'grid.readOnlyFrozen' };
			else if (this.activeColumn()?.column.readOnly) this.notice = { key: 'grid.readOnly' };
			else if (this.options.readonly()) this.notice = { key: 'grid.readOnlyDossier' };
			return false;
		}
		const column = this.activeColumn()!;
		const q = column.column.question;
		const kind: EditorKind =
			text !== undefined || column.column.description ? 'text' : q.type === 'yesno' || (q.type === 'choice' && !q.multiple) ? 'list' : q.type === 'choice' ? 'multi' : 'text';
		const cell = this.cell(this.selection.active.row, this.selection.active.col);
		const stored = cell?.value;
		const current = kind === 'text' ? editText(column, stored, cell?.text ?? '') : listValue(stored);
		const multiline = column.column.description || (q.type === 'text' && (!!q.multiline || (q.maxLength ?? 0) > 100));
		this.editing = {
			rowKey: this.order[this.selection.active.row]!,
			columnId: column.id,
			text: text ?? current,
			initial: text === undefined ? current : '\u0000',
			typed: text !== undefined,
			kind,
			multiline,
			problem: null
		};
		return true;
	}

	/** Space on a yes/no cell: 是 ⇄ 否 (an empty one becomes 是), as one would tick a box. */
	toggle(): boolean {
		const column = this.activeColumn();
		if (!column || column.column.description || column.column.question.type !== 'yesno' || !this.canEdit()) return false;
		const { row, col } = this.selection.active;
		const value = this.cell(row, col)?.value;
		this.apply(planTyped(row, col, value === true ? 'no' : 'yes', this.target()));
		return true;
	}

	/** The active cell in full, for the line above the grid: whose, which question, what it says. */
	get activeInfo(): { head: string; column: GridColumn; cell: CellView | null; rejected: AnswerProblem | null; refusedText: string } | null {
		const { row, col } = this.selection.active;
		const column = this.columns[col];
		if (!column || !this.order.length) return null;
		const refusal = this.refusal(row, col);
		return { head: this.cell(row, 0)?.text ?? '', column, cell: this.cell(row, col), rejected: refusal?.problem ?? null, refusedText: refusal?.text ?? '' };
	}

	cancelEdit(): void {
		this.editing = null;
	}

	/**
	 * Writes the editor's text into the cell the edit started in; keeps the editor open with the
	 * reason when it does not fit. Text committed unchanged writes nothing, so pressing Enter on
	 * a cell never puts back a value a colleague has changed meanwhile.
	 */
	commitEdit(then: Keys | null): boolean {
		const editing = this.editing;
		if (!editing) return false;
		const row = this.order.indexOf(editing.rowKey);
		const col = this.columns.findIndex((c) => c.id === editing.columnId);
		if (row < 0 || col < 0) {
			this.editing = null;
			this.notice = { key: 'grid.editGone' };
			return true;
		}
		if (editing.text === editing.initial) {
			this.editing = null;
			if (then) this.navigate(then);
			return true;
		}
		const plan = planTyped(row, col, editing.text, this.target());
		if (plan.rejected.length) {
			editing.problem = plan.rejected[0]!.problem;
			return false;
		}
		this.editing = null;
		this.apply(plan);
		if (then) this.navigate(then);
		return true;
	}

	/** Whether the edit open is on the active cell (the view draws its editor only there). */
	get editingActive(): boolean {
		const editing = this.editing;
		if (!editing) return false;
		return this.order[this.selection.active.row] === editing.rowKey && this.columns[this.selection.active.col]?.id === editing.columnId;
	}

	private apply(plan: EditPlan): void {
		const r = plan.range;
		// A paste has just emptied the map: no need to look up each of its cells.
		for (let row = r.top; row <= r.bottom && this.rejected.size; row++) {
			for (let col = r.left; col <= r.right; col++) {
				const key = this.order[row];
				const column = this.columns[col];
				if (key && column) this.rejected.delete(rejectedKey(key, column.id));
			}
		}
		if (!plan.writes.length) {
			this.revision++;
			return;
		}
		this.history.edit(changeKeys(plan.writes), () => applyWrites(this.session.dossier, plan.writes));
		this.rejectedByLast = false;
	}

	clear(): void {
		if (this.readonly || !this.order.length) return;
		this.apply(planClear(this.range, this.target()));
	}

	fillDown(): void {
		if (this.readonly || !this.order.length) return;
		const plan = planFillDown(this.range, this.target(), (row, col) => this.rows.value(this.order[row]!, this.columns[col]!));
		this.report(plan, 'grid.filled');
	}

	private target() {
		return { rowIds: this.order, columns: this.columns };
	}

	/** Ctrl+Z: the status line then says what was done, not what the step undone had said. */
	undo(): void {
		this.editing = null;
		if (!this.history.undo()) {
			this.notice = { key: 'grid.nothingToUndo' };
			return;
		}
		if (this.rejectedByLast) {
			this.rejected.clear();
			this.revision++;
		}
		this.rejectedByLast = false;
		this.notice = { key: 'grid.undone' };
	}

	redo(): void {
		this.editing = null;
		if (!this.history.redo()) {
			this.notice = { key: 'grid.nothingToRedo' };
			return;
		}
		this.rejectedByLast = false;
		this.notice = { key: 'grid.redone' };
	}

	// ── clipboard ─────────────────────────────────────────────────────────────────────────

	/** The selected cells as the text they show (which reads back to the same answers). */
	copy(): { text: string; html: string; cells: number } {
		const r = this.range;
		const block: Block = [];
		for (let row = r.top; row <= r.bottom; row++) {
			const line: string[] = [];
			for (let col = r.left; col <= r.right; col++) line.push(this.cell(row, col)?.text ?? '');
			block.push(line);
		}
		const cells = (r.bottom - r.top + 1) * (r.right - r.left + 1);
		this.notice = { key: 'grid.copied', params: { count: cells } };
		return { text: toTsv(block), html: toHtml(block), cells };
	}

	paste(data: { html?: string; text?: string }): void {
		if (this.readonly) {
			this.notice = { key: this.source.readOnlyReason ?? 'grid.readOnlyDossier' };
			return;
		}
		const block = readClipboard(data);
		if (!block.length || !this.order.length) return;
		this.rejected.clear();
		const plan = planPaste(block, this.range, this.target());
		this.report(plan, 'grid.pasted');
		// A refused cell may lie far outside the view: it becomes the active cell (the view
		// scrolls to it), so its reason shows at once in the line above the grid.
		const refused = firstInReadingOrder(plan.rejected);
		if (refused) this.select(at(refused.row, refused.col));
		// Otherwise what was pasted stays selected, with the active cell at its top left, as in Excel.
		else this.select({ anchor: { row: plan.range.bottom, col: plan.range.right }, active: { row: plan.range.top, col: plan.range.left } });
	}

	private report(plan: EditPlan, key: string): void {
		this.apply(plan);
		for (const r of plan.rejected) this.rejected.set(rejectedKey(this.order[r.row]!, this.columns[r.col]!.id), { problem: r.problem, text: r.text });
		this.rejectedByLast = plan.rejected.length > 0 && plan.writes.length > 0;
		this.revision++;
		const more: NonNullable<GridNotice['more']> = [];
		if (plan.rejected.length) more.push({ key: 'grid.rejected', params: { count: plan.rejected.length } });
		if (plan.clipped) more.push({ key: 'grid.clipped', params: { count: plan.clipped } });
		this.notice = { key, params: { count: plan.writes.length }, more };
	}
}

/** The text an editor starts with for a stored value (yuan for money, the date as stored). */
function editText(column: GridColumn, value: CellView['value'], shown: string): string {
	if (value === undefined || value === null || typeof value === 'object') return shown;
	return formatForInput(column.column.question, value as Answer);
}

function listValue(value: CellView['value']): string {
	if (typeof value === 'boolean') return value ? 'yes' : 'no';
	if (Array.isArray(value)) return value.join('、');
	return typeof value === 'string' ? value : '';
}

function readHidden(key: string): string[] {
	try {
		const raw = JSON.parse(localStorage.getItem(key) ?? '[]') as unknown;
		return Array.isArray(raw) ? raw.filter((v): v is string => typeof v === 'string') : [];
	} catch {
		return [];
	}
}

function writeHidden(key: string, hidden: Iterable<string>): void {
	try {
		localStorage.setItem(key, JSON.stringify([...hidden]));
	} catch {
		// Private mode or a full quota: the choice still holds for this visit.
	}
}
