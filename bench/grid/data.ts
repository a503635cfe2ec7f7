/**
 * The grid benchmark's data: a synthetic household template of 120 grid columns (the two frozen
 * card columns come on top) and a village of 2,000 households with every form answered, built
 * deterministically so both pages of the benchmark load the very same document.
 */
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { DossierDoc } from '../../src/lib/dossier/dossierDoc';
import { AUGUST_2022, campaignFormKey } from '../../src/lib/campaign/campaign';
import { defineTemplate, describeKey, type LeafQuestion, type Template, type TemplateInput } from '../../src/lib/templates/template';
import type { Answer, HouseholdType } from '../../src/lib/dossier/layout';

export const HOUSEHOLDS = 2000;
export const CAMPAIGN = AUGUST_2022;
export const WORDS = { yes: '是', no: '否', locale: 'zh' } as const;

type Q = TemplateInput['sections'][number]['questions'][number];

const zhNum = (n: number) => String(n).padStart(2, '0');
const options = (prefix: string, n: number) =>
	Array.from({ length: n }, (_, i) => ({ value: `${prefix}${i + 1}`, label: { zh: `选项${prefix.toUpperCase()}${i + 1}`, en: `Option ${prefix}${i + 1}` } }));

/**
 * The template: section 1 holds ten editable columns of every kind (the paste target), then
 * seven sections mix problem-flagging yes/no questions (each with its description column) with
 * plain yes/no, integers, money, dates, choices, text and a computed column: 120 columns in all.
 */
function buildTemplate(): Template {
	const first: Q[] = [
		{ id: 'b_people', type: 'integer', min: 0, max: 30, label: { zh: '家庭人口', en: 'People' } },
		{ id: 'b_labour', type: 'integer', min: 0, max: 30, label: { zh: '劳动力人数', en: 'Workers' } },
		{ id: 'b_income', type: 'money', min: 0, label: { zh: '年收入（元）', en: 'Income' } },
		{ id: 'b_house', type: 'yesno', problemWhen: 'yes', label: { zh: '是否存在住房安全问题', en: 'Unsafe housing' } },
		{ id: 'b_water', type: 'yesno', label: { zh: '是否通自来水', en: 'Tap water' } },
		{ id: 'b_kind', type: 'choice', options: options('k', 4), label: { zh: '户类别', en: 'Kind' } },
		{ id: 'b_visit', type: 'date', notInFuture: true, label: { zh: '走访日期', en: 'Visited on' } },
		{ id: 'b_note', type: 'text', maxLength: 80, label: { zh: '备注', en: 'Note' } },
		{ id: 'b_land', type: 'integer', min: 0, label: { zh: '耕地（亩）', en: 'Land' } }
	];
	// 36 problem yes/no (72 columns), 6 yes/no, 8 integers, 8 money, 5 dates, 6 choices, 4 texts, 1 computed = 110.
	const kinds: string[] = [
		...Array<string>(36).fill('problem'),
		...Array<string>(6).fill('yesno'),
		...Array<string>(8).fill('integer'),
		...Array<string>(8).fill('money'),
		...Array<string>(5).fill('date'),
		...Array<string>(6).fill('choice'),
		...Array<string>(4).fill('text'),
		'computed'
	];
	// Interleave deterministically so every section mixes kinds (a fixed stride through the list).
	const order: string[] = [];
	for (let i = 0, j = 0; i < kinds.length; i++, j = (j + 29) % kinds.length) order.push(kinds[j]!);
	const rest: Q[] = order.map((kind, i): Q => {
		const id = `q${zhNum(i + 1)}`;
		const label = { zh: `第${i + 1}项`, en: `Item ${i + 1}` };
		switch (kind) {
			case 'problem':
				return { id, type: 'yesno', problemWhen: i % 5 === 0 ? 'no' : 'yes', label: { zh: `是否存在问题${i + 1}`, en: `Problem ${i + 1}` } };
			case 'yesno':
				return { id, type: 'yesno', label };
			case 'integer':
				return { id, type: 'integer', min: 0, max: 100000, label };
			case 'money':
				return { id, type: 'money', min: 0, label };
			case 'date':
				return { id, type: 'date', label };
			case 'choice':
				return { id, type: 'choice', multiple: i % 3 === 0, options: options(`c${i}_`, 5), label };
			case 'text':
				return { id, type: 'text', maxLength: 60, label };
			default:
				return { id, type: 'computed', compute: 'household.members', kind: 'integer', label };
		}
	});
	const sections: TemplateInput['sections'] = [{ id: 's0', title: { zh: '基本情况', en: 'Basics' }, questions: first }];
	const per = Math.ceil(rest.length / 7);
	for (let s = 0; s < 7; s++) {
		sections.push({ id: `s${s + 1}`, title: { zh: `第${s + 1}部分`, en: `Part ${s + 1}` }, questions: rest.slice(s * per, (s + 1) * per) });
	}
	return defineTemplate({ id: 'bench-grid', version: 1, title: { zh: '基准表', en: 'Bench form' }, sections });
}

