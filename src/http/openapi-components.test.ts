import { describe, expect, it } from 'vitest';
import { tidySchemas } from './openapi-components.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const body = (name: string) => ({ requestBody: { content: { 'application/json': { schema: ref(name) } } } });
const ok = (name: string) => ({ responses: { 200: { content: { 'application/json': { schema: ref(name) } } } } });

describe('tidySchemas', () => {
  it('merges an input form identical to its output form and points every reference at the output name', () => {
    const doc = tidySchemas({
      paths: { '/a': { post: { ...body('AInput'), ...ok('A') } } },
      components: { schemas: { A: { type: 'object' }, AInput: { type: 'object' } } },
    });
    expect(doc.components?.schemas).toEqual({ A: { type: 'object' } });
    expect(JSON.stringify(doc.paths)).not.toContain('AInput');
  });

  it('keeps both forms when they differ (a default makes a field optional on input)', () => {
    const schemas = { B: { type: 'object', required: ['x'] }, BInput: { type: 'object' } };
    const doc = tidySchemas({ paths: { '/b': { post: { ...body('BInput'), ...ok('B') } } }, components: { schemas } });
    expect(doc.components?.schemas).toEqual(schemas);
  });

  it('merges schemas that refer to each other together, and keeps a pair apart when what it refers to differs', () => {
    const doc = tidySchemas({
      paths: { '/c': { post: { ...body('CInput'), ...ok('C') } }, '/e': { post: { ...body('EInput'), ...ok('E') } } },
      components: {
        schemas: {
          C: { items: ref('D') },
          CInput: { items: ref('DInput') },
          D: { items: ref('C') },
          DInput: { items: ref('CInput') },
          E: { items: ref('F') },
          EInput: { items: ref('FInput') },
          F: { required: ['y'] },
          FInput: {},
        },
      },
    });
    expect(Object.keys(doc.components?.schemas ?? {}).sort()).toEqual(['C', 'D', 'E', 'EInput', 'F', 'FInput']);
    expect(doc.components?.schemas?.C).toEqual({ items: ref('D') });
  });

  it('drops unused components and names a request-only input form without the suffix', () => {
    const doc = tidySchemas({
      paths: { '/g': { post: { ...body('GInput'), ...ok('Other') } } },
      components: {
        schemas: { G: { required: ['z'] }, GInput: {}, Other: {}, OtherInput: {}, Unused: {}, UnusedInput: {}, NotifyInput: { a: 1 } },
      },
    });
    expect(doc.components?.schemas).toEqual({ G: {}, Other: {} });
    expect(JSON.stringify(doc.paths)).toContain('"#/components/schemas/G"');
  });

  it('does not rename a schema whose own id ends in Input', () => {
    const doc = tidySchemas({
      paths: { '/n': { post: { ...body('NotifyInputInput'), ...ok('NotifyInput') } } },
      components: { schemas: { NotifyInput: { type: 'object' }, NotifyInputInput: { type: 'object' } } },
    });
    expect(doc.components?.schemas).toEqual({ NotifyInput: { type: 'object' } });
  });
});
