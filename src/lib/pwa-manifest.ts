/**
 * The web app manifest. Kept in one module so the build (vite.config.ts) and the tests read the
 * same object. Colours match the dark theme's surface so the splash screen does not flash.
 */
export const manifest = {
	id: '/',
	name: 'Fillbook — trading journal & paper desk',
	short_name: 'Fillbook',
	description:
		'Trading journal, execution analyser and paper-trading desk. Your executions stay in this browser.',
	start_url: '/',
	scope: '/',
	display: 'standalone' as const,
	orientation: 'any' as const,
	theme_color: '#0f172a',
	background_color: '#0f172a',
	categories: ['finance', 'productivity'],
	// Desktop "Open with Fillbook" for trade files and alert JSON; the files arrive through
	// window.launchQueue (src/lib/state/launch.ts routes them by the handler's action). A .csv may
	// be a trade file or a TradingView alert log: the browser gives an extension to one handler,
	// so CSVs open on the Import page and alert logs are dropped or picked on the Alerts page.
	file_handlers: [
		{
			action: '/import',
			accept: {
				'text/csv': ['.csv'],
				'text/tab-separated-values': ['.tsv'],
				'text/plain': ['.txt']
			} as Record<string, string[]>
		},
		{
			action: '/alerts',
			accept: { 'application/json': ['.json'] } as Record<string, string[]>
		}
	],
	// Phones: share a file or text to Fillbook. static/share-target-sw.js (imported into the
	// service worker) receives the POST: files are kept in a cache and the Import page opened;
	// text alone (an alert shared from the TradingView app) opens the Alerts page with it in the
	// query (/alerts?text=…), where it is received once. A manifest has one share_target, so files
	// and text share this one.
	share_target: {
		action: '/share-target',
		method: 'POST' as const,
		enctype: 'multipart/form-data',
		params: {
			title: 'title',
			text: 'text',
			url: 'url',
			files: [
				{
					name: 'files',
					accept: ['text/csv', '.csv', 'text/tab-separated-values', '.tsv', 'text/plain', '.txt']
				}
			]
		}
	},
	launch_handler: { client_mode: 'focus-existing' as const },
	icons: [
		{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
		{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
		{
			src: '/icons/icon-maskable-512.png',
			sizes: '512x512',
			type: 'image/png',
			purpose: 'maskable'
		}
	],
	screenshots: [
		{
			src: '/screenshots/desktop.png',
			sizes: '1280x800',
			type: 'image/png',
			form_factor: 'wide' as const,
			label: 'Fillbook dashboard on a desktop'
		},
		{
			src: '/screenshots/phone.png',
			sizes: '390x844',
			type: 'image/png',
			form_factor: 'narrow' as const,
			label: 'Fillbook on a phone'
		}
	]
};
