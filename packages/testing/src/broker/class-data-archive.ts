import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { INSTALL_CACHE_DIR, installFingerprint } from './install-cache';

/**
 * A JVM class-data-sharing archive of the classes the broker loads. Mapping it instead of loading thousands
 * of classes from 57 jars cut broker start by 1.5-2 s on a 2-core machine (3.2 s to 1.4 s when idle). The
 * first broker of a machine records it at exit; later ones map it. The file is specific to the java binary
 * and the jars, so its name is a hash of both; a JVM that cannot use an archive ignores it and starts slower.
 * CI does not record: a fresh checkout starts one broker per run, so the recording would never be used.
 */
export interface ClassDataArchive {
  /** For the broker JVM: map the archive, or record one when it exits. */
  brokerJvmArgs: string[];
  /** For short-lived tools (StorageTool): map the archive if there is one, never record. */
  toolJvmArgs: string[];
  /** Recording makes the broker's exit take seconds longer (8 s seen on a loaded 2-core machine). */
  isRecording: boolean;
  /** After the broker JVM has exited: keep a new recording only if the broker ran fully and stopped cleanly. */
  settle(isRecordingComplete: boolean): void;
}

// Older JVMs (before 13) lack ArchiveClassesAtExit; ignore the flag there rather than fail to start.
const COMPATIBILITY_ARGS = ['-XX:+IgnoreUnrecognizedVMOptions'];
// Recording prints one warning per class it skips (hundreds of lines); they say nothing about the broker.
const QUIET_RECORDING_ARGS = ['-Xlog:cds=off,cds+dynamic=off'];

export function prepareClassDataArchive(javaBinary: string, classpath: string[], env: NodeJS.ProcessEnv = process.env): ClassDataArchive {
  const archivePath = join(INSTALL_CACHE_DIR, `kafka-${installFingerprint(javaBinary, classpath)}.jsa`);
  if (isNonEmptyFile(archivePath)) {
    const mapArgs = [...COMPATIBILITY_ARGS, `-XX:SharedArchiveFile=${archivePath}`];
    return { brokerJvmArgs: mapArgs, toolJvmArgs: mapArgs, isRecording: false, settle: () => undefined };
  }
  if (env.CI) return { brokerJvmArgs: [], toolJvmArgs: [], isRecording: false, settle: () => undefined };
  mkdirSync(INSTALL_CACHE_DIR, { recursive: true });
  // Written under a private name, moved into place whole: brokers started in parallel may record at once.
  const recordingPath = `${archivePath}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  return {
    brokerJvmArgs: [...COMPATIBILITY_ARGS, ...QUIET_RECORDING_ARGS, `-XX:ArchiveClassesAtExit=${recordingPath}`],
    toolJvmArgs: [],
    isRecording: true,
    settle(isRecordingComplete) {
      if (isRecordingComplete && isNonEmptyFile(recordingPath)) {
        removeArchivesOtherThan(archivePath);
        renameSync(recordingPath, archivePath);
      } else {
        rmSync(recordingPath, { force: true });
      }
    },
  };
}

function isNonEmptyFile(path: string): boolean {
  try {
    return statSync(path).size > 0;
  } catch {
    return false;
  }
}

/** Archives of older jars or JDKs are ~45 MB each and can never be mapped again. */
function removeArchivesOtherThan(keep: string): void {
  for (const file of readdirSync(INSTALL_CACHE_DIR)) {
    const path = join(INSTALL_CACHE_DIR, file);
    if (path !== keep && /^kafka-[0-9a-f]{16}\.jsa$/.test(file)) rmSync(path, { force: true });
  }
}