export const TEMPLATE = buildTemplate();
export const FORM_KEY = campaignFormKey(TEMPLATE.id, CAMPAIGN.id);

/** A small deterministic PRNG (mulberry32), so both pages seed identical households. */
function prng(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华';
const TYPES: HouseholdType[] = ['ordinary', 'ordinary', 'ordinary', 'lifted', 'monitored'];

function answerFor(q: LeafQuestion, rand: () => number): Answer | undefined {
	if (rand() < 0.03) return undefined; // a few answers still missing
	switch (q.type) {
		case 'yesno':
			return q.problemWhen ? (rand() < 0.12 ? q.problemWhen === 'yes' : q.problemWhen !== 'yes') : rand() < 0.7;
		case 'integer':
			return Math.floor(rand() * Math.min(q.max ?? 5000, 5000));
		case 'money':
			return Math.floor(rand() * 5_000_000);
		case 'date':
			return `2022-0${1 + Math.floor(rand() * 7)}-${zhNum(1 + Math.floor(rand() * 28))}`;
		case 'choice': {
			const pick = q.options[Math.floor(rand() * q.options.length)]!.value;
			return q.multiple ? [pick] : pick;
		}
		case 'text':
			return `记录${Math.floor(rand() * 100000)}`;
		default:
			return undefined;
	}
}

/** Builds the whole dossier in memory (one fixed client id, so the bytes are the same each time). */
export function buildDossier(): Y.Doc {
	const doc = new Y.Doc();
	doc.clientID = 4242;
	const dossier = new DossierDoc(doc);
	const rand = prng(20220801);
	const at = new Date('2022-08-01T08:00:00Z');
	dossier.init({ id: 'bench-dossier', township: '洺州镇', village: '基准村', createdBy: 'bench', createdAt: at.toISOString() });
	dossier.addCampaign(CAMPAIGN);
	const leaves = TEMPLATE.sections.flatMap((s) => s.questions).filter((q): q is LeafQuestion => q.type !== 'repeat');
	for (let h = 0; h < HOUSEHOLDS; h++) {
		const head = SURNAMES[h % SURNAMES.length]! + GIVEN[Math.floor(rand() * GIVEN.length)]! + (h >= 400 ? GIVEN[h % GIVEN.length]! : '');
		const id = `hh${String(h).padStart(5, '0')}`;
		doc.transact(() => {
			dossier.createHousehold({ head, type: TYPES[Math.floor(rand() * TYPES.length)]! }, { name: 'bench', at }, id);
			for (const q of leaves) {
				const value = answerFor(q, rand);
				if (value === undefined) continue;
				dossier.setAnswer(id, FORM_KEY, q.id, value);
				if (q.type === 'yesno' && q.problemWhen && value === (q.problemWhen === 'yes')) dossier.setAnswer(id, FORM_KEY, describeKey(q.id), `问题说明${h}-${q.id}`);
			}
		});
	}
	return doc;
}

/** Seeds (untimed): replaces the database with the dossier, stored as one update the way y-indexeddb compacts. */
export async function seed(dbName: string): Promise<number> {
	await new Promise<void>((resolve, reject) => {
		const req = indexedDB.deleteDatabase(dbName);
		req.onsuccess = () => resolve();
		req.onerror = () => reject(req.error);
		req.onblocked = () => resolve();
	});
	const doc = buildDossier();
	const persistence = new IndexeddbPersistence(dbName, doc);
	await persistence.whenSynced;
	const bytes = Y.encodeStateAsUpdate(doc).byteLength;
	await persistence.destroy();
	doc.destroy();
	// y-indexeddb stores the state in the transaction that read the database and does not wait for
	// it to commit: a read of the store waits for it, so a reload cannot abort it half written.
	const stored = await readUpdates(dbName);
	if (!stored.some((u) => u.byteLength >= bytes / 2)) throw new Error('the seeded dossier did not reach IndexedDB');
	return bytes;
}

/** Opens the dossier the way the app does: an empty Y.Doc filled by y-indexeddb. */
export async function openDossier(dbName: string): Promise<{ doc: Y.Doc; persistence: IndexeddbPersistence }> {
	const doc = new Y.Doc();
	const persistence = new IndexeddbPersistence(dbName, doc);
	await persistence.whenSynced;
	return { doc, persistence };
}

/** The updates y-indexeddb keeps for a document (its 'updates' store), read the way it reads them. */
export function readUpdates(dbName: string): Promise<Uint8Array[]> {
	return new Promise((resolve, reject) => {
		const open = indexedDB.open(dbName);
		open.onerror = () => reject(open.error);
		open.onsuccess = () => {
			const db = open.result;
			const req = db.transaction('updates', 'readonly').objectStore('updates').getAll();
			req.onerror = () => reject(req.error);
			req.onsuccess = () => {
				db.close();
				resolve(req.result as Uint8Array[]);
			};
		};
	});
}
