import { existsSync } from 'node:fs';

/**
 * Where Playwright finds Chromium: CHROMIUM_PATH if set, else the system's /usr/bin/chromium
 * (Debian's package, what CI installs), else Playwright's own browser (a developer's machine
 * after `npx playwright install chromium`).
 * @returns {string | undefined}
 */
export function chromiumExecutable() {
	const fromEnv = process.env.CHROMIUM_PATH;
	if (fromEnv) return fromEnv;
	for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) {
		if (existsSync(candidate)) return candidate;
	}
	return undefined;
}

/**
 * Launch options shared by the tests and the scripts that drive Chromium.
 * @returns {{ executablePath: string | undefined, args: string[] }}
 */
export function chromiumLaunchOptions() {
	const executablePath = chromiumExecutable();
	return {
		executablePath,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--no-first-run',
			'--disable-sync'
		]
	};
}
