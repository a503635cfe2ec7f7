/**
 * Document benchmark: a 2,000-household dossier with 100 answers each, built through the real
 * document API. Reports the encoded size, the time to load it from the bytes IndexedDB would hold
 * (y-indexeddb keeps the merged state as one update), and the memory the loaded document takes.
 */
import * as Y from 'yjs';
import { DossierDoc } from '../src/lib/dossier/dossierDoc';

export interface DocRow {
	households: number;
	answersPerHousehold: number;
	buildMs: number;
	encodedBytes: number;
	loadMsMedian: number;
	loadMsMin: number;
	listMs: number;
	heapMb: number;
	heapBytesPerHousehold: number;
}

function gc() {
	(globalThis as { gc?: () => void }).gc?.();
}

export function docBench(households = 2000, answers = 100, loadRuns = 7): DocRow {
	const t0 = performance.now();
	const source = new DossierDoc();
	source.init({ id: 'benchdossier01', township: '大李庄乡', village: '冯老村', createdBy: 'bench' });
	const ids: string[] = [];
	for (let i = 0; i < households; i++) {
		ids.push(source.createHousehold({ head: `户主${i}`, type: i % 3 === 0 ? 'lifted' : 'ordinary' }, { name: '干部' }));
	}
	// A realistic mix: yes/no, integers, money in fen, short text.
	source.doc.transact(() => {
		for (const id of ids) {
			for (let q = 0; q < answers; q++) {
				const value = q % 4 === 0 ? q % 8 === 0 : q % 4 === 1 ? q * 3 : q % 4 === 2 ? 123456 + q : `说明${q}`;
				source.setAnswer(id, 'screening-2022', `q${q}`, value);
			}
		}
	});
	const buildMs = performance.now() - t0;
	const bytes = Y.encodeStateAsUpdate(source.doc);
	source.doc.destroy();

	const times: number[] = [];
	for (let i = 0; i < loadRuns; i++) {
		const t = performance.now();
		const doc = new Y.Doc();
		Y.applyUpdate(doc, bytes);
		new DossierDoc(doc).listHouseholds();
		times.push(performance.now() - t);
		doc.destroy();
	}
	times.sort((a, b) => a - b);

	gc();
	const before = process.memoryUsage().heapUsed;
	const doc = new Y.Doc();
	Y.applyUpdate(doc, bytes);
	const dossier = new DossierDoc(doc);
	const t1 = performance.now();
	const list = dossier.listHouseholds();
	const listMs = performance.now() - t1;
	gc();
	const heap = process.memoryUsage().heapUsed - before;
	if (list.length !== households) throw new Error('load lost households');

	return {
		households,
		answersPerHousehold: answers,
		buildMs,
		encodedBytes: bytes.byteLength,
		loadMsMedian: times[Math.floor(times.length / 2)]!,
		loadMsMin: times[0]!,
		listMs,
		heapMb: heap / 1024 / 1024,
		heapBytesPerHousehold: heap / households
	};
}
