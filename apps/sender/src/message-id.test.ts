import { describe, expect, it } from 'vitest';
import { createMessageIds, createRunId, isRunId } from './message-id.ts';

describe('createMessageIds', () => {
  const runId = '0123456789abcdef0123456789abcdef';

  it('gives 32 lowercase hex digits, the same for the same run and line', () => {
    const id = createMessageIds(runId)(2);
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(createMessageIds(runId)(2)).toBe(id);
  });

  it('never repeats an id within a run', () => {
    const ids = createMessageIds(runId);
    const seen = new Set<string>();
    for (let line = 1; line <= 200_000; line++) seen.add(ids(line));
    expect(seen.size).toBe(200_000);
  });

  it('differs between runs for the same line', () => {
    const a = createMessageIds(createRunId());
    const b = createMessageIds(createRunId());
    for (let line = 1; line < 1000; line++) expect(a(line)).not.toBe(b(line));
  });

  it('refuses a malformed run id or line', () => {
    expect(() => createMessageIds('xyz')).toThrow(TypeError);
    expect(() => createMessageIds(runId)(0)).toThrow(TypeError);
    expect(() => createMessageIds(runId)(1.5)).toThrow(TypeError);
  });

  it('makes run ids of 32 hex digits', () => {
    expect(isRunId(createRunId())).toBe(true);
    expect(createRunId()).not.toBe(createRunId());
  });
});
