// What a package.json must hold before a registry takes it, as a table of rules: each rule returns the
// issues it finds, as strings, so one run reports them all.

const REQUIRED_STRINGS = ['name', 'version', 'description', 'license'];

const rules = [
  (m) =>
    REQUIRED_STRINGS.filter((key) => typeof m[key] !== 'string' || m[key] === '').map((key) => `no "${key}"`),
  (m) => (Array.isArray(m.keywords) && m.keywords.length > 0 ? [] : ['no "keywords"']),
  (m) => (m.type === 'module' ? [] : ['"type" is not "module" (the packages are ESM only)']),
  (m) => (typeof m.engines?.node === 'string' ? [] : ['no "engines.node"']),
  (m) =>
    Array.isArray(m.files) && m.files.length > 0 ? [] : ['no "files" (the tarball would hold everything)'],
  (m) => (m.publishConfig?.access === 'public' ? [] : ['"publishConfig.access" is not "public"']),
  (m, relativeDir) => {
    const repo = m.repository;
    if (typeof repo?.url !== 'string') return ['no "repository.url"'];
    return repo.directory === relativeDir ? [] : [`"repository.directory" is not "${relativeDir}"`];
  },
  (m) => (m.exports || m.bin ? [] : ['neither "exports" nor "bin"']),
  (m) => {
    if (!m.exports) return [];
    if (typeof m.exports !== 'object' || Array.isArray(m.exports)) return ['"exports" is not a subpath map'];
    const issues = [];
    for (const [subpath, target] of Object.entries(m.exports)) {
      if (subpath === './package.json') continue;
      const keys = typeof target === 'object' && target ? Object.keys(target) : [];
      if (keys[0] !== 'types') issues.push(`exports "${subpath}": "types" must come first`);
      if (!keys.includes('default') && !keys.includes('import'))
        issues.push(`exports "${subpath}": no "default"`);
    }
    if (!('./package.json' in m.exports)) issues.push('exports: no "./package.json"');
    return issues;
  },
];

/**
 * The issues of one public package's manifest; empty when it is complete.
 * @example manifestIssues(JSON.parse(readFileSync('package.json', 'utf8')), 'packages/core') // []
 */
export function manifestIssues(manifest, relativeDir) {
  return rules.flatMap((rule) => rule(manifest, relativeDir));
}
