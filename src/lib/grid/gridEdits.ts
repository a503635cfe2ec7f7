/**
 * Edits of many cells at once (paste, fill down, clear) planned before anything is written:
 * each target cell is read with its column's rules, good cells become writes and bad ones
 * rejections with the reason. The plan is applied in one transaction, so it is one step of undo
 * and one update on the wire.
 */
import type { DossierDoc } from '../dossier/dossierDoc';
import type { Answer, FormValue } from '../dossier/layout';
import type { AnswerProblem } from '../templates/answerSchema';
import { checkAnswer } from '../templates/answerSchema';
import { readCell } from './cellInput';
import type { Block } from './clipboard';
import type { GridColumn } from './gridColumns';
import type { Range } from './selection';
import { splitRowKey } from './householdRows';

export interface CellWrite {
	householdId: string;
	formKey: string;
	key: string;
	value: Answer | undefined;
	/** For a repeat group's column: the row written. */
	row?: { groupId: string; rowId: string };
}

export interface CellRejection {
	row: number;
	col: number;
	problem: AnswerProblem;
	/** What was typed or pasted there and not written (none for a fill, which copies values). */
	text?: string;
}

export interface EditPlan {
	writes: CellWrite[];
	rejected: CellRejection[];
	/** The range the edit covers (for selecting what was pasted). */
	range: Range;
	/** Cells of the block that fell outside the grid and were left out. */
	clipped: number;
}

interface Target {
	rowIds: readonly string[];
	columns: readonly GridColumn[];
}

/** Where a cell's answer is written: the household's form, or the row of a repeat group. */
function write(rowKey: string, column: GridColumn, value: Answer | undefined): CellWrite {
	const { householdId, rowId } = splitRowKey(rowKey);
	const base = { householdId, formKey: column.formKey, key: column.key, value };
	return column.group && rowId !== null ? { ...base, row: { groupId: column.group, rowId } } : base;
}

/** Writes or rejects one cell's text. */
function place(plan: EditPlan, target: Target, row: number, col: number, text: string): void {
	const column = target.columns[col]!;
	const read = readCell(column.column, text);
	if (read.ok) plan.writes.push(write(target.rowIds[row]!, column, read.value));
	else plan.rejected.push({ row, col, problem: read.problem, text });
}

/**
 * A block pasted onto a selection. A block that tiles the selection exactly fills it (one value
 * pasted over a range fills the range, as in Excel); otherwise it lands from the top-left cell.
 */
export function planPaste(block: Block, selection: Range, target: Target): EditPlan {
	const height = block.length;
	let width = 0;
	for (const row of block) width = Math.max(width, row.length);
	const selHeight = selection.bottom - selection.top + 1;
	const selWidth = selection.right - selection.left + 1;
	const tiles = height > 0 && width > 0 && selHeight % height === 0 && selWidth % width === 0 && (selHeight > height || selWidth > width);
	const rows = tiles ? selHeight : height;
	const cols = tiles ? selWidth : width;
	const plan: EditPlan = { writes: [], rejected: [], clipped: 0, range: { top: selection.top, left: selection.left, bottom: selection.top, right: selection.left } };
	for (let r = 0; r < rows; r++) {
		for (let c = 0; c < cols; c++) {
			const row = selection.top + r;
			const col = selection.left + c;
			if (row >= target.rowIds.length || col >= target.columns.length) {
				plan.clipped++;
				continue;
			}
			// A short line of a ragged block leaves the cells past its end alone: only what was
			// copied, including a copied empty cell, is pasted.
			const text = block[r % height]?.[c % width];
			if (text !== undefined) place(plan, target, row, col, text);
			plan.range.bottom = Math.max(plan.range.bottom, row);
			plan.range.right = Math.max(plan.range.right, col);
		}
	}
	return plan;
}

/** One cell typed into. */
export function planTyped(row: number, col: number, text: string, target: Target): EditPlan {
	return planPaste([[text]], { top: row, left: col, bottom: row, right: col }, target);
}

/** Delete: clears every writable cell of the range; read-only cells are simply left. */
export function planClear(range: Range, target: Target): EditPlan {
	const plan: EditPlan = { writes: [], rejected: [], clipped: 0, range };
	for (let row = range.top; row <= range.bottom; row++) {
		for (let col = range.left; col <= range.right; col++) {
			const column = target.columns[col]!;
			if (column.column.readOnly) continue;
			plan.writes.push(write(target.rowIds[row]!, column, undefined));
		}
	}
	return plan;
}

/**
 * Ctrl+D: the range's top row copied down through it; on a single row, the row above is copied
 * into it. Values are copied as stored, and one that does not fit its question is not spread.
 */
export function planFillDown(range: Range, target: Target, valueAt: (row: number, col: number) => FormValue | undefined): EditPlan {
	const source = range.top === range.bottom ? range.top - 1 : range.top;
	const first = range.top === range.bottom ? range.top : range.top + 1;
	const plan: EditPlan = { writes: [], rejected: [], clipped: 0, range };
	if (source < 0) return plan;
	for (let col = range.left; col <= range.right; col++) {
		const column = target.columns[col]!;
		const value = valueAt(source, col);
		const problem = column.column.readOnly
			? { code: 'grid.readOnly' }
			: value !== null && typeof value === 'object' && !Array.isArray(value)
				? { code: 'answer.invalid' }
				: column.column.description
					? null
					: checkAnswer(column.column.question, value);
		for (let row = first; row <= range.bottom; row++) {
			if (problem && problem.code !== 'answer.required') plan.rejected.push({ row, col, problem });
			else plan.writes.push(write(target.rowIds[row]!, column, value as Answer | undefined));
		}
	}
	return plan;
}

/** The pending-change keys of a plan's writes, as the sync indicator counts them. */
export function changeKeys(writes: readonly CellWrite[]): string[] {
	return writes.map((w) =>
		w.row ? `answer/${w.householdId}/${w.formKey}/${w.row.groupId}/${w.row.rowId}/${w.key}` : `answer/${w.householdId}/${w.formKey}/${w.key}`
	);
}

/**
 * Applies the writes in one transaction (one undo step, one update). A row another cadre removed
 * meanwhile is skipped: its answers would be orphans no form shows.
 */
export function applyWrites(dossier: DossierDoc, writes: readonly CellWrite[], origin?: unknown): void {
	dossier.doc.transact(() => {
		// A household's own answers in bulk (a paste's thousands); a repeat group's rows one by one.
		dossier.setAnswers(writes.filter((w) => !w.row));
		for (const w of writes) {
			if (w.row && dossier.hasRow(w.householdId, w.formKey, w.row.groupId, w.row.rowId)) dossier.setRowAnswer(w.householdId, w.formKey, w.row.groupId, w.row.rowId, w.key, w.value);
		}
	}, origin);
}
