// Kindly's layers, checked by `npm run lint:deps` (part of `npm test`).
//
//   faces:       server/cli, server/api, server/studio, bin, scripts   (tracking beside them)
//   wiring:      server/open-services.ts (the parts), server/api/build-app.ts (the routes)
//   campaigns:   server/campaigns       (the one state machine)
//   jobs:        server/jobs
//   stages:      server/render, publish, delivery, ingest, check, scaffold
//   store:       server/store, server/s3 (the SQL store and the object-store client)
//   utilities:   the files at the root of server/ (config, errors, small helpers)
//   below all:   templates/, compositions/
//
// A layer may import any layer below it and never one above it. Utilities may be imported by
// every part of server/ and import only each other (and templates). Nothing outside test/
// imports test/. scaffold and s3 import nothing but utilities; scaffold is template tooling
// the CLI calls (a stage), s3 is a client that render and publish both use (beside the store).

/** The files at the root of server/ other than the wiring. */
const utilities = '^server/(?!open-services\\.ts$)[^/]+$';
const stages = 'render|publish|delivery|ingest|check|scaffold';

/** Paths in server/ a layer may not import: everything but its own folders, the given ones and the utilities. */
const serverOutside = (allowed) => ({ path: '^server/', pathNot: [`^server/(${allowed})/`, utilities] });

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'A cycle makes two modules one: neither can be read, tested or moved without the other. Cycles made only ' +
        'with the help of `import type` are left out: they vanish at run time and types that name each other are normal.',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-import-of-test',
      severity: 'error',
      comment:
        'test/ holds tests and their fixtures; code that ships or runs outside the suite must not depend on it. ' +
        'Move what both need into scripts/lib/ or server/.',
      from: { path: '^(server|scripts|bin|templates|compositions|assets)/' },
      to: { path: '^test/' },
    },
    {
      name: 'no-import-of-scripts',
      severity: 'error',
      comment:
        'scripts/ are tools run by hand (benchmarks, a local farm); the service and its content never depend on them.',
      from: { path: '^(server|bin|templates|compositions|assets)/' },
      to: { path: '^scripts/' },
    },
    {
      name: 'no-orphans',
      severity: 'error',
      comment:
        'A module nothing imports is dead code, unless it is an entry point: a test, a script, a config file or a page bundle.',
      from: {
        orphan: true,
        pathNot: [
          '\\.d\\.ts$',
          // entry points: tests, scripts, the command, config files; pages load browser code by its path
          '^(test|scripts|bin|assets)/',
          '(^|/)[^/]+\\.config\\.(ts|js|cjs|mjs)$',
          '^\\.[^/]+\\.(js|cjs|mjs)$',
        ],
      },
      to: {},
    },
    {
      name: 'templates-below-everything',
      severity: 'error',
      comment:
        'Templates and compositions are rendered in Remotion and bundled for browsers; they know nothing of the ' +
        'service, the command line, the browser pages or the tests.',
      from: { path: '^(templates|compositions)/' },
      to: { path: '^(server|bin|scripts|assets|test)/' },
    },
    {
      name: 'browser-code-apart',
      severity: 'error',
      comment: 'assets/ is browser code: it may share templates, never the Node service or its tools.',
      from: { path: '^assets/' },
      to: { path: '^(server|bin|scripts|compositions)/' },
    },
    {
      name: 'utilities-import-only-utilities',
      severity: 'error',
      comment:
        'The root files of server/ (config, errors, small helpers) are imported by every layer, so they may ' +
        'import only each other and templates; anything more would make every layer depend on it.',
      from: { path: utilities },
      to: { path: '^server/', pathNot: utilities },
    },
    {
      name: 'store-at-the-bottom',
      severity: 'error',
      comment: 'The store is the lowest layer of the service: it owns the SQL and depends on no stage above it.',
      from: { path: '^server/store/' },
      to: serverOutside('store'),
    },
    {
      name: 's3-at-the-bottom',
      severity: 'error',
      comment: 'The S3 client sits beside the store: render and publish use it, it uses nothing above it.',
      from: { path: '^server/s3/' },
      to: serverOutside('s3'),
    },
    {
      name: 'stages-below-jobs',
      severity: 'error',
      comment:
        'Render, publish, delivery, ingest, check and scaffold do one stage of the work each; they call the store ' +
        'and each other, never jobs, campaigns, tracking or a face.',
      from: { path: `^server/(${stages})/` },
      to: serverOutside(`${stages}|s3|store`),
    },
    {
      name: 'jobs-below-campaigns',
      severity: 'error',
      comment:
        'Jobs run one unit of work the campaign layer asked for; they never decide a campaign status nor reach a face.',
      from: { path: '^server/jobs/' },
      to: serverOutside(`jobs|${stages}|s3|store`),
    },
    {
      name: 'campaigns-below-faces',
      severity: 'error',
      comment:
        'The campaign state machine is called by the command line, the API and the sweeper alike, so it may not ' +
        'know any of the faces, the tracking routes or the wiring.',
      from: { path: '^server/campaigns/' },
      to: serverOutside(`campaigns|jobs|${stages}|s3|store`),
    },
    {
      name: 'tracking-reads-the-store',
      severity: 'error',
      comment:
        'Tracking sits beside the faces: it records what debtors do in the store and reads it back for analytics; ' +
        'it never renders, publishes, queues or drives a campaign.',
      from: { path: '^server/tracking/' },
      to: serverOutside('tracking|store'),
    },
    {
      name: 'api-apart-from-other-faces',
      severity: 'error',
      comment:
        'The API does not reach into the studio or the command line; only build-app.ts, which assembles every ' +
        'HTTP route into one app, mounts the studio routes.',
      from: { path: '^server/api/', pathNot: '^server/api/build-app\\.ts$' },
      to: { path: '^server/(studio|cli)/' },
    },
    {
      name: 'app-builder-below-cli',
      severity: 'error',
      comment: 'build-app.ts assembles routes; the command line starts it, never the other way round.',
      from: { path: '^server/api/build-app\\.ts$' },
      to: { path: '^server/cli/' },
    },
    {
      name: 'studio-apart-from-other-faces',
      severity: 'error',
      comment: 'The studio is a face of its own: what it shares with the API belongs in a lower layer both import.',
      from: { path: '^server/studio/' },
      to: { path: '^server/(api|cli)/' },
    },
    {
      name: 'cli-uses-the-app-not-its-routes',
      severity: 'error',
      comment:
        'The command line starts the server through buildApp (server/api/build-app.ts) and reaches nothing else ' +
        'in the API or the studio; what both need belongs in a lower layer.',
      from: { path: '^server/cli/' },
      to: { path: '^server/(studio/|api/(?!build-app\\.ts$))' },
    },
    {
      name: 'wiring-used-by-commands',
      severity: 'error',
      comment:
        'open-services.ts is the one place that opens and wires the parts; only the command line and scripts ' +
        'start a process, so only they call it. Everything else receives the parts it needs.',
      from: { path: '^server/', pathNot: '^server/cli/' },
      to: { path: '^server/open-services\\.ts$' },
    },
    {
      name: 'wiring-below-faces',
      severity: 'error',
      comment: 'open-services.ts wires campaigns, jobs, stages and the store; the faces receive what it returns.',
      from: { path: '^server/open-services\\.ts$' },
      to: { path: '^server/(cli|api|studio|tracking)/' },
    },
    {
      name: 'sql-drivers-only-in-the-store',
      severity: 'error',
      comment: 'All SQL lives in server/store/; no other part of the service opens a database driver.',
      from: { path: '^server/', pathNot: '^server/store/' },
      to: { path: '(^|/)node_modules/(pg|@electric-sql/pglite)/' },
    },
    {
      name: 'no-dev-dependency-at-runtime',
      severity: 'error',
      comment:
        'What the service, templates and browser code import at run time must be a dependency, or a production ' +
        'install breaks. Type-only imports are erased and may name devDependencies.',
      from: { path: '^(server|templates|compositions|assets|bin)/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-undeclared-package',
      severity: 'error',
      comment: 'Every package imported must be listed in package.json, or it works here only by accident of hoisting.',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing fails at run time.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: '(^|/)node_modules/' },
    preserveSymlinks: true,
    exclude: { path: '^(bench-results|out|demo-out|scratch|\\.kindly)/|^test/fixtures/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
