import { writeFileSync } from 'node:fs';
import { sampleBreakEven } from './test-fixtures.js';
import { renderBreakEvenSvg } from './index.js';

const base = sampleBreakEven();
const crowded = {
  ...base,
  title: 'Crowded: eight break-even points close together',
  breakEvenPoints: Array.from({ length: 8 }, (_, i) => ({ selfHost: `S${i}`, api: `A${i}`, monthlyTokens: 4e8 + i * 3e8, monthlyCostUsd: 3000 + i * 1500 })),
};
writeFileSync('/tmp/charts/break-even-crowded.svg', await renderBreakEvenSvg(crowded));
const many = {
  title: 'Twelve series',
  series: Array.from({ length: 12 }, (_, i) => ({ label: `Option ${i + 1} with a fairly long descriptive label`, type: (i % 2 ? 'api' : 'self-host') as 'api' | 'self-host', points: [0, 1e9, 2e9, 3e9].map((v, j) => ({ monthlyTokens: v, monthlyCostUsd: 1000 * (i + 1) * (i % 2 ? j : 1 + Math.floor(j / 2)) })) })),
  breakEvenPoints: [{ selfHost: 'x', api: 'y', monthlyTokens: 3e9, monthlyCostUsd: 36000 }],
};
writeFileSync('/tmp/charts/break-even-many.svg', await renderBreakEvenSvg(many));
