/**
 * The booklet's pages for the browser's print engine (Chromium): A4, a wider left margin for the
 * binding (装订线), a running header naming the village and the household, and the page number
 * below. Chromium prints @page margin boxes but not running strings (string-set), so each
 * household's pages are a named page of their own whose header is written out here; a change of
 * named page also starts a new sheet, which the booklet wants before every household anyway.
 */

export interface PageHeader {
	/** The named page (a CSS identifier: `page: <name>` on the household's parts). */
	name: string;
	/** What its pages say at the top; empty: nothing (covers, separators). */
	header: string;
}

/** A string as CSS `content` text: quoted, with its quotes, backslashes and line breaks escaped. */
export function cssString(text: string): string {
	return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/[\r\n\f]+/g, ' ')}"`;
}

/**
 * A message with `{{page}}` and `{{pages}}` (第 {{page}} 页，共 {{pages}} 页) as CSS `content`:
 * the counters Chromium fills in its page margin boxes.
 */
export function pageNumberContent(message: string): string {
	const parts = message.split(/(\{\{pages?\}\})/).filter((p) => p !== '');
	return parts.map((p) => (p === '{{page}}' ? 'counter(page)' : p === '{{pages}}' ? 'counter(pages)' : cssString(p))).join(' ');
}

/** A page margin in millimetres: top, right, bottom, left (the binding side). */
export const PAGE_MARGIN_MM = [16, 14, 16, 22] as const;

const BOX = 'font-size: 9pt; color: #333; font-family: inherit;';

/**
 * The @page rules: one named page per header, each A4 with the running header and the page
 * number (`pageNumber`, see pageNumberContent); a page with no header has no page number either
 * (a cover or separator sheet is not numbered as text).
 */
export function pageRules(pages: readonly PageHeader[], pageNumber: string): string {
	const margin = PAGE_MARGIN_MM.map((mm) => `${mm}mm`).join(' ');
	const rules = [`@page { size: A4; margin: ${margin}; }`];
	for (const page of pages) {
		if (!/^[a-z][a-z0-9-]*$/.test(page.name)) throw new Error(`bad page name ${page.name}`);
		const boxes = page.header
			? `@top-center { content: ${cssString(page.header)}; ${BOX} } @bottom-center { content: ${pageNumberContent(pageNumber)}; ${BOX} }`
			: '@top-center { content: none; } @bottom-center { content: none; }';
		rules.push(`@page ${page.name} { size: A4; margin: ${margin}; ${boxes} }`);
	}
	return rules.join('\n');
}
