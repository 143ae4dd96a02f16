import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { projectRoot } from '../../src/db/paths.js';

/** One Dockerfile instruction, continuation lines joined, comments dropped. */
export interface Instruction {
  op: string;
  args: string;
}

export function parseDockerfile(text: string): Instruction[] {
  const joined = text
    .split('\n')
    .filter((l) => !l.trimStart().startsWith('#'))
    .join('\n')
    .replace(/\\\n/g, ' ');
  return joined
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((l) => {
      const [op = '', ...rest] = l.split(/\s+/);
      return { op: op.toUpperCase(), args: rest.join(' ') };
    });
}

/** The instructions of each stage, in order (a stage starts at FROM). */
export function dockerfileStages(): Instruction[][] {
  const stages: Instruction[][] = [];
  for (const i of parseDockerfile(readFileSync(resolve(projectRoot, 'Dockerfile'), 'utf8'))) {
    if (i.op === 'FROM') stages.push([]);
    stages.at(-1)?.push(i);
  }
  return stages;
}
