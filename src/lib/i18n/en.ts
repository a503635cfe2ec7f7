import type { Messages } from './zh';

export const en: Messages = {
	app: {
		name: 'Dangka',
		tagline: 'Village dossiers · cross-checks · problem ledger',
		language: 'Language',
		yourName: 'My name',
		yourNamePlaceholder: 'Your name, so colleagues know who you are',
		updateReady: 'A new version is ready',
		updateNow: 'Update now',
		updating: 'Saving and updating…',
		offlineReady: 'Ready to work offline',
		back: 'Back'
	},
	dossiers: {
		title: 'Village dossiers',
		onDevice: 'Dossiers on this device',
		onServer: 'Dossiers on the server',
		none: 'No dossiers yet.',
		noneOnServer: 'No other dossiers on the server.',
		serverUnreachable: 'The server cannot be reached; showing the dossiers on this device.',
		create: 'New dossier',
		township: 'Township',
		village: 'Village',
		createButton: 'Create',
		open: 'Open',
		lastOpened: 'Last opened: {{when}}',
		lastSynced: 'Last synced: {{when}}',
		neverSynced: 'Not synced yet',
		pending: '{{count}} changes waiting to sync',
		notRegistered: 'Waiting to upload to the server',
		households: '{{count}} households'
	},
	dossier: {
		loading: 'Opening the dossier…',
		notFound: 'This dossier is not on this device yet; fetching it from the server…',
		households: 'Households',
		householdCount: '{{count}} households',
		persons: '{{count}} people',
		addHousehold: 'Add a household',
		head: 'Head of household',
		type: 'Household type',
		add: 'Add',
		noHouseholds: 'No households yet: add the first one.',
		edit: 'Edit',
		close: 'Close',
		presence: 'Viewing this dossier',
		onlyYou: 'Only you',
		you: 'me',
		removeHousehold: 'Withdraw this household',
		confirmRemove: 'Withdraw the household of {{head}}? Its record stays in the archive.',
		search: 'Find by head of household',
		createdBy: 'Entered by {{name}} on {{when}}'
	},
	sync: {
		saving: 'Saving on this device…',
		syncing: 'Saved on this device, syncing…',
		synced: 'Synced: the server has every change',
		offline: 'Offline: {{count}} changes waiting',
		offlineNone: 'Offline: no changes waiting',
		unauthorized: 'No access to this dossier',
		detail: 'Last synced {{when}}'
	},
	householdType: {
		ordinary: 'Ordinary',
		lifted: 'Lifted out of poverty',
		monitored: 'Monitored'
	},
	answer: {
		required: 'Required',
		notText: 'Should be text',
		tooLong: 'At most {{maxLength}} characters',
		notInteger: 'Should be a whole number',
		notMoney: 'Should be an amount in yuan (up to 2 decimals)',
		tooSmall: 'Must be at least {{min}}',
		tooLarge: 'Must be at most {{max}}',
		notYesNo: 'Should be yes or no',
		notDate: 'Should be a valid date',
		dateInFuture: 'The date cannot be after today',
		notAnOption: 'Not one of the options',
		invalid: 'Not valid',
		yes: 'Yes',
		no: 'No',
		clear: 'Clear',
		choose: 'Choose'
	},
	error: {
		badRequest: 'The form has values that do not fit',
		badJson: 'Malformed request',
		tooLarge: 'Too large',
		notFound: 'Not found',
		methodNotAllowed: 'Operation not supported',
		invalidDossier: 'Invalid dossier id',
		conflict: 'Conflicts with existing data',
		internal: 'Server error, please try again later',
		network: 'No network; will retry automatically'
	}
};
