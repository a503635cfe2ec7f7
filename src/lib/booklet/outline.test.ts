import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { householdBooklet, villageBooklet, type Booklet, type BookletPart, type BookletSource } from './outline';
import { campaignOfFinding } from './findings';
import { bookletFixture, DOSSIER_ID, LATER, ORG_NAMES, photo, SIGNATURE } from './bookletFixture';
import { AUGUST_2022 } from '../campaign/campaign';
import { findingSchema } from '../ledger/finding';
import { dayInZone } from '../calendar/calendar';
import { DossierDoc } from '../dossier/dossierDoc';

const dayOf = (iso: string) => dayInZone(new Date(iso), 'Asia/Shanghai');

function source(over: Partial<BookletSource> = {}) {
	const f = bookletFixture();
	return { f, src: { dossier: f.dossier, review: f.review, campaign: f.campaign, organisation: f.org, today: '2022-08-20', dayOf, ...over } satisfies BookletSource };
}

/** The parts as `kind[:role][@household head]`, the way a cadre would list the volume's sheets. */
function sheets(booklet: Booklet): string[] {
	return booklet.parts.map((p: BookletPart) => `${p.kind}${p.kind === 'form' ? `:${p.role}` : ''}${p.household ? `@${p.household.head}` : ''}`);
}

