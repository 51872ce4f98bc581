import { defineConfig } from 'vitest/config';

// The LaTeX compile of every template (test/report/paper-compile.test.ts, ~45 s of TeX on 2 cores) is
// its own step, `npm run test:paper`, which CI runs after `npm test`; `npm test` stays quick.
const paper = 'test/report/paper-compile.test.ts';

export default defineConfig({
  test: {
    include: process.env.NNM_PAPER === '1' ? [paper] : ['test/**/*.test.ts'],
    exclude: process.env.NNM_PAPER === '1' ? [] : [paper, '**/node_modules/**'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
