import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ClipboardTooLarge, parseHtmlTable, parseTsv, readClipboard, toHtml, toTsv } from './clipboard';

describe('clipboard', () => {
	it('reads TSV as Excel writes it, quoted fields included', () => {
		expect(parseTsv('a\tb\r\nc\td\r\n')).toEqual([
			['a', 'b'],
			['c', 'd']
		]);
		expect(parseTsv('"两行\n文字"\t"说""是"""\n\t')).toEqual([
			['两行\n文字', '说"是"'],
			['', '']
		]);
		// A quote inside an unquoted field is just a character.
		expect(parseTsv('5" nail\tx')).toEqual([['5" nail', 'x']]);
		expect(parseTsv('')).toEqual([]);
	});

	it('round-trips any block through TSV and through HTML', () => {
		const cell = fc.string({ unit: fc.constantFrom('a', '是', ' ', '\t', '\n', '"', '<', '&', '1') }).map((s) => s.trim());
		// (Formula-like cells go out behind an apostrophe: see the test below.)
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 4 }).chain((w) => fc.array(fc.array(cell, { minLength: w, maxLength: w }), { minLength: 1, maxLength: 4 })),
				(block) => {
					expect(parseTsv(toTsv(block))).toEqual(block);
					expect(parseHtmlTable(toHtml(block))).toEqual(block.map((row) => row.map((c) => c.split('\n').map((l) => l.trim()).join('\n').replace(/[ \t]+/g, ' ').trim())));
				}
			)
		);
	});

	it('reads an Excel HTML table with styles, entities, spans and source indentation', () => {
		const html = `<html><head><style>td{color:red}</style></head><body><!--StartFragment-->
			<table border=0><col width=72>
			<tr height=19>
			  <td height=19 class=xl65>张&nbsp;三</td>
			  <td x:num>1,200.50</td>
			</tr>
			<tr><td colspan=2>合&amp;计<br>两行</td></tr>
			</table><!--EndFragment--></body></html>`;
		expect(parseHtmlTable(html)).toEqual([
			['张 三', '1,200.50'],
			['合&计\n两行', '']
		]);
		expect(readClipboard({ html: '<p>no table</p>', text: 'x\ty' })).toEqual([['x', 'y']]);
	});

	it('keeps Excel’s in-cell line breaks and prefers the exact text when both have the same shape', () => {
		const html = `<table><tr><td>墙体开裂<br style='mso-data-placement:same-cell'>屋顶漏雨</td><td>a  b</td></tr></table>`;
		expect(parseHtmlTable(html)).toEqual([['墙体开裂\n屋顶漏雨', 'a b']]);
		expect(readClipboard({ html, text: '"墙体开裂\n屋顶漏雨"\ta  b\r\n' })).toEqual([['墙体开裂\n屋顶漏雨', 'a  b']]);
		// Blank lines after the text are not rows; one empty cell is still a clear.
		expect(readClipboard({ text: '张三\r\n\r\n\r\n' })).toEqual([['张三']]);
		expect(readClipboard({ text: '\r\n' })).toEqual([['']]);
	});

	it('reads hostile HTML in linear time and refuses blocks beyond the limits', () => {
		const started = performance.now();
		// Stray '<' that never close a tag are text.
		expect(parseHtmlTable('<table><tr><td>' + '<a'.repeat(200_000) + '</td></tr></table>')).toEqual([['<a'.repeat(200_000)]]);
		expect(parseHtmlTable('<table'.repeat(100_000))).toEqual(null);
		expect(parseHtmlTable('<!--'.repeat(100_000) + '<table><tr><td>x</td></tr></table>')).toBeNull();
		// A correctness bound, not a benchmark: a quadratic scan of these takes tens of seconds.
		expect(performance.now() - started).toBeLessThan(5_000);
		expect(() => parseHtmlTable('<table>' + '<tr><td rowspan=9999 colspan=999>x</td></tr>'.repeat(400) + '</table>')).toThrow(ClipboardTooLarge);
		expect(() => readClipboard({ text: 'x\t'.repeat(400_000) })).toThrow(ClipboardTooLarge);
	});

	it('sends formula-like text out inert, and reads it back as typed', async () => {
		const { readCell } = await import('./cellInput');
		expect(toTsv([['=HYPERLINK("x")', '-5', '+86 138']])).toBe('"\'=HYPERLINK(""x"")"\t-5\t\'+86 138\r\n');
		const text = { key: 'd', section: { zh: 's', en: 's' }, label: { zh: 'l', en: 'l' }, question: { id: 'd', type: 'text' as const, label: { zh: 'l', en: 'l' } }, description: false, readOnly: false };
		expect(readCell(text, parseTsv(toTsv([['=1+1']]))[0]![0]!)).toEqual({ ok: true, value: '=1+1' });
	});
});
