import type { IconName } from './icons';

/** The product's sections, in menu order. */
export const sections = [
	{ href: '/', label: 'Dashboard', icon: 'dashboard' },
	{ href: '/import', label: 'Import', icon: 'import' },
	{ href: '/trades', label: 'Trades', icon: 'trades' },
	{ href: '/positions', label: 'Positions', icon: 'level' },
	{ href: '/matching', label: 'Matching', icon: 'matching' },
	{ href: '/reports', label: 'Reports', icon: 'reports' },
	{ href: '/charts', label: 'Charts', icon: 'charts' },
	{ href: '/signals', label: 'Signals', icon: 'signals' },
	{ href: '/alerts', label: 'Alerts', icon: 'bell' },
	{ href: '/paper', label: 'Paper trading', icon: 'paper' },
	{ href: '/strategies', label: 'Strategy lab', icon: 'lab' },
	{ href: '/settings', label: 'Settings', icon: 'settings' }
] as const satisfies readonly { href: string; label: string; icon: IconName }[];