describe('a household’s volume', () => {
	it('runs cover, 目录, 户卡, 收支核算表, the campaign’s form, then the problems found', () => {
		const { f, src } = source();
		const booklet = householdBooklet(src, f.ids.liu)!;
		expect(sheets(booklet)).toEqual(['cover@刘大', 'contents@刘大', 'form:card@刘大', 'form:income@刘大', 'form:campaign@刘大', 'findings@刘大']);
		expect(booklet.scope).toBe('household');
		expect(booklet.cover).toMatchObject({ township: '洺州镇', village: '北关村', keepingGroup: '第一责任组', households: 1, people: 3, printedOn: '2022-08-20' });
		expect(booklet.cover.campaign).toMatchObject({ id: 'aug2022', name: AUGUST_2022.name });
		const cover = booklet.parts[0]!;
		expect(cover.household).toMatchObject({ head: '刘大', type: 'lifted', typeLabel: { zh: '脱贫户' }, group: '1组', number: 1 });
		// The caretaker and the key-household flags, as the organisation and the card say.
		expect(cover.household!.caretaker).toBe(ORG_NAMES.cadre0001);
		expect(cover.household!.flags.map((l) => l.zh)).toEqual(['低保户', '老人户']);
		expect(cover.household!.count).toMatchObject({ total: 3, residents: 3 });
	});

	it('lists every section in its 目录 with where it is, what is signed, and how many photos and problems', () => {
		const { f, src } = source();
		const contents = householdBooklet(src, f.ids.liu)!.parts.find((p) => p.kind === 'contents')!;
		if (contents.kind !== 'contents') throw new Error('no contents');
		expect(contents.entries.map((e) => [e.kind, e.anchor, e.missing, e.signature, e.count, e.closed])).toEqual([
			['card', `h-${f.ids.liu}-card`, null, null, 3, 0],
			['income', `h-${f.ids.liu}-income`, null, null, 3, 0],
			['form', `h-${f.ids.liu}-form`, null, 'signed', 0, 0],
			// The closed one, the open one, and the one raised before the campaign began.
			['findings', `h-${f.ids.liu}-findings`, null, null, 3, 1]
		]);
		expect(contents.entries[2]!.title!.zh).toContain('入户问题排查表');
	});

	it('prints the household card with its members through the template, under the booklet’s own column heads', () => {
		const { f, src } = source();
		const card = householdBooklet(src, f.ids.liu)!.parts.find((p) => p.kind === 'form' && p.role === 'card')!;
		if (card.kind !== 'form') throw new Error('no card');
		expect(card.form.template.id).toBe('household-card');
		expect(card.form.template.print?.section.zh).toBe('类别');
		const members = card.form.sections.flatMap((s) => s.questions).find((q) => q.question.id === 'members')!;
		const rows = Object.values(members.value as Record<string, Record<string, unknown>>);
		expect(rows.map((m) => m.name)).toEqual(['刘大', '刘妻', '刘小']);
		// A member's birth date and sex are read from the ID number, as the card shows them on screen.
		expect(rows[0]).toMatchObject({ id_number: '11010519491231002X', birth_date: '1949-12-31', sex: 'female' });
		expect(rows[1]!.birth_date).toBeUndefined();
		// Worked out for showing only: the stored answers are as they were.
		expect(f.dossier.answers(f.ids.liu, 'card').members).not.toHaveProperty(`${Object.keys(members.value as object)[0]}.birth_date`);
		expect(card.form.signatures).toEqual([]);
		expect(card.form.status).toBeNull();
	});

	it('puts the proof photos with the income lines they prove, numbered as on the sheet', () => {
		const { f, src } = source();
		const income = householdBooklet(src, f.ids.liu)!.parts.find((p) => p.kind === 'form' && p.role === 'income')!;
		if (income.kind !== 'form') throw new Error('no income');
		expect(income.proofs.map((l) => [l.number, l.categoryLabel?.zh, l.amountFen, l.note, l.photos])).toEqual([
			[1, '工资性收入', 36000_00, 'wage说明', [photo(1), photo(2)]],
			[3, '生产经营性收入', 8000_00, 'business说明', [photo(3)]]
		]);
		// The figures are the sheet's own computed rows.
		const net = income.form.sections.flatMap((s) => s.questions).find((q) => q.question.id === 'net')!;
		expect(net.value).toBe(36000_00 + 2400_00 + 8000_00);
	});

	it('gives each form’s signature as it reads now, the signer named by the organisation', () => {
		const { f, src } = source();
		const form = householdBooklet(src, f.ids.liu)!.parts.find((p) => p.kind === 'form' && p.role === 'campaign')!;
		if (form.kind !== 'form') throw new Error('no form');
		expect(form.form.status).toBe('signed');
		expect(form.form.signatures).toHaveLength(1);
		const line = form.form.signatures[0]!;
		expect(line).toMatchObject({ questionId: 'checker_signature', status: 'signed' });
		expect(line.signature).toMatchObject({ by: { id: 'cadre0001', name: '王建国' }, image: SIGNATURE, at: '2022-08-08T03:00:00.000Z' });
		// The form's state counts the signature as given.
		expect(form.form.sections.find((s) => s.id === 'signoff')).toMatchObject({ answered: 1, required: 1 });

		// 张三's form was changed after it was signed: it says so, in the 目录 too.
		const zhang = householdBooklet(src, f.ids.zhang)!;
		const changed = zhang.parts.find((p) => p.kind === 'form' && p.role === 'campaign')!;
		if (changed.kind !== 'form') throw new Error('no form');
		expect(changed.form.status).toBe('changedAfterSigning');
		const contents = zhang.parts[1]!;
		if (contents.kind !== 'contents') throw new Error('no contents');
		expect(contents.entries.find((e) => e.kind === 'form')!.signature).toBe('changedAfterSigning');
		// With no findings and proofs: the sections are there, the problems entry says none.
		expect(sheets(zhang)).toEqual(['cover@张三', 'contents@张三', 'form:card@张三', 'form:income@张三', 'form:campaign@张三']);
		expect(contents.entries.find((e) => e.kind === 'findings')).toMatchObject({ anchor: null, count: 0 });
		expect(contents.entries.find((e) => e.kind === 'income')).toMatchObject({ count: 0, missing: null });
	});

	it('leaves out what nobody filled in and says so in the 目录', () => {
		const { f, src } = source();
		const booklet = householdBooklet(src, f.ids.wang)!;
		expect(sheets(booklet)).toEqual(['cover@王二', 'contents@王二', 'form:card@王二']);
		const contents = booklet.parts[1]!;
		if (contents.kind !== 'contents') throw new Error('no contents');
		expect(contents.entries.map((e) => [e.kind, e.anchor, e.missing, e.signature])).toEqual([
			['card', `h-${f.ids.wang}-card`, null, null],
			['income', null, 'empty', null],
			['form', null, 'empty', null],
			['findings', null, null, null]
		]);
	});

	it('keeps a signed form whose answers were all cleared since, and says it changed after signing', () => {
		const { f, src } = source();
		const form = householdBooklet(src, f.ids.liu)!.parts.find((p) => p.kind === 'form' && p.role === 'campaign')!;
		if (form.kind !== 'form') throw new Error('no form');
		for (const key of Object.keys(form.form.answers)) f.dossier.setAnswer(f.ids.liu, form.form.formKey, key, undefined);
		const again = householdBooklet(src, f.ids.liu)!.parts.find((p) => p.kind === 'form' && p.role === 'campaign');
		expect(again && again.kind === 'form' && again.form.status).toBe('changedAfterSigning');
	});

	it('has no volume for a household that was withdrawn or never was', () => {
		const { f, src } = source();
		expect(householdBooklet(src, f.ids.gone)).toBeNull();
		expect(householdBooklet(src, 'nosuchhousehold')).toBeNull();
	});
});

