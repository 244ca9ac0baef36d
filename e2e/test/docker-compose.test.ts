/**
 * Keeps docker-compose.yml, the four apps/<name>/Dockerfile and docs/configuration.md in step with the code, so
 * they cannot rot silently while no Docker engine is around to try them: every variable the configs read, every
 * topic, every workspace a service links, the start command, the ports. It reads files only (no Docker, no
 * Kafka); the names it checks come from the sources, never from a copy kept here.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ALL_DEAD_LETTER_TOPICS, ALL_TOPICS } from '@syncengage/contracts';

const REPO = join(__dirname, '../..');
const readRepoFile = (relative: string): string => readFileSync(join(REPO, relative), 'utf8');

/** The services docker-compose.yml runs, each built from apps/<name>/Dockerfile. */
const APP_SERVICES = ['ingest', 'churn-scorer', 'orchestrator', 'notifier', 'console'] as const;
type AppService = (typeof APP_SERVICES)[number];

/** Apps deliberately without a container: embedded runs all four services in one process, without Kafka or PostgreSQL. */
const NOT_CONTAINERIZED = ['embedded'];

const INFRASTRUCTURE_SERVICES = ['kafka', 'kafka-init', 'postgres', 'postgres-init'];

/**
 * ALLOW-LIST: variables the code reads that docker-compose.yml deliberately does NOT set, so the code's default
 * applies. Each entry says why. A name listed here that compose sets anyway, or that no config reads any more,
 * fails the test: the list cannot hide a stale or forgotten variable.
 */
const LEFT_TO_DEFAULTS: Record<string, string> = {
  // shared-settings.ts defaults it to syncengage-<service>; one `${KAFKA_CLIENT_ID}` would give all four the same id.
  KAFKA_CLIENT_ID: 'per-service default syncengage-<service>',
  // Same default per service, so each service is its own consumer group. A shared value would put the four services
  // in one group and split the partitions of every topic between services that do not handle it.
  KAFKA_GROUP_ID: 'per-service default syncengage-<service>',
  // A path inside the container: unset, churn-scorer loads the model bundled in its image (apps/churn-scorer/models).
  CHURN_MODEL_PATH: 'bundled model inside the image',
  // A crash-test fault hook (test/outbox-crash.test.ts); unset is the only value production may have.
  ORCHESTRATOR_FAULT: 'test-only fault hook, unset in production',
};

/**
 * Variables docker-compose.yml interpolates for itself and no service reads under that name. Anything else in a
 * `${...}` must be a variable some config reads.
 */
const COMPOSE_ONLY_VARIABLES: Record<string, string> = {
  // The postgres image's password, also spliced into DATABASE_URL.
  POSTGRES_PASSWORD: 'password of the compose PostgreSQL',
  // How many partitions kafka-init gives each topic.
  KAFKA_TOPIC_PARTITIONS: 'partitions per topic',
};

/** Ports compose must publish to the host, by the variable that sets the port inside the container. */
const PUBLISHED: Partial<Record<AppService, string[]>> = {
  ingest: ['INGEST_HTTP_PORT'],
  notifier: ['NOTIFIER_HTTP_PORT'],
  'churn-scorer': ['CHURN_GRPC_PORT'],
  // The web console, for a browser on the host.
  console: ['CONSOLE_HTTP_PORT'],
};

// ---------------------------------------------------------------------------------------------------------------
// What the code reads

interface Read {
  name: string;
  /** The source line of the read call, for its default. */
  line: string;
}

