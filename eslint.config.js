// Lint with typescript-eslint's type-aware recommended rules, run by `npm test`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import jsdoc from 'eslint-plugin-jsdoc';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'src/store/schema.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // An async function that satisfies a Promise-returning port (a fastify handler, a
      // delivery or download port, a fake Bot API) needs no await of its own; the rule would
      // have each one return Promise.resolve by hand.
      '@typescript-eslint/require-await': 'off',
      // A leading underscore marks a value left out on purpose (`const { a: _, ...rest }`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // fastify accepts async hooks and error handlers where its types say void.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { properties: false } }],
    },
  },
  {
    // The engine, the flows and the store are what every module builds on: each exported
    // function and class says what it is for.
    files: ['src/bot/**/*.ts', 'src/flows/**/*.ts', 'src/store/**/*.ts'],
    plugins: { jsdoc },
    rules: {
      'jsdoc/require-jsdoc': [
        'error',
        {
          publicOnly: true,
          require: { FunctionDeclaration: true, ClassDeclaration: true, ArrowFunctionExpression: true },
          checkConstructors: false,
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    // vitest's asymmetric matchers (expect.any, expect.objectContaining) are typed any.
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  { files: ['**/*.js'], extends: [tseslint.configs.disableTypeChecked] },
);
