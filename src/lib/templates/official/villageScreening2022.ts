/**
 * 附件2 巩固脱贫成果“八月攻坚”整改专项行动乡村问题排查表 (洺州镇, August 2022): the township's
 * work, then the village (lifted-out or ordinary village). Transcribed from shared/seeds/004_…
 * with each question's `source` in the form's own words; see householdScreening2022.ts.
 * The form's "实际 万元" is kept as money in fen like every amount; the 50,000-yuan test is
 * computed from it rather than ticked by hand.
 */
import { defineTemplate, type TemplateInput } from '../template';

type Q = TemplateInput['sections'][number]['questions'][number];

const yes = (id: string, zh: string, en: string, source: string, problemWhen?: 'yes' | 'no', showIf?: Q['showIf']): Q => ({
	id,
	type: 'yesno',
	label: { zh, en },
	// The form asks for a tick on every row: an unanswered row is an unfinished form.
	required: true,
	source,
	...(problemWhen ? { problemWhen } : {}),
	...(showIf ? { showIf } : {})
});

export const VILLAGE_SCREENING_2022 = 'village-screening-2022';

/** The collective-income test of 附件2 ④①: 50,000 yuan, in fen. */
export const COLLECTIVE_INCOME_TARGET_FEN = 50_000_00;

export const villageScreening2022 = defineTemplate({
	id: VILLAGE_SCREENING_2022,
	version: 1,
	scope: 'village',
	print: { section: { zh: '项目', en: 'Item' }, question: { zh: '排查内容', en: 'What is checked' } },
	title: { zh: '巩固脱贫成果“八月攻坚”整改专项行动乡村问题排查表', en: 'Township and village screening form, "August push" campaign' },
	sections: [
		{
			id: 'header',
			title: { zh: '基本情况', en: 'Header' },
			questions: [
				{ id: 'township', type: 'computed', compute: 'meta.township', kind: 'text', label: { zh: '乡镇', en: 'Township' }, source: '乡镇' },
				{ id: 'surveyed_on', type: 'date', precision: 'month', notInFuture: true, required: true, label: { zh: '摸排时间', en: 'Screened in' }, source: '摸排时间 2022 年 8 月' }
			]
		},
		{
			id: 't_township',
			title: { zh: '乡镇工作', en: 'Township work' },
			level: 'township',
			questions: [
				yes('t_meeting_missing', '①乡级党委政府是否未及时召开会议专题研究部署、解决巩固脱贫成果相关问题', '① Has the township Party committee and government failed to meet in time on consolidating poverty-alleviation gains?', '①乡级党委政府是否未及时召开会议专题研究部署、解决巩固脱贫成果相关问题 (是□否□)', 'yes'),
				yes('t_five_level_missing', '乡镇党委书记是否未落实“五级书记”抓脱贫成果巩固相关要求', 'Has the township Party secretary not carried out the “five levels of secretaries” duties?', '乡镇党委书记是否未落实“五级书记”抓脱贫成果巩固相关要求 (是□否□)', 'yes'),
				yes('t_organised', '②乡镇是否健全巩固脱贫成果相应组织，是否专人负责且不少于3人', '② Does the township have the organisation in place, with named staff, at least 3?', '②乡镇是否健全巩固脱贫成果相应组织，是否专人负责且不少于 3 人(是□否□)', 'no'),
				yes('t_has_workshop', '②乡镇是否有帮扶车间', '② (numbered ② twice on the form) Does the township have assistance workshops?', '②乡镇是否有帮扶车间(是□否□)'),
				yes('t_workshop_ratio_met', '帮扶车间带动比例是否达标', 'Do the workshops employ the required share of supported people?', '帮扶车间带动比例是否达标(是□否□)', 'no', { q: 't_has_workshop', eq: true })
			]
		},
		{
			id: 'v_village',
			title: { zh: '村', en: 'Village' },
			questions: [
				{ id: 'village', type: 'computed', compute: 'meta.village', kind: 'text', label: { zh: '村', en: 'Village' } },
				{
					id: 'village_type',
					type: 'choice',
					required: true,
					label: { zh: '村类型', en: 'Village type' },
					source: '村(脱贫村□或一般村□)',
					options: [
						{ value: 'lifted', label: { zh: '脱贫村', en: 'Lifted-out village' } },
						{ value: 'ordinary', label: { zh: '一般村', en: 'Ordinary village' } }
					]
				}
			]
		},
		{
			id: 'v2_monitoring',
			title: { zh: '2. 防返贫监测', en: '2. Relapse monitoring' },
			questions: [
				yes('v2_mechanism_missing', '①是否未建立早排查、早预警、早纳入、早帮扶的常态化、网格化监测帮扶机制', '① Is there no routine, grid-based mechanism to find, warn, include and help early?', '①是否未建立早排查、早预警、早纳入、早帮扶的常态化、网格化监测帮扶机制 (是□否□)', 'yes'),
				yes('v2_irregular', '②是否存在应纳未纳、应扶未扶、未审慎退出、程序不规范等问题', '② Are people left out who should be in, unhelped, taken out carelessly, or handled irregularly?', '②是否存在应纳未纳、应扶未扶、未审慎退出、程序不规范等问题(是□否□)', 'yes'),
				yes('v2_records_incomplete', '③月走访和集中排查等资料是否未做到资料完善、归档有序等', '③ Are the monthly-visit and screening records incomplete or badly filed?', '③月走访和集中排查等资料是否未做到资料完善、归档有序等(是□否□)', 'yes'),
				yes('v2_risk_unmarked', '④是否有符合标注风险消除的监测对象未标注风险消除', '④ Is a monitored household that qualifies as “risk eliminated” not marked so?', '④是否有符合标注风险消除的监测对象未标注风险消除(是□否□)', 'yes')
			]
		},
		{
			id: 'v3_guarantees',
			title: { zh: '3. “三保障”巩固', en: '3. The three guarantees' },
			questions: [
				yes('v3_education', '①村内符合条件户是否存在教育政策落实不到位问题', '① Do eligible households lack the education policies?', '①村内符合条件户是否存在教育政策落实不到位问题(是□否□)', 'yes'),
				yes('v3_medical', '②村内符合条件户是否存在基本医疗政策落实不到位问题', '② … the basic medical policies?', '②村内符合条件户是否存在基本医疗政策落实不到位问题(是□否□)', 'yes'),
				yes('v3_housing', '③村内符合条件户是否存在安全住房政策落实不到位问题', '③ … the safe-housing policies?', '③村内符合条件户是否存在安全住房政策落实不到位问题(是□否□)', 'yes'),
				yes('v3_water', '④村内符合条件户是否存在安全饮水政策落实不到位问题', '④ … the safe-water policies?', '④村内符合条件户是否存在安全饮水政策落实不到位问题(是□否□)', 'yes'),
				yes('v3_assistance', '⑤村内符合条件户是否存在综合保障政策落实不到位问题', '⑤ … social assistance?', '⑤村内符合条件户是否存在综合保障政策落实不到位问题(是□否□)', 'yes')
			]
		},
		{
			id: 'v4_industry',
			title: { zh: '4. 产业就业帮扶', en: '4. Industry and employment' },
			questions: [
				{
					id: 'v4_collective_below_target',
					type: 'computed',
					compute: 'village.collectiveIncomeBelowTarget',
					kind: 'yesno',
					problemWhen: 'yes',
					label: { zh: '①是否存在村集体经济收入未达到5万元以上问题', en: '① Is the village collective income below 50,000 yuan?' },
					source: '①是否存在村集体经济收入未达到 5 万元以上问题(是□否□)'
				},
				{
					id: 'v4_collective_income',
					type: 'money',
					unit: 'wan',
					required: true,
					min: 0,
					label: { zh: '村集体经济收入（实际，万元）', en: 'Collective income, actual (10,000 yuan)' },
					source: '实际    万元'
				},
				yes('v4_ledger_missing', '②是否未建立公益岗位实名信息台账', '② Is there no named register of public-welfare jobs?', '②是否未建立公益岗位实名信息台账(是 团 否□)', 'yes'),
				yes('v4_loan_problems', '③是否存在贷款逾期，是否存在户贷企用、一分了之或用于非生产性支出等问题', '③ Are loans overdue, used by firms, handed out as cash or spent unproductively?', '③是否存在贷款逾期，是否存在户贷企用、一分了之或用于非生产性支出等问题 (是□否□)', 'yes')
			]
		},
		{
			id: 'v5_projects',
			title: { zh: '5. 项目资金管理', en: '5. Project funds' },
			questions: [
				yes('v5_has_projects', '①2022年度村内是否有建设项目', '① Does the village have construction projects in 2022?', '①2022 年度村内是否有建设项目(是□否□)'),
				yes('v5_started', '是否开工', 'Have they started?', '是否开工(是□否□)', 'no', { q: 'v5_has_projects', eq: true }),
				yes('v5_knows_projects', '②村干部和驻村工作队是否知晓村内项目实施情况', '② Do the village cadres and work team know how the projects are going?', '②村干部和驻村工作队是否知晓村内项目实施情况(是□否□)', 'no'),
				yes('v5_knows_dividends', '是否知晓资产收益分红及村集体收益情况', 'Do they know the asset dividends and collective income?', '是否知晓资产 收益分红及村集体收益情况(是□否□)', 'no'),
				yes('v5_knows_use', '是否知晓村集体分红收益用途', 'Do they know what the collective dividends are used for?', '是否知晓村集体分红收益用途(是□ 否□)', 'no')
			]
		},
		{
			id: 'v6_responsibility',
			title: { zh: '6. 帮扶责任', en: '6. Assistance responsibility' },
			questions: [
				yes('v6_team_present', '①驻村工作队是否在岗', '① Is the village work team at its post?', '①驻村工作队是否在岗(是□否□)', 'no'),
				yes('v6_secretary_duty', '②驻村第一书记或驻村工作队履职是否到位', '② Do the first secretary and the work team do their duties?', '②驻村第一书记或驻村工作队履职是否到位(是□否□)', 'no')
			]
		},
		{
			id: 'signoff',
			title: { zh: '签字', en: 'Sign-off' },
			questions: [{ id: 'checker_signature', type: 'signature', required: true, label: { zh: '排查人员（签字）', en: 'Checker (signature)' }, source: '排查人员(签字)' }]
		}
	]
});
