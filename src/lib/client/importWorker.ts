/// <reference lib="webworker" />
/**
 * Reads, plans and writes an import off the page's thread (ImportJob): 50,000 rows take seconds,
 * and the page must keep drawing its progress bar meanwhile.
 */
import { ImportJob, type ColumnIds, type PlanOutcome, type ReadOutcome } from '../import/importJob';
import type { ColumnMapping } from '../import/columnMapping';
import type { OtherDossierPerson } from '../import/importPlan';
import type { ApplyResult } from '../import/applyImport';
import type { Actor } from '../dossier/dossierDoc';

export type ImportRequest =
	| { type: 'read'; bytes: Uint8Array; fileName: string; remembered: Record<string, ColumnMapping> }
	| { type: 'preview'; mapping: ColumnMapping; state: Uint8Array; others: [string, OtherDossierPerson][]; today: string }
	| { type: 'write'; state: Uint8Array; by: Actor; householdsPerUpdate: number }
	/** The ID numbers of one column of the file read (a department's list). */
	| { type: 'ids'; column: number };

export type ImportReply =
	| { type: 'read'; outcome: ReadOutcome }
	| { type: 'preview'; outcome: PlanOutcome }
	/** One part of the write (a v2 update), sent as soon as it is made; `parts`: how many there will be. */
	| { type: 'part'; update: Uint8Array; created: string[]; parts: number }
	| { type: 'write'; result: ApplyResult }
	| ({ type: 'ids' } & ColumnIds)
	| { type: 'error'; message: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;
const job = new ImportJob();

scope.onmessage = (event: MessageEvent<ImportRequest>) => {
	const request = event.data;
	try {
		if (request.type === 'read') {
			reply({ type: 'read', outcome: job.read(request.bytes, request.fileName, (key) => request.remembered[key] ?? null) });
		} else if (request.type === 'preview') {
			reply({ type: 'preview', outcome: job.preview(request.mapping, request.state, new Map(request.others), request.today) });
		} else if (request.type === 'ids') {
			reply({ type: 'ids', ...job.idsIn(request.column) });
		} else {
			const { parts, writing } = job.write(request.state, request.by, request.householdsPerUpdate);
			for (;;) {
				const next = writing.next();
				if (next.done) {
					reply({ type: 'write', result: next.value });
					break;
				}
				reply({ type: 'part', ...next.value, parts }, [next.value.update.buffer as ArrayBuffer]);
			}
		}
	} catch (error) {
		reply({ type: 'error', message: error instanceof Error ? error.message : String(error) });
	}
};

function reply(message: ImportReply, transfer: Transferable[] = []): void {
	scope.postMessage(message, transfer);
}
