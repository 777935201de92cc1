import type { RunConfig } from "./run-config.js";

/**
 * A call's config over defaults (what `graph.withConfig(defaults)` holds), as LangChain merges
 * configs: `configurable` and `metadata` merge key by key, `tags` and `callbacks` (when both are
 * lists) add up, and every other option of the call replaces the default's.
 */
export function mergeRunConfigs(defaults: RunConfig, call: RunConfig | undefined): RunConfig {
  if (call === undefined) return defaults;
  const merged: Record<string, unknown> = { ...defaults, ...call };
  if (defaults.configurable !== undefined || call.configurable !== undefined) merged.configurable = { ...defaults.configurable, ...call.configurable };
  if (defaults.metadata !== undefined || call.metadata !== undefined) merged.metadata = { ...defaults.metadata, ...call.metadata };
  if (defaults.tags !== undefined && call.tags !== undefined) merged.tags = [...new Set([...defaults.tags, ...call.tags])];
  if (Array.isArray(defaults.callbacks) && Array.isArray(call.callbacks)) merged.callbacks = [...defaults.callbacks, ...call.callbacks];
  else if (call.callbacks === undefined && defaults.callbacks !== undefined) merged.callbacks = defaults.callbacks;
  return merged as RunConfig;
}
