/**
 * The grid's selection as a spreadsheet user knows it: an anchor cell where the selection
 * started and the active cell it extends to. Pure, so every key's meaning is tested without a
 * browser; the component only maps keyboard events and mouse drags to these calls.
 */

export interface CellPos {
	row: number;
	col: number;
}

export interface Selection {
	anchor: CellPos;
	active: CellPos;
}

export interface Range {
	top: number;
	left: number;
	bottom: number;
	right: number;
}

export interface Bounds {
	rows: number;
	cols: number;
	/** Rows one page moves (PageUp/PageDown). */
	pageRows: number;
}

export interface Keys {
	key: string;
	shift: boolean;
	/** Ctrl, or ⌘ on a Mac. */
	ctrl: boolean;
}

export function at(row: number, col: number): Selection {
	return { anchor: { row, col }, active: { row, col } };
}

export function rangeOf(selection: Selection): Range {
	return {
		top: Math.min(selection.anchor.row, selection.active.row),
		bottom: Math.max(selection.anchor.row, selection.active.row),
		left: Math.min(selection.anchor.col, selection.active.col),
		right: Math.max(selection.anchor.col, selection.active.col)
	};
}

export function inRange(range: Range, row: number, col: number): boolean {
	return row >= range.top && row <= range.bottom && col >= range.left && col <= range.right;
}

export function clampPos(pos: CellPos, bounds: Bounds): CellPos {
	return {
		row: Math.max(0, Math.min(bounds.rows - 1, pos.row)),
		col: Math.max(0, Math.min(bounds.cols - 1, pos.col))
	};
}

export function clamp(selection: Selection, bounds: Bounds): Selection {
	return { anchor: clampPos(selection.anchor, bounds), active: clampPos(selection.active, bounds) };
}

/**
 * The selection after a navigation key, or null when the key does not navigate. Shift extends
 * from the anchor; Ctrl jumps to the edge; Tab and Enter (after an edit) move and collapse.
 */
export function navigate(selection: Selection, keys: Keys, bounds: Bounds): Selection | null {
	if (bounds.rows === 0 || bounds.cols === 0) return null;
	const { row, col } = selection.active;
	const lastRow = bounds.rows - 1;
	const lastCol = bounds.cols - 1;
	let next: CellPos;
	let extend = keys.shift;
	switch (keys.key) {
		case 'ArrowUp':
			next = { row: keys.ctrl ? 0 : row - 1, col };
			break;
		case 'ArrowDown':
			next = { row: keys.ctrl ? lastRow : row + 1, col };
			break;
		case 'ArrowLeft':
			next = { row, col: keys.ctrl ? 0 : col - 1 };
			break;
		case 'ArrowRight':
			next = { row, col: keys.ctrl ? lastCol : col + 1 };
			break;
		case 'Home':
			next = keys.ctrl ? { row: 0, col: 0 } : { row, col: 0 };
			break;
		case 'End':
			next = keys.ctrl ? { row: lastRow, col: lastCol } : { row, col: lastCol };
			break;
		case 'PageUp':
			next = { row: row - bounds.pageRows, col };
			break;
		case 'PageDown':
			next = { row: row + bounds.pageRows, col };
			break;
		case 'Tab':
			// Tab walks along the row and wraps to the next one, as in Excel.
			extend = false;
			if (keys.shift) next = col > 0 ? { row, col: col - 1 } : row > 0 ? { row: row - 1, col: lastCol } : { row, col };
			else next = col < lastCol ? { row, col: col + 1 } : row < lastRow ? { row: row + 1, col: 0 } : { row, col };
			break;
		case 'Enter':
			extend = false;
			next = { row: keys.shift ? row - 1 : row + 1, col };
			break;
		default:
			return null;
	}
	const active = clampPos(next, bounds);
	return { anchor: extend ? selection.anchor : active, active };
}

/** Where a mouse drag from the anchor has reached. */
export function dragTo(selection: Selection, pos: CellPos, bounds: Bounds): Selection {
	return { anchor: selection.anchor, active: clampPos(pos, bounds) };
}

/** The first of some cells in reading order (top row first, then leftmost); null for none. */
export function firstInReadingOrder<T extends CellPos>(cells: readonly T[]): T | null {
	let first: T | null = null;
	for (const c of cells) if (!first || c.row < first.row || (c.row === first.row && c.col < first.col)) first = c;
	return first;
}
