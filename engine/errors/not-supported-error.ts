import { ReplayGraphError } from "./replaygraph-error.js";

/**
 * A LangGraph name that replaygraph exports so imports keep working, but cannot do yet. Thrown
 * when it is used (called, constructed, or read from), never at import; the message says what to
 * use instead.
 */
export class NotSupportedError extends ReplayGraphError {
  readonly code = "NOT_SUPPORTED";
  /** The LangGraph name that was used. */
  readonly feature: string;

  constructor(feature: string, instead: string) {
    super(`${feature} from @langchain/langgraph is not supported by replaygraph yet. ${instead}`);
    this.feature = feature;
  }
}
