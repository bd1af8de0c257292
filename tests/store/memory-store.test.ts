/** The in-memory ArticleStore against the shared contract (the D1 store runs it in workerd). */
import { createMemoryStore } from "../../src/store/index.ts";
import { storeContract } from "./contract.ts";

storeContract("memory", () => createMemoryStore());
