/**
 * Runs an XLSX export in its own worker and saves the file. One worker per export, ended when it
 * is done or cancelled, so exceljs's memory goes with it.
 */
import type { XlsxRequest } from '../export/xlsx/request';
import type { XlsxWorkerMessage } from './xlsxWorker';
import { XLSX_MIME } from '../export/xlsx/mime';


export interface XlsxProgress {
	/** 0..1 of the rows; the file's writing is the last stretch. */
	fraction: number;
	phase: 'rows' | 'file';
}

export interface RunningExport {
	done: Promise<{ bytes: ArrayBuffer; fileName: string }>;
	cancel(): void;
}

export function runXlsx(request: XlsxRequest, onProgress: (progress: XlsxProgress) => void): RunningExport {
	const worker = new Worker(new URL('./xlsxWorker.ts', import.meta.url), { type: 'module' });
	let cancel = () => {};
	const done = new Promise<{ bytes: ArrayBuffer; fileName: string }>((resolve, reject) => {
		cancel = () => {
			worker.terminate();
			reject(new DOMException('cancelled', 'AbortError'));
		};
		worker.onmessage = (event: MessageEvent<XlsxWorkerMessage>) => {
			const message = event.data;
			if (message.type === 'progress') onProgress({ fraction: message.total ? message.done / message.total : 0, phase: message.phase });
			else {
				worker.terminate();
				if (message.type === 'done') resolve({ bytes: message.bytes, fileName: message.fileName });
				else reject(new Error(message.message));
			}
		};
		worker.onerror = (event) => {
			worker.terminate();
			reject(new Error(event.message || 'export failed'));
		};
	});
	worker.postMessage(request);
	return { done, cancel };
}

/** Saves bytes as a file the browser downloads. */
export function downloadBytes(fileName: string, bytes: ArrayBuffer, type = XLSX_MIME): void {
	const url = URL.createObjectURL(new Blob([bytes], { type }));
	const link = document.createElement('a');
	link.href = url;
	link.download = fileName;
	link.click();
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
