import { readFile } from 'node:fs/promises';
import { VirtFusion } from '../client';
import { isInputValidationError, isVirtFusionError } from '../core/guards';
import { OPERATIONS, type Route } from '../generated/operations';
import { VERSION } from '../version';
import { UsageError, keyValues, parseArgs } from './args';
import { runEmulatorCommand } from './emulator-command';

const HELP = `virtfusion ${VERSION}: the VirtFusion API from the command line

Usage:
  virtfusion request "<METHOD> <path>" [--path k=v]... [--query k=v]... [--body JSON|@file|-]
  virtfusion routes [text]         list the routes, optionally only those containing text
  virtfusion emulator [--port 4010] [--seed default]   run a local VirtFusion emulator (--help for options)
  virtfusion --version | --help

The panel and token come from VIRTFUSION_URL (or VIRTFUSION_API_URL, VIRTFUSION_HOST)
and VIRTFUSION_TOKEN (or VIRTFUSION_API_TOKEN). Answers are printed as JSON.

Examples:
  virtfusion request "GET /servers/{serverId}" --path serverId=42
  virtfusion request "GET /servers" --query results=50 --query hypervisorId=1 --query hypervisorId=2
  virtfusion request "PUT /servers/{serverId}/modify/name" --path serverId=42 --body '{"name":"web-1"}'
`;

async function readBody(source: string): Promise<unknown> {
  let text = source;
  if (source === '-') {
    const chunks: Uint8Array[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Uint8Array);
    text = new TextDecoder().decode(Buffer.concat(chunks));
  } else if (source.startsWith('@')) {
    text = await readFile(source.slice(1), 'utf8');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new UsageError('--body must be JSON, @file holding JSON, or - to read JSON from standard input');
  }
}

async function main(argv: readonly string[]): Promise<number> {
  if (argv[0] === 'emulator') return runEmulatorCommand(argv.slice(1));
  const args = parseArgs(argv);
  const [command, ...rest] = args.positionals;
  if (args.flags.has('version')) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (args.flags.has('help') || command === undefined || command === 'help') {
    process.stdout.write(HELP);
    return command === undefined && !args.flags.has('help') ? 2 : 0;
  }
  if (command === 'routes') {
    const filter = rest.join(' ').toLowerCase();
    for (const [route, info] of Object.entries(OPERATIONS)) {
      if (filter === '' || route.toLowerCase().includes(filter) || info.operationId.toLowerCase().includes(filter)) {
        process.stdout.write(`${route.padEnd(80)} ${info.operationId}${info.since ? ` (since ${info.since})` : ''}\n`);
      }
    }
    return 0;
  }
  if (command === 'request') {
    const route = rest.join(' ').trim();
    if (route === '') throw new UsageError('request needs a route such as "GET /servers/{serverId}"');
    const vf = VirtFusion.fromEnv();
    const body = args.options.get('body')?.[0];
    const timeout = args.options.get('timeout')?.[0];
    const options = {
      path: keyValues(args.options.get('path'), 'path'),
      query: keyValues(args.options.get('query'), 'query'),
      ...(body === undefined ? {} : { body: await readBody(body) }),
      ...(timeout === undefined ? {} : { timeout: Number(timeout) }),
    };
    const result = await vf.request(route as Route, options as never);
    if (result !== undefined) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  }
  throw new UsageError(`unknown command ${JSON.stringify(command)}`);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`virtfusion: ${error.message}\nRun virtfusion --help for usage.\n`);
      process.exitCode = 2;
    } else if (isVirtFusionError(error)) {
      process.stderr.write(`virtfusion: ${error.message}\n`);
      process.exitCode = isInputValidationError(error) || error.code === 'configuration_error' ? 2 : 1;
    } else {
      process.stderr.write(`virtfusion: unexpected failure: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    }
  },
);
