// Monaco's ESM entry points the editor imports directly (the package only types its main entry):
// the editor core without the bundled language services, and the YAML syntax colouring.
declare module 'monaco-editor/esm/vs/editor/edcore.main.js' {
  export * from 'monaco-editor';
}
declare module 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';
declare module 'monaco-editor/esm/vs/editor/editor.worker.js';
declare module 'monaco-yaml/yaml.worker.js';
