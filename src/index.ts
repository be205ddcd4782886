/** Awning's public API: what site.config.ts imports, and build() for programs and tests. */
export { defineConfig } from './config/define.js';
export type { UserConfig, ResolvedConfig } from './config/schema.js';
export { build, type BuildOptions, type BuildResult } from './build.js';
export type { Diagnostic } from './diagnostics/diagnostic.js';
export type { PageView, PostSummary, LocationView, ServiceView, MenuItem, Term, PaginationView } from './model/views.js';
