import { describe, expect, it } from 'vitest';
import { at, dragTo, firstInReadingOrder, navigate, rangeOf, type Keys } from './selection';

const bounds = { rows: 100, cols: 10, pageRows: 20 };
const key = (k: string, mods: Partial<Keys> = {}): Keys => ({ key: k, shift: false, ctrl: false, ...mods });

describe('selection', () => {
	it('moves with arrows and stops at the edges', () => {
		expect(navigate(at(0, 0), key('ArrowUp'), bounds)).toEqual(at(0, 0));
		expect(navigate(at(5, 5), key('ArrowDown'), bounds)).toEqual(at(6, 5));
		expect(navigate(at(5, 5), key('ArrowRight', { ctrl: true }), bounds)).toEqual(at(5, 9));
		expect(navigate(at(5, 5), key('ArrowUp', { ctrl: true }), bounds)).toEqual(at(0, 5));
		expect(navigate(at(5, 5), key('Home'), bounds)).toEqual(at(5, 0));
		expect(navigate(at(5, 5), key('End', { ctrl: true }), bounds)).toEqual(at(99, 9));
		expect(navigate(at(90, 1), key('PageDown'), bounds)).toEqual(at(99, 1));
		expect(navigate(at(30, 1), key('PageUp'), bounds)).toEqual(at(10, 1));
		expect(navigate(at(5, 5), key('x'), bounds)).toBeNull();
	});

	it('walks rows with Tab and wraps, and Enter goes down (Shift: back)', () => {
		expect(navigate(at(3, 9), key('Tab'), bounds)).toEqual(at(4, 0));
		expect(navigate(at(3, 0), key('Tab', { shift: true }), bounds)).toEqual(at(2, 9));
		expect(navigate(at(99, 9), key('Tab'), bounds)).toEqual(at(99, 9));
		expect(navigate(at(3, 3), key('Enter'), bounds)).toEqual(at(4, 3));
		expect(navigate(at(3, 3), key('Enter', { shift: true }), bounds)).toEqual(at(2, 3));
	});

	it('extends from the anchor with Shift and with a drag', () => {
		const extended = navigate(navigate(at(2, 2), key('ArrowDown', { shift: true }), bounds)!, key('ArrowRight', { shift: true }), bounds)!;
		expect(rangeOf(extended)).toEqual({ top: 2, left: 2, bottom: 3, right: 3 });
		expect(rangeOf(dragTo(at(5, 5), { row: 1, col: 20 }, bounds))).toEqual({ top: 1, left: 5, bottom: 5, right: 9 });
		expect(navigate(extended, key('ArrowLeft'), bounds)).toEqual(at(3, 2));
	});

	it('finds the first of some cells in reading order', () => {
		// A fill down lists its refusals column by column; the first is still the top left one.
		expect(firstInReadingOrder([{ row: 4, col: 1 }, { row: 2, col: 7 }, { row: 2, col: 3 }, { row: 5, col: 0 }])).toEqual({ row: 2, col: 3 });
		expect(firstInReadingOrder([])).toBeNull();
	});
});
