import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './scripts/chromium.mjs';

// E2E_PORT lets several checkouts run their end-to-end tests side by side.
const PORT = Number(process.env.E2E_PORT ?? 4319);

export default defineConfig({
	testDir: 'tests/e2e',
	// Specs share one built app but each test gets a fresh browser context (fresh IndexedDB and
	// service worker); two workers fit the 2-core machines.
	workers: 2,
	fullyParallel: true,
	forbidOnly: !!process.env.CI,
	retries: 0,
	timeout: 60_000,
	reporter: process.env.CI
		? [['list']]
		: [['list'], ['html', { open: 'never', outputFolder: 'test-results/html' }]],
	outputDir: 'test-results/artifacts',
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		trace: 'retain-on-failure',
		launchOptions: chromiumLaunchOptions()
	},
	projects: [
		{ name: 'chromium', use: { ...devices['Desktop Chrome'], launchOptions: chromiumLaunchOptions() } }
	],
	webServer: {
		command: `node scripts/serve.mjs build`,
		env: { PORT: String(PORT) },
		url: `http://127.0.0.1:${PORT}/`,
		reuseExistingServer: !process.env.CI,
		timeout: 30_000
	}
});
