/** Saves a blob or text as a file through the browser's download (no server involved). */
export function download(content: Blob | string, fileName: string, type = 'text/csv'): void {
	const blob = typeof content === 'string' ? new Blob([content], { type }) : content;
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = fileName;
	a.click();
	// Chromium reads the blob after the click returns, later still on a busy machine; revoking it
	// too soon makes the download silently never start (FileSaver.js waits 40 s for the same reason).
	setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
