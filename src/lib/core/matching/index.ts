export { checkPnl } from './candidates';
export { detectOffsets, journalDay, offsetHoursOf } from './detect-offsets';
export * from './match';
export * from './stats';
export * from './symbols';
export * from './types';
