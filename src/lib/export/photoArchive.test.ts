import { describe, expect, it } from 'vitest';
import { DossierDoc } from '../dossier/dossierDoc';
import { ReviewDoc } from '../review/reviewDoc';
import { AUGUST_2022, campaignFormKey, INCOME_SHEET } from '../campaign/campaign';
import { people, sampleFinding } from '../ledger/ledgerFixtures';
import {
	answerAddedDay,
	collectPhotos,
	entryPath,
	imageExtension,
	manifestCsv,
	MANIFEST_HEADER,
	planArchive,
	safeSegment,
	type PhotoOutcome,
	type PhotoRef
} from './photoArchive';

const DOSSIER = 'village0001';
const TZ = 'Asia/Shanghai';
const hash = (n: number) => n.toString(16).padStart(64, 'a');
const income = campaignFormKey(INCOME_SHEET, AUGUST_2022.id);
const screening = campaignFormKey(AUGUST_2022.templates.household.id, AUGUST_2022.id);

function ref(over: Partial<PhotoRef>): PhotoRef {
	return { hash: hash(1), kind: 'income', householdId: 'hAAAAAAAAAAAAAAA', head: '张三', withdrawn: false, item: '工资性收入', date: '2024-08-07', ...over };
}

/** A village with two households under one name, a withdrawn one, a finding with before/after photos. */
function village() {
	const dossier = new DossierDoc();
	dossier.init({ id: DOSSIER, township: '洺州镇', village: '北关村', createdBy: '王干部' });
	dossier.addCampaign(AUGUST_2022);
	const at = (day: number) => ({ name: '王干部', at: new Date(Date.UTC(2024, 7, day)) });
	const a = dossier.createHousehold({ head: '张三', type: 'ordinary' }, at(1), 'hAAAAAAAAAAAAAAA');
	const b = dossier.createHousehold({ head: '张三', type: 'lifted' }, at(2), 'hBBBBBBBBBBBBBBB');
	const gone = dossier.createHousehold({ head: '李四', type: 'ordinary' }, at(3), 'hCCCCCCCCCCCCCCC');
	dossier.addRow(a, income, 'lines', { category: 'transfer', amount: 120000, note: '低保金', proof: [hash(1), hash(2)] });
	dossier.addRow(b, income, 'lines', { category: 'wage', amount: 1234567, proof: [hash(3)] });
	dossier.addRow(gone, income, 'lines', { category: 'wage', amount: 100, proof: [hash(4)] });
	// A photo answer on a form question (a field photo), and one the template does not know.
	dossier.setAnswer(b, screening, 'site_photos', [hash(5)]);
	dossier.setVillageAnswer(campaignFormKey(AUGUST_2022.templates.village.id, AUGUST_2022.id), 'meeting_photos', [hash(6)]);
	dossier.removeHousehold(gone, { name: '王干部' }, '迁出');

	const review = new ReviewDoc(DOSSIER);
	review.raise(
		sampleFinding({
			dossierId: DOSSIER,
			target: { kind: 'question', householdId: a, head: '张三', formKey: screening, questionId: 's2_unsafe', question: { zh: '①现住房是否为不安全住房?', en: 'Unsafe?' } },
			evidence: [hash(7)],
			raisedAt: '2024-08-07T17:30:00.000Z'
		})
	);
	review.transition('f1', { type: 'submit', by: people.cadre, role: 'owner', measure: '已加固', evidence: [hash(8)], at: '2024-08-20T01:00:00.000Z' }, ['owner']);
	return { dossier, review, a, b, gone };
}

describe('safeSegment', () => {
	it('turns what Windows refuses into full-width look-alikes', () => {
		expect(safeSegment('是否危房? 户主:张/三 <a|b> "x" *\\', 80)).toBe('是否危房？ 户主：张／三 ＜a｜b＞ ＂x＂ ＊＼');
	});

	it('trims, drops control and direction-changing characters, and never leaves a name empty or climbing out', () => {
		expect(safeSegment('  张\t三\n ', 20)).toBe('张 三');
		expect(safeSegment('照片\u202egpj.exe', 20)).toBe('照片 gpj.exe');
		expect(safeSegment('..', 20)).toBe('未命名');
		expect(safeSegment(' . ', 20, '户主未填')).toBe('户主未填');
		expect(safeSegment('说明...', 20)).toBe('说明');
		expect(safeSegment('CON', 20)).toBe('_CON');
		expect(safeSegment('nul.txt', 20)).toBe('_nul.txt');
	});

	it('cuts at a length in characters without splitting one', () => {
		expect(safeSegment('一二三四五六', 4)).toBe('一二三四');
		expect(Array.from(safeSegment('😀😀😀', 2))).toEqual(['😀', '😀']);
		expect(safeSegment('一二三 四', 4)).toBe('一二三');
	});
});

