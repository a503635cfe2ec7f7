import { describe, expect, it } from 'vitest';
import { fenToWan, fenToYuan, formatForInput, parseInput, wanToFen, yuanToFen } from './answerInput';
import type { Question } from './template';

const money: Question = { id: 'm', type: 'money', label: { zh: '钱', en: 'M' } };
const int: Question = { id: 'n', type: 'integer', label: { zh: '数', en: 'N' } };

describe('money input', () => {
	it.each([
		['7300', 730000],
		['7300.5', 730050],
		['7300.05', 730005],
		['0.01', 1],
		['-12.30', -1230],
		['1,234.56', 123456],
		[' 88 ', 8800],
		['800元', 80000],
		['¥1,200', 120000],
		['￥８００．５', 80050],
		['1,234,567.89', 123456789]
	])('%s yuan is %d fen', (text, fen) => {
		expect(yuanToFen(text)).toBe(fen);
	});
	it.each(['', 'abc', '1.234', '1e5', '12..3', '七千', '12，50', '12,50', '1,2345', '元'])('rejects %j', (text) => {
		expect(yuanToFen(text)).toBeNull();
	});
	it('formats fen exactly', () => {
		expect(fenToYuan(730005)).toBe('7300.05');
		expect(fenToYuan(-1230)).toBe('-12.30');
		expect(fenToYuan(0)).toBe('0.00');
	});
});

describe('parseInput', () => {
	it('keeps unparsable text as it is', () => {
		expect(parseInput(money, '七千元')).toBe('七千元');
		expect(parseInput(int, '3.5')).toBe('3.5');
		expect(parseInput(int, '4')).toBe(4);
		expect(parseInput(int, '  ')).toBeUndefined();
	});
	it('round-trips money through the input', () => {
		expect(formatForInput(money, parseInput(money, '123.4'))).toBe('123.40');
		expect(formatForInput(money, 'abc')).toBe('abc');
	});
});

describe('money in 万元 (附件2 asks "实际 万元")', () => {
	const wan: Question = { id: 'w', type: 'money', unit: 'wan', label: { zh: '收入（万元）', en: 'W' } };
	it.each([
		['3', 3_000_000],
		['3.5', 3_500_000],
		['5.2万', 5_200_000],
		['0.000001', 1],
		['1.2万元', 1_200_000],
		['１２．３４', 12_340_000]
	])('%s 万元 is %d fen', (text, fen) => {
		expect(wanToFen(text)).toBe(fen);
		expect(parseInput(wan, text)).toBe(fen);
	});
	it.each(['', '三万', '1.0000001', '1,2'])('rejects %j', (text) => {
		expect(wanToFen(text)).toBeNull();
	});
	it('shows fen as 万元, exactly and without trailing zeros', () => {
		expect(fenToWan(3_500_000)).toBe('3.5');
		expect(fenToWan(3_000_000)).toBe('3');
		expect(fenToWan(1)).toBe('0.000001');
		expect(formatForInput(wan, 4_999_999)).toBe('4.999999');
	});
});
