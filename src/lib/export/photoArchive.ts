/**
 * Photos out: every photo a village's records point at, where it belongs, the name it gets in the
 * village's zip, and the manifest that travels with it (issue 13, point 7).
 *
 * Records hold photos only as SHA-256 names; the bytes are on devices and the server. So the
 * archive is planned from the documents alone (here, pure), and filled in by whoever can reach the
 * bytes (src/lib/client/photoZip.ts). A photo whose bytes nobody can give is still a row of the
 * manifest, marked missing: a county that counts photos must see the gap, not a shorter list.
 *
 * File names, kinds and the manifest are Chinese whatever the UI language: the zip is filed with
 * paper dossiers, and two cadres' exports of one village must name the same photo the same way.
 */
import * as Y from 'yjs';
import type { DossierDoc } from '../dossier/dossierDoc';
import type { ReviewDoc } from '../review/reviewDoc';
import { CARD_FORM, HOUSEHOLD, ROOT, answerKey, rowAnswerKey, type Answer, type RepeatRows } from '../dossier/layout';
import { INCOME_SHEET, type Campaign } from '../campaign/campaign';
import { getTemplate, latestTemplate, questionLabel } from '../templates/registry';
import { householdCard } from '../templates/householdCard';
import type { Question, Template } from '../templates/template';
import { dayInZone } from '../calendar/calendar';
import { toCsv } from './csv';

/** 收入凭证, 现场照片 (a photo answer of a form), 问题照片 整改前 (finding) / 整改后 (rectification). */
export type PhotoKind = 'income' | 'field' | 'before' | 'after';

export const KIND_LABEL: Readonly<Record<PhotoKind, string>> = {
	income: '收入凭证',
	field: '现场照片',
	before: '问题照片（整改前）',
	after: '问题照片（整改后）'
};

/** In a file name the kind leads, so Explorer lists a household's photos grouped by kind. */
const KIND_IN_NAME: Readonly<Record<PhotoKind, string>> = { income: '收入凭证', field: '现场照片', before: '整改前', after: '整改后' };

/** Where a photo answer is stored: what the server's answer history is asked about to date it. */
export interface AnswerPlace {
	/** A household id, or null for the village's own forms (附件2). */
	householdId: string | null;
	key: string;
}

export interface PhotoRef {
	hash: string;
	kind: PhotoKind;
	/** Null: the village itself (附件2, a finding on the village). */
	householdId: string | null;
	/** The head's name as the card has it now ('' for the village). */
	head: string;
	/** The household is withdrawn: its records stay, and so do its photos. */
	withdrawn: boolean;
	/** The question's, income line's or finding's words. */
	item: string;
	/** The day it was taken or added (YYYY-MM-DD), or null when no record says. */
	date: string | null;
	/** For a photo answer: where, so its date can be looked up (see answerAddedDay). */
	answer?: AnswerPlace;
	/** Said in the manifest beside the photo (a finding's description, a step not applied). */
	note?: string;
}

const HASH = /^[0-9a-f]{64}$/;

function hashesIn(value: unknown): string[] {
	return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && HASH.test(v)) : [];
}

function yuan(fen: number): string {
	return `${Number.isInteger(fen / 100) ? fen / 100 : (fen / 100).toFixed(2)}元`;
}

function templateOf(formKey: string, campaign: Campaign | null): Template | undefined {
	if (formKey === CARD_FORM) return householdCard;
	const id = formKey.split('@')[0]!;
	const ref = campaign && [campaign.templates.household, campaign.templates.village].find((r) => r.id === id);
	return (ref && getTemplate(ref.id, ref.version)) ?? latestTemplate(id);
}

function childQuestion(template: Template | undefined, groupId: string, questionId: string): { group?: Question; question?: Question } {
	for (const section of template?.sections ?? []) {
		const group = section.questions.find((q) => q.id === groupId);
		if (group) return { group, question: group.type === 'repeat' ? group.questions.find((q) => q.id === questionId) : undefined };
	}
	return {};
}

function optionLabel(question: Question | undefined, value: Answer | undefined): string | null {
	if (!question || question.type !== 'choice') return null;
	return question.options.find((o) => o.value === value)?.label.zh ?? null;
}

/** What one income line is, in a file name: its category, amount and note ("转移性收入-1200元-低保金"). */
function incomeLineItem(template: Template | undefined, row: Record<string, Answer>): string {
	const category = optionLabel(childQuestion(template, 'lines', 'category').question, row.category) ?? (typeof row.category === 'string' ? row.category : '收入');
	const amount = typeof row.amount === 'number' && Number.isFinite(row.amount) ? yuan(row.amount) : '';
	const note = typeof row.note === 'string' ? row.note.trim().slice(0, 20) : '';
	return [category, amount, note].filter(Boolean).join('-');
}

