import { VERSION } from '../version';

// `--version` answers before anything else loads: the startup benchmark holds it under 2x `node -e ""`.
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${VERSION}\n`);
} else {
  void import('./main').then(({ main }) => main(argv));
}
