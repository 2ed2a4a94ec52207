// Monaco's own worker (diffing, word ranges), bundled from the local package.
import 'monaco-editor/esm/vs/editor/editor.worker.js';
