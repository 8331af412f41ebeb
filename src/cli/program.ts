import { Command, Option } from 'commander';
import { VERSION } from '../version';
import type { GlobalFlags } from './session';

type Flags = GlobalFlags & Record<string, unknown>;
// biome-ignore lint/suspicious/noExplicitAny: each action takes its own positionals, then the flags.
type Loader = () => Promise<(...args: any[]) => Promise<void>>;

/** Options that every panel command takes, shown in full in `virtfusion --help`. */
function globalOptions(grouped: boolean): Option[] {
  const options = [
    new Option('--url <url>', 'panel URL (default: $VIRTFUSION_URL or the profile)'),
    new Option('--token <token>', 'API token (default: $VIRTFUSION_TOKEN or the profile; prefer those, a flag shows in the process list)'),
    new Option('--profile <name>', 'a profile saved with virtfusion login (default: $VIRTFUSION_PROFILE, then the default profile)'),
    new Option('--timeout <duration>', 'per request, such as 30s (default 30s)'),
    new Option('--retries <n>', 'retries of idempotent requests after network errors, 429 and 5xx (default 3)'),
    new Option('--allow-http', 'allow a plain http:// panel URL other than localhost (the token then crosses the network unencrypted)'),
    new Option('-v, --verbose', 'log each request (route, status, time) to standard error'),
    ...outputOptions(false),
  ];
  return grouped ? options.map((o) => o.helpGroup('Global options:')) : options;
}

