import { describe, expect, it } from 'vitest';
import { formatLabelSelector, fromLabelSelector, matches, parseSelector, SelectorParseError } from './labels';

describe('label selectors', () => {
  const labels = { app: 'web', tier: 'front', env: 'prod' };
  it.each([
    ['', true],
    ['app=web', true],
    ['app==web', true],
    ['app!=web', false],
    ['app=db', false],
    ['app=web,tier=front', true],
    ['env in (prod, staging)', true],
    ['env notin (prod)', false],
    ['tier', true],
    ['!tier', false],
    ['!legacy', true],
    ['missing!=x', true],
    ['app=web, env in (dev)', false],
  ])('%j matches %s', (sel, want) => {
    expect(matches(parseSelector(sel), labels)).toBe(want);
  });

  it('rejects malformed selectors', () => {
    expect(() => parseSelector('env in prod')).toThrow(SelectorParseError);
    expect(() => parseSelector('env in (a b)')).toThrow(SelectorParseError);
  });

  it('treats a missing structured selector as nothing and an empty one as everything', () => {
    expect(matches(fromLabelSelector(undefined), labels)).toBe(false);
    expect(matches(fromLabelSelector({}), labels)).toBe(true);
    expect(matches(fromLabelSelector({ matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }] }), labels)).toBe(true);
  });

  it('prints structured selectors as kubectl does', () => {
    expect(formatLabelSelector({ matchLabels: { b: '2', a: '1' }, matchExpressions: [{ key: 'c', operator: 'NotIn', values: ['y', 'x'] }] })).toBe('a=1,b=2,c notin (x,y)');
    expect(formatLabelSelector(undefined)).toBe('<none>');
  });
});
