/// <reference lib="webworker" />
/**
 * Builds XLSX exports off the page's thread: 5,000 households take seconds of exceljs work, and
 * the page must keep answering taps meanwhile. This worker is the only code that loads exceljs.
 */
import { buildXlsx, type XlsxRequest } from '../export/xlsx/request';

export type XlsxWorkerMessage =
	| { type: 'progress'; done: number; total: number; phase: 'rows' | 'file' }
	| { type: 'done'; bytes: ArrayBuffer; fileName: string }
	| { type: 'error'; message: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: XlsxWorkerMessage, transfer: Transferable[] = []) => scope.postMessage(message, transfer);

scope.onmessage = async (event: MessageEvent<XlsxRequest>) => {
	try {
		let last = 0;
		const file = await buildXlsx(event.data, (done, total, phase) => {
			// A progress message per row would cost more than the row: a few dozen per export.
			const now = performance.now();
			if (phase === 'file' || done === total || now - last > 100) {
				last = now;
				post({ type: 'progress', done, total, phase });
			}
		});
		post({ type: 'done', bytes: file.bytes, fileName: file.fileName }, [file.bytes]);
	} catch (error) {
		post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
	}
};