describe('the problems in a volume', () => {
	it('carry photos before and after, the whole ledger history, and the reviewer’s signature on 销号', () => {
		const { f, src } = source();
		const part = householdBooklet(src, f.ids.liu)!.parts.find((p) => p.kind === 'findings')!;
		if (part.kind !== 'findings') throw new Error('no findings');
		// Oldest first: the one from before the campaign, then the closed one, then the open one.
		expect(part.findings.map((s) => s.finding.id)).toEqual([f.findings.earlier, f.findings.closed, f.findings.open]);
		const closed = part.findings[1]!;
		expect(closed.status.state).toBe('closed');
		expect(closed.question?.zh).toContain('不安全住房');
		expect(closed.raisedBy).toBe('赵检查');
		expect(closed.before).toEqual([photo(10)]);
		// After: the rectification the reviewer closed on, not the one returned.
		expect(closed.after).toEqual([photo(12), photo(13)]);
		expect(closed.steps.map((s) => [s.type, s.by, s.refused])).toEqual([
			['start', '王建国', null],
			['submit', '王建国', null],
			['return', '李审核', null],
			['submit', '王建国', null],
			['close', '李审核', null]
		]);
		expect(closed.steps[1]).toMatchObject({ measure: '已修补屋顶', evidence: [photo(11)] });
		expect(closed.steps[2]).toMatchObject({ reason: '未见鉴定报告', image: SIGNATURE });
		expect(closed.closed).toEqual({ by: '李审核', at: '2022-08-16T02:00:00.000Z', image: SIGNATURE });
		const open = part.findings[2]!;
		expect(open.closed).toBeNull();
		expect(open.question).toBeNull();
		expect(open.steps).toEqual([]);
	});

	it('belong to the campaign of their form, or by date to the latest campaign begun, never to none', () => {
		const { f } = source();
		const campaigns = [AUGUST_2022, LATER];
		const entry = (id: string) => f.review.entry(id)!.finding;
		expect(campaignOfFinding(entry(f.findings.closed), campaigns, dayOf)).toBe('aug2022');
		expect(campaignOfFinding(entry(f.findings.otherCampaign), campaigns, dayOf)).toBe('dec2022');
		expect(campaignOfFinding(entry(f.findings.earlier), campaigns, dayOf)).toBe('aug2022');
		const between = findingSchema.parse({ ...entry(f.findings.open), raisedAt: '2022-10-01T02:00:00.000Z' });
		expect(campaignOfFinding(between, campaigns, dayOf)).toBe('aug2022');
		const later = findingSchema.parse({ ...entry(f.findings.open), raisedAt: '2022-12-02T02:00:00.000Z' });
		expect(campaignOfFinding(later, campaigns, dayOf)).toBe('dec2022');
		// By the cadre's day: 8 o'clock in Beijing on 1 December is still 30 November in UTC.
		const morning = findingSchema.parse({ ...entry(f.findings.open), raisedAt: '2022-11-30T23:30:00.000Z' });
		expect(campaignOfFinding(morning, campaigns, dayOf)).toBe('dec2022');
		expect(campaignOfFinding(entry(f.findings.open), [], dayOf)).toBeNull();
	});

	it('of the later campaign make that campaign’s volume', () => {
		const { f, src } = source();
		const later = f.dossier.campaigns().find((c) => c.id === LATER.id)!;
		const booklet = householdBooklet({ ...src, campaign: later }, f.ids.liu)!;
		const part = booklet.parts.find((p) => p.kind === 'findings');
		expect(part && part.kind === 'findings' && part.findings.map((s) => s.finding.id)).toEqual([f.findings.otherCampaign]);
		// Nothing of the later campaign was filled in: its forms are not in it.
		expect(sheets(booklet)).toEqual(['cover@刘大', 'contents@刘大', 'form:card@刘大', 'findings@刘大']);
	});
});

