const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * Random ids for dossiers, households and rows. Created offline on any device, so they must
 * be collision-free without coordination: 16 base62 characters carry ~95 bits of randomness.
 * The alphabet is a subset of DOSSIER_ID_PATTERN, so a generated id is always a valid room name.
 */
export function newId(length = 16): string {
	const bytes = new Uint8Array(length);
	crypto.getRandomValues(bytes);
	let id = '';
	// 248 is the largest multiple of 62 below 256: rejecting higher bytes keeps the draw uniform.
	for (let i = 0; id.length < length; i++) {
		if (i === bytes.length) {
			crypto.getRandomValues(bytes);
			i = 0;
		}
		const byte = bytes[i]!;
		if (byte < 248) id += ALPHABET[byte % 62];
	}
	return id;
}
