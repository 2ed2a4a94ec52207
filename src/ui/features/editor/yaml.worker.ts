// monaco-yaml's language service worker (yaml-language-server). A file of our own, as monaco-yaml
// recommends for Vite, rather than pointing the worker URL into node_modules.
import 'monaco-yaml/yaml.worker.js';