/** EnvReader's methods that take a variable name first (string, int, bool, oneOf, url, ...), from its source. */
const READ_METHODS = [
  ...new Set(
    [...readRepoFile('packages/config/src/env-reader.ts').matchAll(/^\s+(\w+)(?:<[^>(]*>)?\(name: string/gm)].map((m) => m[1]),
  ),
];

/**
 * Names a config reads through a variable instead of a literal (`read.optionalSecret(name)`), and where they come
 * from. A config with such a read and no entry here fails the test until one is added.
 */
const DYNAMIC_NAME_SOURCES: Record<string, (source: string) => string[]> = {
  // The credentials of each CRM provider: CRM_VARIABLES = { hubspot: ['HUBSPOT_API_KEY'], ... }.
  'apps/ingest/src/config.ts': (source) => {
    const block = source.match(/const CRM_VARIABLES[^=]*=\s*\{([\s\S]*?)\};/);
    return block ? [...block[1].matchAll(/'([A-Z][A-Z0-9_]*)'/g)].map((m) => m[1]) : [];
  },
};

function readsIn(relative: string): Read[] {
  const source = readRepoFile(relative);
  const methods = READ_METHODS.join('|');
  const reads: Read[] = [];
  for (const match of source.matchAll(new RegExp(`read\\.(?:${methods})\\(\\s*(['"])([A-Z][A-Z0-9_]*)\\1`, 'g'))) {
    const lineStart = source.lastIndexOf('\n', match.index) + 1;
    const lineEnd = source.indexOf('\n', match.index);
    reads.push({ name: match[2], line: source.slice(lineStart, lineEnd === -1 ? undefined : lineEnd) });
  }
  if (new RegExp(`read\\.(?:${methods})\\(\\s*(?!['"])`).test(source)) {
    const resolve = DYNAMIC_NAME_SOURCES[relative];
    if (!resolve) throw new Error(`${relative} reads a variable by a computed name: teach DYNAMIC_NAME_SOURCES in this test where the names come from`);
    const names = resolve(source);
    if (names.length === 0) throw new Error(`DYNAMIC_NAME_SOURCES found no names in ${relative}: update it`);
    reads.push(...names.map((name) => ({ name, line: '' })));
  }
  return reads;
}

const SHARED_SETTINGS = 'packages/config/src/shared-settings.ts';
const sharedReads = readsIn(SHARED_SETTINGS);
const appDirs = readdirSync(join(REPO, 'apps')).filter((name) => existsSync(join(REPO, 'apps', name, 'package.json')));

/** Every variable each app reads: its own config.ts, plus the shared infrastructure settings when it uses them. */
function readsOfApp(app: string): Read[] {
  const configFile = `apps/${app}/src/config.ts`;
  const own = readsIn(configFile);
  return readRepoFile(configFile).includes('readInfrastructure(') ? [...sharedReads, ...own] : own;
}

const readsByApp = new Map(appDirs.map((app) => [app, readsOfApp(app)]));
const namesReadBy = (app: string): Set<string> => new Set(readsByApp.get(app)!.map((read) => read.name));
const allNamesRead = new Set([...readsByApp.values()].flat().map((read) => read.name));

/** The literal default of a read (`{ default: 3000 }`, `'UTC'`, `true`, `256 * 1024`), or undefined when not a literal. */
function literalDefault(line: string): string | number | boolean | undefined {
  const match = line.match(/default:\s*([^,}]+?)\s*[,}]/);
  if (!match) return undefined;
  const raw = match[1];
  if (raw === 'true' || raw === 'false') return raw === 'true';
  if (/^-?[\d_]+(\.[\d_]+)?$/.test(raw)) return Number(raw.replace(/_/g, ''));
  if (/^[\d_]+(\s*\*\s*[\d_]+)+$/.test(raw)) return raw.split('*').reduce((product, factor) => product * Number(factor.trim().replace(/_/g, '')), 1);
  const quoted = raw.match(/^'([^']*)'$/);
  return quoted ? quoted[1] : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Workspaces

