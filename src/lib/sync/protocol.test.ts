import { describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import {
	covers,
	encodeDurableDelta,
	encodeDurableState,
	isDossierId,
	isSyncUpdateFrame,
	MESSAGE_DURABLE_DELTA,
	MESSAGE_DURABLE_STATE,
	readDurableDelta,
	readDurableState
} from './protocol';

describe('dossier ids', () => {
	it('accepts the generated alphabet', () => {
		expect(isDossierId('a1B2c3D4e5')).toBe(true);
		expect(isDossierId('vil_lage-2022xx')).toBe(true);
	});
	it.each(['', 'short', '../../etc/passwd', 'a/b/c/d/e/f', 'abc%2Fdefgh', 'abcdefgh\0', 'x'.repeat(65), '村村村村村村村村', null, 12345678])(
		'rejects %j',
		(value) => {
			expect(isDossierId(value)).toBe(false);
		}
	);
});

describe('durable state message', () => {
	it('round-trips an acknowledgement and a state vector', () => {
		const state = { acknowledged: 300, stateVector: new Uint8Array([1, 2, 3, 4]) };
		const decoder = decoding.createDecoder(encodeDurableState(state));
		expect(decoding.readVarUint(decoder)).toBe(MESSAGE_DURABLE_STATE);
		expect(readDurableState(decoder)).toEqual(state);
	});
	it('round-trips the delta form, whose size follows what moved, not the room', () => {
		const delta = { acknowledged: 7, full: false, entries: new Map([[123456789, 42]]) };
		const bytes = encodeDurableDelta(delta);
		const decoder = decoding.createDecoder(bytes);
		expect(decoding.readVarUint(decoder)).toBe(MESSAGE_DURABLE_DELTA);
		expect(readDurableDelta(decoder)).toEqual(delta);
		expect(bytes.byteLength).toBeLessThan(16);
	});
	it('recognises frames that carry changes', () => {
		expect(isSyncUpdateFrame(new Uint8Array([0, 1, 5]))).toBe(true);
		expect(isSyncUpdateFrame(new Uint8Array([0, 2, 5]))).toBe(true);
		expect(isSyncUpdateFrame(new Uint8Array([0, 0, 5]))).toBe(false);
		expect(isSyncUpdateFrame(new Uint8Array([1, 2, 5]))).toBe(false);
	});
});

describe('covers', () => {
	it('compares clocks per client', () => {
		const local = new Map([
			[1, 5],
			[2, 3]
		]);
		expect(covers(new Map([[1, 5], [2, 3]]), local)).toBe(true);
		expect(covers(new Map([[1, 9], [2, 3], [7, 1]]), local)).toBe(true);
		expect(covers(new Map([[1, 4], [2, 3]]), local)).toBe(false);
		expect(covers(new Map([[1, 5]]), local)).toBe(false);
		expect(covers(new Map(), new Map())).toBe(true);
	});
});
