/**
 * Photos (proof of income, evidence of a problem) as content-addressed blobs: a photo is shrunk
 * on the device, named by the SHA-256 of its bytes, kept in IndexedDB, and uploaded to the server
 * when there is a network. Answers hold only the names, so the dossier stays small and two
 * devices that attach the same photo store it once. On the server a photo belongs to the
 * dossiers it was attached in, and only who may read one of them may fetch it (through it).
 */
import { localIndex } from './localIndex';

const MAX_SIDE = 1600;

async function sha256Hex(data: ArrayBuffer): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', data);
	return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Shrinks a camera photo to at most 1600 px on its long side, as JPEG. */
async function shrink(file: Blob): Promise<Blob> {
	const bitmap = await createImageBitmap(file);
	const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
	const canvas = document.createElement('canvas');
	canvas.width = Math.max(1, Math.round(bitmap.width * scale));
	canvas.height = Math.max(1, Math.round(bitmap.height * scale));
	canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
	bitmap.close();
	return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('encode failed'))), 'image/jpeg', 0.85));
}

/** Keeps a photo on this device and returns its name; the upload happens in the background. */
export async function addPhoto(file: Blob, dossierId: string): Promise<string> {
	const data = await shrink(file);
	const hash = await sha256Hex(await data.arrayBuffer());
	await localIndex.transaction('rw', localIndex.blobs, async () => {
		const known = await localIndex.blobs.get(hash);
		if (!known) await localIndex.blobs.put({ hash, type: 'image/jpeg', data, uploaded: false, pendingFor: [dossierId] });
		// The same photo attached in another dossier is sent again, for that dossier.
		else if (!(known.pendingFor ?? []).includes(dossierId)) await localIndex.blobs.update(hash, { uploaded: false, pendingFor: [...(known.pendingFor ?? []), dossierId] });
	});
	void uploadPending();
	return hash;
}

let uploading: Promise<void> | null = null;

/** Sends photos the server does not have yet; stops quietly at the first network failure. */
export function uploadPending(): Promise<void> {
	uploading ??= (async () => {
		try {
			// Booleans are not valid IndexedDB keys, so this is a scan; there are few photos per device.
			const pending = await localIndex.blobs.filter((b) => !b.uploaded).toArray();
			for (const blob of pending) {
				for (const dossierId of blob.pendingFor ?? []) {
					const res = await fetch(`/api/blobs/${blob.hash}?dossier=${encodeURIComponent(dossierId)}`, {
						method: 'PUT',
						headers: { 'content-type': blob.type },
						body: blob.data
					}).catch(() => null);
					if (!res) return;
					// Stored; or refused for what it is (not a photo, too large): either way done. Anything
					// else is tried again later: signed out (401), a dossier created offline that the
					// server does not know yet (404), a server error.
					if (res.ok || res.status === 400 || res.status === 413 || res.status === 415) await settle(blob.hash, dossierId);
				}
			}
		} finally {
			uploading = null;
		}
	})();
	return uploading;
}

/** One dossier's upload of a photo is done. */
async function settle(hash: string, dossierId: string): Promise<void> {
	await localIndex.transaction('rw', localIndex.blobs, async () => {
		const blob = await localIndex.blobs.get(hash);
		if (!blob) return;
		const pendingFor = (blob.pendingFor ?? []).filter((d) => d !== dossierId);
		await localIndex.blobs.update(hash, { pendingFor, uploaded: pendingFor.length === 0 });
	});
}

/** An object URL for a photo of a dossier: from this device, or fetched once from the server and kept. */
export async function photoUrl(hash: string, dossierId: string): Promise<string | null> {
	const local = await localIndex.blobs.get(hash);
	if (local) {
		// Taken before photos were sent per dossier: it goes up with the dossier it is shown in.
		if (!local.uploaded && !local.pendingFor?.length) await localIndex.blobs.update(hash, { pendingFor: [dossierId] });
		return URL.createObjectURL(local.data);
	}
	const res = await fetch(`/api/blobs/${hash}?dossier=${encodeURIComponent(dossierId)}`).catch(() => null);
	if (!res?.ok) return null;
	const data = await res.blob();
	await localIndex.blobs.put({ hash, type: data.type, data, uploaded: true });
	return URL.createObjectURL(data);
}
