import { createServer } from 'node:http';
import type { WebhookEvent } from '../../webhooks/event-types';
import { createWebhookReceiver } from '../../webhooks/receiver';
import { toNodeHandler } from '../../webhooks/node-handler';
import { parseCount } from '../durations';
import { UsageError } from '../errors';
import { interruptSignal } from '../interrupt';
import { outputFor, type GlobalFlags } from '../session';

export interface ListenFlags extends Omit<GlobalFlags, 'token'> {
  port?: string;
  host?: string;
  token?: string;
  path?: string;
}

function summary(event: WebhookEvent): string {
  const data = event.data as { server?: { id?: unknown; name?: unknown }; user?: { id?: unknown; extRelationId?: unknown } };
  const parts: string[] = [];
  if (data.server?.id !== undefined) parts.push(`server ${String(data.server.id)}${data.server.name ? ` (${String(data.server.name)})` : ''}`);
  if (data.user?.id !== undefined) parts.push(`user ${String(data.user.id)}`);
  return parts.join(', ');
}

/**
 * `webhooks listen --port 8080 --token T`: a local receiver that verifies each delivery (token,
 * freshness, duplicates) and prints it. Runs until Ctrl-C or SIGTERM.
 */
export async function listen(flags: ListenFlags): Promise<void> {
  const token = flags.token ?? process.env.VIRTFUSION_WEBHOOK_TOKEN;
  if (!token) throw new UsageError('webhooks listen needs --token (the token set on the webhook in the panel) or VIRTFUSION_WEBHOOK_TOKEN');
  const port = flags.port === undefined ? 8080 : parseCount(flags.port, '--port');
  if (port > 65_535) throw new UsageError(`--port must be at most 65535 (got ${port})`);
  const host = flags.host ?? '127.0.0.1';
  const path = flags.path ?? '/';
  const out = outputFor(flags as GlobalFlags);
  const receiver = createWebhookReceiver({ token });
  const handler = toNodeHandler(
    receiver,
    async (event) => {
      if (out.format === 'table') {
        await out.write(`${new Date().toISOString()}  ${event.event}  ${event.hookId}/${event.hookEventId}  ${summary(event)}\n`);
      } else if (out.format === 'quiet') {
        await out.write(`${event.event}\n`);
      } else {
        await out.write(`${JSON.stringify(event)}\n`);
      }
    },
    { onError: (error) => process.stderr.write(`virtfusion: delivery refused: ${(error as Error).message}\n`) },
  );
  const server = createServer((req, res) => {
    const requested = (req.url ?? '/').split('?')[0];
    if (path !== '/' && requested !== path) {
      res.statusCode = 404;
      res.end();
      return;
    }
    void handler(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new UsageError(`port ${port} is in use; pick another with --port`) : error.code === 'EACCES' ? new UsageError(`port ${port} needs more privileges; pick one above 1023`) : error),
    );
    server.listen(port, host, resolve);
  });
  const address = server.address();
  const actual = typeof address === 'object' && address !== null ? address.port : port;
  process.stderr.write(`Listening for VirtFusion webhooks on http://${host.includes(':') ? `[${host}]` : host}:${actual}${path} (Ctrl+C to stop)\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    interruptSignal.addEventListener('abort', stop, { once: true });
    process.once('SIGTERM', stop);
  });
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