/** The form keys a household (or the village) has answers under, card first. */
function formKeysOf(answers: Y.Map<unknown> | undefined): string[] {
	const keys = new Set<string>();
	for (const key of answers?.keys() ?? []) keys.add(key.split(':')[0]!);
	return [...keys].sort((a, b) => (a === CARD_FORM ? -1 : b === CARD_FORM ? 1 : a < b ? -1 : a > b ? 1 : 0));
}

function householdAnswers(dossier: DossierDoc, householdId: string): Y.Map<unknown> | undefined {
	const household = dossier.householdsMap.get(householdId);
	const answers = household instanceof Y.Map ? household.get(HOUSEHOLD.answers) : undefined;
	return answers instanceof Y.Map ? answers : undefined;
}

/**
 * The photos of one form's answers. Form keys are read off the stored answers, not the templates
 * this app knows: a form from a newer app, or a photo answer that no longer fits its question,
 * still has its photos in the archive.
 */
function formPhotos(
	form: Record<string, unknown>,
	formKey: string,
	campaign: Campaign | null,
	owner: Pick<PhotoRef, 'householdId' | 'head' | 'withdrawn'>
): PhotoRef[] {
	const template = templateOf(formKey, campaign);
	const income = formKey.split('@')[0] === INCOME_SHEET;
	const out: PhotoRef[] = [];
	const push = (hashes: string[], item: string, key: string) => {
		for (const hash of hashes) out.push({ ...owner, hash, kind: income ? 'income' : 'field', item, date: null, answer: { householdId: owner.householdId, key } });
	};
	for (const [questionId, value] of Object.entries(form)) {
		if (Array.isArray(value)) {
			push(hashesIn(value), questionLabel(formKey, questionId, campaign)?.zh ?? questionId, answerKey(formKey, questionId));
		} else if (value && typeof value === 'object') {
			Object.entries(value as RepeatRows).forEach(([rowId, row], index) => {
				for (const [childId, child] of Object.entries(row)) {
					const hashes = hashesIn(child);
					if (!hashes.length) continue;
					const { group, question } = childQuestion(template, questionId, childId);
					const item =
						income && questionId === 'lines'
							? incomeLineItem(template, row)
							: `${group?.label.zh ?? questionId}${index + 1}-${question?.label.zh ?? childId}`;
					push(hashes, item, rowAnswerKey(formKey, questionId, rowId, childId));
				}
			});
		}
	}
	return out;
}

export interface CollectOptions {
	/** The zone whose calendar days the dates are (the device's, as elsewhere in the app). */
	timeZone: string;
}

/**
 * Every photo reference of the village, in the order a cadre reads the dossier: households as
 * listed (then withdrawn ones), each with its forms' photos and its findings' before and after;
 * then the village's own. A photo used in two places is listed in both.
 */
export function collectPhotos(dossier: DossierDoc, review: ReviewDoc | null, options: CollectOptions): PhotoRef[] {
	const campaigns = new Map(dossier.campaigns().map((c) => [c.id, c]));
	const campaignOf = (formKey: string) => campaigns.get(formKey.split('@')[1] ?? '') ?? null;
	const day = (iso: string) => {
		const at = new Date(iso);
		return Number.isNaN(at.getTime()) ? null : dayInZone(at, options.timeZone);
	};

	const listed = dossier.listHouseholds().map((h) => h.id);
	const shown = new Set(listed);
	const withdrawn = [...dossier.householdsMap.keys()].filter((id) => !shown.has(id)).sort();
	const byHousehold = new Map<string | null, PhotoRef[]>();
	const owners = new Map<string | null, Pick<PhotoRef, 'householdId' | 'head' | 'withdrawn'>>();
	for (const id of [...listed, ...withdrawn]) {
		const head = dossier.answer(id, CARD_FORM, 'head');
		const owner = { householdId: id, head: typeof head === 'string' ? head.trim() : '', withdrawn: !shown.has(id) };
		owners.set(id, owner);
		const refs: PhotoRef[] = [];
		for (const formKey of formKeysOf(householdAnswers(dossier, id))) refs.push(...formPhotos(dossier.answers(id, formKey), formKey, campaignOf(formKey), owner));
		byHousehold.set(id, refs);
	}
	const village = { householdId: null, head: '', withdrawn: false };
	owners.set(null, village);
	const villageRefs: PhotoRef[] = [];
	for (const formKey of formKeysOf(dossier.doc.getMap(ROOT.village))) {
		villageRefs.push(...formPhotos(dossier.villageAnswers(formKey), formKey, campaignOf(formKey), village));
	}
	byHousehold.set(null, villageRefs);

	// Oldest finding first, so a household's 整改前 photos number in the order they were found.
	for (const { finding, status } of review ? [...review.entries()].reverse() : []) {
		const target = finding.target;
		const householdId = target.kind === 'village' ? null : target.householdId;
		let owner = owners.get(householdId);
		if (!owner) {
			// A finding on a household this copy of the dossier does not have (yet): kept, under
			// the head the finding recorded.
			owner = { householdId, head: target.kind === 'village' ? '' : target.head.trim(), withdrawn: false };
			owners.set(householdId, owner);
			byHousehold.set(householdId, []);
		}
		const item = (target.kind !== 'household' && target.question?.zh) || finding.category.label.zh;
		const about = `问题：${finding.description.slice(0, 60)}`;
		const list = byHousehold.get(householdId)!;
		for (const hash of hashesIn(finding.evidence)) list.push({ ...owner, hash, kind: 'before', item, date: day(finding.raisedAt), note: about });
		for (const { event, refused } of status.history) {
			const note = refused ? `${about}；这次整改提交未生效` : about;
			for (const hash of hashesIn(event.evidence)) list.push({ ...owner, hash, kind: 'after', item, date: day(event.at), note });
		}
	}
	const order = [...owners.keys()].filter((k) => k !== null);
	return [...order, null].flatMap((k) => byHousehold.get(k) ?? []);
}

