import { describeEventStoreContract } from "../contract/event-store-contract.js";
import { MemoryEventStore } from "./memory-event-store.js";

describeEventStoreContract("memory", async () => {
  const store = new MemoryEventStore();
  return { store, cleanup: () => store.close() };
});
