export { seedSynthetic, type SyntheticAccount, type SyntheticOptions, type SyntheticProgress, type SyntheticSummary } from './seed.js';
export { SCALES, type Scale } from './plan.js';
