import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { cp, mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { INSTALL_CACHE_DIR } from './install-cache';

export interface StorageFormatRequest {
  java: string;
  jvmArgs: string[];
  propertiesPath: string;
  /** The `log.dirs` of the properties file. */
  dataDir: string;
  /** Identifies everything the formatted files depend on: the Kafka install and the server properties. */
  templateKey: string;
}

/**
 * Formats a KRaft log directory. Formatting only writes meta.properties and bootstrap.checkpoint, which do not
 * depend on ports or paths, yet running StorageTool costs a JVM start (0.7-2 s). So the first format of a
 * template key is kept and later brokers get a copy. They then share a cluster id, which is harmless: they
 * never meet.
 */
export async function formatStorage(request: StorageFormatRequest): Promise<void> {
  const templateDir = join(INSTALL_CACHE_DIR, `storage-${request.templateKey}`);
  if (await exists(join(templateDir, 'meta.properties'))) {
    await cp(templateDir, request.dataDir, { recursive: true });
    return;
  }
  await runStorageTool(request);
  await keepAsTemplate(request.dataDir, templateDir);
}

async function runStorageTool({ java, jvmArgs, propertiesPath }: StorageFormatRequest): Promise<void> {
  const args = [...jvmArgs, 'kafka.tools.StorageTool', 'format', '--cluster-id', newClusterId(), '--config', propertiesPath];
  try {
    await promisify(execFile)(java, args, { timeout: 60_000 });
  } catch (error) {
    // The error's own message repeats the whole command line, classpath included; the tool's output says why.
    const { code, signal, stdout, stderr } = error as { code?: number | string; signal?: string; stdout?: string; stderr?: string };
    throw new Error(`Formatting the Kafka storage failed (exit ${code ?? signal}):\n${`${stdout ?? ''}${stderr ?? ''}`.trim()}`, { cause: error });
  }
}

/** Copied under a private name and renamed whole, so a broker starting in parallel never copies half of it. */
async function keepAsTemplate(dataDir: string, templateDir: string): Promise<void> {
  const staging = `${templateDir}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  await mkdir(INSTALL_CACHE_DIR, { recursive: true });
  await cp(dataDir, staging, { recursive: true });
  // Another process may have kept the same template meanwhile; theirs is as good as ours.
  await rename(staging, templateDir).catch(() => rm(staging, { recursive: true, force: true }));
}

/** Kafka's cluster ids are 16 random bytes in URL-safe base64; one starting with '-' would read as a CLI flag. */
function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