interface Workspace {
  dir: string;
  packageJson: { name: string; scripts?: Record<string, string>; dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
}

const rootPackage = JSON.parse(readRepoFile('package.json')) as { workspaces: string[]; packageManager?: string };
const workspaceDirs = rootPackage.workspaces.flatMap((pattern) => {
  if (!pattern.endsWith('/*')) return [pattern];
  const parent = pattern.slice(0, -2);
  return readdirSync(join(REPO, parent))
    .filter((name) => statSync(join(REPO, parent, name)).isDirectory())
    .map((name) => `${parent}/${name}`);
}).filter((dir) => existsSync(join(REPO, dir, 'package.json')));
const workspaces = new Map<string, Workspace>(
  workspaceDirs.map((dir) => {
    const packageJson = JSON.parse(readRepoFile(`${dir}/package.json`)) as Workspace['packageJson'];
    return [packageJson.name, { dir, packageJson }];
  }),
);

/** The folders of the workspaces `name` links, transitively; with devDependencies as turbo's build graph counts them. */
function linkedWorkspaceDirs(name: string, withDevDependencies: boolean): string[] {
  const seen = new Set<string>();
  const stack = [name];
  while (stack.length > 0) {
    const current = stack.pop()!;
    const workspace = workspaces.get(current);
    if (!workspace || seen.has(current)) continue;
    seen.add(current);
    stack.push(...Object.keys(workspace.packageJson.dependencies ?? {}));
    if (withDevDependencies) stack.push(...Object.keys(workspace.packageJson.devDependencies ?? {}));
  }
  seen.delete(name);
  return [...seen].map((workspace) => workspaces.get(workspace)!.dir).sort();
}

// ---------------------------------------------------------------------------------------------------------------
// Dockerfiles

interface Instruction {
  keyword: string;
  args: string;
}

interface Stage {
  image: string;
  name?: string;
  instructions: Instruction[];
}

interface Dockerfile {
  globalArgs: Record<string, string>;
  stages: Stage[];
}

function parseDockerfile(text: string): Dockerfile {
  const lines = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  const globalArgs: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, keyword, args] = line.match(/^(\w+)\s+(.*)$/) ?? [];
    if (!keyword) throw new Error(`cannot parse Dockerfile line: ${line}`);
    const upper = keyword.toUpperCase();
    if (upper === 'FROM') {
      const [, image, name] = args.match(/^(\S+)(?:\s+AS\s+(\S+))?$/i) ?? [];
      stages.push({ image: image.replace(/\$\{(\w+)\}/g, (_, arg: string) => globalArgs[arg] ?? ''), name, instructions: [] });
    } else if (stages.length === 0 && upper === 'ARG') {
      const [argName, value] = args.split('=');
      globalArgs[argName] = value;
    } else {
      stages[stages.length - 1].instructions.push({ keyword: upper, args });
    }
  }
  return { globalArgs, stages };
}

interface Copy {
  from?: string;
  sources: string[];
  destination: string;
}

function copiesIn(stage: Stage): Copy[] {
  return stage.instructions
    .filter((instruction) => instruction.keyword === 'COPY')
    .map((instruction) => {
      const words = instruction.args.split(/\s+/);
      const from = words.find((word) => word.startsWith('--from='))?.slice('--from='.length);
      const paths = words.filter((word) => !word.startsWith('--'));
      return { from, sources: paths.slice(0, -1), destination: paths[paths.length - 1] };
    });
}

const runsIn = (stage: Stage): string[] => stage.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args);
const trimSlash = (path: string): string => path.replace(/^\/app\//, '').replace(/\/$/, '');

/** The chain of stages a stage is built FROM, itself first. */
function ancestry(dockerfile: Dockerfile, stage: Stage): Stage[] {
  const chain = [stage];
  for (let current = stage; ; ) {
    const parent = dockerfile.stages.find((candidate) => candidate.name === current.image);
    if (!parent) return chain;
    chain.push(parent);
    current = parent;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// docker-compose.yml

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string } | string;
  environment?: Record<string, string | number | boolean | null> | string[];
  depends_on?: Record<string, { condition: string }> | string[];
  healthcheck?: { test: string[] | string };
  ports?: (string | number | { target: number; published?: number | string })[];
  command?: string[] | string;
  entrypoint?: string[] | string;
  volumes?: (string | { source?: string })[];
}

const compose = parseYaml(readRepoFile('docker-compose.yml'), { merge: true }) as { services: Record<string, ComposeService>; volumes?: Record<string, unknown> };
const services = compose.services;

function environmentOf(service: ComposeService): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map((entry) => [entry.split('=')[0], entry.split('=').slice(1).join('=')]));
  }
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value === null ? '' : String(value)]));
}

/** `${NAME}`, `${NAME:-default}`, `${NAME-default}` and friends; `$${...}` is an escaped literal dollar. */
function interpolationsIn(text: string): { name: string; defaultValue?: string }[] {
  return [...text.matchAll(/(?<!\$)\$\{(\w+)(?::?[-?+]([^}]*))?\}/g)].map((m) => ({ name: m[1], defaultValue: m[2] }));
}

/** The value compose would hand the service with none of its variables set in the shell or .env. */
const withDefaults = (value: string): string => value.replace(/(?<!\$)\$\{\w+(?::?-([^}]*))?\}/g, (_, defaultValue?: string) => defaultValue ?? '');

