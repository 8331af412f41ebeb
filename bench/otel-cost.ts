// What OpenTelemetry costs a call on a loopback panel: the same client (fetchTransport, retry())
// with tracing off, with openTelemetry() on the global no-op tracer and meter (what a process
// gets when nothing registered an SDK), and with the real SDK exporting to memory.
// Part of `npm run bench`; alone: npm run bench:otel  (node --import tsx bench/otel-cost.ts [--quick])
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { VirtFusion, fetchTransport, retry } from '../dist/index.js';
import { openTelemetry } from '../dist/otel.js';
import type { Panel } from './overhead';
import { atMost, us, type Row } from './report';
import { interleave } from './timing';

class HeldMetrics extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

export async function tracingCost(panel: Panel, quick: boolean): Promise<Row[]> {
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const meterProvider = new MeterProvider({ readers: [new HeldMetrics()] });
  const client = (otel: ReturnType<typeof openTelemetry>[] = []) =>
    new VirtFusion({ url: panel.origin, token: panel.token, transport: fetchTransport(), validate: 'off', middleware: [...otel, retry()] });
  const off = client();
  const control = client();
  const noop = client([openTelemetry()]);
  const sdk = client([openTelemetry({ tracerProvider, meterProvider })]);
  let calls = 0;
  const get = (vf: VirtFusion) => () => vf.request('GET /servers/{serverId}', { path: { serverId: 1 } });
  const runs = {
    'tracing off': get(off),
    'tracing off, a second client (noise control)': get(control),
    'openTelemetry(), no-op tracer and meter': get(noop),
    'openTelemetry(), real SDK in memory': () => {
      if ((calls += 1) % 1_000 === 0) exporter.reset();
      return get(sdk)();
    },
  };
  const result = await interleave(runs, { rounds: quick ? 6 : 30, perRound: quick ? 200 : 500, warmup: quick ? 200 : 1_000 });
  const noopRatio = result.ratio('openTelemetry(), no-op tracer and meter', 'tracing off');
  const sdkRatio = result.ratio('openTelemetry(), real SDK in memory', 'tracing off');
  const ms = result.meanMs;
  const controlRatio = result.ratio('tracing off, a second client (noise control)', 'tracing off');
  return [
    {
      what: 'tracing off, a second identical client over the first (the noise of this run)',
      measured: `${us(ms['tracing off, a second client (noise control)']!)} vs ${us(ms['tracing off']!)}`,
      ratio: controlRatio,
      target: '',
      met: undefined,
    },
    {
      what: 'openTelemetry() with the no-op tracer over tracing off (GET, loopback)',
      measured: `${us(ms['openTelemetry(), no-op tracer and meter']!)} vs ${us(ms['tracing off']!)}`,
      ratio: noopRatio,
      target: '≤ 1.05×',
      met: atMost(noopRatio, 1.05),
    },
    {
      what: 'openTelemetry() with the real SDK (in-memory exporter) over tracing off',
      measured: `${us(ms['openTelemetry(), real SDK in memory']!)} vs ${us(ms['tracing off']!)}`,
      ratio: sdkRatio,
      target: '',
      met: undefined,
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { startPanelStub } = await import('./panel-stub');
  const { serverRecord } = await import('./server-record');
  const { printTable } = await import('./report');
  const token = 'bench-token-0123456789abcdef';
  const one = JSON.stringify({ data: serverRecord(1) });
  const { origin, server } = await startPanelStub(token, () => one);
  const rows = await tracingCost({ origin, token }, process.argv.includes('--quick'));
  server.closeAllConnections();
  server.close();
  printTable(rows, `OpenTelemetry cost a call, Node ${process.version}; ratios are medians of per-round ratios`);
}
