// monaco-yaml's options, shared by the editor and the tests that run the same language service.
import type { JSONSchema } from './schema';

/** The editor's model URI: matched by the schema's fileMatch, shown nowhere. */
export const MODEL_URI = 'file:///clusterlab/manifest.yaml';
/** An identifier only: the schema is given inline and never fetched. */
export const SCHEMA_URI = 'inmemory://clusterlab/kubernetes.json';

export function yamlOptions(schema: JSONSchema) {
  return {
    enableSchemaRequest: false, // offline: nothing is downloaded
    validate: true,
    completion: true,
    hover: true,
    hoverSchemaSource: false,
    format: { enable: false },
    schemas: [{ uri: SCHEMA_URI, fileMatch: ['*'], schema }],
  };
}