describe('a village’s box', () => {
	it('runs cover, 目录, the village’s own part, then every household behind its separator, filed by 村民组', () => {
		const { src } = source();
		const booklet = villageBooklet(src);
		expect(booklet.scope).toBe('village');
		expect(sheets(booklet)).toEqual([
			'cover',
			'contents',
			'form:village',
			'findings',
			'ledger',
			'separator@刘大',
			'form:card@刘大',
			'form:income@刘大',
			'form:campaign@刘大',
			'findings@刘大',
			'separator@张三',
			'form:card@张三',
			'form:income@张三',
			'form:campaign@张三',
			'separator@王二',
			'form:card@王二',
			'separator@周八',
			'form:card@周八'
		]);
		// Numbered in the order filed; the withdrawn household is not in the box.
		const separators = booklet.parts.filter((p) => p.kind === 'separator');
		expect(separators.map((p) => [p.household!.number, p.household!.head])).toEqual([
			[1, '刘大'],
			[2, '张三'],
			[3, '王二'],
			[4, '周八']
		]);
		expect(booklet.cover).toMatchObject({ village: '北关村', households: 4, people: 3 + 1 + 2 + 1 });
	});

	it('lists the village’s part and each household, with its own 目录 on its separator', () => {
		const { f, src } = source();
		const booklet = villageBooklet(src);
		const contents = booklet.parts[1]!;
		if (contents.kind !== 'contents') throw new Error('no contents');
		expect(contents.entries.map((e) => [e.kind, e.anchor, e.signature, e.count, e.closed])).toEqual([
			['villageForm', 'village-form', 'signed', 0, 0],
			['villageFindings', 'village-findings', null, 1, 0],
			// Every problem of the campaign in the village: three on 刘大, one on the village.
			['ledger', 'village-ledger', null, 4, 1]
		]);
		expect(contents.households.map((h) => [h.household.head, h.anchor])).toEqual([
			['刘大', `h-${f.ids.liu}`],
			['张三', `h-${f.ids.zhang}`],
			['王二', `h-${f.ids.wang}`],
			['周八', `h-${f.ids.nogroup}`]
		]);
		const separator = booklet.parts.find((p) => p.kind === 'separator' && p.household.head === '刘大')!;
		if (separator.kind !== 'separator') throw new Error('no separator');
		expect(separator.entries).toEqual(contents.households[0]!.entries);
		expect(separator.entries.map((e) => e.kind)).toEqual(['card', 'income', 'form', 'findings']);
		// Anchors are unique: the 目录 links to each sheet.
		const anchors = booklet.parts.map((p) => p.anchor);
		expect(new Set(anchors).size).toBe(anchors.length);
	});

	it('prints 附件2 with the township’s part from the organisation, signed as its screen reads it', () => {
		const { f, src } = source();
		const part = villageBooklet(src).parts.find((p) => p.kind === 'form' && p.role === 'village')!;
		if (part.kind !== 'form') throw new Error('no village form');
		expect(part.form.status).toBe('signed');
		expect(part.form.answers['t_organised']).toBe(true);
		// The township changes its part: every village's form reads changed after signing.
		f.org.setTownshipAnswer(part.form.formKey, 't_organised', false);
		const again = villageBooklet(src).parts.find((p) => p.kind === 'form' && p.role === 'village');
		expect(again && again.kind === 'form' && again.form.status).toBe('changedAfterSigning');
	});

	it('says what is missing when the village form is empty and nothing was found', () => {
		const { f } = source();
		const empty = { dossier: f.dossier, review: null, campaign: f.dossier.campaigns().find((c) => c.id === LATER.id)!, organisation: null, today: '2022-12-20', dayOf };
		const booklet = villageBooklet(empty);
		const contents = booklet.parts[1]!;
		if (contents.kind !== 'contents') throw new Error('no contents');
		expect(contents.entries.map((e) => [e.kind, e.anchor, e.missing])).toEqual([
			['villageForm', null, 'empty'],
			['villageFindings', null, null],
			['ledger', null, null]
		]);
		expect(sheets(booklet).slice(0, 3)).toEqual(['cover', 'contents', 'separator@刘大']);
		// Without an organisation, people are named as their records name them.
		expect(booklet.cover.keepingGroup).toBeNull();
		const liu = householdBooklet({ ...empty, campaign: f.campaign, review: f.review }, f.ids.liu)!;
		const form = liu.parts.find((p) => p.kind === 'form' && p.role === 'campaign');
		expect(form && form.kind === 'form' && form.form.signatures[0]!.signature!.by.name).toBe('王干部');
	});

	it('is still a box for a dossier whose identity has not arrived on this device yet', () => {
		const { src } = source();
		const bare = villageBooklet({ ...src, dossier: new DossierDoc(), review: null });
		expect(bare.cover).toMatchObject({ township: '', village: '', households: 0, people: 0 });
		expect(sheets(bare)).toEqual(['cover', 'contents']);
		expect(DOSSIER_ID).toBe(src.dossier.meta()!.id);
	});
});

describe('the outline module', () => {
	it('imports nothing of the UI, the device or Node: it runs wherever the documents do', () => {
		const dir = import.meta.dirname;
		for (const name of readdirSync(dir).filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts'))) {
			const text = readFileSync(join(dir, name), 'utf8');
			const imports = [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1]!);
			expect(imports.filter((i) => /^(node:|svelte|dexie|\$app|\$lib\/client|\.\.\/client|\.\.\/components)/.test(i)), name).toEqual([]);
		}
	});
});