/**
 * The day a photo was added to an answer, from that answer's history on the server (GET
 * /api/dossiers/<id>/history): the first value that holds it. The server dates an edit when it
 * receives it, so a photo taken offline is dated the day it was synced.
 */
export function answerAddedDay(entries: readonly { at: string; value: unknown }[], hash: string, timeZone: string): string | null {
	const first = entries.find((e) => hashesIn(e.value).includes(hash));
	const at = first && new Date(first.at);
	return at && !Number.isNaN(at.getTime()) ? dayInZone(at, timeZone) : null;
}

/**
 * Characters Windows (and so Explorer's and WPS's unzip) refuses in a name become their full-width
 * forms, which read the same to a cadre ("是否危房?" → "是否危房？"). Control and bidirectional
 * characters go: the latter can make "照片gpj.exe" show as "照片exe.jpg".
 */
const FULL_WIDTH: Readonly<Record<string, string>> = { '\\': '＼', '/': '／', ':': '：', '*': '＊', '?': '？', '"': '＂', '<': '＜', '>': '＞', '|': '｜' };
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/i;

/**
 * One safe path segment: at most `max` characters (code points, so no half of a surrogate pair),
 * no leading or trailing dots or spaces (Windows drops trailing ones, and "." or ".." would climb
 * out of the folder), never a device name (CON, NUL…), never empty.
 */
