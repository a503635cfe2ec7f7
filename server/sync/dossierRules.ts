/**
 * What those who may write a dossier (or an organisation) whole may still not do, judged from an
 * inspected update before it is applied. Rights decide *whether* someone writes; these rules keep
 * what any writer leaves behind a record that holds up:
 * - every key and value has a size (recordLimits.ts), and only maps, arrays and plain values
 *   are written (no Y.Text, embeds, sub-documents or binary blobs: the layouts have none);
 * - households are withdrawn (a recorded state with who, when and why), never deleted or
 *   replaced: a deleted household takes its answers, and their history, out of every view;
 * - form signatures (`signatures`) are records of what one person attested: written once, by
 *   that person, never changed or deleted (signing again adds a record);
 * - monitoring steps (`monitoring`: 纳入, 帮扶, 风险消除) likewise: once, by the person they name.
 */
import { RECORD_LIMITS, plainValueSize } from '../../src/lib/sync/recordLimits';
import { ROOT } from '../../src/lib/dossier/layout';
import { signatureRecordRefusal } from '../../src/lib/signing/signature';
import { monitoringRecordRefusal } from '../../src/lib/household/monitoring';
import type { Deletion, Write } from './updateInspection';

/** Null when every write of any kind stays within the limits; otherwise why not. */
export function plainWriteRefusal(writes: readonly Write[], valueLimit: (w: Write) => number = () => RECORD_LIMITS.valueChars): string | null {
	for (const w of writes) {
		if (w.key !== null && w.key.length > RECORD_LIMITS.keyChars) return 'Key too long';
		if (w.content.kind === 'other') return `Only maps, arrays and plain values are stored, not ${w.content.name}`;
		// 'deleted': an item created and deleted before it reached the server (an answer typed,
		// then corrected offline): it stores nothing but its place.
		if (w.content.kind !== 'values') continue;
		const limit = valueLimit(w);
		for (const value of w.content.values) {
			const size = plainValueSize(value);
			if (size === null) return 'Value nested too deep or not plain data';
			if (size > limit) return `Value too large (${size} > ${limit} characters)`;
		}
	}
	return null;
}

export function dossierWriteRefusal(writes: readonly Write[], deleted: readonly Deletion[], sender: { id: string; name: string }): string | null {
	for (const d of deleted) {
		if (d.root === ROOT.households && d.path.length === 0) return 'Households are withdrawn, never deleted';
		if (d.root === ROOT.signatures) return 'A signature is never changed or deleted';
		if (d.root === ROOT.monitoring) return 'A monitoring step is never changed or deleted';
	}
	const sizes = plainWriteRefusal(writes, (w) => (w.root === ROOT.signatures ? RECORD_LIMITS.signatureChars : RECORD_LIMITS.valueChars));
	if (sizes) return sizes;
	for (const w of writes) {
		if (w.root === ROOT.households && w.path.length === 0) {
			if (w.replaces) return 'Households are withdrawn, never replaced';
			if (w.content.kind !== 'map') return 'A household is a map under its id';
		}
		if (w.root === ROOT.signatures) {
			if (w.path.length !== 0 || w.key === null || w.content.kind !== 'values' || w.content.values.length !== 1) return 'A signature is one record under its key';
			if (w.replaces) return 'A signature is never changed: signing again adds a record';
			const refusal = signatureRecordRefusal(w.key, w.content.values[0], sender);
			if (refusal) return refusal;
		}
		if (w.root === ROOT.monitoring) {
			if (w.path.length !== 0 || w.key === null || w.content.kind !== 'values' || w.content.values.length !== 1) return 'A monitoring step is one record under its key';
			if (w.replaces) return 'A monitoring step is never changed';
			const refusal = monitoringRecordRefusal(w.key, w.content.values[0], sender);
			if (refusal) return refusal;
		}
	}
	return null;
}
