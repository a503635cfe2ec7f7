/** Saves text as a file the browser downloads (exports for Excel and WPS). */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
	const url = URL.createObjectURL(new Blob([text], { type }));
	const link = document.createElement('a');
	link.href = url;
	link.download = filename;
	link.click();
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Downloads what the server serves as an attachment (an export), without leaving the page. */
export function downloadFrom(url: string): void {
	const link = document.createElement('a');
	link.href = url;
	link.download = '';
	link.click();
}
