import { describe, expect, it } from 'vitest';
import { parseDuration, parseFlags, type FlagDef } from './flags';

const DEFS: FlagDef[] = [
  { name: 'namespace', shorthand: 'n', type: 'string' },
  { name: 'all-namespaces', shorthand: 'A', type: 'bool' },
  { name: 'watch', shorthand: 'w', type: 'bool' },
  { name: 'output', shorthand: 'o', type: 'string' },
  { name: 'chunk-size', type: 'int64', default: 500 },
  { name: 'label-columns', shorthand: 'L', type: 'stringSlice' },
  { name: 'from-literal', type: 'stringArray' },
  { name: 'dry-run', type: 'string', default: 'none', noOptDefVal: 'unchanged' },
];

describe('parseFlags (pflag forms)', () => {
  it.each([
    [['-n', 'x', 'pods'], { namespace: 'x' }, ['pods']],
    [['-nx', 'pods'], { namespace: 'x' }, ['pods']],
    [['-n=x'], { namespace: 'x' }, []],
    [['--namespace=x'], { namespace: 'x' }, []],
    [['--namespace', 'x'], { namespace: 'x' }, []],
    [['pods', '--namespace', 'x', 'web'], { namespace: 'x' }, ['pods', 'web']],
    [['-Aw'], { 'all-namespaces': true, watch: true }, []],
    [['-Ao', 'name'], { 'all-namespaces': true, output: 'name' }, []],
    [['-Aoname'], { 'all-namespaces': true, output: 'name' }, []],
    [['--all-namespaces=false'], { 'all-namespaces': false }, []],
    [['--all_namespaces'], { 'all-namespaces': true }, []],
    [['--chunk-size=0x10'], { 'chunk-size': 16 }, []],
    [['-L', 'a,b', '-L', 'c'], { 'label-columns': ['a', 'b', 'c'] }, []],
    [['--from-literal=a=1,2', '--from-literal', 'b=3'], { 'from-literal': ['a=1,2', 'b=3'] }, []],
    [['--dry-run'], { 'dry-run': 'unchanged' }, []],
    [['--dry-run=client'], { 'dry-run': 'client' }, []],
    [['--', '-A', '--x'], { 'all-namespaces': false }, ['-A', '--x']],
    [['-', 'x'], {}, ['-', 'x']],
  ])('%j', (argv, values, args) => {
    const r = parseFlags(DEFS, argv);
    for (const [k, v] of Object.entries(values)) expect(r.flags.get(k)).toEqual(v);
    expect(r.args).toEqual(args);
  });

  it.each([
    [['--foo'], 'unknown flag: --foo'],
    [['-x'], "unknown shorthand flag: 'x' in -x"],
    [['-Ax'], "unknown shorthand flag: 'x' in -x"],
    [['-n'], "flag needs an argument: 'n' in -n"],
    [['--namespace'], 'flag needs an argument: --namespace'],
    [['--chunk-size=abc'], 'invalid argument "abc" for "--chunk-size" flag: strconv.ParseInt: parsing "abc": invalid syntax'],
    [['-A=x'], 'invalid argument "x" for "-A, --all-namespaces" flag: strconv.ParseBool: parsing "x": invalid syntax'],
    [['---x'], 'bad flag syntax: ---x'],
  ])('%j fails: %s', (argv, message) => {
    expect(() => parseFlags(DEFS, argv)).toThrow(message);
  });

  it('treats -h and --help as a request for help', () => {
    expect(parseFlags(DEFS, ['-h']).help).toBe(true);
    expect(parseFlags(DEFS, ['get', '--help']).help).toBe(true);
  });
});

describe('parseDuration (time.ParseDuration)', () => {
  it.each([
    ['5s', 5000],
    ['1m30s', 90_000],
    ['1.5h', 5_400_000],
    ['0', 0],
  ])('%s', (s, ms) => expect(parseDuration(s)).toBe(ms));
  it('rejects a missing unit', () => expect(() => parseDuration('5')).toThrow('time: missing unit in duration "5"'));
});