function outputOptions(grouped: boolean): Option[] {
  const options = [
    new Option('--json', 'print one JSON document (errors: the SDK error envelope on standard error)'),
    new Option('--ndjson', 'print one JSON line per record, streamed'),
    new Option('-q, --quiet', 'print ids only (or nothing), no progress'),
  ];
  return grouped ? options.map((o) => o.helpGroup('Output options:')) : options;
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** Root flags first, then the command's own: the ones given after the command win. */
function flagsOf(command: Command): Flags {
  const chain: Command[] = [];
  for (let c: Command | null = command; c !== null; c = c.parent) chain.unshift(c);
  return Object.assign({}, ...chain.map((c) => c.opts())) as Flags;
}

/** A command whose action module loads only when it runs. */
function lazy(command: Command, load: Loader): Command {
  return command.action(async (...args: unknown[]) => {
    const self = args.at(-1) as Command;
    const positionals = args.slice(0, -2);
    const run = await load();
    await run(...positionals, flagsOf(self));
  });
}

function examples(lines: string[]): string {
  return `\nExamples:\n${lines.map((line) => `  ${line}`).join('\n')}\n`;
}

function panelCommand(parent: Command, nameAndArgs: string, description: string, example: string[]): Command {
  const command = parent.command(nameAndArgs).description(description);
  for (const option of globalOptions(true)) command.addOption(option);
  command.addHelpText('after', examples(example));
  return command;
}

export function buildProgram(): Command {
  const program = new Command('virtfusion')
    .description('The VirtFusion API from the command line: servers, users, catalogue, any route, webhooks and a local emulator.')
    .version(VERSION, '-V, --version')
    .enablePositionalOptions()
    .showSuggestionAfterError(true)
    .configureHelp({ sortSubcommands: false });
  for (const option of globalOptions(false)) program.addOption(option);
  program.addHelpText(
    'after',
    `
The panel and token come from --url/--token, a --profile, the environment (VIRTFUSION_URL or
VIRTFUSION_API_URL or VIRTFUSION_HOST; VIRTFUSION_TOKEN or VIRTFUSION_API_TOKEN), or the default
profile in $XDG_CONFIG_HOME/virtfusion/config.json (virtfusion login).

Exit codes: 0 ok, 1 unexpected, 2 usage or validation, 3 authentication or permission,
4 not found, 5 conflict or locked, 6 rate limited, 7 panel or network failure, 130 interrupted.
${examples([
  'virtfusion login --profile prod',
  'virtfusion servers list --limit 20',
  "virtfusion call 'GET /servers/{serverId}' serverId=42 --query remoteState=true",
  'virtfusion servers power restart 42 --wait',
  'virtfusion routes backup',
])}`,
  );

  lazy(
    panelCommand(program, 'call <route...>', 'call any route of the API: "METHOD /path" then key=value path or query parameters', [
      "virtfusion call 'GET /servers/{serverId}' serverId=42 --query remoteState=true",
      'virtfusion call GET /servers/42',
      "virtfusion call 'PUT /servers/{serverId}/modify/name' serverId=42 --body '{\"name\":\"web-1\"}'",
      "virtfusion call 'POST /servers' --body @server.json",
      "virtfusion call 'GET /servers' results=50 hypervisorId=1 hypervisorId=2 --ndjson",
    ])
      .alias('request')
      .option('--query <key=value>', 'a query parameter (repeatable; repeat a key for a list)', collect)
      .option('--path <key=value>', 'a path parameter (repeatable; also accepted as a bare key=value)', collect)
      .option('--body <json>', 'the request body: JSON text, @file, or - for standard input'),
    async () => (await import('./actions/call')).call,
  );
  const routes = program.command('routes [filter...]').description('list the routes of the API, or those containing the filter text');
  for (const option of outputOptions(true)) routes.addOption(option);
  routes.addHelpText('after', examples(['virtfusion routes', 'virtfusion routes power', 'virtfusion routes --ndjson | jq -r .route']));
  lazy(routes, async () => (await import('./actions/call')).routes);

  const login = program.command('login').description('save a panel URL and token as a profile, after checking them with GET /connect');
  login
    .option('--profile <name>', 'the profile to write (default: "default")')
    .option('--url <url>', 'the panel URL (asked when left out)')
    .option('--default', 'make this the default profile')
    .option('--allow-http', 'allow a plain http:// panel URL other than localhost')
    .addHelpText('after', `${examples(['virtfusion login --profile prod', 'printf "%s\\n%s\\n" "$URL" "$TOKEN" | virtfusion login --profile ci'])}\nThe token is asked without echo (or read from the second line of standard input), never\ntaken from a flag. The file is written with mode 0600.\n`);
  for (const option of outputOptions(true)) login.addOption(option);
  lazy(login, async () => (await import('./actions/login')).login);

  addServers(program);
  addUsers(program);

  const packages = program.command('packages').description('server packages (plans)');
  lazy(panelCommand(packages, 'list', 'list the packages', ['virtfusion packages list', 'virtfusion packages list --json']).option('--limit <n>', 'at most n packages'), async () => (await import('./actions/catalog')).packages);
  lazy(
    panelCommand(program, 'templates <packageId>', 'list the OS templates a server of the package can be built with', ['virtfusion templates 1', 'virtfusion templates 1 --ndjson | jq .id']).option('--limit <n>', 'at most n templates'),
    async () => (await import('./actions/catalog')).templates,
  );
  const hypervisors = program.command('hypervisors').description('hypervisors (nodes)');
  lazy(panelCommand(hypervisors, 'list', 'list every hypervisor, page after page', ['virtfusion hypervisors list']).option('--limit <n>', 'at most n hypervisors'), async () => (await import('./actions/catalog')).hypervisors);
  const groups = program.command('groups').description('hypervisor groups (where servers are placed)');
  lazy(panelCommand(groups, 'list', 'list every hypervisor group', ['virtfusion groups list']).option('--limit <n>', 'at most n groups'), async () => (await import('./actions/catalog')).groups);
  const queue = program.command('queue').description("the panel's background tasks");
  lazy(
    panelCommand(queue, 'wait <queueId>', 'wait until a queued task ends (exit 7 when it failed)', ['virtfusion queue wait 812', 'virtfusion queue wait 812 --wait-timeout 5m']).option('--wait-timeout <duration>', 'give up after this long (default 10m)'),
    async () => (await import('./actions/catalog')).queueWait,
  );

  lazy(
    panelCommand(program, 'provision <file>', 'create every server of a provisioning file (talis format or ours); safe to run again', [
      'virtfusion provision cluster.json --owner 1042',
      'virtfusion provision talis.json --owner 1042 --region 2 --skip-other-providers',
      'virtfusion provision cluster.json --owner 1042 --parallel 10',
      'virtfusion provision cluster.json --owner 1042 --json > servers.json',
      'cat cluster.json | virtfusion provision - --owner 1042 --ndjson',
    ])
      .option('--owner <extRelationId>', 'the panel user (your external id) who owns every server of the file')
      .option('--plan <packageId>', 'the package of talis entries (default: the one their package or size names, else the smallest that fits their memory, cpu and disk)')
      .option('--region <groupId>', 'the hypervisor group of talis entries whose region names none here (talis takes it from its environment)')
      .option('--skip-other-providers', 'skip talis entries for other providers (do…) with a note instead of refusing the file')
      .option('--interval <duration>', 'time between two reads of the builds (default: a third of the expected build time, 20s at first)')
      .option('--wait-timeout <duration>', 'give up on a build after this long (default 15m)')
      .option('--parallel <n>', 'servers created at once (default 1); their builds are watched together'),
    async () => (await import('./actions/provision')).provision,
  );
  lazy(
    panelCommand(program, 'reconcile', 'compare your records of servers with the panel and print the drift', [
      'virtfusion reconcile --local records.json',
      `my-db-export | virtfusion reconcile --local - --ndjson | jq 'select(.kind == "missing")'`,
    ])
      .option('--local <file>', 'your records: a JSON array, or NDJSON; - for standard input')
      .option('--owner-by <field>', 'what your ownerRef holds: extRelationId (default) or relStr')
      .option('--all', 'list matching servers too'),
    async () => (await import('./actions/reconcile')).reconcile,
  );

  const webhooks = program.command('webhooks').description('receive webhooks');
  const listen = webhooks
    .command('listen')
    .description('a local receiver that verifies each delivery and prints it, until Ctrl+C')
    .option('--port <port>', 'TCP port (default 8080; 0 picks a free one)')
    .option('--host <address>', 'address to listen on (default 127.0.0.1)')
    .option('--token <token>', 'the token set on the webhook in the panel (default: $VIRTFUSION_WEBHOOK_TOKEN)')
    .option('--path <path>', 'only this path (default: any)');
  for (const option of outputOptions(true)) listen.addOption(option);
  listen.addHelpText('after', examples(['virtfusion webhooks listen --port 8080 --token "$HOOK_TOKEN"', 'virtfusion webhooks listen --ndjson | jq .event']));
  // Only this command's own --token: the API token of the root flags is another secret.
  listen.action(async (_options: unknown, self: Command) => {
    const { listen: run } = await import('./actions/webhooks');
    const root = program.opts<Flags>();
    await run({ json: root.json, ndjson: root.ndjson, quiet: root.quiet, ...self.opts() });
  });

  program
    .command('emulator')
    .description('run a local VirtFusion emulator (virtfusion emulator --help for its options)')
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments();

  lazy(
    program.command('completion <shell>').description('print a completion script for bash, zsh or fish').addHelpText('after', examples(['source <(virtfusion completion bash)', 'virtfusion completion zsh > "${fpath[1]}/_virtfusion"', 'virtfusion completion fish > ~/.config/fish/completions/virtfusion.fish'])),
    async () => {
      const { completion } = await import('./actions/completion');
      return async (shell: string) => completion(shell, program);
    },
  );
  return program;
}

function addServers(program: Command): void {
  const servers = program.command('servers').description('servers: list, inspect, create, build, power, suspend, delete, wait');
  const load = async () => import('./actions/servers');
  lazy(
    panelCommand(servers, 'list', 'list every server, page after page (or the first --limit)', ['virtfusion servers list', 'virtfusion servers list --limit 10 --json', 'virtfusion servers list --hypervisor 3 --ndjson | jq .id'])
      .option('--limit <n>', 'at most n servers')
      .option('--hypervisor <id>', 'only servers on this hypervisor (repeatable)', collect)
      .option('--full', 'whole server records (for --json/--ndjson)'),
    async () => (await load()).list,
  );
  lazy(
    panelCommand(servers, 'get <serverId>', 'show one server', ['virtfusion servers get 42', 'virtfusion servers get 42 --json | jq .state']).option('--remote-state', 'add the live state from the hypervisor (slower)'),
    async () => (await load()).get,
  );
  lazy(
    panelCommand(servers, 'create', 'allocate a server from a package (then build it)', [
      'virtfusion servers create --package 1 --owner 1042 --group 1',
      'virtfusion servers create --package 1 --user 7 --group 1 --memory 2048 --ipv4 1',
      'virtfusion servers create --body @server.json --dry-run',
    ])
      .option('--package <id>', 'package (plan) id')
      .option('--user <id>', "owner's panel user id")
      .option('--owner <extRelationId>', "owner's external id (looked up)")
      .option('--group <id>', 'hypervisor group id')
      .option('--ipv4 <n>', 'number of IPv4 addresses')
      .option('--memory <mb>', 'memory in MB')
      .option('--cpu <cores>', 'CPU cores')
      .option('--storage <gb>', 'primary disk in GB')
      .option('--traffic <gb>', 'monthly traffic in GB (0 unlimited)')
      .option('--network-profile <id>', 'network profile id')
      .option('--body <json>', 'more fields of POST /servers: JSON text, @file or -')
      .option('--dry-run', 'let the panel validate only'),
    async () => (await load()).create,
  );
  lazy(
    panelCommand(servers, 'build <serverId>', 'install the OS; prints the root password once', [
      'virtfusion servers build 42 --os 46 --hostname web-1 --wait',
      'virtfusion servers build 42 --os 46 --ssh-key 3 --json',
    ])
      .option('--os <templateId>', 'OS template id (virtfusion templates <packageId>)')
      .option('--hostname <name>', 'host name inside the guest')
      .option('--name <name>', 'display name')
      .option('--ssh-key <id>', "an SSH key id of the owner (repeatable)", collect)
      .option('--vnc', 'turn the VNC console on')
      .option('--ipv6', 'assign IPv6')
      .option('--email', 'email the details to the owner')
      .option('--body <json>', 'more fields of the build request: JSON text, @file or -')
      .option('--wait', 'wait until the build completes')
      .option('--wait-timeout <duration>', 'with --wait: give up after this long (default 15m)')
      .option('--interval <duration>', 'with --wait: time between two reads (default: a third of the expected build time, 20s at first)'),
    async () => (await load()).build,
  );
  lazy(
    panelCommand(servers, 'delete <serverId>', 'delete a server (asks first on a terminal)', ['virtfusion servers delete 42 --yes', 'virtfusion servers delete 42 --delay 60 --yes'])
      .option('--delay <minutes>', 'delete after this many minutes (0-43800)')
      .option('-y, --yes', 'do not ask'),
    async () => (await load()).remove,
  );
  lazy(
    panelCommand(servers, 'power <action> <serverId>', 'boot, shutdown, restart or poweroff a server', ['virtfusion servers power restart 42', 'virtfusion servers power boot 42 --wait'])
      .option('--wait', 'wait until the queued task ends')
      .option('--wait-timeout <duration>', 'with --wait: give up after this long (default 10m)'),
    async () => (await load()).power,
  );
  for (const kind of ['suspend', 'unsuspend'] as const) {
    lazy(panelCommand(servers, `${kind} <serverId>`, `${kind} a server`, [`virtfusion servers ${kind} 42`]), async () => {
      const { suspension } = await load();
      return async (id: string, flags: Flags) => suspension(kind, id, flags);
    });
  }
  lazy(
    panelCommand(servers, 'wait <serverId>', 'wait until the build of a server completes (exit 7 when it failed)', ['virtfusion servers wait 42', 'virtfusion servers wait 42 --wait-timeout 20m --interval 10s'])
      .option('--wait-timeout <duration>', 'give up after this long (default 15m)')
      .option('--interval <duration>', 'time between two reads (default: a third of the expected build time, 20s at first)'),
    async () => (await load()).wait,
  );
}

function addUsers(program: Command): void {
  const users = program.command('users').description('panel users, found by your external id');
  const load = async () => import('./actions/users');
  lazy(
    panelCommand(users, 'ensure', 'the user with this external id, created when missing (safe to repeat)', [
      'virtfusion users ensure --ext 1042 --name "Ada Lovelace" --email ada@example.com',
      'virtfusion users ensure --rel-str cust-42 --name Ada --email ada@example.com --json',
    ])
      .option('--ext <extRelationId>', 'your numeric id of the user')
      .option('--rel-str <id>', 'your string id of the user')
      .option('--name <name>', 'name, when created')
      .option('--email <email>', 'email, when created')
      .option('--send-mail', 'email the login details, when created'),
    async () => (await load()).ensure,
  );
  lazy(
    panelCommand(users, 'get <key>', 'show a user by your external id', ['virtfusion users get 1042', 'virtfusion users get cust-42 --rel-str']).option('--rel-str', 'the key is your string id (relStr)'),
    async () => (await load()).get,
  );
  lazy(
    panelCommand(users, 'login-url <key>', 'a single sign-on link to the panel (valid about a minute)', ['virtfusion users login-url 1042', 'virtfusion users login-url 1042 --server 42'])
      .option('--rel-str', 'the key is your string id (relStr)')
      .option('--server <serverId>', "open this server's page"),
    async () => (await load()).loginUrl,
  );
}
