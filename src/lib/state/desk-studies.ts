/** The paper desk's indicators, as saved for the next visit. */
import { checkStudy, type StudySpec } from '$lib/core/studies';
import { readPreference } from './preferences';

export const STUDIES_KEY = 'fillbook.paper.studies';

/** The desk's saved indicators; one that no longer checks (a MACD with fast ≥ slow) is left out. */
export function readStudies(): StudySpec[] {
	try {
		const saved: unknown = JSON.parse(readPreference(STUDIES_KEY) ?? '[]');
		if (!Array.isArray(saved)) return [];
		return saved.flatMap((s) => {
			try {
				return [checkStudy(s as StudySpec)];
			} catch {
				return [];
			}
		});
	} catch {
		return [];
	}
}
