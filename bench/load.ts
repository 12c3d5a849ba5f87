/** Load generation with autocannon: a warm-up whose figures are thrown away, then the measurement. */
import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  headers?: Record<string, string>;
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
}

export interface Measurement {
  /** Mean requests per second over the measured seconds (autocannon's per-second samples). */
  requestsPerSecond: number;
  /** Response times with 0.01 ms resolution (see LatencyHistogram). */
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  totalRequests: number;
  durationSeconds: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
}

/**
 * autocannon's own latency histogram keeps whole milliseconds, so a fast route shows p50 = 0 ms.
 * Its `response` event carries the exact time, which is counted here in buckets of 10 µs up to
 * 10 s (longer times land in the last bucket): constant memory and cost per response.
 */
class LatencyHistogram {
  private static readonly bucketMs = 0.01;
  private readonly counts = new Uint32Array(1_000_000);
  private n = 0;
  private sum = 0;
  private max = 0;

  record(ms: number): void {
    const i = Math.min(this.counts.length - 1, Math.floor(ms / LatencyHistogram.bucketMs));
    this.counts[i]!++;
    this.n++;
    this.sum += ms;
    if (ms > this.max) this.max = ms;
  }

  /** The upper edge of the bucket that holds the p-th percentile, in ms. */
  percentile(p: number): number {
    if (this.n === 0) return 0;
    const rank = Math.ceil((p / 100) * this.n);
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return round2((i + 1) * LatencyHistogram.bucketMs);
    }
    return round2(this.max);
  }

  summary() {
    return {
      mean: round2(this.n ? this.sum / this.n : 0),
      p50: this.percentile(50),
      p90: this.percentile(90),
      p99: this.percentile(99),
      max: round2(this.max),
    };
  }
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export async function measure(options: LoadOptions): Promise<Measurement> {
  const fire = (durationSeconds: number) =>
    autocannon({
      url: options.url,
      headers: options.headers ?? {},
      connections: options.connections,
      duration: durationSeconds,
      pipelining: 1,
    });

  if (options.warmupSeconds > 0) await fire(options.warmupSeconds);

  const latency = new LatencyHistogram();
  const run = fire(options.durationSeconds);
  run.on('response', (_client, _status, _bytes, responseTime) => latency.record(responseTime));
  const r = await run;
  return {
    requestsPerSecond: r.requests.average,
    latencyMs: latency.summary(),
    totalRequests: r.requests.total,
    durationSeconds: r.duration,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    statusCodes: Object.fromEntries(
      Object.entries(r.statusCodeStats ?? {}).map(([code, s]) => [code, Number(s.count)]),
    ),
  };
}
