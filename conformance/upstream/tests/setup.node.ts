import { initializeAsyncLocalStorageSingleton } from "../node.js";

initializeAsyncLocalStorageSingleton();
