import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 4000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      redisUrl: undefined,
      publicUrl: 'http://127.0.0.1:4000',
      logLevel: 'info',
      corsOrigins: [],
      rateLimitPerMinute: 100,
      gatewayRateLimitPerMinute: 1000,
      registration: 'invite',
    });
    expect(config.dataDir.endsWith('/data')).toBe(true);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATA_DIR: '/var/lib/studio',
      DATABASE_URL: 'postgres://u@db:5432/studio',
      REDIS_URL: 'redis://cache:6379',
      PUBLIC_URL: 'https://studio.example.com/',
      LOG_LEVEL: 'debug',
      CORS_ORIGINS: 'https://a.example.com, https://b.example.com',
      RATE_LIMIT_PER_MINUTE: '250',
      GATEWAY_RATE_LIMIT_PER_MINUTE: '5000',
      REGISTRATION: 'open',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/var/lib/studio',
      databaseUrl: 'postgres://u@db:5432/studio',
      redisUrl: 'redis://cache:6379',
      publicUrl: 'https://studio.example.com',
      logLevel: 'debug',
      corsOrigins: ['https://a.example.com', 'https://b.example.com'],
      rateLimitPerMinute: 250,
      gatewayRateLimitPerMinute: 5000,
      registration: 'open',
    });
  });

  it('parses TRUST_PROXY as a flag, a hop count or a list of proxies', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.7' }).trustProxy).toEqual(['10.0.0.0/8', '192.168.1.7']);
    expect(() => loadConfig({ TRUST_PROXY: 'the load balancer' })).toThrow(/TRUST_PROXY/);
  });

  it('passes only PATH and HOME on to local MCP server processes', () => {
    const config = loadConfig({
      PATH: '/usr/bin',
      HOME: '/home/studio',
      STUDIO_SECRET_KEY: 'a'.repeat(64),
      AWS_SECRET: 'x',
    });
    expect(config.childProcessBaseEnv).toEqual({ PATH: '/usr/bin', HOME: '/home/studio' });
  });

  it('reads limits for local MCP server processes, unset or 0 meaning none', () => {
    expect(loadConfig({}).serverProcessLimits).toEqual({});
    expect(loadConfig({ SERVER_MEMORY_LIMIT_MB: '0', SERVER_CPU_TIME_LIMIT_SECONDS: '0' }).serverProcessLimits).toEqual(
      {},
    );
    const limits = loadConfig({ SERVER_MEMORY_LIMIT_MB: '512', SERVER_CPU_TIME_LIMIT_SECONDS: '600' });
    expect(limits.serverProcessLimits).toEqual({ memoryMb: 512, cpuSeconds: 600 });
    expect(() => loadConfig({ SERVER_MEMORY_LIMIT_MB: 'lots' })).toThrow(/SERVER_MEMORY_LIMIT_MB/);
  });

  it('names every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        LOG_LEVEL: 'loud',
        REGISTRATION: 'everyone',
        DATABASE_URL: 'mysql://x',
        RATE_LIMIT_PER_MINUTE: '-1',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const name of ['PORT', 'LOG_LEVEL', 'REGISTRATION', 'DATABASE_URL', 'RATE_LIMIT_PER_MINUTE']) {
      expect(message).toContain(name);
    }
    expect((error as ConfigError).problems).toHaveLength(5);
  });
});
