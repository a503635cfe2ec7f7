import { describe, expect, it } from 'vitest';
import { cellText, normaliseName, readDate, readField, readIdNumber, readPhone, readYesNo, scientific } from './cellValues';
import { importField } from './importFields';
import { idNumber, idNumberEndingInX } from './testing/rosterFixtures';

const field = (key: string) => {
	const f = importField(key);
	if (!f) throw new Error(`no field ${key}`);
	return f;
};

const ID = idNumber('19900101', 101);
const fullWidth = (text: string) => text.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('ID numbers', () => {
	it('reads full-width digits, a lower-case x, spaces and the tricks that keep Excel from making it a number', () => {
		const x = idNumberEndingInX();
		expect(readField(field('member.id_number'), fullWidth(ID))).toEqual({ ok: true, value: ID });
		expect(readField(field('member.id_number'), x.toLowerCase())).toEqual({ ok: true, value: x });
		expect(readField(field('member.id_number'), fullWidth(x.toLowerCase()))).toEqual({ ok: true, value: x });
		expect(readField(field('member.id_number'), `${ID.slice(0, 6)} ${ID.slice(6, 14)} ${ID.slice(14)}`)).toEqual({ ok: true, value: ID });
		expect(readField(field('member.id_number'), `'${ID}`)).toEqual({ ok: true, value: ID });
		expect(readField(field('member.id_number'), `="${ID}"`)).toEqual({ ok: true, value: ID });
	});

	it('refuses an ID kept as a number: its last digits are gone', () => {
		const asNumber = Number(ID);
		expect(readIdNumber(asNumber)).toEqual({ ok: false, code: 'import.cell.idAsNumber', params: { shown: scientific(asNumber) } });
		expect(scientific(410102199001011000)).toBe('4.10102E+17');
		expect(scientific(1.2e17)).toBe('1.2E+17');
		// As a CSV saved from Excel holds it.
		expect(readField(field('member.id_number'), '1.2E+17')).toMatchObject({ ok: false, code: 'import.cell.idAsNumber' });
		expect(readField(field('member.id_number'), '4.10102E+17')).toMatchObject({ ok: false, code: 'import.cell.idAsNumber' });
		// Excel's 15 significant digits padded with zeros, as "Save as CSV" writes them.
		const padded = ID.slice(0, 15) + '000';
		expect(readField(field('member.id_number'), padded)).toMatchObject({ ok: false, code: 'import.cell.idAsNumber', params: { shown: padded } });
		expect(readField(field('household.headId'), asNumber)).toMatchObject({ ok: false, code: 'import.cell.idAsNumber' });
	});

	it('checks what it reads with the card’s own schema: check digit, length, birth date', () => {
		const wrong = ID.slice(0, 17) + (ID[17] === '1' ? '2' : '1');
		expect(readField(field('member.id_number'), wrong)).toMatchObject({ ok: false, code: 'answer.id_checksum' });
		expect(readField(field('member.id_number'), ID.slice(0, 15))).toMatchObject({ ok: false, code: 'answer.id_format' });
		expect(readField(field('member.id_number'), idNumber('19901301', 1))).toMatchObject({ ok: false, code: 'answer.id_birthDate' });
		expect(readField(field('member.id_number'), '')).toEqual({ ok: true, value: undefined });
	});
});

describe('dates', () => {
	it('reads a date cell, an Excel serial and the ways ledgers write a day', () => {
		for (const cell of [
			{ date: '2022-08-01', serial: 44774 },
			44774,
			'2022-08-01',
			'2022/8/1',
			'2022.8.1',
			'2022年8月1日',
			'２０２２年８月１日',
			'20220801',
			20220801
		]) {
			expect(readDate(cell), JSON.stringify(cell)).toEqual({ ok: true, value: '2022-08-01' });
		}
		expect(readDate('2022-02-30')).toEqual({ ok: false, code: 'import.cell.notDate', params: { value: '2022-02-30' } });
		expect(readDate('八月一日')).toMatchObject({ ok: false, code: 'import.cell.notDate' });
		expect(readField(field('member.birth_date'), 32874)).toEqual({ ok: true, value: '1990-01-01' });
	});
});

