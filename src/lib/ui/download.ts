/** Saves a blob or text as a file through the browser's download (no server involved). */
export function download(content: Blob | string, fileName: string, type = 'text/csv'): void {
	const blob = typeof content === 'string' ? new Blob([content], { type }) : content;
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = fileName;
	a.click();
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}
