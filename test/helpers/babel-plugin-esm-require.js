// ES modules may declare `const require = createRequire(import.meta.url)`; compiled to CommonJS
// that shadows the module's own require in the import statements hoisted above it. Renaming the
// binding keeps both working.
module.exports = function esmRequireBinding() {
  return {
    name: 'esm-require-binding',
    visitor: {
      Program(path) {
        if (path.scope.hasOwnBinding('require')) path.scope.rename('require', '_esmRequire');
      },
    },
  };
};
