// The statistical tests and checks of model comparison and model checking (模型检验), one file per family.

export * from './autocovariance.js';
export * from './compare-to-best.js';
export * from './conformal.js';
export * from './diebold-mariano.js';
export * from './distributions.js';
export * from './holm.js';
export * from './intervals.js';
export * from './jarque-bera.js';
export * from './ljung-box.js';
export * from './mcnemar.js';
export * from './paired-t.js';
export * from './posterior-variance.js';
export * from './wilcoxon.js';
