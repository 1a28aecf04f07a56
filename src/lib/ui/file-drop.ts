/** Window handlers for files dragged onto the page: one place that tells files from other drags. */
export interface FileDrop {
	enter: (e: DragEvent) => void;
	leave: (e: DragEvent) => void;
	over: (e: DragEvent) => void;
	drop: (e: DragEvent) => void;
}

/**
 * Handlers that take the files dropped while `active()`: `depth` counts the drag's enters less
 * its leaves (above 0 while files hover the window; 0 again after a drop), `take` gets the files.
 */
export function fileDrop(
	take: (files: File[]) => void,
	depth: (update: (d: number) => number) => void,
	active: () => boolean = () => true
): FileDrop {
	const hasFiles = (e: DragEvent) => active() && (e.dataTransfer?.types.includes('Files') ?? false);
	return {
		enter: (e) => {
			if (!hasFiles(e)) return;
			e.preventDefault();
			depth((d) => d + 1);
		},
		leave: (e) => {
			if (hasFiles(e)) depth((d) => Math.max(0, d - 1));
		},
		over: (e) => {
			if (!hasFiles(e)) return;
			e.preventDefault();
			if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
		},
		drop: (e) => {
			if (!hasFiles(e)) return;
			e.preventDefault();
			depth(() => 0);
			const files = e.dataTransfer?.files;
			if (files && files.length > 0) take([...files]);
		}
	};
}
