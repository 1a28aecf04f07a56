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