function containerPorts(service: ComposeService): { published?: number; target: number }[] {
  return (service.ports ?? []).map((port) => {
    if (typeof port === 'object') return { target: Number(port.target), published: port.published === undefined ? undefined : Number(port.published) };
    const parts = String(port).split(':');
    return { target: Number(parts[parts.length - 1]), published: parts.length > 1 ? Number(parts[parts.length - 2]) : undefined };
  });
}

/** Every string in the parsed file (comments excluded), keys and values. */
function stringsIn(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(stringsIn);
  if (node && typeof node === 'object') return Object.entries(node).flatMap(([key, value]) => [key, ...stringsIn(value)]);
  return [];
}

const joined = (value: string[] | string | undefined): string => (Array.isArray(value) ? value.join(' ') : (value ?? ''));

/** The databases postgres-init creates: its `for db in ...; do` list. */
const postgresInitDatabases = (joined(services['postgres-init']?.command).match(/for\s+db\s+in\s+([^;]+);/)?.[1] ?? '').trim().split(/\s+/);

// ---------------------------------------------------------------------------------------------------------------

describe('docker-compose.yml', () => {
  it('runs the four services, Kafka, the topic set-up and PostgreSQL', () => {
    for (const name of [...APP_SERVICES, ...INFRASTRUCTURE_SERVICES]) expect(Object.keys(services)).toContain(name);
  });

  it('has a container for every app except those deliberately without one', () => {
    const containerised = appDirs.filter((app) => !NOT_CONTAINERIZED.includes(app));
    expect(containerised.sort()).toEqual([...APP_SERVICES].sort());
    const built = Object.entries(services).filter(([, service]) => service.build).map(([name]) => name);
    expect(built.sort()).toEqual([...APP_SERVICES].sort());
  });

  describe.each(APP_SERVICES)('%s', (app) => {
    const service = services[app];
    const env = environmentOf(service);
    const reads = readsByApp.get(app)!;
    const read = namesReadBy(app);

    it('is built from its own Dockerfile with the repository root as the context', () => {
      expect(typeof service.build).toBe('object');
      const build = service.build as { context: string; dockerfile: string };
      expect(posix.normalize(build.context)).toBe('.');
      expect(build.dockerfile).toBe(`apps/${app}/Dockerfile`);
      expect(existsSync(join(REPO, build.dockerfile))).toBe(true);
    });

    it('starts after PostgreSQL is healthy with the databases made, Kafka is healthy and the topics exist', () => {
      expect(service.depends_on).toMatchObject({
        postgres: { condition: 'service_healthy' },
        'postgres-init': { condition: 'service_completed_successfully' },
        kafka: { condition: 'service_healthy' },
        'kafka-init': { condition: 'service_completed_successfully' },
      });
    });

    it("checks its health on /health at its HTTP port", () => {
      const httpPortVariable = [...read].find((name) => name.endsWith('_HTTP_PORT'))!;
      expect(httpPortVariable).toBeDefined();
      expect(env[httpPortVariable]).toMatch(/^\d+$/);
      expect(joined(service.healthcheck?.test)).toContain(`127.0.0.1:${env[httpPortVariable]}/health`);
    });

    it('sets every variable the service reads, except those left to their defaults on purpose', () => {
      const missing = [...read].filter((name) => !(name in env) && !(name in LEFT_TO_DEFAULTS));
      expect(missing).toEqual([]);
    });

    it('sets no variable the service does not read (no stale or misspelt names)', () => {
      const stale = Object.keys(env).filter((name) => !read.has(name));
      expect(stale).toEqual([]);
    });

    it('passes each variable through under its own name, or a compose-only one', () => {
      for (const [name, value] of Object.entries(env)) {
        for (const { name: interpolated } of interpolationsIn(value)) {
          if (interpolated !== name) expect({ [name]: interpolated, composeOnly: interpolated in COMPOSE_ONLY_VARIABLES }).toEqual({ [name]: interpolated, composeOnly: true });
        }
      }
    });

    it("restates a default only where it equals the code's default", () => {
      for (const [name, value] of Object.entries(env)) {
        const own = interpolationsIn(value).find((interpolation) => interpolation.name === name);
        if (!own?.defaultValue) continue;
        const codeDefault = literalDefault(reads.find((r) => r.name === name)?.line ?? '');
        const composeDefault = own.defaultValue;
        const normalised =
          typeof codeDefault === 'boolean' ? ['true', '1', 'yes', 'on'].includes(composeDefault.toLowerCase())
          : typeof codeDefault === 'number' ? Number(composeDefault)
          : composeDefault;
        // A code default the test cannot read (an expression) must not be restated: use `${NAME:-}` instead.
        expect({ name, default: normalised }).toEqual({ name, default: codeDefault });
      }
    });

    it('connects to the compose Kafka and PostgreSQL', () => {
      expect(env.KAFKA_BROKERS).toBe(environmentOf(services[APP_SERVICES[0]]).KAFKA_BROKERS);
      const advertised = String(environmentOf(services.kafka).KAFKA_ADVERTISED_LISTENERS);
      expect(advertised.split(',').map((listener) => listener.replace(/^\w+:\/\//, ''))).toContain(env.KAFKA_BROKERS);
      const url = new URL(withDefaults(env.DATABASE_URL));
      const postgres = environmentOf(services.postgres);
      expect(url.hostname).toBe('postgres');
      expect(url.username).toBe(postgres.POSTGRES_USER);
      expect(decodeURIComponent(url.password)).toBe(withDefaults(postgres.POSTGRES_PASSWORD));
      expect(postgresInitDatabases).toContain(url.pathname.slice(1));
    });

    it('publishes the ports it must, as set by its variables', () => {
      const ports = containerPorts(service);
      for (const variable of PUBLISHED[app] ?? []) {
        expect(ports).toContainEqual({ target: Number(env[variable]), published: Number(env[variable]) });
      }
      const portValues = Object.entries(env).filter(([name]) => name.endsWith('_PORT')).map(([, value]) => Number(value));
      for (const port of ports) expect(portValues).toContain(port.target);
    });
  });

  it('leaves to their defaults only variables that are read and not set', () => {
    for (const name of Object.keys(LEFT_TO_DEFAULTS)) {
      expect({ name, read: allNamesRead.has(name) }).toEqual({ name, read: true });
      for (const app of APP_SERVICES) expect({ name, app, set: name in environmentOf(services[app]) }).toEqual({ name, app, set: false });
    }
  });

  it('interpolates only variables some config reads, or compose-only ones', () => {
    const interpolated = stringsIn(compose).flatMap(interpolationsIn).map((i) => i.name);
    const unknown = interpolated.filter((name) => !allNamesRead.has(name) && !(name in COMPOSE_ONLY_VARIABLES));
    expect(unknown).toEqual([]);
    for (const name of Object.keys(COMPOSE_ONLY_VARIABLES)) expect(interpolated).toContain(name);
  });

  it('runs Kafka in KRaft mode on one node, without auto-created topics', () => {
    const kafka = services.kafka;
    const env = environmentOf(kafka);
    expect(kafka.image).toMatch(/^apache\/kafka:/);
    expect(env.KAFKA_PROCESS_ROLES.split(',').sort()).toEqual(['broker', 'controller']);
    expect(env.KAFKA_CONTROLLER_QUORUM_VOTERS).toMatch(new RegExp(`^${env.KAFKA_NODE_ID}@kafka:\\d+$`));
    expect(env.KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR).toBe('1');
    expect(env.KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR).toBe('1');
    expect(env.KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe('false');
    expect(kafka.healthcheck).toBeDefined();
  });

  it('creates every topic and dead-letter topic of @syncengage/contracts in kafka-init, and no other', () => {
    const init = services['kafka-init'];
    const script = `${joined(init.entrypoint)} ${joined(init.command)}`;
    const list = script.match(/for\s+topic\s+in\s+([^;]+);/);
    expect(list).not.toBeNull();
    expect(list![1].trim().split(/\s+/).sort()).toEqual([...ALL_TOPICS, ...ALL_DEAD_LETTER_TOPICS].sort());
    expect(script).toContain('kafka-topics.sh');
    expect(script).toMatch(/--create\b/);
    expect(script).toMatch(/--partitions\b/);
    expect(script).toContain(`--bootstrap-server ${environmentOf(services.ingest).KAFKA_BROKERS}`);
    expect(init.depends_on).toMatchObject({ kafka: { condition: 'service_healthy' } });
  });

  it('gives each service a database of its own, made by postgres-init, and makes no other', () => {
    const used = APP_SERVICES.map((app) => new URL(withDefaults(environmentOf(services[app]).DATABASE_URL)).pathname.slice(1));
    expect(new Set(used).size).toBe(APP_SERVICES.length);
    expect([...postgresInitDatabases].sort()).toEqual([...used].sort());
    expect(joined(services['postgres-init'].command)).toContain('CREATE DATABASE');
    expect(services['postgres-init'].depends_on).toMatchObject({ postgres: { condition: 'service_healthy' } });
  });

  it('runs PostgreSQL 16 with pg_isready as its health check and a named volume', () => {
    const postgres = services.postgres;
    expect(postgres.image).toMatch(/^postgres:16\b/);
    expect(joined(postgres.healthcheck?.test)).toContain('pg_isready');
    const volume = String(postgres.volumes?.[0] ?? '').split(':')[0];
    expect(Object.keys(compose.volumes ?? {})).toContain(volume);
  });
});

describe.each(APP_SERVICES)('apps/%s/Dockerfile', (app) => {
  const workspaceName = `@syncengage/${app}`;
  const dockerfile = parseDockerfile(readRepoFile(`apps/${app}/Dockerfile`));
  const finalStage = dockerfile.stages[dockerfile.stages.length - 1];
  const finalCopies = copiesIn(finalStage);
  const runtimeDirs = linkedWorkspaceDirs(workspaceName, false);
  const buildDirs = linkedWorkspaceDirs(workspaceName, true);
  const env = environmentOf(services[app]);

  it('builds on node:20-bookworm-slim with the npm the lockfile names', () => {
    for (const stage of dockerfile.stages) {
      if (!dockerfile.stages.some((other) => other.name === stage.image)) expect(stage.image).toBe('node:20-bookworm-slim');
    }
    const npmVersion = dockerfile.stages.flatMap((s) => s.instructions).find((i) => i.keyword === 'ARG' && i.args.startsWith('NPM_VERSION='));
    expect(`npm@${npmVersion?.args.split('=')[1]}`).toBe(rootPackage.packageManager);
  });

  it('installs from the lockfile and every workspace manifest before any source, for layer caching', () => {
    const manifests = dockerfile.stages.find((stage) => copiesIn(stage).some((copy) => copy.sources.includes('package-lock.json')));
    expect(manifests).toBeDefined();
    const copied = copiesIn(manifests!).flatMap((copy) => copy.sources.map((source) => (source.endsWith('package.json') || source.endsWith('package-lock.json') ? source : `NOT A MANIFEST: ${source}`)));
    expect(copied.sort()).toEqual(['package-lock.json', 'package.json', ...workspaceDirs.map((dir) => `${dir}/package.json`)].sort());
    const ciStages = dockerfile.stages.filter((stage) => runsIn(stage).some((run) => /\bnpm ci\b/.test(run)));
    expect(ciStages.length).toBeGreaterThanOrEqual(2);
    for (const stage of ciStages) expect(ancestry(dockerfile, stage)).toContain(manifests);
  });

  it('installs and builds only its own workspace and what that links', () => {
    const runs = dockerfile.stages.flatMap(runsIn);
    expect(runs).toContainEqual(expect.stringMatching(new RegExp(`npm ci --workspace ${workspaceName} --include-workspace-root(?!=false)`)));
    expect(runs).toContainEqual(expect.stringMatching(new RegExp(`npm ci --workspace ${workspaceName} --include-workspace-root=false --omit=dev`)));
    expect(runs).toContainEqual(expect.stringContaining(`turbo run build --filter=${workspaceName}...`));
    const build = dockerfile.stages.find((stage) => runsIn(stage).some((run) => run.includes('turbo run build')))!;
    const sources = ancestry(dockerfile, build).flatMap(copiesIn).filter((copy) => !copy.from).flatMap((copy) => copy.sources.map(trimSlash));
    for (const dir of [...buildDirs, `apps/${app}`, 'proto', 'tsconfig.base.json', 'turbo.json']) expect(sources).toContain(dir);
  });

  it('ships proto/, production node_modules and the dist of exactly the workspaces it uses', () => {
    expect(finalCopies.filter((copy) => !copy.from).flatMap((copy) => copy.sources.map(trimSlash))).toContain('proto');
    const prodDeps = dockerfile.stages.find((stage) => runsIn(stage).some((run) => run.includes('--omit=dev')))!;
    expect(finalCopies).toContainEqual({ from: prodDeps.name, sources: ['/app/node_modules'], destination: './node_modules' });
    const fromBuild = finalCopies.filter((copy) => copy.from && copy.from !== prodDeps.name).flatMap((copy) => copy.sources.map(trimSlash));
    const expected = [...runtimeDirs, `apps/${app}`].flatMap((dir) => [`${dir}/package.json`, `${dir}/dist`]);
    expect(fromBuild.sort()).toEqual(expected.sort());
  });

  it('ships the models/ folder when the app has one', () => {
    if (!existsSync(join(REPO, 'apps', app, 'models'))) return;
    expect(finalCopies.filter((copy) => !copy.from).flatMap((copy) => copy.sources.map(trimSlash))).toContain(`apps/${app}/models`);
  });

  it("runs as a non-root user the app's start script, from the repository layout", () => {
    const user = finalStage.instructions.filter((i) => i.keyword === 'USER').pop()?.args;
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user!.split(':')[0]);
    expect(finalStage.instructions.filter((i) => i.keyword === 'WORKDIR').pop()?.args).toBe('/app');
    const start = workspaces.get(workspaceName)!.packageJson.scripts?.start?.split(/\s+/) ?? [];
    expect(start[0]).toBe('node');
    const cmd = JSON.parse(finalStage.instructions.filter((i) => i.keyword === 'CMD').pop()!.args) as string[];
    expect(cmd).toEqual(['node', posix.join(`apps/${app}`, start[1])]);
  });

  it('exposes the ports compose uses and checks /health at the HTTP port', () => {
    const exposed = finalStage.instructions.filter((i) => i.keyword === 'EXPOSE').flatMap((i) => i.args.split(/\s+/)).map((port) => Number(port.split('/')[0]));
    const portVariables = Object.keys(env).filter((name) => name.endsWith('_PORT'));
    for (const variable of portVariables) expect(exposed).toContain(Number(env[variable]));
    const healthcheck = finalStage.instructions.find((i) => i.keyword === 'HEALTHCHECK')?.args ?? '';
    const httpPortVariable = portVariables.find((name) => name.endsWith('_HTTP_PORT'))!;
    const codeDefault = literalDefault(readsByApp.get(app)!.find((read) => read.name === httpPortVariable)!.line);
    expect(healthcheck).toContain(`process.env.${httpPortVariable} || ${codeDefault}`);
    expect(healthcheck).toContain('/health');
    expect(healthcheck).toContain('fetch(');
  });
});

describe('.dockerignore', () => {
  it('keeps installed, compiled and downloaded files out of the build context', () => {
    const patterns = readRepoFile('.dockerignore').split('\n').map((line) => line.trim());
    for (const pattern of ['**/node_modules', '**/dist', '**/.turbo', 'packages/testing/kafka-broker/libs', 'reports', '.env']) expect(patterns).toContain(pattern);
  });
});

describe('docs/configuration.md', () => {
  it('documents every variable any config reads', () => {
    const doc = readRepoFile('docs/configuration.md');
    const undocumented = [...allNamesRead].filter((name) => !doc.includes(`\`${name}\``));
    expect(undocumented).toEqual([]);
  });

  it('the scan sees every EnvReader: only config.ts files and the shared settings create or use one', () => {
    const offenders: string[] = [];
    const walk = (relative: string): void => {
      for (const entry of readdirSync(join(REPO, relative), { withFileTypes: true })) {
        const path = `${relative}/${entry.name}`;
        if (entry.isDirectory()) {
          if (!['node_modules', 'dist'].includes(entry.name)) walk(path);
        } else if (entry.name.endsWith('.ts') && !/\.(spec|test)\.ts$/.test(entry.name)) {
          const source = readRepoFile(path);
          const scanned = /^apps\/[^/]+\/src\/config\.ts$/.test(path) || path === SHARED_SETTINGS || path.startsWith('packages/config/src/');
          if (!scanned && (/new EnvReader\(/.test(source) || /\breadInfrastructure\(/.test(source.replace(/import[^;]+;/g, '')))) offenders.push(path);
        }
      }
    };
    for (const root of ['apps', 'packages']) walk(root);
    expect(offenders).toEqual([]);
  });
});