export function safeSegment(text: string, max: number, fallback = '未命名'): string {
	const cleaned = text
		.normalize('NFC')
		.replace(/[\\/:*?"<>|]/g, (c) => FULL_WIDTH[c]!)
		.replace(INVISIBLE, ' ')
		.replace(/\s+/g, ' ')
		.replace(/^[\s.]+/, '');
	let cut = Array.from(cleaned).slice(0, max).join('').replace(/[\s.]+$/, '');
	if (!cut) cut = fallback;
	return RESERVED.test(cut) ? `_${cut}` : cut;
}

export interface ArchiveEntry extends PhotoRef {
	/** The household's folder under the village's: `<村>/<户主>_<户id短>`. */
	folder: string;
	/** The file's name without its extension: `<类别>-<项目>_<日期>_<n>`. */
	stem: string;
}

export interface ArchivePlan {
	/** The village's folder, the zip's one top-level entry. */
	root: string;
	entries: ArchiveEntry[];
	manifestPath: string;
}

const LIMIT = { village: 20, head: 16, item: 40 } as const;
const NO_DATE = '日期不详';
/** Folder of the village's own photos (附件2, findings on the village). */
export const VILLAGE_FOLDER = '村级';

/**
 * Folder and file names for every reference, unique in the zip even on Windows, where names differ
 * only in case name the same file: two households with one head's name differ by their id, two
 * photos of one item on one day by their number. Each name stays well under Windows' 260-character
 * path limit once unzipped into a folder of the cadre's.
 */
export function planArchive(village: string, refs: readonly PhotoRef[]): ArchivePlan {
	const root = safeSegment(village, LIMIT.village, '村');
	const taken = new Set<string>([VILLAGE_FOLDER.toLowerCase()]);
	const folders = new Map<string | null, string>([[null, `${root}/${VILLAGE_FOLDER}`]]);
	const folderOf = (ref: PhotoRef): string => {
		let folder = folders.get(ref.householdId);
		if (folder) return folder;
		const id = ref.householdId!;
		const head = safeSegment(ref.head, LIMIT.head, '户主未填');
		const mark = ref.withdrawn ? '（已移除）' : '';
		// Six characters of a 16-character random id tell a village's households apart; a longer
		// piece only when they do not (or when Windows' case folding makes them meet).
		let name = '';
		for (const length of [6, 10, id.length]) {
			name = `${head}_${safeSegment(id.slice(0, length), 64, 'x')}${mark}`;
			if (!taken.has(name.toLowerCase())) break;
		}
		for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${head}_${safeSegment(id, 64, 'x')}${mark}_${n}`;
		taken.add(name.toLowerCase());
		folder = `${root}/${name}`;
		folders.set(ref.householdId, folder);
		return folder;
	};

	const counters = new Map<string, number>();
	const used = new Set<string>();
	const entries = refs.map((ref) => {
		const folder = folderOf(ref);
		const base = `${safeSegment(`${KIND_IN_NAME[ref.kind]}-${ref.item}`, LIMIT.item)}_${ref.date ?? NO_DATE}`;
		const counter = `${folder}/${base}`.toLowerCase();
		let n = counters.get(counter) ?? 0;
		let stem: string;
		// An item whose own words end in "_<day>_<n>" could meet another's numbering: skip past it.
		do stem = `${base}_${++n}`;
		while (used.has(`${folder}/${stem}`.toLowerCase()));
		counters.set(counter, n);
		used.add(`${folder}/${stem}`.toLowerCase());
		return { ...ref, folder, stem };
	});
	return { root, entries, manifestPath: `${root}/照片清单.csv` };
}

/** The extension a photo's bytes call for (the server takes JPEG, PNG and WebP). */
export function imageExtension(bytes: Uint8Array): 'jpg' | 'png' | 'webp' {
	if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png';
	if (bytes[0] === 0x52 && bytes[1] === 0x49 && bytes[2] === 0x46 && bytes[3] === 0x46 && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return 'webp';
	return 'jpg';
}

export function entryPath(entry: Pick<ArchiveEntry, 'folder' | 'stem'>, extension = 'jpg'): string {
	return `${entry.folder}/${entry.stem}.${extension}`;
}

/**
 * What became of a photo: in the zip; missing (neither this device nor the server could give its
 * bytes); or in the zip though its bytes do not match the name the record holds (a damaged copy,
 * kept because it is the only one there is).
 */
export type PhotoOutcome =
	| { status: 'present'; path: string; sha256: string; bytes: number }
	| { status: 'mismatch'; path: string; sha256: string; bytes: number }
	| { status: 'missing'; reason: MissingReason };

export type MissingReason = 'notOnServer' | 'offline' | 'signedOut' | 'serverError';

const STATUS_LABEL = { present: '已附 present', missing: '缺失 missing', mismatch: '校验不符 mismatch' } as const;
const MISSING_NOTE: Readonly<Record<MissingReason, string>> = {
	notOnServer: '本设备和服务器上都没有这张照片（拍照的设备可能还未上传）',
	offline: '本设备没有这张照片，导出时无法连接服务器',
	signedOut: '本设备没有这张照片，登录已过期，未能从服务器取回',
	serverError: '本设备没有这张照片，服务器出错，未能取回'
};

export const MANIFEST_HEADER = ['路径 path', '户主 household', '户编号 household id', '项目 item', '类别 kind', '日期 date', 'SHA-256', '字节 bytes', '状态 status', '说明 note'];

/**
 * The manifest as CSV for Excel/WPS (UTF-8 with BOM): one row per reference, in the zip's order.
 * SHA-256 is of the file in the zip; a missing photo gives the hash its record names and the path
 * it would have had, so it can be found and added later.
 */
export function manifestCsv(rows: readonly { entry: ArchiveEntry; outcome: PhotoOutcome }[]): string {
	return toCsv([
		MANIFEST_HEADER,
		...rows.map(({ entry, outcome }) => {
			const present = outcome.status !== 'missing';
			const notes = [entry.note ?? ''];
			if (outcome.status === 'missing') notes.unshift(MISSING_NOTE[outcome.reason]);
			if (outcome.status === 'mismatch') notes.unshift(`文件内容与记录中的哈希 ${entry.hash} 不符（照片可能已损坏）`);
			return [
				present ? outcome.path : entryPath(entry),
				entry.householdId ? entry.head : VILLAGE_FOLDER,
				entry.householdId ?? '',
				entry.item,
				KIND_LABEL[entry.kind],
				entry.date ?? '',
				present ? outcome.sha256 : entry.hash,
				present ? String(outcome.bytes) : '',
				STATUS_LABEL[outcome.status],
				notes.filter(Boolean).join('；')
			];
		})
	]);
}