describe('planArchive', () => {
	it('gives households with one name their own folders, by id, unique even where case does not count', () => {
		const plan = planArchive('北关村', [
			ref({ householdId: 'hAAAAAAAAAAAAAAA' }),
			ref({ householdId: 'hBBBBBBBBBBBBBBB' }),
			// Same first six characters but for case: Windows would put both in one folder.
			ref({ householdId: 'Habcdefghijklmno' }),
			ref({ householdId: 'hABCDEfghijklmno' })
		]);
		const folders = plan.entries.map((e) => e.folder);
		expect(folders).toEqual(['北关村/张三_hAAAAA', '北关村/张三_hBBBBB', '北关村/张三_Habcde', '北关村/张三_hABCDEfghi']);
		expect(new Set(folders.map((f) => f.toLowerCase())).size).toBe(4);
	});

	it('numbers photos of one item on one day, and starts again for another day', () => {
		const plan = planArchive('北关村', [ref({ hash: hash(1) }), ref({ hash: hash(2) }), ref({ hash: hash(3), date: '2024-08-08' }), ref({ hash: hash(4), date: null })]);
		expect(plan.entries.map((e) => entryPath(e))).toEqual([
			'北关村/张三_hAAAAA/收入凭证-工资性收入_2024-08-07_1.jpg',
			'北关村/张三_hAAAAA/收入凭证-工资性收入_2024-08-07_2.jpg',
			'北关村/张三_hAAAAA/收入凭证-工资性收入_2024-08-08_1.jpg',
			'北关村/张三_hAAAAA/收入凭证-工资性收入_日期不详_1.jpg'
		]);
	});

	it('keeps names unique when two items cut to the same words, or one item looks like another numbered', () => {
		const long = '一'.repeat(60);
		const plan = planArchive('北关村', [
			ref({ item: long + '甲' }),
			ref({ item: long + '乙' }),
			ref({ item: '工资性收入_2024-08-07_1', date: null }),
			ref({ item: '工资性收入' }),
			ref({ kind: 'field', item: '工资性收入' })
		]);
		const paths = plan.entries.map((e) => entryPath(e).toLowerCase());
		expect(new Set(paths).size).toBe(paths.length);
		expect(plan.entries[1]!.stem.endsWith('_2')).toBe(true);
		expect(plan.entries.every((e) => Array.from(entryPath(e)).length < 120)).toBe(true);
	});

	it('sanitises the village and the head, and marks a withdrawn household and the village’s own folder', () => {
		const plan = planArchive(' 北关:村? ', [ref({ head: '张/三*', withdrawn: true }), ref({ householdId: null, head: '', kind: 'field', item: '会议照片' })]);
		expect(plan.root).toBe('北关：村？');
		expect(plan.entries[0]!.folder).toBe('北关：村？/张／三＊_hAAAAA（已移除）');
		expect(plan.entries[1]!.folder).toBe('北关：村？/村级');
		expect(plan.manifestPath).toBe('北关：村？/照片清单.csv');
	});
});

