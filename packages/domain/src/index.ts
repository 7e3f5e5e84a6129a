export * from './audit.js';
export * from './auth.js';
export * from './errors.js';
export * from './org.js';
export * from './policy.js';
export * from './roles.js';
export * from './time.js';
