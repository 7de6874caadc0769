import { describe, expect, it } from 'vitest';
import { createRegistry } from '../../src/commands/dispatch.js';
import { defineCommand, OptionType } from '../../src/commands/types.js';
import { parseSlashLine, tokenize } from '../../src/cli/slash.js';
import { explainCommand } from '../../src/commands/explain.js';

const rate = defineCommand({
  data: {
    name: 'rate',
    description: 'r',
    options: [
      { type: OptionType.String, name: 'chapter', description: 'c', required: true },
      { type: OptionType.Integer, name: 'stars', description: 's', required: true },
      { type: OptionType.String, name: 'hard_part', description: 'h' },
    ],
  },
  run: () => ({}),
});

const log = defineCommand({
  data: {
    name: 'log',
    description: 'l',
    options: [
      {
        type: OptionType.Subcommand,
        name: 'add',
        description: 'a',
        options: [
          { type: OptionType.String, name: 'minutes', description: 'm', required: true },
          { type: OptionType.String, name: 'chapter', description: 'c', required: true },
          { type: OptionType.String, name: 'memo', description: 'm' },
        ],
      },
      { type: OptionType.Subcommand, name: 'undo', description: 'u' },
    ],
  },
  run: () => ({}),
});

const registry = createRegistry([explainCommand, rate, log]);

describe('console slash lines', () => {
  it('gives the whole rest of the line to the question', () => {
    expect(parseSlashLine('/explain 이미지 이름 규칙', registry)).toEqual({
      name: 'explain',
      subcommand: undefined,
      options: { question: '이미지 이름 규칙' },
    });
  });

  it('accepts the Korean command name and name:value options', () => {
    expect(parseSlashLine('/설명 컨테이너 hide:true', registry).options).toEqual({
      question: '컨테이너',
      hide: 'true',
    });
  });

  it('fills required options in order and keeps quoted text together', () => {
    expect(parseSlashLine('/rate 3 4 hard_part:"네트워크 부분"', registry).options).toEqual({
      chapter: '3',
      stars: '4',
      hard_part: '네트워크 부분',
    });
  });

  it('reads a subcommand', () => {
    expect(parseSlashLine('/log add 1시간 2 memo:"복습"', registry)).toEqual({
      name: 'log',
      subcommand: 'add',
      options: { minutes: '1시간', chapter: '2', memo: '복습' },
    });
  });

  it('tokenizes quotes with escapes', () => {
    expect(tokenize('a "b c" d:"e \\"f\\""')).toEqual(['a', 'b c', 'd:e "f"']);
  });
});