describe('collectPhotos', () => {
	it('lists every photo of the village with where it belongs, its words and its date', () => {
		const { dossier, review, a, b, gone } = village();
		const refs = collectPhotos(dossier, review, { timeZone: TZ });
		const brief = refs.map((r) => [r.hash.slice(-1), r.kind, r.householdId, r.item, r.date, r.withdrawn]);
		expect(brief).toEqual([
			['1', 'income', a, '转移性收入-1200元-低保金', null, false],
			['2', 'income', a, '转移性收入-1200元-低保金', null, false],
			// Raised at 01:30 on 8 August in Beijing: that is its day.
			['7', 'before', a, '①现住房是否为不安全住房?', '2024-08-08', false],
			['8', 'after', a, '①现住房是否为不安全住房?', '2024-08-20', false],
			['5', 'field', b, 'site_photos', null, false],
			['3', 'income', b, '工资性收入-12345.67元', null, false],
			['4', 'income', gone, '工资性收入-1元', null, true],
			['6', 'field', null, 'meeting_photos', null, false]
		]);
		expect(refs[0]!.answer).toEqual({ householdId: a, key: expect.stringMatching(new RegExp(`^${income}:lines:[A-Za-z0-9]+:proof$`)) });
		expect(refs[2]!.note).toBe('问题：屋顶漏雨，未鉴定');
	});

	it('keeps the photos of a finding on a household this copy does not hold, under the head the finding names', () => {
		const dossier = new DossierDoc();
		const review = new ReviewDoc(DOSSIER);
		review.raise(sampleFinding({ dossierId: DOSSIER, target: { kind: 'household', householdId: 'elsewhere', head: '王五' }, evidence: [hash(9)] }));
		const refs = collectPhotos(dossier, review, { timeZone: TZ });
		expect(refs).toMatchObject([{ householdId: 'elsewhere', head: '王五', kind: 'before', item: '2. 住房保障' }]);
	});
});

describe('manifest', () => {
	it('has a row per photo in the zip’s order, missing ones listed with the hash their record names', () => {
		const { dossier, review } = village();
		const plan = planArchive('北关村', collectPhotos(dossier, review, { timeZone: TZ }));
		const outcomes: PhotoOutcome[] = plan.entries.map((e, i) =>
			i === 1 ? { status: 'missing', reason: 'notOnServer' } : { status: 'present', path: entryPath(e), sha256: e.hash, bytes: 1000 + i }
		);
		const csv = manifestCsv(plan.entries.map((entry, i) => ({ entry, outcome: outcomes[i]! })));
		expect(csv.startsWith('\uFEFF')).toBe(true);
		const lines = csv.slice(1).trimEnd().split('\r\n');
		expect(lines).toHaveLength(plan.entries.length + 1);
		expect(lines[0]).toBe(MANIFEST_HEADER.join(','));
		expect(lines[1]).toBe(`北关村/张三_hAAAAA/收入凭证-转移性收入-1200元-低保金_日期不详_1.jpg,张三,hAAAAAAAAAAAAAAA,转移性收入-1200元-低保金,收入凭证,,${hash(1)},1000,已附 present,`);
		expect(lines[2]).toBe(
			`北关村/张三_hAAAAA/收入凭证-转移性收入-1200元-低保金_日期不详_2.jpg,张三,hAAAAAAAAAAAAAAA,转移性收入-1200元-低保金,收入凭证,,${hash(2)},,缺失 missing,本设备和服务器上都没有这张照片（拍照的设备可能还未上传）`
		);
		expect(lines[3]).toContain(',问题照片（整改前）,2024-08-08,');
		expect(lines[3]).toContain('/整改前-①现住房是否为不安全住房？_2024-08-08_1.jpg');
		expect(lines.at(-1)).toContain('北关村/村级/现场照片-meeting_photos_日期不详_1.jpg,村级,,');
	});

	it('says when a file does not match the hash its record names', () => {
		const entry = planArchive('村', [ref({})]).entries[0]!;
		const csv = manifestCsv([{ entry, outcome: { status: 'mismatch', path: entryPath(entry), sha256: 'f'.repeat(64), bytes: 3 } }]);
		expect(csv).toContain(`${'f'.repeat(64)},3,校验不符 mismatch,文件内容与记录中的哈希 ${hash(1)} 不符`);
	});
});

describe('dates and types', () => {
	it('dates an answer’s photo by the first value of its history that holds it, in the cadres’ zone', () => {
		const entries = [
			{ at: '2024-08-06T10:00:00.000Z', value: [hash(1)] },
			{ at: '2024-08-07T16:30:00.000Z', value: [hash(1), hash(2)] },
			{ at: '2024-08-09T10:00:00.000Z', value: null }
		];
		expect(answerAddedDay(entries, hash(1), TZ)).toBe('2024-08-06');
		expect(answerAddedDay(entries, hash(2), TZ)).toBe('2024-08-08');
		expect(answerAddedDay(entries, hash(3), TZ)).toBeNull();
	});

	it('names the file by what its bytes are', () => {
		expect(imageExtension(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpg');
		expect(imageExtension(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]))).toBe('png');
		expect(imageExtension(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('webp');
	});
});
