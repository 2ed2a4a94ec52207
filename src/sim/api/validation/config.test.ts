import { describe, expect, it } from 'vitest';
import { base64Error } from './config';
import { create, update } from './testutil';

const KEY_MSG = "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

describe('ConfigMap', () => {
  const cm = (extra: Record<string, any>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, ...extra });
  it.each<[string, Record<string, any>, string[]]>([
    ['valid', { data: { 'app.properties': 'a=b', KEY_1: 'x' } }, []],
    ['bad key', { data: { 'a b': 'x' } }, [`data[a b]: Invalid value: "a b": ${KEY_MSG}`]],
    ['dot-dot key', { data: { '..x': 'y' } }, ["data[..x]: Invalid value: \"..x\": must not start with '..'"]],
    ['duplicate across data and binaryData', { data: { a: 'x' }, binaryData: { a: 'eA==' } }, ['data[a]: Invalid value: "a": duplicate of key present in binaryData']],
    ['too big', { data: { a: 'x'.repeat(1024 * 1024 + 1) } }, ['[]: Too long: may not be more than 1048576 bytes']],
  ])('%s', (_, extra, want) => {
    expect(create(cm(extra))).toEqual(want);
  });

  it('immutable config maps keep their data', () => {
    expect(update(cm({ immutable: true, data: { a: '2' } }), cm({ immutable: true, data: { a: '1' } }))).toEqual([
      'data: Forbidden: field is immutable when `immutable` is set',
    ]);
  });
});

describe('Secret', () => {
  const secret = (extra: Record<string, any>) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, ...extra });
  it.each<[string, Record<string, any>, string[]]>([
    ['opaque', { data: { password: 'cGFzcw==' } }, []],
    ['stringData is converted', { stringData: { password: 'pass' } }, []],
    ['tls needs both keys', { type: 'kubernetes.io/tls', data: { 'tls.crt': 'eA==' } }, ['data[tls.key]: Required value']],
    ['basic-auth needs a username or password', { type: 'kubernetes.io/basic-auth', data: {} }, ['data[username]: Required value', 'data[password]: Required value']],
    [
      'service account token needs the annotation',
      { type: 'kubernetes.io/service-account-token' },
      ['metadata.annotations[kubernetes.io/service-account.name]: Required value'],
    ],
    ['dockerconfigjson needs the key', { type: 'kubernetes.io/dockerconfigjson', data: {} }, ['data[.dockerconfigjson]: Required value']],
    ['bad key', { data: { 'a/b': 'eA==' } }, [`data[a/b]: Invalid value: "a/b": ${KEY_MSG}`]],
    ['unknown types are accepted', { type: 'example.com/custom' }, []],
  ])('%s', (_, extra, want) => {
    expect(create(secret(extra))).toEqual(want);
  });

  it('type is immutable', () => {
    expect(update(secret({ type: 'kubernetes.io/basic-auth', data: { username: 'eA==' } }), secret({}))).toEqual([
      'type: Invalid value: "kubernetes.io/basic-auth": field is immutable',
    ]);
  });

  it.each([
    ['cGFzcw==', ''],
    ['cGFzcw', 'illegal base64 data at input byte 4'],
    ['pa$$', 'illegal base64 data at input byte 2'],
  ])('base64 %s', (v, want) => {
    expect(base64Error(v)).toBe(want);
  });
});
