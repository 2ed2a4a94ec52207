// The structural schema of the served API types, and decoding request bodies like kube-apiserver.
export { decodeObject } from './decode';
export type { DecodeResult, FieldValidation } from './decode';
export { allDefs, getDef, rootDefFor, schemaFor } from './defs';
export type { Schema, TypeDef } from './dsl';
export { allSchemasOpenAPI, defToOpenAPI, explainField, toOpenAPIV3 } from './openapi';
export type { ExplainField, Explanation } from './openapi';
