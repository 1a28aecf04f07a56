/// <reference lib="webworker" />
/**
 * A sweep worker: the engine starts a few (sweep-pool.ts), gives each the bars once as packed
 * columns, then a share of the cells; it ends them when the sweep is done or cancelled.
 */
import { expose } from 'comlink';
import { cellRunner, type SweepWorkerApi } from './sweep-pool';

const api: SweepWorkerApi = cellRunner();

expose(api);
