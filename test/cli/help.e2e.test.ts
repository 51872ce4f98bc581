import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('every command has --help with an example', () => {
  it.each(['train', 'predict', 'evaluate', 'inspect', 'models', 'init'])('nnm %s --help', async (cmd) => {
    const r = await runCli([cmd, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toMatch(new RegExp(`\\n  nnm ${cmd} `));
  });

  it('nnm --help names every command', async () => {
    const r = await runCli(['--help']);
    for (const cmd of ['train', 'predict', 'evaluate', 'inspect', 'models', 'init'])
      expect(r.stdout).toMatch(new RegExp(`^  ${cmd}\\b`, 'm'));
  });
});
