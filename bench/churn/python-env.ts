import { spawnSync } from 'node:child_process';

export const SKLEARN_INSTALL_COMMAND = 'apt-get install -y python3-sklearn python3-pandas';

export type PythonCheck = { isUsable: true; versions: string } | { isUsable: false; problem: string };

/** Whether `python` can run the scikit-learn baseline (numpy, pandas, scikit-learn importable). */
export function checkPython(python: string): PythonCheck {
  const probe = spawnSync(python, ['-c', 'import numpy, pandas, sklearn, platform; print(f"python {platform.python_version()}, scikit-learn {sklearn.__version__}, pandas {pandas.__version__}, numpy {numpy.__version__}")'], { encoding: 'utf8' });
  if (probe.error) return { isUsable: false, problem: `${python} cannot be run (${probe.error.message})` };
  if (probe.status !== 0) return { isUsable: false, problem: `${python} cannot import scikit-learn/pandas: ${probe.stderr.trim().split('\n').pop()}` };
  return { isUsable: true, versions: probe.stdout.trim() };
}

export function missingSklearnMessage(problem: string): string {
  const bar = '!'.repeat(100);
  return `\n${bar}\n!! ${problem}\n!! Install scikit-learn and pandas with:\n!!   ${SKLEARN_INSTALL_COMMAND}\n!! Skipping the parts that compare with scikit-learn.\n${bar}\n`;
}
