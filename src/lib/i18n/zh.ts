/** Simplified Chinese: the first language of the app. Keys are stable; English mirrors them. */
export const zh = {
	app: {
		name: '档卡',
		tagline: '村级档卡 · 交叉互查 · 问题台账',
		language: '语言',
		yourName: '我的姓名',
		yourNamePlaceholder: '填写姓名，方便同事辨认',
		updateReady: '新版本已就绪',
		updateNow: '立即更新',
		updating: '正在保存并更新…',
		offlineReady: '已可离线使用',
		back: '返回'
	},
	dossiers: {
		title: '村档卡',
		onDevice: '本设备上的档卡',
		onServer: '服务器上的档卡',
		none: '还没有档卡。',
		noneOnServer: '服务器上没有其他档卡。',
		serverUnreachable: '暂时连不上服务器，显示本设备上的档卡。',
		create: '新建档卡',
		township: '乡镇',
		village: '村',
		createButton: '创建',
		open: '打开',
		lastOpened: '上次打开：{{when}}',
		lastSynced: '上次同步：{{when}}',
		neverSynced: '尚未同步',
		pending: '{{count}} 处修改待同步',
		notRegistered: '待上传到服务器',
		households: '{{count}} 户'
	},
	dossier: {
		loading: '正在打开档卡…',
		notFound: '本设备上没有这本档卡，正在从服务器获取…',
		households: '农户',
		householdCount: '共 {{count}} 户',
		persons: '{{count}} 人',
		addHousehold: '新增农户',
		head: '户主姓名',
		type: '户类型',
		add: '添加',
		noHouseholds: '还没有农户，先新增一户。',
		edit: '编辑',
		close: '关闭',
		presence: '正在查看此档卡',
		onlyYou: '只有你',
		you: '我',
		removeHousehold: '移除此户',
		confirmRemove: '确定移除 {{head}} 户？记录会保留在档案中。',
		search: '按户主姓名查找',
		createdBy: '{{name}} 于 {{when}} 录入'
	},
	sync: {
		saving: '正在保存到本设备…',
		syncing: '已保存在本设备，正在同步…',
		synced: '已同步：服务器已有全部修改',
		offline: '离线：{{count}} 处修改待同步',
		offlineNone: '离线：没有待同步的修改',
		unauthorized: '无权访问此档卡',
		detail: '上次同步 {{when}}'
	},
	form: {
		progress: '已答 {{answered}} / {{required}} 项',
		flagged: '{{count}} 项有问题',
		describe: '如有问题请详细描述',
		card: '户卡',
		screening: '入户排查表',
		noCampaign: '此档卡还没有排查活动'
	},
	householdType: {
		ordinary: '一般户',
		lifted: '脱贫户',
		monitored: '监测户'
	},
	answer: {
		required: '必填',
		notText: '应为文字',
		tooLong: '最多 {{maxLength}} 个字',
		notInteger: '应为整数',
		notMoney: '应为金额（元，最多两位小数）',
		tooSmall: '不能小于 {{min}}',
		tooLarge: '不能大于 {{max}}',
		notYesNo: '应选“是”或“否”',
		notDate: '应为有效日期',
		dateInFuture: '日期不能晚于今天',
		notAnOption: '不是可选项',
		notPhoto: '照片无效',
		tooManyPhotos: '照片过多',
		notStored: '此项不需填写',
		tooFewRows: '至少 {{min}} 行',
		tooManyRows: '最多 {{max}} 行',
		invalid: '填写有误',
		yes: '是',
		no: '否',
		clear: '清除',
		choose: '请选择'
	},
	error: {
		badRequest: '填写内容不符合要求',
		badJson: '请求格式错误',
		tooLarge: '内容过大',
		notFound: '找不到',
		methodNotAllowed: '不支持的操作',
		invalidDossier: '档卡编号无效',
		conflict: '与已有数据冲突',
		internal: '服务器出错，请稍后再试',
		network: '网络不通，稍后会自动重试'
	}
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof zh>;
