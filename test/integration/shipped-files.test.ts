import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { loadArchConfig } from '../../src/config/arch-config.js';
import { schemaFiles } from '../../src/report/schema-files.js';
import { toJson } from '../../src/util/atomic-write.js';
import { describeText } from '../../src/cli/commands/describe.js';
import { componentSpecs } from '../../src/config/registry.js';

describe('shipped files', () => {
  test('schemas/ holds exactly what the code derives (run `npm run schemas` after changing a spec)', () => {
    for (const [file, schema] of Object.entries(schemaFiles())) expect(readFileSync(file, 'utf8'), file).toBe(toJson(schema));
  });

  test.each(readdirSync('arch-configs').filter((f) => f.endsWith('.json')))('arch-configs/%s validates', (f) => {
    const c = loadArchConfig(`arch-configs/${f}`);
    expect(c.name).toBe(f.replace(/\.json$/, ''));
  });

  test('every parameter of every component has a unit, a description and a source for its default', () => {
    for (const spec of componentSpecs) {
      for (const p of spec.params) {
        expect(p.unit, `${spec.name}.${p.key}`).not.toBe('');
        expect(p.description.length, `${spec.name}.${p.key}`).toBeGreaterThan(5);
        expect(p.source.length, `${spec.name}.${p.key}`).toBeGreaterThan(5);
      }
      for (const s of spec.stats) expect(s.unit, `${spec.name}.${s.key}`).not.toBe('');
    }
    expect(describeText(componentSpecs)).toMatch(/tRCD_cycles \[cycles of tCK\] \(default 29\)/);
  });
});
