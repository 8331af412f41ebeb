// dist/ is trusted only when dist/.build-stamp.json, written last by a finished build, holds the
// content hash of today's build inputs and every file it lists is there with its size. Content,
// not modification times: a checkout or a copy rewrites times but not bytes.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const STAMP = join('dist', '.build-stamp.json');
const INPUT_FOLDERS = ['src'];
const INPUT_FILES = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsup.config.ts'];

function filesUnder(folder) {
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) found.push(path);
    }
  };
  walk(folder);
  return found;
}

const posix = (root, path) => relative(root, path).split(sep).join('/');

/** The hash of every build input: the sources, the package and lock files, the compiler and bundler settings. */
export function inputsHash(root = ROOT) {
  const files = [
    ...INPUT_FOLDERS.filter((folder) => statSync(join(root, folder), { throwIfNoEntry: false })?.isDirectory()).flatMap((folder) => filesUnder(join(root, folder))),
    ...INPUT_FILES.map((name) => join(root, name)).filter((path) => statSync(path, { throwIfNoEntry: false })?.isFile()),
  ]
    .map((path) => posix(root, path))
    .sort();
  const hash = createHash('sha256');
  for (const path of files) {
    const content = readFileSync(join(root, path));
    hash.update(`${path}\0${content.length}\0`).update(content);
  }
  return hash.digest('hex');
}

/** Records that dist/ is complete and built from today's inputs. Call last, after the bundler finished. */
export function writeStamp(root = ROOT) {
  const files = Object.fromEntries(filesUnder(join(root, 'dist')).map((path) => [posix(root, path), statSync(path).size]).sort(([a], [b]) => (a < b ? -1 : 1)));
  writeFileSync(join(root, STAMP), `${JSON.stringify({ inputs: inputsHash(root), files }, null, 2)}\n`);
}

/** Why dist/ cannot be used as it is, or undefined when it is fresh and whole. */
export function staleReason(root = ROOT) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(join(root, STAMP), 'utf8'));
  } catch {
    return statSync(join(root, 'dist'), { throwIfNoEntry: false }) ? 'dist/ has no build stamp (an interrupted or older build)' : 'dist/ is missing';
  }
  if (stamp === null || typeof stamp.inputs !== 'string' || typeof stamp.files !== 'object' || stamp.files === null) return 'dist/.build-stamp.json is unreadable';
  for (const [path, size] of Object.entries(stamp.files)) {
    const found = statSync(join(root, path), { throwIfNoEntry: false });
    if (found?.size !== size) return `${path} is ${found ? 'not the file the build wrote' : 'missing'}`;
  }
  if (stamp.inputs !== inputsHash(root)) return 'the sources changed since dist/ was built';
  return undefined;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const command = process.argv[2];
  if (command === 'write') writeStamp();
  else if (command === 'check') {
    const reason = staleReason();
    process.stdout.write(reason === undefined ? 'dist/ is up to date\n' : `${reason}\n`);
    process.exitCode = reason === undefined ? 0 : 1;
  } else {
    process.stderr.write('usage: node scripts/build-stamp.mjs check|write\n');
    process.exitCode = 2;
  }
}
