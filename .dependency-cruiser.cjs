/**
 * The layer rules of Fieldbook, checked by `npm test` (test/unit/layers.test.ts).
 *
 *   functions/ ─► lib/http ─► domain (lib/customers, lib/locations, lib/geocoding, lib/api-keys)
 *                               └─► store interface ◄─ DynamoDB adapter (lib/store)
 *   The store interface is the entity declarations (lib/model): both sides import them, they import
 *   neither. Neutral modules (lib/errors, lib/retry-policy, lib/config, lib/logger, lib/zod-locale,
 *   lib/instants, lib/text-rules, lib/phone) import no layer above them.
 *
 * A rule names what must never happen. Violations that predate a rule sit in
 * .dependency-cruiser-known-violations.json until the code is fixed: the test
 * fails on any violation not listed there, so the list can only shrink.
 */
const domain = '^lib/(customers|locations|geocoding|api-keys)/';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules that import each other cannot be understood, tested or bundled apart.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'lib-not-to-entry-points',
      severity: 'error',
      comment: 'functions/, infra/, bench/ and test/ use lib/, never the other way round.',
      from: { path: '^lib/' },
      to: { path: '^(functions|infra|bench|test)/' },
    },
    {
      name: 'functions-not-to-functions',
      severity: 'error',
      comment: 'Each Lambda entry point stands alone: what two share belongs in lib/.',
      from: { path: '^functions/' },
      to: { path: '^functions/' },
    },
    {
      name: 'domain-not-to-http-or-lambda',
      severity: 'error',
      comment: 'Domain rules know nothing of Lambda, HTTP or the local runtime.',
      from: { path: domain },
      to: { path: ['^lib/http/', '^lib/local/', '^lib/routes(\\.ts$|/)', 'node_modules/@middy/', 'node_modules/@types/aws-lambda/'] },
    },
    {
      name: 'store-not-to-domain',
      severity: 'error',
      comment: 'The store adapts DynamoDB to what the domain needs; it does not import the domain (types included).',
      from: { path: '^lib/store/' },
      to: { path: [domain, '^lib/http/', '^lib/local/', '^lib/routes(\\.ts$|/)'] },
    },
    {
      name: 'http-not-to-store',
      severity: 'error',
      comment: 'HTTP reaches data only through use-cases.',
      from: { path: '^lib/http/' },
      to: { path: '^lib/store/' },
    },
    {
      name: 'http-not-to-entities',
      severity: 'error',
      comment: 'The middleware stack knows no entity: names and schemas come from the route it serves.',
      from: { path: '^lib/http/' },
      to: { path: '^lib/(customers|locations|geocoding)/' },
    },
    {
      name: 'model-imports-no-layer',
      severity: 'error',
      comment: 'Entity declarations are what domain and store share: they import neither, nor HTTP, the local runtime or the routes.',
      from: { path: '^lib/model/' },
      to: { path: [domain, '^lib/store/', '^lib/http/', '^lib/local/', '^lib/routes(\\.ts$|/)', '^lib/openapi/', '^lib/sqs/'] },
    },
    {
      name: 'phone-rules-stay-neutral',
      severity: 'error',
      comment: 'Phone normalization is a value rule the declarations use: it imports nothing of Fieldbook outside itself.',
      from: { path: '^lib/phone/' },
      to: { path: '^lib/(?!phone/)' },
    },
    {
      name: 'neutral-modules-stay-neutral',
      severity: 'error',
      comment: 'Errors, retry policy, configuration and logging are used by every layer, so they import none.',
      from: { path: '^lib/(errors|retry-policy|config|logger|zod-locale|instants|text-rules)\\.ts$' },
      to: { path: '^lib/(?!(errors|retry-policy|config|logger|zod-locale|instants|text-rules)\\.ts$)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
