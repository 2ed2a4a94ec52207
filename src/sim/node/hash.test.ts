import { describe, expect, it } from 'vitest';
import { base32, sha256, sha256Hex } from './hash';

describe('sha256 / base32', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['a'.repeat(1000), '41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3'],
  ])('sha256(%j)', (input, hex) => expect(sha256Hex(input)).toBe(hex));

  it('matches kube-proxy chain hash for default/kubernetes:https tcp', () => {
    expect(base32(sha256('default/kubernetes:httpstcp')).slice(0, 16)).toBe('NPX46M4PTMTKRN6Y');
  });
});
