import { ReplayGraphError } from "./replaygraph-error.js";

/** `getStore()` called without a config outside a node of a running graph. */
export class StoreOutsideNodeError extends ReplayGraphError {
  readonly code = "STORE_OUTSIDE_NODE";

  constructor() {
    super(
      "getStore() finds the long-term memory store of the node that is running, so without a config it can only be " +
        "called while a node runs (at any depth of its calls). Elsewhere, pass the config: getStore(config), or use the " +
        "store you gave to compile({ store }) directly.",
    );
  }
}
