/**
 * A village's photos as one zip (planned in src/lib/export/photoArchive.ts), written as a stream:
 * each photo is read when the zip reaches it and let go once written, so 2,000 photos need no
 * more memory than a few (where the browser can write to a file as it goes; see saveTo).
 *
 * client-zip stores, it does not compress: JPEGs do not shrink, and storing costs no CPU. It flags
 * string names as UTF-8, so Chinese folder and file names read right in Windows' Explorer and WPS.
 */
import { downloadZip } from 'client-zip';
import type { DossierDoc } from '$lib/dossier/dossierDoc';
import type { ReviewDoc } from '$lib/review/reviewDoc';
import {
	answerAddedDay,
	collectPhotos,
	entryPath,
	imageExtension,
	manifestCsv,
	planArchive,
	type ArchiveEntry,
	type MissingReason,
	type PhotoOutcome,
	type PhotoRef
} from '$lib/export/photoArchive';
import { localIndex } from './localIndex';

export interface PhotoZipProgress {
	/** Listing: reading the records and dating the photos; writing: the zip is being written. */
	phase: 'listing' | 'writing';
	/** Photos handled (written, or found missing) of `total`. */
	done: number;
	total: number;
	/** Bytes of the zip written so far. */
	bytes: number;
	missing: number;
}

export interface PhotoZipResult {
	/** 'file': written to the file the cadre chose; 'download': handed to the browser's downloads. */
	saved: 'file' | 'download';
	total: number;
	missing: number;
	mismatched: number;
	bytes: number;
}

export interface PhotoZipInput {
	dossierId: string;
	dossier: DossierDoc;
	review: ReviewDoc | null;
	village: string;
	filename: string;
	onprogress?: (progress: PhotoZipProgress) => void;
	signal?: AbortSignal;
}

/** The export was cancelled (by the cadre, or the save dialog was closed). */
export class PhotoZipCancelled extends Error {
	constructor() {
		super('photo export cancelled');
	}
}

interface SavePicker {
	showSaveFilePicker?: (options: {
		suggestedName?: string;
		types?: { description?: string; accept: Record<string, string[]> }[];
	}) => Promise<FileSystemFileHandle & { remove?: () => Promise<void> }>;
}

/** Whether this browser writes the zip straight to a file (Chromium on a computer; not phones). */
export function streamsToFile(): boolean {
	return typeof (globalThis as SavePicker).showSaveFilePicker === 'function';
}

/** How many photos are read ahead of the one being written: hides the server's latency, bounds memory. */
const READ_AHEAD = 4;
/** History requests at once when dating photos. */
const DATING_REQUESTS = 6;

function aborted(signal?: AbortSignal): boolean {
	return !!signal?.aborted;
}

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', bytes);
	return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

type Fetched = { bytes: Uint8Array<ArrayBuffer>; sha256: string; matches: boolean } | { missing: MissingReason };

/**
 * A photo's bytes: from this device, else from the server, each checked against its name. A copy
 * that does not match is used only when no good one can be had. What the server gives is not kept
 * on the device: an export must not fill a phone with a village's 2,000 photos.
 */
async function fetchPhoto(hash: string, dossierId: string, signal?: AbortSignal): Promise<Fetched> {
	let damaged: Fetched | null = null;
	// A stored Blob whose file the browser has lost throws on reading: then the server's copy is asked for.
	const local = await localIndex.blobs
		.get(hash)
		.then(async (blob) => blob && new Uint8Array(await blob.data.arrayBuffer()))
		.catch(() => undefined);
	if (local) {
		const sha256 = await sha256Hex(local);
		if (sha256 === hash) return { bytes: local, sha256, matches: true };
		damaged = { bytes: local, sha256, matches: false };
	}
	const res = await fetch(`/api/blobs/${hash}?dossier=${encodeURIComponent(dossierId)}`, { signal }).catch(() => null);
	if (res?.ok) {
		const bytes = new Uint8Array(await res.arrayBuffer());
		const sha256 = await sha256Hex(bytes);
		if (sha256 === hash || !damaged) return { bytes, sha256, matches: sha256 === hash };
	}
	if (damaged) return damaged;
	if (!res) return { missing: 'offline' };
	return { missing: res.status === 404 ? 'notOnServer' : res.status === 401 ? 'signedOut' : 'serverError' };
}

/**
 * Dates photo answers from their history on the server (records say when a photo was added only
 * there). Offline, or signed out, the photos keep no date rather than a guessed one.
 */
async function dateAnswerPhotos(refs: PhotoRef[], dossierId: string, timeZone: string, signal?: AbortSignal): Promise<void> {
	const places = new Map<string, PhotoRef[]>();
	for (const ref of refs) {
		if (!ref.answer || ref.date) continue;
		const key = `${ref.answer.householdId ?? ''}|${ref.answer.key}`;
		places.set(key, [...(places.get(key) ?? []), ref]);
	}
	const queue = [...places.values()];
	let unreachable = false;
	const worker = async () => {
		for (let group = queue.shift(); group && !unreachable && !aborted(signal); group = queue.shift()) {
			const { householdId, key } = group[0]!.answer!;
			const res = await fetch(`/api/dossiers/${encodeURIComponent(dossierId)}/history?household=${encodeURIComponent(householdId ?? '')}&key=${encodeURIComponent(key)}`, {
				signal
			}).catch(() => null);
			if (!res?.ok) {
				// Offline or signed out: every other request would fail the same way.
				if (!res || res.status === 401) unreachable = true;
				continue;
			}
			const body = (await res.json().catch(() => null)) as { entries?: { at: string; value: unknown }[] } | null;
			for (const ref of group) ref.date = answerAddedDay(body?.entries ?? [], ref.hash, timeZone);
		}
	};
	await Promise.all(Array.from({ length: DATING_REQUESTS }, worker));
}

