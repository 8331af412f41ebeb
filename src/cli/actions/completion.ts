import type { Command, Option } from 'commander';
import { UsageError } from '../errors';

interface Node {
  path: string;
  subcommands: string[];
  options: string[];
  descriptions: Record<string, string>;
}

/** Every command path with its subcommands and options, from the program itself. */
function walk(command: Command, prefix: string[] = []): Node[] {
  const subcommands = command.commands.filter((c) => !(c as unknown as { _hidden?: boolean })._hidden);
  const node: Node = {
    path: prefix.join(' '),
    subcommands: subcommands.map((c) => c.name()),
    options: (command.options as readonly Option[]).flatMap((o) => [o.long, o.short].filter((flag): flag is string => typeof flag === 'string')),
    descriptions: Object.fromEntries(subcommands.map((c) => [c.name(), c.description()])),
  };
  if (prefix.length === 0) node.options.push('--help', '--version');
  else node.options.push('--help');
  return [node, ...subcommands.flatMap((c) => walk(c, [...prefix, c.name()]))];
}

const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

function bash(nodes: Node[]): string {
  const cases = nodes.map((n) => `    ${quote(n.path)}) words=${quote([...n.subcommands, ...n.options].join(' '))} ;;`).join('\n');
  return `# virtfusion completion for bash: source <(virtfusion completion bash)
_virtfusion() {
  local cur cmdpath="" word words i
  cur="\${COMP_WORDS[COMP_CWORD]}"
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    [[ "$word" == -* ]] && continue
    if _virtfusion_has "\${cmdpath:+$cmdpath }$word"; then cmdpath="\${cmdpath:+$cmdpath }$word"; fi
  done
  case "$cmdpath" in
${cases}
    *) words="" ;;
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
_virtfusion_has() {
  case "$1" in
${nodes.filter((n) => n.path !== '').map((n) => `    ${quote(n.path)}) return 0 ;;`).join('\n')}
  esac
  return 1
}
complete -o default -F _virtfusion virtfusion
`;
}

function zsh(nodes: Node[]): string {
  const branch = (n: Node) => {
    const entries = n.subcommands.map((sub) => quote(`${sub}:${n.descriptions[sub] ?? ''}`)).join(' ');
    const subs = n.subcommands.length > 0 ? `local -a cmds; cmds=(${entries}); _describe 'command' cmds; ` : '';
    return `    ${quote(n.path)}) ${subs}compadd -- ${n.options.join(' ')} ;;`;
  };
  return `#compdef virtfusion
# virtfusion completion for zsh: virtfusion completion zsh > "\${fpath[1]}/_virtfusion"
_virtfusion() {
  local cmdpath="" word i
  for ((i = 2; i < CURRENT; i++)); do
    word="\${words[i]}"
    [[ "$word" == -* ]] && continue
    case "\${cmdpath:+$cmdpath }$word" in
${nodes.filter((n) => n.path !== '').map((n) => `      ${quote(n.path)}) cmdpath="\${cmdpath:+$cmdpath }$word" ;;`).join('\n')}
    esac
  done
  case "$cmdpath" in
${nodes.map(branch).join('\n')}
  esac
}
compdef _virtfusion virtfusion
`;
}

function fish(nodes: Node[]): string {
  const lines = ['# virtfusion completion for fish: virtfusion completion fish > ~/.config/fish/completions/virtfusion.fish', 'complete -c virtfusion -f'];
  for (const node of nodes) {
    const depth = node.path === '' ? [] : node.path.split(' ');
    const condition = depth.length === 0 ? '__fish_use_subcommand' : `__fish_seen_subcommand_from ${depth.at(-1)}`;
    for (const sub of node.subcommands) {
      lines.push(`complete -c virtfusion -n ${quote(condition)} -a ${sub} -d ${quote(node.descriptions[sub] ?? '')}`);
    }
    for (const option of node.options.filter((o) => o.startsWith('--'))) {
      lines.push(`complete -c virtfusion -n ${quote(condition)} -l ${option.slice(2)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** `completion bash|zsh|fish`: a static script made from the command tree. */
export async function completion(shell: string, program: Command): Promise<void> {
  const nodes = walk(program);
  const script = shell === 'bash' ? bash(nodes) : shell === 'zsh' ? zsh(nodes) : shell === 'fish' ? fish(nodes) : undefined;
  if (script === undefined) throw new UsageError(`completion takes bash, zsh or fish (got ${JSON.stringify(shell)})`);
  process.stdout.write(script);
}
