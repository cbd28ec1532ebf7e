export * from './link.js';
export * from './user.js';
export * from './policy.js';
export * from './factor.js';
export * from './error.js';
export * from './session.js';
export * from './transaction.js';
