/**
 * What each update changed, read off the document as the server applies it, for the audit trail:
 * every answer's history (who set which value, when, from which device) and the audit export are
 * queries over these records, kept with the update they came from.
 */
import * as Y from 'yjs';
import type { RoomRef } from '../../src/lib/sync/protocol';
import { HOUSEHOLD, ROOT } from '../../src/lib/dossier/layout';
import { REVIEW_ROOT } from '../../src/lib/review/reviewDoc';
import { ORG_ROOT } from '../../src/lib/organisation/organisationDoc';
import type { Change } from '../storage/store';

const MAX_VALUE = 2000;

function json(value: unknown): string | null {
	if (value === undefined) return null;
	const plain = value instanceof Y.AbstractType ? value.toJSON() : value;
	const text = JSON.stringify(plain) ?? null;
	// Cut, a value stays valid JSON: the start of its text, as a string that says it was cut.
	return text && text.length > MAX_VALUE ? JSON.stringify(`${text.slice(0, MAX_VALUE)}…`) : text;
}

type Sink = (change: Change) => void;

/** Each key a map event changed, with its new value (null when removed). */
function mapChanges(event: Y.YEvent<Y.AbstractType<unknown>>, record: (key: string, value: string | null) => void): void {
	const map = event.target as Y.Map<unknown>;
	for (const key of (event as Y.YMapEvent<unknown>).keysChanged) record(key, map.has(key) ? json(map.get(key)) : null);
}

/** Starts recording a room's changes into `sink`; returns what stops it. */
export function watchChanges(doc: Y.Doc, kind: RoomRef['kind'], sink: Sink): () => void {
	const stops: (() => void)[] = [];
	const watch = (root: Y.Map<unknown>, handler: (events: Y.YEvent<Y.AbstractType<unknown>>[]) => void) => {
		const h = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => handler(events);
		root.observeDeep(h);
		stops.push(() => root.unobserveDeep(h));
	};

	if (kind === 'dossier') {
		watch(doc.getMap(ROOT.households), (events) => {
			for (const event of events) {
				const [householdId, part] = event.path as string[];
				if (event.path.length === 0) {
					// A household added. What was set inside it in the same update raises no events of
					// its own (Yjs reports a new type, not its contents), so its answers are listed here.
					const map = event.target as Y.Map<unknown>;
					for (const key of (event as Y.YMapEvent<unknown>).keysChanged) {
						const household = map.get(key);
						if (!(household instanceof Y.Map)) {
							sink({ kind: 'household', target: key, key: '', value: json(household) });
							continue;
						}
						sink({ kind: 'household', target: key, key: '', value: json({ createdAt: household.get(HOUSEHOLD.createdAt), createdBy: household.get(HOUSEHOLD.createdBy) }) });
						const answers = household.get(HOUSEHOLD.answers);
						if (answers instanceof Y.Map) for (const [k, v] of answers) sink({ kind: 'answer', target: key, key: k, value: json(v) });
					}
				} else if (event.path.length === 1 && householdId) {
					mapChanges(event, (key, value) => sink({ kind: 'household', target: householdId, key, value }));
				} else if (event.path.length === 2 && householdId && part === HOUSEHOLD.answers) {
					mapChanges(event, (key, value) => sink({ kind: 'answer', target: householdId, key, value }));
				}
			}
		});
		for (const [root, name] of [
			[ROOT.village, 'village'],
			[ROOT.signatures, 'signature'],
			[ROOT.campaigns, 'campaign'],
			[ROOT.monitoring, 'monitoring'],
			[ROOT.meta, 'meta']
		] as const) {
			watch(doc.getMap(root), (events) => {
				for (const event of events) if (event.path.length === 0) mapChanges(event, (key, value) => sink({ kind: name, target: root, key, value }));
			});
		}
	} else if (kind === 'review') {
		watch(doc.getMap(REVIEW_ROOT.findings), (events) => {
			for (const event of events) {
				if (event.path.length === 0) {
					const map = event.target as Y.Map<unknown>;
					for (const key of (event as Y.YMapEvent<unknown>).keysChanged) {
						const finding = map.get(key);
						sink({ kind: 'finding', target: key, key: '', value: json(finding instanceof Y.Map ? finding.get('record') : finding) });
						// Steps taken before the finding reached the server come with it, unannounced.
						const steps = finding instanceof Y.Map ? finding.get('events') : null;
						if (steps instanceof Y.Array) for (const e of steps) sink({ kind: 'event', target: key, key: '', value: json(e) });
					}
				} else if (event.path.length === 2 && event.path[1] === 'events') {
					for (const d of (event as Y.YArrayEvent<unknown>).changes.delta) {
						for (const e of d.insert ?? []) sink({ kind: 'event', target: String(event.path[0]), key: '', value: json(e) });
					}
				}
			}
		});
		watch(doc.getMap(REVIEW_ROOT.comments), (events) => {
			for (const event of events) if (event.path.length === 0) mapChanges(event, (key, value) => sink({ kind: 'comment', target: key, key: '', value }));
		});
		for (const [root, kind] of [
			[REVIEW_ROOT.decisions, 'decision'],
			[REVIEW_ROOT.passes, 'pass'],
			[REVIEW_ROOT.recordReviews, 'recordReview'],
			[REVIEW_ROOT.samples, 'sample'],
			[REVIEW_ROOT.backVisits, 'backVisit']
		] as const) {
			watch(doc.getMap(root), (events) => {
				for (const event of events) if (event.path.length === 0) mapChanges(event, (key, value) => sink({ kind, target: key, key: '', value }));
			});
		}
	} else {
		for (const root of Object.values(ORG_ROOT)) {
			watch(doc.getMap(root), (events) => {
				for (const event of events) {
					const target = event.path.length ? `${root}/${event.path.join('/')}` : root;
					mapChanges(event, (key, value) => sink({ kind: 'org', target, key, value }));
				}
			});
		}
	}
	return () => {
		for (const stop of stops) stop();
	};
}
