export * from './match';
export * from './stats';
export * from './symbols';