describe('choices', () => {
	it('reads labels and the words sheets use for them', () => {
		const cases: [string, string, string | string[]][] = [
			['member.relation', '户主', 'head'],
			['member.relation', '本人', 'head'],
			['member.relation', '之妻', 'spouse'],
			['member.relation', '长子', 'child'],
			['member.relation', '儿媳/女婿', 'child_in_law'],
			['household.type', '脱贫户', 'lifted'],
			['household.type', '脱贫不稳定户', 'monitored'],
			['household.type', '边缘易致贫户', 'monitored'],
			['household.type', ' 一般户 ', 'ordinary'],
			['member.health', '患有大病', 'serious'],
			['member.schooling', '小学三年级', 'primary_pupil'],
			['member.schooling', '高中/中专', 'senior'],
			['household.flags', '低保户、残疾户', ['dibao', 'disabled']],
			['household.flags', '特困（五保）户', ['tekun']],
			['household.flags', '五保户,低保', ['tekun', 'dibao']]
		];
		for (const [key, text, value] of cases) expect(readField(field(key), text), `${key} ${text}`).toEqual({ ok: true, value });
	});

	it('refuses a word that is none of the options, naming them, and two words where one is taken', () => {
		expect(readField(field('member.relation'), '邻居')).toEqual({
			ok: false,
			code: 'import.cell.notAnOption',
			params: { value: '邻居', options: '户主、配偶、子女、儿媳/女婿、孙子女、父母、兄弟姐妹、其他' }
		});
		expect(readField(field('member.health'), '残疾，长期慢性病')).toMatchObject({ ok: false, code: 'import.cell.severalValues' });
	});
});

describe('yes and no', () => {
	it('reads 是/否, √/×, 有/无, TRUE/FALSE, and the 劳动技能 grades', () => {
		for (const yes of ['是', '√', '有', 'Y', true, 1]) expect(readYesNo(null, yes), String(yes)).toEqual({ ok: true, value: true });
		for (const no of ['否', '×', '无', 'n', false, 0]) expect(readYesNo(null, no), String(no)).toEqual({ ok: true, value: false });
		expect(readField(field('member.able_to_work'), '丧失劳动力')).toEqual({ ok: true, value: false });
		expect(readField(field('member.able_to_work'), '普通劳动力')).toEqual({ ok: true, value: true });
		expect(readField(field('member.resident'), '外出')).toEqual({ ok: true, value: false });
		expect(readField(field('household.flag.dibao'), '是')).toEqual({ ok: true, value: true });
		expect(readField(field('member.resident'), '也许')).toEqual({ ok: false, code: 'import.cell.notYesNo', params: { value: '也许' } });
	});
});

describe('phones', () => {
	it('reads mobile numbers however they are spaced, landlines with their area code, and number cells', () => {
		expect(readPhone('138 1234 5678')).toEqual({ ok: true, value: '13812345678' });
		expect(readPhone('+86 138-1234-5678')).toEqual({ ok: true, value: '13812345678' });
		expect(readPhone(13812345678)).toEqual({ ok: true, value: '13812345678' });
		expect(readPhone('０３７１－６２３４５６７８')).toEqual({ ok: true, value: '0371-62345678' });
		expect(readField(field('household.phone'), '13812345678、13987654321')).toEqual({ ok: true, value: '13812345678', rest: '13987654321' });
		expect(readField(field('household.phone'), '1381234')).toMatchObject({ ok: false, code: 'answer.notPhone' });
	});
});

describe('text', () => {
	it('closes up names spaced to line up, keeps a foreign name’s spaces, and checks lengths with the card', () => {
		expect(normaliseName('张  三')).toBe('张三');
		expect(normaliseName('Anna Li')).toBe('Anna Li');
		expect(readField(field('member.name'), '　王　小　明　')).toEqual({ ok: true, value: '王小明' });
		expect(readField(field('household.group'), '  一组 ')).toEqual({ ok: true, value: '一组' });
		expect(readField(field('household.note'), 'x'.repeat(501))).toMatchObject({ ok: false, code: 'answer.tooLong', params: { maxLength: 500 } });
		expect(readField(field('household.number'), 1001)).toEqual({ ok: true, value: '1001' });
		expect(readField(field('member.name'), '/')).toEqual({ ok: true, value: undefined });
	});

	it('refuses a formula without a result and an error value, saying which', () => {
		expect(cellText({ formula: 'A1&B1' })).toEqual({ ok: false, code: 'import.cell.formulaNoValue', params: { formula: '=A1&B1' } });
		expect(readField(field('member.name'), { error: '#N/A' })).toEqual({ ok: false, code: 'import.cell.error', params: { value: '#N/A' } });
	});

	it('reads a household size and refuses what is not one', () => {
		expect(readField(field('household.size'), '4人')).toEqual({ ok: true, value: 4 });
		expect(readField(field('household.size'), 4)).toEqual({ ok: true, value: 4 });
		expect(readField(field('household.size'), '四')).toMatchObject({ ok: false, code: 'import.cell.notCount' });
	});
});
