// Runs before the app: applies the theme the user chose ("light" / "dark"); without a choice the
// stylesheet follows the system through prefers-color-scheme. Kept in sync with
// src/lib/state/theme.svelte.ts (same storage key).
(function () {
	try {
		var theme = localStorage.getItem('fillbook.theme');
		if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
	} catch {
		// Storage may be unavailable (private mode); the system theme applies.
	}
})();