/** The day a photo is dated as the file's time in the zip (noon, so no zone moves it a day). */
function fileTime(ref: PhotoRef): Date {
	return ref.date ? new Date(`${ref.date}T12:00:00`) : new Date();
}

/**
 * Writes the village's photo zip. The save dialog opens first, while the click that asked for it
 * still counts as the cadre's (browsers allow it only then). Resolves null when the village has no
 * photo; throws PhotoZipCancelled when the dialog is closed or the signal aborts.
 */
export async function exportPhotoZip(input: PhotoZipInput): Promise<PhotoZipResult | null> {
	const { dossierId, signal } = input;
	const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
	// Read before the dialog (it is synchronous, so the click still counts): no photos, no dialog.
	const refs = collectPhotos(input.dossier, input.review, { timeZone });
	if (!refs.length) return null;
	const file = await chooseFile(input.filename);
	try {
		const progress: PhotoZipProgress = { phase: 'listing', done: 0, total: refs.length, bytes: 0, missing: 0 };
		const report = () => input.onprogress?.({ ...progress });
		report();
		await dateAnswerPhotos(refs, dossierId, timeZone, signal);
		if (aborted(signal)) throw new PhotoZipCancelled();
		const plan = planArchive(input.village, refs);
		progress.phase = 'writing';
		progress.total = plan.entries.length;
		report();

		let mismatched = 0;
		async function* files() {
			const rows: { entry: ArchiveEntry; outcome: PhotoOutcome }[] = [];
			const ahead: Promise<Fetched>[] = [];
			let next = 0;
			const readAhead = () => {
				while (ahead.length < READ_AHEAD && next < plan.entries.length) ahead.push(fetchPhoto(plan.entries[next++]!.hash, dossierId, signal).catch(() => ({ missing: 'offline' as const })));
			};
			for (const entry of plan.entries) {
				readAhead();
				const got = await ahead.shift()!;
				if (aborted(signal)) throw new PhotoZipCancelled();
				if ('missing' in got) {
					rows.push({ entry, outcome: { status: 'missing', reason: got.missing } });
					progress.missing++;
				} else {
					const path = entryPath(entry, imageExtension(got.bytes));
					rows.push({ entry, outcome: { status: got.matches ? 'present' : 'mismatch', path, sha256: got.sha256, bytes: got.bytes.byteLength } });
					if (!got.matches) mismatched++;
					yield { name: path, input: got.bytes, lastModified: fileTime(entry), size: got.bytes.byteLength };
				}
				progress.done++;
				report();
			}
			// Last, so it can say what became of every photo.
			yield { name: plan.manifestPath, input: new TextEncoder().encode(manifestCsv(rows)), lastModified: new Date() };
		}

		const counted = downloadZip(files()).body!.pipeThrough(
			new TransformStream<Uint8Array, Uint8Array>({
				transform(chunk, controller) {
					progress.bytes += chunk.byteLength;
					controller.enqueue(chunk);
				}
			})
		);
		const saved = await saveTo(file, counted, input.filename, signal);
		report();
		return { saved, total: progress.total, missing: progress.missing, mismatched, bytes: progress.bytes };
	} catch (error) {
		if (file) await file.remove?.().catch(() => {});
		if (aborted(signal) || (error instanceof DOMException && error.name === 'AbortError')) throw new PhotoZipCancelled();
		throw error;
	}
}

type ChosenFile = (FileSystemFileHandle & { remove?: () => Promise<void> }) | null;

/** The file the cadre chooses, where the browser can write one as it goes; else null (a download). */
async function chooseFile(filename: string): Promise<ChosenFile> {
	const picker = (globalThis as SavePicker).showSaveFilePicker;
	if (!picker) return null;
	try {
		return await picker({ suggestedName: filename, types: [{ description: 'ZIP', accept: { 'application/zip': ['.zip'] } }] });
	} catch (error) {
		if (error instanceof DOMException && error.name === 'AbortError') throw new PhotoZipCancelled();
		// Refused for another reason (a policy, no user gesture left): the download still works.
		return null;
	}
}

/**
 * Chromium streams into the chosen file: each chunk goes to disk as it is made, and a cancelled
 * export leaves nothing behind (an aborted writable discards what it had). Elsewhere (Firefox,
 * Safari, phones) there is no such file API, so the zip is gathered into a Blob and downloaded:
 * the browser holds the whole zip until then (it may keep a large Blob on disk, but a phone may
 * still run short); the component says so beside the button.
 */
async function saveTo(file: ChosenFile, zip: ReadableStream<Uint8Array>, filename: string, signal?: AbortSignal): Promise<'file' | 'download'> {
	if (file) {
		const writable = await file.createWritable();
		await zip.pipeTo(writable, { signal });
		return 'file';
	}
	// The generator stops at the next photo once the signal aborts, which fails this read.
	const blob = await new Response(zip, { headers: { 'content-type': 'application/zip' } }).blob();
	if (aborted(signal)) throw new PhotoZipCancelled();
	const url = URL.createObjectURL(blob);
	const link = document.createElement('a');
	link.href = url;
	link.download = filename;
	link.click();
	setTimeout(() => URL.revokeObjectURL(url), 60_000);
	return 'download';
}
