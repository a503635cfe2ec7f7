import { describe, expect, it } from 'vitest';
import { cssString, pageNumberContent, pageRules } from './pageStyle';

describe('the booklet’s pages', () => {
	it('writes names as CSS strings that a quote or a line break in them cannot end', () => {
		expect(cssString('北关村 · 刘大')).toBe('"北关村 · 刘大"');
		expect(cssString('a"b\\c\nd')).toBe('"a\\"b\\\\c d"');
	});

	it('turns the page-number message into Chromium’s page counters', () => {
		expect(pageNumberContent('第 {{page}} 页，共 {{pages}} 页')).toBe('"第 " counter(page) " 页，共 " counter(pages) " 页"');
		expect(pageNumberContent('Page {{page}} of {{pages}}')).toBe('"Page " counter(page) " of " counter(pages)');
	});

	it('gives every named page A4, the binding margin, its header and its number; covers and separators neither', () => {
		const css = pageRules(
			[
				{ name: 'bk-cover', header: '' },
				{ name: 'bk-h1', header: '北关村 · 第1户 刘大' }
			],
			'第 {{page}} 页'
		);
		expect(css).toContain('@page { size: A4; margin: 16mm 14mm 16mm 22mm; }');
		expect(css).toMatch(/@page bk-cover \{ size: A4;[^\n]*@top-center \{ content: none; \}/);
		expect(css).toMatch(/@page bk-h1 \{ size: A4;[^\n]*@top-center \{ content: "北关村 · 第1户 刘大";[^\n]*@bottom-center \{ content: "第 " counter\(page\) " 页";/);
		expect(() => pageRules([{ name: 'x; } body { display: none', header: '' }], '')).toThrow();
	});
});
