import { describe, expect, it } from 'vitest';
import { fenToYuan, formatForInput, parseInput, yuanToFen } from './answerInput';
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
