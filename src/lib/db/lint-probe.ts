import { mode } from '$lib/state/app.svelte';
import { sections } from '$lib/ui/nav';
export const probe = [mode, sections];
