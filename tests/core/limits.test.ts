import { describe, expect, it } from 'vitest';
import { embedLength, fitReply } from '../../src/core/limits.js';
import { LIMITS, type Reply } from '../../src/core/reply.js';

describe('fitReply', () => {
  it('brings an oversized reply within every Discord limit', () => {
    const long = 'ㄱ'.repeat(10_000);
    const reply: Reply = {
      content: long,
      embeds: Array.from({ length: 12 }, () => ({
        title: long,
        description: long,
        footer: long,
        author: long,
        fields: Array.from({ length: 30 }, () => ({ name: long, value: long })),
      })),
      buttons: Array.from({ length: 7 }, () => Array.from({ length: 7 }, () => ({ customId: 'v1:x', label: long }))),
    };
    const fitted = fitReply(reply);
    expect(fitted.content?.length).toBeLessThanOrEqual(LIMITS.content);
    expect(fitted.embeds?.length).toBeLessThanOrEqual(LIMITS.embedsPerMessage);
    const total = (fitted.embeds ?? []).reduce((n, e) => n + embedLength(e), 0);
    expect(total).toBeLessThanOrEqual(LIMITS.embedTotal);
    for (const e of fitted.embeds ?? []) {
      expect(e.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedTitle);
      expect(e.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedDescription);
      expect(e.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedFields);
      for (const f of e.fields ?? []) expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    }
    expect(fitted.buttons?.length).toBe(LIMITS.rows);
    for (const row of fitted.buttons ?? []) {
      expect(row.length).toBe(LIMITS.buttonsPerRow);
      for (const b of row) expect(b.label.length).toBeLessThanOrEqual(LIMITS.buttonLabel);
    }
  });

  it('leaves a reply that already fits unchanged', () => {
    const reply: Reply = {
      content: '안녕',
      embeds: [{ title: '이미지', description: '설명', fields: [{ name: 'a', value: 'b' }] }],
    };
    expect(fitReply(reply)).toEqual(reply);
  });
});
