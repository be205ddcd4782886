import type { UserConfig } from './schema.js';

/** Typed identity helper for site.config.ts, so an editor completes every key. */
export function defineConfig(config: UserConfig): UserConfig {
  return config;
}
